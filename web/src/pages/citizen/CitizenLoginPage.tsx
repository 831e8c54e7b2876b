import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import type { InputProps } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { CitizenSession } from '../../api/types';
import { useApiError } from '../../common/useApiError';
import { useFormSubmit } from '../../common/useFormSubmit';
import { useI18n } from '../../i18n';
import { useSession } from '../../session/SessionContext';
import { CitizenShell, touch } from './CitizenShell';

const PHONE = /^1\d{10}$/;

const digitsOnly = (v: string) => v.replace(/[^\d]/g, '');

/** A numeric input sized for touch; its id is its test id too. */
function DigitsInput({ id, ...input }: InputProps & { id: string }) {
  return <Input id={id} inputMode="numeric" style={touch} data-testid={id} {...input} />;
}

export default function CitizenLoginPage() {
  const { t } = useI18n();
  const { state, signedIn } = useSession();
  const navigate = useNavigate();
  const { describe } = useApiError();
  const [form] = Form.useForm<{ phone: string; code: string }>();
  const [sending, setSending] = useState(false);
  const [cooldown, setCooldown] = useState(0);
  const [info, setInfo] = useState<string | null>(null);
  const { busy: signingIn, error, setError, submit: signIn } = useFormSubmit({
    send: ({ phone, code }: { phone: string; code: string }) =>
      api.post<CitizenSession>('/api/auth/citizen/login', { phone: phone.trim(), code: code.trim() }, { quiet401: true }),
    onDone: (session) => {
      signedIn(session);
      navigate('/citizen', { replace: true });
    },
  });

  useEffect(() => {
    if (cooldown <= 0) return;
    const timer = setTimeout(() => setCooldown((c) => c - 1), 1000);
    return () => clearTimeout(timer);
  }, [cooldown]);

  if (state.status === 'signedIn' && state.session.kind === 'citizen' && !signingIn) {
    return <Navigate to="/citizen" replace />;
  }

  const sendCode = async () => {
    setError(null);
    setInfo(null);
    let phone: string;
    try {
      phone = (await form.validateFields(['phone'])).phone.trim();
    } catch {
      return;
    }
    setSending(true);
    try {
      const r = await api.post<{ sent: boolean; expiresInSeconds: number }>('/api/auth/citizen/code', { phone }, { quiet401: true });
      setInfo(t('citizen.codeSent', { s: r.expiresInSeconds }));
      setCooldown(60);
      form.getFieldInstance('code')?.focus?.();
    } catch (e) {
      setError(describe(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <CitizenShell>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('citizen.loginTitle')}
        </Typography.Title>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="citizen-error" />}
        {info && <Alert type="success" showIcon title={info} style={{ marginBottom: 16 }} data-testid="citizen-code-sent" />}
        <Form form={form} layout="vertical" onFinish={signIn} requiredMark={false}>
          <Form.Item
            name="phone"
            label={t('citizen.phone')}
            rules={[{ required: true, pattern: PHONE, message: t('citizen.phoneInvalid') }]}
            normalize={digitsOnly}
          >
            <DigitsInput id="citizen-phone" type="tel" autoComplete="tel" maxLength={11} />
          </Form.Item>
          <Form.Item label={t('citizen.code')} required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item
                name="code"
                noStyle
                rules={[{ required: true, pattern: /^\d{6}$/, message: t('citizen.codeInvalid') }]}
                normalize={digitsOnly}
              >
                <DigitsInput id="citizen-code" autoComplete="one-time-code" maxLength={6} />
              </Form.Item>
              <Button
                style={{ ...touch, minWidth: 120 }}
                onClick={sendCode}
                loading={sending}
                disabled={cooldown > 0}
                data-testid="citizen-send-code"
              >
                {cooldown > 0 ? t('citizen.resendIn', { s: cooldown }) : t('citizen.sendCode')}
              </Button>
            </Space.Compact>
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={signingIn} style={touch} data-testid="citizen-sign-in">
            {t('citizen.signIn')}
          </Button>
        </Form>
      </Card>
      <div style={{ textAlign: 'center', marginTop: 24 }}>
        <Link to="/login">{t('citizen.staffLink')}</Link>
      </div>
    </CitizenShell>
  );
}

import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { StaffSession } from '../../api/types';
import { useFormSubmit } from '../../common/useFormSubmit';
import { useI18n } from '../../i18n';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { homePath } from '../../layout/nav';
import { useSession } from '../../session/SessionContext';

interface Values {
  username: string;
  password: string;
}

/** Only same-app paths are followed after sign-in (no open redirect). */
function safeFrom(from: string | null): string | null {
  if (!from || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/login')) return null;
  return from;
}

export default function LoginPage() {
  const { t } = useI18n();
  const { state, signedIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // 401 wrong credentials, 423 locked, 429 rate-limited: the server's message says which.
  const { busy, error, submit } = useFormSubmit({
    send: (values: Values) => api.post<StaffSession>('/api/auth/login', values, { quiet401: true }),
    onDone: (session) => {
      signedIn(session);
      navigate(safeFrom(params.get('from')) ?? homePath(session.account.permissions), { replace: true });
    },
  });

  if (state.status === 'signedIn' && state.session.kind === 'staff' && !busy) {
    return <Navigate to={safeFrom(params.get('from')) ?? homePath(state.session.account.permissions)} replace />;
  }

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(135deg, #e6f4ff 0%, #f5f5f5 60%)',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('login.title')}</Typography.Paragraph>
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
        )}
        <Form<Values> layout="vertical" onFinish={submit} requiredMark={false} data-testid="login-form">
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input id="username" prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input.Password id="password" prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <div style={{ marginTop: 16, textAlign: 'center' }}>
          <Link to="/citizen/login">{t('login.citizenLink')}</Link>
        </div>
      </Card>
    </div>
  );
}

import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { api } from '../../api/client';
import type { Appeal, Colour } from '../../api/types';
import { ColourTag } from '../../common/colour';
import { formatDateTime } from '../../common/format';
import { useFormSubmit } from '../../common/useFormSubmit';
import { useI18n } from '../../i18n';
import { AppealStatusTag } from '../health-codes/statusTags';
import { touch } from './CitizenShell';

const PENDING = new Set(['open', 'correction_proposed']);

/**
 * The person's latest appeal and its status; while the code is not green and no appeal is
 * pending, a form to file one (the reason at least 10 characters).
 */
export function CitizenAppeal({
  personId,
  colour,
  appeals,
  onFiled,
}: {
  personId: string;
  colour: Colour | undefined;
  appeals: Appeal[];
  onFiled: () => void;
}) {
  const { t, tk } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const latest = appeals[0];
  const pending = !!latest && PENDING.has(latest.status);
  const { busy, error, submit } = useFormSubmit({
    form,
    fields: ['reason'],
    reset: true,
    success: t('appeal.filed'),
    send: ({ reason }: { reason: string }) => api.post<Appeal>('/api/citizen/appeals', { personId, reason: reason.trim() }),
    onDone: onFiled,
  });

  if (!latest && colour === 'green') return null;

  return (
    <Card size="small" title={t('appeal.title')} data-testid="appeal">
      {latest && (
        <div data-testid="appeal-status" data-status={latest.status} style={{ marginBottom: pending || colour === 'green' ? 0 : 16 }}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
            <AppealStatusTag status={latest.status} large />
            <Typography.Text type="secondary">{formatDateTime(latest.filedAt)}</Typography.Text>
          </div>
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 4 }}>
            {t('appeal.yourReason')}{t('common.colon')}{latest.reason}{' '}
            <span style={{ whiteSpace: 'nowrap' }}>
              ({t('appeal.colourAtAppeal')} <ColourTag colour={latest.colourAtAppeal} />)
            </span>
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {tk('appeal.explain', latest.status)}
          </Typography.Paragraph>
          {latest.resolution && latest.status !== 'open' && (
            <Typography.Paragraph style={{ marginTop: 4, marginBottom: 0 }} data-testid="appeal-resolution">
              {t('appeal.resolution')}{t('common.colon')}{latest.resolution}
            </Typography.Paragraph>
          )}
        </div>
      )}
      {!pending && colour && colour !== 'green' && (
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="appeal-error" />}
          <Form.Item
            name="reason"
            label={latest ? t('appeal.again') : t('appeal.prompt')}
            rules={[
              { required: true, whitespace: true, message: t('appeal.reasonTooShort') },
              { min: 10, message: t('appeal.reasonTooShort') },
            ]}
          >
            <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('appeal.placeholder')} style={{ fontSize: 16 }} data-testid="appeal-reason" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} style={touch} data-testid="appeal-submit">
            {t('appeal.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

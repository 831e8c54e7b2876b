import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { RevealResult } from '../../api/types';
import { useApiError } from '../../common/useApiError';
import { useI18n } from '../../i18n';

/** Asks why the full ID number and phone are needed, then reveals them (the server audits it). */
export function RevealModal({
  personId,
  open,
  onClose,
  onRevealed,
}: {
  personId: string;
  open: boolean;
  onClose: () => void;
  onRevealed: (r: RevealResult) => void;
}) {
  const { t } = useI18n();
  const { describe } = useApiError();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<RevealResult>(`/api/people/${encodeURIComponent(personId)}/reveal`, {
        reason: reason.trim(),
      });
      form.resetFields();
      onRevealed(r);
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('people.revealTitle')}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      confirmLoading={busy}
      forceRender
      okButtonProps={{ 'data-testid': 'reveal-confirm' }}
    >
      <Alert type="warning" showIcon title={t('people.revealWarning')} style={{ marginBottom: 12 }} />
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="reveal-error" />
      )}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('people.revealReason')}
          rules={[
            { required: true, whitespace: true, message: t('people.revealReasonRequired') },
            { min: 4, message: t('people.revealReasonRequired') },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('people.revealReasonPlaceholder')}
            data-testid="reveal-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { Alert, Form, Input } from 'antd';
import { api } from '../../api/client';
import type { RevealResult } from '../../api/types';
import { FormModal } from '../../common/FormModal';
import { useFormSubmit } from '../../common/useFormSubmit';
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
  const [form] = Form.useForm<{ reason: string }>();
  const submission = useFormSubmit({
    form,
    reset: true,
    send: ({ reason }: { reason: string }) =>
      api.post<RevealResult>(`/api/people/${encodeURIComponent(personId)}/reveal`, { reason: reason.trim() }),
    onDone: onRevealed,
  });

  return (
    <FormModal
      form={form}
      submission={submission}
      open={open}
      title={t('people.revealTitle')}
      onCancel={() => {
        submission.setError(null);
        onClose();
      }}
      okText={t('common.confirm')}
      okTestId="reveal-confirm"
      errorTestId="reveal-error"
      notice={<Alert type="warning" showIcon title={t('people.revealWarning')} style={{ marginBottom: 12 }} />}
    >
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
    </FormModal>
  );
}

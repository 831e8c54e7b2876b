import { Alert, DatePicker, Form, Input } from 'antd';
import { api } from '../../../api/client';
import type { Override } from '../../../api/types';
import { ColourRadio } from '../../../common/ColourRadio';
import { FormModal } from '../../../common/FormModal';
import { useFormSubmit } from '../../../common/useFormSubmit';
import { useI18n } from '../../../i18n';

interface Values {
  colour: string;
  reason: string;
  validUntil?: { toISOString(): string } | null;
}

/** POST /api/people/:id/overrides: the first half of the two-person rule. */
export function ProposeOverrideModal({
  personId,
  open,
  onClose,
  onProposed,
}: {
  personId: string;
  open: boolean;
  onClose: () => void;
  onProposed: (o: Override) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit({
    form,
    fields: ['colour', 'reason', 'validUntil'],
    reset: true,
    success: t('overrides.proposed'),
    send: (v: Values) =>
      api.post<Override>(`/api/people/${encodeURIComponent(personId)}/overrides`, {
        colour: v.colour,
        reason: v.reason.trim(),
        ...(v.validUntil && { validUntil: v.validUntil.toISOString() }),
      }),
    onDone: onProposed,
  });
  const tooShort = t('common.minChars', { n: 10 });

  return (
    <FormModal
      form={form}
      submission={submission}
      open={open}
      title={t('overrides.proposeTitle')}
      okText={t('overrides.propose')}
      okTestId="override-submit"
      errorTestId="override-error"
      onCancel={() => {
        submission.setError(null);
        onClose();
      }}
      notice={<Alert type="warning" showIcon title={t('overrides.twoPersonNotice')} style={{ marginBottom: 12 }} />}
    >
      <Form.Item name="colour" label={t('overrides.colour')} rules={[{ required: true, message: t('common.required') }]}>
        <ColourRadio testIdPrefix="override-colour" />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('overrides.reason')}
        rules={[
          { required: true, whitespace: true, message: tooShort },
          { validator: (_, v?: string) => ((v ?? '').trim().length >= 10 ? Promise.resolve() : Promise.reject(new Error(tooShort))) },
        ]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('overrides.reasonPlaceholder')} data-testid="override-reason" />
      </Form.Item>
      <Form.Item name="validUntil" label={t('overrides.validUntil')} extra={t('overrides.validUntilHelp')}>
        <DatePicker
          showTime
          style={{ width: '100%' }}
          disabledDate={(d) => d.valueOf() < Date.now() - 86_400_000}
          placeholder={t('overrides.noEnd')}
          data-testid="override-until"
        />
      </Form.Item>
    </FormModal>
  );
}

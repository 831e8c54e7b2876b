import { Alert, DatePicker, Form, Input, Select } from 'antd';
import { api } from '../../../api/client';
import { FACT_KINDS, type Fact } from '../../../api/types';
import { FormModal } from '../../../common/FormModal';
import { useFormSubmit } from '../../../common/useFormSubmit';
import { useI18n } from '../../../i18n';

/** What a DatePicker hands back, as far as this form needs it. */
type Picked = { toISOString(): string } | null | undefined;

interface Values {
  kind: string;
  validFrom?: Picked;
  validUntil?: Picked;
  note: string;
}

/** POST /api/people/:id/health-facts: a fact by hand, with the evidence in the note; the colour follows. */
export function RecordFactModal({
  personId,
  open,
  onClose,
  onRecorded,
}: {
  personId: string;
  open: boolean;
  onClose: () => void;
  onRecorded: (f: Fact) => void;
}) {
  const { t, tk } = useI18n();
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit({
    form,
    fields: ['kind', 'validFrom', 'validUntil', 'note'],
    reset: true,
    success: t('facts.recorded'),
    send: (v: Values) =>
      api.post<Fact>(`/api/people/${encodeURIComponent(personId)}/health-facts`, {
        kind: v.kind,
        note: v.note.trim(),
        ...(v.validFrom && { validFrom: v.validFrom.toISOString() }),
        ...(v.validUntil && { validUntil: v.validUntil.toISOString() }),
      }),
    onDone: onRecorded,
  });
  const noteRule = t('common.minChars', { n: 4 });

  return (
    <FormModal
      form={form}
      submission={submission}
      open={open}
      title={t('facts.recordTitle')}
      okText={t('facts.record')}
      okTestId="fact-submit"
      errorTestId="fact-error"
      onCancel={() => {
        submission.setError(null);
        onClose();
      }}
      notice={<Alert type="info" showIcon title={t('facts.recordNotice')} style={{ marginBottom: 12 }} />}
    >
      <Form.Item name="kind" label={t('facts.kind')} rules={[{ required: true, message: t('common.required') }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('facts.kindPlaceholder')}
          data-testid="fact-kind"
          options={FACT_KINDS.map((k) => ({ value: k, label: tk('factKind', k) }))}
        />
      </Form.Item>
      <Form.Item name="validFrom" label={t('facts.validFrom')} extra={t('facts.validFromHelp')}>
        <DatePicker showTime style={{ width: '100%' }} placeholder={t('facts.now')} data-testid="fact-valid-from" />
      </Form.Item>
      <Form.Item name="validUntil" label={t('facts.validUntil')} extra={t('facts.validUntilHelp')}>
        <DatePicker showTime style={{ width: '100%' }} placeholder={t('facts.byPolicy')} data-testid="fact-valid-until" />
      </Form.Item>
      <Form.Item
        name="note"
        label={t('facts.note')}
        rules={[
          { required: true, whitespace: true, message: noteRule },
          { validator: (_, v?: string) => ((v ?? '').trim().length >= 4 ? Promise.resolve() : Promise.reject(new Error(noteRule))) },
        ]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('facts.notePlaceholder')} data-testid="fact-note" />
      </Form.Item>
    </FormModal>
  );
}

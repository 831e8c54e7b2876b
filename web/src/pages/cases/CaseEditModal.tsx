import { Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import { FormModal } from '../../common/FormModal';
import { useFormSubmit } from '../../common/useFormSubmit';
import { useI18n, type MessageKey } from '../../i18n';
import { fromLocalInput, toLocalInput } from './datetime';
import { CLASSIFICATIONS, ORIGINS, OUTCOMES, SEVERITIES, type CaseChange, type CaseDetail } from './types';

/** The one thing a change edits; every change carries a note into the case history. */
export type CaseField = 'classification' | 'severity' | 'outcome' | 'origin' | 'onsetDate' | 'isolatedAt';

export const CASE_FIELD_TITLE: Record<CaseField, MessageKey> = {
  classification: 'cases.reclassify',
  severity: 'cases.setSeverity',
  outcome: 'cases.setOutcome',
  origin: 'cases.setOrigin',
  onsetDate: 'cases.setOnset',
  isolatedAt: 'cases.setIsolation',
};

interface Values {
  value?: string;
  note?: string;
}

/** Allowed outcome changes (case-rules.ts canChangeOutcome): a closed outcome only goes back to treatment. */
const outcomeAllowed = (from: string, to: string) => from !== to && (from === 'under_treatment' || to === 'under_treatment');

/** PATCH /api/cases/:id with one field and a note. */
export function CaseEditModal({ kase, field, onClose, onSaved }: { kase: CaseDetail; field: CaseField | null; onClose: () => void; onSaved: (c: CaseDetail) => void }) {
  const { t, tk } = useI18n();
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit({
    form,
    fields: ['note'],
    reset: true,
    success: t('cases.changed'),
    send: (v: Values) => {
      const note = v.note?.trim() || undefined;
      const value = v.value?.trim() || null;
      const body: CaseChange =
        field === 'onsetDate'
          ? { onsetDate: value, note }
          : field === 'isolatedAt'
            ? { isolatedAt: fromLocalInput(value), note }
            : ({ [field!]: value, note } as CaseChange);
      return api.patch<CaseDetail>(`/api/cases/${encodeURIComponent(kase.id)}`, body);
    },
    onDone: onSaved,
  });

  const { setError } = submission;
  useEffect(() => {
    if (!field) return;
    setError(null);
    const current =
      field === 'isolatedAt' ? toLocalInput(kase.isolatedAt) : field === 'onsetDate' ? (kase.onsetDate ?? '') : field === 'classification' ? undefined : (kase[field] ?? undefined);
    form.setFieldsValue({ value: current ?? undefined, note: '' });
  }, [field, kase, form, setError]);

  const options: Partial<Record<CaseField, { value: string; label: string }[]>> = {
    classification: CLASSIFICATIONS.filter((c) => c !== kase.classification && c !== 'suspected').map((c) => ({ value: c, label: tk('classification', c) })),
    severity: SEVERITIES.map((s) => ({ value: s, label: tk('severity', s) })),
    outcome: OUTCOMES.filter((o) => outcomeAllowed(kase.outcome, o)).map((o) => ({ value: o, label: tk('outcome', o) })),
    origin: ORIGINS.map((o) => ({ value: o, label: tk('origin', o) })),
  };
  const required = [{ required: true, message: t('common.required') }];
  const choices = field ? options[field] : undefined;

  return (
    <FormModal
      form={form}
      submission={submission}
      open={!!field}
      title={field ? t(CASE_FIELD_TITLE[field]) : ''}
      okText={t('common.save')}
      okTestId="case-edit-submit"
      onCancel={onClose}
    >
      {choices && (
        <Form.Item name="value" label={t(CASE_FIELD_TITLE[field!])} rules={required}>
          <Select options={choices} data-testid="case-edit-value" />
        </Form.Item>
      )}
      {field === 'onsetDate' && (
        <Form.Item name="value" label={t('cases.onsetDate')} extra={t('cases.onsetHelp')}>
          <Input type="date" style={{ width: 180 }} data-testid="case-edit-value" />
        </Form.Item>
      )}
      {field === 'isolatedAt' && (
        <Form.Item name="value" label={t('cases.isolatedAt')} extra={t('cases.isolationHelp')}>
          <Input type="datetime-local" style={{ width: 240 }} data-testid="case-edit-value" />
        </Form.Item>
      )}
      <Form.Item name="note" label={t('cases.changeNote')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input.TextArea rows={2} maxLength={500} showCount data-testid="case-edit-note" />
      </Form.Item>
    </FormModal>
  );
}

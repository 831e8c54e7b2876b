import { Alert, Form, Input, Select } from 'antd';
import { api } from '../../api/client';
import { FormModal } from '../../common/FormModal';
import type { CreateModalProps } from '../../common/useCreateModal';
import { useFormSubmit } from '../../common/useFormSubmit';
import { useI18n } from '../../i18n';
import { PersonSelect } from './PersonSelect';
import { CLASSIFICATIONS, ORIGINS, type CaseSummary } from './types';

interface Values {
  personId: string;
  classification: string;
  origin: string;
  onsetDate?: string;
  note: string;
}

/** Opens a case by hand (a clinical diagnosis, a case reported by another city); positive lab results open theirs by themselves. */
export function NewCaseModal({ open, onClose, onCreated }: CreateModalProps<CaseSummary>) {
  const { t, tk } = useI18n();
  const [form] = Form.useForm<Values>();
  const required = [{ required: true, message: t('common.required') }];
  const submission = useFormSubmit({
    form,
    fields: ['personId', 'classification', 'origin', 'onsetDate', 'note'],
    reset: true,
    success: t('cases.created'),
    send: (v: Values) =>
      api.post<CaseSummary>('/api/cases', { personId: v.personId, classification: v.classification, origin: v.origin, ...(v.onsetDate && { onsetDate: v.onsetDate }), note: v.note.trim() }),
    onDone: onCreated,
  });
  return (
    <FormModal
      form={form}
      submission={submission}
      open={open}
      title={t('cases.new')}
      okText={t('common.create')}
      okTestId="new-case-submit"
      onCancel={onClose}
      formProps={{ initialValues: { classification: 'confirmed', origin: 'local' } }}
      notice={<Alert type="info" showIcon title={t('cases.newNotice')} style={{ marginBottom: 12 }} />}
    >
      <Form.Item name="personId" label={t('cases.person')} extra={t('cases.personHelp')} rules={required}>
        <PersonSelect testId="new-case-person" placeholder={t('cases.personPlaceholder')} />
      </Form.Item>
      <Form.Item name="classification" label={t('cases.classification')} rules={required}>
        <Select options={CLASSIFICATIONS.map((c) => ({ value: c, label: tk('classification', c) }))} data-testid="new-case-classification" />
      </Form.Item>
      <Form.Item name="origin" label={t('cases.origin')} rules={required}>
        <Select options={ORIGINS.map((o) => ({ value: o, label: tk('origin', o) }))} />
      </Form.Item>
      <Form.Item name="onsetDate" label={t('cases.onsetDate')}>
        <Input type="date" style={{ width: 180 }} />
      </Form.Item>
      <Form.Item name="note" label={t('cases.evidenceNote')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="new-case-note" />
      </Form.Item>
    </FormModal>
  );
}

import { Form, Input, Segmented, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { FormModal } from '../../common/FormModal';
import { useFormSubmit } from '../../common/useFormSubmit';
import { useI18n } from '../../i18n';
import { fromLocalInput } from './datetime';
import { PersonSelect } from './PersonSelect';
import { DEGREES } from './types';

interface Values {
  personId?: string;
  idNumber?: string;
  name?: string;
  phone?: string;
  degree: string;
  at?: string;
  note: string;
}

const FIELDS = ['personId', 'idNumber', 'name', 'phone', 'degree', 'at', 'note'];

/** Adds a contact the searches cannot find (a shared meal, the same car): a registered person, or by ID number (kept unmatched until registered). */
export function ManualContactModal({ caseId, open, onClose, onAdded }: { caseId: string; open: boolean; onClose: () => void; onAdded: () => void }) {
  const { t, tk } = useI18n();
  const [form] = Form.useForm<Values>();
  const [by, setBy] = useState<'person' | 'idNumber'>('person');
  const submission = useFormSubmit({
    form,
    fields: FIELDS,
    reset: true,
    success: t('contacts.added'),
    send: (v: Values) => {
      const text = (s?: string) => s?.trim() || undefined;
      const who = by === 'person' ? { personId: v.personId } : { idNumber: text(v.idNumber), name: text(v.name), phone: text(v.phone) };
      return api.post<{ id: string; matched: boolean }>(`/api/cases/${encodeURIComponent(caseId)}/contacts`, {
        ...who,
        degree: v.degree,
        ...(fromLocalInput(v.at) && { at: fromLocalInput(v.at) }),
        note: v.note.trim(),
      });
    },
    onDone: onAdded,
  });
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <FormModal
      form={form}
      submission={submission}
      open={open}
      title={t('contacts.addTitle')}
      okText={t('contacts.add')}
      okTestId="manual-contact-submit"
      onCancel={onClose}
      formProps={{ initialValues: { degree: 'close' } }}
    >
      <Form.Item label={t('contacts.addBy')}>
        <Segmented
          value={by}
          onChange={(v) => setBy(v as 'person' | 'idNumber')}
          options={[
            { value: 'person', label: t('contacts.byPerson') },
            { value: 'idNumber', label: t('contacts.byIdNumber') },
          ]}
        />
      </Form.Item>
      {by === 'person' ? (
        <Form.Item name="personId" label={t('contacts.person')} rules={[{ required: true, message: t('common.required') }]}>
          <PersonSelect testId="manual-contact-person" placeholder={t('cases.personPlaceholder')} />
        </Form.Item>
      ) : (
        <>
          <Form.Item name="idNumber" label={t('contacts.idNumber')} rules={required}>
            <Input maxLength={32} autoComplete="off" data-testid="manual-contact-id" />
          </Form.Item>
          <Form.Item name="name" label={t('contacts.name')} rules={required}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="phone" label={t('contacts.phone')}>
            <Input maxLength={20} />
          </Form.Item>
        </>
      )}
      <Form.Item name="degree" label={t('contacts.degree')} rules={required}>
        <Select options={DEGREES.map((d) => ({ value: d, label: tk('degree', d) }))} style={{ width: 180 }} />
      </Form.Item>
      <Form.Item name="at" label={t('contacts.at')}>
        <Input type="datetime-local" style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="note" label={t('contacts.howMet')} rules={required}>
        <Input.TextArea rows={2} maxLength={500} showCount data-testid="manual-contact-note" />
      </Form.Item>
    </FormModal>
  );
}

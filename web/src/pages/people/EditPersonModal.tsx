import { Form } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import type { Person } from '../../api/types';
import { FormModal } from '../../common/FormModal';
import { useFormSubmit } from '../../common/useFormSubmit';
import { useI18n } from '../../i18n';
import { compact, PersonFields } from './PersonFields';

const FIELDS = ['name', 'phone', 'jurisdictionCode', 'address', 'residency', 'groups'];

interface Values {
  name: string;
  phone?: string;
  jurisdictionCode?: string;
  address?: string;
  residency?: string;
  groups?: string[];
}

/** PATCH /api/people/:id. The phone is left blank (it is masked); fill it only to change it. */
export function EditPersonModal({
  person,
  open,
  onClose,
  onSaved,
}: {
  person: Person;
  open: boolean;
  onClose: () => void;
  onSaved: (p: Person) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit({
    form,
    fields: FIELDS,
    send: (values: Values) => api.patch<Person>(`/api/people/${encodeURIComponent(person.id)}`, compact(values)),
    success: t('people.updated'),
    onDone: onSaved,
  });

  const { setError } = submission;
  useEffect(() => {
    if (open) {
      form.setFieldsValue({
        name: person.name,
        phone: '',
        jurisdictionCode: '',
        address: person.address ?? '',
        residency: person.residency,
        groups: person.groups,
      });
      setError(null);
    }
  }, [open, person, form, setError]);

  return (
    <FormModal
      form={form}
      submission={submission}
      open={open}
      title={t('people.editTitle')}
      onCancel={onClose}
      okText={t('common.save')}
    >
      <PersonFields mode="edit" />
    </FormModal>
  );
}

import { Form } from 'antd';
import { api } from '../../api/client';
import type { Person } from '../../api/types';
import { FormModal } from '../../common/FormModal';
import type { CreateModalProps } from '../../common/useCreateModal';
import { useFormSubmit } from '../../common/useFormSubmit';
import { useI18n } from '../../i18n';
import { compact, PersonFields } from './PersonFields';

const FIELDS = ['name', 'documentType', 'idNumber', 'phone', 'jurisdictionCode', 'address', 'residency', 'groups'];

interface Values {
  name: string;
  documentType?: string;
  idNumber: string;
  phone: string;
  jurisdictionCode?: string;
  address?: string;
  residency?: string;
  groups?: string[];
}

export function NewPersonModal({ open, onClose, onCreated }: CreateModalProps<Person>) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit({
    form,
    fields: FIELDS,
    send: (values: Values) => api.post<Person>('/api/people', compact(values)),
    success: t('people.created'),
    reset: true,
    onDone: onCreated,
  });

  return (
    <FormModal
      form={form}
      submission={submission}
      open={open}
      title={t('people.new')}
      onCancel={onClose}
      okText={t('common.create')}
      okTestId="new-person-submit"
      formProps={{ 'data-testid': 'new-person-form' }}
    >
      <PersonFields mode="create" />
    </FormModal>
  );
}

import { App, Alert, Form, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { Person } from '../../api/types';
import { useApiError } from '../../common/useApiError';
import { useI18n } from '../../i18n';
import { compact, PersonFields } from './PersonFields';

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
  const { message } = App.useApp();
  const { describe } = useApiError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

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
  }, [open, person, form]);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const body = compact(values);
      const saved = await api.patch<Person>(`/api/people/${encodeURIComponent(person.id)}`, body);
      void message.success(t('people.updated'));
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.field && ['name', 'phone', 'jurisdictionCode', 'address', 'residency', 'groups'].includes(e.field)) {
        form.setFields([{ name: e.field as keyof Values, errors: [e.message] }]);
      } else {
        setError(describe(e));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('people.editTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={busy}
      forceRender
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <PersonFields mode="edit" />
      </Form>
    </Modal>
  );
}

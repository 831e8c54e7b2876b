import { App, Alert, Form, Modal } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { Person } from '../../api/types';
import { useApiError } from '../../common/useApiError';
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

export function NewPersonModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (p: Person) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { describe } = useApiError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const person = await api.post<Person>('/api/people', compact(values));
      void message.success(t('people.created'));
      form.resetFields();
      onCreated(person);
    } catch (e) {
      if (e instanceof ApiError && e.field && FIELDS.includes(e.field)) {
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
      title={t('people.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      confirmLoading={busy}
      forceRender
      okButtonProps={{ 'data-testid': 'new-person-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="new-person-form">
        <PersonFields mode="create" />
      </Form>
    </Modal>
  );
}

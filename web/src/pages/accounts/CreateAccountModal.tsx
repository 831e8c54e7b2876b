import { App, Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import { ROLES, type AccountRow } from '../../api/types';
import { JurisdictionCodeInput } from '../../common/JurisdictionCodeInput';
import { useApiError } from '../../common/useApiError';
import { useI18n } from '../../i18n';
import { useStaff } from '../../session/SessionContext';

interface Values {
  username: string;
  displayName: string;
  password: string;
  role: string;
  jurisdictionCode: string;
}

const FIELDS = ['username', 'displayName', 'password', 'role', 'jurisdictionCode'];

export function CreateAccountModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (a: AccountRow) => void;
}) {
  const { t, tk } = useI18n();
  const { message } = App.useApp();
  const { describe } = useApiError();
  const { account } = useStaff();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const required = [{ required: true, message: t('common.required') }];
  // Only an administrator may create another administrator; the server checks the rest.
  const roles = ROLES.filter((r) => r !== 'admin' || account.role === 'admin');

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<AccountRow>('/api/accounts', {
        ...values,
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        jurisdictionCode: values.jurisdictionCode.trim(),
      });
      void message.success(t('accounts.created'));
      form.resetFields();
      onCreated(created);
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
      title={t('accounts.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.create')}
      confirmLoading={busy}
      forceRender
      okButtonProps={{ 'data-testid': 'new-account-submit' }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ jurisdictionCode: account.jurisdiction.code }}
        autoComplete="off"
      >
        <Form.Item
          name="username"
          label={t('accounts.username')}
          extra={t('accounts.usernameHelp')}
          rules={[...required, { pattern: /^[a-z][a-z0-9_.-]{2,31}$/, message: t('accounts.usernameHelp') }]}
        >
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('accounts.displayName')} rules={required}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('accounts.password')}
          extra={t('accounts.passwordHelp')}
          rules={[...required, { min: 10, message: t('accounts.passwordHelp') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t('accounts.role')} rules={required}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={roles.map((r) => ({ value: r, label: tk('role', r) }))} />
        </Form.Item>
        <Form.Item name="jurisdictionCode" label={t('accounts.jurisdictionCode')} rules={required}>
          <JurisdictionCodeInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}

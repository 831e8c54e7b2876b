import { Form, Input, Select } from 'antd';
import { api } from '../../api/client';
import { ROLES, type AccountRow } from '../../api/types';
import { FormModal } from '../../common/FormModal';
import { JurisdictionCodeInput } from '../../common/JurisdictionCodeInput';
import type { CreateModalProps } from '../../common/useCreateModal';
import { useFormSubmit } from '../../common/useFormSubmit';
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

export function CreateAccountModal({ open, onClose, onCreated }: CreateModalProps<AccountRow>) {
  const { t, tk } = useI18n();
  const { account } = useStaff();
  const [form] = Form.useForm<Values>();
  const required = [{ required: true, message: t('common.required') }];
  // Only an administrator may create another administrator; the server checks the rest.
  const roles = ROLES.filter((r) => r !== 'admin' || account.role === 'admin');

  const submission = useFormSubmit({
    form,
    fields: FIELDS,
    send: (values: Values) =>
      api.post<AccountRow>('/api/accounts', {
        ...values,
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        jurisdictionCode: values.jurisdictionCode.trim(),
      }),
    success: t('accounts.created'),
    reset: true,
    onDone: onCreated,
  });

  return (
    <FormModal
      form={form}
      submission={submission}
      open={open}
      title={t('accounts.new')}
      onCancel={onClose}
      okText={t('common.create')}
      okTestId="new-account-submit"
      formProps={{ initialValues: { jurisdictionCode: account.jurisdiction.code }, autoComplete: 'off' }}
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
    </FormModal>
  );
}

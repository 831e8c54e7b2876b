import { Form, Input, Select } from 'antd';
import { DOCUMENT_TYPES } from '../../api/types';
import { JurisdictionCodeInput } from '../../common/JurisdictionCodeInput';
import { useI18n } from '../../i18n';
import { usePersonOptions } from './personOptions';

/** Form fields of a person; `create` adds the identity fields that cannot change later. */
export function PersonFields({ mode }: { mode: 'create' | 'edit' }) {
  const { t, tk } = useI18n();
  const options = usePersonOptions();
  const required = [{ required: true, message: t('common.required') }];
  return (
    <>
      <Form.Item name="name" label={t('people.name')} rules={required}>
        <Input maxLength={50} data-testid="person-form-name" />
      </Form.Item>
      {mode === 'create' && (
        <>
          <Form.Item name="documentType" label={t('people.documentType')} initialValue="resident_id">
            <Select options={DOCUMENT_TYPES.map((d) => ({ value: d, label: tk('doc', d) }))} />
          </Form.Item>
          <Form.Item name="idNumber" label={t('people.idNumber')} rules={required}>
            <Input maxLength={20} autoComplete="off" data-testid="person-form-id-number" />
          </Form.Item>
        </>
      )}
      <Form.Item name="phone" label={t('people.phone')} rules={mode === 'create' ? required : undefined}>
        <Input maxLength={20} inputMode="tel" autoComplete="off" data-testid="person-form-phone" />
      </Form.Item>
      <Form.Item name="jurisdictionCode" label={t('people.jurisdictionCode')} extra={t('people.jurisdictionCodeHelp')}>
        <JurisdictionCodeInput data-testid="person-form-jurisdiction-code" />
      </Form.Item>
      <Form.Item name="address" label={t('people.address')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="residency" label={t('people.residency')} initialValue={mode === 'create' ? 'resident' : undefined}>
        <Select options={options.residency} />
      </Form.Item>
      <Form.Item name="groups" label={t('people.groups')}>
        <Select mode="multiple" allowClear options={options.groups} />
      </Form.Item>
    </>
  );
}

/** Drops empty strings so optional fields are left out of the request. */
export function compact<T extends object>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(values) as [keyof T, T[keyof T]][]) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    out[k] = (typeof v === 'string' ? v.trim() : v) as T[keyof T];
  }
  return out;
}

import { SearchOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select } from 'antd';
import type { FormProps } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

/** An inline filter form: its fields, then Search (submits) and Reset. */
export function FilterForm<V>({
  onReset,
  searchTestId,
  resetTestId,
  children,
  ...form
}: Omit<FormProps<V>, 'children'> & {
  onReset: () => void;
  searchTestId: string;
  resetTestId?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Form<V> layout="inline" style={{ marginBottom: 12, rowGap: 8 }} {...form}>
      {children}
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid={searchTestId}>
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button onClick={onReset} data-testid={resetTestId}>
          {t('common.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}

interface FilterProps {
  name: string;
  placeholder: string;
  width: number;
  testId?: string;
}

/** A clearable text filter of a FilterForm. */
export function TextFilter({ name, placeholder, width, testId, autoComplete }: FilterProps & { autoComplete?: string }) {
  return (
    <Form.Item name={name}>
      <Input placeholder={placeholder} allowClear style={{ width }} data-testid={testId} autoComplete={autoComplete} />
    </Form.Item>
  );
}

/** A clearable single-choice filter of a FilterForm. */
export function SelectFilter({
  name,
  placeholder,
  width,
  testId,
  options,
}: FilterProps & { options: { value: string; label: string }[] }) {
  return (
    <Form.Item name={name}>
      <Select allowClear placeholder={placeholder} style={{ width }} data-testid={testId} options={options} />
    </Form.Item>
  );
}

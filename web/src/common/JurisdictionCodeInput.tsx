import { AutoComplete } from 'antd';
import { api } from '../api/client';
import type { Jurisdiction } from '../api/types';
import { useI18n } from '../i18n';
import { useRemoteOptions } from './useRemoteOptions';

/**
 * A jurisdiction code field that suggests nodes by name or code (GET /api/jurisdictions?q=).
 * Its value is the code itself, so it works as a plain text input too.
 */
export function JurisdictionCodeInput({
  value,
  onChange,
  id,
  placeholder,
  'data-testid': testId,
}: {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  placeholder?: string;
  'data-testid'?: string;
}) {
  const { tk } = useI18n();
  const { options, search } = useRemoteOptions(
    async (q, signal) => {
      const r = await api.get<{ items: Jurisdiction[] }>('/api/jurisdictions', { q, limit: 20 }, signal);
      return r.items.map((j) => ({ value: j.code, label: `${j.name} · ${tk('level', j.level)} · ${j.code}` }));
    },
    { clearOnEmpty: true },
  );

  return (
    <AutoComplete
      id={id}
      value={value}
      options={options}
      onSearch={search}
      onChange={(v) => onChange?.(v)}
      placeholder={placeholder}
      data-testid={testId}
      allowClear
    />
  );
}

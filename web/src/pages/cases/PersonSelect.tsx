import { Select } from 'antd';
import { api } from '../../api/client';
import type { Page, Person } from '../../api/types';
import { useRemoteOptions } from '../../common/useRemoteOptions';

/**
 * A person picker over GET /api/people: a full ID number searches exactly, anything else by the
 * start of the name. Its value is the person's id.
 */
export function PersonSelect({ value, onChange, placeholder, testId }: { value?: string; onChange?: (id: string | undefined) => void; placeholder?: string; testId?: string }) {
  const { options, loading, search } = useRemoteOptions(async (q, signal) => {
    const byId = /^[0-9A-Za-z]{15,20}$/.test(q) && /\d{6}/.test(q);
    const r = await api.get<Page<Person>>('/api/people', { ...(byId ? { idNumber: q } : { q }), pageSize: 20 }, signal);
    return r.items.map((p) => ({ value: p.id, label: `${p.name} · ${p.idNumberMasked} · ${p.jurisdiction.name}` }));
  });

  return (
    <Select<string>
      allowClear
      showSearch={{ filterOption: false, onSearch: search }}
      loading={loading}
      placeholder={placeholder}
      value={value}
      onChange={(v) => onChange?.(v)}
      options={options}
      data-testid={testId}
    />
  );
}

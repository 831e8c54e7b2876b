import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { Page, Person } from '../../api/types';

/**
 * A person picker over GET /api/people: a full ID number searches exactly, anything else by the
 * start of the name. Its value is the person's id.
 */
export function PersonSelect({ value, onChange, placeholder, testId }: { value?: string; onChange?: (id: string | undefined) => void; placeholder?: string; testId?: string }) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const controller = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      controller.current?.abort();
    },
    [],
  );

  const search = (text: string) => {
    clearTimeout(timer.current);
    const q = text.trim();
    if (!q) return;
    timer.current = setTimeout(() => {
      controller.current?.abort();
      const ac = new AbortController();
      controller.current = ac;
      setLoading(true);
      const byId = /^[0-9A-Za-z]{15,20}$/.test(q) && /\d{6}/.test(q);
      api
        .get<Page<Person>>('/api/people', { ...(byId ? { idNumber: q } : { q }), pageSize: 20 }, ac.signal)
        .then((r) => setOptions(r.items.map((p) => ({ value: p.id, label: `${p.name} · ${p.idNumberMasked} · ${p.jurisdiction.name}` }))))
        .catch(() => setOptions([]))
        .finally(() => {
          if (!ac.signal.aborted) setLoading(false);
        });
    }, 250);
  };

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

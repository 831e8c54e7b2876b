import { AutoComplete } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { Jurisdiction } from '../api/types';
import { useI18n } from '../i18n';

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
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const controller = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
      controller.current?.abort();
    },
    [],
  );

  const search = (q: string) => {
    clearTimeout(timer.current);
    if (!q.trim()) {
      setOptions([]);
      return;
    }
    timer.current = setTimeout(() => {
      controller.current?.abort();
      const ac = new AbortController();
      controller.current = ac;
      api
        .get<{ items: Jurisdiction[] }>('/api/jurisdictions', { q: q.trim(), limit: 20 }, ac.signal)
        .then((r) =>
          setOptions(r.items.map((j) => ({ value: j.code, label: `${j.name} · ${tk('level', j.level)} · ${j.code}` }))),
        )
        .catch(() => setOptions([]));
    }, 250);
  };

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

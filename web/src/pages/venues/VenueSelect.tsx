import { Select } from 'antd';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { api } from '../../api/client';
import type { Page, Venue } from '../../api/types';
import { useI18n } from '../../i18n';

export interface VenueOption {
  id: string;
  code: string;
  name: string;
  type: string;
}

/** A venue picker that searches GET /api/venues by name or code prefix as you type. */
export function VenueSelect({
  value,
  onChange,
  placeholder,
  testId,
  style,
  size,
}: {
  value: VenueOption | null;
  onChange: (v: VenueOption | null) => void;
  placeholder?: string;
  testId?: string;
  style?: CSSProperties;
  size?: 'large' | 'middle' | 'small';
}) {
  const { tk } = useI18n();
  const [options, setOptions] = useState<VenueOption[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const controller = useRef<AbortController | null>(null);

  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      controller.current?.abort();
      const ac = new AbortController();
      controller.current = ac;
      setLoading(true);
      api
        .get<Page<Venue>>('/api/venues', { q: q.trim() || undefined, pageSize: 20 }, ac.signal)
        .then((r) => setOptions(r.items.map((v) => ({ id: v.id, code: v.code, name: v.name, type: v.type }))))
        .catch(() => undefined)
        .finally(() => {
          if (!ac.signal.aborted) setLoading(false);
        });
    }, 250);
  };

  useEffect(() => {
    search('');
    return () => {
      clearTimeout(timer.current);
      controller.current?.abort();
    };
    // once, on mount
  }, []);

  const all = value && !options.some((o) => o.id === value.id) ? [value, ...options] : options;
  return (
    <Select<string>
      allowClear
      showSearch={{ filterOption: false, onSearch: search }}
      loading={loading}
      size={size}
      style={style}
      placeholder={placeholder}
      data-testid={testId}
      value={value?.id}
      onChange={(id) => onChange(all.find((o) => o.id === id) ?? null)}
      options={all.map((v) => ({ value: v.id, label: `${v.name} · ${tk('venueType', v.type)} · ${v.code}` }))}
    />
  );
}

import { useEffect, useRef, useState } from 'react';

export interface Option {
  value: string;
  label: string;
}

/**
 * Options of a search box fetched from the server as the user types: debounced (250 ms), the
 * previous request aborted when a new one starts, nothing left running after unmount. Empty text
 * fetches nothing unless `allowEmpty`; `clearOnEmpty` also empties the list (a free-text field
 * wants that; a select must keep the option of its chosen value).
 */
export function useRemoteOptions(fetchOptions: (q: string, signal: AbortSignal) => Promise<Option[]>, opts: { allowEmpty?: boolean; clearOnEmpty?: boolean } = {}) {
  const [options, setOptions] = useState<Option[]>([]);
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
    if (!q && !opts.allowEmpty) {
      if (opts.clearOnEmpty) setOptions([]);
      return;
    }
    timer.current = setTimeout(() => {
      controller.current?.abort();
      const ac = new AbortController();
      controller.current = ac;
      setLoading(true);
      fetchOptions(q, ac.signal)
        .then(setOptions)
        .catch(() => setOptions([]))
        .finally(() => {
          if (!ac.signal.aborted) setLoading(false);
        });
    }, 250);
  };

  return { options, loading, search };
}

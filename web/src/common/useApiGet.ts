import { useCallback, useEffect, useState } from 'react';
import { api, withQuery, type Query } from '../api/client';
import { useApiError } from './useApiError';

/**
 * GET `path?query` whenever the URL (or `trigger`) changes, cancelling the previous request.
 * The last answer stays in `data` while the next one loads; a failure lands in `error`.
 * A null `path` asks nothing (say, for a section the account may not read).
 */
export function useApiGet<T>(path: string | null, query?: Query, trigger?: unknown) {
  const { describe } = useApiError();
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const url = path === null ? null : withQuery(path, query);

  useEffect(() => {
    if (url === null) return;
    const ac = new AbortController();
    setLoading(true);
    setError(null);
    api
      .get<T>(url, undefined, ac.signal)
      .then(setData)
      .catch((e) => {
        if (!ac.signal.aborted) setError(describe(e));
      })
      .finally(() => {
        if (!ac.signal.aborted) setLoading(false);
      });
    return () => ac.abort();
  }, [url, trigger, tick, describe]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, loading, error, reload };
}

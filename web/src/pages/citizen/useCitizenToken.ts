import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { CitizenToken } from '../../api/types';
import { useApiError } from '../../common/useApiError';

/** How often the QR is renewed when the server does not say (its tokens live 120 s). */
const DEFAULT_REFRESH_SECONDS = 60;
/** After a failed renewal, try again this soon. */
const RETRY_SECONDS = 10;

/** The token's own lifetime (exp − iat), read from its payload; the phone's clock may differ from the server's. */
function lifetimeSeconds(token: string): number | null {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const { iat, exp } = JSON.parse(atob(payload)) as { iat?: number; exp?: number };
    return typeof iat === 'number' && typeof exp === 'number' && exp > iat ? exp - iat : null;
  } catch {
    return null;
  }
}

export interface TokenState {
  token: CitizenToken | null;
  error: string | null;
  loading: boolean;
  /** Local time (ms) of the next renewal, and when the QR shown stops being valid. */
  refreshAt: number;
  expiresAt: number;
  /** Renew now. */
  refresh: () => void;
}

/**
 * The dynamic health code of one person: fetched at once, renewed every `refreshInSeconds`
 * (60 s), whenever the page comes back into view and whenever `version` changes (something the
 * person did may have changed the colour), so the QR shown is always valid and current.
 */
export function useCitizenToken(personId: string, version = 0): TokenState {
  const { describe } = useApiError();
  const [token, setToken] = useState<CitizenToken | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [refreshAt, setRefreshAt] = useState(0);
  const [expiresAt, setExpiresAt] = useState(0);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    const ac = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (seconds: number) => {
      setRefreshAt(Date.now() + seconds * 1000);
      timer = setTimeout(() => setTick((n) => n + 1), seconds * 1000);
    };
    setLoading(true);
    api
      .get<CitizenToken>('/api/citizen/health-code', { personId }, ac.signal)
      .then((t) => {
        const received = Date.now();
        const life = lifetimeSeconds(t.token);
        setToken(t);
        setError(null);
        setExpiresAt(life ? received + life * 1000 : Date.parse(t.expiresAt));
        schedule(t.refreshInSeconds > 0 ? t.refreshInSeconds : DEFAULT_REFRESH_SECONDS);
      })
      .catch((e) => {
        if (ac.signal.aborted) return;
        setError(describe(e));
        schedule(RETRY_SECONDS);
      })
      .finally(() => {
        if (!ac.signal.aborted) setLoading(false);
      });
    return () => {
      ac.abort();
      clearTimeout(timer);
    };
  }, [personId, tick, version, describe]);

  // A phone that slept may have let the QR expire: renew when the page is shown again.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [refresh]);

  return { token, error, loading, refreshAt, expiresAt, refresh };
}

/** The current time, updated every second (for countdowns). */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

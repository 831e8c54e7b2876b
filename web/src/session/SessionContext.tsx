import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, onUnauthenticated, request, setCsrfToken } from '../api/client';
import type { Permission, Session, StaffSession } from '../api/types';

type State = { status: 'loading' } | { status: 'anonymous' } | { status: 'signedIn'; session: Session };

interface SessionValue {
  state: State;
  /** Adopt a session returned by a sign-in call. */
  signedIn: (session: Session) => void;
  signOut: () => Promise<void>;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const session = await request<Session>('GET', '/api/auth/me', { quiet401: true });
      setCsrfToken(session.csrfToken);
      setState({ status: 'signedIn', session });
    } catch {
      // 401 (signed out) or unreachable: either way there is nothing better to show than a sign-in page.
      setCsrfToken(null);
      setState({ status: 'anonymous' });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(
    () =>
      onUnauthenticated(() => {
        setCsrfToken(null);
        setState({ status: 'anonymous' });
      }),
    [],
  );

  const signedIn = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'signedIn', session });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.post<void>('/api/auth/logout', undefined, { quiet401: true });
    } catch {
      // signed out either way
    }
    setCsrfToken(null);
    setState({ status: 'anonymous' });
  }, []);

  const value = useMemo(() => ({ state, signedIn, signOut, refresh }), [state, signedIn, signOut, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in staff session; only call under RequireStaff. */
export function useStaff(): StaffSession {
  const { state } = useSession();
  if (state.status !== 'signedIn' || state.session.kind !== 'staff') throw new Error('useStaff without a staff session');
  return state.session;
}

export function useCan(): (p: Permission) => boolean {
  const staff = useStaff();
  return (p) => staff.account.permissions.includes(p);
}

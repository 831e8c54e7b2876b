import { Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Permission } from '../api/types';
import { useI18n } from '../i18n';
import { useSession, useStaff } from '../session/SessionContext';
import { FullPageSpin } from './FullPageSpin';

/** Staff pages: signed-out (or citizen) visitors go to /login, then come back. */
export function RequireStaff({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status !== 'signedIn' || state.session.kind !== 'staff') {
    const from = location.pathname + location.search;
    return <Navigate to={`/login?from=${encodeURIComponent(from)}`} replace />;
  }
  return <>{children}</>;
}

/** Citizen pages: anyone not signed in as a citizen goes to /citizen/login. */
export function RequireCitizen({ children }: { children: ReactNode }) {
  const { state } = useSession();
  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status !== 'signedIn' || state.session.kind !== 'citizen') return <Navigate to="/citizen/login" replace />;
  return <>{children}</>;
}

/** A page that needs one permission; shows a 403 result instead of a failing API call. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const staff = useStaff();
  const { t } = useI18n();
  if (!staff.account.permissions.includes(permission)) {
    return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  }
  return <>{children}</>;
}

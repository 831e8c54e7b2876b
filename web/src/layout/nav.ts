import type { Permission } from '../api/types';
import type { MessageKey } from '../i18n';

export interface NavEntry {
  path: string;
  label: MessageKey;
  permission: Permission;
}

/** Side-menu entries, each shown only when the account holds its permission. */
export const NAV: NavEntry[] = [
  { path: '/jurisdictions', label: 'nav.jurisdictions', permission: 'jurisdictions:read' },
  { path: '/people', label: 'nav.people', permission: 'people:read' },
  { path: '/imports/people', label: 'nav.imports', permission: 'people:import' },
  { path: '/accounts', label: 'nav.accounts', permission: 'accounts:read' },
  { path: '/audit', label: 'nav.audit', permission: 'audit:read' },
];

/** Where a staff account lands after sign-in: its first permitted page. */
export function homePath(permissions: readonly string[]): string {
  return NAV.find((n) => permissions.includes(n.permission))?.path ?? '/people';
}

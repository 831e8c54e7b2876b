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
  { path: '/checkpoint', label: 'nav.checkpoint', permission: 'pass_checks:write' },
  { path: '/sampling', label: 'nav.sampling', permission: 'sampling:write' },
  { path: '/venues', label: 'nav.venues', permission: 'venues:read' },
  { path: '/lab', label: 'nav.lab', permission: 'results:read' },
  { path: '/appeals', label: 'nav.appeals', permission: 'appeals:resolve' },
  { path: '/overrides', label: 'nav.overrides', permission: 'overrides:propose' },
  { path: '/health-codes/policies', label: 'nav.policies', permission: 'people:read' },
  { path: '/follow-ups', label: 'nav.followUps', permission: 'follow_ups:read' },
  { path: '/follow-ups/tasks', label: 'nav.followUpTasks', permission: 'follow_ups:read' },
  { path: '/rounds', label: 'nav.rounds', permission: 'rounds:manage' },
  { path: '/coverage', label: 'nav.coverage', permission: 'coverage:read' },
  { path: '/investigations', label: 'nav.investigations', permission: 'cases:read' },
  { path: '/cases', label: 'nav.cases', permission: 'cases:read' },
  { path: '/chains', label: 'nav.chains', permission: 'cases:read' },
  { path: '/accounts', label: 'nav.accounts', permission: 'accounts:read' },
  { path: '/audit', label: 'nav.audit', permission: 'audit:read' },
];

/**
 * The order in which a landing page is chosen. The checkpoint comes before the people list: gate
 * staff (who read people but not the tree) work there all day; anyone who reads the tree lands on it.
 * Investigators and hospital staff (who write cases but do not manage investigations) land on the
 * investigation board.
 */
const HOME_ORDER = ['/jurisdictions', '/checkpoint', '/lab', '/sampling', '/cases', '/people'];

/** Where a staff account lands after sign-in: its first permitted page. */
export function homePath(permissions: readonly string[]): string {
  // Investigators work from the board all day; commanders (who also manage it) start at the tree.
  if (permissions.includes('cases:write') && !permissions.includes('investigations:manage') && !permissions.includes('jurisdictions:write')) return '/investigations';
  const permitted = NAV.filter((n) => permissions.includes(n.permission));
  const rank = (path: string) => (HOME_ORDER.includes(path) ? HOME_ORDER.indexOf(path) : HOME_ORDER.length);
  return [...permitted].sort((a, b) => rank(a.path) - rank(b.path))[0]?.path ?? '/people';
}

/**
 * Investigation rules: who takes the next order, and the tracing clocks. Pure: no I/O.
 */
export const INVESTIGATION_STATUSES = ['open', 'assigned', 'in_progress', 'submitted', 'closed'] as const;
export type InvestigationStatus = (typeof INVESTIGATION_STATUSES)[number];
export const REPORT_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface TeamLoad {
  id: string;
  /** Open (not closed) investigations the team holds. */
  load: number;
  capacity: number;
  lastAssignedAt: Date | null;
}

/**
 * Taking orders in rotation (轮流接单): the team that has waited longest since its last order
 * takes the next, skipping teams at capacity while another has room; when all are full, the
 * least loaded (then longest waiting) still takes it: a case is never left without a team when
 * teams exist. Ties go to the team id so the choice is reproducible.
 */
export function pickTeam(teams: TeamLoad[]): string | null {
  if (teams.length === 0) return null;
  const withRoom = teams.filter((t) => t.load < t.capacity);
  const pool = withRoom.length ? withRoom : teams;
  const minLoad = Math.min(...pool.map((t) => t.load));
  const candidates = withRoom.length ? pool : pool.filter((t) => t.load === minLoad);
  const waited = (t: TeamLoad) => t.lastAssignedAt?.getTime() ?? -Infinity;
  return [...candidates].sort((a, b) => waited(a) - waited(b) || a.id.localeCompare(b.id))[0].id;
}

/** One case's tracing clocks, in hours from the positive report; null: not reached yet. */
export interface TracingClocks {
  toInvestigation: number | null;
  toContactsIdentified: number | null;
  toContactsControlled: number | null;
}
const hours = (from: Date, to: Date | null) => (to ? Math.round(((to.getTime() - from.getTime()) / 3_600_000) * 100) / 100 : null);

export function tracingClocks(c: { reportedAt: Date; startedAt: Date | null; contactsIdentifiedAt: Date | null; contactsControlledAt: Date | null }): TracingClocks {
  return { toInvestigation: hours(c.reportedAt, c.startedAt), toContactsIdentified: hours(c.reportedAt, c.contactsIdentifiedAt), toContactsControlled: hours(c.reportedAt, c.contactsControlledAt) };
}

/**
 * Daily clearance for tracing (日清零): of the cases reported on a city day, how many were
 * investigated, had their contacts identified, and had every contact controlled before that day
 * ended. `localDay` maps an instant to its city day.
 */
export function tracingClearance(
  rows: Array<{ reportedAt: Date; startedAt: Date | null; contactsIdentifiedAt: Date | null; contactsControlledAt: Date | null }>,
  day: string,
  localDay: (d: Date) => string,
): { reported: number; investigated: number; contactsIdentified: number; contactsControlled: number; cleared: boolean } {
  const ofDay = rows.filter((r) => localDay(r.reportedAt) === day);
  const sameDay = (d: Date | null) => d !== null && localDay(d) <= day;
  const investigated = ofDay.filter((r) => sameDay(r.startedAt)).length;
  const contactsIdentified = ofDay.filter((r) => sameDay(r.contactsIdentifiedAt)).length;
  const contactsControlled = ofDay.filter((r) => sameDay(r.contactsControlledAt)).length;
  return { reported: ofDay.length, investigated, contactsIdentified, contactsControlled, cleared: contactsControlled === ofDay.length };
}

/** Median and 90th percentile of the non-null values (hours); null when none. */
export function quantiles(values: Array<number | null>): { n: number; median: number | null; p90: number | null } {
  const xs = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (xs.length === 0) return { n: 0, median: null, p90: null };
  const at = (q: number) => xs[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];
  return { n: xs.length, median: at(0.5), p90: at(0.9) };
}

import { and, eq, gte, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { csvLine } from '../../db/csv.ts';
import { requirePermission, type Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { listScope, within } from '../jurisdictions/jurisdictions.repository.ts';
import { addCityDays, cityDate, startOfCityDay } from '../../platform/city-day.ts';
import { cityDayRange } from './chains.ts';
import { cases, contacts, controlHandovers, investigations } from './cases.table.ts';
import { AGE_BUCKETS, type AgeBucket, type Clearance, type ClockStats, type Indicators } from './indicators.schemas.ts';
import { quantiles, tracingClearance, tracingClocks } from './investigation-rules.ts';

const HOUR = 3_600_000;

/** How long an open investigation has waited: [0, 2), [2, 6), [6, 12), [12, 24) hours, then beyond a day. */
export function ageBucket(hours: number): AgeBucket {
  if (hours < 2) return '<2h';
  if (hours < 6) return '2-6h';
  if (hours < 12) return '6-12h';
  if (hours < 24) return '12-24h';
  return '>24h';
}

interface DayRow {
  day: string;
  clearance: Clearance;
  clocks: { toInvestigation: ClockStats; toContactsIdentified: ClockStats; toContactsControlled: ClockStats };
  /** Investigations open at the end of the day (or now, for today). */
  open: number;
  contacts: { identified: number; confirmed: number; controlled: number };
}

const dayOf = (col: PgColumn) => sql<string>`to_char(${col} at time zone 'UTC' + interval '8 hours', 'YYYY-MM-DD')`;
/** The end of a city day, or now if the day is not over: what "still open" is counted against. */
const asOfDay = (day: string, now: Date) => new Date(Math.min(now.getTime(), startOfCityDay(addCityDays(day, 1)).getTime()));

/**
 * The tracing indicators of each city day in [since, until] for the cases in a subtree: the
 * day's clearance and clocks (over the cases reported that day), the investigations still open
 * at its end, and the contacts found, confirmed and controlled that day.
 */
async function dailyIndicators(db: Executor, scopePath: string, range: { since: string; until: string; start: Date; end: Date }, now: Date): Promise<{ rows: DayRow[]; openedAts: Array<{ openedAt: Date; closedAt: Date | null }> }> {
  const inScope = within(cases.jurisdictionPath, scopePath);
  const reported = await db
    .select({ reportedAt: cases.reportedAt, startedAt: investigations.startedAt, contactsIdentifiedAt: investigations.contactsIdentifiedAt, contactsControlledAt: investigations.contactsControlledAt })
    .from(cases)
    .leftJoin(investigations, eq(investigations.caseId, cases.id))
    .where(and(inScope, gte(cases.reportedAt, range.start), lt(cases.reportedAt, range.end)));
  const openedAts = await db
    .select({ openedAt: investigations.openedAt, closedAt: investigations.closedAt })
    .from(investigations)
    .innerJoin(cases, eq(cases.id, investigations.caseId))
    .where(and(inScope, lt(investigations.openedAt, range.end), or(isNull(investigations.closedAt), gte(investigations.closedAt, range.start))));
  const perDay = async (col: PgColumn, extra?: SQL) => {
    const rows = await db
      .select({ day: dayOf(col), n: sql<number>`count(*)::int` })
      .from(contacts)
      .innerJoin(cases, eq(cases.id, contacts.caseId))
      .where(and(inScope, gte(col, range.start), lt(col, range.end), extra))
      .groupBy(dayOf(col));
    return new Map(rows.map((r) => [r.day, Number(r.n)]));
  };
  const identified = await perDay(contacts.identifiedAt);
  const confirmed = await perDay(contacts.decidedAt, eq(contacts.status, 'confirmed'));
  const controlled = await perDay(contacts.controlledAt);

  // Grouped by hand: Map.groupBy is not in Node 20.
  const byDay = new Map<string, typeof reported>();
  for (const r of reported) {
    const day = cityDate(r.reportedAt);
    const group = byDay.get(day);
    if (group) group.push(r);
    else byDay.set(day, [r]);
  }
  const rows: DayRow[] = [];
  for (let day = range.since; day <= range.until; day = addCityDays(day, 1)) {
    const ofDay = (byDay.get(day) ?? []).map((r) => ({ ...r, startedAt: r.startedAt ?? null, contactsIdentifiedAt: r.contactsIdentifiedAt ?? null, contactsControlledAt: r.contactsControlledAt ?? null }));
    const clocks = ofDay.map(tracingClocks);
    const at = asOfDay(day, now);
    rows.push({
      day,
      clearance: tracingClearance(ofDay, day, cityDate),
      clocks: {
        toInvestigation: quantiles(clocks.map((c) => c.toInvestigation)),
        toContactsIdentified: quantiles(clocks.map((c) => c.toContactsIdentified)),
        toContactsControlled: quantiles(clocks.map((c) => c.toContactsControlled)),
      },
      open: openedAts.filter((i) => openAt(i, at)).length,
      contacts: { identified: identified.get(day) ?? 0, confirmed: confirmed.get(day) ?? 0, controlled: controlled.get(day) ?? 0 },
    });
  }
  return { rows, openedAts };
}

const openAt = (i: { openedAt: Date; closedAt: Date | null }, at: Date) => i.openedAt <= at && (i.closedAt === null || i.closedAt > at);

/** The tracing indicators of a city day (default today), with the clearance of the 7 days ending with it. */
export async function tracingIndicators(ctx: AppContext, opts: { actor: Actor; day?: string; jurisdictionId?: string }): Promise<Indicators> {
  const staff = requirePermission(opts.actor, 'cases:read');
  const scopePath = await listScope(ctx.db, staff, opts.jurisdictionId);
  const now = ctx.clock.now();
  const today = cityDate(now);
  const day = opts.day ?? today;
  const range = cityDayRange(['day', 'day'], addCityDays(day, -6), day, today, 7);
  const { rows, openedAts } = await dailyIndicators(ctx.db, scopePath, range, now);
  const last = rows[rows.length - 1];
  const asOf = asOfDay(day, now);
  const counts = new Map<AgeBucket, number>(AGE_BUCKETS.map((b) => [b, 0]));
  for (const i of openedAts) {
    if (!openAt(i, asOf)) continue;
    const bucket = ageBucket((asOf.getTime() - i.openedAt.getTime()) / HOUR);
    counts.set(bucket, counts.get(bucket)! + 1);
  }
  const [{ pending }] = await ctx.db
    .select({ pending: sql<number>`count(*)::int` })
    .from(controlHandovers)
    .innerJoin(contacts, eq(contacts.id, controlHandovers.contactId))
    .innerJoin(cases, eq(cases.id, contacts.caseId))
    .where(and(within(cases.jurisdictionPath, scopePath), eq(controlHandovers.status, 'pending'), lt(controlHandovers.createdAt, range.end)));
  return {
    day,
    asOf: asOf.toISOString(),
    clearance: last.clearance,
    clocks: last.clocks,
    open: { total: last.open, byAge: AGE_BUCKETS.map((bucket) => ({ bucket, count: counts.get(bucket)! })) },
    contacts: { identifiedToday: last.contacts.identified, confirmedToday: last.contacts.confirmed, controlledToday: last.contacts.controlled, pendingHandover: Number(pending) },
    days: rows.map((r) => ({ day: r.day, ...r.clearance })),
  };
}

// Bilingual headers, as the other exports: the offices read Chinese, the tooling English.
const CSV_HEADER = [
  '日期 Day',
  '报告病例 Reported',
  '已流调 Investigated',
  '已判定密接 Contacts identified',
  '密接已管控 Contacts controlled',
  '日清零 Cleared',
  '流调时长中位 To investigation median (h)',
  '流调时长P90 To investigation p90 (h)',
  '判定密接中位 To contacts identified median (h)',
  '判定密接P90 To contacts identified p90 (h)',
  '管控密接中位 To contacts controlled median (h)',
  '管控密接P90 To contacts controlled p90 (h)',
  '日末未结流调 Open investigations',
  '新增密接 Contacts found',
  '确认密接 Contacts confirmed',
  '管控密接 Contacts controlled that day',
];

/**
 * One row per city day in [from, to] (default the last 7 days) for an office's spreadsheet:
 * UTF-8 with a BOM so Excel reads the Chinese headers. The pending hand-overs are left out: they
 * are a count of now, with no history per day.
 */
export async function indicatorsCsv(ctx: AppContext, opts: { actor: Actor; from?: string; to?: string; jurisdictionId?: string }): Promise<{ csv: string; fileName: string }> {
  const staff = requirePermission(opts.actor, 'cases:read');
  const scopePath = await listScope(ctx.db, staff, opts.jurisdictionId);
  const now = ctx.clock.now();
  const range = cityDayRange(['from', 'to'], opts.from, opts.to, cityDate(now), 7);
  const { rows } = await dailyIndicators(ctx.db, scopePath, range, now);
  const lines = rows.map((r) => {
    const c = r.clearance;
    const k = r.clocks;
    return csvLine([
      r.day,
      c.reported,
      c.investigated,
      c.contactsIdentified,
      c.contactsControlled,
      c.cleared ? 'yes' : 'no',
      k.toInvestigation.median,
      k.toInvestigation.p90,
      k.toContactsIdentified.median,
      k.toContactsIdentified.p90,
      k.toContactsControlled.median,
      k.toContactsControlled.p90,
      r.open,
      r.contacts.identified,
      r.contacts.confirmed,
      r.contacts.controlled,
    ]);
  });
  return { csv: '\ufeff' + csvLine(CSV_HEADER) + lines.join(''), fileName: `tracing-indicators-${range.since}-${range.until}.csv` };
}

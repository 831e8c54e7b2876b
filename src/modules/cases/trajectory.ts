import { and, asc, eq, gte, isNull, lte } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { appendAudit } from '../audit/audit.ts';
import { normalizeVenueCode } from '../venues/venue-input.ts';
import { findVenueByCode } from '../venues/venues.repository.ts';
import { venueScans, venues } from '../venues/venues.table.ts';
import { exposureWindow, overlapsWindow, type ExposureWindow } from './case-rules.ts';
import { requireCase } from './case-views.ts';
import type { Trajectory, TrajectoryEntry, TrajectoryInput } from './cases.schemas.ts';
import { cases, trajectoryEntries } from './cases.table.ts';
import type { OwnedVisit } from './co-location.ts';

type CaseRow = typeof cases.$inferSelect;
const windowView = (w: ExposureWindow) => ({ from: w.from.toISOString(), until: w.until.toISOString(), anchor: w.anchor });

/**
 * Adds the case's venue scans inside the exposure window that are not on the trajectory yet
 * (a scan the investigator removed stays removed: its row is kept). In the caller's transaction.
 */
export async function prefillFromScans(tx: Executor, c: CaseRow, now: Date): Promise<number> {
  const w = exposureWindow(c, now);
  const scans = await tx
    .select({ id: venueScans.id, venueId: venueScans.venueId, scannedAt: venueScans.scannedAt })
    .from(venueScans)
    .where(and(eq(venueScans.personId, c.personId), gte(venueScans.scannedAt, w.from), lte(venueScans.scannedAt, w.until)));
  if (scans.length === 0) return 0;
  const rows = await tx
    .insert(trajectoryEntries)
    .values(scans.map((s) => ({ caseId: c.id, kind: 'venue', startsAt: s.scannedAt, venueId: s.venueId, source: 'scan', scanId: s.id, createdAt: now })))
    .onConflictDoNothing()
    .returning({ id: trajectoryEntries.id });
  return rows.length;
}

export async function prefillTrajectory(ctx: AppContext, opts: { actor: Actor; caseId: string }) {
  const { row } = await requireCase(ctx.db, opts.actor, opts.caseId, 'cases:write');
  const now = ctx.clock.now();
  const added = await ctx.db.transaction((tx) => prefillFromScans(tx, row.c, now));
  return { added, exposureWindow: windowView(exposureWindow(row.c, now)) };
}

/** A case's trajectory entries with their venues, in time order; removed ones only when asked for (the editor shows them). */
export async function trajectoryRows(db: Executor, caseId: string, opts: { removed: boolean }) {
  return db
    .select({ e: trajectoryEntries, venueCode: venues.code, venueName: venues.name })
    .from(trajectoryEntries)
    .leftJoin(venues, eq(venues.id, trajectoryEntries.venueId))
    .where(and(eq(trajectoryEntries.caseId, caseId), opts.removed ? undefined : isNull(trajectoryEntries.removedAt)))
    .orderBy(asc(trajectoryEntries.startsAt), asc(trajectoryEntries.endsAt), asc(trajectoryEntries.id));
}

export async function getTrajectory(ctx: AppContext, opts: { actor: Actor; caseId: string }): Promise<Trajectory> {
  const { row } = await requireCase(ctx.db, opts.actor, opts.caseId, 'cases:read');
  const w = exposureWindow(row.c, ctx.clock.now());
  const rows = await trajectoryRows(ctx.db, row.c.id, { removed: true });
  const entries: TrajectoryEntry[] = rows.map(({ e, venueCode, venueName }) => ({
    id: e.id,
    kind: e.kind as TrajectoryEntry['kind'],
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt?.toISOString() ?? null,
    venueId: e.venueId,
    venueCode,
    venueName,
    place: e.place,
    detail: e.detail,
    source: e.source as TrajectoryEntry['source'],
    removedAt: e.removedAt?.toISOString() ?? null,
    inWindow: overlapsWindow(e, w),
  }));
  return { exposureWindow: windowView(w), entries };
}

/**
 * The venue visits co-location searches: the trajectory's entries at a registered venue, clipped
 * to the exposure window (an investigator's corrected times count, a removed entry does not).
 */
export async function trajectoryVisits(db: Executor, c: CaseRow, now: Date): Promise<OwnedVisit[]> {
  const w = exposureWindow(c, now);
  const rows = await trajectoryRows(db, c.id, { removed: false });
  const visits: OwnedVisit[] = [];
  for (const { e } of rows) {
    if (!e.venueId || !overlapsWindow(e, w)) continue;
    const end = e.endsAt ?? e.startsAt;
    visits.push({ ownerId: c.personId, venueId: e.venueId, from: e.startsAt < w.from ? w.from : e.startsAt, until: end > w.until ? w.until : end });
  }
  return visits;
}

async function checkedValues(db: Executor, input: Partial<TrajectoryInput>, now: Date) {
  const startsAt = input.startsAt ? new Date(input.startsAt) : undefined;
  const endsAt = input.endsAt ? new Date(input.endsAt) : input.endsAt === null ? null : undefined;
  if (startsAt && startsAt > now) throw invalid('startsAt', 'lies in the future');
  if (startsAt && endsAt && endsAt < startsAt) throw invalid('endsAt', 'is before startsAt');
  let venueId: string | null | undefined;
  if (input.venueCode !== undefined) {
    const venue = await findVenueByCode(db, normalizeVenueCode(input.venueCode));
    if (!venue) throw invalid('venueCode', 'no venue has this code');
    venueId = venue.id;
  }
  return { kind: input.kind, startsAt, endsAt, venueId, place: input.place?.trim() || undefined, detail: input.detail?.trim() || undefined };
}

/** The investigator adds a place: a venue by its code, a place without one, transport, a workplace. Audited. */
export async function addEntry(ctx: AppContext, opts: { actor: Actor; caseId: string; input: TrajectoryInput }): Promise<Trajectory> {
  const { staff, row } = await requireCase(ctx.db, opts.actor, opts.caseId, 'cases:write');
  const now = ctx.clock.now();
  const v = await checkedValues(ctx.db, opts.input, now);
  if (!v.venueId && !v.place && !v.detail) throw invalid('place', 'give a venue code, a place or a detail');
  if (v.kind === 'venue' && !v.venueId) throw invalid('venueCode', 'a venue entry needs its venue code');
  await ctx.db.transaction(async (tx) => {
    const [e] = await tx
      .insert(trajectoryEntries)
      .values({ caseId: row.c.id, kind: opts.input.kind, startsAt: v.startsAt!, endsAt: v.endsAt ?? null, venueId: v.venueId ?? null, place: v.place ?? null, detail: v.detail ?? null, source: 'investigator', createdBy: staff.id, createdAt: now })
      .returning({ id: trajectoryEntries.id });
    await appendAudit(tx, staff, { action: 'trajectory.add', entityType: 'case', entityId: row.c.id, jurisdictionPath: row.c.jurisdictionPath, details: { entryId: e.id, kind: opts.input.kind } });
  });
  return getTrajectory(ctx, { actor: staff, caseId: row.c.id });
}

async function requireEntry(ctx: AppContext, actor: Actor, caseId: string, entryId: string) {
  const found = await requireCase(ctx.db, actor, caseId, 'cases:write');
  const [e] = await ctx.db.select().from(trajectoryEntries).where(and(eq(trajectoryEntries.id, entryId), eq(trajectoryEntries.caseId, caseId)));
  if (!e) throw notFound('Trajectory entry');
  return { ...found, e };
}

/** Corrects an entry's times, place or detail (a scan's venue stays what was scanned). Audited. */
export async function changeEntry(ctx: AppContext, opts: { actor: Actor; caseId: string; entryId: string; input: Partial<TrajectoryInput> }): Promise<Trajectory> {
  const { staff, row, e } = await requireEntry(ctx, opts.actor, opts.caseId, opts.entryId);
  if (e.source === 'scan' && opts.input.venueCode !== undefined) throw invalid('venueCode', 'a scanned visit keeps its venue; remove it and add another');
  const v = await checkedValues(ctx.db, opts.input, ctx.clock.now());
  const startsAt = v.startsAt ?? e.startsAt;
  const endsAt = v.endsAt === undefined ? e.endsAt : v.endsAt;
  if (endsAt && endsAt < startsAt) throw invalid('endsAt', 'is before startsAt');
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(trajectoryEntries)
      .set({ kind: v.kind ?? e.kind, startsAt, endsAt, venueId: v.venueId === undefined ? e.venueId : v.venueId, place: v.place ?? e.place, detail: v.detail ?? e.detail })
      .where(eq(trajectoryEntries.id, e.id));
    await appendAudit(tx, staff, { action: 'trajectory.change', entityType: 'case', entityId: row.c.id, jurisdictionPath: row.c.jurisdictionPath, details: { entryId: e.id, fields: Object.keys(opts.input) } });
  });
  return getTrajectory(ctx, { actor: staff, caseId: row.c.id });
}

/** Removes an entry from the trajectory (kept with its removal time, so a re-fill does not bring a wrong scan back). Audited. */
export async function removeEntry(ctx: AppContext, opts: { actor: Actor; caseId: string; entryId: string }): Promise<Trajectory> {
  const { staff, row, e } = await requireEntry(ctx, opts.actor, opts.caseId, opts.entryId);
  if (e.removedAt) throw new AppError('CONFLICT', 'The entry is already removed');
  await ctx.db.transaction(async (tx) => {
    await tx.update(trajectoryEntries).set({ removedAt: ctx.clock.now() }).where(eq(trajectoryEntries.id, e.id));
    await appendAudit(tx, staff, { action: 'trajectory.remove', entityType: 'case', entityId: row.c.id, jurisdictionPath: row.c.jurisdictionPath, details: { entryId: e.id } });
  });
  return getTrajectory(ctx, { actor: staff, caseId: row.c.id });
}

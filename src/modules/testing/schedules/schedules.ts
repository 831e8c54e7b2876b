import { and, eq } from 'drizzle-orm';
import { canReach, requirePermission, type Actor, type StaffActor } from '../../../platform/access.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, forbidden, invalid, notFound } from '../../../platform/errors.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { Level } from '../../jurisdictions/division-code.ts';
import { findByCode, findById } from '../../jurisdictions/jurisdictions.repository.ts';
import { endMissedTestFacts, scheduleRef } from './missed-test-facts.ts';
import { testSchedules } from './schedules.table.ts';
import type { NewTestSchedule, TestSchedule, TestSchedulesList, TestSchedulesQuery } from './schedules.schemas.ts';

interface Row {
  id: string;
  group: string;
  kind: TestSchedule['kind'];
  every_hours: number;
  active: boolean;
  path: string;
  created_at: Date | string;
  j_id: string;
  j_code: string;
  j_name: string;
  j_level: Level;
  missing: number | string;
}

/** A schedule concerns the caller when its area lies inside the caller's subtree or contains the caller's node. */
const VISIBLE = `(starts_with(s.jurisdiction_path, $1) or starts_with($1, s.jurisdiction_path))`;
const SELECT = `select s.id, s."group", s.kind, s.every_hours, s.active, s.jurisdiction_path as path, s.created_at,
    j.id as j_id, j.code as j_code, j.name as j_name, j.level as j_level,
    (select count(*) from health_facts f where f.source = 'testing' and f.source_ref = 'schedule:' || s.id::text
        and f.kind = 'missed_required_test' and f.ended_at is null) as missing
  from test_schedules s join jurisdictions j on j.id = s.jurisdiction_id`;

const toSchedule = (r: Row): TestSchedule => ({
  id: r.id,
  group: r.group,
  kind: r.kind,
  everyHours: r.every_hours,
  jurisdiction: { id: r.j_id, code: r.j_code, name: r.j_name, level: r.j_level },
  active: r.active,
  missing: Number(r.missing),
  createdAt: new Date(r.created_at).toISOString(),
});

async function findVisible(ctx: AppContext, actor: StaffActor, id: string) {
  const [row] = await ctx.database.query<Row>(`${SELECT} where s.id = $2 and ${VISIBLE}`, [actor.scopePath, id]);
  if (!row) throw notFound('Test schedule');
  return row;
}

/** Schedules that concern the caller's jurisdiction: active first, then newest first. */
export async function listTestSchedules(ctx: AppContext, opts: TestSchedulesQuery & { actor: Actor }): Promise<TestSchedulesList> {
  const actor = requirePermission(opts.actor, 'coverage:read');
  const params: unknown[] = [actor.scopePath];
  let where = VISIBLE;
  if (opts.active !== undefined) {
    params.push(opts.active);
    where += ` and s.active = $2`;
  }
  const rows = await ctx.database.query<Row>(`${SELECT} where ${where} order by s.active desc, s.created_at desc limit 500`, params);
  return { items: rows.map(toSchedule) };
}

/** Creates a schedule for a group at a node of the caller's jurisdiction (default: the caller's own). Audited. */
export async function createTestSchedule(ctx: AppContext, opts: { actor: Actor; input: NewTestSchedule }): Promise<TestSchedule> {
  const actor = requirePermission(opts.actor, 'rounds:manage');
  const { group, kind, everyHours, jurisdictionCode } = opts.input;
  const node = jurisdictionCode ? await findByCode(ctx.db, jurisdictionCode) : await findById(ctx.db, actor.jurisdictionId);
  if (!node || !canReach(actor, node.path)) throw invalid('jurisdictionCode', 'unknown, or outside your jurisdiction');
  const id = await ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: testSchedules.id })
      .from(testSchedules)
      .where(and(eq(testSchedules.group, group), eq(testSchedules.kind, kind), eq(testSchedules.jurisdictionId, node.id), eq(testSchedules.active, true)));
    if (existing) throw new AppError('CONFLICT', `An active ${kind} schedule for ${group} at ${node.code} exists already; deactivate it first`);
    const [row] = await tx
      .insert(testSchedules)
      .values({ group, kind, everyHours, jurisdictionId: node.id, jurisdictionPath: node.path, createdBy: actor.id, createdAt: ctx.clock.now() })
      .onConflictDoNothing()
      .returning({ id: testSchedules.id });
    if (!row) throw new AppError('CONFLICT', `An active ${kind} schedule for ${group} at ${node.code} exists already`);
    await appendAudit(tx, actor, { action: 'test_schedule.create', entityType: 'test_schedule', entityId: row.id, jurisdictionPath: node.path, details: { group, kind, everyHours, jurisdictionCode: node.code } });
    return row.id;
  });
  return toSchedule(await findVisible(ctx, actor, id));
}

/**
 * Stops a schedule: the job no longer checks it, and the people yellow for having missed it get
 * that fact ended (and their colour recomputed) in the same transaction. Audited.
 */
export async function deactivateTestSchedule(ctx: AppContext, opts: { actor: Actor; id: string }): Promise<TestSchedule> {
  const actor = requirePermission(opts.actor, 'rounds:manage');
  const found = await findVisible(ctx, actor, opts.id);
  if (!canReach(actor, found.path)) throw forbidden('The schedule applies beyond your jurisdiction');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const moved = await tx
      .update(testSchedules)
      .set({ active: false })
      .where(and(eq(testSchedules.id, opts.id), eq(testSchedules.active, true)))
      .returning({ id: testSchedules.id });
    if (moved.length === 0) throw new AppError('CONFLICT', 'The schedule is not active');
    const ended = await endMissedTestFacts(tx, opts.id, null, now);
    await appendAudit(tx, actor, { action: 'test_schedule.deactivate', entityType: 'test_schedule', entityId: opts.id, jurisdictionPath: found.path, details: { endedFacts: ended, ref: scheduleRef(opts.id) } });
  });
  return toSchedule(await findVisible(ctx, actor, opts.id));
}

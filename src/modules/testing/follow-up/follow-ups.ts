import { and, asc, count, eq, gte, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { requirePermission, canReach, type Actor, type StaffActor } from '../../../platform/access.ts';
import { addCityDays, cityDate, startOfCityDay } from '../../../platform/city-day.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, invalid, notFound } from '../../../platform/errors.ts';
import { appendAudit } from '../../audit/audit.ts';
import { endHealthFacts } from '../../health-codes/facts.ts';
import { escapeLike, within } from '../../jurisdictions/jurisdictions.repository.ts';
import { jurisdictions } from '../../jurisdictions/jurisdictions.table.ts';
import { maskPhone } from '../../people/phone.ts';
import { people } from '../../people/people.table.ts';
import { FUTURE_TOLERANCE_MS, parseIsoWithOffset } from '../../venues/scan-rule.ts';
import { dailyClearance, followUpState } from '../follow-up-clock.ts';
import { followUpMembers, poolFollowUps, tubeMembers, tubes } from '../sampling.table.ts';
import { testResults } from '../testing.table.ts';
import { onPositivePerson } from '../results/hand-over.ts';
import { settleMember } from './close-member.ts';
import type { Board, FollowUpSummary, FollowUpTask, MemberOutcome, ResultInput, RetestInput } from './follow-up.schemas.ts';

const LIMIT = 500;
const OPEN_STATUSES = ['pending', 'retest_sampled'];

/** The instants a city day spans. */
const dayRange = (day: string) => {
  const start = startOfCityDay(day);
  if (Number.isNaN(start.getTime())) throw invalid('day', 'must be a date such as 2022-05-01');
  return { start, end: startOfCityDay(addCityDays(day, 1)) };
};

/** Members still waiting for their re-test to be sampled, per follow-up (for the 6-hour clock). */
const pendingOf = sql<number>`(select count(*) from follow_up_members where follow_up_members.follow_up_id = ${poolFollowUps.id} and follow_up_members.status = 'pending')`.mapWith(Number);

/**
 * A grid worker with grids of their own sees the members living in their grids' buildings (and
 * anyone in their subtree whose building belongs to no grid, so nobody falls through); without
 * grids, the whole subtree. Everyone else: their subtree.
 */
function gridFilter(staff: StaffActor): SQL | undefined {
  if (staff.role !== 'grid_worker') return undefined;
  // A member's building is the sixth code of their path (city/district/street/community/compound/
  // building): an equality on the unique code, not a prefix scan over every building.
  const building = sql`split_part(${followUpMembers.jurisdictionPath}, '/', 7)`;
  return sql`(
    not exists (select 1 from grids g where g.worker_account_id = ${staff.id})
    or exists (select 1 from jurisdictions b join grids g on g.id = b.grid_id where b.code = ${building} and g.worker_account_id = ${staff.id})
    or not exists (select 1 from jurisdictions b where b.code = ${building} and b.grid_id is not null)
  )`;
}

/** The door-to-door list: members of open follow-ups in the caller's grid or subtree, oldest first. */
export async function listTasks(ctx: AppContext, opts: { actor: Actor; status?: 'open' | 'pending' | 'retest_sampled' | 'all' }): Promise<{ items: FollowUpTask[]; total: number }> {
  const staff = requirePermission(opts.actor, 'follow_ups:read');
  const status = opts.status ?? 'open';
  const statuses = status === 'open' ? OPEN_STATUSES : status === 'all' ? null : [status];
  const now = ctx.clock.now();
  const where = and(
    within(followUpMembers.jurisdictionPath, staff.scopePath),
    statuses ? inArray(followUpMembers.status, statuses) : undefined,
    status === 'all' ? undefined : isNull(poolFollowUps.closedAt),
    gridFilter(staff),
  );
  const rows = await ctx.db
    .select({
      followUpId: followUpMembers.followUpId,
      personId: people.id,
      name: people.name,
      idNumberMasked: people.idNumberMasked,
      phone: people.phone,
      address: people.address,
      community: jurisdictions.name,
      status: followUpMembers.status,
      retestBarcode: followUpMembers.retestBarcode,
      purpose: tubes.purpose,
      openedAt: poolFollowUps.openedAt,
      retestDueAt: poolFollowUps.retestDueAt,
      closeDueAt: poolFollowUps.closeDueAt,
      closedAt: poolFollowUps.closedAt,
      pending: pendingOf,
    })
    .from(followUpMembers)
    .innerJoin(poolFollowUps, eq(poolFollowUps.id, followUpMembers.followUpId))
    .innerJoin(tubes, eq(tubes.id, poolFollowUps.tubeId))
    .innerJoin(people, eq(people.id, followUpMembers.personId))
    .leftJoin(jurisdictions, eq(jurisdictions.id, followUpMembers.communityId))
    .where(where)
    .orderBy(asc(poolFollowUps.openedAt), asc(people.name))
    .limit(LIMIT);
  // The list shows the oldest LIMIT tasks; the total says how many there are in all.
  const [{ total }] = await ctx.db
    .select({ total: count() })
    .from(followUpMembers)
    .innerJoin(poolFollowUps, eq(poolFollowUps.id, followUpMembers.followUpId))
    .where(where);
  const items = rows.map((r) => {
    const s = followUpState({ openedAt: r.openedAt, retestDueAt: r.retestDueAt, closeDueAt: r.closeDueAt, closedAt: r.closedAt, allRetestsTaken: r.pending === 0 }, now);
    return {
      followUpId: r.followUpId,
      personId: r.personId,
      name: r.name,
      idNumberMasked: r.idNumberMasked,
      phoneMasked: maskPhone(r.phone),
      address: r.address,
      community: r.community,
      status: r.status as FollowUpTask['status'],
      purpose: r.purpose,
      retestBarcode: r.retestBarcode,
      openedAt: r.openedAt.toISOString(),
      ageHours: s.ageHours,
      retestDueAt: r.retestDueAt.toISOString(),
      closeDueAt: r.closeDueAt.toISOString(),
      state: s.state,
    };
  });
  return { items, total };
}

/** A follow-up is the caller's when it was opened in their subtree or one of its members lives there. */
function followUpInScope(scopePath: string): SQL {
  const pattern = `${escapeLike(scopePath)}%`;
  return or(
    within(poolFollowUps.jurisdictionPath, scopePath),
    sql`exists (select 1 from follow_up_members where follow_up_members.follow_up_id = ${poolFollowUps.id} and follow_up_members.jurisdiction_path like ${pattern})`,
  )!;
}

/** The command board: follow-ups by age with their clocks, escalation and progress; and the day's clearance. */
export async function followUpBoard(ctx: AppContext, opts: { actor: Actor; status?: 'open' | 'closed' | 'all'; day?: string }): Promise<Board> {
  const staff = requirePermission(opts.actor, 'follow_ups:read');
  const now = ctx.clock.now();
  const status = opts.status ?? 'open';
  const day = opts.day ?? cityDate(now);
  const range = dayRange(day);
  const scope = followUpInScope(staff.scopePath);
  const count = (where: string) => sql<number>`(select count(*) from follow_up_members where follow_up_members.follow_up_id = ${poolFollowUps.id}${sql.raw(where)})`.mapWith(Number);
  const rows = await ctx.db
    .select({
      id: poolFollowUps.id,
      tubeBarcode: tubes.barcode,
      purpose: tubes.purpose,
      openedAt: poolFollowUps.openedAt,
      retestDueAt: poolFollowUps.retestDueAt,
      closeDueAt: poolFollowUps.closeDueAt,
      closedAt: poolFollowUps.closedAt,
      storedEscalationLevel: poolFollowUps.escalationLevel,
      total: count(''),
      done: count(` and follow_up_members.status in ('negative', 'positive')`),
      pending: pendingOf,
      communities: sql<string[]>`array(select distinct j.name from follow_up_members join jurisdictions j on j.id = follow_up_members.community_id where follow_up_members.follow_up_id = ${poolFollowUps.id} order by j.name)`,
    })
    .from(poolFollowUps)
    .innerJoin(tubes, eq(tubes.id, poolFollowUps.tubeId))
    .where(
      and(
        scope,
        status === 'open' ? isNull(poolFollowUps.closedAt) : status === 'closed' ? isNotNull(poolFollowUps.closedAt) : undefined,
        opts.day ? and(gte(poolFollowUps.openedAt, range.start), lt(poolFollowUps.openedAt, range.end)) : undefined,
      ),
    )
    .orderBy(asc(poolFollowUps.openedAt))
    .limit(LIMIT);
  const items: FollowUpSummary[] = rows.map((r) => {
    const s = followUpState({ ...r, allRetestsTaken: r.pending === 0 }, now);
    return {
      id: r.id,
      tubeBarcode: r.tubeBarcode,
      purpose: r.purpose,
      openedAt: r.openedAt.toISOString(),
      retestDueAt: r.retestDueAt.toISOString(),
      closeDueAt: r.closeDueAt.toISOString(),
      closedAt: r.closedAt?.toISOString() ?? null,
      ageHours: s.ageHours,
      state: s.state,
      escalationLevel: s.escalationLevel,
      storedEscalationLevel: r.storedEscalationLevel,
      membersDone: r.done,
      membersTotal: r.total,
      communities: r.communities ?? [],
    };
  });
  const ofDay = await ctx.db
    .select({ openedAt: poolFollowUps.openedAt, closedAt: poolFollowUps.closedAt })
    .from(poolFollowUps)
    .where(and(scope, gte(poolFollowUps.openedAt, range.start), lt(poolFollowUps.openedAt, range.end)));
  return { items, clearance: { day, ...dailyClearance(ofDay, day) }, now: now.toISOString() };
}

async function findMember(ctx: AppContext, staff: StaffActor, followUpId: string, personId: string) {
  const [m] = await ctx.db
    .select({ followUpId: followUpMembers.followUpId, personId: followUpMembers.personId, path: followUpMembers.jurisdictionPath, status: followUpMembers.status, closedAt: poolFollowUps.closedAt })
    .from(followUpMembers)
    .innerJoin(poolFollowUps, eq(poolFollowUps.id, followUpMembers.followUpId))
    .where(and(eq(followUpMembers.followUpId, followUpId), eq(followUpMembers.personId, personId)));
  if (!m || !canReach(staff, m.path)) throw notFound('Follow-up member');
  return m;
}

function parsePast(field: string, raw: string, now: Date): Date {
  const at = parseIsoWithOffset(raw);
  if (!(at instanceof Date)) throw invalid(field, at.reason);
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw invalid(field, 'lies in the future');
  return at;
}

/**
 * The single-sample re-test taken at the door: a one-person tube (purpose 'retest', closed, with
 * the barcode on it) for the lab, and the member marked 'retest_sampled'. Audited.
 */
export async function recordRetest(ctx: AppContext, opts: { actor: Actor; followUpId: string; personId: string; input: RetestInput }): Promise<MemberOutcome> {
  const staff = requirePermission(opts.actor, 'follow_ups:write');
  const m = await findMember(ctx, staff, opts.followUpId, opts.personId);
  const now = ctx.clock.now();
  const sampledAt = parsePast('sampledAt', opts.input.sampledAt, now);
  if (m.status !== 'pending') throw new AppError('CONFLICT', `This member's re-test is already ${m.status === 'retest_sampled' ? 'sampled' : m.status}`);
  const barcode = opts.input.barcode.trim();
  return ctx.db.transaction(async (tx) => {
    const [tube] = await tx
      .insert(tubes)
      .values({ barcode, jurisdictionPath: m.path, poolSize: 1, purpose: 'retest', status: 'closed', openedBy: staff.id, openedAt: sampledAt, closedAt: sampledAt })
      .onConflictDoNothing({ target: tubes.barcode })
      .returning({ id: tubes.id });
    if (!tube) throw new AppError('CONFLICT', `Barcode ${barcode} is already on another tube`, 'barcode');
    await tx.insert(tubeMembers).values({ tubeId: tube.id, personId: m.personId, sampledAt, sampledBy: staff.id, clientEventId: `retest:${m.followUpId}:${m.personId}:${barcode}` });
    const updated = await tx
      .update(followUpMembers)
      .set({ status: 'retest_sampled', retestBarcode: barcode, retestSampledAt: sampledAt })
      .where(and(eq(followUpMembers.followUpId, m.followUpId), eq(followUpMembers.personId, m.personId), eq(followUpMembers.status, 'pending')))
      .returning({ personId: followUpMembers.personId });
    if (updated.length === 0) throw new AppError('CONFLICT', "This member's re-test has just been recorded by someone else");
    await appendAudit(tx, staff, {
      action: 'follow_up.retest',
      entityType: 'person',
      entityId: m.personId,
      jurisdictionPath: m.path,
      details: { followUpId: m.followUpId, barcode, tubeId: tube.id, sampledAt: sampledAt.toISOString() },
    });
    return { followUpId: m.followUpId, personId: m.personId, status: 'retest_sampled' as const, retestBarcode: barcode, followUpClosed: false };
  });
}

/**
 * A re-test done elsewhere (a hospital, another city): its result closes the member's part. The
 * result is stored as a NAT test result; the pending_retest fact ends, and a positive one
 * records a positive_result fact. The follow-up closes with its last member. Audited.
 */
export async function recordElsewhereResult(ctx: AppContext, opts: { actor: Actor; followUpId: string; personId: string; input: ResultInput }): Promise<MemberOutcome> {
  const staff = requirePermission(opts.actor, 'follow_ups:write');
  const m = await findMember(ctx, staff, opts.followUpId, opts.personId);
  const now = ctx.clock.now();
  const sampledAt = opts.input.sampledAt ? parsePast('sampledAt', opts.input.sampledAt, now) : now;
  if (!OPEN_STATUSES.includes(m.status)) throw new AppError('CONFLICT', `This member's part is already closed (${m.status})`);
  return ctx.db.transaction(async (tx) => {
    const [result] = await tx
      .insert(testResults)
      .values({ personId: m.personId, kind: 'nat', result: opts.input.result, sampledAt, reportedAt: now, source: 'manual', sourceRef: `follow-up:${m.followUpId}`, recordedBy: staff.id })
      .returning({ id: testResults.id });
    await endHealthFacts(tx, { personIds: [m.personId], kind: 'pending_retest', source: 'testing' }, now);
    if (opts.input.result === 'positive') {
      await onPositivePerson(tx, { personId: m.personId, ref: result.id, sampledAt, now, recordedBy: staff.id });
    }
    const r = await settleMember(tx, { followUpId: m.followUpId, personId: m.personId, path: m.path, result: opts.input.result, now, actor: staff, source: 'elsewhere' });
    return { followUpId: r.followUpId, personId: r.personId, status: r.status as MemberOutcome['status'], retestBarcode: null, followUpClosed: r.followUpClosed };
  });
}

import { and, count, eq, ne } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { canReach, requirePermission, type Actor, type StaffActor } from '../../../platform/access.ts';
import type { AppContext } from '../../../platform/context.ts';
import { verifyHealthCodeToken } from '../../health-codes/health-code-token.ts';
import { normalizeDocumentNumber } from '../../people/id-number.ts';
import { people } from '../../people/people.table.ts';
import { roundAreas, samplingPoints, testingRounds, tubeMembers, tubes } from '../sampling.table.ts';
import { canAddMember, POOL_SIZES, tubeStep, type TubeStatus } from '../tube-rules.ts';
import type { RejectCode, SamplingEvent, SamplingEventResult, SamplingOutcome } from './sampling.schemas.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** ISO 8601 with a date, a time and an offset (Z or ±hh:mm). */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
/** A phone's clock may run a little ahead; more than this is a wrong clock. */
const FUTURE_SLACK_MS = 10 * 60_000;

type TubeRow = typeof tubes.$inferSelect;
type TubeInfo = NonNullable<SamplingOutcome['tube']>;

class Refusal {
  constructor(
    readonly code: RejectCode,
    readonly reason: string,
  ) {}
}
const refuse = (code: RejectCode, reason: string) => new Refusal(code, reason);

/** What one batch looks up more than once: rounds with their areas, points, people by document number. */
interface Lookups {
  rounds: Map<string, { status: string; areas: Array<{ path: string; poolSize: number }> } | null>;
  points: Map<string, { id: string; path: string } | null>;
}

async function tubeInfo(db: Executor, tube: Pick<TubeRow, 'id' | 'barcode' | 'status' | 'poolSize'>): Promise<TubeInfo> {
  const [{ n }] = await db.select({ n: count() }).from(tubeMembers).where(eq(tubeMembers.tubeId, tube.id));
  return { barcode: tube.barcode, status: tube.status as TubeStatus, poolSize: tube.poolSize, members: n };
}

async function reachableTube(db: Executor, actor: StaffActor, barcode: string, lock = false): Promise<TubeRow> {
  const q = db.select().from(tubes).where(eq(tubes.barcode, barcode));
  const [tube] = lock ? await q.for('update') : await q;
  if (!tube || !canReach(actor, tube.jurisdictionPath)) throw refuse('unknown_tube', `no tube ${barcode} has been opened in your jurisdiction`);
  return tube;
}

async function roundOf(ctx: AppContext, look: Lookups, actor: StaffActor, roundId: string) {
  if (!look.rounds.has(roundId)) {
    let found: { status: string; areas: Array<{ path: string; poolSize: number }> } | null = null;
    if (UUID.test(roundId)) {
      const [round] = await ctx.db.select({ status: testingRounds.status }).from(testingRounds).where(eq(testingRounds.id, roundId));
      if (round) {
        const areas = await ctx.db.select({ path: roundAreas.jurisdictionPath, poolSize: roundAreas.poolSize }).from(roundAreas).where(eq(roundAreas.roundId, roundId));
        if (areas.some((a) => a.path.startsWith(actor.scopePath) || actor.scopePath.startsWith(a.path))) found = { status: round.status, areas };
      }
    }
    look.rounds.set(roundId, found);
  }
  return look.rounds.get(roundId) ?? null;
}

async function pointOf(ctx: AppContext, look: Lookups, actor: StaffActor, pointId: string) {
  if (!look.points.has(pointId)) {
    let found: { id: string; path: string } | null = null;
    if (UUID.test(pointId)) {
      const [p] = await ctx.db.select({ id: samplingPoints.id, path: samplingPoints.jurisdictionPath }).from(samplingPoints).where(eq(samplingPoints.id, pointId));
      if (p && canReach(actor, p.path)) found = p;
    }
    look.points.set(pointId, found);
  }
  return look.points.get(pointId) ?? null;
}

const sameOpening = (t: TubeRow, e: SamplingEvent) => t.poolSize === e.poolSize && (t.roundId ?? null) === (e.roundId ?? null) && (t.samplingPointId ?? null) === (e.samplingPointId ?? null);

async function openTube(ctx: AppContext, look: Lookups, actor: StaffActor, e: SamplingEvent, barcode: string): Promise<{ status: 'applied' | 'duplicate'; tube: TubeInfo }> {
  const poolSize = e.poolSize;
  if (poolSize === undefined || !(POOL_SIZES as readonly number[]).includes(poolSize)) throw refuse('invalid', 'poolSize must be 1, 5, 10 or 20');
  const existing = async () => {
    const [t] = await ctx.db.select().from(tubes).where(eq(tubes.barcode, barcode));
    if (!t) return undefined;
    // The same opening replayed (the barcode is the tube's physical label): nothing to do.
    if (canReach(actor, t.jurisdictionPath) && sameOpening(t, e)) return { status: 'duplicate' as const, tube: await tubeInfo(ctx.db, t) };
    throw refuse('barcode_in_use', `tube ${barcode} is already in use`);
  };
  const before = await existing();
  if (before) return before;

  let path = actor.scopePath;
  if (e.samplingPointId) {
    const point = await pointOf(ctx, look, actor, e.samplingPointId);
    if (!point) throw refuse('unknown_sampling_point', 'unknown sampling point, or outside your jurisdiction');
    path = point.path;
  }
  if (e.roundId) {
    const round = await roundOf(ctx, look, actor, e.roundId);
    if (!round) throw refuse('unknown_round', 'unknown testing round, or not one of your jurisdiction');
    if (round.status !== 'open') throw refuse('round_not_open', `the round is ${round.status}, not open`);
    // The deepest of the round's areas that holds the place the tube is taken.
    const area = round.areas.filter((a) => path.startsWith(a.path)).sort((a, b) => b.path.length - a.path.length)[0];
    if (!area) throw refuse('outside_round', "the sampling place is outside the round's areas");
    if (poolSize !== 1 && poolSize > area.poolSize) throw refuse('pool_size_not_allowed', `this area pools at most ${area.poolSize} per tube (${poolSize} asked)`);
  }
  const [row] = await ctx.db
    .insert(tubes)
    .values({
      barcode,
      poolSize,
      roundId: e.roundId ?? null,
      samplingPointId: e.samplingPointId ?? null,
      jurisdictionPath: path,
      status: 'open',
      openedBy: actor.id,
      openedAt: ctx.clock.now(),
    })
    .onConflictDoNothing({ target: tubes.barcode })
    .returning();
  if (row) return { status: 'applied', tube: { barcode, status: 'open', poolSize, members: 0 } };
  // Another device opened it between our read and our insert.
  return (await existing())!;
}

async function resolvePerson(ctx: AppContext, e: SamplingEvent): Promise<string> {
  const given = [e.idNumber, e.personId, e.token].filter((v) => v !== undefined && v !== '');
  if (given.length !== 1) throw refuse('invalid', 'give exactly one of idNumber, personId or token');
  if (e.token) {
    const v = await verifyHealthCodeToken(ctx, e.token);
    if (!v.valid) throw refuse('token_invalid', `the health code cannot be read (${v.reason})`);
    return v.personId;
  }
  if (e.personId) {
    const [p] = UUID.test(e.personId) ? await ctx.db.select({ id: people.id }).from(people).where(eq(people.id, e.personId)) : [];
    if (!p) throw refuse('unknown_person', 'no such person');
    return p.id;
  }
  const hash = ctx.keys.lookupHash(normalizeDocumentNumber(e.idNumber!));
  const [p] = await ctx.db.select({ id: people.id }).from(people).where(eq(people.idNumberHash, hash)).limit(1);
  if (!p) throw refuse('unknown_person', 'no person is registered with this document number');
  return p.id;
}

function sampledAtOf(ctx: AppContext, raw: string | undefined): Date {
  if (!raw || !ISO_WITH_OFFSET.test(raw)) throw refuse('invalid', 'sampledAt must be ISO 8601 with an offset, e.g. 2026-11-24T09:30:00+08:00');
  const at = new Date(raw);
  if (Number.isNaN(at.getTime())) throw refuse('invalid', 'sampledAt is not a real time');
  if (at.getTime() > ctx.clock.now().getTime() + FUTURE_SLACK_MS) throw refuse('invalid', 'sampledAt is in the future');
  return at;
}

async function addMember(ctx: AppContext, actor: StaffActor, e: SamplingEvent, barcode: string): Promise<{ status: 'applied' | 'duplicate'; tube: TubeInfo }> {
  const duplicate = async () => {
    const [done] = await ctx.db.select({ tubeId: tubeMembers.tubeId }).from(tubeMembers).where(eq(tubeMembers.clientEventId, e.eventId));
    if (!done) return undefined;
    const [t] = await ctx.db.select().from(tubes).where(eq(tubes.id, done.tubeId));
    return { status: 'duplicate' as const, tube: await tubeInfo(ctx.db, t) };
  };
  const before = await duplicate();
  if (before) return before;
  await reachableTube(ctx.db, actor, barcode);
  const sampledAt = sampledAtOf(ctx, e.sampledAt);
  const personId = await resolvePerson(ctx, e);

  const outcome = await ctx.db.transaction(async (tx) => {
    // One writer per tube at a time: the count and the insert see the same tube.
    const tube = await reachableTube(tx, actor, barcode, true);
    const members = await tx.select({ personId: tubeMembers.personId }).from(tubeMembers).where(eq(tubeMembers.tubeId, tube.id));
    const inThisTube = members.some((m) => m.personId === personId);
    const [elsewhere] = tube.roundId
      ? await tx
          .select({ tubeId: tubeMembers.tubeId })
          .from(tubeMembers)
          .where(and(eq(tubeMembers.roundId, tube.roundId), eq(tubeMembers.personId, personId), ne(tubeMembers.tubeId, tube.id)))
          .limit(1)
      : [];
    const status = tube.status as TubeStatus;
    const check = canAddMember({ status, poolSize: tube.poolSize, members: members.length }, { inThisTube, sampledThisRound: !!elsewhere });
    if (!check.ok) {
      const code: RejectCode = !tubeStep(status, 'add_member').ok ? 'tube_closed' : inThisTube ? 'already_in_tube' : elsewhere ? 'already_in_round' : 'tube_full';
      return refuse(code, check.reason);
    }
    const inserted = await tx
      .insert(tubeMembers)
      .values({ tubeId: tube.id, personId, roundId: tube.roundId, sampledAt, sampledBy: actor.id, clientEventId: e.eventId })
      .onConflictDoNothing()
      .returning({ tubeId: tubeMembers.tubeId });
    if (inserted.length === 0) return null; // raced: the event, or this person in this round, was written meanwhile
    return { status: 'applied' as const, tube: { barcode: tube.barcode, status, poolSize: tube.poolSize, members: members.length + 1 } };
  });
  if (outcome instanceof Refusal) throw outcome;
  if (outcome) return outcome;
  const raced = await duplicate();
  if (raced) return raced;
  throw refuse('already_in_round', 'this person has already been sampled in this round');
}

async function closeTube(ctx: AppContext, actor: StaffActor, barcode: string): Promise<{ status: 'applied' | 'duplicate'; tube: TubeInfo }> {
  const tube = await reachableTube(ctx.db, actor, barcode);
  // Closing again (a replayed queue) changes nothing: the tube was closed, and may have moved on.
  if (tube.status !== 'open') return { status: 'duplicate', tube: await tubeInfo(ctx.db, tube) };
  const step = tubeStep('open', 'close');
  if (!step.ok) throw refuse('invalid', step.reason);
  const closed = await ctx.db
    .update(tubes)
    .set({ status: step.status, closedAt: ctx.clock.now() })
    .where(and(eq(tubes.id, tube.id), eq(tubes.status, 'open')))
    .returning({ id: tubes.id });
  const info = await tubeInfo(ctx.db, { ...tube, status: step.status });
  return { status: closed.length ? 'applied' : 'duplicate', tube: info };
}

/**
 * A sampling device's queue of events (open a tube, add a person, close a tube), applied in
 * order and each answered: applied, duplicate (replayed: nothing changed) or rejected with a
 * code and a reason. Each applied event is committed before the next is read.
 */
export async function ingestSamplingEvents(ctx: AppContext, opts: { actor: Actor; events: SamplingEvent[] }): Promise<SamplingEventResult> {
  const actor = requirePermission(opts.actor, 'sampling:write');
  const look: Lookups = { rounds: new Map(), points: new Map() };
  const results: SamplingOutcome[] = [];
  for (const e of opts.events) {
    const barcode = e.barcode.trim();
    try {
      if (!barcode) throw refuse('invalid', 'barcode is empty');
      const done =
        e.type === 'open_tube' ? await openTube(ctx, look, actor, e, barcode) : e.type === 'add_member' ? await addMember(ctx, actor, e, barcode) : await closeTube(ctx, actor, barcode);
      results.push({ eventId: e.eventId, status: done.status, tube: done.tube });
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
      results.push({ eventId: e.eventId, status: 'rejected', code: err.code, reason: err.reason });
    }
  }
  const n = (s: SamplingOutcome['status']) => results.filter((r) => r.status === s).length;
  return { applied: n('applied'), duplicates: n('duplicate'), rejected: n('rejected'), results };
}

import { and, eq } from 'drizzle-orm';
import { canReach, requirePermission, type Actor, type StaffActor } from '../../../platform/access.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, forbidden, invalid, notFound } from '../../../platform/errors.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { Level } from '../../jurisdictions/division-code.ts';
import { findByCodes } from '../../jurisdictions/jurisdictions.repository.ts';
import { roundAreas, testingRounds } from '../sampling.table.ts';
import type { NewRound, Round, RoundsPage, RoundsQuery, RoundStatus } from './sampling.schemas.ts';

interface RoundRow {
  id: string;
  name: string;
  day: string;
  status: RoundStatus;
  created_at: Date | string;
  tubes: number | string;
  sampled: number | string;
}
interface AreaRow {
  round_id: string;
  pool_size: number;
  path: string;
  j_id: string;
  j_code: string;
  j_name: string;
  j_level: Level;
}

/** A round concerns the caller when one of its areas lies inside the caller's subtree or contains the caller's node. */
const VISIBLE = `exists (select 1 from round_areas a where a.round_id = r.id and (starts_with(a.jurisdiction_path, $1) or starts_with($1, a.jurisdiction_path)))`;

async function loadRounds(ctx: AppContext, rows: RoundRow[]): Promise<Array<Round & { areaPaths: string[] }>> {
  if (rows.length === 0) return [];
  const areas = await ctx.database.query<AreaRow>(
    `select a.round_id, a.pool_size, a.jurisdiction_path as path, j.id as j_id, j.code as j_code, j.name as j_name, j.level as j_level
       from round_areas a join jurisdictions j on j.id = a.jurisdiction_id
      where a.round_id = any($1::uuid[]) order by j.code`,
    [rows.map((r) => r.id)],
  );
  return rows.map((r) => {
    const mine = areas.filter((a) => a.round_id === r.id);
    return {
      id: r.id,
      name: r.name,
      day: typeof r.day === 'string' ? r.day.slice(0, 10) : new Date(r.day).toISOString().slice(0, 10),
      status: r.status,
      areas: mine.map((a) => ({ jurisdiction: { id: a.j_id, code: a.j_code, name: a.j_name, level: a.j_level }, poolSize: a.pool_size })),
      areaPaths: mine.map((a) => a.path),
      tubes: Number(r.tubes),
      sampled: Number(r.sampled),
      createdAt: new Date(r.created_at).toISOString(),
    };
  });
}

const ROUND_SELECT = `select r.id, r.name, r.day::text as day, r.status, r.created_at,
  (select count(*) from tubes t where t.round_id = r.id) as tubes,
  (select count(*) from tube_members m where m.round_id = r.id) as sampled
  from testing_rounds r`;

const strip = ({ areaPaths: _p, ...round }: Round & { areaPaths: string[] }): Round => round;

async function findVisibleRound(ctx: AppContext, actor: StaffActor, id: string) {
  const rows = await ctx.database.query<RoundRow>(`${ROUND_SELECT} where r.id = $2 and ${VISIBLE}`, [actor.scopePath, id]);
  const [round] = await loadRounds(ctx, rows);
  if (!round) throw notFound('Testing round');
  return round;
}

/** Plans a round: its day and the pooling ratio of each area, every area within the caller's jurisdiction. */
export async function createRound(ctx: AppContext, opts: { actor: Actor; input: NewRound }): Promise<Round> {
  const actor = requirePermission(opts.actor, 'rounds:manage');
  const name = opts.input.name.trim();
  if (!name) throw invalid('name', 'must not be empty');
  const codes = opts.input.areas.map((a) => a.jurisdictionCode);
  if (new Set(codes).size !== codes.length) throw invalid('areas', 'an area is listed twice');
  const nodes = new Map((await findByCodes(ctx.db, codes)).filter((n) => canReach(actor, n.path)).map((n) => [n.code, n]));
  const missing = codes.filter((c) => !nodes.has(c));
  if (missing.length) throw invalid('areas', `unknown, or outside your jurisdiction: ${missing.join(', ')}`);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(testingRounds).values({ name, day: opts.input.day, status: 'planned', createdBy: actor.id }).returning({ id: testingRounds.id });
    await tx.insert(roundAreas).values(
      opts.input.areas.map((a) => {
        const n = nodes.get(a.jurisdictionCode)!;
        return { roundId: row.id, jurisdictionId: n.id, jurisdictionPath: n.path, poolSize: a.poolSize };
      }),
    );
    await appendAudit(tx, actor, { action: 'testing_round.create', entityType: 'testing_round', entityId: row.id, jurisdictionPath: actor.scopePath, details: { day: opts.input.day, areas: codes.length } });
    return row.id;
  });
  return strip(await findVisibleRound(ctx, actor, id));
}

/** Rounds that concern the caller's jurisdiction, newest day first. */
export async function listRounds(ctx: AppContext, opts: RoundsQuery & { actor: Actor }): Promise<RoundsPage> {
  const actor = requirePermission(opts.actor, 'sampling:write');
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? 50;
  const params: unknown[] = [actor.scopePath];
  let where = VISIBLE;
  if (opts.status) {
    params.push(opts.status);
    where += ` and r.status = $${params.length}`;
  }
  const [rows, [{ n }]] = await Promise.all([
    ctx.database.query<RoundRow>(`${ROUND_SELECT} where ${where} order by r.day desc, r.created_at desc limit ${pageSize} offset ${(page - 1) * pageSize}`, params),
    ctx.database.query<{ n: number | string }>(`select count(*) as n from testing_rounds r where ${where}`, params),
  ]);
  return { items: (await loadRounds(ctx, rows)).map(strip), total: Number(n), page, pageSize };
}

export async function getRound(ctx: AppContext, opts: { actor: Actor; id: string }): Promise<Round> {
  const actor = requirePermission(opts.actor, 'sampling:write');
  return strip(await findVisibleRound(ctx, actor, opts.id));
}

const NEXT: Record<'open' | 'close', { from: RoundStatus; to: RoundStatus }> = { open: { from: 'planned', to: 'open' }, close: { from: 'open', to: 'closed' } };

/** planned → open → closed. Only an account whose jurisdiction holds every area of the round may move it. */
export async function moveRound(ctx: AppContext, opts: { actor: Actor; id: string; to: 'open' | 'close' }): Promise<Round> {
  const actor = requirePermission(opts.actor, 'rounds:manage');
  const round = await findVisibleRound(ctx, actor, opts.id);
  if (!round.areaPaths.every((p) => canReach(actor, p))) throw forbidden('The round has areas outside your jurisdiction');
  const step = NEXT[opts.to];
  await ctx.db.transaction(async (tx) => {
    const moved = await tx.update(testingRounds).set({ status: step.to }).where(and(eq(testingRounds.id, opts.id), eq(testingRounds.status, step.from))).returning({ status: testingRounds.status });
    if (round.status !== step.from || moved.length === 0) throw new AppError('CONFLICT', `The round is ${round.status}; only a ${step.from} round can be ${opts.to === 'open' ? 'opened' : 'closed'}`);
    await appendAudit(tx, actor, { action: `testing_round.${opts.to}`, entityType: 'testing_round', entityId: opts.id, jurisdictionPath: actor.scopePath, details: { from: step.from, to: step.to } });
  });
  return strip(await findVisibleRound(ctx, actor, opts.id));
}

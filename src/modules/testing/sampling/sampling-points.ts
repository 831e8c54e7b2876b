import { and, asc, count, eq, ilike, or } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { canReach, requirePermission, type Actor } from '../../../platform/access.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, invalid, notFound } from '../../../platform/errors.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { Level } from '../../jurisdictions/division-code.ts';
import { escapeLike, within } from '../../jurisdictions/jurisdictions.repository.ts';
import { jurisdictions } from '../../jurisdictions/jurisdictions.table.ts';
import { placeOne } from '../../people/place-person.ts';
import { samplingPoints } from '../sampling.table.ts';
import type { NewSamplingPoint, SamplingPoint, SamplingPointChanges, SamplingPointsPage, SamplingPointsQuery } from './sampling.schemas.ts';

const columns = {
  id: samplingPoints.id,
  code: samplingPoints.code,
  name: samplingPoints.name,
  address: samplingPoints.address,
  hours: samplingPoints.hours,
  teams: samplingPoints.teams,
  path: samplingPoints.jurisdictionPath,
  createdAt: samplingPoints.createdAt,
  jId: jurisdictions.id,
  jCode: jurisdictions.code,
  jName: jurisdictions.name,
  jLevel: jurisdictions.level,
};

type Row = { [K in keyof typeof columns]: unknown };

const toPoint = (r: Row): SamplingPoint => ({
  id: r.id as string,
  code: r.code as string,
  name: r.name as string,
  address: (r.address as string | null) ?? null,
  hours: (r.hours as string | null) ?? null,
  teams: r.teams as number,
  jurisdiction: { id: r.jId as string, code: r.jCode as string, name: r.jName as string, level: r.jLevel as Level },
  createdAt: (r.createdAt as Date).toISOString(),
});

async function findPoint(db: Executor, id: string) {
  const [row] = await db.select(columns).from(samplingPoints).innerJoin(jurisdictions, eq(jurisdictions.id, samplingPoints.jurisdictionId)).where(eq(samplingPoints.id, id));
  return row ? { point: toPoint(row), path: row.path as string } : undefined;
}

/** Sampling points under the caller's jurisdiction, by code then name. */
export async function listSamplingPoints(ctx: AppContext, opts: SamplingPointsQuery & { actor: Actor }): Promise<SamplingPointsPage> {
  const actor = requirePermission(opts.actor, 'sampling:write');
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? 50;
  const q = opts.q?.trim();
  const where = and(
    within(samplingPoints.jurisdictionPath, actor.scopePath),
    q ? or(ilike(samplingPoints.code, `${escapeLike(q)}%`), ilike(samplingPoints.name, `${escapeLike(q)}%`)) : undefined,
  );
  const [rows, [{ n }]] = await Promise.all([
    ctx.db
      .select(columns)
      .from(samplingPoints)
      .innerJoin(jurisdictions, eq(jurisdictions.id, samplingPoints.jurisdictionId))
      .where(where)
      .orderBy(asc(samplingPoints.code))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ctx.db.select({ n: count() }).from(samplingPoints).where(where),
  ]);
  return { items: rows.map(toPoint), total: n, page, pageSize };
}

/** Registers a sampling point at a node of the caller's jurisdiction (default: the caller's own). */
export async function createSamplingPoint(ctx: AppContext, opts: { actor: Actor; input: NewSamplingPoint }): Promise<SamplingPoint> {
  const actor = requirePermission(opts.actor, 'rounds:manage');
  const input = opts.input;
  const name = input.name.trim();
  if (!name) throw invalid('name', 'must not be empty');
  const code = input.code.trim().toUpperCase();
  const placement = await placeOne(ctx.db, actor, input.jurisdictionCode);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(samplingPoints)
      .values({
        code,
        name,
        address: input.address?.trim() || null,
        hours: input.hours?.trim() || null,
        teams: input.teams ?? 1,
        jurisdictionId: placement.jurisdictionId,
        jurisdictionPath: placement.jurisdictionPath,
      })
      .onConflictDoNothing({ target: samplingPoints.code })
      .returning({ id: samplingPoints.id });
    if (!row) throw new AppError('CONFLICT', `code: sampling point ${code} is already registered`, 'code');
    await appendAudit(tx, actor, { action: 'sampling_point.create', entityType: 'sampling_point', entityId: row.id, jurisdictionPath: placement.jurisdictionPath, details: { code } });
    return row.id;
  });
  return (await findPoint(ctx.db, id))!.point;
}

/** Changes a point's name, address, hours, teams or jurisdiction (within the caller's). The code stays. */
export async function updateSamplingPoint(ctx: AppContext, opts: { actor: Actor; id: string; changes: SamplingPointChanges }): Promise<SamplingPoint> {
  const actor = requirePermission(opts.actor, 'rounds:manage');
  const before = await findPoint(ctx.db, opts.id);
  if (!before || !canReach(actor, before.path)) throw notFound('Sampling point');
  const c = opts.changes;
  const set: Partial<typeof samplingPoints.$inferInsert> = {};
  if (c.name !== undefined) {
    if (!c.name.trim()) throw invalid('name', 'must not be empty');
    set.name = c.name.trim();
  }
  if (c.address !== undefined) set.address = c.address?.trim() || null;
  if (c.hours !== undefined) set.hours = c.hours?.trim() || null;
  if (c.teams !== undefined) set.teams = c.teams;
  if (c.jurisdictionCode !== undefined) {
    const placement = await placeOne(ctx.db, actor, c.jurisdictionCode);
    set.jurisdictionId = placement.jurisdictionId;
    set.jurisdictionPath = placement.jurisdictionPath;
  }
  await ctx.db.transaction(async (tx) => {
    await tx.update(samplingPoints).set(set).where(eq(samplingPoints.id, opts.id));
    await appendAudit(tx, actor, {
      action: 'sampling_point.update',
      entityType: 'sampling_point',
      entityId: opts.id,
      jurisdictionPath: set.jurisdictionPath ?? before.path,
      details: { code: before.point.code, fields: Object.keys(c) },
    });
  });
  return (await findPoint(ctx.db, opts.id))!.point;
}

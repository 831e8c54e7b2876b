import { and, count, desc, eq, isNull, or, type SQL } from 'drizzle-orm';
import { requirePermission, type Actor, type StaffActor } from '../../../platform/access.ts';
import type { AppContext } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { appendAudit } from '../../audit/audit.ts';
import { within } from '../../jurisdictions/jurisdictions.repository.ts';
import { resultConflicts, tubes } from '../sampling.table.ts';
import type { ConflictsPage, ResultConflict } from './results.schemas.ts';

/**
 * Which conflicts an account sees: those about a tube in its jurisdiction, and those about a
 * barcode no tube carries (they name no person and no place; whoever reads results may sort them out).
 */
const inScope = (actor: StaffActor): SQL => or(isNull(tubes.id), within(tubes.jurisdictionPath, actor.scopePath))!;

const num = (v: string | null) => (v === null ? null : Number(v));

function toConflict(r: typeof resultConflicts.$inferSelect, storedResult: string | null): ResultConflict {
  return {
    id: r.id,
    barcode: r.barcode,
    kind: r.kind as ResultConflict['kind'],
    result: r.result,
    ctOrf1ab: num(r.ctOrf1ab),
    ctN: num(r.ctN),
    testedAt: r.testedAt.toISOString(),
    lab: r.lab,
    status: r.status as ResultConflict['status'],
    reportedAt: r.reportedAt.toISOString(),
    storedResult,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    resolution: r.resolution,
  };
}

/** Open conflicts, newest first. */
export async function listConflicts(ctx: AppContext, opts: { actor: Actor; page?: number; pageSize?: number }): Promise<ConflictsPage> {
  const actor = requirePermission(opts.actor, 'results:read');
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? 50;
  const where = and(eq(resultConflicts.status, 'open'), inScope(actor));
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({ c: resultConflicts, stored: tubes.result })
      .from(resultConflicts)
      .leftJoin(tubes, eq(tubes.barcode, resultConflicts.barcode))
      .where(where)
      .orderBy(desc(resultConflicts.reportedAt), desc(resultConflicts.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ctx.db.select({ total: count() }).from(resultConflicts).leftJoin(tubes, eq(tubes.barcode, resultConflicts.barcode)).where(where),
  ]);
  return { items: rows.map((r) => toConflict(r.c, r.stored)), total, page, pageSize };
}

/**
 * Closes a conflict with what was done about it. Never touches the tube: a stored result is not
 * overwritten by resolving (a wrong result is corrected by a re-test, not by editing). Audited.
 */
export async function resolveConflict(ctx: AppContext, opts: { actor: Actor; id: string; resolution: string }): Promise<ResultConflict> {
  const actor = requirePermission(opts.actor, 'results:write');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ c: resultConflicts, stored: tubes.result, path: tubes.jurisdictionPath })
      .from(resultConflicts)
      .leftJoin(tubes, eq(tubes.barcode, resultConflicts.barcode))
      .where(and(eq(resultConflicts.id, opts.id), inScope(actor)))
      .for('update', { of: resultConflicts });
    if (!found) throw notFound('Conflict');
    if (found.c.status !== 'open') throw new AppError('CONFLICT', 'This conflict has already been resolved');
    const resolution = opts.resolution.trim();
    const [row] = await tx
      .update(resultConflicts)
      .set({ status: 'resolved', resolvedBy: actor.id, resolvedAt: now, resolution })
      .where(eq(resultConflicts.id, found.c.id))
      .returning();
    await appendAudit(tx, actor, {
      action: 'result_conflict.resolve',
      entityType: 'result_conflict',
      entityId: row.id,
      jurisdictionPath: found.path ?? actor.scopePath,
      reason: resolution,
      details: { barcode: row.barcode, kind: row.kind, result: row.result, storedResult: found.stored },
    });
    return toConflict(row, found.stored);
  });
}

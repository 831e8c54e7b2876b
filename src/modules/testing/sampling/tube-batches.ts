import { randomInt } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { AppError, forbidden, notFound } from '../../../platform/errors.ts';
import { canReach, hasPermission, requirePermission, type Actor, type Permission, type StaffActor } from '../../../platform/access.ts';
import type { AppContext } from '../../../platform/context.ts';
import { appendAudit } from '../../audit/audit.ts';
import { maskName } from '../../venues/venue-input.ts';
import { people } from '../../people/people.table.ts';
import { samplingPoints, tubeBatches, tubeMembers, tubes } from '../sampling.table.ts';
import { tubeStep, type TubeStatus } from '../tube-rules.ts';
import type { Batch, NewBatch, Tube } from './sampling.schemas.ts';

/** No 0/O, 1/I/L: read aloud over a phone and typed at the lab's door. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A short transfer code such as `K7MQ-2PXA` (31^8 ≈ 8.5·10^11 codes). */
export function newTransferCode(): string {
  const pick = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${pick()}-${pick()}`;
}

/** The caller must hold one of these permissions (routes that serve both the sampler and the lab). */
export function requireAnyPermission(actor: Actor, permissions: Permission[]): StaffActor {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'Staff sign-in required');
  if (!permissions.some((p) => hasPermission(actor.role, p))) throw forbidden(`Your role (${actor.role}) lacks ${permissions.join(' or ')}`);
  return actor;
}

async function memberCounts(ctx: AppContext, tubeIds: string[]): Promise<Map<string, number>> {
  if (tubeIds.length === 0) return new Map();
  const rows = await ctx.database.query<{ tube_id: string; n: number | string }>('select tube_id, count(*) as n from tube_members where tube_id = any($1::uuid[]) group by tube_id', [tubeIds]);
  return new Map(rows.map((r) => [r.tube_id, Number(r.n)]));
}

/** A batch the caller may see: one with a tube in the caller's jurisdiction. */
async function findBatch(ctx: AppContext, actor: StaffActor, transferCode: string) {
  const [batch] = await ctx.db.select().from(tubeBatches).where(eq(tubeBatches.transferCode, transferCode.trim().toUpperCase()));
  if (!batch) throw notFound('Batch');
  const rows = await ctx.db.select().from(tubes).where(eq(tubes.batchId, batch.id)).orderBy(tubes.barcode);
  if (!rows.some((t) => canReach(actor, t.jurisdictionPath))) throw notFound('Batch');
  return { batch, tubes: rows };
}

async function toBatch(ctx: AppContext, found: Awaited<ReturnType<typeof findBatch>>): Promise<Batch> {
  const counts = await memberCounts(
    ctx,
    found.tubes.map((t) => t.id),
  );
  return {
    transferCode: found.batch.transferCode,
    lab: found.batch.lab,
    sentAt: found.batch.sentAt.toISOString(),
    receivedAt: found.batch.receivedAt?.toISOString() ?? null,
    tubes: found.tubes.map((t) => ({ barcode: t.barcode, status: t.status as TubeStatus, poolSize: t.poolSize, members: counts.get(t.id) ?? 0 })),
  };
}

/**
 * Hands closed tubes to a lab under one transfer code; the tubes go in transit. Every barcode
 * must name a closed tube in the caller's jurisdiction, or nothing is sent and the answer names
 * the barcodes at fault.
 */
export async function createBatch(ctx: AppContext, opts: { actor: Actor; input: NewBatch }): Promise<Batch> {
  const actor = requirePermission(opts.actor, 'sampling:write');
  const lab = opts.input.lab.trim();
  if (!lab) throw new AppError('VALIDATION', 'lab: must not be empty', 'lab');
  const barcodes = [...new Set(opts.input.barcodes.map((b) => b.trim()).filter(Boolean))];
  if (barcodes.length === 0) throw new AppError('VALIDATION', 'barcodes: none given', 'barcodes');
  const rows = await ctx.db.select().from(tubes).where(inArray(tubes.barcode, barcodes));
  const byCode = new Map(rows.filter((t) => canReach(actor, t.jurisdictionPath)).map((t) => [t.barcode, t]));
  const unknown = barcodes.filter((b) => !byCode.has(b));
  const notClosed = barcodes.filter((b) => byCode.has(b) && !tubeStep(byCode.get(b)!.status as TubeStatus, 'send').ok);
  const problems = [unknown.length ? `unknown, or outside your jurisdiction: ${unknown.join(', ')}` : '', notClosed.length ? `not closed, or already sent: ${notClosed.join(', ')}` : ''].filter(Boolean);
  if (problems.length) throw new AppError('VALIDATION', `barcodes: ${problems.join('; ')}`, 'barcodes');

  const now = ctx.clock.now();
  const code = await ctx.db.transaction(async (tx) => {
    let batch: { id: string; transferCode: string } | undefined;
    for (let attempt = 0; !batch && attempt < 5; attempt++) {
      [batch] = await tx
        .insert(tubeBatches)
        .values({ transferCode: newTransferCode(), lab, sentBy: actor.id, sentAt: now })
        .onConflictDoNothing({ target: tubeBatches.transferCode })
        .returning({ id: tubeBatches.id, transferCode: tubeBatches.transferCode });
    }
    if (!batch) throw new AppError('CONFLICT', 'Could not allocate a transfer code; try again');
    const sent = await tx
      .update(tubes)
      .set({ status: 'in_transit', batchId: batch.id, lab })
      .where(and(inArray(tubes.barcode, barcodes), eq(tubes.status, 'closed')))
      .returning({ barcode: tubes.barcode });
    if (sent.length !== barcodes.length) {
      const moved = barcodes.filter((b) => !sent.some((s) => s.barcode === b));
      throw new AppError('CONFLICT', `barcodes: sent by someone else meanwhile: ${moved.join(', ')}`, 'barcodes');
    }
    await appendAudit(tx, actor, { action: 'tube_batch.send', entityType: 'tube_batch', entityId: batch.id, jurisdictionPath: actor.scopePath, details: { transferCode: batch.transferCode, lab, tubes: barcodes.length } });
    return batch.transferCode;
  });
  return toBatch(ctx, await findBatch(ctx, actor, code));
}

/** The lab takes a batch in: its tubes in transit become received, with the time. */
export async function receiveBatch(ctx: AppContext, opts: { actor: Actor; transferCode: string }): Promise<Batch> {
  const actor = requirePermission(opts.actor, 'batches:receive');
  const found = await findBatch(ctx, actor, opts.transferCode);
  if (found.batch.receivedAt) throw new AppError('CONFLICT', `Batch ${found.batch.transferCode} was already received at ${found.batch.receivedAt.toISOString()}`);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [marked] = await tx
      .update(tubeBatches)
      .set({ receivedAt: now, receivedBy: actor.id })
      .where(and(eq(tubeBatches.id, found.batch.id), isNull(tubeBatches.receivedAt)))
      .returning({ id: tubeBatches.id });
    if (!marked) throw new AppError('CONFLICT', `Batch ${found.batch.transferCode} was received meanwhile`);
    await tx
      .update(tubes)
      .set({ status: 'received', receivedAt: now })
      .where(and(eq(tubes.batchId, found.batch.id), eq(tubes.status, 'in_transit')));
    await appendAudit(tx, actor, { action: 'tube_batch.receive', entityType: 'tube_batch', entityId: found.batch.id, jurisdictionPath: actor.scopePath, details: { transferCode: found.batch.transferCode, tubes: found.tubes.length } });
  });
  return toBatch(ctx, await findBatch(ctx, actor, found.batch.transferCode));
}

export async function getBatch(ctx: AppContext, opts: { actor: Actor; transferCode: string }): Promise<Batch> {
  const actor = requireAnyPermission(opts.actor, ['sampling:write', 'batches:receive']);
  return toBatch(ctx, await findBatch(ctx, actor, opts.transferCode));
}

/** One tube: status, its batch, its result, and its members masked. Out of the caller's jurisdiction it does not exist. */
export async function getTube(ctx: AppContext, opts: { actor: Actor; barcode: string }): Promise<Tube> {
  const actor = requireAnyPermission(opts.actor, ['sampling:write', 'batches:receive']);
  const [tube] = await ctx.db.select().from(tubes).where(eq(tubes.barcode, opts.barcode.trim()));
  if (!tube || !canReach(actor, tube.jurisdictionPath)) throw notFound('Tube');
  const [point] = tube.samplingPointId
    ? await ctx.db.select({ id: samplingPoints.id, code: samplingPoints.code, name: samplingPoints.name }).from(samplingPoints).where(eq(samplingPoints.id, tube.samplingPointId))
    : [];
  const [batch] = tube.batchId ? await ctx.db.select({ transferCode: tubeBatches.transferCode }).from(tubeBatches).where(eq(tubeBatches.id, tube.batchId)) : [];
  const members = await ctx.db
    .select({ personId: tubeMembers.personId, name: people.name, idNumberMasked: people.idNumberMasked, sampledAt: tubeMembers.sampledAt })
    .from(tubeMembers)
    .innerJoin(people, eq(people.id, tubeMembers.personId))
    .where(eq(tubeMembers.tubeId, tube.id))
    .orderBy(tubeMembers.sampledAt);
  return {
    barcode: tube.barcode,
    status: tube.status as TubeStatus,
    poolSize: tube.poolSize,
    roundId: tube.roundId,
    samplingPoint: point ?? null,
    openedAt: tube.openedAt.toISOString(),
    closedAt: tube.closedAt?.toISOString() ?? null,
    transferCode: batch?.transferCode ?? null,
    lab: tube.lab,
    receivedAt: tube.receivedAt?.toISOString() ?? null,
    result: tube.result,
    resultedAt: tube.resultedAt?.toISOString() ?? null,
    members: members.map((m) => ({ personId: m.personId, nameMasked: maskName(m.name), idNumberMasked: m.idNumberMasked, sampledAt: m.sampledAt.toISOString() })),
  };
}

import { and, desc, eq, like } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { requirePermission, type Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { appendAudit } from '../audit/audit.ts';
import { escapeLike } from '../jurisdictions/jurisdictions.repository.ts';
import { requireCitizenPerson, requirePersonAccess } from '../people/person-access.ts';
import { people } from '../people/people.table.ts';
import type { Appeal } from './health-codes.schemas.ts';
import { appeals } from './health-codes.table.ts';
import { noticeAppealResolved } from './appeal-notices.ts';
import { proposeOverride } from './overrides.ts';
import { currentCode } from './recolour.ts';
import type { Colour } from './colour-policy.ts';

async function loadAppeals(db: Executor, where: ReturnType<typeof and>): Promise<Appeal[]> {
  const rows = await db.select({ a: appeals, personName: people.name }).from(appeals).innerJoin(people, eq(people.id, appeals.personId)).where(where).orderBy(desc(appeals.filedAt)).limit(200);
  return rows.map(({ a, personName }) => ({
    id: a.id,
    personId: a.personId,
    personName,
    colourAtAppeal: a.colourAtAppeal,
    reason: a.reason,
    status: a.status,
    filedAt: a.filedAt.toISOString(),
    resolution: a.resolution,
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
    overrideId: a.overrideId,
  }));
}

/** A citizen appeals their colour; it lands in the queue of the person's jurisdiction. */
export async function fileAppeal(ctx: AppContext, opts: { actor: Actor; personId: string; reason: string }): Promise<Appeal> {
  const { citizen, person } = await requireCitizenPerson(ctx.db, opts.actor, opts.personId);
  const now = ctx.clock.now();
  const code = await currentCode(ctx.db, person.id, now);
  if (code.colour === 'green') throw new AppError('CONFLICT', 'The code is green: there is nothing to appeal');
  const [open] = await ctx.db.select({ id: appeals.id }).from(appeals).where(and(eq(appeals.personId, person.id), eq(appeals.status, 'open')));
  if (open) throw new AppError('CONFLICT', 'An appeal for this person is already open');
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(appeals)
      .values({ personId: person.id, jurisdictionPath: person.path, colourAtAppeal: code.colour, reason: opts.reason.trim(), status: 'open', filedByPhone: citizen.phone, filedAt: now })
      .returning({ id: appeals.id });
    await appendAudit(tx, citizen, { action: 'appeal.file', entityType: 'person', entityId: person.id, jurisdictionPath: person.path, reason: opts.reason, details: { appealId: row.id, colour: code.colour } });
    return row.id;
  });
  return (await loadAppeals(ctx.db, and(eq(appeals.id, id))))[0];
}

export async function citizenAppeals(ctx: AppContext, opts: { actor: Actor }): Promise<Appeal[]> {
  if (opts.actor.kind !== 'citizen') throw new AppError('FORBIDDEN', 'Citizen sign-in required');
  return loadAppeals(ctx.db, and(eq(people.phone, opts.actor.phone)));
}

/** The queue: appeals about people in the caller's jurisdiction. */
export async function listAppeals(ctx: AppContext, opts: { actor: Actor; status?: string }): Promise<Appeal[]> {
  const staff = requirePermission(opts.actor, 'appeals:resolve');
  return loadAppeals(ctx.db, and(like(appeals.jurisdictionPath, `${escapeLike(staff.scopePath)}%`), opts.status ? eq(appeals.status, opts.status) : undefined));
}

async function openAppeal(ctx: AppContext, actor: Actor, appealId: string) {
  const [appeal] = await ctx.db.select().from(appeals).where(eq(appeals.id, appealId));
  if (!appeal) throw notFound('Appeal');
  const access = await requirePersonAccess(ctx.db, actor, appeal.personId, 'appeals:resolve');
  if (appeal.status !== 'open') throw new AppError('CONFLICT', `This appeal is already ${appeal.status}`);
  return { appeal, ...access };
}

/** The colour stands: the facts behind it are right. The citizen is told why. */
export async function upholdAppeal(ctx: AppContext, opts: { actor: Actor; appealId: string; resolution: string }): Promise<Appeal> {
  const { appeal, staff, person } = await openAppeal(ctx, opts.actor, opts.appealId);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.update(appeals).set({ status: 'upheld', resolution: opts.resolution, resolvedBy: staff.id, resolvedAt: now }).where(eq(appeals.id, appeal.id));
    await appendAudit(tx, staff, { action: 'appeal.uphold', entityType: 'person', entityId: person.id, jurisdictionPath: person.path, reason: opts.resolution, details: { appealId: appeal.id } });
    await noticeAppealResolved(ctx, tx, { personId: person.id, phone: person.phone, corrected: false, note: opts.resolution, now });
  });
  return (await loadAppeals(ctx.db, and(eq(appeals.id, appeal.id))))[0];
}

/**
 * The colour is wrong: a correction goes through the two-person override. This proposes it;
 * the appeal closes as corrected when a different account approves.
 */
export async function correctAppeal(ctx: AppContext, opts: { actor: Actor; appealId: string; colour: Colour; resolution: string; validUntil?: string }): Promise<Appeal> {
  const { appeal } = await openAppeal(ctx, opts.actor, opts.appealId);
  const override = await proposeOverride(ctx, { actor: opts.actor, personId: appeal.personId, input: { colour: opts.colour, reason: opts.resolution, validUntil: opts.validUntil }, appealId: appeal.id });
  await ctx.db.update(appeals).set({ status: 'correction_proposed', resolution: opts.resolution, overrideId: override.id }).where(eq(appeals.id, appeal.id));
  return (await loadAppeals(ctx.db, and(eq(appeals.id, appeal.id))))[0];
}

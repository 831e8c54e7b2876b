import { and, desc, eq, like, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { requirePermission, type Actor, type StaffActor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { appendAudit } from '../audit/audit.ts';
import { accounts } from '../accounts/accounts.table.ts';
import { escapeLike } from '../jurisdictions/jurisdictions.repository.ts';
import { requirePersonAccess } from '../people/person-access.ts';
import { people } from '../people/people.table.ts';
import type { NewOverride, Override } from './health-codes.schemas.ts';
import { appeals, colourOverrides } from './health-codes.table.ts';
import { recolourPeople } from './recolour.ts';
import { noticeAppealResolved } from './appeal-notices.ts';

const proposer = accounts;

async function loadOverrides(db: Executor, where: ReturnType<typeof and>, limit = 200): Promise<Override[]> {
  const rows = await db
    .select({ o: colourOverrides, personName: people.name, proposedBy: proposer.username })
    .from(colourOverrides)
    .innerJoin(people, eq(people.id, colourOverrides.personId))
    .innerJoin(proposer, eq(proposer.id, colourOverrides.proposedBy))
    .where(where)
    .orderBy(desc(colourOverrides.proposedAt))
    .limit(limit);
  const deciders = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.o.decidedBy).filter((x): x is string => !!x))) {
    const [a] = await db.select({ username: accounts.username }).from(accounts).where(eq(accounts.id, id));
    deciders.set(id, a?.username ?? id);
  }
  return rows.map(({ o, personName, proposedBy }) => ({
    id: o.id,
    personId: o.personId,
    personName,
    colour: o.colour as Override['colour'],
    reason: o.reason,
    validUntil: o.validUntil?.toISOString() ?? null,
    status: o.status,
    appealId: o.appealId,
    proposedBy,
    proposedAt: o.proposedAt.toISOString(),
    decidedBy: o.decidedBy ? deciders.get(o.decidedBy)! : null,
    decidedAt: o.decidedAt?.toISOString() ?? null,
    decisionNote: o.decisionNote,
  }));
}

/**
 * First half of the two-person rule: one authorised account proposes a colour with a written
 * reason. Nothing changes until a different authorised account approves.
 */
export async function proposeOverride(ctx: AppContext, opts: { actor: Actor; personId: string; input: NewOverride; appealId?: string }, tx: Executor = ctx.db): Promise<Override> {
  const { staff, person } = await requirePersonAccess(tx, opts.actor, opts.personId, 'overrides:propose');
  const now = ctx.clock.now();
  const validUntil = opts.input.validUntil ? new Date(opts.input.validUntil) : null;
  if (validUntil && validUntil <= now) throw invalid('validUntil', 'must be in the future');
  const id = await tx.transaction(async (t) => {
    const [row] = await t
      .insert(colourOverrides)
      .values({ personId: person.id, colour: opts.input.colour, reason: opts.input.reason.trim(), validUntil, status: 'pending', appealId: opts.appealId ?? null, proposedBy: staff.id, proposedAt: now })
      .returning({ id: colourOverrides.id });
    await appendAudit(t, staff, { action: 'override.propose', entityType: 'person', entityId: person.id, jurisdictionPath: person.path, reason: opts.input.reason, details: { overrideId: row.id, colour: opts.input.colour } });
    return row.id;
  });
  return (await loadOverrides(ctx.db, and(eq(colourOverrides.id, id))))[0];
}

/** Second half: a different account with the approve permission, in the person's jurisdiction. */
export async function decideOverride(ctx: AppContext, opts: { actor: Actor; overrideId: string; approve: boolean; note: string }): Promise<Override> {
  const [o] = await ctx.db.select().from(colourOverrides).where(eq(colourOverrides.id, opts.overrideId));
  if (!o) throw notFound('Override');
  const { staff, person } = await requirePersonAccess(ctx.db, opts.actor, o.personId, 'overrides:approve');
  if (o.status !== 'pending') throw new AppError('CONFLICT', `This override is already ${o.status}`);
  if (o.proposedBy === staff.id) throw new AppError('FORBIDDEN', 'Two-person rule: the proposer cannot decide their own override');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(colourOverrides)
      .set({ status: opts.approve ? 'approved' : 'rejected', decidedBy: staff.id, decidedAt: now, decisionNote: opts.note })
      .where(and(eq(colourOverrides.id, o.id), eq(colourOverrides.status, 'pending')));
    if (opts.approve) {
      // The newest decision replaces any earlier override of this person; there is one in force at most.
      await tx
        .update(colourOverrides)
        .set({ status: 'superseded' })
        .where(and(eq(colourOverrides.personId, o.personId), eq(colourOverrides.status, 'approved'), ne(colourOverrides.id, o.id)));
      await recolourPeople(tx, [o.personId], now);
    }
    await appendAudit(tx, staff, { action: opts.approve ? 'override.approve' : 'override.reject', entityType: 'person', entityId: person.id, jurisdictionPath: person.path, reason: opts.note, details: { overrideId: o.id, colour: o.colour } });
    if (o.appealId) {
      const status = opts.approve ? 'corrected' : 'open';
      await tx.update(appeals).set(opts.approve ? { status, resolvedBy: staff.id, resolvedAt: now } : { status, overrideId: null, resolution: null }).where(eq(appeals.id, o.appealId));
      if (opts.approve) await noticeAppealResolved(ctx, tx, { personId: o.personId, phone: person.phone, corrected: true, note: o.reason, now });
    }
  });
  return (await loadOverrides(ctx.db, and(eq(colourOverrides.id, o.id))))[0];
}

export async function listOverrides(ctx: AppContext, opts: { actor: Actor; status?: string; personId?: string }): Promise<Override[]> {
  const staff: StaffActor = requirePermission(opts.actor, 'overrides:propose');
  return loadOverrides(
    ctx.db,
    and(
      like(people.jurisdictionPath, `${escapeLike(staff.scopePath)}%`),
      opts.status ? eq(colourOverrides.status, opts.status) : undefined,
      opts.personId ? eq(colourOverrides.personId, opts.personId) : undefined,
    ),
  );
}

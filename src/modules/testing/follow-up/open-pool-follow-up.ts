import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import type { AppContext } from '../../../platform/context.ts';
import { invalid, notFound } from '../../../platform/errors.ts';
import { appendAudit } from '../../audit/audit.ts';
import { recordHealthFacts } from '../../health-codes/facts.ts';
import { findByCodes } from '../../jurisdictions/jurisdictions.repository.ts';
import { people } from '../../people/people.table.ts';
import { followUpDeadlines } from '../follow-up-clock.ts';
import { followUpMembers, poolFollowUps, tubeMembers, tubes } from '../sampling.table.ts';
import { communityPathOf } from './paths.ts';

/** The account follow-ups are opened, closed and escalated under when no person is acting. */
export const FOLLOW_UP_ACTOR = { kind: 'system', name: 'follow-up' } as const;

type TubeRow = typeof tubes.$inferSelect;

/**
 * Opens the follow-up of a tube: the follow-up row with its clocks, one door-to-door task per
 * member (their community's grid worker runs it) and a `pending_retest` health fact per member
 * (their codes turn yellow). `factRef(followUpId)` names the facts' source reference.
 * Idempotent per tube: a second call returns the first follow-up.
 */
export async function openFollowUpForTube(tx: Executor, tube: TubeRow, now: Date, factRef: (followUpId: string) => string, note: string): Promise<{ followUpId: string; members: number; opened: boolean }> {
  const { retestDueAt, closeDueAt } = followUpDeadlines(now);
  const [created] = await tx
    .insert(poolFollowUps)
    .values({ tubeId: tube.id, openedAt: now, retestDueAt, closeDueAt, jurisdictionPath: tube.jurisdictionPath })
    .onConflictDoNothing({ target: poolFollowUps.tubeId })
    .returning({ id: poolFollowUps.id });
  if (!created) {
    const [existing] = await tx.select({ id: poolFollowUps.id }).from(poolFollowUps).where(eq(poolFollowUps.tubeId, tube.id));
    const [{ n }] = await tx.select({ n: count() }).from(followUpMembers).where(eq(followUpMembers.followUpId, existing.id));
    return { followUpId: existing.id, members: n, opened: false };
  }
  const members = await tx
    .select({ personId: people.id, path: people.jurisdictionPath })
    .from(tubeMembers)
    .innerJoin(people, eq(people.id, tubeMembers.personId))
    .where(eq(tubeMembers.tubeId, tube.id));
  const communityCodes = [...new Set(members.map((m) => communityPathOf(m.path)?.split('/').at(-2)).filter((c): c is string => !!c))];
  const communities = new Map((await findByCodes(tx, communityCodes)).map((j) => [j.path, j.id]));
  if (members.length > 0) {
    await tx.insert(followUpMembers).values(
      members.map((m) => {
        const cp = communityPathOf(m.path);
        return { followUpId: created.id, personId: m.personId, communityId: (cp && communities.get(cp)) ?? null, jurisdictionPath: m.path, status: 'pending' };
      }),
    );
    await recordHealthFacts(
      tx,
      members.map((m) => ({ personId: m.personId, kind: 'pending_retest' as const, source: 'testing' as const, sourceRef: factRef(created.id), validFrom: now, note })),
      now,
    );
  }
  await appendAudit(tx, FOLLOW_UP_ACTOR, {
    action: 'follow_up.open',
    entityType: 'pool_follow_up',
    entityId: created.id,
    jurisdictionPath: tube.jurisdictionPath,
    details: { tubeId: tube.id, barcode: tube.barcode, purpose: tube.purpose, members: members.length, retestDueAt: retestDueAt.toISOString(), closeDueAt: closeDueAt.toISOString() },
  });
  return { followUpId: created.id, members: members.length, opened: true };
}

/**
 * For the lab pipeline: a pooled tube (pool_size > 1) came back positive. Call inside the
 * transaction that stores the result. Opens the follow-up (追阳) with its 6 h / 12 h clocks,
 * a task per member and a `pending_retest` fact per member (source 'testing', ref = the
 * follow-up id). Idempotent per tube.
 */
export async function openPoolFollowUp(tx: Executor, ctx: Pick<AppContext, 'log'>, input: { tubeId: string; now: Date }): Promise<{ followUpId: string; members: number }> {
  const [tube] = await tx.select().from(tubes).where(eq(tubes.id, input.tubeId));
  if (!tube) throw notFound('Tube');
  if (tube.poolSize <= 1) throw invalid('tubeId', 'a single-sample tube needs no pool follow-up');
  const r = await openFollowUpForTube(tx, tube, input.now, (id) => id, `positive pool ${tube.barcode}`);
  if (r.opened) ctx.log.info({ followUpId: r.followUpId, barcode: tube.barcode, members: r.members }, 'pool follow-up opened');
  return { followUpId: r.followUpId, members: r.members };
}

/** Closes a follow-up when none of its members is still open. Returns whether it closed now. */
export async function closeFollowUpIfDone(tx: Executor, followUpId: string, now: Date): Promise<boolean> {
  const open = await tx
    .select({ n: count() })
    .from(followUpMembers)
    .where(and(eq(followUpMembers.followUpId, followUpId), inArray(followUpMembers.status, ['pending', 'retest_sampled'])));
  if (open[0].n > 0) return false;
  const closed = await tx
    .update(poolFollowUps)
    .set({ closedAt: now })
    .where(and(eq(poolFollowUps.id, followUpId), isNull(poolFollowUps.closedAt)))
    .returning({ id: poolFollowUps.id, path: poolFollowUps.jurisdictionPath, openedAt: poolFollowUps.openedAt, closeDueAt: poolFollowUps.closeDueAt });
  if (closed.length === 0) return false;
  await appendAudit(tx, FOLLOW_UP_ACTOR, {
    action: 'follow_up.close',
    entityType: 'pool_follow_up',
    entityId: followUpId,
    jurisdictionPath: closed[0].path,
    details: { onTime: now <= closed[0].closeDueAt, hours: Math.round(((now.getTime() - closed[0].openedAt.getTime()) / 3_600_000) * 100) / 100 },
  });
  return true;
}

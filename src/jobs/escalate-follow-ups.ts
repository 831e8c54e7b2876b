import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import { appendAudit } from '../modules/audit/audit.ts';
import { jurisdictions } from '../modules/jurisdictions/jurisdictions.table.ts';
import { followUpState } from '../modules/testing/follow-up-clock.ts';
import { communityPathOf, escalationTargetPath } from '../modules/testing/follow-up/paths.ts';
import { followUpMembers, poolFollowUps } from '../modules/testing/sampling.table.ts';

export const ESCALATION_ACTOR = { kind: 'system', name: 'follow-up-escalation' } as const;

/**
 * Every 10 minutes: for each open follow-up whose escalation level (followUpState, from the
 * injected clock) rose above the stored one, stores the new level and writes one audit row per
 * jurisdiction it now escalates to: the members' community's ancestor `level` steps up
 * (community → street → district → city). Safe to run from several processes at once: the
 * level is raised with a compare-and-set, and only the process that raised it audits.
 */
export async function escalateFollowUps(ctx: AppContext): Promise<{ checked: number; escalated: number }> {
  const now = ctx.clock.now();
  const open = await ctx.db
    .select({
      id: poolFollowUps.id,
      openedAt: poolFollowUps.openedAt,
      retestDueAt: poolFollowUps.retestDueAt,
      closeDueAt: poolFollowUps.closeDueAt,
      closedAt: poolFollowUps.closedAt,
      stored: poolFollowUps.escalationLevel,
      path: poolFollowUps.jurisdictionPath,
      pending: sql<number>`(select count(*) from follow_up_members where follow_up_members.follow_up_id = ${poolFollowUps.id} and follow_up_members.status = 'pending')`.mapWith(Number),
    })
    .from(poolFollowUps)
    // Only follow-ups past their re-test deadline can have a level at all.
    .where(and(isNull(poolFollowUps.closedAt), lt(poolFollowUps.retestDueAt, now)))
    .orderBy(asc(poolFollowUps.openedAt));
  let escalated = 0;
  for (const f of open) {
    const state = followUpState({ ...f, allRetestsTaken: f.pending === 0 }, now);
    if (state.escalationLevel <= f.stored) continue;
    const raised = await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .update(poolFollowUps)
        .set({ escalationLevel: state.escalationLevel })
        .where(and(eq(poolFollowUps.id, f.id), lt(poolFollowUps.escalationLevel, state.escalationLevel), isNull(poolFollowUps.closedAt)))
        .returning({ id: poolFollowUps.id });
      if (!row) return false;
      const members = await tx.selectDistinct({ path: followUpMembers.jurisdictionPath }).from(followUpMembers).where(eq(followUpMembers.followUpId, f.id));
      const communities = new Set(members.map((m) => communityPathOf(m.path)).filter((p): p is string => !!p));
      if (communities.size === 0) communities.add(communityPathOf(f.path) ?? f.path);
      const targets = new Map<string, ReturnType<typeof escalationTargetPath>>();
      for (const c of communities) {
        const t = escalationTargetPath(c, state.escalationLevel);
        targets.set(t.path, t);
      }
      for (const t of targets.values()) {
        const [node] = await tx.select({ id: jurisdictions.id, code: jurisdictions.code, name: jurisdictions.name }).from(jurisdictions).where(eq(jurisdictions.path, t.path));
        await appendAudit(tx, ESCALATION_ACTOR, {
          action: 'follow_up.escalate',
          entityType: 'pool_follow_up',
          entityId: f.id,
          jurisdictionPath: t.path,
          reason: `${state.state}: ${state.ageHours} h since the positive pool`,
          details: { from: f.stored, to: state.escalationLevel, state: state.state, ageHours: state.ageHours, escalatesTo: { level: t.level, path: t.path, id: node?.id ?? null, code: node?.code ?? null, name: node?.name ?? null } },
        });
      }
      return true;
    });
    if (raised) escalated++;
  }
  return { checked: open.length, escalated };
}

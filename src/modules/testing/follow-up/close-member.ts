import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { appendAudit } from '../../audit/audit.ts';
import { followUpMembers, tubeMembers, tubes } from '../sampling.table.ts';
import { closeFollowUpIfDone, FOLLOW_UP_ACTOR } from './open-pool-follow-up.ts';

export type RetestOutcome = 'negative' | 'positive' | 'invalid';

/**
 * For the lab pipeline: the result of a single-sample re-test tube arrived. Closes the member's
 * part of the follow-up (negative → 'negative', positive → 'positive', with closed_at) and the
 * follow-up itself once every member is closed. An invalid result sends the member back to
 * 'pending' (to be sampled again). Health facts are the caller's business (it ends the
 * pending_retest fact and, if positive, records positive_result). Returns null when the
 * barcode is not a re-test tube of an open member.
 */
export async function closeFollowUpMember(
  tx: Executor,
  input: { barcode: string; result: RetestOutcome; now: Date },
): Promise<{ followUpId: string; personId: string; status: string; followUpClosed: boolean } | null> {
  const [member] = await tx
    .select({ followUpId: followUpMembers.followUpId, personId: followUpMembers.personId, path: followUpMembers.jurisdictionPath })
    .from(tubes)
    .innerJoin(tubeMembers, eq(tubeMembers.tubeId, tubes.id))
    .innerJoin(followUpMembers, and(eq(followUpMembers.personId, tubeMembers.personId), eq(followUpMembers.retestBarcode, tubes.barcode)))
    .where(and(eq(tubes.barcode, input.barcode), inArray(followUpMembers.status, ['pending', 'retest_sampled'])));
  if (!member) return null;
  return settleMember(tx, { ...member, result: input.result, now: input.now, actor: FOLLOW_UP_ACTOR, source: 'lab', barcode: input.barcode });
}

/** Sets one member's outcome, audits it, and closes the follow-up when it was the last one. */
export async function settleMember(
  tx: Executor,
  m: { followUpId: string; personId: string; path: string; result: RetestOutcome; now: Date; actor: Parameters<typeof appendAudit>[1]; source: 'lab' | 'elsewhere'; barcode?: string | null },
) {
  const status = m.result === 'invalid' ? 'pending' : m.result;
  await tx
    .update(followUpMembers)
    .set(m.result === 'invalid' ? { status, retestBarcode: null, retestSampledAt: null } : { status, closedAt: m.now })
    .where(and(eq(followUpMembers.followUpId, m.followUpId), eq(followUpMembers.personId, m.personId)));
  await appendAudit(tx, m.actor, {
    action: 'follow_up.member_result',
    entityType: 'person',
    entityId: m.personId,
    jurisdictionPath: m.path,
    details: { followUpId: m.followUpId, result: m.result, source: m.source, barcode: m.barcode ?? null },
  });
  const followUpClosed = m.result === 'invalid' ? false : await closeFollowUpIfDone(tx, m.followUpId, m.now);
  return { followUpId: m.followUpId, personId: m.personId, status, followUpClosed };
}

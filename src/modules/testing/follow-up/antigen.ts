import type { Actor } from '../../../platform/access.ts';
import type { AppContext } from '../../../platform/context.ts';
import { invalid } from '../../../platform/errors.ts';
import { appendAudit } from '../../audit/audit.ts';
import { requireCitizenPerson } from '../../people/person-access.ts';
import { FUTURE_TOLERANCE_MS, parseIsoWithOffset } from '../../venues/scan-rule.ts';
import { tubeMembers, tubes } from '../sampling.table.ts';
import { testResults } from '../testing.table.ts';
import type { AntigenInput, AntigenRecorded } from './follow-up.schemas.ts';
import { openFollowUpForTube } from './open-pool-follow-up.ts';

const WEEK_MS = 7 * 86_400_000;

/**
 * A citizen reports an antigen self-test for one of their people. Stored as a test result
 * (kind 'antigen', source 'self'). A positive one needs a NAT to confirm it: the person gets a
 * `pending_retest` fact (ref 'antigen:<result id>', the code turns yellow) and lands on their
 * grid worker's task list as a one-member follow-up; the table wants a tube, so a one-person
 * tube (purpose 'antigen_followup', closed, barcode 'AG-<short id>') stands for the self-test.
 */
export async function recordAntigenSelfTest(ctx: AppContext, opts: { actor: Actor; input: AntigenInput }): Promise<AntigenRecorded> {
  const { citizen, person } = await requireCitizenPerson(ctx.db, opts.actor, opts.input.personId);
  const now = ctx.clock.now();
  const testedAt = parseIsoWithOffset(opts.input.testedAt);
  if (!(testedAt instanceof Date)) throw invalid('testedAt', testedAt.reason);
  if (testedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw invalid('testedAt', 'lies in the future');
  if (testedAt.getTime() < now.getTime() - WEEK_MS) throw invalid('testedAt', 'is more than 7 days ago');
  return ctx.db.transaction(async (tx) => {
    const [result] = await tx
      .insert(testResults)
      .values({ personId: person.id, kind: 'antigen', result: opts.input.result, sampledAt: testedAt, reportedAt: now, source: 'self' })
      .returning({ id: testResults.id });
    let followUpId: string | null = null;
    if (opts.input.result === 'positive') {
      const barcode = `AG-${result.id.replace(/-/g, '').slice(0, 12).toUpperCase()}`;
      const [tube] = await tx
        .insert(tubes)
        .values({ barcode, jurisdictionPath: person.path, poolSize: 1, purpose: 'antigen_followup', status: 'closed', openedAt: testedAt, closedAt: testedAt, result: 'positive', testedAt, resultedAt: now })
        .returning();
      await tx.insert(tubeMembers).values({ tubeId: tube.id, personId: person.id, sampledAt: testedAt, clientEventId: `antigen:${result.id}` });
      ({ followUpId } = await openFollowUpForTube(tx, tube, now, () => `antigen:${result.id}`, 'positive antigen self-test'));
    }
    await appendAudit(tx, citizen, {
      action: 'antigen.self_report',
      entityType: 'test_result',
      entityId: result.id,
      jurisdictionPath: person.path,
      details: { personId: person.id, result: opts.input.result, followUpId },
    });
    return { id: result.id, personId: person.id, result: opts.input.result, testedAt: testedAt.toISOString(), followUpId };
  });
}

import type { Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import { appendAudit } from '../audit/audit.ts';
import { onPositivePerson } from './results/hand-over.ts';
import { requirePersonAccess } from '../people/person-access.ts';
import { testResults } from './testing.table.ts';
import { FUTURE_TOLERANCE_MS, parseIsoWithOffset } from '../venues/scan-rule.ts';
import type { NewTestResult, TestResult } from './testing.schemas.ts';

/**
 * A test result entered by hand (a paper certificate, another city's lab). A positive result is
 * also a health fact (`positive_result`, source `testing`, ref = the result), and the person is
 * recoloured in the same transaction, so the code never lags the result. Audited.
 */
export async function recordTestResult(ctx: AppContext, opts: { actor: Actor; personId: string; input: NewTestResult }): Promise<TestResult> {
  const { staff: actor, person } = await requirePersonAccess(ctx.db, opts.actor, opts.personId, 'test_results:write');
  const sampledAt = parseIsoWithOffset(opts.input.sampledAt);
  if (!(sampledAt instanceof Date)) throw invalid('sampledAt', sampledAt.reason);
  const now = ctx.clock.now();
  if (sampledAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw invalid('sampledAt', 'lies in the future');

  const row = await ctx.db.transaction(async (tx) => {
    const [result] = await tx
      .insert(testResults)
      .values({ personId: person.id, kind: opts.input.kind, result: opts.input.result, sampledAt, reportedAt: now, source: 'manual', recordedBy: actor.id })
      .returning();
    let healthFactId: string | null = null;
    if (result.result === 'positive') {
      healthFactId = await onPositivePerson(tx, { personId: person.id, ref: result.id, sampledAt, now, recordedBy: actor.id, openCase: result.kind === 'nat' });
    }
    await appendAudit(tx, actor, {
      action: 'test_result.record',
      entityType: 'test_result',
      entityId: result.id,
      jurisdictionPath: person.path,
      details: { personId: person.id, kind: result.kind, fields: ['kind', 'result', 'sampledAt'], healthFactId },
    });
    return result;
  });
  return {
    id: row.id,
    personId: row.personId,
    kind: row.kind,
    result: row.result,
    sampledAt: row.sampledAt.toISOString(),
    reportedAt: row.reportedAt.toISOString(),
    source: row.source,
  };
}

import type { Executor } from '../../../db/client.ts';
import type { AppContext } from '../../../platform/context.ts';
import { endHealthFacts, recordHealthFacts } from '../../health-codes/facts.ts';
import { openCaseFromPositive } from '../../cases/open-case.ts';
import { maskName } from '../../venues/venue-input.ts';
import { closeFollowUpMember } from '../follow-up/close-member.ts';
import { openPoolFollowUp } from '../follow-up/open-pool-follow-up.ts';
import { testResults } from '../testing.table.ts';
import type { LabResult, RecalledPerson } from './results.schemas.ts';

/**
 * A positive person found by the lab: a single-sample tube (or a confirmatory re-test) came back
 * positive. Records the `positive_result` health fact (source `testing`, ref = the tube barcode),
 * which turns the code red, and hands the person to the cases module, which opens (or updates)
 * the case and its investigation, all in the caller's transaction. Idempotent: the same barcode
 * for the same person is recorded once.
 */
export async function onPositivePerson(tx: Executor, p: { personId: string; ref: string; sampledAt: Date; now: Date; recordedBy?: string; openCase?: boolean }): Promise<string | null> {
  // A time a few minutes ahead (a lab clock running fast) must not delay the colour.
  const validFrom = p.sampledAt.getTime() > p.now.getTime() ? p.now : p.sampledAt;
  const [factId] = await recordHealthFacts(tx, [{ personId: p.personId, kind: 'positive_result', source: 'testing', sourceRef: p.ref, validFrom, recordedBy: p.recordedBy }], p.now);
  // An antigen positive entered by hand waits for its NAT: no case yet.
  if (p.openCase !== false) await openCaseFromPositive(tx, { personId: p.personId, barcode: p.ref, sampledAt: validFrom, now: p.now });
  return factId ?? null;
}

export type NewTestResultRow = typeof testResults.$inferInsert;

export interface HandOverTube {
  id: string;
  barcode: string;
  poolSize: number;
  purpose: string;
}
export interface HandOverMember {
  personId: string;
  name: string;
  sampledAt: Date;
}
export interface HandOverResult {
  /** test_results rows written (one per member, except for a positive pool). */
  people: number;
  recalls: RecalledPerson[];
  followUpOpened: boolean;
}

/**
 * What a tube's result means for its people, in the caller's transaction:
 * - every member gets a test_results row (kind `nat`, source `lab`, ref = barcode), which for a
 *   negative is the certificate the pass check reads;
 * - a re-test tube (purpose `retest`) settles the member's pool follow-up task, and a negative or
 *   positive re-test ends the member's open `pending_retest` facts from testing;
 * - invalid: the members are recalled for a new sample;
 * - positive single sample: the person is handed over as a positive ({@link onPositivePerson});
 * - positive pool: no one is positive yet, so no personal result is written; the pool
 *   follow-up (追阳) is opened and its re-tests will give each member a result.
 */
export async function handOver(
  tx: Executor,
  ctx: AppContext,
  opts: { tube: HandOverTube; members: HandOverMember[]; result: LabResult; testedAt: Date; now: Date },
  /** Where a batch collects the test_results rows to insert them together; absent: inserted here. */
  pending?: NewTestResultRow[],
): Promise<HandOverResult> {
  const { tube, members, result, now } = opts;
  const pool = tube.poolSize > 1;
  const answer: HandOverResult = { people: 0, recalls: [], followUpOpened: false };
  if (!(result === 'positive' && pool) && members.length) {
    const rows = members.map((m) => ({ personId: m.personId, kind: 'nat', result, sampledAt: m.sampledAt, reportedAt: now, source: 'lab', sourceRef: tube.barcode }));
    if (pending) pending.push(...rows);
    else await tx.insert(testResults).values(rows);
    answer.people = members.length;
  }
  const personIds = members.map((m) => m.personId);
  if (tube.purpose === 'retest') {
    // A confirmatory re-test of a positive pool's member: its follow-up task is settled, and a
    // result (negative or positive) ends the member's wait; an invalid one keeps it waiting.
    await closeFollowUpMember(tx, { barcode: tube.barcode, result, now });
    if (result !== 'invalid' && personIds.length) await endHealthFacts(tx, { personIds, kind: 'pending_retest', source: 'testing' }, now);
  }
  if (result === 'invalid') {
    answer.recalls = members.map((m) => ({ personId: m.personId, nameMasked: maskName(m.name), barcode: tube.barcode, sampledAt: m.sampledAt.toISOString() }));
  } else if (result === 'positive' && !pool) {
    for (const m of members) await onPositivePerson(tx, { personId: m.personId, ref: tube.barcode, sampledAt: m.sampledAt, now });
  } else if (result === 'positive' && pool) {
    await openPoolFollowUp(tx, ctx, { tubeId: tube.id, now });
    answer.followUpOpened = true;
  }
  return answer;
}

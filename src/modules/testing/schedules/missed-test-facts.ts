import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { endHealthFacts } from '../../health-codes/facts.ts';
import { healthFacts } from '../../health-codes/health-codes.table.ts';

const BATCH = 1000;

export const chunks = <T>(xs: T[], n = BATCH): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

/** The sourceRef of a schedule's missed_required_test facts. */
export const scheduleRef = (scheduleId: string) => `schedule:${scheduleId}`;

/** Ends the missed-test facts of a schedule for these people (null: all of them), in batches; recolours them. */
export async function endMissedTestFacts(tx: Executor, scheduleId: string, personIds: string[] | null, now: Date): Promise<number> {
  const ref = scheduleRef(scheduleId);
  const ids =
    personIds ??
    (
      await tx
        .select({ id: healthFacts.personId })
        .from(healthFacts)
        .where(and(eq(healthFacts.source, 'testing'), eq(healthFacts.sourceRef, ref), eq(healthFacts.kind, 'missed_required_test'), isNull(healthFacts.endedAt)))
    ).map((r) => r.id);
  let ended = 0;
  for (const batch of chunks(ids)) ended += await endHealthFacts(tx, { personIds: batch, kind: 'missed_required_test', source: 'testing', sourceRef: ref }, now);
  return ended;
}


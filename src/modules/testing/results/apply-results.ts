import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { canReach, type StaffActor } from '../../../platform/access.ts';
import type { AppContext } from '../../../platform/context.ts';
import { appendAudit } from '../../audit/audit.ts';
import { people } from '../../people/people.table.ts';
import { FUTURE_TOLERANCE_MS } from '../../venues/scan-rule.ts';
import { resultConflicts, tubeBatches, tubeMembers, tubes } from '../sampling.table.ts';
import { tubeStep, type TubeStatus } from '../tube-rules.ts';
import { testResults } from '../testing.table.ts';
import { handOver, type HandOverMember, type NewTestResultRow } from './hand-over.ts';
import { type CheckedResult, isResultFieldError, type ResultField, type ResultFieldError } from './result-input.ts';
import type { LabResultOutcome, RecalledPerson } from './results.schemas.ts';

export interface AppliedOutcome extends LabResultOutcome {
  recalls: RecalledPerson[];
  /** For a rejection: the input field at fault. */
  field?: ResultField;
  conflictKind?: 'unknown_tube' | 'different_result';
}

const ctText = (v: number | null) => (v === null ? null : v.toFixed(2));

/**
 * Applies a batch of lab results in ONE transaction, each answered in order:
 * - an unknown barcode → a `result_conflicts` row (kind `unknown_tube`);
 * - a tube already resulted with the same result → `duplicate`, nothing changes;
 * - with a different result → a conflict (kind `different_result`); the stored result is kept;
 * - otherwise the tube's life must allow a result (an open tube is refused with the reason), and
 *   the tube takes the result and its people get it (see hand-over.ts).
 * A conflict already open for the same barcode, result and test time is not recorded twice, so a
 * file sent again changes nothing. One audit row per batch.
 */
export async function applyLabResults(ctx: AppContext, actor: StaffActor, items: Array<CheckedResult | ResultFieldError>, via: 'api' | 'import'): Promise<AppliedOutcome[]> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const barcodes = [...new Set(items.filter((i): i is CheckedResult => !isResultFieldError(i)).map((i) => i.barcode))];
    const tubeRows = barcodes.length ? await tx.select().from(tubes).where(inArray(tubes.barcode, barcodes)).for('update') : [];
    const byBarcode = new Map(tubeRows.map((t) => [t.barcode, { ...t }]));
    const batchIds = [...new Set(tubeRows.map((t) => t.batchId).filter((b): b is string => !!b))];
    const batchLab = new Map(batchIds.length ? (await tx.select({ id: tubeBatches.id, lab: tubeBatches.lab }).from(tubeBatches).where(inArray(tubeBatches.id, batchIds))).map((b) => [b.id, b.lab]) : []);
    const membersOf = await loadMembers(tx, tubeRows.filter((t) => t.result === null).map((t) => t.id));
    const openConflicts = barcodes.length
      ? await tx
          .select({ id: resultConflicts.id, barcode: resultConflicts.barcode, kind: resultConflicts.kind, result: resultConflicts.result, testedAt: resultConflicts.testedAt })
          .from(resultConflicts)
          .where(and(inArray(resultConflicts.barcode, barcodes), eq(resultConflicts.status, 'open')))
      : [];
    const conflictKey = (barcode: string, kind: string, result: string, testedAt: Date) => `${barcode}|${kind}|${result}|${testedAt.getTime()}`;
    const knownConflicts = new Map(openConflicts.map((c) => [conflictKey(c.barcode, c.kind, c.result, c.testedAt), c.id]));

    const conflict = async (item: CheckedResult, kind: 'unknown_tube' | 'different_result', reason: string): Promise<AppliedOutcome> => {
      const key = conflictKey(item.barcode, kind, item.result, item.testedAt);
      let id = knownConflicts.get(key);
      if (!id) {
        [{ id }] = await tx
          .insert(resultConflicts)
          .values({ barcode: item.barcode, kind, result: item.result, ctOrf1ab: ctText(item.ctOrf1ab), ctN: ctText(item.ctN), testedAt: item.testedAt, lab: item.lab, reportedAt: now })
          .returning({ id: resultConflicts.id });
        knownConflicts.set(key, id);
      }
      return { barcode: item.barcode, status: 'conflict', reason, conflictId: id, conflictKind: kind, recalls: [] };
    };

    // The tubes' results and the people's rows are written together after the loop.
    const resulted: TubeResult[] = [];
    const pendingResults: NewTestResultRow[] = [];
    const outcomes: AppliedOutcome[] = [];
    for (const item of items) {
      if (isResultFieldError(item)) {
        outcomes.push({ barcode: item.barcode, status: 'rejected', field: item.field, reason: `${item.field}: ${item.reason}`, recalls: [] });
        continue;
      }
      const tube = byBarcode.get(item.barcode);
      if (!tube) {
        outcomes.push(await conflict(item, 'unknown_tube', 'no tube has this barcode; recorded as a conflict to resolve'));
        continue;
      }
      if (!canReach(actor, tube.jurisdictionPath)) {
        outcomes.push({ barcode: item.barcode, status: 'rejected', field: 'barcode', reason: 'barcode: the tube lies outside your jurisdiction', recalls: [] });
        continue;
      }
      if (tube.result !== null) {
        outcomes.push(
          tube.result === item.result
            ? { barcode: item.barcode, status: 'duplicate', reason: null, recalls: [] }
            : await conflict(item, 'different_result', `the tube already has a different result (${tube.result}); recorded as a conflict, the stored result is kept`),
        );
        continue;
      }
      const step = tubeStep(tube.status as TubeStatus, 'result');
      if (!step.ok) {
        outcomes.push({ barcode: item.barcode, status: 'rejected', field: 'barcode', reason: `barcode: ${step.reason}`, recalls: [] });
        continue;
      }
      const members = membersOf.get(tube.id) ?? [];
      const firstSample = Math.min(...members.map((m) => m.sampledAt.getTime()));
      if (members.length && item.testedAt.getTime() < firstSample - FUTURE_TOLERANCE_MS) {
        outcomes.push({ barcode: item.barcode, status: 'rejected', field: 'testedAt', reason: 'testedAt: lies before the tube was sampled', recalls: [] });
        continue;
      }
      const lab = item.lab ?? (tube.batchId ? batchLab.get(tube.batchId) : undefined) ?? tube.lab ?? null;
      resulted.push({ id: tube.id, result: item.result, ctOrf1ab: ctText(item.ctOrf1ab), ctN: ctText(item.ctN), testedAt: item.testedAt, lab });
      Object.assign(tube, { result: item.result, status: step.status });
      const done = await handOver(tx, ctx, { tube, members, result: item.result, testedAt: item.testedAt, now }, pendingResults);
      outcomes.push({ barcode: item.barcode, status: 'applied', reason: null, people: done.people, followUpOpened: done.followUpOpened, recalls: done.recalls });
    }

    for (let i = 0; i < resulted.length; i += 1000) await storeResults(tx, resulted.slice(i, i + 1000), now);
    for (let i = 0; i < pendingResults.length; i += 2000) await tx.insert(testResults).values(pendingResults.slice(i, i + 2000));

    const n = (s: LabResultOutcome['status']) => outcomes.filter((o) => o.status === s).length;
    if (n('applied') || n('conflict')) {
      const applied = outcomes.filter((o) => o.status === 'applied');
      await appendAudit(tx, actor, {
        action: 'lab_results.record',
        entityType: 'lab_results',
        jurisdictionPath: actor.scopePath,
        details: {
          via,
          applied: applied.length,
          duplicates: n('duplicate'),
          conflicts: n('conflict'),
          rejected: n('rejected'),
          positive: applied.filter((o) => byBarcode.get(o.barcode)?.result === 'positive').map((o) => o.barcode).slice(0, 200),
          invalid: applied.filter((o) => byBarcode.get(o.barcode)?.result === 'invalid').map((o) => o.barcode).slice(0, 200),
        },
      });
    }
    return outcomes;
  });
}

interface TubeResult {
  id: string;
  result: string;
  ctOrf1ab: string | null;
  ctN: string | null;
  testedAt: Date;
  lab: string | null;
}

/** One UPDATE for up to 1,000 tubes: result, Ct values, test time, lab; resulted now. */
async function storeResults(tx: Executor, rows: TubeResult[], now: Date): Promise<void> {
  const values = sql.join(
    rows.map((r) => sql`(${r.id}::uuid, ${r.result}, ${r.ctOrf1ab}::numeric, ${r.ctN}::numeric, ${r.testedAt.toISOString()}::timestamptz, ${r.lab}::text)`),
    sql`, `,
  );
  await tx.execute(sql`
    update ${tubes} set result = v.result, ct_orf1ab = v.ct_orf1ab, ct_n = v.ct_n, tested_at = v.tested_at, lab = v.lab,
      resulted_at = ${now.toISOString()}::timestamptz, status = 'resulted'
    from (values ${values}) as v(id, result, ct_orf1ab, ct_n, tested_at, lab)
    where ${tubes.id} = v.id`);
}

async function loadMembers(tx: Executor, tubeIds: string[]): Promise<Map<string, HandOverMember[]>> {
  const map = new Map<string, HandOverMember[]>();
  for (let i = 0; i < tubeIds.length; i += 5000) {
    const rows = await tx
      .select({ tubeId: tubeMembers.tubeId, personId: tubeMembers.personId, sampledAt: tubeMembers.sampledAt, name: people.name })
      .from(tubeMembers)
      .innerJoin(people, eq(people.id, tubeMembers.personId))
      .where(inArray(tubeMembers.tubeId, tubeIds.slice(i, i + 5000)));
    for (const r of rows) {
      const list = map.get(r.tubeId) ?? [];
      list.push({ personId: r.personId, name: r.name, sampledAt: r.sampledAt });
      map.set(r.tubeId, list);
    }
  }
  return map;
}

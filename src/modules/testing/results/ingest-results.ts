import type { Readable } from 'node:stream';
import { requirePermission, type Actor } from '../../../platform/access.ts';
import type { AppContext } from '../../../platform/context.ts';
import { type CsvImportSpec, type Rejection, type RowOutcome, runCsvImport } from '../../../platform/csv-import.ts';
import { applyLabResults } from './apply-results.ts';
import { type CheckedResult, checkLabResult, isResultFieldError, type ResultField } from './result-input.ts';
import type { LabResultBatchResult, LabResultInput } from './results.schemas.ts';

/**
 * A lab's JSON batch (up to 5,000 results), applied in one transaction. Every result is answered:
 * applied, duplicate (the same result again), conflict (unknown tube, different result) or
 * rejected (field and reason); the members of invalid tubes come back as recalls.
 */
export async function ingestLabResults(ctx: AppContext, opts: { actor: Actor; results: LabResultInput[] }): Promise<LabResultBatchResult> {
  const actor = requirePermission(opts.actor, 'results:write');
  const now = ctx.clock.now();
  const outcomes = await applyLabResults(ctx, actor, opts.results.map((r) => checkLabResult(r, now)), 'api');
  const n = (s: string) => outcomes.filter((o) => o.status === s).length;
  return {
    applied: n('applied'),
    duplicates: n('duplicate'),
    conflicts: n('conflict'),
    rejected: n('rejected'),
    results: outcomes.map(({ recalls: _r, conflictKind: _k, ...o }) => o),
    recalls: outcomes.flatMap((o) => o.recalls),
  };
}

export const RESULTS_REQUIRED = ['barcode', 'result', 'tested_at'] as const;
export const RESULTS_OPTIONAL = ['ct_orf1ab', 'ct_n', 'lab'] as const;

const COLUMN: Record<ResultField, string> = { barcode: 'barcode', result: 'result', ctOrf1ab: 'ct_orf1ab', ctN: 'ct_n', testedAt: 'tested_at', lab: 'lab' };

/**
 * Results CSV (`barcode,result,tested_at[,ct_orf1ab,ct_n,lab]`), 1,000 rows per transaction.
 * imported = applied; updated = the same result again (nothing changes); a conflict or a refused
 * result is a rejected row with its line, column and reason (conflicts also wait in the list).
 */
export async function importLabResults(ctx: AppContext, opts: { actor: Actor; input: Readable; fileName?: string }) {
  const actor = requirePermission(opts.actor, 'results:write');
  const spec: CsvImportSpec<CheckedResult> = {
    kind: 'lab_results',
    required: RESULTS_REQUIRED,
    optional: RESULTS_OPTIONAL,
    batchSize: 1000,
    parse(row): CheckedResult | Rejection {
      const r = checkLabResult({ barcode: row.barcode, result: row.result, testedAt: row.tested_at, ctOrf1ab: row.ct_orf1ab, ctN: row.ct_n, lab: row.lab }, ctx.clock.now());
      return isResultFieldError(r) ? { column: COLUMN[r.field], reason: r.reason } : r;
    },
    async flush(batch) {
      const outcomes = await applyLabResults(ctx, actor, batch, 'import');
      return outcomes.map((o): RowOutcome => {
        if (o.status === 'applied') return 'imported';
        if (o.status === 'duplicate') return 'updated';
        if (o.status === 'conflict') return { column: o.conflictKind === 'unknown_tube' ? 'barcode' : 'result', reason: o.reason ?? 'conflict' };
        return { column: o.field ? COLUMN[o.field] : null, reason: (o.reason ?? '').replace(/^\w+: /, '') };
      });
    },
  };
  return runCsvImport(ctx, actor, opts.input, spec, opts.fileName);
}

import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../modules/audit/audit.ts';
import { importRejections, imports } from '../modules/people/people.table.ts';
import type { StaffActor } from './access.ts';
import type { AppContext } from './context.ts';
import { AppError } from './errors.ts';
import type { ImportSummary } from './import-summary.schemas.ts';

export { ImportSummary } from './import-summary.schemas.ts';

export interface Rejection {
  column: string | null;
  reason: string;
}
export type RowOutcome = 'imported' | 'updated' | Rejection;

/** How one CSV format is validated and written; the runner does streaming, batching and reporting. */
export interface CsvImportSpec<T> {
  kind: string;
  required: readonly string[];
  optional: readonly string[];
  batchSize?: number;
  /** Validates one row (no I/O); returns the value to write or why the row is rejected. */
  parse(row: Record<string, string>): T | Rejection;
  /** Writes a batch atomically; returns one outcome per row, in order. */
  flush(batch: T[]): Promise<RowOutcome[]>;
  /** Rows with the same key in one batch are split across batches, so the later one updates. */
  key?(value: T): string;
}



const MAX_LISTED_REJECTIONS = 1000;

export const isRejection = (v: unknown): v is Rejection => typeof v === 'object' && v !== null && 'reason' in v && 'column' in v;

/**
 * Streams a CSV through a spec: the file is never held in memory, good rows are written in
 * batches while bad ones are recorded with their line number, column and reason. A file whose
 * header lacks a required column is refused before anything is written.
 */
export async function runCsvImport<T>(
  ctx: AppContext,
  actor: StaffActor,
  input: Readable,
  spec: CsvImportSpec<T>,
  fileName?: string,
): Promise<ImportSummary> {
  if (typeof (input as Partial<Readable>)?.pipe !== 'function') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the CSV file itself as the request body with Content-Type: text/csv');
  }
  const parser = input.pipe(
    parse({ bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true, max_record_size: 64 * 1024, skip_records_with_error: true }),
  );
  input.on('error', (err) => parser.destroy(err));
  // A record the parser cannot read (say, an unclosed quote) is skipped and reported, not fatal.
  const unreadable: Array<{ line: number; message: string }> = [];
  parser.on('skip', (err: Error & { lines?: number }) => unreadable.push({ line: err.lines ?? 0, message: err.message }));
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  const first = await iterator.next().catch((err: Error) => {
    throw new AppError('VALIDATION', `file: ${err.message}`, 'file');
  });
  if (first.done) throw new AppError('VALIDATION', 'file: the file is empty; expected a header row', 'file');
  const header = first.value.record.map((h) => h.trim().toLowerCase());
  const missing = spec.required.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new AppError('VALIDATION', `file: header is missing required column(s) ${missing.join(', ')} (expected ${[...spec.required, ...spec.optional].join(',')})`, 'file');
  }

  const [job] = await ctx.db.insert(imports).values({ kind: spec.kind, accountId: actor.id, fileName: fileName ?? null, status: 'running' }).returning({ id: imports.id });
  const summary: ImportSummary = { id: job.id, kind: spec.kind, status: 'running', processed: 0, imported: 0, updated: 0, rejected: 0, rejections: [], rejectionsTruncated: false };
  let batch: Array<{ line: number; value: T }> = [];
  let keys = new Set<string>();
  let pendingRejections: Array<{ line: number } & Rejection> = [];

  const reject = (line: number, r: Rejection) => {
    summary.rejected++;
    pendingRejections.push({ line, ...r });
    if (summary.rejections.length < MAX_LISTED_REJECTIONS) summary.rejections.push({ line, column: r.column, reason: r.reason });
    else summary.rejectionsTruncated = true;
  };

  const flush = async () => {
    if (batch.length) {
      const outcomes = await spec.flush(batch.map((b) => b.value));
      outcomes.forEach((o, i) => {
        if (o === 'imported') summary.imported++;
        else if (o === 'updated') summary.updated++;
        else reject(batch[i].line, o);
      });
    }
    if (pendingRejections.length) {
      await ctx.db.insert(importRejections).values(pendingRejections.map((r) => ({ importId: job.id, ...r })));
    }
    await ctx.db.update(imports).set({ processed: summary.processed, imported: summary.imported, updated: summary.updated, rejected: summary.rejected }).where(eq(imports.id, job.id));
    batch = [];
    keys = new Set();
    pendingRejections = [];
  };

  const drainUnreadable = () => {
    for (const u of unreadable.splice(0)) {
      summary.processed++;
      reject(u.line, { column: null, reason: `unreadable CSV: ${u.message}` });
    }
  };
  try {
    for (;;) {
      drainUnreadable();
      let next: IteratorResult<{ record: string[]; info: { lines: number } }>;
      try {
        next = await iterator.next();
      } catch (err) {
        // A malformed file (say, an unclosed quote) stops here; everything before it is kept.
        reject(summary.processed + 2, { column: null, reason: `unreadable CSV: ${(err as Error).message}` });
        break;
      }
      if (next.done) break;
      const { record, info } = next.value;
      summary.processed++;
      const row: Record<string, string> = {};
      header.forEach((h, i) => (row[h] = record[i] ?? ''));
      const parsed = spec.parse(row);
      if (isRejection(parsed)) {
        reject(info.lines, parsed);
      } else {
        const key = spec.key?.(parsed);
        if (key !== undefined && keys.has(key)) await flush();
        if (key !== undefined) keys.add(key);
        batch.push({ line: info.lines, value: parsed });
      }
      if (batch.length >= (spec.batchSize ?? 2000) || pendingRejections.length >= 2000) await flush();
    }
    drainUnreadable();
    await flush();
    summary.status = 'done';
  } catch (err) {
    summary.status = 'failed';
    await ctx.db.update(imports).set({ status: 'failed', finishedAt: ctx.clock.now() }).where(eq(imports.id, job.id));
    throw err;
  }
  await ctx.db.transaction(async (tx) => {
    await tx.update(imports).set({ status: 'done', finishedAt: ctx.clock.now() }).where(eq(imports.id, job.id));
    await appendAudit(tx, actor, {
      action: `${spec.kind}.import`,
      entityType: 'import',
      entityId: job.id,
      jurisdictionPath: actor.scopePath,
      details: { fileName: fileName ?? null, processed: summary.processed, imported: summary.imported, updated: summary.updated, rejected: summary.rejected },
    });
  });
  return summary;
}

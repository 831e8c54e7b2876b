import type { Readable } from 'node:stream';
import { requirePermission, type Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { type CsvImportSpec, type Rejection, type RowOutcome, runCsvImport } from '../../platform/csv-import.ts';
import { resolveAndRecord } from './record-scans.ts';
import { type CheckedScan, checkScan, isScanFieldError, type ScanFieldError } from './scan-rule.ts';
import { venuesConfig } from './venues.config.ts';

export const SCANS_REQUIRED = ['id_number', 'venue_code', 'scanned_at', 'event_id'] as const;
export const SCANS_OPTIONAL = ['colour_shown'] as const;

const COLUMN: Record<ScanFieldError['field'], string> = {
  eventId: 'event_id',
  idNumber: 'id_number',
  personId: 'id_number',
  venueCode: 'venue_code',
  scannedAt: 'scanned_at',
  colourShown: 'colour_shown',
};

/**
 * Scans CSV (`id_number,venue_code,scanned_at,event_id[,colour_shown]`), e.g. from a scanner
 * that was offline. Idempotent by event id: a scan already recorded counts as `updated` and is
 * left as it was. Rows go in 2,000 at a time, one insert per batch.
 */
export async function importScans(ctx: AppContext, opts: { actor: Actor; input: Readable; fileName?: string }) {
  const actor = requirePermission(opts.actor, 'scans:write');
  const { scanRetentionDays } = venuesConfig();
  const spec: CsvImportSpec<CheckedScan> = {
    kind: 'venue_scans',
    required: SCANS_REQUIRED,
    optional: SCANS_OPTIONAL,
    batchSize: 2000,
    key: (s) => s.eventId,
    parse(row): CheckedScan | Rejection {
      const s = checkScan({ eventId: row.event_id, idNumber: row.id_number, venueCode: row.venue_code, scannedAt: row.scanned_at, colourShown: row.colour_shown }, ctx.clock.now(), scanRetentionDays);
      return isScanFieldError(s) ? { column: COLUMN[s.field], reason: s.reason } : s;
    },
    async flush(batch) {
      const answers = await resolveAndRecord(ctx, actor, batch.map((scan) => ({ eventId: scan.eventId, scan })), 'import');
      return answers.map((a): RowOutcome => {
        if (a.status === 'recorded') return 'imported';
        if (a.status === 'duplicate') return 'updated';
        const r = a.rejection!;
        return { column: COLUMN[r.field], reason: r.reason };
      });
    },
  };
  return runCsvImport(ctx, actor, opts.input, spec, opts.fileName);
}

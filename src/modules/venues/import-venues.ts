import type { Readable } from 'node:stream';
import { requirePermission, type Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { type CsvImportSpec, type Rejection, type RowOutcome, runCsvImport } from '../../platform/csv-import.ts';
import { placementResolver } from '../people/place-person.ts';
import { isFieldError, validateVenue, type ValidVenue } from './venue-input.ts';
import { upsertVenues, type VenuePlacement } from './venues.repository.ts';

export const VENUES_REQUIRED = ['code', 'name', 'type'] as const;
export const VENUES_OPTIONAL = ['address', 'jurisdiction_code'] as const;

/**
 * Venues CSV: a known code updates that venue (name, type, address, place), so importing the same
 * file twice changes nothing — unless the venue lies outside the importer's jurisdiction, in
 * which case the row is rejected. Rows go in 2,000 at a time, one statement per batch.
 */
export async function importVenues(ctx: AppContext, opts: { actor: Actor; input: Readable; fileName?: string }) {
  const actor = requirePermission(opts.actor, 'venues:write');
  const places = placementResolver(ctx.db, actor);
  const spec: CsvImportSpec<ValidVenue> = {
    kind: 'venues',
    required: VENUES_REQUIRED,
    optional: VENUES_OPTIONAL,
    batchSize: 2000,
    key: (v) => v.code,
    parse(row): ValidVenue | Rejection {
      const v = validateVenue({ code: row.code, name: row.name, type: row.type, address: row.address, jurisdictionCode: row.jurisdiction_code });
      return isFieldError(v) ? { column: v.field, reason: v.reason } : v;
    },
    async flush(batch) {
      await places.load(batch.flatMap((v) => (v.jurisdictionCode ? [v.jurisdictionCode] : [])));
      const own = await places.own();
      const outcomes: RowOutcome[] = new Array(batch.length);
      const writable: Array<{ i: number; venue: ValidVenue; placement: VenuePlacement }> = [];
      batch.forEach((venue, i) => {
        const placement = venue.jurisdictionCode ? places.get(venue.jurisdictionCode) : own;
        if (!placement) outcomes[i] = { column: 'jurisdiction_code', reason: `unknown jurisdiction code ${venue.jurisdictionCode}, or outside your jurisdiction` };
        else writable.push({ i, venue, placement });
      });
      const written = await upsertVenues(ctx.database, writable, actor.scopePath);
      written.forEach((o, k) => {
        outcomes[writable[k].i] = o === 'outside' ? { column: 'code', reason: 'this venue code is registered outside your jurisdiction' } : o;
      });
      return outcomes;
    },
  };
  return runCsvImport(ctx, actor, opts.input, spec, opts.fileName);
}

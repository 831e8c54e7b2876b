import { requirePermission, type Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { appendAudit } from '../audit/audit.ts';
import { placeOne } from '../people/place-person.ts';
import { isFieldError, validateVenue } from './venue-input.ts';
import { findVenue, stripPath } from './venues.repository.ts';
import type { NewVenue, Venue } from './venues.schemas.ts';
import { venues } from './venues.table.ts';

// Form fields are camelCase; validateVenue speaks the CSV's column names.
const FIELD: Record<string, string> = { jurisdiction_code: 'jurisdictionCode' };

/** Registers a venue at a node of the caller's jurisdiction (default: the caller's own node). */
export async function createVenue(ctx: AppContext, opts: { actor: Actor; input: NewVenue }): Promise<Venue> {
  const actor = requirePermission(opts.actor, 'venues:write');
  const valid = validateVenue(opts.input);
  if (isFieldError(valid)) throw invalid(FIELD[valid.field] ?? valid.field, valid.reason);
  const placement = await placeOne(ctx.db, actor, valid.jurisdictionCode);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(venues)
      .values({ code: valid.code, name: valid.name, type: valid.type, address: valid.address, jurisdictionId: placement.jurisdictionId, jurisdictionPath: placement.jurisdictionPath })
      .onConflictDoNothing({ target: venues.code })
      .returning({ id: venues.id });
    // The code is on printed posters: a second venue with the same code would take the first one's scans.
    if (!row) throw new AppError('CONFLICT', `code: venue code ${valid.code} is already registered`, 'code');
    await appendAudit(tx, actor, { action: 'venue.create', entityType: 'venue', entityId: row.id, jurisdictionPath: placement.jurisdictionPath, details: { code: valid.code, type: valid.type } });
    return row.id;
  });
  return stripPath((await findVenue(ctx.db, id))!);
}

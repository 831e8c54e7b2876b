import { eq } from 'drizzle-orm';
import { requirePermission, type Actor, canReach } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { appendAudit } from '../audit/audit.ts';
import { placeOne } from '../people/place-person.ts';
import { findVenue, stripPath } from './venues.repository.ts';
import type { Venue, VenueChanges } from './venues.schemas.ts';
import { venues } from './venues.table.ts';

/**
 * Changes a venue's name, type, address or jurisdiction (within the caller's). The code cannot
 * change: it is printed on the venue's posters.
 */
export async function updateVenue(ctx: AppContext, opts: { actor: Actor; id: string; changes: VenueChanges }): Promise<Venue> {
  const actor = requirePermission(opts.actor, 'venues:write');
  const before = await findVenue(ctx.db, opts.id);
  if (!before || !canReach(actor, before.jurisdictionPath)) throw notFound('Venue');
  const c = opts.changes;
  const set: Partial<typeof venues.$inferInsert> = {};
  if (c.name !== undefined) {
    if (!c.name.trim()) throw invalid('name', 'must not be empty');
    set.name = c.name.trim();
  }
  if (c.type !== undefined) set.type = c.type;
  if (c.address !== undefined) set.address = c.address?.trim() || null;
  if (c.jurisdictionCode !== undefined) {
    const placement = await placeOne(ctx.db, actor, c.jurisdictionCode);
    set.jurisdictionId = placement.jurisdictionId;
    set.jurisdictionPath = placement.jurisdictionPath;
  }
  await ctx.db.transaction(async (tx) => {
    if (Object.keys(set).length) await tx.update(venues).set(set).where(eq(venues.id, opts.id));
    await appendAudit(tx, actor, {
      action: 'venue.update',
      entityType: 'venue',
      entityId: opts.id,
      jurisdictionPath: set.jurisdictionPath ?? before.jurisdictionPath,
      details: { code: before.code, fields: Object.keys(c) },
    });
  });
  return stripPath((await findVenue(ctx.db, opts.id))!);
}

import { requirePermission, type Actor, canReach } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { findVenue, stripPath } from './venues.repository.ts';
import type { Venue } from './venues.schemas.ts';

/** One venue; outside the caller's jurisdiction it does not exist (404). */
export async function getVenue(ctx: AppContext, opts: { actor: Actor; id: string }): Promise<Venue> {
  const actor = requirePermission(opts.actor, 'venues:read');
  const venue = await findVenue(ctx.db, opts.id);
  if (!venue || !canReach(actor, venue.jurisdictionPath)) throw notFound('Venue');
  return stripPath(venue);
}

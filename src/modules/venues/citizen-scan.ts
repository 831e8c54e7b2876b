import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { people } from '../people/people.table.ts';
import { recordScans } from './record-scans.ts';
import { venueCodeFromQr } from './venue-input.ts';
import { venuesByCodes } from './venues.repository.ts';
import type { CitizenScanRequest, CitizenScanResult } from './venues.schemas.ts';

/**
 * A citizen scans a venue poster's QR code (`yipan:venue:<code>`) for themselves or a family
 * member registered with their phone. The scan is recorded (at the server's time, with the
 * current colour) and answered with pass or deny and the reason, for the door to see.
 */
export async function citizenScan(ctx: AppContext, opts: { actor: Actor; input: CitizenScanRequest }): Promise<CitizenScanResult> {
  const actor = opts.actor;
  if (actor.kind !== 'citizen') throw new AppError('FORBIDDEN', 'Citizen sign-in required');
  const [person] = await ctx.db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.id, opts.input.personId), eq(people.phone, actor.phone)));
  // Someone else's record does not exist for this citizen.
  if (!person) throw notFound('Person');
  const [venue] = await venuesByCodes(ctx.db, [venueCodeFromQr(opts.input.venueCode)]);
  if (!venue) throw notFound('Venue');
  // The app's own event id is namespaced by person, so it cannot collide with anyone else's events.
  const eventId = `citizen:${person.id}:${opts.input.eventId ?? randomUUID()}`;
  const [r] = await recordScans(ctx, [{ eventId, personId: person.id, venueId: venue.id, scannedAt: ctx.clock.now(), colourShown: null }], 'citizen');
  return {
    status: r.status,
    result: r.result,
    colour: r.colour,
    reason: r.reason,
    scannedAt: r.scannedAt.toISOString(),
    venue: { code: venue.code, name: venue.name, type: venue.type },
  };
}

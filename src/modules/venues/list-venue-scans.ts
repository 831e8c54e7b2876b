import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { requirePermission, type Actor, canReach } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import type { Colour } from '../health-codes/colour-policy.ts';
import { people } from '../people/people.table.ts';
import { readReason } from './record-scans.ts';
import { maskName } from './venue-input.ts';
import { findVenue } from './venues.repository.ts';
import type { VenueScansPage, VenueScansQuery } from './venues.schemas.ts';
import { venueScans } from './venues.table.ts';

/**
 * The scans at one venue, newest first, paged. People appear masked (family name, masked
 * document number): who was where is for tracing, through the person's own page.
 */
export async function listVenueScans(ctx: AppContext, opts: VenueScansQuery & { actor: Actor; venueId: string }): Promise<VenueScansPage> {
  const actor = requirePermission(opts.actor, 'venues:read');
  const venue = await findVenue(ctx.db, opts.venueId);
  if (!venue || !canReach(actor, venue.jurisdictionPath)) throw notFound('Venue');
  const from = opts.from ? new Date(opts.from) : undefined;
  const to = opts.to ? new Date(opts.to) : undefined;
  if (from && to && from > to) throw invalid('from', 'must not be after to');
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? 50;
  const where: SQL | undefined = and(
    eq(venueScans.venueId, venue.id),
    from ? gte(venueScans.scannedAt, from) : undefined,
    to ? lt(venueScans.scannedAt, to) : undefined,
    opts.result ? eq(venueScans.result, opts.result) : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({
        id: venueScans.id,
        eventId: venueScans.eventId,
        scannedAt: venueScans.scannedAt,
        colourShown: venueScans.colourShown,
        result: venueScans.result,
        reason: venueScans.reason,
        source: venueScans.source,
        personId: people.id,
        name: people.name,
        idNumberMasked: people.idNumberMasked,
      })
      .from(venueScans)
      .innerJoin(people, eq(people.id, venueScans.personId))
      .where(where)
      .orderBy(desc(venueScans.scannedAt), desc(venueScans.id))
      .offset((page - 1) * pageSize)
      .limit(pageSize),
    ctx.db.select({ total: count() }).from(venueScans).where(where),
  ]);
  return {
    items: rows.map((r) => ({
      id: String(r.id),
      eventId: r.eventId,
      scannedAt: r.scannedAt.toISOString(),
      colourShown: r.colourShown as Colour,
      result: r.result as 'pass' | 'deny',
      reason: readReason(r.reason),
      source: r.source,
      person: { id: r.personId, nameMasked: maskName(r.name), idNumberMasked: r.idNumberMasked },
    })),
    total,
    page,
    pageSize,
  };
}

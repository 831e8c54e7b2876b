import { and, asc, count, eq, inArray, like, or, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import type { Level } from '../jurisdictions/division-code.ts';
import { escapeLike, within } from '../jurisdictions/jurisdictions.repository.ts';
import { jurisdictions } from '../jurisdictions/jurisdictions.table.ts';
import type { ValidVenue, VenueType } from './venue-input.ts';
import type { Venue } from './venues.schemas.ts';
import { venues } from './venues.table.ts';

export type VenueRow = typeof venues.$inferSelect;

const venueColumns = {
  id: venues.id,
  code: venues.code,
  name: venues.name,
  type: venues.type,
  address: venues.address,
  jurisdictionPath: venues.jurisdictionPath,
  createdAt: venues.createdAt,
  jId: jurisdictions.id,
  jCode: jurisdictions.code,
  jName: jurisdictions.name,
  jLevel: jurisdictions.level,
};
type VenueSelect = { [K in keyof typeof venueColumns]: unknown };

/** What a poster's QR code carries. */
export const venueQr = (code: string) => `yipan:venue:${code}`;

function toVenue(r: VenueSelect): Venue & { jurisdictionPath: string } {
  return {
    id: r.id as string,
    code: r.code as string,
    name: r.name as string,
    type: r.type as VenueType,
    address: (r.address as string | null) ?? null,
    qr: venueQr(r.code as string),
    jurisdiction: { id: r.jId as string, code: r.jCode as string, name: r.jName as string, level: r.jLevel as Level },
    jurisdictionPath: r.jurisdictionPath as string,
    createdAt: (r.createdAt as Date).toISOString(),
  };
}

export function stripPath<T extends { jurisdictionPath: string }>(v: T): Omit<T, 'jurisdictionPath'> {
  const { jurisdictionPath: _p, ...rest } = v;
  return rest;
}

/** A venue with the path used for scope checks, or undefined. */
export async function findVenue(db: Executor, id: string) {
  const [row] = await db.select(venueColumns).from(venues).innerJoin(jurisdictions, eq(jurisdictions.id, venues.jurisdictionId)).where(eq(venues.id, id));
  return row ? toVenue(row) : undefined;
}

export async function findVenueByCode(db: Executor, code: string) {
  const [row] = await db.select(venueColumns).from(venues).innerJoin(jurisdictions, eq(jurisdictions.id, venues.jurisdictionId)).where(eq(venues.code, code));
  return row ? toVenue(row) : undefined;
}

/** The bare rows of these codes (for scan ingest: id, type and path only). */
export async function venuesByCodes(db: Executor, codes: string[]): Promise<Array<Pick<VenueRow, 'id' | 'code' | 'name' | 'type' | 'jurisdictionPath'>>> {
  if (codes.length === 0) return [];
  return db
    .select({ id: venues.id, code: venues.code, name: venues.name, type: venues.type, jurisdictionPath: venues.jurisdictionPath })
    .from(venues)
    .where(inArray(venues.code, codes));
}

export interface VenueFilter {
  scopePath: string;
  q?: string;
  type?: VenueType;
}

function where(f: VenueFilter): SQL | undefined {
  const q = f.q?.trim();
  const pattern = q ? `${escapeLike(q)}%` : undefined;
  return and(
    within(venues.jurisdictionPath, f.scopePath),
    pattern ? or(like(venues.name, pattern), like(venues.code, pattern.toUpperCase())) : undefined,
    f.type ? eq(venues.type, f.type) : undefined,
  );
}

export async function searchVenues(db: Executor, f: VenueFilter, page: { offset: number; limit: number }): Promise<{ items: Venue[]; total: number }> {
  const [items, [{ total }]] = await Promise.all([
    db
      .select(venueColumns)
      .from(venues)
      .innerJoin(jurisdictions, eq(jurisdictions.id, venues.jurisdictionId))
      .where(where(f))
      .orderBy(asc(venues.name), asc(venues.id))
      .offset(page.offset)
      .limit(page.limit),
    db.select({ total: count() }).from(venues).where(where(f)),
  ]);
  return { items: items.map((r) => stripPath(toVenue(r))), total };
}

export interface VenuePlacement {
  jurisdictionId: string;
  jurisdictionPath: string;
}

/**
 * Inserts or updates venues by code in one statement (unnest of column arrays). An existing
 * venue outside `scopePath` is left untouched and reported as `outside`. One entry per row, in order.
 */
export async function upsertVenues(
  database: Database,
  rows: Array<{ venue: ValidVenue; placement: VenuePlacement }>,
  scopePath: string,
): Promise<Array<'imported' | 'updated' | 'outside'>> {
  if (rows.length === 0) return [];
  const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  const result = await database.query<{ code: string; inserted: boolean }>(
    `insert into venues as v (code, name, type, address, jurisdiction_id, jurisdiction_path)
     select code, name, type, address, jid, jpath
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[]) as x(code, name, type, address, jid, jpath)
     on conflict (code) do update set
       name = excluded.name, type = excluded.type, address = coalesce(excluded.address, v.address),
       jurisdiction_id = excluded.jurisdiction_id, jurisdiction_path = excluded.jurisdiction_path
       where v.jurisdiction_path like $7 || '%'
     returning code, (xmax = 0) as inserted`,
    [
      col((r) => r.venue.code),
      col((r) => r.venue.name),
      col((r) => r.venue.type),
      col((r) => r.venue.address),
      col((r) => r.placement.jurisdictionId),
      col((r) => r.placement.jurisdictionPath),
      escapeLike(scopePath),
    ],
  );
  const outcome = new Map(result.map((r) => [r.code, r.inserted ? ('imported' as const) : ('updated' as const)]));
  return rows.map((r) => outcome.get(r.venue.code) ?? 'outside');
}

import type { Database } from '../../db/client.ts';
import type { CoLocation, Visit } from './contact-rules.ts';

export interface OwnedVisit extends Visit {
  /** The person whose visit it is: never their own co-location. */
  ownerId: string;
}
export interface CoLocationRow extends CoLocation {
  ownerId: string;
  venueCode: string;
  venueName: string;
}

/**
 * Co-location (时空伴随): everyone scanned at the same venue within ± `windowMinutes` of each
 * visit, edges included. THE query: the contact review, secondary contacts, `yipan trace` and the
 * benchmark all run this one. Each visit is one probe of the (venue_id, scanned_at) index, so
 * the cost follows the visits and the crowd at those venues, not the size of the scans table.
 * Many owners' visits go in one statement (the benchmark's 500 cases).
 */
export async function findCoLocations(db: Database, visits: OwnedVisit[], windowMinutes: number): Promise<CoLocationRow[]> {
  if (visits.length === 0) return [];
  const rows = await db.query<{ owner_id: string; person_id: string; venue_id: string; venue_code: string; venue_name: string; case_scan_at: Date | string; contact_scan_at: Date | string }>(
    `with v as (
       select * from unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::uuid[]) as v(venue_id, v_from, v_until, owner_id)
     )
     select v.owner_id, s.person_id, v.venue_id, ve.code as venue_code, ve.name as venue_name, v.v_from as case_scan_at, s.scanned_at as contact_scan_at
       from v
       -- One index probe per visit, kept apart by offset 0. Flattened into a plain join, the
       -- planner (which cannot estimate the visits' time ranges) chose a hash join over a full
       -- scan of venue_scans, or probed by venue alone (docs/benchmarks.md, co-location).
       cross join lateral (
         select s.person_id, s.scanned_at
           from venue_scans s
          where s.venue_id = v.venue_id
            and s.scanned_at >= v.v_from - make_interval(mins => $5)
            and s.scanned_at <= v.v_until + make_interval(mins => $5)
            and s.person_id <> v.owner_id
         offset 0
       ) s
       join venues ve on ve.id = v.venue_id
      order by v.owner_id, s.person_id, v.venue_id, v.v_from, s.scanned_at`,
    [visits.map((v) => v.venueId), visits.map((v) => v.from.toISOString()), visits.map((v) => v.until.toISOString()), visits.map((v) => v.ownerId), windowMinutes],
  );
  return rows.map((r) => ({
    ownerId: r.owner_id,
    personId: r.person_id,
    venueId: r.venue_id,
    venueCode: r.venue_code,
    venueName: r.venue_name,
    caseScanAt: new Date(r.case_scan_at),
    contactScanAt: new Date(r.contact_scan_at),
  }));
}

/** A person's own venue scans in [since, until] as visits (each scan a point in time). */
export async function scanVisits(db: Database, personId: string, since: Date, until: Date): Promise<OwnedVisit[]> {
  const rows = await db.query<{ venue_id: string; scanned_at: Date | string }>(
    'select venue_id, scanned_at from venue_scans where person_id = $1 and scanned_at >= $2 and scanned_at <= $3 order by scanned_at',
    [personId, since.toISOString(), until.toISOString()],
  );
  return rows.map((r) => ({ ownerId: personId, venueId: r.venue_id, from: new Date(r.scanned_at), until: new Date(r.scanned_at) }));
}

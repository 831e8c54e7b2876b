import type { Database } from '../../db/client.ts';
import type { PersonalDataKeys } from '../../platform/crypto.ts';
import { pgTextArray } from '../../db/csv.ts';
import type { ValidPerson } from './person-input.ts';

export interface Placement {
  jurisdictionId: string;
  jurisdictionPath: string;
  householdId: string | null;
}

/**
 * Inserts or updates people by document-number hash in one statement (unnest of column arrays,
 * so a 2,000-row batch is one round trip). An existing person outside `scopePath` is left
 * untouched and reported as `outside`. One entry per input row, in order.
 */
export async function upsertPeople(
  database: Database,
  keys: PersonalDataKeys,
  rows: Array<{ person: ValidPerson; placement: Placement }>,
  scopePath: string,
): Promise<Array<'imported' | 'updated' | 'outside'>> {
  if (rows.length === 0) return [];
  const hashes = rows.map((r) => keys.lookupHash(r.person.idNumber));
  const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  const result = await database.query<{ hash: string; inserted: boolean }>(
    `insert into people as p (name, document_type, id_number_cipher, id_number_hash, id_number_masked, phone, sex, birth_date,
       jurisdiction_id, jurisdiction_path, household_id, address, residency, groups)
     select name, document_type, cipher, hash, masked, phone, sex, birth_date, jid, jpath, hid, address, residency, groups::text[]
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[],
                   $9::uuid[], $10::text[], $11::uuid[], $12::text[], $13::text[], $14::text[])
         as x(name, document_type, cipher, hash, masked, phone, sex, birth_date, jid, jpath, hid, address, residency, groups)
     on conflict (id_number_hash) do update set
       name = excluded.name, phone = excluded.phone, address = coalesce(excluded.address, p.address),
       residency = excluded.residency, groups = excluded.groups,
       jurisdiction_id = excluded.jurisdiction_id, jurisdiction_path = excluded.jurisdiction_path,
       household_id = excluded.household_id, updated_at = now()
       where p.jurisdiction_path like $15 || '%'
     returning id_number_hash as hash, (xmax = 0) as inserted`,
    [
      col((r) => r.person.name),
      col((r) => r.person.documentType),
      col((r) => keys.encrypt(r.person.idNumber)),
      hashes,
      col((r) => r.person.idNumberMasked),
      col((r) => r.person.phone),
      col((r) => r.person.sex),
      col((r) => r.person.birthDate),
      col((r) => r.placement.jurisdictionId),
      col((r) => r.placement.jurisdictionPath),
      col((r) => r.placement.householdId),
      col((r) => r.person.address),
      col((r) => r.person.residency),
      col((r) => pgTextArray(r.person.groups)),
      scopePath.replace(/[\\%_]/g, '\\$&'),
    ],
  );
  const outcome = new Map(result.map((r) => [r.hash, r.inserted ? ('imported' as const) : ('updated' as const)]));
  return hashes.map((h) => outcome.get(h) ?? 'outside');
}

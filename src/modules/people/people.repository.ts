import { and, asc, arrayContains, count, desc, eq, like, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { escapeLike, within } from '../jurisdictions/jurisdictions.repository.ts';
import { jurisdictions } from '../jurisdictions/jurisdictions.table.ts';
import { maskPhone, type Residency } from './phone.ts';
import type { Level } from '../jurisdictions/division-code.ts';
import { people } from './people.table.ts';
import type { Person } from './people.schemas.ts';

export type PersonRow = typeof people.$inferSelect;

const personColumns = {
  id: people.id,
  name: people.name,
  documentType: people.documentType,
  idNumberMasked: people.idNumberMasked,
  phone: people.phone,
  sex: people.sex,
  birthDate: people.birthDate,
  residency: people.residency,
  groups: people.groups,
  address: people.address,
  jurisdictionPath: people.jurisdictionPath,
  createdAt: people.createdAt,
  updatedAt: people.updatedAt,
  jId: jurisdictions.id,
  jCode: jurisdictions.code,
  jName: jurisdictions.name,
  jLevel: jurisdictions.level,
};
type PersonSelect = { [K in keyof typeof personColumns]: unknown };

/** Maps a row to its public shape: the phone is masked here, the document number already is. */
function toPerson(r: PersonSelect): Person & { jurisdictionPath: string } {
  return {
    id: r.id as string,
    name: r.name as string,
    documentType: r.documentType as string,
    idNumberMasked: r.idNumberMasked as string,
    phoneMasked: maskPhone(r.phone as string),
    sex: (r.sex as 'male' | 'female' | null) ?? null,
    birthDate: (r.birthDate as string | null) ?? null,
    residency: r.residency as Residency,
    groups: r.groups as string[],
    address: (r.address as string | null) ?? null,
    jurisdiction: { id: r.jId as string, code: r.jCode as string, name: r.jName as string, level: r.jLevel as Level },
    jurisdictionPath: r.jurisdictionPath as string,
    createdAt: (r.createdAt as Date).toISOString(),
    updatedAt: (r.updatedAt as Date).toISOString(),
  };
}

export interface PeopleFilter {
  scopePath: string;
  namePrefix?: string;
  idNumberHash?: string;
  phone?: string;
  group?: string;
  residency?: Residency;
}

function where(f: PeopleFilter): SQL | undefined {
  return and(
    within(people.jurisdictionPath, f.scopePath),
    f.namePrefix ? like(people.name, `${escapeLike(f.namePrefix)}%`) : undefined,
    f.idNumberHash ? eq(people.idNumberHash, f.idNumberHash) : undefined,
    f.phone ? eq(people.phone, f.phone) : undefined,
    f.group ? arrayContains(people.groups, [f.group]) : undefined,
    f.residency ? eq(people.residency, f.residency) : undefined,
  );
}

const ORDER = {
  name: [asc(people.name), asc(people.id)],
  '-name': [desc(people.name), asc(people.id)],
  createdAt: [asc(people.createdAt), asc(people.id)],
  '-createdAt': [desc(people.createdAt), asc(people.id)],
} as const;

export async function searchPeople(
  db: Executor,
  f: PeopleFilter,
  page: { offset: number; limit: number; sort: keyof typeof ORDER },
): Promise<{ items: Person[]; total: number }> {
  const [items, [{ total }]] = await Promise.all([
    db
      .select(personColumns)
      .from(people)
      .innerJoin(jurisdictions, eq(jurisdictions.id, people.jurisdictionId))
      .where(where(f))
      .orderBy(...ORDER[page.sort])
      .offset(page.offset)
      .limit(page.limit),
    db.select({ total: count() }).from(people).where(where(f)),
  ]);
  return { items: items.map((r) => stripPath(toPerson(r))), total };
}

function stripPath<T extends { jurisdictionPath: string }>(p: T): Omit<T, 'jurisdictionPath'> {
  const { jurisdictionPath: _p, ...rest } = p;
  return rest;
}

/** A person with the path used for scope checks, or undefined. */
export async function findPerson(db: Executor, id: string) {
  const [row] = await db.select(personColumns).from(people).innerJoin(jurisdictions, eq(jurisdictions.id, people.jurisdictionId)).where(eq(people.id, id));
  return row ? toPerson(row) : undefined;
}

export { stripPath };

export async function findSecret(db: Executor, id: string) {
  const [row] = await db
    .select({ cipher: people.idNumberCipher, phone: people.phone, path: people.jurisdictionPath, documentType: people.documentType })
    .from(people)
    .where(eq(people.id, id));
  return row;
}

export async function findByPhone(db: Executor, phone: string): Promise<Person[]> {
  const rows = await db
    .select(personColumns)
    .from(people)
    .innerJoin(jurisdictions, eq(jurisdictions.id, people.jurisdictionId))
    .where(eq(people.phone, phone))
    .orderBy(asc(people.birthDate))
    .limit(20);
  return rows.map((r) => stripPath(toPerson(r)));
}

const refColumns = { id: people.id, name: people.name, phone: people.phone, path: people.jurisdictionPath, idNumberMasked: people.idNumberMasked };

/** The bits other modules need to check scope and address a person; undefined when unknown. */
export async function findPersonRef(db: Executor, id: string) {
  const [row] = await db.select(refColumns).from(people).where(eq(people.id, id));
  return row;
}

/** The same, found by the keyed hash of a document number (`keys.lookupHash`). */
export async function findPersonRefByIdHash(db: Executor, idNumberHash: string) {
  const [row] = await db.select(refColumns).from(people).where(eq(people.idNumberHash, idNumberHash));
  return row;
}

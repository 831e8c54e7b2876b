import { Type, type Static } from 'typebox';
import { JurisdictionRef } from '../jurisdictions/jurisdictions.schemas.ts';
import { DOCUMENT_TYPES } from './id-number.ts';
import { PERSON_GROUPS, RESIDENCY } from './phone.ts';


/** What leaves the server about a person: masked document number and phone, never the cipher. */
export const Person = Type.Object({
  id: Type.String(),
  name: Type.String(),
  documentType: Type.String(),
  idNumberMasked: Type.String(),
  phoneMasked: Type.String(),
  sex: Type.Union([Type.Literal('male'), Type.Literal('female'), Type.Null()]),
  birthDate: Type.Union([Type.String(), Type.Null()]),
  residency: Type.Enum(RESIDENCY),
  groups: Type.Array(Type.String()),
  address: Type.Union([Type.String(), Type.Null()]),
  jurisdiction: JurisdictionRef,
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Person = Static<typeof Person>;

export const PersonDetail = Type.Intersect([Person, Type.Object({ ancestors: Type.Array(JurisdictionRef) })]);
export type PersonDetail = Static<typeof PersonDetail>;

export const PeopleQuery = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'name prefix' })),
  idNumber: Type.Optional(Type.String({ minLength: 5, maxLength: 20, description: 'exact document number' })),
  phone: Type.Optional(Type.String({ minLength: 5, maxLength: 20 })),
  jurisdictionId: Type.Optional(Type.String({ format: 'uuid' })),
  group: Type.Optional(Type.Enum(PERSON_GROUPS)),
  residency: Type.Optional(Type.Enum(RESIDENCY)),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  sort: Type.Optional(Type.Enum(['name', '-name', 'createdAt', '-createdAt'] as const)),
});
export type PeopleQuery = Static<typeof PeopleQuery>;

export const PeoplePage = Type.Object({
  items: Type.Array(Person),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type PeoplePage = Static<typeof PeoplePage>;

export const NewPerson = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 50 }),
  documentType: Type.Optional(Type.Enum(DOCUMENT_TYPES)),
  idNumber: Type.String({ minLength: 5, maxLength: 20 }),
  phone: Type.String({ minLength: 5, maxLength: 20 }),
  jurisdictionCode: Type.Optional(Type.String({ pattern: '^\\d{6,23}$' })),
  address: Type.Optional(Type.String({ maxLength: 200 })),
  residency: Type.Optional(Type.Enum(RESIDENCY)),
  groups: Type.Optional(Type.Array(Type.Enum(PERSON_GROUPS), { maxItems: 8, uniqueItems: true })),
});
export type NewPerson = Static<typeof NewPerson>;

export const PersonChanges = Type.Partial(Type.Omit(NewPerson, ['idNumber', 'documentType']), { minProperties: 1 });
export type PersonChanges = Static<typeof PersonChanges>;

export const RevealRequest = Type.Object({ reason: Type.String({ minLength: 4, maxLength: 500 }) });
export const Revealed = Type.Object({ idNumber: Type.String(), phone: Type.String() });
export type Revealed = Static<typeof Revealed>;

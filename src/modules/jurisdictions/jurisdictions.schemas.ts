import { Type, type Static } from 'typebox';
import { LEVELS } from './division-code.ts';

export const LevelSchema = Type.Enum(LEVELS);

export const JurisdictionRef = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  level: LevelSchema,
});
export type JurisdictionRef = Static<typeof JurisdictionRef>;

export const Jurisdiction = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  level: LevelSchema,
  parentId: Type.Union([Type.String(), Type.Null()]),
  hasChildren: Type.Boolean(),
});
export type Jurisdiction = Static<typeof Jurisdiction>;

export const JurisdictionDetail = Type.Intersect([Jurisdiction, Type.Object({ ancestors: Type.Array(JurisdictionRef) })]);
export type JurisdictionDetail = Static<typeof JurisdictionDetail>;

export const JurisdictionQuery = Type.Object({
  parentId: Type.Optional(Type.String({ format: 'uuid' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  level: Type.Optional(LevelSchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
});
export type JurisdictionQuery = Static<typeof JurisdictionQuery>;

export const Grid = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  communityId: Type.String(),
  worker: Type.Union([Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String() }), Type.Null()]),
});
export type Grid = Static<typeof Grid>;

import { Type, type Static } from 'typebox';
import { COLOURS, FACT_KINDS } from './colour-policy.ts';

export const ColourSchema = Type.Enum(COLOURS);
export const FactKindSchema = Type.Enum(FACT_KINDS);
const Timestamp = Type.String({ format: 'date-time' });
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

export const ReasonSchema = Type.Object({
  source: Type.Enum(['fact', 'override'] as const),
  ref: Type.String(),
  kind: Type.String(),
  colour: ColourSchema,
  zh: Type.String(),
  en: Type.String(),
  since: Type.String(),
  until: Type.Union([Type.String(), Type.Null()]),
});

/** A code as staff and citizens see it: colour, why, and when it turns green. */
export const CodeView = Type.Object({
  personId: Type.String(),
  colour: ColourSchema,
  reasons: Type.Array(ReasonSchema),
  greenAt: Type.Union([Type.String(), Type.Null()]),
  policyVersion: Type.Integer(),
  updatedAt: Type.String(),
});
export type CodeView = Static<typeof CodeView>;

export const Fact = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  kind: Type.String(),
  source: Type.String(),
  sourceRef: Type.Union([Type.String(), Type.Null()]),
  validFrom: Type.String(),
  validUntil: Type.Union([Type.String(), Type.Null()]),
  endedAt: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  recordedAt: Type.String(),
});
export type Fact = Static<typeof Fact>;

export const NewFact = Type.Object({
  kind: FactKindSchema,
  validFrom: Type.Optional(Timestamp),
  validUntil: Type.Optional(Timestamp),
  note: Type.String({ minLength: 4, maxLength: 500, description: 'what was recorded and on what evidence' }),
});
export type NewFact = Static<typeof NewFact>;

export const EndFact = Type.Object({ reason: Type.String({ minLength: 4, maxLength: 500 }) });

export const ColourChange = Type.Object({
  at: Type.String(),
  fromColour: Type.Union([Type.String(), Type.Null()]),
  toColour: Type.String(),
  reasons: Type.Array(ReasonSchema),
  policyVersion: Type.Integer(),
});

export const Override = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  personName: Type.String(),
  colour: ColourSchema,
  reason: Type.String(),
  validUntil: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  appealId: Type.Union([Type.String(), Type.Null()]),
  proposedBy: Type.String(),
  proposedAt: Type.String(),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  decisionNote: Type.Union([Type.String(), Type.Null()]),
});
export type Override = Static<typeof Override>;

export const NewOverride = Type.Object({
  colour: ColourSchema,
  reason: Type.String({ minLength: 10, maxLength: 500 }),
  validUntil: Type.Optional(Timestamp),
});
export type NewOverride = Static<typeof NewOverride>;

export const Decision = Type.Object({ note: Type.String({ minLength: 4, maxLength: 500 }) });

export const Appeal = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  personName: Type.String(),
  colourAtAppeal: Type.String(),
  reason: Type.String(),
  status: Type.String(),
  filedAt: Type.String(),
  resolution: Type.Union([Type.String(), Type.Null()]),
  resolvedAt: NullableTimestamp,
  overrideId: Type.Union([Type.String(), Type.Null()]),
});
export type Appeal = Static<typeof Appeal>;

export const NewAppeal = Type.Object({ personId: Type.String({ format: 'uuid' }), reason: Type.String({ minLength: 10, maxLength: 1000 }) });
export const AppealCorrection = Type.Object({
  colour: ColourSchema,
  resolution: Type.String({ minLength: 10, maxLength: 500 }),
  validUntil: Type.Optional(Timestamp),
});

export const RuleSchema = Type.Object({
  kind: FactKindSchema,
  colour: ColourSchema,
  days: Type.Union([Type.Integer({ minimum: 1, maximum: 90 }), Type.Null()]),
  then: Type.Optional(Type.Object({ colour: ColourSchema, days: Type.Integer({ minimum: 1, maximum: 90 }), reason: Type.Object({ zh: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) }) })),
  reason: Type.Object({ zh: Type.String({ minLength: 1, maxLength: 100 }), en: Type.String({ minLength: 1, maxLength: 200 }) }),
});
export const Policy = Type.Object({
  version: Type.Integer(),
  name: Type.String(),
  preset: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  rules: Type.Array(RuleSchema),
  createdAt: Type.String(),
});
export const NewPolicy = Type.Object({ name: Type.String({ minLength: 2, maxLength: 100 }), rules: Type.Array(RuleSchema, { minItems: 1, maxItems: 50 }) });

/** What a citizen sees for each person registered with their phone. */
export const CitizenCode = Type.Object({
  person: Type.Object({ id: Type.String(), name: Type.String(), idNumberMasked: Type.String() }),
  code: CodeView,
  history: Type.Array(ColourChange),
  notices: Type.Array(Type.Object({ kind: Type.String(), message: Type.Object({ zh: Type.String(), en: Type.String() }), at: Type.String() })),
});
export type CitizenCode = Static<typeof CitizenCode>;

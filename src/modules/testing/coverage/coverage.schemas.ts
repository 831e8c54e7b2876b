import { Type, type Static } from 'typebox';

export const RoundRef = Type.Object({ id: Type.String(), name: Type.String(), day: Type.String(), status: Type.String() });
export type RoundRef = Static<typeof RoundRef>;

export const CommunityCoverage = Type.Object({
  communityId: Type.Union([Type.String(), Type.Null()]),
  code: Type.String(),
  name: Type.String(),
  residents: Type.Integer(),
  tested: Type.Integer({ description: 'sampled in this round (a tube_members row of the round)' }),
  exempt: Type.Integer({ description: 'not sampled and exempt: see the rule' }),
  untested: Type.Integer(),
  rate: Type.Number({ description: 'tested / (residents - exempt), 0..1' }),
});
export type CommunityCoverage = Static<typeof CommunityCoverage>;

export const Coverage = Type.Object({
  round: RoundRef,
  exemptRule: Type.String(),
  items: Type.Array(CommunityCoverage),
  totals: Type.Object({ residents: Type.Integer(), tested: Type.Integer(), exempt: Type.Integer(), untested: Type.Integer(), rate: Type.Number() }),
});
export type Coverage = Static<typeof Coverage>;

export const UntestedQuery = Type.Object({ communityId: Type.Optional(Type.String({ format: 'uuid' })) });

export const PoolingAdviceQuery = Type.Object({
  positiveRate: Type.Number({ minimum: 0, maximum: 1, description: 'expected share of positives, 0..1 (0.001 = 0.1%)' }),
  population: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000 })),
});

export const PoolingAdviceSchema = Type.Object({
  ratio: Type.Integer(),
  testsPerPerson: Type.Number(),
  table: Type.Array(Type.Object({ ratio: Type.Integer(), testsPerPerson: Type.Number() })),
  round: Type.Optional(Type.Object({ population: Type.Integer(), poolTubes: Type.Integer(), expectedRetests: Type.Integer(), expectedTests: Type.Integer() })),
});
export type PoolingAdviceSchema = Static<typeof PoolingAdviceSchema>;

import { Type, type Static } from 'typebox';

// Test results --------------------------------------------------------------------------------

export const NewTestResult = Type.Object({
  kind: Type.Enum(['nat', 'antigen'] as const),
  result: Type.Enum(['negative', 'positive', 'invalid'] as const),
  sampledAt: Type.String({ format: 'date-time', description: 'ISO 8601 with offset' }),
});
export type NewTestResult = Static<typeof NewTestResult>;

export const TestResult = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  kind: Type.String(),
  result: Type.String(),
  sampledAt: Type.String(),
  reportedAt: Type.String(),
  source: Type.String(),
});
export type TestResult = Static<typeof TestResult>;

export const TestResultsQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export const TestResultsPage = Type.Object({ items: Type.Array(TestResult), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type TestResultsPage = Static<typeof TestResultsPage>;

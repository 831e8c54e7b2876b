import { Type, type Static, type TSchema } from 'typebox';

/** A lab sends at most this many results in one JSON batch (one transaction). */
export const MAX_RESULT_BATCH = 5000;
export const LAB_RESULTS = ['negative', 'positive', 'invalid'] as const;
export type LabResult = (typeof LAB_RESULTS)[number];

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const LabResultInput = Type.Object({
  barcode: Type.String({ minLength: 1, maxLength: 64, description: 'the tube barcode' }),
  result: Type.Enum(LAB_RESULTS),
  ctOrf1ab: Type.Optional(Nullable(Type.Number({ description: 'Ct value of the ORF1ab gene, 0–99.99' }))),
  ctN: Type.Optional(Nullable(Type.Number({ description: 'Ct value of the N gene, 0–99.99' }))),
  testedAt: Type.String({ minLength: 1, maxLength: 64, description: 'ISO 8601 with offset, e.g. 2026-11-24T09:30:00+08:00' }),
  lab: Type.Optional(Nullable(Type.String({ maxLength: 100, description: 'the lab; defaults to the lab of the tube batch' }))),
});
export type LabResultInput = Static<typeof LabResultInput>;

export const LabResultBatch = Type.Object({ results: Type.Array(LabResultInput, { minItems: 1, maxItems: MAX_RESULT_BATCH }) });
export type LabResultBatch = Static<typeof LabResultBatch>;

export const RecalledPerson = Type.Object({
  personId: Type.String(),
  nameMasked: Type.String(),
  barcode: Type.String(),
  sampledAt: Type.String(),
});
export type RecalledPerson = Static<typeof RecalledPerson>;

export const LabResultOutcome = Type.Object({
  barcode: Type.String(),
  status: Type.Enum(['applied', 'duplicate', 'conflict', 'rejected'] as const),
  /** Why a result was not applied: the conflict, or the field and reason of a rejection. */
  reason: Nullable(Type.String()),
  field: Type.Optional(Type.String()),
  conflictId: Type.Optional(Type.String()),
  /** What the hand-over did: people given a result, recalled, a positive recorded, a pool follow-up opened. */
  people: Type.Optional(Type.Integer()),
  followUpOpened: Type.Optional(Type.Boolean()),
});
export type LabResultOutcome = Static<typeof LabResultOutcome>;

export const LabResultBatchResult = Type.Object({
  applied: Type.Integer(),
  duplicates: Type.Integer(),
  conflicts: Type.Integer(),
  rejected: Type.Integer(),
  results: Type.Array(LabResultOutcome),
  /** Members of invalid tubes in this batch: they must be sampled again. */
  recalls: Type.Array(RecalledPerson),
});
export type LabResultBatchResult = Static<typeof LabResultBatchResult>;

// Conflicts ----------------------------------------------------------------------------------

export const ResultConflict = Type.Object({
  id: Type.String(),
  barcode: Type.String(),
  kind: Type.Enum(['unknown_tube', 'different_result'] as const),
  result: Type.String(),
  ctOrf1ab: Nullable(Type.Number()),
  ctN: Nullable(Type.Number()),
  testedAt: Type.String(),
  lab: Nullable(Type.String()),
  status: Type.Enum(['open', 'resolved'] as const),
  reportedAt: Type.String(),
  /** The result stored on the tube (for a different result), which is never overwritten. */
  storedResult: Nullable(Type.String()),
  resolvedAt: Nullable(Type.String()),
  resolution: Nullable(Type.String()),
});
export type ResultConflict = Static<typeof ResultConflict>;

export const ConflictsQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export const ConflictsPage = Type.Object({ items: Type.Array(ResultConflict), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type ConflictsPage = Static<typeof ConflictsPage>;

export const ResolveConflict = Type.Object({ resolution: Type.String({ minLength: 2, maxLength: 500, description: 'what was done about it (a re-test ordered, a barcode typo found…)' }) });
export type ResolveConflict = Static<typeof ResolveConflict>;

// Recalls ------------------------------------------------------------------------------------

export const Recall = Type.Object({
  personId: Type.String(),
  nameMasked: Type.String(),
  idNumberMasked: Type.String(),
  jurisdictionPath: Type.String(),
  barcode: Type.String(),
  sampledAt: Type.String(),
  reportedAt: Type.String(),
});
export type Recall = Static<typeof Recall>;
export const RecallsQuery = ConflictsQuery;
export const RecallsPage = Type.Object({ items: Type.Array(Recall), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type RecallsPage = Static<typeof RecallsPage>;

// Turnaround ---------------------------------------------------------------------------------

export const TurnaroundQuery = Type.Object({
  from: Type.Optional(Type.String({ description: 'ISO 8601 with offset; default 24 hours before `to`' })),
  to: Type.Optional(Type.String({ description: 'ISO 8601 with offset; default now' })),
});
export const LateTube = Type.Object({ barcode: Type.String(), lab: Type.String(), sampledAt: Type.String(), resultedAt: Type.String(), hours: Type.Number() });
export const LabTurnaround = Type.Object({
  lab: Type.String(),
  tubes: Type.Integer(),
  medianHours: Type.Number(),
  p90Hours: Type.Number(),
  withinTargetShare: Type.Number({ description: '0–1' }),
  late: Type.Integer(),
});
export const TurnaroundReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  targetHours: Type.Number(),
  labs: Type.Array(LabTurnaround),
  /** The late tubes, latest first (at most 500). */
  lateTubes: Type.Array(LateTube),
  lateTubesTruncated: Type.Boolean(),
});
export type TurnaroundReport = Static<typeof TurnaroundReport>;

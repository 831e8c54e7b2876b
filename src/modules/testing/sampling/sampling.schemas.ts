import { Type, type Static, type TSchema } from 'typebox';
import { JurisdictionRef } from '../../jurisdictions/jurisdictions.schemas.ts';
import { POOL_SIZES, TUBE_STATUSES } from '../tube-rules.ts';
import { REJECT_CODES } from './reject-codes.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const JurisdictionCode = Type.String({ pattern: '^\\d{6,23}$' });
export const PoolSizeSchema = Type.Union(POOL_SIZES.map((n) => Type.Literal(n)));

// Sampling points ------------------------------------------------------------------------------

export const SamplingPoint = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  address: Nullable(Type.String()),
  hours: Nullable(Type.String()),
  teams: Type.Integer(),
  jurisdiction: JurisdictionRef,
  createdAt: Type.String(),
});
export type SamplingPoint = Static<typeof SamplingPoint>;

export const SamplingPointsQuery = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'name or code prefix' })),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type SamplingPointsQuery = Static<typeof SamplingPointsQuery>;

export const SamplingPointsPage = Type.Object({ items: Type.Array(SamplingPoint), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type SamplingPointsPage = Static<typeof SamplingPointsPage>;

export const NewSamplingPoint = Type.Object(
  {
    code: Type.String({ minLength: 2, maxLength: 32, pattern: '^[A-Za-z0-9-]+$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    jurisdictionCode: Type.Optional(Type.String({ pattern: '^\\d{6,23}$', description: "the point's jurisdiction node; default: your own" })),
    hours: Type.Optional(Type.String({ maxLength: 100, description: 'e.g. 07:00-21:00' })),
    teams: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type NewSamplingPoint = Static<typeof NewSamplingPoint>;

export const SamplingPointChanges = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    jurisdictionCode: Type.Optional(JurisdictionCode),
    hours: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    teams: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { minProperties: 1, additionalProperties: false },
);
export type SamplingPointChanges = Static<typeof SamplingPointChanges>;

// Rounds ---------------------------------------------------------------------------------------

export const ROUND_STATUSES = ['planned', 'open', 'closed'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const NewRound = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    day: Type.String({ format: 'date', description: 'YYYY-MM-DD' }),
    areas: Type.Array(Type.Object({ jurisdictionCode: JurisdictionCode, poolSize: PoolSizeSchema }, { additionalProperties: false }), { minItems: 1, maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type NewRound = Static<typeof NewRound>;

export const RoundArea = Type.Object({ jurisdiction: JurisdictionRef, poolSize: Type.Integer() });

export const Round = Type.Object({
  id: Type.String(),
  name: Type.String(),
  day: Type.String(),
  status: Type.Enum(ROUND_STATUSES),
  areas: Type.Array(RoundArea),
  tubes: Type.Integer({ description: 'tubes opened in this round' }),
  sampled: Type.Integer({ description: 'people sampled in this round' }),
  createdAt: Type.String(),
});
export type Round = Static<typeof Round>;

export const RoundsQuery = Type.Object({
  status: Type.Optional(Type.Enum(ROUND_STATUSES)),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type RoundsQuery = Static<typeof RoundsQuery>;

export const RoundsPage = Type.Object({ items: Type.Array(Round), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type RoundsPage = Static<typeof RoundsPage>;

// Device events --------------------------------------------------------------------------------

export const MAX_EVENT_BATCH = 2000;
export const EVENT_TYPES = ['open_tube', 'add_member', 'close_tube'] as const;

/**
 * One loose shape for the three event kinds: the fields each kind needs are checked per event,
 * so one malformed event does not refuse the device's whole queue.
 */
export const SamplingEvent = Type.Object({
  eventId: Type.String({ minLength: 1, maxLength: 128, description: "the device's own id for this event; resending it changes nothing" }),
  type: Type.Enum(EVENT_TYPES),
  barcode: Type.String({ minLength: 1, maxLength: 64 }),
  poolSize: Type.Optional(Type.Integer({ description: 'open_tube: 1, 5, 10 or 20' })),
  roundId: Type.Optional(Type.String({ maxLength: 64 })),
  samplingPointId: Type.Optional(Type.String({ maxLength: 64 })),
  idNumber: Type.Optional(Type.String({ maxLength: 40 })),
  personId: Type.Optional(Type.String({ maxLength: 64 })),
  token: Type.Optional(Type.String({ maxLength: 4096, description: 'a health-code QR token' })),
  sampledAt: Type.Optional(Type.String({ maxLength: 64, description: 'add_member: ISO 8601 with offset' })),
});
export type SamplingEvent = Static<typeof SamplingEvent>;

export const SamplingEventBatch = Type.Object({ events: Type.Array(SamplingEvent, { minItems: 1, maxItems: MAX_EVENT_BATCH }) });
export type SamplingEventBatch = Static<typeof SamplingEventBatch>;

export { REJECT_CODES, type RejectCode } from './reject-codes.ts';

export const SamplingOutcome = Type.Object({
  eventId: Type.String(),
  status: Type.Enum(['applied', 'duplicate', 'rejected'] as const),
  code: Type.Optional(Type.Enum(REJECT_CODES)),
  reason: Type.Optional(Type.String()),
  tube: Type.Optional(Type.Object({ barcode: Type.String(), status: Type.Enum(TUBE_STATUSES), poolSize: Type.Integer(), members: Type.Integer() })),
});
export type SamplingOutcome = Static<typeof SamplingOutcome>;

export const SamplingEventResult = Type.Object({
  applied: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
  results: Type.Array(SamplingOutcome),
});
export type SamplingEventResult = Static<typeof SamplingEventResult>;

// Tubes and batches ----------------------------------------------------------------------------

export const TubeMember = Type.Object({ personId: Type.String(), nameMasked: Type.String(), idNumberMasked: Type.String(), sampledAt: Type.String() });

export const Tube = Type.Object({
  barcode: Type.String(),
  status: Type.Enum(TUBE_STATUSES),
  poolSize: Type.Integer(),
  roundId: Nullable(Type.String()),
  samplingPoint: Nullable(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() })),
  openedAt: Type.String(),
  closedAt: Nullable(Type.String()),
  transferCode: Nullable(Type.String()),
  lab: Nullable(Type.String()),
  receivedAt: Nullable(Type.String()),
  result: Nullable(Type.String()),
  resultedAt: Nullable(Type.String()),
  members: Type.Array(TubeMember),
});
export type Tube = Static<typeof Tube>;

export const BarcodeParams = Type.Object({ barcode: Type.String({ minLength: 1, maxLength: 64 }) });

export const NewBatch = Type.Object(
  {
    lab: Type.String({ minLength: 1, maxLength: 100 }),
    barcodes: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 2000 }),
  },
  { additionalProperties: false },
);
export type NewBatch = Static<typeof NewBatch>;

export const BatchTube = Type.Object({ barcode: Type.String(), status: Type.Enum(TUBE_STATUSES), poolSize: Type.Integer(), members: Type.Integer() });

export const Batch = Type.Object({
  transferCode: Type.String(),
  lab: Type.String(),
  sentAt: Type.String(),
  receivedAt: Nullable(Type.String()),
  tubes: Type.Array(BatchTube),
});
export type Batch = Static<typeof Batch>;

export const TransferCodeParams = Type.Object({ transferCode: Type.String({ pattern: '^[A-Za-z0-9-]{4,16}$' }) });

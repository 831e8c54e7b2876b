import { Type, type Static, type TSchema } from 'typebox';
import { JurisdictionRef } from '../jurisdictions/jurisdictions.schemas.ts';
import { TEST_WINDOWS } from './pass-check-rule.ts';
import { VENUE_TYPES } from './venue-input.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const ColourSchema = Type.Enum(['green', 'yellow', 'red'] as const);
export const BilingualText = Type.Object({ zh: Type.String(), en: Type.String() });

export const Venue = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  type: Type.Enum(VENUE_TYPES),
  address: Nullable(Type.String()),
  /** What the poster's QR code carries: `yipan:venue:<code>`. */
  qr: Type.String(),
  jurisdiction: JurisdictionRef,
  createdAt: Type.String(),
});
export type Venue = Static<typeof Venue>;

export const VenuesQuery = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'name or code prefix' })),
  type: Type.Optional(Type.Enum(VENUE_TYPES)),
  jurisdictionId: Type.Optional(Type.String({ format: 'uuid' })),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
});
export type VenuesQuery = Static<typeof VenuesQuery>;

export const VenuesPage = Type.Object({ items: Type.Array(Venue), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type VenuesPage = Static<typeof VenuesPage>;

export const NewVenue = Type.Object({
  code: Type.String({ minLength: 4, maxLength: 32, description: 'letters and digits, e.g. V4101020001; printed on the poster, cannot change' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  type: Type.Enum(VENUE_TYPES),
  address: Type.Optional(Type.String({ maxLength: 200 })),
  jurisdictionCode: Type.Optional(Type.String({ pattern: '^\\d{6,23}$', description: "the venue's jurisdiction node; default: your own" })),
});
export type NewVenue = Static<typeof NewVenue>;

export const VenueChanges = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    type: Type.Optional(Type.Enum(VENUE_TYPES)),
    address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    jurisdictionCode: Type.Optional(Type.String({ pattern: '^\\d{6,23}$' })),
  },
  { minProperties: 1, additionalProperties: false },
);
export type VenueChanges = Static<typeof VenueChanges>;

// Scans ---------------------------------------------------------------------------------------

export const MAX_SCAN_BATCH = 5000;

/** Field checks that need no database (time with offset, UUID, either person field) are per event, so one bad event does not refuse a device's whole batch. */
export const ScanEvent = Type.Object({
  eventId: Type.String({ minLength: 1, maxLength: 128, description: "the device's own id for this event; resending it changes nothing" }),
  idNumber: Type.Optional(Type.String({ maxLength: 40 })),
  personId: Type.Optional(Type.String({ maxLength: 64 })),
  venueCode: Type.String({ minLength: 1, maxLength: 64 }),
  scannedAt: Type.String({ minLength: 1, maxLength: 64, description: 'ISO 8601 with offset, e.g. 2026-11-24T09:30:00+08:00' }),
  colourShown: Type.Optional(ColourSchema),
});
export type ScanEvent = Static<typeof ScanEvent>;

export const ScanBatch = Type.Object({ scans: Type.Array(ScanEvent, { minItems: 1, maxItems: MAX_SCAN_BATCH }) });
export type ScanBatch = Static<typeof ScanBatch>;

export const ScanOutcome = Type.Object({
  eventId: Type.String(),
  status: Type.Enum(['recorded', 'duplicate', 'rejected'] as const),
  result: Nullable(Type.Enum(['pass', 'deny'] as const)),
  colour: Nullable(ColourSchema),
  reason: Nullable(BilingualText),
  field: Type.Optional(Type.String()),
});
export type ScanOutcome = Static<typeof ScanOutcome>;

export const ScanBatchResult = Type.Object({
  recorded: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
  results: Type.Array(ScanOutcome),
});
export type ScanBatchResult = Static<typeof ScanBatchResult>;

export const CitizenScanRequest = Type.Object({
  venueCode: Type.String({ minLength: 1, maxLength: 80, description: 'the code, or the QR text yipan:venue:<code>' }),
  personId: Type.String({ format: 'uuid' }),
  eventId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\x21-\\x7e]+$', description: "the app's id for this scan, so a retry is not recorded twice" })),
});
export type CitizenScanRequest = Static<typeof CitizenScanRequest>;

export const CitizenScanResult = Type.Object({
  status: Type.Enum(['recorded', 'duplicate'] as const),
  result: Type.Enum(['pass', 'deny'] as const),
  colour: ColourSchema,
  reason: Nullable(BilingualText),
  scannedAt: Type.String(),
  venue: Type.Object({ code: Type.String(), name: Type.String(), type: Type.String() }),
});
export type CitizenScanResult = Static<typeof CitizenScanResult>;

export const MaskedPerson = Type.Object({ id: Type.String(), nameMasked: Type.String(), idNumberMasked: Type.String() });

export const VenueScan = Type.Object({
  id: Type.String(),
  eventId: Type.String(),
  scannedAt: Type.String(),
  colourShown: ColourSchema,
  result: Type.Enum(['pass', 'deny'] as const),
  reason: Nullable(BilingualText),
  source: Type.String(),
  person: MaskedPerson,
});
export type VenueScan = Static<typeof VenueScan>;

export const VenueScansQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  result: Type.Optional(Type.Enum(['pass', 'deny'] as const)),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type VenueScansQuery = Static<typeof VenueScansQuery>;

export const VenueScansPage = Type.Object({ items: Type.Array(VenueScan), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type VenueScansPage = Static<typeof VenueScansPage>;

// Pass checks ---------------------------------------------------------------------------------

export const PassCheckRequest = Type.Object({
  idNumber: Type.Optional(Type.String({ minLength: 5, maxLength: 20 })),
  personId: Type.Optional(Type.String({ format: 'uuid' })),
  token: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: "the signed health-code token read from the person's QR code" })),
  venueId: Type.Optional(Type.String({ format: 'uuid' })),
  temperature: Type.Number({ minimum: 34, maximum: 43, description: '°C as measured at the gate; 37.3 or more fails' }),
  testWindowHours: Type.Optional(Type.Union(TEST_WINDOWS.map((h) => Type.Literal(h)), { description: 'certificate window; default: by venue type, else 48' })),
});
export type PassCheckRequest = Static<typeof PassCheckRequest>;

export const PassCheckReasonSchema = Type.Object({ check: Type.Enum(['health_code', 'itinerary', 'test', 'temperature'] as const), zh: Type.String(), en: Type.String() });

export const PassCheck = Type.Object({
  id: Type.String(),
  result: Type.Enum(['pass', 'deny'] as const),
  reasons: Type.Array(PassCheckReasonSchema),
  colour: ColourSchema,
  temperature: Type.Number(),
  testWindowHours: Type.Integer(),
  latestNegativeTest: Nullable(Type.Object({ kind: Type.String(), sampledAt: Type.String() })),
  checkedAt: Type.String(),
  person: MaskedPerson,
  venue: Nullable(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), type: Type.String() })),
});
export type PassCheck = Static<typeof PassCheck>;

import { Type, type Static } from 'typebox';
import { ColourSchema, ReasonSchema } from './health-codes.schemas.ts';

const Timestamp = Type.String({ format: 'date-time' });

export const Jwks = Type.Object({
  keys: Type.Array(Type.Object({ kty: Type.String(), crv: Type.String(), x: Type.String(), kid: Type.String(), alg: Type.String(), use: Type.String() })),
});

export const VerifyRequest = Type.Object({ token: Type.String({ minLength: 1, maxLength: 4096, description: 'the text of the scanned QR code' }) });
export const VerifyResult = Type.Object({
  valid: Type.Boolean(),
  colour: Type.Optional(ColourSchema),
  colourAtIssue: Type.Optional(ColourSchema),
  issuedAt: Type.Optional(Timestamp),
  expiresAt: Type.Optional(Timestamp),
  reason: Type.Optional(Type.Enum(['expired', 'tampered', 'unknown_key', 'malformed', 'unknown_person'] as const)),
  person: Type.Optional(Type.Object({ id: Type.String(), name: Type.String(), idNumberMasked: Type.String() })),
});

export const PersonToken = Type.Object({
  colour: ColourSchema,
  reasons: Type.Array(ReasonSchema),
  greenAt: Type.Union([Type.String(), Type.Null()]),
  policyVersion: Type.Integer(),
  token: Type.String(),
  expiresAt: Timestamp,
});

export const CitizenToken = Type.Object({
  token: Type.String(),
  expiresAt: Timestamp,
  colour: ColourSchema,
  reasons: Type.Array(ReasonSchema),
  greenAt: Type.Union([Type.String(), Type.Null()]),
  qrPngDataUrl: Type.String({ description: 'data:image/png;base64,… of the token' }),
  refreshInSeconds: Type.Integer({ description: 'fetch a new token after this long' }),
});

export type VerifyResult = Static<typeof VerifyResult>;
export type CitizenToken = Static<typeof CitizenToken>;

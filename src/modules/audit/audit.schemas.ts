import { Type, type Static } from 'typebox';

export const AuditQuery = Type.Object({
  actor: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'exact, or a prefix ending in *' })),
  entityType: Type.Optional(Type.String({ maxLength: 64 })),
  entityId: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditRow = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorName: Type.String(),
  actorRole: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  details: Type.Any(),
});
export const AuditPage = Type.Object({ items: Type.Array(AuditRow), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

export const AuditVerification = Type.Object({ ok: Type.Boolean(), checked: Type.Integer(), brokenAtId: Type.Optional(Type.Integer()), reason: Type.Optional(Type.String()) });
export type AuditVerification = Static<typeof AuditVerification>;
export type AuditRow = Static<typeof AuditRow>;

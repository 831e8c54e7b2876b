import { Type, type Static } from 'typebox';
import { PERMISSIONS, ROLES } from '../../platform/access.ts';
import { JurisdictionRef } from '../jurisdictions/jurisdictions.schemas.ts';

export const RoleSchema = Type.Enum(ROLES);
export const PermissionSchema = Type.Enum(PERMISSIONS);

export const Account = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  jurisdiction: JurisdictionRef,
  disabled: Type.Boolean(),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
});
export type Account = Static<typeof Account>;

export const Me = Type.Union([
  Type.Object({
    kind: Type.Literal('staff'),
    account: Type.Object({
      id: Type.String(),
      username: Type.String(),
      displayName: Type.String(),
      role: RoleSchema,
      jurisdiction: JurisdictionRef,
      permissions: Type.Array(PermissionSchema),
    }),
    csrfToken: Type.String(),
  }),
  Type.Object({ kind: Type.Literal('citizen'), phoneMasked: Type.String(), csrfToken: Type.String() }),
]);
export type Me = Static<typeof Me>;

export const LoginRequest = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});

export const NewAccount = Type.Object({
  username: Type.String({ pattern: '^[a-z][a-z0-9_.-]{2,31}$' }),
  displayName: Type.String({ minLength: 1, maxLength: 50 }),
  password: Type.String({ minLength: 10, maxLength: 200 }),
  role: RoleSchema,
  jurisdictionCode: Type.String({ pattern: '^\\d{6,23}$' }),
});
export type NewAccount = Static<typeof NewAccount>;

export const AccountsQuery = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  role: Type.Optional(RoleSchema),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type AccountsQuery = Static<typeof AccountsQuery>;

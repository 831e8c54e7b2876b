import { AppError, forbidden } from './errors.ts';

/**
 * Every permission rule in one place. A route declares the one permission it needs; a role
 * grants a fixed set; and what a permission reaches is bounded by the account's jurisdiction.
 */
export const PERMISSIONS = [
  'jurisdictions:read',
  'jurisdictions:write',
  'people:read',
  'people:write',
  'people:reveal',
  'people:import',
  'accounts:read',
  'accounts:write',
  'audit:read',
  'health_facts:write',
  'overrides:propose',
  'overrides:approve',
  'appeals:resolve',
  'policies:manage',
  'health_codes:read',
  'health_codes:verify',
  'health_codes:keys',
  'venues:read',
  'venues:write',
  'scans:write',
  'pass_checks:write',
  'test_results:write',
  'follow_ups:read',
  'follow_ups:write',
  'coverage:read',
  'results:read',
  'results:write',
  'sampling:write',
  'rounds:manage',
  'batches:receive',
  'cases:read',
  'cases:write',
  'investigations:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = [
  'admin',
  'city_commander',
  'district_commander',
  'street_commander',
  'grid_worker',
  'investigator',
  'sampler',
  'lab_technician',
  'quarantine_manager',
  'transfer_dispatcher',
  'hospital_staff',
  'checkpoint_staff',
  'hotline_operator',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

const COMMANDER: Permission[] = [
  'jurisdictions:read',
  'people:read',
  'people:write',
  'people:reveal',
  'people:import',
  'accounts:read',
  'health_facts:write',
  'overrides:propose',
  'overrides:approve',
  'appeals:resolve',
  'health_codes:read',
  'health_codes:verify',
  'venues:read',
  'venues:write',
  'scans:write',
  // Not a commander's daily work, but a commander must be able to grant the checkpoint and grid roles.
  'pass_checks:write',
  'test_results:write',
  'follow_ups:read',
  'follow_ups:write',
  'coverage:read',
  'results:read',
  'sampling:write',
  'rounds:manage',
  'cases:read',
  'cases:write',
  'investigations:manage',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [...PERMISSIONS],
  // Only the city switches the colour policy: one board, one rule set.
  city_commander: [...COMMANDER, 'policies:manage'],
  district_commander: COMMANDER,
  street_commander: COMMANDER,
  grid_worker: ['jurisdictions:read', 'people:read', 'people:write', 'people:import', 'health_codes:read', 'health_codes:verify', 'venues:read', 'scans:write', 'pass_checks:write', 'test_results:write', 'follow_ups:read', 'follow_ups:write', 'coverage:read', 'sampling:write'],
  investigator: ['jurisdictions:read', 'people:read', 'people:reveal', 'health_facts:write', 'health_codes:read', 'venues:read', 'cases:read', 'cases:write'],
  sampler: ['people:read', 'health_codes:verify', 'test_results:write', 'follow_ups:write', 'sampling:write'],
  lab_technician: ['jurisdictions:read', 'results:read', 'results:write', 'batches:receive'],
  quarantine_manager: ['jurisdictions:read', 'people:read', 'people:reveal', 'health_facts:write'],
  transfer_dispatcher: ['jurisdictions:read', 'people:read', 'people:reveal'],
  // Hospitals record severity and outcome on the case.
  hospital_staff: ['people:read', 'people:reveal', 'cases:read', 'cases:write'],
  checkpoint_staff: ['people:read', 'health_codes:read', 'health_codes:verify', 'venues:read', 'scans:write', 'pass_checks:write'],
  hotline_operator: ['jurisdictions:read', 'people:read', 'overrides:propose', 'health_codes:read'],
  // The auditor reads the trail and who holds which account, never the registry itself.
  auditor: ['audit:read', 'accounts:read', 'jurisdictions:read'],
};

export function permissionsOf(role: string): readonly Permission[] {
  return ROLE_PERMISSIONS[role as Role] ?? [];
}

export function hasPermission(role: string, permission: Permission): boolean {
  return permissionsOf(role).includes(permission);
}

/** The caller of a use case: a staff account with its scope, or a signed-in citizen. */
export type Actor =
  | {
      kind: 'staff';
      id: string;
      username: string;
      role: Role;
      jurisdictionId: string;
      /** Materialised path of the account's jurisdiction: the root of everything it may see. */
      scopePath: string;
      ip?: string;
    }
  | { kind: 'citizen'; phone: string; ip?: string }
  | { kind: 'system'; name: string };

export type StaffActor = Extract<Actor, { kind: 'staff' }>;

/** First line of every staff use case: the actor must be staff and hold the permission. */
export function requirePermission(actor: Actor, permission: Permission): StaffActor {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'Staff sign-in required');
  if (!hasPermission(actor.role, permission)) throw forbidden(`Your role (${actor.role}) lacks ${permission}`);
  return actor;
}

/** Whether a record at `path` lies within the actor's jurisdiction. */
export function canReach(actor: StaffActor, path: string): boolean {
  return path.startsWith(actor.scopePath);
}

/** Roles an account may grant: only its own permissions or fewer, never admin unless admin. */
export function canGrantRole(granter: Role, role: Role): boolean {
  if (granter === 'admin') return true;
  if (role === 'admin') return false;
  const mine = new Set(permissionsOf(granter));
  return permissionsOf(role).every((p) => mine.has(p));
}

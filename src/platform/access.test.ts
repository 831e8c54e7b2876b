import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canGrantRole, canReach, hasPermission, PERMISSIONS, requirePermission, ROLE_PERMISSIONS, ROLES, type Role, type StaffActor } from './access.ts';

test('permission resolution by role', () => {
  const cases: Array<[Role, (typeof PERMISSIONS)[number], boolean]> = [
    ['admin', 'accounts:write', true],
    ['city_commander', 'people:reveal', true],
    ['city_commander', 'accounts:write', false],
    ['grid_worker', 'people:import', true],
    ['grid_worker', 'people:reveal', false],
    ['sampler', 'people:read', true],
    ['sampler', 'people:write', false],
    ['auditor', 'audit:read', true],
    ['auditor', 'people:read', false],
    ['investigator', 'audit:read', false],
  ];
  for (const [role, permission, expected] of cases) assert.equal(hasPermission(role, permission), expected, `${role} ${permission}`);
  assert.equal(hasPermission('no_such_role', 'people:read'), false);
  for (const role of ROLES) assert.ok(ROLE_PERMISSIONS[role].every((p) => PERMISSIONS.includes(p)), role);
});

test('requirePermission refuses citizens and roles without the permission', () => {
  const staff = (role: Role): StaffActor => ({ kind: 'staff', id: 'a', username: 'u', role, jurisdictionId: 'j', scopePath: '/410100/' });
  assert.equal(requirePermission(staff('auditor'), 'audit:read').role, 'auditor');
  assert.throws(() => requirePermission(staff('sampler'), 'people:reveal'), /lacks people:reveal/);
  assert.throws(() => requirePermission({ kind: 'citizen', phone: '13800000000' }, 'people:read'), /Staff sign-in/);
});

test('reach is a subtree, never a sibling sharing a prefix', () => {
  const actor: StaffActor = { kind: 'staff', id: 'a', username: 'u', role: 'district_commander', jurisdictionId: 'j', scopePath: '/410100/410102/' };
  const cases: Array<[string, boolean]> = [
    ['/410100/410102/', true],
    ['/410100/410102/410102001/', true],
    ['/410100/410103/', false],
    ['/410100/', false],
    ['/410100/4101021/', false],
  ];
  for (const [path, expected] of cases) assert.equal(canReach(actor, path), expected, path);
});

test('granting roles: never more than one holds, admin only by admin', () => {
  const cases: Array<[Role, Role, boolean]> = [
    ['admin', 'admin', true],
    ['admin', 'auditor', true],
    ['city_commander', 'grid_worker', true],
    ['city_commander', 'admin', false],
    ['city_commander', 'auditor', false],
    ['grid_worker', 'city_commander', false],
  ];
  for (const [granter, role, expected] of cases) assert.equal(canGrantRole(granter, role), expected, `${granter} grants ${role}`);
});

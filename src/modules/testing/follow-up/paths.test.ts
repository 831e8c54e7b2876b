import assert from 'node:assert/strict';
import { test } from 'node:test';
import { communityPathOf, escalationTargetPath } from './paths.ts';

test('the community of a path, none above community level', () => {
  assert.equal(communityPathOf('/410100/410102/410102001/410102001001/410102001001001/'), '/410100/410102/410102001/410102001001/');
  assert.equal(communityPathOf('/410100/410102/410102001/410102001001/'), '/410100/410102/410102001/410102001001/');
  assert.equal(communityPathOf('/410100/410102/410102001/'), null);
});

test('escalation walks up community → street → district → city and stops there', () => {
  const c = '/410100/410102/410102001/410102001001/';
  assert.deepEqual(escalationTargetPath(c, 0), { path: c, level: 'community' });
  assert.deepEqual(escalationTargetPath(c, 1), { path: '/410100/410102/410102001/', level: 'street' });
  assert.deepEqual(escalationTargetPath(c, 2), { path: '/410100/410102/', level: 'district' });
  assert.deepEqual(escalationTargetPath(c, 3), { path: '/410100/', level: 'city' });
  assert.deepEqual(escalationTargetPath(c, 7), { path: '/410100/', level: 'city' });
});

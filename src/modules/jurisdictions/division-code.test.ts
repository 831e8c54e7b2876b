import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDivisionCode, childPath, isWithin, type Level } from './division-code.ts';

test('division codes by level and parent', () => {
  const city = { code: '410100', level: 'city' as Level };
  const cases: Array<[string, Level, { code: string; level: Level } | undefined, string | null]> = [
    ['410100', 'city', undefined, null],
    ['410101', 'city', undefined, 'ends in 00'],
    ['41010', 'city', undefined, '6 digits'],
    ['410100', 'city', city, 'no parent'],
    ['410102', 'district', city, null],
    ['410202', 'district', city, 'start with 4101'],
    ['410100', 'district', city, 'differs from its city'],
    ['410102', 'district', undefined, 'needs a parent'],
    ['410102001', 'street', { code: '410102', level: 'district' }, null],
    ['410103001', 'street', { code: '410102', level: 'district' }, 'start with 410102'],
    ['410102001', 'community', { code: '410102', level: 'district' }, '12 digits'],
    ['410102001001', 'community', { code: '410102001', level: 'street' }, null],
    ['410102001001001', 'compound', { code: '410102001001', level: 'community' }, null],
    ['41010200100100101', 'building', { code: '410102001001001', level: 'compound' }, null],
    ['4101020010010010101', 'unit', { code: '41010200100100101', level: 'building' }, null],
    ['41010200100100101010101', 'household', { code: '4101020010010010101', level: 'unit' }, null],
    ['41010200100100101010101', 'household', { code: '410102001001001', level: 'compound' }, 'cannot be placed under'],
    ['41010200100a', 'community', { code: '410102001', level: 'street' }, 'digits only'],
  ];
  for (const [code, level, parent, problem] of cases) {
    const r = checkDivisionCode(code, level, parent);
    if (problem === null) assert.ok(r.ok, `${code}: ${JSON.stringify(r)}`);
    else {
      assert.ok(!r.ok, code);
      assert.ok(r.reason.includes(problem), `${code}: ${r.reason}`);
    }
  }
});

test('paths nest, and a code that is a prefix of another is not inside it', () => {
  const district = childPath(childPath(undefined, '410100'), '410102');
  assert.equal(district, '/410100/410102/');
  assert.ok(isWithin(childPath(district, '410102001'), district));
  assert.ok(isWithin(district, district));
  assert.ok(!isWithin('/410100/4101021/', district));
  assert.ok(!isWithin('/410100/410103/', district));
});

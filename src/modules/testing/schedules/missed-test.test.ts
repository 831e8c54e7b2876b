import assert from 'node:assert/strict';
import { test } from 'node:test';
import { missedTest } from './missed-test.ts';

const HOUR = 3_600_000;
const created = new Date('2026-11-24T00:00:00Z');
const at = (h: number) => new Date(created.getTime() + h * HOUR);

test('missed when no test of the kind within every_hours, counted from the later of creation and the last test', () => {
  const cases: Array<[string, number, number | null, number, boolean, number]> = [
    // name, everyHours, last test (hours from creation) or null, now (hours), missed, dueAt (hours)
    ['never tested, schedule just created', 24, null, 0, false, 24],
    ['never tested, exactly every_hours after creation: on time', 24, null, 24, false, 24],
    ['never tested, one millisecond late', 24, null, 24 + 1 / HOUR, true, 24],
    ['never tested, 48 h schedule after 30 h', 48, null, 30, false, 48],
    ['never tested, 72 h schedule after 73 h', 72, null, 73, true, 72],
    ['tested before the schedule existed: counted from creation', 24, -20, 10, false, 24],
    ['tested long before the schedule existed: still counted from creation', 24, -100, 23, false, 24],
    ['tested after creation: counted from the test', 24, 10, 30, false, 34],
    ['tested after creation, exactly every_hours later: on time', 24, 10, 34, false, 34],
    ['tested after creation, too long ago', 24, 10, 35, true, 34],
    ['48 h schedule, tested 47 h ago', 48, 60, 107, false, 108],
    ['48 h schedule, tested 49 h ago', 48, 60, 109, true, 108],
    ['a test sampled in the future (clock skew) is not late', 24, 5, 1, false, 29],
  ];
  for (const [name, everyHours, last, now, missed, due] of cases) {
    const r = missedTest({ everyHours, createdAt: created }, last === null ? null : at(last), at(now));
    assert.equal(r.missed, missed, name);
    assert.equal(r.dueAt.getTime(), at(due).getTime(), `${name}: dueAt`);
  }
});

test('a schedule without a positive interval is refused', () => {
  assert.throws(() => missedTest({ everyHours: 0, createdAt: created }, null, created), RangeError);
});

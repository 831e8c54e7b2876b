import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dailyClearance, followUpDeadlines, followUpState, NATIONAL_FOLLOW_UP } from './follow-up-clock.ts';

const T0 = new Date('2022-05-01T02:00:00Z'); // 10:00 in the city (UTC+8)
const h = (n: number) => new Date(T0.getTime() + n * 3_600_000);

test('deadlines: 6 h re-test and 12 h close by default; 12 and 24 nationally', () => {
  assert.deepEqual(followUpDeadlines(T0), { retestDueAt: h(6), closeDueAt: h(12) });
  assert.deepEqual(followUpDeadlines(T0, NATIONAL_FOLLOW_UP), { retestDueAt: h(12), closeDueAt: h(24) });
});

test('state, age and escalation as the clock moves', () => {
  const open = { openedAt: T0, ...followUpDeadlines(T0), closedAt: null, allRetestsTaken: false };
  const cases: Array<[string, Parameters<typeof followUpState>[0], Date, string, number, number]> = [
    ['fresh', open, h(1), 'on_time', 1, 0],
    ['just before the re-test deadline', open, new Date(h(6).getTime() - 1), 'on_time', 6, 0],
    ['re-tests overdue at 6 h', open, h(6), 'retest_overdue', 6, 1],
    ['re-tests all taken at 7 h: still on time for closing', { ...open, allRetestsTaken: true }, h(7), 'on_time', 7, 0],
    ['close overdue at 12 h: escalated one level', open, h(12), 'close_overdue', 12, 1],
    ['still open at 14 h: two levels', open, h(14), 'close_overdue', 14, 2],
    ['still open at 17 h: three levels', open, h(17), 'close_overdue', 17, 3],
    ['closed at 11 h', { ...open, closedAt: h(11) }, h(20), 'closed_on_time', 11, 0],
    ['closed at 13 h', { ...open, closedAt: h(13) }, h(20), 'closed_late', 13, 0],
  ];
  for (const [name, f, now, state, age, level] of cases) {
    const r = followUpState(f, now);
    assert.equal(r.state, state, name);
    assert.equal(Math.round(r.ageHours), age, name);
    assert.equal(r.escalationLevel, level, name);
  }
});

test('daily clearance counts the city day (UTC+8)', () => {
  const f = [
    { openedAt: T0, closedAt: h(8) }, // 10:00 → 18:00 same day
    { openedAt: h(10), closedAt: h(15) }, // 20:00 → 01:00 next day
    { openedAt: h(17), closedAt: null }, // next day 03:00, open
  ];
  assert.deepEqual(dailyClearance(f, '2022-05-01'), { opened: 2, closedSameDay: 1, cleared: false });
  assert.deepEqual(dailyClearance(f.slice(0, 1), '2022-05-01'), { opened: 1, closedSameDay: 1, cleared: true });
  assert.deepEqual(dailyClearance(f, '2022-05-02'), { opened: 1, closedSameDay: 0, cleared: false });
});

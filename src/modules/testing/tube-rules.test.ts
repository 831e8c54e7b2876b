import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canAddMember, tubeStep, turnaround, type TubeEvent, type TubeStatus } from './tube-rules.ts';

test('tube state machine: every status × event', () => {
  const cases: Array<[TubeStatus, TubeEvent, TubeStatus | RegExp]> = [
    ['open', 'add_member', 'open'],
    ['open', 'close', 'closed'],
    ['open', 'send', /close the tube before sending/],
    ['open', 'receive', /not in transit/],
    ['open', 'result', /still open/],
    ['closed', 'add_member', /closed/],
    ['closed', 'close', /not open/],
    ['closed', 'send', 'in_transit'],
    ['closed', 'receive', /not in transit/],
    ['closed', 'result', 'resulted'],
    ['in_transit', 'add_member', /closed/],
    ['in_transit', 'send', /already been sent/],
    ['in_transit', 'receive', 'received'],
    ['in_transit', 'result', 'resulted'],
    ['received', 'receive', /not in transit/],
    ['received', 'result', 'resulted'],
    ['resulted', 'result', /already has a result/],
    ['resulted', 'add_member', /closed/],
  ];
  for (const [status, event, expected] of cases) {
    const step = tubeStep(status, event);
    if (typeof expected === 'string') assert.deepEqual(step, { ok: true, status: expected }, `${status} ${event}`);
    else {
      assert.equal(step.ok, false, `${status} ${event}`);
      if (!step.ok) assert.match(step.reason, expected, `${status} ${event}`);
    }
  }
});

test('pooling limits: full, duplicate in tube, duplicate in round, closed', () => {
  const cases: Array<[Parameters<typeof canAddMember>[0], Parameters<typeof canAddMember>[1], RegExp | null]> = [
    [{ status: 'open', poolSize: 10, members: 0 }, { inThisTube: false, sampledThisRound: false }, null],
    [{ status: 'open', poolSize: 10, members: 9 }, { inThisTube: false, sampledThisRound: false }, null],
    [{ status: 'open', poolSize: 10, members: 10 }, { inThisTube: false, sampledThisRound: false }, /full \(10 of 10\)/],
    [{ status: 'open', poolSize: 1, members: 1 }, { inThisTube: false, sampledThisRound: false }, /full/],
    [{ status: 'open', poolSize: 20, members: 3 }, { inThisTube: true, sampledThisRound: true }, /already in the tube/],
    [{ status: 'open', poolSize: 20, members: 3 }, { inThisTube: false, sampledThisRound: true }, /already been sampled in this round/],
    [{ status: 'closed', poolSize: 10, members: 3 }, { inThisTube: false, sampledThisRound: false }, /closed/],
  ];
  for (const [tube, person, problem] of cases) {
    const r = canAddMember(tube, person);
    if (problem === null) assert.ok(r.ok, JSON.stringify([tube, person]));
    else {
      assert.ok(!r.ok);
      if (!r.ok) assert.match(r.reason, problem);
    }
  }
});

test('turnaround against the 8-hour target', () => {
  const t0 = new Date('2022-05-01T08:00:00Z');
  const cases: Array<[number, number, boolean]> = [
    [7.5, 7.5, true],
    [8, 8, true],
    [8.01, 8.01, false],
    [30, 30, false],
  ];
  for (const [hours, expectedHours, within] of cases) {
    const r = turnaround(t0, new Date(t0.getTime() + hours * 3_600_000));
    assert.equal(r.hours, expectedHours);
    assert.equal(r.withinTarget, within, String(hours));
  }
});

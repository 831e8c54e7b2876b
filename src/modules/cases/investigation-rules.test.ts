import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pickTeam, quantiles, tracingClearance, tracingClocks, type TeamLoad } from './investigation-rules.ts';

const at = (h: number) => new Date(Date.UTC(2026, 10, 24, h));

test('taking orders in rotation', () => {
  const team = (id: string, load: number, capacity: number, last: number | null): TeamLoad => ({ id, load, capacity, lastAssignedAt: last === null ? null : at(last) });
  const rows: Array<[string, TeamLoad[], string | null]> = [
    ['no teams', [], null],
    ['a team that never had an order goes first', [team('a', 0, 5, 1), team('b', 0, 5, null)], 'b'],
    ['the longest waiting', [team('a', 1, 5, 3), team('b', 4, 5, 2)], 'b'],
    ['a full team is skipped while another has room', [team('a', 5, 5, 1), team('b', 3, 5, 4)], 'b'],
    ['all full: the least loaded still takes it', [team('a', 7, 5, 1), team('b', 6, 5, 4)], 'b'],
    ['ties by id', [team('b', 0, 5, null), team('a', 0, 5, null)], 'a'],
  ];
  for (const [name, teams, expected] of rows) assert.equal(pickTeam(teams), expected, name);
});

test('tracing clocks and daily clearance (a case reported late in the day still has to clear by midnight)', () => {
  assert.deepEqual(tracingClocks({ reportedAt: at(0), startedAt: at(1), contactsIdentifiedAt: at(3), contactsControlledAt: null }), { toInvestigation: 1, toContactsIdentified: 3, toContactsControlled: null });
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const rows = [
    { reportedAt: at(1), startedAt: at(2), contactsIdentifiedAt: at(4), contactsControlledAt: at(5) },
    { reportedAt: at(20), startedAt: at(21), contactsIdentifiedAt: at(23), contactsControlledAt: new Date(Date.UTC(2026, 10, 25, 1)) },
    { reportedAt: new Date(Date.UTC(2026, 10, 23, 5)), startedAt: null, contactsIdentifiedAt: null, contactsControlledAt: null },
  ];
  assert.deepEqual(tracingClearance(rows, '2026-11-24', day), { reported: 2, investigated: 2, contactsIdentified: 2, contactsControlled: 1, cleared: false });
  assert.deepEqual(tracingClearance([], '2026-11-24', day), { reported: 0, investigated: 0, contactsIdentified: 0, contactsControlled: 0, cleared: true });
});

test('quantiles', () => {
  assert.deepEqual(quantiles([]), { n: 0, median: null, p90: null });
  assert.deepEqual(quantiles([null, 3, 1, 2]), { n: 3, median: 2, p90: 3 });
  assert.deepEqual(quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), { n: 10, median: 5, p90: 9 });
});

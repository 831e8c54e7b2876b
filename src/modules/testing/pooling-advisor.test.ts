import assert from 'node:assert/strict';
import { test } from 'node:test';
import { advisePooling, testsPerPerson } from './pooling-advisor.ts';

test("expected tests per person follow Dorfman's formula 1/k + 1 - (1-p)^k", () => {
  const cases: Array<[number, number, number]> = [
    [1, 0.01, 1],
    [5, 0, 0.2],
    [10, 0, 0.1],
    [10, 0.01, 0.1 + 1 - Math.pow(0.99, 10)],
    [20, 0.001, 0.05 + 1 - Math.pow(0.999, 20)],
    [5, 1, 1.2],
  ];
  for (const [k, p, expected] of cases) assert.ok(Math.abs(testsPerPerson(k, p) - expected) < 1e-12, `${k} ${p}`);
});

test('the advisor picks the ratio with the fewest expected tests among the allowed ones', () => {
  const cases: Array<[number, number[] | undefined, number]> = [
    [0.0001, undefined, 20],
    [0.001, undefined, 20],
    [0.005, undefined, 20],
    [0.01, undefined, 10],
    [0.03, undefined, 5],
    [0.1, undefined, 5],
    [0.3, undefined, 1],
    [0.5, undefined, 1],
    [0.0001, [1, 5, 10], 10],
    [0, undefined, 20],
  ];
  for (const [p, allowed, ratio] of cases) {
    const advice = advisePooling(p, allowed);
    assert.equal(advice.ratio, ratio, `p=${p}`);
    // Brute force over the table: nothing allowed beats the advice.
    for (const row of advice.table) assert.ok(advice.testsPerPerson <= row.testsPerPerson + 1e-12);
  }
});

test('round planning: tubes, expected re-tests and total for a population', () => {
  const a = advisePooling(0.001, [1, 5, 10, 20], 10_000_000);
  assert.equal(a.ratio, 20);
  assert.equal(a.round?.poolTubes, 500_000);
  assert.equal(a.round?.expectedRetests, Math.round(10_000_000 * (1 - Math.pow(0.999, 20))));
  assert.equal(a.round?.expectedTests, 500_000 + a.round!.expectedRetests);
  assert.throws(() => advisePooling(1.5), /between 0 and 1/);
  assert.throws(() => advisePooling(0.1, [0]), /at least 1/);
});

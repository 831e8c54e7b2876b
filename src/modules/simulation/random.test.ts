import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apportion, hashString, Random, WeightedTable } from './random.ts';

const draws = (rng: Random, n: number) => Array.from({ length: n }, () => rng.uint32());

test('the same seed and key give the same sequence; another seed or key another', () => {
  assert.deepEqual(draws(new Random(42), 100), draws(new Random(42), 100));
  assert.deepEqual(draws(new Random(42, 'people'), 100), draws(new Random(42, 'people'), 100));
  assert.notDeepEqual(draws(new Random(42), 100), draws(new Random(43), 100));
  assert.notDeepEqual(draws(new Random(42, 'a'), 100), draws(new Random(42, 'b'), 100));
  assert.notDeepEqual(draws(new Random(1), 10), draws(new Random(2 ** 32 + 1), 10));
});

test('a pinned sequence, so a change to the generator (and so to every demo city) cannot go unnoticed', () => {
  assert.deepEqual(draws(new Random(1), 3), [3898859600, 3286075487, 900545885]);
  assert.equal(hashString('410100'), 424629277);
  assert.equal(new Random(1, 'people').int(0, 1000), 465);
});

test('helpers stay within their ranges and cover them', () => {
  const rng = new Random(7);
  const seen = new Set<number>();
  for (let i = 0; i < 10_000; i++) {
    const x = rng.int(3, 6);
    assert.ok(x >= 3 && x <= 6);
    seen.add(x);
    const f = rng.next();
    assert.ok(f >= 0 && f < 1);
    const t = rng.triangular(65, 95, 72);
    assert.ok(Number.isInteger(t) && t >= 65 && t <= 95, `triangular gave ${t}`);
  }
  assert.deepEqual([...seen].sort(), [3, 4, 5, 6]);
  assert.throws(() => rng.int(5, 4), RangeError);
  assert.throws(() => rng.pick([]), RangeError);
});

test('chance and weighted picks follow their probabilities', () => {
  const rng = new Random(11);
  const n = 100_000;
  let hits = 0;
  for (let i = 0; i < n; i++) if (rng.chance(0.15)) hits++;
  assert.ok(Math.abs(hits / n - 0.15) < 0.01, `chance(0.15) hit ${hits / n}`);

  const table = new WeightedTable([
    ['a', 1],
    ['b', 3],
    ['c', 0],
    ['d', 6],
  ] as const);
  const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
  for (let i = 0; i < n; i++) counts[table.pick(rng)]++;
  assert.equal(counts.c, 0);
  for (const [k, share] of [['a', 0.1], ['b', 0.3], ['d', 0.6]] as const) {
    assert.ok(Math.abs(counts[k] / n - share) < 0.01, `${k}: ${counts[k] / n}`);
  }
  const w: Record<string, number> = { x: 0, y: 0 };
  for (let i = 0; i < n; i++) w[rng.weighted(['x', 'y'], [1, 4])]++;
  assert.ok(Math.abs(w.y / n - 0.8) < 0.01);
});

test('apportion splits a total exactly and proportionally', () => {
  const cases: Array<[number, number[], number[]]> = [
    [10, [1, 1], [5, 5]],
    [10, [1, 1, 1], [4, 3, 3]],
    [7, [1, 2, 4], [1, 2, 4]],
    [0, [3, 1], [0, 0]],
    [1, [1, 1, 1, 1], [1, 0, 0, 0]],
    [100, [0.5, 0.25, 0.25], [50, 25, 25]],
  ];
  for (const [total, weights, expected] of cases) {
    assert.deepEqual(apportion(total, weights), expected, `apportion(${total}, ${weights})`);
  }
  const rng = new Random(3);
  for (let i = 0; i < 200; i++) {
    const weights = Array.from({ length: rng.int(1, 30) }, () => rng.float(0.1, 5));
    const total = rng.int(0, 1_000_000);
    const parts = apportion(total, weights);
    assert.equal(parts.reduce((s, p) => s + p, 0), total);
    assert.ok(parts.every((p) => Number.isInteger(p) && p >= 0));
  }
});

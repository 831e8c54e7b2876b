import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decidePassCheck,
  type ItineraryFact,
  itineraryActive,
  parseWindowPolicy,
  type PassCheckInput,
  temperatureProblem,
  testWindowFor,
} from './pass-check-rule.ts';

const NOW = new Date('2026-11-24T12:00:00+08:00');
const H = 3_600_000;
const M = 60_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

const green: PassCheckInput['code'] = { colour: 'green', reasons: [] };
const base: PassCheckInput = {
  now: NOW,
  code: green,
  itinerary: [],
  itineraryDays: 14,
  latestNegative: { kind: 'nat', sampledAt: ago(10 * H) },
  windowHours: 48,
  temperature: 36.5,
};
const arrival = (from: Date, until: Date | null = null, endedAt: Date | null = null): ItineraryFact => ({ id: 'f1', validFrom: from, validUntil: until, endedAt });

test('pass check: each failed item is a reason, in order; all good passes', () => {
  const cases: Array<[string, Partial<PassCheckInput>, 'pass' | 'deny', string[]]> = [
    ['all good', {}, 'pass', []],
    ['red code', { code: { colour: 'red', reasons: [{ zh: '核酸检测结果阳性', en: 'Positive test result' }] } }, 'deny', ['health_code']],
    ['yellow code', { code: { colour: 'yellow', reasons: [{ zh: '次密切接触者', en: 'Secondary contact' }] } }, 'deny', ['health_code']],
    ['arrival from a risk area 3 days ago', { itinerary: [arrival(ago(72 * H))] }, 'deny', ['itinerary']],
    ['arrival 15 days ago (14-day rule): lapsed', { itinerary: [arrival(ago(15 * 24 * H))] }, 'pass', []],
    ['arrival with its own end, passed', { itinerary: [arrival(ago(72 * H), ago(H))] }, 'pass', []],
    ['arrival ended early', { itinerary: [arrival(ago(72 * H), null, ago(H))] }, 'pass', []],
    ['arrival in the future does not count yet', { itinerary: [arrival(new Date(NOW.getTime() + H))] }, 'pass', []],
    ['no negative test', { latestNegative: null }, 'deny', ['test']],
    ['negative 47h59m ago, 48h window', { latestNegative: { kind: 'nat', sampledAt: ago(47 * H + 59 * M) } }, 'pass', []],
    ['negative exactly 48h ago, 48h window', { latestNegative: { kind: 'nat', sampledAt: ago(48 * H) } }, 'pass', []],
    ['negative 48h01m ago, 48h window', { latestNegative: { kind: 'nat', sampledAt: ago(48 * H + M) } }, 'deny', ['test']],
    ['negative 25h ago, 24h window', { latestNegative: { kind: 'nat', sampledAt: ago(25 * H) }, windowHours: 24 }, 'deny', ['test']],
    ['negative 71h ago, 72h window', { latestNegative: { kind: 'nat', sampledAt: ago(71 * H) }, windowHours: 72 }, 'pass', []],
    ['negative sampled in the future does not count', { latestNegative: { kind: 'nat', sampledAt: new Date(NOW.getTime() + M) } }, 'deny', ['test']],
    ['temperature 37.2', { temperature: 37.2 }, 'pass', []],
    ['temperature 37.3', { temperature: 37.3 }, 'deny', ['temperature']],
    ['temperature 37.25 reads as 37.3', { temperature: 37.25 }, 'deny', ['temperature']],
    ['temperature 37.24 reads as 37.2', { temperature: 37.24 }, 'pass', []],
    ['temperature 39.0', { temperature: 39 }, 'deny', ['temperature']],
    [
      'everything wrong: every reason',
      { code: { colour: 'red', reasons: [{ zh: '确诊病例', en: 'Confirmed case' }] }, itinerary: [arrival(ago(H))], latestNegative: null, temperature: 38.1 },
      'deny',
      ['health_code', 'itinerary', 'test', 'temperature'],
    ],
  ];
  for (const [name, change, result, checks] of cases) {
    const out = decidePassCheck({ ...base, ...change });
    assert.equal(out.result, result, name);
    assert.deepEqual(out.reasons.map((r) => r.check), checks, name);
    for (const r of out.reasons) assert.ok(r.zh && r.en, `${name}: both languages`);
  }
});

test('pass check reasons say why, in both languages', () => {
  const out = decidePassCheck({ ...base, code: { colour: 'red', reasons: [{ zh: '核酸检测结果阳性', en: 'Positive test result' }] }, latestNegative: { kind: 'nat', sampledAt: ago(50 * H) }, temperature: 37.5 });
  const [code, t, temp] = out.reasons;
  assert.match(code.zh, /红码：核酸检测结果阳性/);
  assert.match(code.en, /Red code: Positive test result/);
  assert.match(t.zh, /无48小时内核酸阴性证明/);
  assert.match(t.en, /50 hours ago/);
  assert.match(temp.zh, /37\.5℃/);
  assert.equal(out.temperature, 37.5);
  assert.equal(out.fever, true);
});

test('itinerary: an arrival counts from its start for the policy days unless it has its own end', () => {
  const cases: Array<[ItineraryFact, number, boolean]> = [
    [arrival(ago(6 * 24 * H)), 7, true],
    [arrival(ago(7 * 24 * H)), 7, false],
    [arrival(ago(7 * 24 * H - M)), 7, true],
    [arrival(ago(20 * 24 * H), new Date(NOW.getTime() + H)), 7, true],
    [arrival(ago(H), null, NOW), 7, false],
  ];
  for (const [f, days, expected] of cases) assert.equal(itineraryActive(f, NOW, days), expected, JSON.stringify(f));
});

test('test window: asked for at the gate, else by venue type, else the default', () => {
  const policy = parseWindowPolicy('default=72,mall=24');
  const cases: Array<[number | undefined, string | undefined, number]> = [
    [24, 'mall', 24],
    [72, 'compound_gate', 72],
    [undefined, 'compound_gate', 24],
    [undefined, 'checkpoint', 24],
    [undefined, 'mall', 24],
    [undefined, 'hospital', 72],
    [undefined, undefined, 72],
    [36, undefined, 72],
  ];
  for (const [asked, type, expected] of cases) assert.equal(testWindowFor(asked, type, policy), expected, `${asked} ${type}`);
  assert.equal(testWindowFor(undefined, 'hospital'), 48);
  assert.equal(testWindowFor(undefined, 'compound_gate'), 24);
  assert.throws(() => parseWindowPolicy('mall=36'), /one of 24, 48, 72/);
  assert.throws(() => parseWindowPolicy('casino=24'), /unknown venue type/);
});

test('temperature outside 34–43 °C is not a reading', () => {
  const cases: Array<[number, boolean]> = [
    [33.9, true],
    [34, false],
    [36.6, false],
    [43, false],
    [43.1, true],
    [Number.NaN, true],
  ];
  for (const [t, bad] of cases) assert.equal(temperatureProblem(t) !== null, bad, String(t));
});

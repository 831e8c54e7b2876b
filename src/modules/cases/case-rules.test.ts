import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cityDate, startOfCityDay } from '../../platform/city-day.ts';
import { canChangeOutcome, canReclassify, caseFactKind, exposureWindow, severityAllowed, type Classification, type Outcome } from './case-rules.ts';

const t = (s: string) => new Date(s);

test('exposure window: 2 calendar days (UTC+8) before the earlier of onset and sampling, to isolation or now', () => {
  const now = t('2026-11-24T12:00:00+08:00');
  const rows: Array<[string, { onsetDate: string | null; sampledAt: string | null; isolatedAt: string | null }, string, string, string]> = [
    ['sampling only, any hour of the day', { onsetDate: null, sampledAt: '2026-11-20T23:59:00+08:00', isolatedAt: null }, '2026-11-18T00:00:00+08:00', '2026-11-24T12:00:00+08:00', 'sampling'],
    ['sampling just after city midnight (still UTC the day before)', { onsetDate: null, sampledAt: '2026-11-20T00:10:00+08:00', isolatedAt: null }, '2026-11-18T00:00:00+08:00', '2026-11-24T12:00:00+08:00', 'sampling'],
    ['onset before sampling: onset counts', { onsetDate: '2026-11-19', sampledAt: '2026-11-20T09:00:00+08:00', isolatedAt: null }, '2026-11-17T00:00:00+08:00', '2026-11-24T12:00:00+08:00', 'onset'],
    ['onset after sampling: sampling counts', { onsetDate: '2026-11-21', sampledAt: '2026-11-20T09:00:00+08:00', isolatedAt: null }, '2026-11-18T00:00:00+08:00', '2026-11-24T12:00:00+08:00', 'sampling'],
    ['isolated: the window ends there', { onsetDate: null, sampledAt: '2026-11-20T09:00:00+08:00', isolatedAt: '2026-11-21T08:00:00+08:00' }, '2026-11-18T00:00:00+08:00', '2026-11-21T08:00:00+08:00', 'sampling'],
    ['neither: the report day counts', { onsetDate: null, sampledAt: null, isolatedAt: null }, '2026-11-20T00:00:00+08:00', '2026-11-24T12:00:00+08:00', 'report'],
  ];
  for (const [name, c, from, until, anchor] of rows) {
    const w = exposureWindow({ onsetDate: c.onsetDate, sampledAt: c.sampledAt ? t(c.sampledAt) : null, reportedAt: t('2026-11-22T10:00:00+08:00'), isolatedAt: c.isolatedAt ? t(c.isolatedAt) : null }, now);
    assert.equal(w.from.toISOString(), t(from).toISOString(), name);
    assert.equal(w.until.toISOString(), t(until).toISOString(), name);
    assert.equal(w.anchor, anchor, name);
  }
});

test('city days are UTC+8', () => {
  assert.equal(cityDate(t('2026-11-20T16:00:00Z')), '2026-11-21');
  assert.equal(cityDate(t('2026-11-20T15:59:59Z')), '2026-11-20');
  assert.equal(startOfCityDay('2026-11-21').toISOString(), '2026-11-20T16:00:00.000Z');
});

test('classification, severity and outcome rules', () => {
  const facts: Array<[Classification, string | null]> = [['confirmed', 'confirmed_case'], ['asymptomatic', 'asymptomatic_case'], ['suspected', null]];
  for (const [c, kind] of facts) assert.equal(caseFactKind(c), kind, c);
  const re: Array<[Classification, Classification, boolean]> = [
    ['suspected', 'confirmed', true],
    ['suspected', 'asymptomatic', true],
    ['asymptomatic', 'confirmed', true],
    ['confirmed', 'asymptomatic', true],
    ['confirmed', 'suspected', false],
    ['confirmed', 'confirmed', false],
  ];
  for (const [a, b, ok] of re) assert.equal(canReclassify(a, b), ok, `${a}→${b}`);
  assert.equal(severityAllowed('confirmed'), true);
  assert.equal(severityAllowed('asymptomatic'), false);
  const out: Array<[Outcome, Outcome, boolean]> = [
    ['under_treatment', 'recovered', true],
    ['under_treatment', 'died', true],
    ['recovered', 'died', false],
    ['recovered', 'under_treatment', true],
    ['excluded', 'excluded', false],
  ];
  for (const [a, b, ok] of out) assert.equal(canChangeOutcome(a, b), ok, `${a}→${b}`);
});

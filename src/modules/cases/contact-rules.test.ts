import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEEDS_PRESET, NATIONAL_9_PRESET } from '../health-codes/policy-presets.ts';
import { canDeriveSecondary, coLocationsBruteForce, mergeCandidates, planMeasure, type Candidate } from './contact-rules.ts';

const iso = (m: number) => new Date(Date.UTC(2026, 10, 20, 10, m)).toISOString();

test('merging candidates: one row per person, close wins, evidence once, the index case and excluded people left out', () => {
  const found: Candidate[] = [
    { personId: 'h', degree: 'close', evidence: [{ source: 'household', at: iso(50) }] },
    { personId: 'v', degree: 'close', evidence: [{ source: 'co_location', at: iso(10), venueId: 'm', caseScanAt: iso(0), contactScanAt: iso(10) }] },
    { personId: 'v', degree: 'close', evidence: [{ source: 'co_location', at: iso(10), venueId: 'm', caseScanAt: iso(0), contactScanAt: iso(10) }] },
    { personId: 'v', degree: 'close', evidence: [{ source: 'manual', at: iso(30), note: 'meal' }] },
    { personId: 's', degree: 'secondary', viaContactId: 'k1', evidence: [{ source: 'household', at: iso(5) }] },
    { personId: 's', degree: 'close', evidence: [{ source: 'co_location', at: iso(20), venueId: 'm', caseScanAt: iso(0), contactScanAt: iso(20) }] },
    { personId: 't', degree: 'close', evidence: [{ source: 'co_location', at: iso(1), venueId: 'm', caseScanAt: iso(0), contactScanAt: iso(1) }] },
    { personId: 't', degree: 'secondary', viaContactId: 'k2', evidence: [{ source: 'household', at: iso(40) }] },
    { personId: 'case', degree: 'close', evidence: [{ source: 'household', at: iso(50) }] },
    { personId: 'old', degree: 'close', evidence: [{ source: 'household', at: iso(50) }] },
  ];
  const merged = mergeCandidates(found, ['case', 'old']);
  const by = Object.fromEntries(merged.map((m) => [m.personId, m]));
  assert.deepEqual(Object.keys(by).sort(), ['h', 's', 't', 'v']);
  assert.equal(by.v.evidence.length, 2, 'the same scan pair once');
  assert.deepEqual(by.v.sources, ['co_location', 'manual']);
  assert.equal(by.v.lastExposureAt.toISOString(), iso(30));
  assert.equal(by.v.firstExposureAt.toISOString(), iso(10));
  assert.equal(by.s.degree, 'close', 'a close finding replaces a secondary one');
  assert.deepEqual(by.s.sources, ['co_location']);
  assert.equal(by.s.viaContactId, undefined);
  assert.equal(by.t.degree, 'close', 'a secondary finding never demotes a close one');
  assert.equal(by.t.evidence.length, 1);
  assert.equal(merged.at(-1)!.degree, 'close');
  assert.equal(canDeriveSecondary('close'), true);
  assert.equal(canDeriveSecondary('secondary'), false, 'no third degree');
});

test('control measures follow the active policy', () => {
  const last = new Date('2026-11-20T10:00:00Z');
  const rows: Array<[string, 'close' | 'secondary', typeof SEEDS_PRESET.rules, string, number, number[]]> = [
    ['seeds close', 'close', SEEDS_PRESET.rules, 'centralized_quarantine', 14, [1, 2, 3, 5, 7, 10, 13, 14]],
    ['seeds secondary (yellow)', 'secondary', SEEDS_PRESET.rules, 'home_health_monitoring', 14, [1, 4, 7, 10, 13, 14]],
    ['national 9th close', 'close', NATIONAL_9_PRESET.rules, 'centralized_quarantine', 7, [1, 2, 3, 5, 7]],
    ['national 9th secondary (red: home quarantine, tests 1, 4, 7)', 'secondary', NATIONAL_9_PRESET.rules, 'home_quarantine', 7, [1, 4, 7]],
  ];
  for (const [name, degree, rules, measure, days, testDays] of rows) {
    const plan = planMeasure(degree, rules, last);
    assert.equal(plan.measure, measure, name);
    assert.equal(plan.days, days, name);
    assert.deepEqual(plan.testDays, testDays, name);
    assert.equal(plan.until.getTime() - plan.from.getTime(), days * 86_400_000, name);
    assert.equal(plan.factKind, degree === 'close' ? 'close_contact' : 'secondary_contact');
  }
});

test('co-location reference: ± window edges included, other venues and the owner excluded', () => {
  const v = new Date('2026-11-20T10:00:00Z');
  const at = (s: number) => new Date(v.getTime() + s * 1000);
  const scans = [
    { personId: 'a', venueId: 'm', scannedAt: at(-1800) },
    { personId: 'b', venueId: 'm', scannedAt: at(1800) },
    { personId: 'c', venueId: 'm', scannedAt: at(1801) },
    { personId: 'd', venueId: 'm', scannedAt: at(-1801) },
    { personId: 'e', venueId: 'x', scannedAt: at(0) },
    { personId: 'case', venueId: 'm', scannedAt: at(0) },
  ];
  const rows = coLocationsBruteForce(scans, [{ venueId: 'm', from: v, until: v }], 30, 'case');
  assert.deepEqual(rows.map((r) => r.personId), ['a', 'b']);
  const stay = coLocationsBruteForce(scans, [{ venueId: 'm', from: v, until: at(60) }], 30, 'case');
  assert.deepEqual(stay.map((r) => r.personId), ['a', 'b', 'c'], 'a visit with a duration widens its end');
});

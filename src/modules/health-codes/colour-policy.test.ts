import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deriveColour, type FactInput, type OverrideInput } from './colour-policy.ts';
import { NATIONAL_9_PRESET, SEEDS_PRESET } from './policy-presets.ts';

const seeds = { version: 1, ...SEEDS_PRESET };
const national = { version: 2, ...NATIONAL_9_PRESET };
const T0 = new Date('2022-05-01T08:00:00Z');
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);
const fact = (kind: string, from = T0, extra: Partial<FactInput> = {}): FactInput => ({ id: `f-${kind}`, kind, validFrom: from, validUntil: null, endedAt: null, ...extra });

test('each fact kind gives its colour under the seeds preset, with a reason in both languages', () => {
  const cases: Array<[string, 'red' | 'yellow']> = [
    ['positive_result', 'red'],
    ['confirmed_case', 'red'],
    ['asymptomatic_case', 'red'],
    ['close_contact', 'red'],
    ['centralized_quarantine', 'red'],
    ['home_quarantine', 'red'],
    ['secondary_contact', 'yellow'],
    ['home_health_monitoring', 'yellow'],
    ['pending_retest', 'yellow'],
    ['sealed_area_residence', 'yellow'],
    ['controlled_area_residence', 'yellow'],
    ['risk_area_arrival', 'yellow'],
    ['missed_required_test', 'yellow'],
  ];
  for (const [kind, colour] of cases) {
    const d = deriveColour(seeds, [fact(kind)], [], days(1));
    assert.equal(d.colour, colour, kind);
    assert.equal(d.reasons.length, 1, kind);
    assert.equal(d.reasons[0].ref, `f-${kind}`);
    assert.ok(d.reasons[0].zh && d.reasons[0].en, kind);
  }
});

test('time: durations, second phases, early ends, future facts, green dates', () => {
  type Case = { name: string; policy: typeof seeds; facts: FactInput[]; at: Date; colour: string; greenAt: Date | null; next?: Date | null };
  const cases: Case[] = [
    { name: 'nothing recorded', policy: seeds, facts: [], at: T0, colour: 'green', greenAt: null, next: null },
    { name: 'close contact day 0 (seeds: 14 days)', policy: seeds, facts: [fact('close_contact')], at: T0, colour: 'red', greenAt: days(14), next: days(14) },
    { name: 'close contact one ms before 14 days', policy: seeds, facts: [fact('close_contact')], at: new Date(days(14).getTime() - 1), colour: 'red', greenAt: days(14) },
    { name: 'close contact at 14 days', policy: seeds, facts: [fact('close_contact')], at: days(14), colour: 'green', greenAt: null },
    { name: 'national: close contact day 6 red, green after 7 + 3', policy: national, facts: [fact('close_contact')], at: days(6), colour: 'red', greenAt: days(10), next: days(7) },
    { name: 'national: close contact day 8 yellow (home monitoring)', policy: national, facts: [fact('close_contact')], at: days(8), colour: 'yellow', greenAt: days(10) },
    { name: 'national: close contact day 10 green', policy: national, facts: [fact('close_contact')], at: days(10), colour: 'green', greenAt: null },
    { name: 'seeds home quarantine then monitoring: day 20 yellow', policy: seeds, facts: [fact('home_quarantine')], at: days(20), colour: 'yellow', greenAt: days(28) },
    { name: 'ended early: pending re-test ended by a negative', policy: seeds, facts: [fact('pending_retest', T0, { endedAt: days(0.25) })], at: days(0.5), colour: 'green', greenAt: null },
    { name: 'open-ended: no green date', policy: seeds, facts: [fact('positive_result')], at: days(3), colour: 'red', greenAt: null },
    { name: 'explicit validUntil wins over the rule', policy: seeds, facts: [fact('risk_area_arrival', T0, { validUntil: days(3) })], at: days(2), colour: 'yellow', greenAt: days(3) },
    { name: 'a fact starting later is not yet in force', policy: seeds, facts: [fact('close_contact', days(2))], at: days(1), colour: 'green', greenAt: null, next: days(2) },
    { name: 'worst colour wins; green date is when all end', policy: seeds, facts: [fact('secondary_contact', T0), { ...fact('close_contact', days(5)), id: 'f2' }], at: days(6), colour: 'red', greenAt: days(19) },
    { name: 'chained phases: yellow running on after red', policy: seeds, facts: [fact('risk_area_arrival', T0), { ...fact('close_contact', days(1)), id: 'f2' }], at: days(2), colour: 'red', greenAt: days(15) },
    { name: 'unknown kind counts for nothing', policy: seeds, facts: [fact('bank_depositor')], at: T0, colour: 'green', greenAt: null },
  ];
  for (const c of cases) {
    const d = deriveColour(c.policy, c.facts, [], c.at);
    assert.equal(d.colour, c.colour, c.name);
    assert.equal(d.greenAt?.toISOString() ?? null, c.greenAt?.toISOString() ?? null, `${c.name}: greenAt`);
    if (c.next !== undefined) assert.equal(d.nextChangeAt?.toISOString() ?? null, c.next?.toISOString() ?? null, `${c.name}: next`);
    if (d.colour === 'green') assert.equal(d.reasons.length, 0, c.name);
    else assert.ok(d.reasons.length > 0, `${c.name}: a colour always carries its reason`);
  }
});

test('an approved override decides the colour while in force, and says so', () => {
  const override = (colour: 'green' | 'yellow' | 'red', until: Date | null): OverrideInput => ({ id: 'o1', colour, reason: 'wrong test result entered', decidedAt: T0, validUntil: until });
  const cases: Array<[string, FactInput[], OverrideInput[], Date, string, string]> = [
    ['green override over a wrong positive', [fact('positive_result')], [override('green', null)], days(1), 'green', 'manual_override'],
    ['red override with no fact', [], [override('red', days(2))], days(1), 'red', 'manual_override'],
    ['override lapsed: facts decide again', [fact('positive_result')], [override('green', days(2))], days(3), 'red', 'positive_result'],
  ];
  for (const [name, facts, overrides, at, colour, firstKind] of cases) {
    const d = deriveColour(seeds, facts, overrides, at);
    assert.equal(d.colour, colour, name);
    assert.equal(d.reasons[0]?.kind, firstKind, name);
  }
  const withEnd = deriveColour(seeds, [], [override('red', days(2))], days(1));
  assert.equal(withEnd.greenAt?.toISOString(), days(2).toISOString());
  assert.equal(withEnd.nextChangeAt?.toISOString(), days(2).toISOString());
});

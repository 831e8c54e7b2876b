import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { checkResidentId } from '../people/id-number.ts';
import { checkPhone, PERSON_GROUPS, type PersonGroup } from '../people/phone.ts';
import { CODE_LENGTH, LEVELS, checkDivisionCode, childPath } from '../jurisdictions/division-code.ts';
import { ROLES } from '../../platform/access.ts';
import { ageOn, generateCity, type HouseholdSeed, type JurisdictionSeed, type PersonSeed } from './generate-city.ts';

const AS_OF = '2022-05-01';
// One mid-sized city shared by the read-only checks below.
const city = generateCity({ seed: 7, population: 20_000, asOf: AS_OF });
const nodes = [...city.jurisdictions];
const people = [...city.people];
const byCode = new Map(nodes.map((n) => [n.code, n]));

test('the same seed and population give the same city; another seed another', () => {
  const again = generateCity({ seed: 7, population: 20_000, asOf: AS_OF });
  assert.deepEqual([...again.jurisdictions], nodes);
  assert.deepEqual([...again.people], people);
  assert.deepEqual(again.grids, city.grids);
  assert.deepEqual(again.accounts, city.accounts);
  // Walking an iterable twice gives the same sequence.
  assert.deepEqual([...city.people].slice(0, 500), people.slice(0, 500));

  const other = generateCity({ seed: 8, population: 20_000, asOf: AS_OF });
  assert.notDeepEqual([...other.people].slice(0, 50), people.slice(0, 50));
});

test('the population is exactly the one requested, at any size', () => {
  for (const population of [1, 2, 5, 37, 1_000, 3_000, 12_345]) {
    const small = generateCity({ seed: 3, population, asOf: AS_OF });
    let n = 0;
    for (const _ of small.people) n++;
    assert.equal(n, population, `population ${population}`);
    assert.equal(small.counts().people, population);
  }
  assert.throws(() => generateCity({ population: 0 }), RangeError);
  assert.throws(() => generateCity({ population: 1.5 }), RangeError);
  assert.throws(() => generateCity({ asOf: '2022-02-30' }), RangeError);
});

test('the tree: one city, six districts, codes of the right length extending their parent', () => {
  assert.equal(nodes[0].code, '410100');
  assert.equal(nodes[0].name, '示范市');
  assert.equal(nodes[0].path, '/410100/');
  const districts = nodes.filter((n) => n.level === 'district');
  assert.deepEqual(
    districts.map((d) => d.name),
    ['中原区', '二七区', '管城区', '金水区', '惠济区', '高新区'],
  );
  const seen = new Set<string>();
  for (const node of nodes) {
    assert.ok(!seen.has(node.code), `duplicate code ${node.code}`);
    seen.add(node.code);
    assert.equal(node.code.length, CODE_LENGTH[node.level], `${node.level} ${node.code}`);
    assert.equal(node.depth, LEVELS.indexOf(node.level));
    if (node.parentCode === null) {
      assert.equal(node.level, 'city');
      continue;
    }
    // Parents come before their children.
    const parent = byCode.get(node.parentCode);
    assert.ok(parent && seen.has(parent.code), `parent of ${node.code} not seen before it`);
    assert.deepEqual(checkDivisionCode(node.code, node.level, parent), { ok: true }, `${node.level} ${node.code}`);
    assert.equal(node.path, childPath(parent.path, node.code));
  }
  for (const d of districts) {
    const streets = nodes.filter((n) => n.parentCode === d.code);
    assert.ok(streets.length >= 1 && streets.length <= 6, `${d.name} has ${streets.length} streets`);
    assert.ok(streets.every((s) => s.name.endsWith('街道')));
  }
});

test('names and numbering look like a Chinese city', () => {
  const expectations: Array<[JurisdictionSeed['level'], RegExp]> = [
    ['street', /街道$/],
    ['community', /社区$/],
    ['building', /^\d+号楼$/],
    ['unit', /^\d+单元$/],
    ['household', /^\d{3,4}室$/],
  ];
  for (const [level, pattern] of expectations) {
    for (const n of nodes.filter((x) => x.level === level)) assert.match(n.name, pattern, `${level} ${n.code}`);
  }
  for (const h of nodes.filter((x): x is HouseholdSeed => x.level === 'household')) {
    // Room 1203 is floor 12, flat 03, and so is the household code's tail.
    const room = h.name.replace('室', '');
    assert.equal(h.code.slice(-4), room.padStart(4, '0'));
  }
});

test('households hold 1–5 people, units about 12–24 households; sizes match the people', () => {
  const households = [...city.households];
  const perHousehold = new Map<string, number>();
  for (const p of people) perHousehold.set(p.householdCode, (perHousehold.get(p.householdCode) ?? 0) + 1);
  assert.equal(perHousehold.size, households.length);
  for (const h of households) {
    assert.equal(perHousehold.get(h.code), h.size, h.code);
    assert.ok(h.size >= 1 && h.size <= 5);
  }
  const average = people.length / households.length;
  assert.ok(average >= 2.2 && average <= 3.2, `average household ${average}`);
  const perUnit = new Map<string, number>();
  for (const h of households) perUnit.set(h.parentCode!, (perUnit.get(h.parentCode!) ?? 0) + 1);
  for (const n of perUnit.values()) assert.ok(n >= 1 && n <= 24, `unit with ${n} households`);
  const units = [...perUnit.values()];
  const meanPerUnit = units.reduce((s, n) => s + n, 0) / units.length;
  assert.ok(meanPerUnit >= 12 && meanPerUnit <= 24, `mean households per unit ${meanPerUnit}`);
});

test('every ID number is valid, unique, and agrees with sex, birth date, age and district', () => {
  const asOf = new Date(`${AS_OF}T23:59:59Z`);
  const ids = new Set<string>();
  for (const p of people) {
    const check = checkResidentId(p.idNumber, asOf);
    assert.ok(check.ok, `${p.idNumber}: ${check.ok ? '' : check.reason}`);
    assert.equal(check.sex, p.sex);
    assert.equal(check.birthDate, p.birthDate);
    assert.equal(p.idNumber.slice(0, 6), p.districtCode);
    assert.ok(p.householdPath.startsWith(`/410100/${p.districtCode}/`));
    assert.equal(p.age, ageOn(p.birthDate, AS_OF));
    assert.ok(p.age >= 0 && p.age <= 95, `age ${p.age}`);
    assert.ok(!ids.has(p.idNumber), `duplicate ${p.idNumber}`);
    ids.add(p.idNumber);
  }
  // Ages are spread over the whole range.
  assert.ok(people.some((p) => p.age === 0));
  assert.ok(people.some((p) => p.age >= 90));
});

test('phones are valid mobiles, unique for everyone 16 and over; names have 2–3 Chinese characters', () => {
  const phones = new Set<string>();
  for (const p of people) {
    assert.deepEqual(checkPhone(p.phone), { ok: true, phone: p.phone });
    assert.match(p.phone, /^1[3-9]\d{9}$/);
    if (p.age >= 16) {
      assert.ok(!phones.has(p.phone), `duplicate phone ${p.phone}`);
      phones.add(p.phone);
    }
    assert.match(p.name, /^[\u4e00-\u9fff]{2,3}$/, p.name);
  }
  const surnames = new Set(people.map((p) => p.name[0]));
  assert.ok(surnames.size > 60, `only ${surnames.size} surnames`);
});

test('addresses name district, street, community, compound, building, unit and room', () => {
  for (const p of people.slice(0, 2_000)) {
    const chain: JurisdictionSeed[] = [];
    for (let n = byCode.get(p.householdCode); n && n.level !== 'city'; n = n.parentCode ? byCode.get(n.parentCode) : undefined) {
      chain.unshift(n);
    }
    assert.equal(chain.length, 7);
    assert.equal(p.address, chain.map((n) => n.name).join(''));
  }
});

const GROUP_RULES: Array<[PersonGroup, (p: PersonSeed) => boolean]> = [
  ['elderly_alone', (p) => p.age >= 65 && people.filter((q) => q.householdCode === p.householdCode).length === 1],
  ['pregnant', (p) => p.sex === 'female' && p.age >= 20 && p.age <= 45],
  ['infant', (p) => p.age < 3],
  ['dialysis', (p) => p.age >= 18],
  ['chemotherapy', (p) => p.age >= 18],
  ['key_industry', (p) => p.age >= 18 && p.age <= 60],
  ['disabled', () => true],
  ['chronic_illness', () => true],
];

test('special groups only where they can apply', () => {
  for (const [group, applies] of GROUP_RULES) {
    for (const p of people.filter((q) => q.groups.includes(group))) {
      assert.ok(applies(p), `${group}: ${p.sex}, ${p.age}, ${p.relation}, household ${p.householdCode}`);
    }
  }
  for (const p of people) {
    assert.equal(p.groups.includes('infant'), p.age < 3, 'every child under three, and only they, is an infant');
    assert.deepEqual(p.groups, PERSON_GROUPS.filter((g) => p.groups.includes(g)), 'groups in canonical order');
  }
});

test('rates are plausible: about 85% resident, groups neither absent nor everywhere', () => {
  const share = (pred: (p: PersonSeed) => boolean) => people.filter(pred).length / people.length;
  const resident = share((p) => p.residency === 'resident');
  assert.ok(resident > 0.8 && resident < 0.9, `resident ${resident}`);
  const expected: Array<[PersonGroup, number, number]> = [
    ['elderly_alone', 0.005, 0.05],
    ['disabled', 0.005, 0.05],
    ['pregnant', 0.002, 0.02],
    ['dialysis', 0.0001, 0.003],
    ['chemotherapy', 0.0005, 0.006],
    ['infant', 0.01, 0.05],
    ['chronic_illness', 0.03, 0.15],
    ['key_industry', 0.01, 0.08],
  ];
  for (const [group, lo, hi] of expected) {
    const s = share((p) => p.groups.includes(group));
    assert.ok(s >= lo && s <= hi, `${group}: ${(s * 100).toFixed(2)}%`);
  }
  const elderly = share((p) => p.age >= 65);
  assert.ok(elderly > 0.08 && elderly < 0.2, `65 and over: ${elderly}`);
});

test('grids: two to four per community, covering each of its buildings once', () => {
  const buildings = nodes.filter((n) => n.level === 'building');
  const communities = nodes.filter((n) => n.level === 'community');
  const gridByCode = new Map(city.grids.map((g) => [g.code, g]));
  for (const c of communities) {
    const grids = city.grids.filter((g) => g.communityCode === c.code);
    const own = buildings.filter((b) => b.path.startsWith(c.path));
    assert.ok(grids.length >= Math.min(2, own.length) && grids.length <= 4, `${c.code}: ${grids.length} grids`);
    for (const [i, g] of grids.entries()) {
      assert.equal(g.code, `${c.code}G${String(i + 1).padStart(2, '0')}`);
      assert.equal(g.path, childPath(c.path, g.code));
      assert.ok(g.buildingCodes.length > 0, `${g.code} covers nothing`);
    }
    assert.deepEqual(
      grids.flatMap((g) => g.buildingCodes).sort(),
      own.map((b) => b.code).sort(),
    );
  }
  for (const b of buildings) {
    const grid = gridByCode.get(b.gridCode ?? '');
    assert.ok(grid && grid.buildingCodes.includes(b.code), `building ${b.code} grid ${b.gridCode}`);
  }
  for (const n of nodes) if (n.level !== 'building') assert.equal(n.gridCode, null);
});

test('one demo account per role except admin, at a sensible node', () => {
  assert.deepEqual(
    city.accounts.map((a) => a.role).sort(),
    ROLES.filter((r) => r !== 'admin').sort(),
  );
  const at = (role: string) => byCode.get(city.accounts.find((a) => a.role === role)!.jurisdictionCode)!;
  const expectations: Array<[string, JurisdictionSeed['level']]> = [
    ['city_commander', 'city'],
    ['district_commander', 'district'],
    ['street_commander', 'street'],
    ['grid_worker', 'community'],
    ['investigator', 'city'],
    ['auditor', 'city'],
  ];
  for (const [role, level] of expectations) assert.equal(at(role).level, level, role);
  assert.equal(at('district_commander').code, '410102');
  assert.equal(at('street_commander').parentCode, '410102');
  assert.equal(at('grid_worker').parentCode, at('street_commander').code);
  for (const a of city.accounts) {
    assert.equal(a.username, `demo_${a.role}`);
    assert.match(a.displayName, /[\u4e00-\u9fff]/);
    assert.ok(byCode.has(a.jurisdictionCode));
  }
  const worker = city.accounts.find((a) => a.role === 'grid_worker')!;
  const grid = city.grids.find((g) => g.code === worker.gridCode)!;
  assert.equal(grid.communityCode, worker.jurisdictionCode);
  assert.equal(grid.workerUsername, worker.username);
  assert.equal(city.grids.filter((g) => g.workerUsername).length, 1);
});

test('the tree scales with the population', () => {
  const small = generateCity({ seed: 1, population: 3_000, asOf: AS_OF }).counts();
  const large = generateCity({ seed: 1, population: 300_000, asOf: AS_OF }).counts();
  assert.equal(large.district, 6);
  assert.ok(large.street >= 18 && large.street <= 36);
  for (const level of ['community', 'compound', 'building', 'unit', 'household'] as const) {
    assert.ok(large[level] > small[level] * 5, `${level}: ${small[level]} → ${large[level]}`);
  }
  // About 120 people to a building, as in the plan; households per unit stay 12–24.
  assert.ok(large.household / large.unit >= 12 && large.household / large.unit <= 24);
});

test('no Math.random in the simulator', () => {
  const dir = new URL('.', import.meta.url);
  const mine = ['random.ts', 'chinese-names.ts', 'generate-city.ts', 'load-demo-city.ts'];
  assert.deepEqual(mine.filter((f) => !readdirSync(dir).includes(f)), []);
  for (const file of mine) {
    assert.ok(!readFileSync(new URL(file, dir), 'utf8').includes('Math.random'), file);
  }
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { contacts, controlHandovers, investigations } from '../../src/modules/cases/cases.table.ts';
import { addCityDays, cityDate, startOfCityDay } from '../../src/platform/city-day.ts';
import { ageBucket } from '../../src/modules/cases/indicators.ts';
import { openCase } from '../../src/modules/cases/open-case.ts';
import { addAccount, idNumber, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

const HOUR = 3_600_000;

describe('ageBucket', () => {
  const table: Array<[number, string]> = [
    [0, '<2h'],
    [1.99, '<2h'],
    [2, '2-6h'],
    [5.9, '2-6h'],
    [6, '6-12h'],
    [12, '12-24h'],
    [23.99, '12-24h'],
    [24, '>24h'],
    [500, '>24h'],
  ];
  for (const [h, bucket] of table) test(`${h}h → ${bucket}`, () => assert.equal(ageBucket(h), bucket));
});

describe('tracing indicators', () => {
  let env: TestEnv;
  let city: Client;
  let distA: Client;
  let lab: Client;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  /** The day under test (D) is tomorrow in real time; the clock is moved to D 20:00 (UTC+8). */
  let D: string;
  const h = (hours: number) => new Date(startOfCityDay(D).getTime() + hours * HOUR);
  const get = async (client: Client, url: string) => {
    const res = await client.get(url);
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };

  before(async () => {
    env = await startTestApp();
    D = addCityDays(cityDate(env.clock.now()), 1);
    env.clock.advance(h(20).getTime() - env.clock.now().getTime());
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'dista', 'district_commander', nodes.a.id);
    await addAccount(env.ctx, 'lab', 'lab_technician', nodes.city.id);
    [city, distA, lab] = await Promise.all(['city', 'dista', 'lab'].map((u) => signIn(env.app, u)));
    let seq = 200;
    const person = async (district: 'a' | 'b') => {
      seq++;
      const res = await city.post('/api/people', { name: `测试${seq}`, idNumber: idNumber(nodes[district].code, '19800101', seq), phone: `137000${String(seq).padStart(5, '0')}`, jurisdictionCode: nodes[`${district}.household`].code });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    // Cases of district a on D: X1 cleared its clocks, X2 only started, X3 untouched; Y1 on D-1 (cleared, closed on D); Y2 on D-3, never started. B on D in district b.
    const plan = [
      { key: 'X1', d: 'a', at: h(8), started: h(9), identified: h(12), controlled: h(18), closed: null },
      { key: 'X2', d: 'a', at: h(10), started: h(16), identified: null, controlled: null, closed: null },
      { key: 'X3', d: 'a', at: h(19), started: null, identified: null, controlled: null, closed: null },
      { key: 'Y1', d: 'a', at: h(-14), started: h(-13), identified: h(-4), controlled: h(-1), closed: h(12) },
      { key: 'Y2', d: 'a', at: h(-63), started: null, identified: null, controlled: null, closed: null },
      { key: 'B', d: 'b', at: h(9), started: null, identified: null, controlled: null, closed: null },
    ] as const;
    const people = Object.fromEntries(await Promise.all(plan.map(async (p) => [p.key, await person(p.d)] as const)));
    const contactPeople = [await person('a'), await person('a'), await person('a'), await person('b')];
    await env.ctx.db.transaction(async (tx) => {
      const ids: Record<string, string> = {};
      for (const p of plan) {
        ids[p.key] = (await openCase(tx, { personId: people[p.key], classification: 'confirmed' }, p.at)).caseId;
        await tx
          .update(investigations)
          .set({ startedAt: p.started, contactsIdentifiedAt: p.identified, contactsControlledAt: p.controlled, closedAt: p.closed, status: p.closed ? 'closed' : p.started ? 'in_progress' : 'open' })
          .where(eq(investigations.caseId, ids[p.key]));
      }
      const rows = await tx
        .insert(contacts)
        .values([
          { caseId: ids.X1, personId: contactPeople[0], degree: 'close', sources: ['household'], status: 'confirmed', identifiedAt: h(11), decidedAt: h(12), controlledAt: h(18) },
          { caseId: ids.X1, personId: contactPeople[1], degree: 'close', sources: ['household'], status: 'candidate', identifiedAt: h(11.5) },
          { caseId: ids.Y1, personId: contactPeople[2], degree: 'close', sources: ['household'], status: 'confirmed', identifiedAt: h(-5), decidedAt: h(-4), controlledAt: h(-1) },
          { caseId: ids.B, personId: contactPeople[3], degree: 'close', sources: ['household'], status: 'confirmed', identifiedAt: h(10), decidedAt: h(10) },
        ])
        .returning({ id: contacts.id, personId: contacts.personId });
      const handover = (i: number, status: string) => ({ contactId: rows[i].id, personId: rows[i].personId!, measure: 'centralized_quarantine', startsAt: h(18), endsAt: h(18 + 7 * 24), status, createdAt: h(18) });
      await tx.insert(controlHandovers).values([handover(0, 'pending'), handover(2, 'accepted'), handover(3, 'pending')]);
    });
  });
  after(() => env.close());

  test('401 signed out; 403 without cases:read', async () => {
    assert.equal((await env.app.inject({ method: 'GET', url: '/api/tracing/indicators' })).statusCode, 401);
    assert.equal((await env.app.inject({ method: 'GET', url: '/api/tracing/indicators.csv' })).statusCode, 401);
    assert.equal((await lab.get('/api/tracing/indicators')).statusCode, 403);
    assert.equal((await lab.get('/api/tracing/indicators.csv')).statusCode, 403);
  });

  test('today for district a: clearance, clocks, open by age, contacts, the last 7 days', async () => {
    const body = await get(distA, '/api/tracing/indicators');
    assert.equal(body.day, D);
    assert.equal(body.asOf, h(20).toISOString());
    assert.deepEqual(body.clearance, { reported: 3, investigated: 2, contactsIdentified: 1, contactsControlled: 1, cleared: false });
    assert.deepEqual(body.clocks, {
      toInvestigation: { n: 2, median: 1, p90: 6 },
      toContactsIdentified: { n: 1, median: 4, p90: 4 },
      toContactsControlled: { n: 1, median: 10, p90: 10 },
    });
    // At 20:00: X1 12h, X2 10h, X3 1h, Y2 59h; Y1 closed at noon.
    assert.deepEqual(body.open, {
      total: 4,
      byAge: [
        { bucket: '<2h', count: 1 },
        { bucket: '2-6h', count: 0 },
        { bucket: '6-12h', count: 1 },
        { bucket: '12-24h', count: 1 },
        { bucket: '>24h', count: 1 },
      ],
    });
    assert.deepEqual(body.contacts, { identifiedToday: 2, confirmedToday: 1, controlledToday: 1, pendingHandover: 1 });
    assert.deepEqual(
      body.days.map((d: { day: string; reported: number; cleared: boolean }) => `${d.day}:${d.reported}:${d.cleared}`),
      [-6, -5, -4, -3, -2, -1, 0].map((i) => {
        const day = addCityDays(D, i);
        return i === 0 ? `${day}:3:false` : i === -1 ? `${day}:1:true` : i === -3 ? `${day}:1:false` : `${day}:0:true`;
      }),
    );
    assert.deepEqual(body.days[5], { day: addCityDays(D, -1), reported: 1, investigated: 1, contactsIdentified: 1, contactsControlled: 1, cleared: true });
  });

  test('the city adds district b; a past day counts what was open at its end', async () => {
    const body = await get(city, '/api/tracing/indicators');
    assert.equal(body.clearance.reported, 4);
    assert.equal(body.open.total, 5);
    assert.equal(body.contacts.pendingHandover, 2);
    assert.equal(body.contacts.confirmedToday, 2);
    const inA = await get(city, `/api/tracing/indicators?jurisdictionId=${nodes.a.id}`);
    assert.equal(inA.clearance.reported, 3);

    const past = await get(distA, `/api/tracing/indicators?day=${addCityDays(D, -1)}`);
    assert.equal(past.asOf, h(0).toISOString());
    assert.deepEqual(past.clearance, { reported: 1, investigated: 1, contactsIdentified: 1, contactsControlled: 1, cleared: true });
    // At D 00:00: Y1 (14h, closed later) and Y2 (63h).
    assert.equal(past.open.total, 2);
    assert.deepEqual(
      past.open.byAge.filter((b: { count: number }) => b.count > 0),
      [
        { bucket: '12-24h', count: 1 },
        { bucket: '>24h', count: 1 },
      ],
    );
    assert.deepEqual(past.contacts, { identifiedToday: 1, confirmedToday: 1, controlledToday: 1, pendingHandover: 0 });
  });

  test('outside the subtree 404; bad input 400', async () => {
    assert.equal((await distA.get(`/api/tracing/indicators?jurisdictionId=${nodes.b.id}`)).statusCode, 404);
    assert.equal((await distA.get(`/api/tracing/indicators.csv?jurisdictionId=${nodes.b.id}`)).statusCode, 404);
    for (const url of [
      '/api/tracing/indicators?day=2026-02-30',
      '/api/tracing/indicators?day=yesterday',
      `/api/tracing/indicators?day=${addCityDays(D, 1)}`,
      '/api/tracing/indicators?jurisdictionId=nope',
      `/api/tracing/indicators.csv?from=${D}&to=${addCityDays(D, -1)}`,
      `/api/tracing/indicators.csv?from=${addCityDays(D, -100)}&to=${D}`,
      `/api/tracing/indicators.csv?to=${addCityDays(D, 1)}`,
    ]) {
      const res = await distA.get(url);
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
    }
  });

  test('CSV: one row per day, UTF-8 with BOM, bilingual header', async () => {
    const res = await distA.get(`/api/tracing/indicators.csv?from=${addCityDays(D, -2)}&to=${D}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(String(res.headers['content-disposition']), new RegExp(`tracing-indicators-${addCityDays(D, -2)}-${D}\\.csv`));
    assert.equal(res.rawPayload[0], 0xef, 'BOM');
    const lines = res.body.replace(/^\ufeff/, '').trimEnd().split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0], /^日期 Day,报告病例 Reported,/);
    assert.equal(lines[1], `${addCityDays(D, -2)},0,0,0,0,yes,,,,,,,1,0,0,0`);
    assert.equal(lines[2], `${addCityDays(D, -1)},1,1,1,1,yes,1,1,10,10,13,13,2,1,1,1`);
    assert.equal(lines[3], `${D},3,2,1,1,no,1,6,4,4,10,10,4,2,1,1`);
    const week = await distA.get('/api/tracing/indicators.csv');
    assert.equal(week.body.trimEnd().split('\n').length, 8, 'header and the last 7 days by default');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../src/modules/audit/audit.table.ts';
import { colourChanges, healthFacts } from '../../src/modules/health-codes/health-codes.table.ts';
import { issueHealthCodeToken } from '../../src/modules/health-codes/health-code-token.ts';
import { currentCode, recolourPeople } from '../../src/modules/health-codes/recolour.ts';
import { testResults } from '../../src/modules/testing/testing.table.ts';
import { passChecks } from '../../src/modules/venues/venues.table.ts';
import { addAccount, idNumber, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

const H = 3_600_000;
const M = 60_000;

describe('pass checks (两码一证) and hand-entered test results', () => {
  let env: TestEnv;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  let city: Client;
  let gate: Client;
  let sampler: Client;
  let auditor: Client;
  let investigator: Client;
  const ids = { ok: idNumber('410102', '19800101', 11), red: idNumber('410102', '19800101', 12), traveller: idNumber('410102', '19800101', 13), untested: idNumber('410102', '19800101', 14), edge: idNumber('410102', '19800101', 15), other: idNumber('410103', '19800101', 16) };
  const person: Record<keyof typeof ids, string> = {} as never;
  let compoundGate: string;
  let venueB: string;
  const ago = (ms: number) => new Date(env.clock.now().getTime() - ms);

  const negative = (personId: string, sampledAt: Date) =>
    env.ctx.db.insert(testResults).values({ personId, kind: 'nat', result: 'negative', sampledAt, reportedAt: sampledAt, source: 'lab' });

  before(async () => {
    env = await startTestApp();
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'gate', 'checkpoint_staff', nodes.a.id);
    await addAccount(env.ctx, 'sampler', 'sampler', nodes.a.id);
    await addAccount(env.ctx, 'auditor', 'auditor', nodes.city.id);
    await addAccount(env.ctx, 'inv', 'investigator', nodes.city.id);
    [city, gate, sampler, auditor, investigator] = await Promise.all(['city', 'gate', 'sampler', 'auditor', 'inv'].map((u) => signIn(env.app, u)));
    let n = 0;
    for (const key of Object.keys(ids) as Array<keyof typeof ids>) {
      const unit = key === 'other' ? nodes['b.household'].code : nodes['a.household'].code;
      const res = await city.post('/api/people', { name: `测试${key}`, idNumber: ids[key], phone: `1380000000${n++}`, jurisdictionCode: unit });
      assert.equal(res.statusCode, 201, res.body);
      person[key] = res.json().id;
    }
    for (const key of ['ok', 'red', 'traveller', 'other'] as const) await negative(person[key], ago(10 * H));
    await negative(person.edge, ago(47 * H + 59 * M));
    await env.ctx.db.transaction(async (tx) => {
      const now = env.clock.now();
      await tx.insert(healthFacts).values([
        { personId: person.red, kind: 'confirmed_case', source: 'test', validFrom: ago(H) },
        { personId: person.traveller, kind: 'risk_area_arrival', source: 'test', validFrom: ago(48 * H) },
      ]);
      await recolourPeople(tx, [person.red, person.traveller], now);
    });
    compoundGate = (await city.post('/api/venues', { code: 'VGATE01', name: '小区A东门', type: 'compound_gate', jurisdictionCode: nodes['a.compound'].code })).json().id;
    venueB = (await city.post('/api/venues', { code: 'VCHKB01', name: '区B卡口', type: 'checkpoint', jurisdictionCode: nodes.b.code })).json().id;
  });
  after(() => env.close());

  const check = (body: Record<string, unknown>, client = gate) => client.post('/api/pass-checks', body);

  test('green, itinerary clear, negative 10 h ago, 36.5 °C: pass, recorded', async () => {
    const res = await check({ idNumber: ids.ok, temperature: 36.5 });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.result, 'pass');
    assert.deepEqual(body.reasons, []);
    assert.equal(body.colour, 'green');
    assert.equal(body.testWindowHours, 48);
    assert.equal(body.latestNegativeTest.kind, 'nat');
    assert.equal(body.person.nameMasked, '测***');
    assert.ok(!res.body.includes(ids.ok));
    const [row] = await env.ctx.db.select().from(passChecks).where(eq(passChecks.id, body.id));
    assert.equal(row.result, 'pass');
    assert.equal(row.temperature, '36.5');
    assert.equal(row.personId, person.ok);
    assert.equal(row.venueId, null);
  });

  test('every failing item is a reason: red code, itinerary, no certificate, fever', async () => {
    const red = (await check({ personId: person.red, temperature: 36.4 })).json();
    assert.equal(red.result, 'deny');
    assert.deepEqual(red.reasons.map((r: { check: string }) => r.check), ['health_code']);
    assert.match(red.reasons[0].zh, /红码：确诊病例/);
    assert.match(red.reasons[0].en, /Confirmed case/);

    const traveller = (await check({ idNumber: ids.traveller, temperature: 36.4 })).json();
    assert.deepEqual(traveller.reasons.map((r: { check: string }) => r.check), ['health_code', 'itinerary']);
    assert.equal(traveller.colour, 'yellow');

    const untested = (await check({ idNumber: ids.untested, temperature: 37.3 })).json();
    assert.deepEqual(untested.reasons.map((r: { check: string }) => r.check), ['test', 'temperature']);
    assert.match(untested.reasons[1].en, /37\.3 °C/);
    const cool = (await check({ idNumber: ids.ok, temperature: 37.2 })).json();
    assert.equal(cool.result, 'pass');

    const [row] = await env.ctx.db.select().from(passChecks).where(eq(passChecks.id, untested.id));
    assert.equal(row.result, 'deny');
    assert.deepEqual((row.reasons as Array<{ check: string }>).map((r) => r.check), ['test', 'temperature']);
  });

  test('certificate window: 47h59m passes 48 h and fails 24 h at a compound gate; 48h01m fails 48 h; 72 h on request', async () => {
    const edge = (await check({ idNumber: ids.edge, temperature: 36.5 })).json();
    assert.equal(edge.result, 'pass', JSON.stringify(edge.reasons));
    const atGate = (await check({ idNumber: ids.edge, temperature: 36.5, venueId: compoundGate })).json();
    assert.equal(atGate.testWindowHours, 24);
    assert.deepEqual(atGate.reasons.map((r: { check: string }) => r.check), ['test']);
    assert.equal(atGate.venue.code, 'VGATE01');
    const asked = (await check({ idNumber: ids.edge, temperature: 36.5, venueId: compoundGate, testWindowHours: 48 })).json();
    assert.equal(asked.result, 'pass');

    env.clock.advance(2 * M); // now the sample is 48h01m old
    const late = (await check({ idNumber: ids.edge, temperature: 36.5 })).json();
    assert.equal(late.result, 'deny');
    assert.deepEqual(late.reasons.map((r: { check: string }) => r.check), ['test']);
    assert.equal((await check({ idNumber: ids.edge, temperature: 36.5, testWindowHours: 72 })).json().result, 'pass');
  });

  test('400 names the field; 404 for a venue outside the jurisdiction or an unknown person; 401; 403', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ idNumber: ids.ok }, 'temperature'],
      [{ idNumber: ids.ok, temperature: 33.9 }, 'temperature'],
      [{ idNumber: ids.ok, temperature: 43.5 }, 'temperature'],
      [{ idNumber: ids.ok, temperature: 'hot' }, 'temperature'],
      [{ temperature: 36.5 }, 'idNumber'],
      [{ idNumber: ids.ok, personId: person.ok, temperature: 36.5 }, 'personId'],
      [{ personId: 'nope', temperature: 36.5 }, 'personId'],
      [{ idNumber: ids.ok, temperature: 36.5, testWindowHours: 36 }, 'testWindowHours'],
      [{ token: 'a.b.c', temperature: 36.5 }, 'token'],
    ];
    for (const [body, field] of cases) {
      const res = await check(body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)} ${res.body}`);
      assert.equal(res.json().error.field, field, `${JSON.stringify(body)} ${res.body}`);
    }
    assert.equal((await check({ idNumber: ids.ok, temperature: 36.5, venueId: venueB })).statusCode, 404);
    assert.equal((await check({ idNumber: idNumber('410102', '19700101', 77), temperature: 36.5 })).statusCode, 404);
    assert.equal((await check({ personId: '00000000-0000-4000-8000-000000000000', temperature: 36.5 })).statusCode, 404);
    // A person from another district passes a checkpoint here: people travel.
    assert.equal((await check({ idNumber: ids.other, temperature: 36.5 })).json().result, 'pass');
    assert.equal((await check({ idNumber: ids.ok, temperature: 36.5 }, investigator)).statusCode, 403);
    assert.equal((await check({ idNumber: ids.ok, temperature: 36.5 }, auditor)).statusCode, 403);
    assert.equal((await env.app.inject({ method: 'POST', url: '/api/pass-checks', payload: { idNumber: ids.ok, temperature: 36.5 } })).statusCode, 401);
  });

  test('the signed health-code token identifies the person', async () => {
    const code = await currentCode(env.ctx.db, person.red, env.clock.now());
    const { token } = await issueHealthCodeToken(env.ctx, code);
    const res = await check({ token, temperature: 36.5 });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().person.id, person.red);
    assert.equal(res.json().result, 'deny');
  });

  test('test results: a negative is recorded and listed; audited', async () => {
    const sampledAt = new Date(env.clock.now().getTime() - 2 * H).toISOString().replace('Z', '+00:00');
    const res = await sampler.post(`/api/people/${person.untested}/test-results`, { kind: 'antigen', result: 'negative', sampledAt });
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json();
    assert.deepEqual([r.kind, r.result, r.source, r.personId], ['antigen', 'negative', 'manual', person.untested]);
    const list = (await city.get(`/api/people/${person.untested}/test-results`)).json();
    assert.equal(list.total, 1);
    assert.equal(list.items[0].id, r.id);
    const [audit] = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'test_result.record'), eq(auditLog.entityId, r.id)));
    assert.equal(audit.actorName, 'sampler');
    assert.equal((audit.details as { healthFactId: string | null }).healthFactId, null);
    // An antigen test is no certificate (the pass asks for a nucleic-acid test); a NAT is.
    assert.equal((await check({ idNumber: ids.untested, temperature: 36.5 })).json().result, 'deny');
    const nat = await sampler.post(`/api/people/${person.untested}/test-results`, { kind: 'nat', result: 'negative', sampledAt });
    assert.equal(nat.statusCode, 201, nat.body);
    assert.equal((await check({ idNumber: ids.untested, temperature: 36.5 })).json().result, 'pass');
  });

  test('test results: a positive records a health fact and turns the code red in the same transaction', async () => {
    const before = await currentCode(env.ctx.db, person.ok, env.clock.now());
    assert.equal(before.colour, 'green');
    const sampledAt = new Date(env.clock.now().getTime() - H).toISOString();
    const res = await sampler.post(`/api/people/${person.ok}/test-results`, { kind: 'nat', result: 'positive', sampledAt });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().id;
    const [fact] = await env.ctx.db.select().from(healthFacts).where(and(eq(healthFacts.personId, person.ok), eq(healthFacts.kind, 'positive_result')));
    assert.deepEqual([fact.source, fact.sourceRef], ['testing', id]);
    const after = await currentCode(env.ctx.db, person.ok, env.clock.now());
    assert.equal(after.colour, 'red');
    assert.equal(after.reasons[0].ref, fact.id);
    const changes = await env.ctx.db.select().from(colourChanges).where(eq(colourChanges.personId, person.ok));
    assert.deepEqual(changes.map((c) => c.toColour), ['red']);
    const [audit] = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'test_result.record'), eq(auditLog.entityId, id)));
    assert.equal((audit.details as { healthFactId: string }).healthFactId, fact.id);
    const denied = (await check({ idNumber: ids.ok, temperature: 36.5 })).json();
    assert.deepEqual(denied.reasons.map((r: { check: string }) => r.check), ['health_code']);
    assert.match(denied.reasons[0].zh, /核酸检测结果阳性/);
    // The newest sample is listed first.
    const list = (await city.get(`/api/people/${person.ok}/test-results`)).json();
    assert.deepEqual(list.items.map((t: { result: string }) => t.result), ['positive', 'negative']);
  });

  test('test results: 400 names the field, 404 outside, 403 without the permission, 401', async () => {
    const ok = { kind: 'nat', result: 'negative', sampledAt: new Date(env.clock.now().getTime() - H).toISOString() };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...ok, kind: 'blood' }, 'kind'],
      [{ ...ok, result: 'maybe' }, 'result'],
      [{ ...ok, sampledAt: undefined }, 'sampledAt'],
      [{ ...ok, sampledAt: '2026-11-24T09:30:00' }, 'sampledAt'],
      [{ ...ok, sampledAt: new Date(env.clock.now().getTime() + H).toISOString() }, 'sampledAt'],
    ];
    for (const [body, field] of cases) {
      const res = await sampler.post(`/api/people/${person.untested}/test-results`, body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)} ${res.body}`);
      assert.equal(res.json().error.field, field, res.body);
    }
    assert.equal((await sampler.post(`/api/people/${person.other}/test-results`, ok)).statusCode, 404);
    assert.equal((await sampler.get(`/api/people/${person.other}/test-results`)).statusCode, 404);
    assert.equal((await sampler.post('/api/people/00000000-0000-4000-8000-000000000000/test-results', ok)).statusCode, 404);
    assert.equal((await gate.post(`/api/people/${person.untested}/test-results`, ok)).statusCode, 403);
    assert.equal((await auditor.get(`/api/people/${person.untested}/test-results`)).statusCode, 403);
    assert.equal((await env.app.inject({ method: 'POST', url: `/api/people/${person.untested}/test-results`, payload: ok })).statusCode, 401);
    assert.equal((await env.app.inject({ method: 'GET', url: `/api/people/${person.untested}/test-results` })).statusCode, 401);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count } from 'drizzle-orm';
import { tubeMembers, tubes } from '../../src/modules/testing/sampling.table.ts';
import { addAccount, idNumber, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

type Outcome = { eventId: string; status: string; code?: string; reason?: string; tube?: { members: number; poolSize: number; status: string } };

describe('sampling: points, rounds, device events, batches, tubes', () => {
  let env: TestEnv;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  let city: Client;
  let sampler: Client;
  let samplerB: Client;
  let distB: Client;
  let lab: Client;
  let auditor: Client;
  const people: Array<{ id: string; idNumber: string }> = [];
  let pointA: string;
  let pointB: string;
  let roundId: string;
  let transferCode: string;
  const now = () => env.clock.now().toISOString();
  const send = async (c: Client, events: object[]) => {
    const res = await c.post('/api/sampling/events', { events });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { applied: number; duplicates: number; rejected: number; results: Outcome[] };
  };
  const snapshot = async () => {
    const [t] = await env.ctx.db.select({ n: count() }).from(tubes);
    const [m] = await env.ctx.db.select({ n: count() }).from(tubeMembers);
    const rows = await env.ctx.database.query<{ barcode: string; status: string; closed_at: unknown }>('select barcode, status, closed_at from tubes order by barcode');
    return JSON.stringify({ tubes: t.n, members: m.n, rows });
  };
  /** The device's offline queue: every action the sampler took, in order. */
  const queue: object[] = [];
  const member = (eventId: string, barcode: string, who: object) => ({ eventId, type: 'add_member', barcode, sampledAt: now(), ...who });

  before(async () => {
    env = await startTestApp();
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'sampler', 'sampler', nodes.a.id);
    await addAccount(env.ctx, 'samplerb', 'sampler', nodes.b.id);
    await addAccount(env.ctx, 'distb', 'district_commander', nodes.b.id);
    await addAccount(env.ctx, 'lab', 'lab_technician', nodes.city.id);
    await addAccount(env.ctx, 'auditor', 'auditor', nodes.city.id);
    [city, sampler, samplerB, distB, lab, auditor] = await Promise.all(['city', 'sampler', 'samplerb', 'distb', 'lab', 'auditor'].map((u) => signIn(env.app, u)));
    for (let i = 0; i < 14; i++) {
      const id = idNumber('410102', '19850101', 100 + i);
      const res = await city.post('/api/people', { name: `张${'三四五六七八九'[i % 7]}${i}`, idNumber: id, phone: `1370000${String(1000 + i)}`, jurisdictionCode: nodes['a.household'].code });
      assert.equal(res.statusCode, 201, res.body);
      people.push({ id: res.json().id, idNumber: id });
    }
  });
  after(() => env.close());

  test('sampling points: create, list in scope, change; 400/401/403/404', async () => {
    const res = await city.post('/api/sampling-points', { code: 'SP-A1', name: '区A采样点', address: '文化路1号', jurisdictionCode: nodes['a.street'].code, hours: '07:00-21:00', teams: 3 });
    assert.equal(res.statusCode, 201, res.body);
    pointA = res.json().id;
    assert.equal(res.json().jurisdiction.code, nodes['a.street'].code);
    assert.equal(res.json().teams, 3);
    const b = await distB.post('/api/sampling-points', { code: 'SP-B1', name: '区B采样点' });
    assert.equal(b.statusCode, 201, b.body);
    pointB = b.json().id;
    assert.equal((await city.post('/api/sampling-points', { code: 'SP-A1', name: 'again' })).statusCode, 409);
    assert.equal((await distB.post('/api/sampling-points', { code: 'SP-X', name: 'x', jurisdictionCode: nodes.a.code })).statusCode, 400, 'outside the subtree');
    assert.equal((await city.post('/api/sampling-points', { code: 'SP X!', name: 'x' })).statusCode, 400);
    assert.equal((await sampler.post('/api/sampling-points', { code: 'SP-S', name: 'x' })).statusCode, 403);
    assert.equal((await env.app.inject({ method: 'POST', url: '/api/sampling-points', payload: { code: 'SP-U', name: 'x' } })).statusCode, 401);
    assert.equal((await env.app.inject({ method: 'GET', url: '/api/sampling-points' })).statusCode, 401);
    assert.equal((await auditor.get('/api/sampling-points')).statusCode, 403);
    assert.equal((await sampler.get('/api/sampling-points?pageSize=0')).statusCode, 400);

    const list = (await sampler.get('/api/sampling-points')).json();
    assert.deepEqual(list.items.map((p: { code: string }) => p.code), ['SP-A1'], 'only points in the sampler’s district');
    assert.equal((await city.get('/api/sampling-points')).json().total, 2);

    const patched = await city.patch(`/api/sampling-points/${pointA}`, { hours: '06:00-22:00', teams: 4 });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().hours, '06:00-22:00');
    assert.equal((await distB.patch(`/api/sampling-points/${pointA}`, { teams: 1 })).statusCode, 404, 'out of reach answers 404');
    assert.equal((await city.patch(`/api/sampling-points/${crypto.randomUUID()}`, { teams: 1 })).statusCode, 404);
    assert.equal((await city.patch(`/api/sampling-points/${pointA}`, {})).statusCode, 400);
    assert.equal((await sampler.patch(`/api/sampling-points/${pointA}`, { teams: 1 })).statusCode, 403);
  });

  test('rounds: plan with a pool size per area, planned → open → closed; 400/401/403/404/409', async () => {
    assert.equal((await city.post('/api/testing-rounds', { name: 'r', day: '2026-05-01', areas: [{ jurisdictionCode: nodes.a.code, poolSize: 3 }] })).statusCode, 400);
    assert.equal((await city.post('/api/testing-rounds', { name: 'r', day: 'tomorrow', areas: [{ jurisdictionCode: nodes.a.code, poolSize: 10 }] })).statusCode, 400);
    assert.equal((await city.post('/api/testing-rounds', { name: 'r', day: '2026-05-01', areas: [] })).statusCode, 400);
    assert.equal((await distB.post('/api/testing-rounds', { name: 'r', day: '2026-05-01', areas: [{ jurisdictionCode: nodes.a.code, poolSize: 10 }] })).statusCode, 400, 'area outside the subtree');
    assert.equal((await sampler.post('/api/testing-rounds', { name: 'r', day: '2026-05-01', areas: [{ jurisdictionCode: nodes.a.code, poolSize: 10 }] })).statusCode, 403);
    assert.equal((await env.app.inject({ method: 'POST', url: '/api/testing-rounds', payload: {} })).statusCode, 401);

    const res = await city.post('/api/testing-rounds', {
      name: '第一轮全员核酸',
      day: '2026-05-01',
      areas: [
        { jurisdictionCode: nodes.a.code, poolSize: 10 },
        { jurisdictionCode: nodes.b.code, poolSize: 5 },
      ],
    });
    assert.equal(res.statusCode, 201, res.body);
    roundId = res.json().id;
    assert.equal(res.json().status, 'planned');
    assert.deepEqual(res.json().areas.map((a: { poolSize: number }) => a.poolSize), [10, 5]);

    const list = (await sampler.get('/api/testing-rounds')).json();
    assert.equal(list.items[0].id, roundId, 'a sampler in one district sees the round over it');
    assert.equal((await sampler.get(`/api/testing-rounds/${roundId}`)).statusCode, 200);
    assert.equal((await sampler.get(`/api/testing-rounds/${crypto.randomUUID()}`)).statusCode, 404);
    assert.equal((await sampler.get('/api/testing-rounds/not-a-uuid')).statusCode, 400);
    assert.equal((await auditor.get('/api/testing-rounds')).statusCode, 403);

    // Not open yet: a tube cannot be opened in it.
    const early = await send(sampler, [{ eventId: 'early-1', type: 'open_tube', barcode: 'T0000', poolSize: 10, roundId, samplingPointId: pointA }]);
    assert.equal(early.results[0].code, 'round_not_open');

    assert.equal((await distB.post(`/api/testing-rounds/${roundId}/open`)).statusCode, 403, 'the round spans beyond district B');
    assert.equal((await sampler.post(`/api/testing-rounds/${roundId}/open`)).statusCode, 403);
    assert.equal((await city.post(`/api/testing-rounds/${crypto.randomUUID()}/open`)).statusCode, 404);
    assert.equal((await city.post(`/api/testing-rounds/${roundId}/close`)).statusCode, 409, 'planned cannot close');
    const opened = await city.post(`/api/testing-rounds/${roundId}/open`);
    assert.equal(opened.statusCode, 200, opened.body);
    assert.equal(opened.json().status, 'open');
    assert.equal((await city.post(`/api/testing-rounds/${roundId}/open`)).statusCode, 409);
  });

  test('a 10-in-1 tube fills; the 11th, a person twice, a person already in the round, a closed tube and a pool too large are refused', async () => {
    const token = (await city.get(`/api/people/${people[2].id}/health-code`)).json().token as string;
    const events: object[] = [
      { eventId: 'q-1', type: 'open_tube', barcode: 'T0001', poolSize: 10, roundId, samplingPointId: pointA },
      member('q-2', 'T0001', { idNumber: people[0].idNumber }),
      member('q-3', 'T0001', { personId: people[1].id }),
      member('q-4', 'T0001', { token }),
      ...people.slice(3, 10).map((p, i) => member(`q-m${i}`, 'T0001', { personId: p.id })),
      member('q-11', 'T0001', { personId: people[10].id }),
      member('q-12', 'T0001', { personId: people[0].id }),
      { eventId: 'q-13', type: 'open_tube', barcode: 'T0002', poolSize: 5, roundId, samplingPointId: pointA },
      member('q-14', 'T0002', { personId: people[0].id }),
      member('q-15', 'T0002', { personId: people[10].id }),
      member('q-16', 'T0002', { idNumber: people[10].idNumber }),
      { eventId: 'q-17', type: 'close_tube', barcode: 'T0001' },
      member('q-18', 'T0001', { personId: people[11].id }),
      member('q-19', 'T9999', { personId: people[11].id }),
      { eventId: 'q-20', type: 'open_tube', barcode: 'T0003', poolSize: 20, roundId, samplingPointId: pointA },
      { eventId: 'q-21', type: 'open_tube', barcode: 'T0004', poolSize: 1, roundId, samplingPointId: pointA },
      member('q-22', 'T0004', { personId: people[12].id }),
      { eventId: 'q-23', type: 'close_tube', barcode: 'T0004' },
      { eventId: 'q-24', type: 'open_tube', barcode: 'T0005', poolSize: 7, roundId },
      member('q-25', 'T0002', { personId: people[13].id, sampledAt: '2026-05-01T09:00:00' }),
      member('q-26', 'T0002', { idNumber: idNumber('410102', '19700101', 999) }),
      member('q-27', 'T0002', { token: 'not.a.token' }),
      member('q-28', 'T0002', { personId: people[13].id, idNumber: people[13].idNumber }),
    ];
    queue.push(...events);
    const body = await send(sampler, events);
    const by = new Map(body.results.map((r) => [r.eventId, r]));
    assert.deepEqual(
      body.results.map((r) => r.eventId),
      events.map((e) => (e as { eventId: string }).eventId),
      'answered in order',
    );
    for (const id of ['q-1', 'q-2', 'q-3', 'q-4', ...Array.from({ length: 7 }, (_, i) => `q-m${i}`)]) assert.equal(by.get(id)!.status, 'applied', id);
    assert.deepEqual(by.get('q-m6')!.tube, { barcode: 'T0001', status: 'open', poolSize: 10, members: 10 });
    assert.deepEqual([by.get('q-11')!.status, by.get('q-11')!.code], ['rejected', 'tube_full']);
    assert.match(by.get('q-11')!.reason!, /full \(10 of 10\)/);
    assert.equal(by.get('q-12')!.code, 'already_in_tube');
    assert.equal(by.get('q-13')!.status, 'applied');
    assert.equal(by.get('q-14')!.code, 'already_in_round');
    assert.equal(by.get('q-15')!.status, 'applied');
    assert.equal(by.get('q-16')!.code, 'already_in_tube', 'the same person by another document field');
    assert.equal(by.get('q-17')!.status, 'applied');
    assert.equal(by.get('q-17')!.tube!.status, 'closed');
    assert.equal(by.get('q-18')!.code, 'tube_closed');
    assert.equal(by.get('q-19')!.code, 'unknown_tube');
    assert.equal(by.get('q-20')!.code, 'pool_size_not_allowed');
    assert.equal(by.get('q-21')!.status, 'applied', 'one per tube is always allowed');
    assert.equal(by.get('q-22')!.status, 'applied');
    assert.equal(by.get('q-23')!.status, 'applied');
    assert.equal(by.get('q-24')!.code, 'invalid');
    assert.equal(by.get('q-25')!.code, 'invalid', 'a time without an offset');
    assert.equal(by.get('q-26')!.code, 'unknown_person');
    assert.equal(by.get('q-27')!.code, 'token_invalid');
    assert.equal(by.get('q-28')!.code, 'invalid');
    assert.deepEqual([body.applied, body.duplicates, body.rejected], [17, 0, 12]);

    // District B pools at most 5.
    const b = await send(samplerB, [
      { eventId: 'b-1', type: 'open_tube', barcode: 'TB001', poolSize: 10, roundId, samplingPointId: pointB },
      { eventId: 'b-2', type: 'open_tube', barcode: 'TB001', poolSize: 5, roundId, samplingPointId: pointB },
      { eventId: 'b-3', type: 'open_tube', barcode: 'TB002', poolSize: 5, roundId, samplingPointId: pointA },
      { eventId: 'b-4', type: 'close_tube', barcode: 'T0002' },
      { eventId: 'b-5', type: 'open_tube', barcode: 'T0002', poolSize: 5, roundId, samplingPointId: pointB },
    ]);
    assert.deepEqual(
      b.results.map((r) => r.code ?? r.status),
      ['pool_size_not_allowed', 'applied', 'unknown_sampling_point', 'unknown_tube', 'barcode_in_use'],
    );
  });

  test('replaying the offline queue, then a shuffled copy with duplicates, changes nothing', async () => {
    const before = await snapshot();
    const again = await send(sampler, queue);
    assert.equal(again.applied, 0, JSON.stringify(again.results.filter((r) => r.status === 'applied')));
    assert.equal(again.duplicates, 17);
    assert.equal(again.rejected, 12);
    assert.equal(await snapshot(), before);

    // A phone that lost the network resends in a different order, some events twice.
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const shuffled = [...queue, ...queue.filter((_, i) => i % 3 === 0)].sort(() => rand() - 0.5);
    const third = await send(sampler, shuffled);
    assert.equal(third.applied, 0);
    assert.equal(await snapshot(), before);
    const byId = new Map(third.results.map((r) => [r.eventId, r.status]));
    assert.equal(byId.get('q-2'), 'duplicate');
    assert.equal(byId.get('q-17'), 'duplicate', 'closing a closed tube again');
    assert.equal(byId.get('q-1'), 'duplicate', 'opening the same tube again');
  });

  test('device events: 400/401/403', async () => {
    assert.equal((await sampler.post('/api/sampling/events', { events: [] })).statusCode, 400);
    assert.equal((await sampler.post('/api/sampling/events', { events: [{ eventId: 'x', type: 'shake_tube', barcode: 'T1' }] })).statusCode, 400);
    assert.equal((await env.app.inject({ method: 'POST', url: '/api/sampling/events', payload: { events: [] } })).statusCode, 401);
    assert.equal((await lab.post('/api/sampling/events', { events: [{ eventId: 'x', type: 'close_tube', barcode: 'T0002' }] })).statusCode, 403);
    assert.equal((await sampler.post('/api/sampling/events', { events: [{ eventId: 'x', type: 'close_tube', barcode: 'T0002' }] }, { 'x-csrf-token': 'wrong' })).statusCode, 403);
  });

  test('a batch of closed tubes goes in transit under a transfer code; the lab receives it', async () => {
    const bad = await sampler.post('/api/tube-batches', { lab: '市疾控实验室', barcodes: ['T0001', 'T0002', 'NOPE', 'TB001'] });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /NOPE/);
    assert.match(bad.json().error.message, /TB001/, 'a tube of another district is unknown here');
    assert.match(bad.json().error.message, /not closed.*T0002/);
    assert.equal((await sampler.post('/api/tube-batches', { lab: 'x', barcodes: [] })).statusCode, 400);
    assert.equal((await lab.post('/api/tube-batches', { lab: 'x', barcodes: ['T0001'] })).statusCode, 403);
    assert.equal((await env.app.inject({ method: 'POST', url: '/api/tube-batches', payload: { lab: 'x', barcodes: ['T0001'] } })).statusCode, 401);

    const res = await sampler.post('/api/tube-batches', { lab: '市疾控实验室', barcodes: ['T0001', 'T0004'] });
    assert.equal(res.statusCode, 201, res.body);
    transferCode = res.json().transferCode;
    assert.match(transferCode, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    assert.deepEqual(res.json().tubes.map((t: { barcode: string; status: string; members: number }) => `${t.barcode}:${t.status}:${t.members}`), ['T0001:in_transit:10', 'T0004:in_transit:1']);
    assert.equal((await sampler.post('/api/tube-batches', { lab: 'x', barcodes: ['T0001'] })).statusCode, 400, 'already sent');
    // Closing a sent tube again is still a duplicate.
    assert.equal((await send(sampler, [{ eventId: 'late-close', type: 'close_tube', barcode: 'T0001' }])).results[0].status, 'duplicate');

    assert.equal((await lab.get(`/api/tube-batches/${transferCode}`)).statusCode, 200);
    assert.equal((await lab.get(`/api/tube-batches/${transferCode.toLowerCase()}`)).statusCode, 200, 'typed in lower case');
    assert.equal((await samplerB.get(`/api/tube-batches/${transferCode}`)).statusCode, 404);
    assert.equal((await auditor.get(`/api/tube-batches/${transferCode}`)).statusCode, 403);
    assert.equal((await lab.get('/api/tube-batches/ZZZZ-ZZZZ')).statusCode, 404);
    assert.equal((await lab.get('/api/tube-batches/bad!code')).statusCode, 400);
    assert.equal((await env.app.inject({ method: 'GET', url: `/api/tube-batches/${transferCode}` })).statusCode, 401);

    assert.equal((await sampler.post(`/api/tube-batches/${transferCode}/receive`)).statusCode, 403);
    assert.equal((await lab.post('/api/tube-batches/ZZZZ-ZZZZ/receive')).statusCode, 404);
    assert.equal((await lab.post('/api/tube-batches/x/receive')).statusCode, 400);
    assert.equal((await env.app.inject({ method: 'POST', url: `/api/tube-batches/${transferCode}/receive` })).statusCode, 401);
    env.clock.advance(90 * 60_000);
    const got = await lab.post(`/api/tube-batches/${transferCode}/receive`);
    assert.equal(got.statusCode, 200, got.body);
    assert.equal(got.json().receivedAt, env.clock.now().toISOString());
    assert.deepEqual(got.json().tubes.map((t: { status: string }) => t.status), ['received', 'received']);
    assert.equal((await lab.post(`/api/tube-batches/${transferCode}/receive`)).statusCode, 409);
  });

  test('a tube: status, batch, members masked; scoped by jurisdiction', async () => {
    const res = await sampler.get('/api/tubes/T0001');
    assert.equal(res.statusCode, 200, res.body);
    const tube = res.json();
    assert.equal(tube.status, 'received');
    assert.equal(tube.transferCode, transferCode);
    assert.equal(tube.samplingPoint.code, 'SP-A1');
    assert.equal(tube.members.length, 10);
    assert.equal(tube.result, null);
    assert.ok(tube.receivedAt);
    assert.match(tube.members[0].nameMasked, /^张\*+$/);
    for (const p of people) assert.ok(!res.body.includes(p.idNumber), 'no full document number');
    assert.equal((await lab.get('/api/tubes/T0001')).statusCode, 200);
    assert.equal((await samplerB.get('/api/tubes/T0001')).statusCode, 404);
    assert.equal((await sampler.get('/api/tubes/NOPE')).statusCode, 404);
    assert.equal((await auditor.get('/api/tubes/T0001')).statusCode, 403);
    assert.equal((await sampler.get(`/api/tubes/${'X'.repeat(65)}`)).statusCode, 400);
    assert.equal((await env.app.inject({ method: 'GET', url: '/api/tubes/T0001' })).statusCode, 401);
  });

  test('a closed round takes no new tubes; its detail counts tubes and people', async () => {
    const closed = await city.post(`/api/testing-rounds/${roundId}/close`);
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().status, 'closed');
    assert.equal(closed.json().sampled, 12);
    const late = await send(sampler, [{ eventId: 'late-1', type: 'open_tube', barcode: 'T0100', poolSize: 10, roundId, samplingPointId: pointA }]);
    assert.equal(late.results[0].code, 'round_not_open');
  });
});

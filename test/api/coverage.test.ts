import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { roundAreas, testingRounds, tubeMembers, tubes } from '../../src/modules/testing/sampling.table.ts';
import { addAccount, idNumber, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

describe('round coverage, the untested list and the pooling advisor', () => {
  let env: TestEnv;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  let city: Client;
  let workerA: Client;
  let auditor: Client;
  let sampler: Client;
  let roundId: string;
  let otherRoundId: string;
  const ids: Record<string, string> = {};

  before(async () => {
    env = await startTestApp();
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'workera', 'grid_worker', nodes['a.community'].id);
    await addAccount(env.ctx, 'auditor', 'auditor', nodes.city.id);
    await addAccount(env.ctx, 'sampler', 'sampler', nodes.city.id);
    [city, workerA, auditor, sampler] = await Promise.all(['city', 'workera', 'auditor', 'sampler'].map((u) => signIn(env.app, u)));
    const thisYear = new Date().getUTCFullYear();
    const people: Array<[string, string, string, string[], string, number]> = [
      ['tested', '张测', 'a.household', [], '19800101', 701],
      ['infant', '张婴', 'a.household', ['infant'], `${thisYear - 1}0101`, 702],
      ['oldInfant', '张童', 'a.household', ['infant'], `${thisYear - 6}0101`, 703],
      ['disabled', '张残', 'a.household', ['disabled'], '19500101', 704],
      ['missing', '张漏', 'a.household', [], '19900101', 705],
      ['bTested', '李测', 'b.household', [], '19800101', 706],
      ['bMissing', '李漏', 'b.household', ['elderly_alone'], '19400101', 707],
    ];
    for (const [key, name, household, groups, birth, seq] of people) {
      const res = await city.post('/api/people', { name, idNumber: idNumber('410102', birth, seq), phone: `1380000${String(seq).padStart(4, '0')}`, jurisdictionCode: nodes[household].code, groups, address: `${name}的家, 1号楼` });
      assert.equal(res.statusCode, 201, res.body);
      ids[key] = res.json().id;
    }
    const today = new Date(env.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const [round] = await env.ctx.db.insert(testingRounds).values({ name: '第一轮全员核酸', day: today, status: 'open' }).returning();
    roundId = round.id;
    const [other] = await env.ctx.db.insert(testingRounds).values({ name: '区a加测', day: today, status: 'open' }).returning();
    otherRoundId = other.id;
    await env.ctx.db.insert(roundAreas).values([
      { roundId, jurisdictionId: nodes.a.id, jurisdictionPath: nodes.a.path, poolSize: 10 },
      { roundId, jurisdictionId: nodes['b.community'].id, jurisdictionPath: nodes['b.community'].path, poolSize: 10 },
      { roundId: otherRoundId, jurisdictionId: nodes['a.community'].id, jurisdictionPath: nodes['a.community'].path, poolSize: 20 },
    ]);
    const now = env.clock.now();
    const [tube] = await env.ctx.db.insert(tubes).values({ barcode: 'C000001', roundId, jurisdictionPath: nodes.city.path, poolSize: 10, status: 'closed', openedAt: now }).returning();
    await env.ctx.db.insert(tubeMembers).values([
      { tubeId: tube.id, personId: ids.tested, roundId, sampledAt: now, clientEventId: 'c1' },
      { tubeId: tube.id, personId: ids.disabled, roundId, sampledAt: now, clientEventId: 'c2' },
      { tubeId: tube.id, personId: ids.bTested, roundId, sampledAt: now, clientEventId: 'c3' },
    ]);
  });
  after(() => env.close());

  test('per community: residents, tested, exempt (infants under 3, disabled not sampled) and untested', async () => {
    const res = await city.get(`/api/testing-rounds/${roundId}/coverage`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.round.name, '第一轮全员核酸');
    assert.match(body.exemptRule, /infant/);
    const rows = body.items.map((i: { name: string; residents: number; tested: number; exempt: number; untested: number }) => [i.name, i.residents, i.tested, i.exempt, i.untested]);
    // In a: the disabled person was sampled, so counts as tested; the infant under 3 is exempt, the 6-year-old is not.
    assert.deepEqual(rows, [
      ['社区a', 5, 2, 1, 2],
      ['社区b', 2, 1, 0, 1],
    ]);
    assert.deepEqual(body.totals, { residents: 7, tested: 3, exempt: 1, untested: 3, rate: 0.5 });
    const mine = (await workerA.get(`/api/testing-rounds/${roundId}/coverage`)).json();
    assert.deepEqual(mine.items.map((i: { name: string }) => i.name), ['社区a']);
    const other = (await city.get(`/api/testing-rounds/${otherRoundId}/coverage`)).json();
    assert.deepEqual(other.items.map((i: { name: string; tested: number; untested: number }) => [i.name, i.tested, i.untested]), [['社区a', 0, 3]], 'tested in another round does not count');
    const rounds = (await city.get('/api/coverage/rounds')).json().items;
    assert.equal(rounds.length, 2);
  });

  test('the untested list as CSV for Excel: BOM, masked, scoped, one community on request; audited', async () => {
    const res = await city.get(`/api/testing-rounds/${roundId}/untested.csv`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /text\/csv; charset=utf-8/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="untested-/);
    assert.ok(res.body.startsWith('\ufeff'), 'UTF-8 BOM');
    const lines = res.body.slice(1).trim().split('\n');
    assert.match(lines[0], /^姓名 Name,/);
    assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]).sort(), ['张童', '张漏', '李漏'].sort());
    assert.ok(lines.slice(1).every((l) => /138\*{4}\d{4}/.test(l)), 'phones masked');
    assert.ok(lines.some((l) => l.includes('"张漏的家, 1号楼"')), 'a comma in the address is quoted');
    const b = (await city.get(`/api/testing-rounds/${roundId}/untested.csv?communityId=${nodes['b.community'].id}`)).body;
    assert.deepEqual(b.slice(1).trim().split('\n').slice(1).map((l) => l.split(',')[0]), ['李漏']);
    assert.equal((await workerA.get(`/api/testing-rounds/${roundId}/untested.csv?communityId=${nodes['b.community'].id}`)).statusCode, 404, 'outside the worker’s subtree');
    assert.equal((await city.get(`/api/testing-rounds/${roundId}/untested.csv?communityId=${nodes.a.id}`)).statusCode, 400, 'a district is not a community');
    const mine = (await workerA.get(`/api/testing-rounds/${roundId}/untested.csv`)).body;
    assert.equal(mine.slice(1).trim().split('\n').length, 3);
    const [{ n }] = await env.ctx.database.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'coverage.untested_export'`);
    assert.equal(n, 3, 'one per successful export');
  });

  test('the pooling advisor', async () => {
    const res = await workerA.get('/api/testing/pooling-advice?positiveRate=0.001&population=100000');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().ratio, 20);
    assert.equal(res.json().round.poolTubes, 5000);
    assert.equal((await city.get('/api/testing/pooling-advice?positiveRate=0.3')).json().ratio, 1);
    assert.equal((await city.get('/api/testing/pooling-advice?positiveRate=1.5')).statusCode, 400);
    assert.equal((await city.get('/api/testing/pooling-advice')).statusCode, 400);
    assert.equal((await sampler.get('/api/testing/pooling-advice?positiveRate=0.01')).statusCode, 403);
  });

  test('401, 403, 404 and 400 on the coverage routes', async () => {
    assert.equal((await env.app.inject({ method: 'GET', url: `/api/testing-rounds/${roundId}/coverage` })).statusCode, 401);
    assert.equal((await auditor.get(`/api/testing-rounds/${roundId}/coverage`)).statusCode, 403);
    assert.equal((await sampler.get(`/api/testing-rounds/${roundId}/untested.csv`)).statusCode, 403);
    assert.equal((await city.get('/api/testing-rounds/00000000-0000-4000-8000-000000000000/coverage')).statusCode, 404);
    assert.equal((await city.get('/api/testing-rounds/00000000-0000-4000-8000-000000000000/untested.csv')).statusCode, 404);
    assert.equal((await city.get('/api/testing-rounds/not-a-uuid/coverage')).statusCode, 400);
  });
});

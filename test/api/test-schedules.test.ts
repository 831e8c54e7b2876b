import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkMissedTests } from '../../src/jobs/check-missed-tests.ts';
import { startJobs } from '../../src/jobs/start-jobs.ts';
import { addAccount, idNumber, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

const HOUR = 3_600_000;

describe('group test schedules and the missed-test job', () => {
  let env: TestEnv;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  let city: Client;
  let distA: Client;
  let distB: Client;
  let worker: Client;
  let worker2: Client;
  let keyA: string;
  let keyB: string;
  let keyTested: string;
  let other: string;
  let natSchedule: string;

  const signInAll = async () => {
    [city, distA, distB, worker, worker2] = await Promise.all(['city', 'dista', 'distb', 'worker', 'worker2'].map((u) => signIn(env.app, u)));
  };
  const advance = async (ms: number) => {
    env.clock.advance(ms);
    await signInAll();
  };
  const addPerson = async (name: string, seq: number, groups: string[], household = 'a.household') => {
    const res = await city.post('/api/people', { name, idNumber: idNumber('410102', '19850101', seq), phone: `1390000${String(seq).padStart(4, '0')}`, jurisdictionCode: nodes[household].code, groups });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };
  const code = async (personId: string) => (await city.get(`/api/people/${personId}/code`)).json();
  const nat = async (personId: string, at = env.clock.now()) => {
    const res = await worker.post(`/api/people/${personId}/test-results`, { kind: 'nat', result: 'negative', sampledAt: at.toISOString() });
    assert.equal(res.statusCode, 201, res.body);
  };

  before(async () => {
    env = await startTestApp();
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'dista', 'district_commander', nodes.a.id);
    await addAccount(env.ctx, 'distb', 'district_commander', nodes.b.id);
    await addAccount(env.ctx, 'worker', 'grid_worker', nodes.city.id);
    await addAccount(env.ctx, 'worker2', 'grid_worker', nodes['a.community'].id);
    await signInAll();
    keyA = await addPerson('张一', 701, ['key_industry']);
    keyTested = await addPerson('张二', 702, ['key_industry', 'chronic_illness']);
    keyB = await addPerson('张三', 703, ['key_industry'], 'b.household');
    other = await addPerson('张四', 704, ['elderly_alone']);
  });
  after(() => env.close());

  test('creating a schedule: validation, default area, duplicates, permissions, scope', async () => {
    const created = await distA.post('/api/test-schedules', { group: 'key_industry', kind: 'nat', everyHours: 24 });
    assert.equal(created.statusCode, 201, created.body);
    const s = created.json();
    assert.equal(s.jurisdiction.code, nodes.a.code, 'the default area is the caller’s own node');
    assert.equal(s.active, true);
    assert.equal(s.missing, 0);
    natSchedule = s.id;

    const antigen = await distA.post('/api/test-schedules', { group: 'key_industry', kind: 'antigen', everyHours: 24, jurisdictionCode: nodes['a.community'].code });
    assert.equal(antigen.statusCode, 201, 'morning antigen + evening NAT: a second schedule of another kind');

    for (const body of [
      { group: 'key_industry', kind: 'nat', everyHours: 12 },
      { group: 'key_industry', kind: 'pcr', everyHours: 24 },
      { group: 'nobody', kind: 'nat', everyHours: 24 },
      { group: 'key_industry', kind: 'nat', everyHours: 24, extra: 1 },
      { kind: 'nat', everyHours: 24 },
    ]) {
      const res = await distA.post('/api/test-schedules', body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
    }
    const outside = await distA.post('/api/test-schedules', { group: 'key_industry', kind: 'nat', everyHours: 48, jurisdictionCode: nodes.b.code });
    assert.equal(outside.statusCode, 400, 'an area outside the caller’s jurisdiction');
    assert.match(outside.json().error.message, /outside your jurisdiction/);
    const dup = await distA.post('/api/test-schedules', { group: 'key_industry', kind: 'nat', everyHours: 48 });
    assert.equal(dup.statusCode, 409, 'one active schedule per group, kind and area');
    assert.equal((await worker.post('/api/test-schedules', { group: 'key_industry', kind: 'nat', everyHours: 24 })).statusCode, 403);

    const mine = (await distA.get('/api/test-schedules')).json().items.map((x: { id: string }) => x.id);
    assert.ok(mine.includes(natSchedule));
    assert.equal(mine.length, 2);
    assert.equal((await worker2.get('/api/test-schedules')).json().items.length, 2, 'a node inside the area sees the schedules that apply to it');
    assert.equal((await distB.get('/api/test-schedules')).json().items.length, 0, 'another district sees nothing');
    assert.equal((await city.get('/api/test-schedules?active=true')).json().items.length, 2);

    const audit = await env.ctx.database.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'test_schedule.create'`);
    assert.equal(audit[0].n, 2);
  });

  test('deactivate: 404 outside the jurisdiction, 403 without the permission, 409 twice', async () => {
    const extra = (await city.post('/api/test-schedules', { group: 'elderly_alone', kind: 'antigen', everyHours: 72, jurisdictionCode: nodes.a.code })).json();
    assert.equal((await distB.post(`/api/test-schedules/${extra.id}/deactivate`)).statusCode, 404);
    assert.equal((await distB.post('/api/test-schedules/00000000-0000-4000-8000-000000000000/deactivate')).statusCode, 404);
    assert.equal((await worker.post(`/api/test-schedules/${extra.id}/deactivate`)).statusCode, 403);
    assert.equal((await worker2.post(`/api/test-schedules/${extra.id}/deactivate`)).statusCode, 403);
    const done = await distA.post(`/api/test-schedules/${extra.id}/deactivate`);
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().active, false);
    assert.equal((await distA.post(`/api/test-schedules/${extra.id}/deactivate`)).statusCode, 409);
    // The antigen schedule is not part of the job test below.
    const antigen = (await distA.get('/api/test-schedules?active=true')).json().items.find((x: { kind: string }) => x.kind === 'antigen');
    assert.equal((await distA.post(`/api/test-schedules/${antigen.id}/deactivate`)).statusCode, 200);
  });

  test('the job: a group member without a test turns yellow; a NAT and the next run turn them green; others untouched', async () => {
    const run = () => checkMissedTests(env.ctx);
    const missedFacts = async (personId: string) =>
      (await env.ctx.database.query<{ ended_at: Date | null }>(`select ended_at from health_facts where person_id = $1 and kind = 'missed_required_test'`, [personId])).length;

    await advance(20 * HOUR);
    await nat(keyTested);
    assert.deepEqual(await run(), { schedules: 1, flagged: 0, cleared: 0 }, 'nobody is late within 24 h of the schedule’s creation');

    await advance(5 * HOUR);
    assert.deepEqual(await run(), { schedules: 1, flagged: 1, cleared: 0 });
    const yellow = await code(keyA);
    assert.equal(yellow.colour, 'yellow');
    assert.equal(yellow.reasons[0].kind, 'missed_required_test');
    assert.match(yellow.reasons[0].en, /missed a required test/i);
    assert.equal((await code(keyTested)).colour, 'green', 'tested 5 h ago');
    assert.equal((await code(keyB)).colour, 'green', 'in the group, but outside the schedule’s area');
    assert.equal((await code(other)).colour, 'green', 'outside the group');
    assert.equal((await distA.get('/api/test-schedules?active=true')).json().items[0].missing, 1);

    assert.deepEqual(await run(), { schedules: 1, flagged: 0, cleared: 0 }, 'idempotent');
    assert.equal(await missedFacts(keyA), 1);

    await nat(keyA);
    assert.equal((await code(keyA)).colour, 'yellow', 'a new result clears the yellow at the next run, not at once');
    await advance(HOUR);
    assert.deepEqual(await run(), { schedules: 1, flagged: 0, cleared: 1 });
    assert.equal((await code(keyA)).colour, 'green');

    // 46 h: keyTested's NAT of 20 h is now 26 h old; keyA's of 25 h is 21 h old.
    await advance(20 * HOUR);
    assert.deepEqual(await run(), { schedules: 1, flagged: 1, cleared: 0 });
    assert.equal((await code(keyTested)).colour, 'yellow');
    assert.equal((await code(keyA)).colour, 'green');

    // 50 h: keyA is late again; the ended fact is reopened (one fact per person and schedule).
    await advance(4 * HOUR);
    assert.deepEqual(await run(), { schedules: 1, flagged: 1, cleared: 0 });
    assert.equal((await code(keyA)).colour, 'yellow');
    assert.equal(await missedFacts(keyA), 1);
    assert.equal((await code(other)).colour, 'green');

    // Deactivating the schedule ends its facts at once.
    const off = await distA.post(`/api/test-schedules/${natSchedule}/deactivate`);
    assert.equal(off.statusCode, 200, off.body);
    assert.equal(off.json().missing, 0);
    assert.equal((await code(keyA)).colour, 'green');
    assert.equal((await code(keyTested)).colour, 'green');
    assert.deepEqual(await run(), { schedules: 0, flagged: 0, cleared: 0 });
    const checks = await env.ctx.database.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'test_schedule.check'`);
    assert.equal(checks[0].n, 4);
  });

  test('the job is registered to run at the start of each hour', async () => {
    const jobs = startJobs(env.ctx, { tickMs: 3_600_000 });
    const next = jobs.nextRuns()['check-missed-tests'];
    await jobs.stop();
    assert.equal(next.getTime() % HOUR, 0);
    assert.ok(next.getTime() > env.clock.now().getTime() && next.getTime() <= env.clock.now().getTime() + HOUR);
  });
});

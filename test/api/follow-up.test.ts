import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { escalateFollowUps } from '../../src/jobs/escalate-follow-ups.ts';
import { startJobs } from '../../src/jobs/start-jobs.ts';
import { closeFollowUpMember } from '../../src/modules/testing/follow-up/close-member.ts';
import { openPoolFollowUp } from '../../src/modules/testing/follow-up/open-pool-follow-up.ts';
import { tubeMembers, tubes } from '../../src/modules/testing/sampling.table.ts';
import { eq } from 'drizzle-orm';
import { grids, jurisdictions } from '../../src/modules/jurisdictions/jurisdictions.table.ts';
import { addAccount, clientFor, idNumber, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

const HOUR = 3_600_000;
const localDay = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 10);

describe('positive-pool follow-up: tasks, re-tests, clocks, escalation, clearance, antigen self-tests', () => {
  let env: TestEnv;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  let city: Client;
  let workerA: Client;
  let workerB: Client;
  let sampler: Client;
  let distB: Client;
  let auditor: Client;
  const a: string[] = [];
  let b1: string;
  let poolOne: string;
  let poolTwo: string;
  let day: string;

  const signInAll = async () => {
    [city, workerA, workerB, sampler, distB, auditor] = await Promise.all(['city', 'workera', 'workerb', 'sampler', 'distb', 'auditor'].map((u) => signIn(env.app, u)));
  };
  const advance = async (ms: number) => {
    env.clock.advance(ms);
    await signInAll();
  };
  const addPerson = async (name: string, seq: number, phone: string, household: string) => {
    const res = await city.post('/api/people', { name, idNumber: idNumber('410102', '19880101', seq), phone, jurisdictionCode: nodes[household].code });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };
  const pooledTube = async (barcode: string, path: string, personIds: string[]) => {
    const now = env.clock.now();
    const [tube] = await env.ctx.db.insert(tubes).values({ barcode, jurisdictionPath: path, poolSize: 10, status: 'resulted', openedAt: now, closedAt: now, result: 'positive' }).returning();
    await env.ctx.db.insert(tubeMembers).values(personIds.map((personId) => ({ tubeId: tube.id, personId, sampledAt: now, clientEventId: `${barcode}:${personId}` })));
    return tube.id;
  };
  const open = (tubeId: string) => env.ctx.db.transaction((tx) => openPoolFollowUp(tx, env.ctx, { tubeId, now: env.clock.now() }));
  const colour = async (personId: string) => (await city.get(`/api/people/${personId}/code`)).json();

  before(async () => {
    env = await startTestApp();
    // Start at 01:00 in the city (UTC+8), so every step below falls on one calendar day.
    const now = env.clock.now().getTime();
    const localMidnight = Date.parse(`${localDay(new Date(now))}T00:00:00+08:00`);
    env.clock.advance(localMidnight + 25 * HOUR - now);
    day = localDay(env.clock.now());
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'workera', 'grid_worker', nodes['a.community'].id);
    await addAccount(env.ctx, 'workerb', 'grid_worker', nodes['b.community'].id);
    await addAccount(env.ctx, 'sampler', 'sampler', nodes.city.id);
    await addAccount(env.ctx, 'distb', 'district_commander', nodes.b.id);
    await addAccount(env.ctx, 'auditor', 'auditor', nodes.city.id);
    await signInAll();
    a.push(await addPerson('王一', 601, '13900000001', 'a.household'));
    a.push(await addPerson('王二', 602, '13900000002', 'a.household'));
    a.push(await addPerson('王三', 603, '13900000003', 'a.household'));
    b1 = await addPerson('李四', 604, '13900000004', 'b.household');
  });
  after(() => env.close());

  test('a positive pool opens one follow-up: members yellow with the reason "pending re-test"; idempotent per tube', async () => {
    const tubeId = await pooledTube('P000001', nodes['a.street'].path, a);
    const first = await open(tubeId);
    assert.equal(first.members, 3);
    poolOne = first.followUpId;
    const again = await open(tubeId);
    assert.deepEqual(again, first);
    for (const id of a) {
      const code = await colour(id);
      assert.equal(code.colour, 'yellow');
      assert.equal(code.reasons[0].kind, 'pending_retest');
      assert.match(code.reasons[0].en, /re-test/);
      assert.equal(code.reasons.length, 1, 'the fact is recorded once');
    }
    assert.equal((await colour(b1)).colour, 'green');
    const single = (await env.ctx.db.insert(tubes).values({ barcode: 'S000001', jurisdictionPath: nodes['a.street'].path, poolSize: 1, status: 'resulted', openedAt: env.clock.now() }).returning())[0];
    await assert.rejects(open(single.id), /single-sample/);
  });

  test("the door-to-door list: the members' grid worker sees them, masked; another community's worker sees nothing", async () => {
    const res = await workerA.get('/api/follow-ups/tasks');
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items;
    assert.equal(items.length, 3);
    assert.deepEqual(items.map((t: { name: string }) => t.name).sort(), ['王一', '王三', '王二']);
    assert.equal(items[0].phoneMasked.includes('****'), true);
    assert.match(items[0].idNumberMasked, /\*/);
    assert.equal(items[0].community, '社区a');
    assert.equal(items[0].status, 'pending');
    assert.equal(items[0].state, 'on_time');
    assert.equal(new Date(items[0].retestDueAt).getTime() - new Date(items[0].openedAt).getTime(), 6 * HOUR);
    assert.equal(JSON.stringify(items).includes('13900000001'), false, 'no phone in clear');
    assert.equal((await workerB.get('/api/follow-ups/tasks')).json().items.length, 0);
    assert.equal((await city.get('/api/follow-ups/tasks')).json().items.length, 3);
    // Two grids in community a: the members' building belongs to workera's grid, not workera2's.
    const workerA2 = await addAccount(env.ctx, 'workera2', 'grid_worker', nodes['a.community'].id);
    const workerAId = (await env.ctx.database.query<{ id: string }>(`select id from accounts where username = 'workera'`))[0].id;
    const [g1, g2] = await env.ctx.db
      .insert(grids)
      .values([
        { code: 'G-A1', name: '一网格', communityId: nodes['a.community'].id, path: nodes['a.community'].path, workerAccountId: workerAId },
        { code: 'G-A2', name: '二网格', communityId: nodes['a.community'].id, path: nodes['a.community'].path, workerAccountId: workerA2 },
      ])
      .returning();
    await env.ctx.db.update(jurisdictions).set({ gridId: g1.id }).where(eq(jurisdictions.id, nodes['a.building'].id));
    await env.ctx.db.insert(jurisdictions).values({ code: '41010200100100102', name: '2号楼', level: 'building', parentId: nodes['a.compound'].id, path: `${nodes['a.compound'].path}41010200100100102/`, depth: 5, gridId: g2.id });
    assert.equal((await workerA.get('/api/follow-ups/tasks')).json().items.length, 3);
    assert.equal((await (await signIn(env.app, 'workera2')).get('/api/follow-ups/tasks')).json().items.length, 0, 'another grid of the same community');
    assert.equal((await auditor.get('/api/follow-ups/tasks')).statusCode, 403);
    assert.equal((await sampler.get('/api/follow-ups/tasks')).statusCode, 403, 'a sampler records re-tests but has no list');
    assert.equal((await env.app.inject({ method: 'GET', url: '/api/follow-ups/tasks' })).statusCode, 401);
  });

  test('the board: open follow-ups with clocks and progress, scoped', async () => {
    const board = (await city.get('/api/follow-ups')).json();
    assert.equal(board.items.length, 1);
    assert.equal(board.items[0].id, poolOne);
    assert.equal(board.items[0].state, 'on_time');
    assert.equal(board.items[0].membersTotal, 3);
    assert.equal(board.items[0].membersDone, 0);
    assert.deepEqual(board.items[0].communities, ['社区a']);
    assert.equal((await distB.get('/api/follow-ups')).json().items.length, 0);
    assert.equal((await workerA.get('/api/follow-ups')).json().items.length, 1, 'opened at the street, but its members live in the worker’s community');
    assert.equal((await city.get('/api/follow-ups?status=maybe')).statusCode, 400);
    assert.equal((await city.get('/api/follow-ups?day=yesterday')).statusCode, 400);
  });

  test('re-tests: sampled at the door, the lab result and results from elsewhere close members, the last one the follow-up', async () => {
    const url = (p: string, what = 'retest') => `/api/follow-ups/${poolOne}/members/${p}/${what}`;
    const sampledAt = env.clock.now().toISOString();
    assert.equal((await workerB.post(url(a[0]), { barcode: 'R000001', sampledAt })).statusCode, 404, 'not their community');
    assert.equal((await auditor.post(url(a[0]), { barcode: 'R000001', sampledAt })).statusCode, 403);
    assert.equal((await workerA.post(url(a[0]), { barcode: 'R 1', sampledAt })).statusCode, 400);
    assert.equal((await workerA.post(url(a[0]), { barcode: 'R000001', sampledAt: '2999-01-01T00:00:00+08:00' })).json().error.field, 'sampledAt');
    assert.equal((await workerA.post(`/api/follow-ups/00000000-0000-4000-8000-000000000000/members/${a[0]}/retest`, { barcode: 'R000001', sampledAt })).statusCode, 404);
    const res = await sampler.post(url(a[0]), { barcode: 'R000001', sampledAt });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().status, 'retest_sampled');
    assert.equal((await workerA.post(url(a[0]), { barcode: 'R000002', sampledAt })).statusCode, 409, 'already sampled');
    assert.equal((await workerA.post(url(a[1]), { barcode: 'R000001', sampledAt })).statusCode, 409, 'barcode taken');
    const [tube] = await env.ctx.database.query<{ purpose: string; pool_size: number; status: string }>(`select purpose, pool_size, status from tubes where barcode = 'R000001'`);
    assert.deepEqual(tube, { purpose: 'retest', pool_size: 1, status: 'closed' });

    // The lab's result for the re-test tube (what the lab pipeline calls in its transaction).
    const closed = await env.ctx.db.transaction((tx) => closeFollowUpMember(tx, { barcode: 'R000001', result: 'negative', now: env.clock.now() }));
    assert.deepEqual(closed, { followUpId: poolOne, personId: a[0], status: 'negative', followUpClosed: false });
    assert.equal(await env.ctx.db.transaction((tx) => closeFollowUpMember(tx, { barcode: 'NOPE', result: 'negative', now: env.clock.now() })), null);

    const neg = await workerA.post(url(a[1], 'result'), { result: 'negative' });
    assert.equal(neg.statusCode, 200, neg.body);
    assert.equal((await colour(a[1])).colour, 'green', 'a negative re-test ends the wait');
    assert.equal((await workerA.post(url(a[1], 'result'), { result: 'negative' })).statusCode, 409);
    assert.equal((await workerA.post(url(a[2], 'result'), { result: 'maybe' })).statusCode, 400);
    const pos = await workerA.post(url(a[2], 'result'), { result: 'positive' });
    assert.equal(pos.json().followUpClosed, true);
    const code = await colour(a[2]);
    assert.equal(code.colour, 'red');
    assert.ok(code.reasons.some((r: { kind: string }) => r.kind === 'positive_result'));
    assert.ok(!code.reasons.some((r: { kind: string }) => r.kind === 'pending_retest'));

    assert.equal((await workerA.get('/api/follow-ups/tasks')).json().items.length, 0);
    const closedBoard = (await city.get('/api/follow-ups?status=closed')).json();
    assert.equal(closedBoard.items[0].state, 'closed_on_time');
    assert.equal(closedBoard.items[0].membersDone, 3);
    const audit = (await env.ctx.database.query<{ action: string }>(`select action from audit_log where action like 'follow_up.%' order by id`)).map((r) => r.action);
    assert.deepEqual(audit, ['follow_up.open', 'follow_up.retest', 'follow_up.member_result', 'follow_up.member_result', 'follow_up.member_result', 'follow_up.close']);
  });

  test('clocks: the escalation job raises the level and names the street, then the district', async () => {
    const tubeId = await pooledTube('P000002', nodes['b.street'].path, [b1]);
    poolTwo = (await open(tubeId)).followUpId;
    const jobs = startJobs(env.ctx, { tickMs: 3_600_000 });
    assert.ok('escalate-follow-ups' in jobs.nextRuns());
    await jobs.stop();

    assert.deepEqual(await escalateFollowUps(env.ctx), { checked: 0, escalated: 0 });
    await advance(7 * HOUR);
    let item = (await distB.get('/api/follow-ups')).json().items[0];
    assert.equal(item.state, 'retest_overdue');
    assert.equal(item.escalationLevel, 1);
    assert.equal(item.storedEscalationLevel, 0);
    assert.deepEqual(await escalateFollowUps(env.ctx), { checked: 1, escalated: 1 });
    assert.deepEqual(await escalateFollowUps(env.ctx), { checked: 1, escalated: 0 }, 'once per level');
    item = (await distB.get('/api/follow-ups')).json().items[0];
    assert.equal(item.storedEscalationLevel, 1);

    await advance(8 * HOUR); // 15 h: 3 h past the 12-hour deadline, escalating every 2 h
    item = (await distB.get('/api/follow-ups')).json().items[0];
    assert.equal(item.state, 'close_overdue');
    assert.equal(item.escalationLevel, 2);
    assert.deepEqual(await escalateFollowUps(env.ctx), { checked: 1, escalated: 1 });
    const rows = await env.ctx.database.query<{ entity_id: string; jurisdiction_path: string; details: { to: number; escalatesTo: { level: string; name: string } } }>(
      `select entity_id, jurisdiction_path, details from audit_log where action = 'follow_up.escalate' order by id`,
    );
    assert.deepEqual(
      rows.map((r) => [r.entity_id, r.jurisdiction_path, r.details.to, r.details.escalatesTo.level, r.details.escalatesTo.name]),
      [
        [poolTwo, nodes['b.street'].path, 1, 'street', '街道b'],
        [poolTwo, nodes.b.path, 2, 'district', '区b'],
      ],
    );
    assert.equal(localDay(env.clock.now()), day, 'still the same day');
  });

  test('daily clearance: not cleared while a follow-up of the day is open, cleared once it closes', async () => {
    let board = (await city.get(`/api/follow-ups?status=all&day=${day}`)).json();
    assert.equal(board.items.length, 2);
    assert.deepEqual(board.clearance, { day, opened: 2, closedSameDay: 1, cleared: false });
    await workerB.post(`/api/follow-ups/${poolTwo}/members/${b1}/result`, { result: 'negative' });
    board = (await city.get(`/api/follow-ups?day=${day}`)).json();
    assert.deepEqual(board.clearance, { day, opened: 2, closedSameDay: 2, cleared: true });
    assert.equal(board.items.length, 0, 'none open');
    assert.equal((await city.get(`/api/follow-ups?status=closed`)).json().items[1].state, 'closed_late');
    const other = (await city.get('/api/follow-ups?day=2020-01-01')).json();
    assert.deepEqual(other.clearance, { day: '2020-01-01', opened: 0, closedSameDay: 0, cleared: true });
  });

  test('antigen self-test: a positive turns the code yellow and puts the person on the grid worker’s list', async () => {
    await env.app.inject({ method: 'POST', url: '/api/auth/citizen/code', payload: { phone: '13900000002' } });
    const login = await env.app.inject({ method: 'POST', url: '/api/auth/citizen/login', payload: { phone: '13900000002', code: env.notifier.last.get('13900000002') } });
    const citizen = clientFor(env.app, String(login.headers['set-cookie']).split(';')[0], login.json().csrfToken);
    const testedAt = new Date(env.clock.now().getTime() - HOUR).toISOString();
    assert.equal((await citizen.post('/api/citizen/antigen', { personId: b1, result: 'positive', testedAt })).statusCode, 404, 'not their person');
    assert.equal((await citizen.post('/api/citizen/antigen', { personId: a[1], result: 'unclear', testedAt })).statusCode, 400);
    assert.equal((await city.post('/api/citizen/antigen', { personId: a[1], result: 'positive', testedAt })).statusCode, 403);
    assert.equal((await env.app.inject({ method: 'POST', url: '/api/citizen/antigen', payload: { personId: a[1], result: 'positive', testedAt } })).statusCode, 401);
    const neg = await citizen.post('/api/citizen/antigen', { personId: a[1], result: 'negative', testedAt });
    assert.equal(neg.statusCode, 201, neg.body);
    assert.equal(neg.json().followUpId, null);
    assert.equal((await colour(a[1])).colour, 'green');
    const pos = await citizen.post('/api/citizen/antigen', { personId: a[1], result: 'positive', testedAt });
    assert.equal(pos.statusCode, 201, pos.body);
    const code = await colour(a[1]);
    assert.equal(code.colour, 'yellow');
    assert.equal(code.reasons[0].kind, 'pending_retest');
    const [fact] = await env.ctx.database.query<{ source_ref: string }>(`select source_ref from health_facts where person_id = $1 and kind = 'pending_retest' and ended_at is null`, [a[1]]);
    assert.equal(fact.source_ref, `antigen:${pos.json().id}`);
    const [result] = await env.ctx.database.query<{ kind: string; source: string }>(`select kind, source from test_results where id = $1`, [pos.json().id]);
    assert.deepEqual(result, { kind: 'antigen', source: 'self' });
    const tasks = (await workerA.get('/api/follow-ups/tasks')).json().items;
    assert.equal(tasks.length, 1);
    assert.equal(tasks[0].personId, a[1]);
    assert.equal(tasks[0].purpose, 'antigen_followup');
    assert.equal((await workerB.get('/api/follow-ups/tasks')).json().items.length, 0);
    const [tube] = await env.ctx.database.query<{ barcode: string; pool_size: number; status: string }>(`select barcode, pool_size, status from tubes where purpose = 'antigen_followup'`);
    assert.match(tube.barcode, /^AG-[0-9A-F]{12}$/);
    assert.equal(tube.pool_size, 1);
  });
});

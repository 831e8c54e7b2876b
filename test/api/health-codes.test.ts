import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addAccount, clientFor, idNumber, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

describe('health codes: facts, colours, history, two-person overrides, appeals, policies', () => {
  let env: TestEnv;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  let city: Client;
  let cityB: Client;
  let distB: Client;
  let investigator: Client;
  let worker: Client;
  let auditor: Client;
  let personId: string;
  let otherId: string;

  // Sessions last 12 hours; tests that move the clock by days sign everyone in again.
  const signInAll = async () => {
    [city, cityB, distB, investigator, worker, auditor] = await Promise.all(['city', 'city2', 'distb', 'inv', 'worker', 'auditor'].map((u) => signIn(env.app, u)));
  };
  const advanceDays = async (n: number) => {
    env.clock.advance(n * 86_400_000);
    await signInAll();
  };

  before(async () => {
    env = await startTestApp();
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'city2', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'distb', 'district_commander', nodes.b.id);
    await addAccount(env.ctx, 'inv', 'investigator', nodes.city.id);
    await addAccount(env.ctx, 'worker', 'grid_worker', nodes['a.community'].id);
    await addAccount(env.ctx, 'auditor', 'auditor', nodes.city.id);
    await signInAll();
    personId = (await city.post('/api/people', { name: '陈红', idNumber: idNumber('410102', '19880101', 501), phone: '13600000001', jurisdictionCode: nodes['a.household'].code })).json().id;
    otherId = (await city.post('/api/people', { name: '林绿', idNumber: idNumber('410102', '19880101', 502), phone: '13600000002', jurisdictionCode: nodes['a.household'].code })).json().id;
  });
  after(() => env.close());

  test('a new person is green with no reasons', async () => {
    const code = (await worker.get(`/api/people/${personId}/code`)).json();
    assert.equal(code.colour, 'green');
    assert.deepEqual(code.reasons, []);
    assert.equal(code.greenAt, null);
  });

  test('a recorded fact turns the code red, explains why and when it turns green, and is in the history', async () => {
    const res = await investigator.post(`/api/people/${personId}/health-facts`, { kind: 'close_contact', note: 'shared an office with case 2022-017 on 28 April' });
    assert.equal(res.statusCode, 201, res.body);
    const code = (await worker.get(`/api/people/${personId}/code`)).json();
    assert.equal(code.colour, 'red');
    assert.equal(code.reasons[0].kind, 'close_contact');
    assert.equal(code.reasons[0].ref, res.json().id);
    assert.match(code.reasons[0].zh, /密切接触者/);
    assert.equal(new Date(code.greenAt).getTime() - new Date(res.json().validFrom).getTime(), 14 * 86_400_000);
    const history = (await worker.get(`/api/people/${personId}/colour-history`)).json().items;
    assert.deepEqual([history[0].fromColour, history[0].toColour], ['green', 'red']);
    const audit = (await auditor.get(`/api/audit?action=health_fact.record&entityId=${personId}`)).json();
    assert.equal(audit.total, 1);
  });

  test('the code turns green by itself when the fact lapses', async () => {
    await advanceDays(15);
    const code = (await worker.get(`/api/people/${personId}/code`)).json();
    assert.equal(code.colour, 'green');
    const history = (await worker.get(`/api/people/${personId}/colour-history`)).json().items;
    assert.deepEqual([history[0].fromColour, history[0].toColour], ['red', 'green']);
  });

  test('ending a fact early recolours at once', async () => {
    const fact = (await investigator.post(`/api/people/${personId}/health-facts`, { kind: 'pending_retest', note: 'member of positive pool T123' })).json();
    assert.equal((await worker.get(`/api/people/${personId}/code`)).json().colour, 'yellow');
    const ended = await investigator.post(`/api/health-facts/${fact.id}/end`, { reason: 'single-tube re-test negative' });
    assert.equal(ended.statusCode, 200);
    assert.equal((await worker.get(`/api/people/${personId}/code`)).json().colour, 'green');
    assert.equal((await investigator.post(`/api/health-facts/${fact.id}/end`, { reason: 'again please' })).statusCode, 400);
  });

  test('a colour by hand alone is impossible: the database refuses a red code without a reason', async () => {
    assert.equal((await worker.get(`/api/people/${otherId}/code`)).json().colour, 'green');
    await assert.rejects(env.ctx.database.query(`update health_codes set colour = 'red', reasons = '[]'::jsonb where person_id = $1`, [otherId]), /health_codes_colour_needs_reason/);
  });

  test('two-person rule: proposal changes nothing, the proposer cannot approve, a second account can', async () => {
    const proposal = await city.post(`/api/people/${otherId}/overrides`, { colour: 'yellow', reason: 'reported fever at a clinic, awaiting test' });
    assert.equal(proposal.statusCode, 201, proposal.body);
    assert.equal(proposal.json().status, 'pending');
    assert.equal((await worker.get(`/api/people/${otherId}/code`)).json().colour, 'green');
    const self = await city.post(`/api/overrides/${proposal.json().id}/approve`, { note: 'I approve my own' });
    assert.equal(self.statusCode, 403);
    assert.match(self.json().error.message, /Two-person/);
    assert.equal((await worker.post(`/api/overrides/${proposal.json().id}/approve`, { note: 'looks fine' })).statusCode, 403);
    assert.equal((await distB.post(`/api/overrides/${proposal.json().id}/approve`, { note: 'looks fine' })).statusCode, 404, 'outside their district');
    const ok = await cityB.post(`/api/overrides/${proposal.json().id}/approve`, { note: 'confirmed with the clinic' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().decidedBy, 'city2');
    const code = (await worker.get(`/api/people/${otherId}/code`)).json();
    assert.equal(code.colour, 'yellow');
    assert.equal(code.reasons[0].kind, 'manual_override');
    assert.match(code.reasons[0].en, /reported fever/);
    assert.equal((await cityB.post(`/api/overrides/${proposal.json().id}/approve`, { note: 'again' })).statusCode, 409);
    const trail = (await auditor.get(`/api/audit?action=override.*&entityId=${otherId}`)).json().items.map((r: { action: string; actorName: string }) => `${r.action}:${r.actorName}`);
    assert.deepEqual(trail, ['override.approve:city2', 'override.propose:city']);
    assert.equal((await city.get('/api/overrides?status=approved')).json().items.length, 1);
  });

  test('a citizen sees colour, reasons and history, appeals; the queue resolves it through a second approver', async () => {
    await env.app.inject({ method: 'POST', url: '/api/auth/citizen/code', payload: { phone: '13600000002' } });
    const login = await env.app.inject({ method: 'POST', url: '/api/auth/citizen/login', payload: { phone: '13600000002', code: env.notifier.last.get('13600000002') } });
    const citizen = clientFor(env.app, String(login.headers['set-cookie']).split(';')[0], login.json().csrfToken);
    const codes = (await citizen.get('/api/citizen/codes')).json().items;
    assert.equal(codes.length, 1);
    assert.equal(codes[0].code.colour, 'yellow');
    assert.ok(codes[0].history.length >= 1);
    assert.equal((await citizen.post('/api/citizen/appeals', { personId, reason: 'not my record at all' })).statusCode, 404, 'only their own people');
    const appeal = await citizen.post('/api/citizen/appeals', { personId: otherId, reason: 'the fever was a sunburn; I tested negative at the clinic' });
    assert.equal(appeal.statusCode, 201, appeal.body);
    assert.equal((await citizen.post('/api/citizen/appeals', { personId: otherId, reason: 'second appeal, same thing' })).statusCode, 409);

    assert.equal((await distB.get('/api/appeals?status=open')).json().items.length, 0, 'another district does not see it');
    const queue = (await city.get('/api/appeals?status=open')).json().items;
    assert.equal(queue.length, 1);
    const corrected = await city.post(`/api/appeals/${queue[0].id}/correct`, { colour: 'green', resolution: 'clinic confirmed a negative test on 2 May' });
    assert.equal(corrected.statusCode, 200, corrected.body);
    assert.equal(corrected.json().status, 'correction_proposed');
    assert.equal((await worker.get(`/api/people/${otherId}/code`)).json().colour, 'yellow');
    await cityB.post(`/api/overrides/${corrected.json().overrideId}/approve`, { note: 'checked the clinic record' });
    assert.equal((await worker.get(`/api/people/${otherId}/code`)).json().colour, 'green');
    const mine = (await citizen.get('/api/citizen/appeals')).json().items;
    assert.equal(mine[0].status, 'corrected');
    const after = (await citizen.get('/api/citizen/codes')).json().items[0];
    assert.equal(after.notices[0].kind, 'appeal_resolved');
    assert.ok(env.notifier.notices.some((n) => n.phone === '13600000002'));
  });

  test('upholding an appeal keeps the colour and tells the citizen', async () => {
    await investigator.post(`/api/people/${personId}/health-facts`, { kind: 'secondary_contact', note: 'household of close contact 123' });
    await env.app.inject({ method: 'POST', url: '/api/auth/citizen/code', payload: { phone: '13600000001' } });
    const login = await env.app.inject({ method: 'POST', url: '/api/auth/citizen/login', payload: { phone: '13600000001', code: env.notifier.last.get('13600000001') } });
    const citizen = clientFor(env.app, String(login.headers['set-cookie']).split(';')[0], login.json().csrfToken);
    const appeal = (await citizen.post('/api/citizen/appeals', { personId, reason: 'I live alone, not in that household' })).json();
    const res = await city.post(`/api/appeals/${appeal.id}/uphold`, { resolution: 'household register confirms the address' });
    assert.equal(res.json().status, 'upheld');
    assert.equal((await worker.get(`/api/people/${personId}/code`)).json().colour, 'yellow');
  });

  test('switching the policy recolours on the next read (national 9th edition: 7 days)', async () => {
    const policies = (await city.get('/api/health-codes/policies')).json().items;
    assert.deepEqual(policies.map((p: { preset: string; active: boolean }) => `${p.preset}:${p.active}`), ['seeds:true', 'national-9:false']);
    const fresh = (await city.post('/api/people', { name: '周政', idNumber: idNumber('410102', '19900101', 503), phone: '13600000003', jurisdictionCode: nodes['a.household'].code })).json().id;
    await investigator.post(`/api/people/${fresh}/health-facts`, { kind: 'close_contact', note: 'same bus as case 2022-020' });
    assert.equal((await distB.post('/api/health-codes/policies/2/activate', { reason: 'national plan' })).statusCode, 403);
    const act = await city.post('/api/health-codes/policies/2/activate', { reason: 'the 9th edition of the national plan applies from today' });
    assert.equal(act.statusCode, 200, act.body);
    const code = (await worker.get(`/api/people/${fresh}/code`)).json();
    assert.equal(code.policyVersion, 2);
    assert.equal(code.colour, 'red');
    await advanceDays(8);
    assert.equal((await worker.get(`/api/people/${fresh}/code`)).json().colour, 'yellow', 'day 8: home health monitoring');
    assert.equal((await city.post('/api/health-codes/policies/2/activate', { reason: 'again' })).statusCode, 409);
    const custom = await city.post('/api/health-codes/policies', { name: 'strict', rules: [{ kind: 'close_contact', colour: 'red', days: 21, reason: { zh: '密接', en: 'Close contact' } }] });
    assert.equal(custom.statusCode, 201);
    assert.equal(custom.json().version, 3);
    const bad = await city.post('/api/health-codes/policies', { name: 'bad', rules: [{ kind: 'close_contact', colour: 'purple', days: 1, reason: { zh: 'x', en: 'x' } }] });
    assert.equal(bad.statusCode, 400);
  });

  test('401, 403, 404 and 400 on the health-code routes', async () => {
    assert.equal((await env.app.inject({ method: 'GET', url: `/api/people/${personId}/code` })).statusCode, 401);
    assert.equal((await auditor.get(`/api/people/${personId}/code`)).statusCode, 403);
    assert.equal((await distB.get(`/api/people/${personId}/code`)).statusCode, 404);
    assert.equal((await worker.post(`/api/people/${personId}/health-facts`, { kind: 'close_contact', note: 'grid worker guess' })).statusCode, 403);
    const bad = await investigator.post(`/api/people/${personId}/health-facts`, { kind: 'debtor', note: 'owes the bank money' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'kind');
    assert.equal((await investigator.post(`/api/people/${personId}/health-facts`, { kind: 'close_contact' })).json().error.field, 'note');
    assert.equal((await city.post(`/api/people/${personId}/overrides`, { colour: 'red', reason: 'short' })).statusCode, 400);
    assert.equal((await city.post('/api/overrides/00000000-0000-4000-8000-000000000000/approve', { note: 'nothing here' })).statusCode, 404);
    assert.equal((await city.post('/api/appeals/00000000-0000-4000-8000-000000000000/uphold', { resolution: 'nothing here at all' })).statusCode, 404);
    assert.equal((await city.get('/api/citizen/codes')).statusCode, 403);
  });
});

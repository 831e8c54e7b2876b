import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { addAccount, idNumber, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

describe('accounts', () => {
  let env: TestEnv;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  let admin: Client;
  let distA: Client;
  let worker: Client;

  before(async () => {
    env = await startTestApp();
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'root', 'admin', nodes.city.id);
    await addAccount(env.ctx, 'dista', 'district_commander', nodes.a.id);
    await addAccount(env.ctx, 'distb', 'district_commander', nodes.b.id);
    await addAccount(env.ctx, 'worker', 'grid_worker', nodes['a.community'].id);
    [admin, distA, worker] = await Promise.all([signIn(env.app, 'root'), signIn(env.app, 'dista'), signIn(env.app, 'worker')]);
  });
  after(() => env.close());

  test('the staff list is scoped: a district commander does not see colleagues elsewhere', async () => {
    const all = (await admin.get('/api/accounts')).json();
    assert.equal(all.total, 4);
    const mine = (await distA.get('/api/accounts')).json().items.map((a: { username: string }) => a.username).sort();
    assert.deepEqual(mine, ['dista', 'worker']);
    assert.equal((await worker.get('/api/accounts')).statusCode, 403);
  });

  test('create: validated, unique, bound inside the creator subtree, audited; the new account signs in', async () => {
    const input = { username: 'new.sampler', displayName: '采样员', password: 'sample-pass-123', role: 'sampler', jurisdictionCode: nodes['a.community'].code };
    const created = await admin.post('/api/accounts', input);
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().jurisdiction.code, nodes['a.community'].code);
    assert.ok(!('passwordHash' in created.json()));
    assert.equal((await admin.post('/api/accounts', input)).statusCode, 409);
    const weak = await admin.post('/api/accounts', { ...input, username: 'weak', password: 'aaaaaaaaaaaa' });
    assert.equal(weak.statusCode, 400);
    assert.equal(weak.json().error.field, 'password');
    const badRole = await admin.post('/api/accounts', { ...input, username: 'xrole', role: 'emperor' });
    assert.equal(badRole.statusCode, 400);
    assert.equal(badRole.json().error.field, 'role');
    await signIn(env.app, 'new.sampler', 'sample-pass-123');
    const audit = (await admin.get('/api/audit?action=account.create')).json();
    assert.ok(audit.items.some((r: { details: { username: string } }) => r.details.username === 'new.sampler'));
  });

  test('district commanders cannot create accounts at all (accounts:write is the admin\'s)', async () => {
    const res = await distA.post('/api/accounts', { username: 'x2', displayName: 'x', password: 'sample-pass-123', role: 'sampler', jurisdictionCode: nodes.a.code });
    assert.equal(res.statusCode, 403);
  });
});

describe('audit trail', () => {
  let env: TestEnv;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  let city: Client;
  let auditor: Client;
  let auditorB: Client;

  before(async () => {
    env = await startTestApp();
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'auditor', 'auditor', nodes.city.id);
    await addAccount(env.ctx, 'auditorb', 'auditor', nodes.b.id);
    [city, auditor, auditorB] = await Promise.all([signIn(env.app, 'city'), signIn(env.app, 'auditor'), signIn(env.app, 'auditorb')]);
    const created = await city.post('/api/people', { name: '周八', idNumber: idNumber('410102', '19880808', 88), phone: '13800000088', jurisdictionCode: nodes['a.household'].code });
    await city.post(`/api/people/${created.json().id}/reveal`, { reason: 'hospital admission' });
  });
  after(() => env.close());

  test('every write and reveal is recorded with who, what, when, where from and why', async () => {
    const res = (await auditor.get('/api/audit?action=person.*')).json();
    assert.deepEqual(res.items.map((r: { action: string }) => r.action), ['person.reveal', 'person.create']);
    const reveal = res.items[0];
    assert.equal(reveal.actorName, 'city');
    assert.equal(reveal.actorRole, 'city_commander');
    assert.equal(reveal.reason, 'hospital admission');
    assert.ok(reveal.ip);
    assert.ok(Date.parse(reveal.at) > 0);
    assert.ok(!JSON.stringify(res).includes('19880808'), 'the audit trail holds no ID numbers');
  });

  test('an auditor of another district does not see rows about this one', async () => {
    assert.equal((await auditorB.get('/api/audit?action=person.*')).json().total, 0);
    assert.equal((await city.get('/api/audit')).statusCode, 403);
    assert.equal((await auditor.get('/api/audit?from=yesterday')).statusCode, 400);
  });

  test('the chain verifies; rows cannot be changed; a forced edit is detected', async () => {
    const ok = (await auditor.get('/api/audit/verify')).json();
    assert.equal(ok.ok, true);
    assert.ok(ok.checked >= 4);
    await assert.rejects(env.ctx.database.query(`update audit_log set reason = 'nothing to see' where action = 'person.reveal'`), /append-only/);
    await assert.rejects(env.ctx.database.query(`delete from audit_log`), /append-only/);
    // Someone with the database owner's rights disables the guard and edits a row.
    await env.ctx.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await env.ctx.database.query(`update audit_log set reason = 'nothing to see' where action = 'person.reveal'`);
    await env.ctx.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    const broken = (await auditor.get('/api/audit/verify')).json();
    assert.equal(broken.ok, false);
    const [row] = await env.ctx.database.query<{ id: number }>(`select id from audit_log where action = 'person.reveal'`);
    assert.equal(broken.brokenAtId, Number(row.id));
  });
});

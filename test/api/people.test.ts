import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addAccount, idNumber, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

describe('people API', () => {
  let env: TestEnv;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  let cityCmd: Client;
  let districtA: Client;
  let sampler: Client;
  let auditor: Client;
  const zhang = idNumber('410102', '19900307', 123);
  const li = idNumber('410103', '19851212', 456);

  before(async () => {
    env = await startTestApp();
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'dista', 'district_commander', nodes.a.id);
    await addAccount(env.ctx, 'sampler', 'sampler', nodes.a.id);
    await addAccount(env.ctx, 'auditor', 'auditor', nodes.city.id);
    [cityCmd, districtA, sampler, auditor] = await Promise.all(['city', 'dista', 'sampler', 'auditor'].map((u) => signIn(env.app, u)));
    for (const [name, id, unit] of [['张伟', zhang, nodes['a.household'].code], ['李娜', li, nodes['b.household'].code]]) {
      const res = await cityCmd.post('/api/people', { name, idNumber: id, phone: '13812345678', jurisdictionCode: unit, groups: ['elderly_alone'] });
      assert.equal(res.statusCode, 201, res.body);
    }
  });
  after(() => env.close());

  test('a created person is answered with masked ID number and phone, and derived sex and birth date', async () => {
    const res = await cityCmd.get(`/api/people?idNumber=${zhang}`);
    assert.equal(res.statusCode, 200);
    const { items, total } = res.json();
    assert.equal(total, 1);
    assert.equal(items[0].idNumberMasked, `${zhang.slice(0, 4)}**********${zhang.slice(-4)}`);
    assert.equal(items[0].phoneMasked, '138****5678');
    assert.equal(items[0].sex, 'male');
    assert.equal(items[0].birthDate, '1990-03-07');
    assert.ok(!res.body.includes(zhang), 'full ID number must not appear in the response');
  });

  test('queries are scoped to the caller subtree; outside records answer 404', async () => {
    const list = (await districtA.get('/api/people')).json();
    assert.deepEqual(list.items.map((p: { name: string }) => p.name), ['张伟']);
    assert.equal((await districtA.get(`/api/people?idNumber=${li}`)).json().total, 0);
    const liId = (await cityCmd.get(`/api/people?idNumber=${li}`)).json().items[0].id;
    assert.equal((await districtA.get(`/api/people/${liId}`)).statusCode, 404);
    assert.equal((await districtA.post(`/api/people/${liId}/reveal`, { reason: 'checking contact' })).statusCode, 404);
  });

  test('reveal needs the permission and a reason, and is audited', async () => {
    const id = (await cityCmd.get(`/api/people?idNumber=${zhang}`)).json().items[0].id;
    assert.equal((await sampler.post(`/api/people/${id}/reveal`, { reason: 'just curious' })).statusCode, 403);
    const noReason = await cityCmd.post(`/api/people/${id}/reveal`, {});
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().error.field, 'reason');
    const ok = await cityCmd.post(`/api/people/${id}/reveal`, { reason: 'transfer to hospital' });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().idNumber, zhang);
    const audit = (await auditor.get(`/api/audit?action=person.reveal&entityId=${id}`)).json();
    assert.equal(audit.total, 1);
    assert.equal(audit.items[0].reason, 'transfer to hospital');
    assert.equal(audit.items[0].actorName, 'city');
  });

  test('bad input names the field; unauthenticated is 401; missing permission is 403', async () => {
    const bad = await cityCmd.post('/api/people', { name: '王五', idNumber: zhang.slice(0, 17) + (zhang[17] === '1' ? '2' : '1'), phone: '13812345678' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'idNumber');
    assert.match(bad.json().error.message, /check digit/);
    const badPhone = await cityCmd.post('/api/people', { name: '王五', idNumber: idNumber('410102', '20000101', 7), phone: '12345' });
    assert.equal(badPhone.json().error.field, 'phone');
    const dup = await cityCmd.post('/api/people', { name: '张伟', idNumber: zhang, phone: '13812345678' });
    assert.equal(dup.statusCode, 409);
    assert.equal((await env.app.inject({ method: 'GET', url: '/api/people' })).statusCode, 401);
    assert.equal((await auditor.get('/api/people')).statusCode, 403);
    assert.equal((await cityCmd.get('/api/people/00000000-0000-4000-8000-000000000000')).statusCode, 404);
    assert.equal((await cityCmd.get('/api/people/not-a-uuid')).statusCode, 400);
  });

  test('a write with the cookie but without the CSRF header is refused', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/people', headers: { cookie: cityCmd.cookie }, payload: { name: 'x', idNumber: zhang, phone: '13812345678' } });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'CSRF');
  });

  test('update changes fields, stays scoped, and is audited by field name only', async () => {
    const id = (await cityCmd.get(`/api/people?idNumber=${zhang}`)).json().items[0].id;
    const res = await districtA.patch(`/api/people/${id}`, { phone: '+86 139 0000 1111', groups: ['dialysis'] });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().phoneMasked, '139****1111');
    assert.deepEqual(res.json().groups, ['dialysis']);
    const audit = (await auditor.get(`/api/audit?action=person.update&entityId=${id}`)).json();
    assert.deepEqual(audit.items[0].details.fields.sort(), ['groups', 'phone']);
    assert.ok(!JSON.stringify(audit).includes('13900001111'));
  });

  test('filters by group and residency, pages and sorts on the server', async () => {
    const res = (await cityCmd.get('/api/people?group=elderly_alone&sort=-name&pageSize=1&page=1')).json();
    assert.equal(res.total, 1);
    assert.equal(res.items[0].name, '李娜');
    assert.equal((await cityCmd.get('/api/people?residency=floating')).json().total, 0);
    assert.equal((await cityCmd.get('/api/people?q=李')).json().total, 1);
    assert.equal((await cityCmd.get('/api/people?group=aliens')).statusCode, 400);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addAccount, idNumber, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

describe('people CSV import', () => {
  let env: TestEnv;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  let city: Client;
  let worker: Client;
  let investigator: Client;
  const csvHeaders = { 'content-type': 'text/csv' };

  before(async () => {
    env = await startTestApp();
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'worker', 'grid_worker', nodes['a.community'].id);
    await addAccount(env.ctx, 'inv', 'investigator', nodes.city.id);
    [city, worker, investigator] = await Promise.all([signIn(env.app, 'city'), signIn(env.app, 'worker'), signIn(env.app, 'inv')]);
  });
  after(() => env.close());

  test('good rows go in, bad rows are reported with line, column and reason, and a re-import only updates', async () => {
    const ha = nodes['a.household'].code;
    const good1 = idNumber('410102', '19500101', 11);
    const good2 = idNumber('410102', '20210601', 12);
    const badCheck = good1.slice(0, 17) + (good1[17] === '0' ? '1' : '0');
    const csv = [
      '\ufeffid_number,name,phone,unit_code,groups,residency,address',
      `${good1},赵一,13800000001,${ha},elderly_alone;chronic_illness,resident,"金水路1号, 101室"`,
      `${good2},钱二,13800000002,${ha},infant,floating,`,
      `${badCheck},孙三,13800000003,${ha},,,`,
      `${idNumber('410102', '19800101', 14)},李四,1380000,${ha},,,`,
      `${idNumber('410102', '19800101', 15)},,13800000005,${ha},,,`,
      `${idNumber('410102', '19800101', 16)},周六,13800000006,${nodes['b.household'].code},,,`,
      `${idNumber('410102', '19800101', 17)},吴七,13800000007,999999999,,,`,
      `${idNumber('410102', '19800101', 18)},郑八,13800000008,${ha},wizard,,`,
      `${good1},赵一改,13800000009,${ha},,resident,`,
    ].join('\r\n');
    const res = await worker.post('/api/people/import?fileName=people.csv', csv, csvHeaders);
    assert.equal(res.statusCode, 200, res.body);
    const s = res.json();
    assert.equal(s.processed, 9);
    assert.deepEqual([s.imported, s.updated, s.rejected], [2, 1, 6]);
    const rej = s.rejections.map((r: { line: number; column: string; reason: string }) => `${r.line}:${r.column}`);
    assert.deepEqual(rej.sort(), ['4:id_number', '5:phone', '6:name', '7:unit_code', '8:unit_code', '9:groups'].sort());
    assert.match(s.rejections.find((r: { line: number }) => r.line === 4).reason, /check digit/);

    // The later row for the same person won; the address with a comma survived quoting.
    const zhao = (await city.get(`/api/people?idNumber=${good1}`)).json().items[0];
    assert.equal(zhao.name, '赵一改');
    assert.equal(zhao.jurisdiction.code, ha);
    assert.equal(zhao.address, '金水路1号, 101室');
    assert.equal(zhao.sex, 'male');

    const again = (await worker.post('/api/people/import', csv, csvHeaders)).json();
    assert.deepEqual([again.imported, again.updated, again.rejected], [0, 3, 6]);
    assert.equal((await city.get(`/api/people?jurisdictionId=${nodes['a.household'].id}`)).json().total, 2);

    const status = (await worker.get(`/api/imports/${s.id}`)).json();
    assert.equal(status.status, 'done');
    assert.equal(status.rejected, 6);
    const report = await worker.get(`/api/imports/${s.id}/rejections.csv`);
    assert.equal(report.statusCode, 200);
    assert.match(report.headers['content-type'] as string, /text\/csv/);
    assert.equal(report.body.trim().split('\n').length, 7);
    assert.equal((await city.get(`/api/imports/${s.id}`)).statusCode, 404, "another account's import is not visible");
  });

  test('an import never updates a person registered outside the caller subtree', async () => {
    const outsider = idNumber('410103', '19700101', 21);
    await city.post('/api/people', { name: '外人', idNumber: outsider, phone: '13800000021', jurisdictionCode: nodes['b.household'].code });
    const res = (await worker.post('/api/people/import', `id_number,name,phone\n${outsider},改名,13800000022\n`, csvHeaders)).json();
    assert.equal(res.rejected, 1);
    assert.equal(res.rejections[0].column, 'id_number');
    assert.equal((await city.get(`/api/people?idNumber=${outsider}`)).json().items[0].name, '外人');
  });

  test('rows without a unit code land at the importer node', async () => {
    const id = idNumber('410102', '19990909', 31);
    const res = (await worker.post('/api/people/import', `name,id_number,phone\n陈九,${id},13800000031\n`, csvHeaders)).json();
    assert.equal(res.imported, 1);
    assert.equal((await city.get(`/api/people?idNumber=${id}`)).json().items[0].jurisdiction.code, nodes['a.community'].code);
  });

  test('a malformed file keeps the rows before the fault and reports the fault', async () => {
    const id = idNumber('410102', '19990909', 41);
    const res = await worker.post('/api/people/import', `id_number,name,phone\n${id},好人,13800000041\n"${idNumber('410102', '19990909', 42)},坏引号,13800000042\n`, csvHeaders);
    assert.equal(res.statusCode, 200);
    const s = res.json();
    assert.equal(s.imported, 1);
    assert.equal(s.rejected, 1);
    assert.match(s.rejections[0].reason, /unreadable CSV/);
  });

  test('header problems, wrong content type, 401 and 403', async () => {
    const missing = await worker.post('/api/people/import', 'id_number,name\n1,2\n', csvHeaders);
    assert.equal(missing.statusCode, 400);
    assert.match(missing.json().error.message, /phone/);
    assert.equal((await worker.post('/api/people/import', { rows: [] })).statusCode, 415);
    assert.equal((await investigator.post('/api/people/import', 'id_number,name,phone\n', csvHeaders)).statusCode, 403);
    assert.equal((await env.app.inject({ method: 'POST', url: '/api/people/import', body: 'id_number,name,phone\n', headers: csvHeaders })).statusCode, 401);
    assert.equal((await worker.get('/api/imports/00000000-0000-4000-8000-000000000000')).statusCode, 404);
  });
});

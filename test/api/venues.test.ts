import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../src/modules/audit/audit.table.ts';
import { addAccount, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

describe('venues registry API', () => {
  let env: TestEnv;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  let city: Client;
  let distA: Client;
  let distB: Client;
  let worker: Client;
  let auditor: Client;
  const csv = { 'content-type': 'text/csv' };

  before(async () => {
    env = await startTestApp();
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'dista', 'district_commander', nodes.a.id);
    await addAccount(env.ctx, 'distb', 'district_commander', nodes.b.id);
    await addAccount(env.ctx, 'worker', 'grid_worker', nodes['a.community'].id);
    await addAccount(env.ctx, 'auditor', 'auditor', nodes.city.id);
    [city, distA, distB, worker, auditor] = await Promise.all(['city', 'dista', 'distb', 'worker', 'auditor'].map((u) => signIn(env.app, u)));
  });
  after(() => env.close());

  test('create: 201 at the caller node or a node below, code upper-cased, QR text, audited', async () => {
    const own = await distA.post('/api/venues', { code: 'va0001', name: '区A政务中心', type: 'office', address: '政务路1号' });
    assert.equal(own.statusCode, 201, own.body);
    const v = own.json();
    assert.equal(v.code, 'VA0001');
    assert.equal(v.qr, 'yipan:venue:VA0001');
    assert.equal(v.jurisdiction.code, nodes.a.code);
    assert.equal(v.address, '政务路1号');

    const gate = await distA.post('/api/venues', { code: 'VA0002', name: '小区A东门', type: 'compound_gate', jurisdictionCode: nodes['a.compound'].code });
    assert.equal(gate.statusCode, 201, gate.body);
    assert.equal(gate.json().jurisdiction.code, nodes['a.compound'].code);
    assert.equal((await distB.post('/api/venues', { code: 'VB0001', name: '区B超市', type: 'supermarket' })).statusCode, 201);

    const [row] = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'venue.create'), eq(auditLog.entityId, v.id)));
    assert.equal(row.actorName, 'dista');
    assert.deepEqual(row.details, { code: 'VA0001', type: 'office' });
  });

  test('create: 400 names the field, 409 on a known code, 403 without venues:write, 401 anonymous', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'x', type: 'mall' }, 'code'],
      [{ code: 'V12', name: 'x', type: 'mall' }, 'code'],
      [{ code: 'V12_34', name: 'x', type: 'mall' }, 'code'],
      [{ code: 'VA0100', type: 'mall' }, 'name'],
      [{ code: 'VA0100', name: '  ', type: 'mall' }, 'name'],
      [{ code: 'VA0100', name: 'x', type: 'casino' }, 'type'],
      [{ code: 'VA0100', name: 'x', type: 'mall', jurisdictionCode: '41' }, 'jurisdictionCode'],
      [{ code: 'VA0100', name: 'x', type: 'mall', jurisdictionCode: nodes['b.compound'].code }, 'jurisdictionCode'],
      [{ code: 'VA0100', name: 'x', type: 'mall', jurisdictionCode: '410102999999' }, 'jurisdictionCode'],
    ];
    for (const [body, field] of cases) {
      const res = await distA.post('/api/venues', body);
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.equal(res.json().error.field, field, JSON.stringify(body));
    }
    const dup = await distB.post('/api/venues', { code: 'va0001', name: '重复', type: 'mall' });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.field, 'code');
    assert.equal((await worker.post('/api/venues', { code: 'VA0100', name: 'x', type: 'mall' })).statusCode, 403);
    assert.equal((await auditor.get('/api/venues')).statusCode, 403);
    assert.equal((await env.app.inject({ method: 'POST', url: '/api/venues', payload: { code: 'VA0100', name: 'x', type: 'mall' } })).statusCode, 401);
    assert.equal((await env.app.inject({ method: 'GET', url: '/api/venues' })).statusCode, 401);
  });

  test('list: scoped to the caller subtree, filtered by q, type and jurisdiction, paged', async () => {
    const names = async (c: Client, query = '') => (await c.get(`/api/venues${query}`)).json().items.map((v: { code: string }) => v.code);
    assert.deepEqual((await names(distA)).sort(), ['VA0001', 'VA0002']);
    assert.deepEqual((await names(distB)).sort(), ['VB0001']);
    assert.deepEqual((await names(city)).sort(), ['VA0001', 'VA0002', 'VB0001']);
    assert.deepEqual(await names(worker), ['VA0002'], 'the gate of a compound in the grid worker community');
    assert.deepEqual(await names(city, '?type=compound_gate'), ['VA0002']);
    assert.deepEqual(await names(city, `?q=${encodeURIComponent('区B')}`), ['VB0001']);
    assert.deepEqual((await names(city, '?q=va')).sort(), ['VA0001', 'VA0002']);
    assert.deepEqual(await names(city, `?jurisdictionId=${nodes['a.street'].id}`), ['VA0002']);
    const page = (await city.get('/api/venues?pageSize=2&page=2')).json();
    assert.equal(page.total, 3);
    assert.equal(page.items.length, 1);
    assert.equal((await distA.get(`/api/venues?jurisdictionId=${nodes.b.id}`)).statusCode, 404);
    const bad = await city.get('/api/venues?type=casino');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'type');
  });

  test('get and patch: 404 outside the jurisdiction; the code cannot change; audited', async () => {
    const vb = (await city.get('/api/venues?q=VB')).json().items[0];
    assert.equal((await distB.get(`/api/venues/${vb.id}`)).statusCode, 200);
    assert.equal((await distA.get(`/api/venues/${vb.id}`)).statusCode, 404);
    assert.equal((await distA.patch(`/api/venues/${vb.id}`, { name: '改名' })).statusCode, 404);
    assert.equal((await city.get('/api/venues/00000000-0000-4000-8000-000000000000')).statusCode, 404);
    assert.equal((await city.get('/api/venues/not-a-uuid')).statusCode, 400);

    const res = await distB.patch(`/api/venues/${vb.id}`, { name: '区B大超市', address: '建设路9号', jurisdictionCode: nodes['b.community'].code });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().name, '区B大超市');
    assert.equal(res.json().jurisdiction.code, nodes['b.community'].code);
    assert.equal((await distB.patch(`/api/venues/${vb.id}`, { address: null })).json().address, null);
    assert.equal((await distB.patch(`/api/venues/${vb.id}`, { code: 'VB9999' })).statusCode, 400);
    assert.equal((await distB.patch(`/api/venues/${vb.id}`, {})).statusCode, 400);
    const outside = await distB.patch(`/api/venues/${vb.id}`, { jurisdictionCode: nodes['a.community'].code });
    assert.equal(outside.statusCode, 400);
    assert.equal(outside.json().error.field, 'jurisdictionCode');
    assert.equal((await worker.patch(`/api/venues/${vb.id}`, { name: 'x' })).statusCode, 403);
    const rows = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'venue.update'), eq(auditLog.entityId, vb.id)));
    assert.equal(rows.length, 2);
    assert.deepEqual((rows[0].details as { fields: string[] }).fields.sort(), ['address', 'jurisdictionCode', 'name']);
  });

  test('CSV import: good rows in, bad rows by line and column, a re-import only updates, venues outside are refused', async () => {
    const file = [
      '\ufeffcode,name,type,address,jurisdiction_code',
      `V1000001,金水路小区东门,compound_gate,金水路1号,${nodes['a.compound'].code}`,
      `v1000002,丹尼斯百货,MALL,"人民路2号, 1层",`,
      `V10,短码,mall,,`,
      `V1000004,,mall,,`,
      `V1000005,赌场,casino,,`,
      `V1000006,外区,mall,,${nodes['b.compound'].code}`,
      `VB0001,别人的,mall,,`,
      `V1000001,金水路小区东门(改),compound_gate,,${nodes['a.compound'].code}`,
    ].join('\r\n');
    const res = await distA.post('/api/venues/import?fileName=venues.csv', file, csv);
    assert.equal(res.statusCode, 200, res.body);
    const s = res.json();
    assert.equal(s.kind, 'venues');
    assert.deepEqual([s.processed, s.imported, s.updated, s.rejected], [8, 2, 1, 5]);
    assert.deepEqual(
      s.rejections.map((r: { line: number; column: string }) => `${r.line}:${r.column}`),
      ['4:code', '5:name', '6:type', '7:jurisdiction_code', '8:code'],
    );
    assert.match(s.rejections[4].reason, /outside your jurisdiction/);
    const v1 = (await distA.get('/api/venues?q=V1000001')).json().items[0];
    assert.equal(v1.name, '金水路小区东门(改)');
    assert.equal(v1.address, '金水路1号', 'an empty address keeps the known one');
    const v2 = (await distA.get('/api/venues?q=V1000002')).json().items[0];
    assert.equal(v2.address, '人民路2号, 1层');
    assert.equal(v2.type, 'mall');
    assert.equal(v2.jurisdiction.code, nodes.a.code);
    assert.equal((await city.get('/api/venues?q=VB0001')).json().items[0].name, '区B大超市', 'the other district venue is untouched');

    const again = (await distA.post('/api/venues/import', file, csv)).json();
    assert.deepEqual([again.imported, again.updated, again.rejected], [0, 3, 5]);
    assert.equal((await city.get('/api/venues')).json().total, 5);
    const [audit] = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'venues.import'), eq(auditLog.entityId, s.id)));
    assert.equal((audit.details as { imported: number }).imported, 2);
  });

  test('CSV import: a missing column refuses the file; 403 and 401', async () => {
    const missing = await distA.post('/api/venues/import', 'code,name\nV2000001,x\n', csv);
    assert.equal(missing.statusCode, 400);
    assert.match(missing.json().error.message, /type/);
    assert.equal((await distA.post('/api/venues/import', { rows: [] })).statusCode, 415);
    assert.equal((await worker.post('/api/venues/import', 'code,name,type\n', csv)).statusCode, 403);
    assert.equal((await env.app.inject({ method: 'POST', url: '/api/venues/import', body: 'code,name,type\n', headers: csv })).statusCode, 401);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { grids } from '../../src/modules/jurisdictions/jurisdictions.table.ts';
import { addAccount, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

describe('jurisdictions API', () => {
  let env: TestEnv;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  let admin: Client;
  let worker: Client;
  let sampler: Client;

  before(async () => {
    env = await startTestApp();
    nodes = await seedTree(env.ctx);
    const workerId = await addAccount(env.ctx, 'worker', 'grid_worker', nodes['a.community'].id);
    await addAccount(env.ctx, 'root', 'admin', nodes.city.id);
    await addAccount(env.ctx, 'sampler', 'sampler', nodes.a.id);
    await env.ctx.db.insert(grids).values({ code: '410102001001G01', name: '第一网格', communityId: nodes['a.community'].id, path: nodes['a.community'].path, workerAccountId: workerId });
    [admin, worker, sampler] = await Promise.all([signIn(env.app, 'root'), signIn(env.app, 'worker'), signIn(env.app, 'sampler')]);
  });
  after(() => env.close());

  test('without parameters the caller gets their own root; children load one level at a time', async () => {
    const root = (await worker.get('/api/jurisdictions')).json().items;
    assert.deepEqual(root.map((j: { code: string }) => j.code), ['410102001001']);
    assert.equal(root[0].hasChildren, true);
    const kids = (await admin.get(`/api/jurisdictions?parentId=${nodes.city.id}`)).json().items;
    assert.deepEqual(kids.map((j: { code: string }) => j.code), ['410102', '410103']);
  });

  test('search by name or code stays inside the subtree', async () => {
    assert.equal((await admin.get(`/api/jurisdictions?q=${encodeURIComponent('社区')}`)).json().items.length, 2);
    assert.equal((await worker.get(`/api/jurisdictions?q=${encodeURIComponent('社区')}`)).json().items.length, 1);
    assert.equal((await worker.get('/api/jurisdictions?q=410103')).json().items.length, 0);
  });

  test('detail lists ancestors; a node outside the subtree is 404, as are its children', async () => {
    const detail = (await worker.get(`/api/jurisdictions/${nodes['a.household'].id}`)).json();
    assert.deepEqual(detail.ancestors.map((a: { level: string }) => a.level), ['city', 'district', 'street', 'community', 'compound', 'building', 'unit']);
    assert.equal((await worker.get(`/api/jurisdictions/${nodes.b.id}`)).statusCode, 404);
    assert.equal((await worker.get(`/api/jurisdictions/${nodes.city.id}`)).statusCode, 404);
    assert.equal((await worker.get(`/api/jurisdictions?parentId=${nodes.b.id}`)).statusCode, 404);
    assert.equal((await admin.get('/api/jurisdictions/00000000-0000-4000-8000-000000000000')).statusCode, 404);
  });

  test('grids of a community with their worker', async () => {
    const items = (await worker.get(`/api/grids?communityId=${nodes['a.community'].id}`)).json().items;
    assert.equal(items.length, 1);
    assert.equal(items[0].worker.username, 'worker');
    assert.equal((await worker.get(`/api/grids?communityId=${nodes['b.community'].id}`)).statusCode, 404);
    assert.equal((await worker.get('/api/grids')).statusCode, 400);
  });

  test('401 signed out, 403 without the permission, 400 on bad parameters', async () => {
    assert.equal((await env.app.inject({ method: 'GET', url: '/api/jurisdictions' })).statusCode, 401);
    assert.equal((await sampler.get('/api/jurisdictions')).statusCode, 403);
    const bad = await admin.get('/api/jurisdictions?parentId=xyz');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'parentId');
    assert.equal((await admin.get('/api/jurisdictions?level=planet&q=1')).statusCode, 400);
  });

  test('CSV import adds nodes in order, checks codes and parents, and is idempotent', async () => {
    const csv = [
      'code,name,level,parent_code',
      '410103002,新街道,street,410103',
      '410103002001,新社区,community,410103002',
      '410103002002,坏社区,community,410102001',
      '4101030020011,短码,compound,410103002001',
      '410199,越界区,district,410100',
      '410103003001,孤儿,community,410103003',
      ',无码,street,410103',
      '410103004,怪级,galaxy,410103',
    ].join('\n');
    const res = await admin.post('/api/jurisdictions/import?fileName=tree.csv', csv, { 'content-type': 'text/csv' });
    assert.equal(res.statusCode, 200, res.body);
    const s = res.json();
    assert.deepEqual([s.imported, s.updated, s.rejected], [3, 0, 5]);
    const byLine = Object.fromEntries(s.rejections.map((r: { line: number; column: string }) => [r.line, r.column]));
    assert.deepEqual(byLine, { 4: 'code', 5: 'code', 7: 'parent_code', 8: 'code', 9: 'level' });
    const again = (await admin.post('/api/jurisdictions/import', csv, { 'content-type': 'text/csv' })).json();
    assert.deepEqual([again.imported, again.updated], [0, 3]);
    const kids = (await admin.get(`/api/jurisdictions?parentId=${nodes.b.id}`)).json().items;
    assert.ok(kids.some((k: { name: string }) => k.name === '新街道'));
    // A grid worker may not write the tree at all.
    assert.equal((await worker.post('/api/jurisdictions/import', csv, { 'content-type': 'text/csv' })).statusCode, 403);
  });

  test('a CSV without the required header is refused whole', async () => {
    const res = await admin.post('/api/jurisdictions/import', 'code,name\n410103009,x\n', { 'content-type': 'text/csv' });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().error.message, /missing required column\(s\) level/);
    assert.equal((await admin.post('/api/jurisdictions/import', '', { 'content-type': 'text/csv' })).statusCode, 400);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { verifyAuditTrail } from '../../src/modules/audit/verify-audit.ts';
import { addAccount, idNumber, PASSWORD, seedTree, type TestEnv } from '../helpers.ts';
import { freePort, runCli, startServer } from './cli-helpers.ts';

describe('yipan import and yipan audit verify --server', () => {
  let env: TestEnv;
  let url: string;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  const dir = mkdtempSync(join(tmpdir(), 'yipan-cli-import-'));
  const file = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.join('\r\n') + '\r\n');
    return path;
  };
  const as = (username: string, password = PASSWORD) => ['--server', url, '--username', username, '--password', password];

  before(async () => {
    ({ env, url } = await startServer());
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'worker', 'grid_worker', nodes['a.community'].id);
    await addAccount(env.ctx, 'inv', 'investigator', nodes.city.id);
    await addAccount(env.ctx, 'auditor', 'auditor', nodes.city.id);
    await addAccount(env.ctx, 'root', 'admin', nodes.city.id);
  });
  after(async () => {
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('imports good rows, lists rejected rows by line and column, and a second run only updates', async () => {
    const ha = nodes['a.household'].code;
    const good1 = idNumber('410102', '19500101', 11);
    const badCheck = good1.slice(0, 17) + (good1[17] === '0' ? '1' : '0');
    const csv = file('people.csv', [
      'id_number,name,phone,unit_code',
      `${good1},赵一,13800000001,${ha}`,
      `${idNumber('410102', '20210601', 12)},钱二,13800000002,${ha}`,
      `${badCheck},孙三,13800000003,${ha}`,
      `${idNumber('410102', '19800101', 14)},李四,1380000,${ha}`,
      `${idNumber('410102', '19800101', 15)},周五,13800000005,`,
      `${good1},赵一改,13800000009,${ha}`,
    ]);

    const first = await runCli(['import', 'people', csv, ...as('worker')]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.last, 'imported 3, updated 1, rejected 2');
    const rejections = first.stderr.split('\n').filter((l) => l.startsWith('line '));
    assert.equal(rejections.length, 2, first.stderr);
    assert.match(rejections[0], /^line 4, column id_number: .*check digit/);
    assert.match(rejections[1], /^line 5, column phone: /);
    assert.match(first.stderr, /100%/, 'progress is reported');
    assert.ok(!first.stderr.includes('\r'), 'no in-place redraw when stderr is not a terminal');

    const second = await runCli(['import', 'people', csv, ...as('worker')]);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.last, 'imported 0, updated 4, rejected 2');
    assert.deepEqual(second.stderr.split('\n').filter((l) => l.startsWith('line ')), rejections);
  });

  test('more than 1000 rejected rows: all are fetched and listed; progress goes by tenths', async () => {
    const padding = 'x'.repeat(2000); // a large file, so the upload reports progress several times
    const rows = Array.from({ length: 1200 }, (_, i) => `${idNumber('410102', '19800101', i % 1000)},某人,12345,,"${padding}"`);
    const csv = file('bad.csv', ['id_number,name,phone,unit_code,address', ...rows]);
    const res = await runCli(['import', 'people', csv, ...as('worker')], { YIPAN_PASSWORD: undefined });
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.last, 'imported 0, updated 0, rejected 1200');
    const lines = res.stderr.split('\n').filter((l) => l.startsWith('line '));
    assert.equal(lines.length, 1200);
    assert.equal(lines[0], `line 2, column phone: ${lines[0].split(': ').slice(1).join(': ')}`);
    assert.match(lines[1199], /^line 1201, column phone: /);
    const tenths = res.stderr.split('\n').filter((l) => /^uploading bad\.csv +\d+%/.test(l));
    assert.ok(tenths.length >= 3 && tenths.length <= 10, res.stderr.slice(0, 2000));
  });

  test('password from YIPAN_PASSWORD; jurisdictions import', async () => {
    const csv = file('streets.csv', ['code,name,level,parent_code', '410102002,二七路街道,street,410102', '41010200,坏,street,410102']);
    const res = await runCli(['import', 'jurisdictions', csv, '--server', url, '--username', 'root'], { YIPAN_PASSWORD: PASSWORD });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stderr, /^line 3, column code: a street code has 9 digits, got 8$/m);
    assert.equal(res.last, 'imported 1, updated 0, rejected 1');
  });

  test('a refused file, a wrong password, a missing permission and an unreachable server exit 1 with the reason', async () => {
    const noPhone = file('nophone.csv', ['id_number,name', `${idNumber()},张三`]);
    const bad = await runCli(['import', 'people', noPhone, ...as('worker')]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^yipan: import of nophone\.csv failed: file: header is missing required column\(s\) phone .*\(HTTP 400\)$/m);
    assert.equal(bad.stdout, '');
    assert.ok(!bad.stderr.includes('    at '), 'no stack trace');

    const ok = file('ok.csv', ['id_number,name,phone', `${idNumber('410102', '19700101', 99)},王九,13800000099`]);
    const wrong = await runCli(['import', 'people', ok, ...as('worker', 'not-the-password')]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /^yipan: sign-in as worker failed: .*\(HTTP 401\)$/m);

    const forbidden = await runCli(['import', 'people', ok, ...as('inv')]);
    assert.equal(forbidden.code, 1);
    assert.match(forbidden.stderr, /lacks people:import \(HTTP 403\)$/m);

    const closed = await freePort();
    const away = await runCli(['import', 'people', ok, '--server', `http://127.0.0.1:${closed}`, '--username', 'worker', '--password', PASSWORD]);
    assert.equal(away.code, 1);
    assert.match(away.stderr, new RegExp(`^yipan: cannot reach http://127\\.0\\.0\\.1:${closed}: ECONNREFUSED$`, 'm'));
  });

  test('usage errors exit 2', async () => {
    for (const args of [['import'], ['import', 'pets', 'x.csv'], ['import', 'people'], ['import', 'people', 'x.csv', '--frobnicate'], ['nonsense']]) {
      const res = await runCli(args);
      assert.equal(res.code, 2, `${args.join(' ')}: ${res.stderr}`);
      assert.equal(res.stderr.trim().split('\n').length, 1, res.stderr);
    }
    const help = await runCli(['import', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: yipan import/);
  });

  test('audit verify --server reports the intact trail', async () => {
    const res = await runCli(['audit', 'verify', ...as('auditor')]);
    assert.equal(res.code, 0, res.stderr);
    // Checked after the run: the auditor's sign-in is itself on the trail.
    const expected = await verifyAuditTrail(env.ctx.db);
    assert.ok(expected.ok && expected.checked > 0);
    assert.equal(res.last, `audit trail intact: ${expected.checked} rows checked`);
    const refused = await runCli(['audit', 'verify', ...as('worker')]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /lacks audit:read \(HTTP 403\)$/m);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { addAccount, idNumber, PASSWORD, seedTree, signIn, type TestEnv } from '../helpers.ts';
import { runCli, startServer } from './cli-helpers.ts';

describe('yipan import venues and yipan import scans', () => {
  let env: TestEnv;
  let url: string;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  const dir = mkdtempSync(join(tmpdir(), 'yipan-cli-venues-'));
  const file = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.join('\r\n') + '\r\n');
    return path;
  };
  const as = (username: string) => ['--server', url, '--username', username, '--password', PASSWORD, '--quiet'];
  const person = idNumber('410102', '19800101', 1);

  before(async () => {
    ({ env, url } = await startServer());
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'dista', 'district_commander', nodes.a.id);
    await addAccount(env.ctx, 'gate', 'checkpoint_staff', nodes.a.id);
    const city = await signIn(env.app, 'dista');
    await city.post('/api/people', { name: '王芳', idNumber: person, phone: '13700001111', jurisdictionCode: nodes['a.household'].code });
  });
  after(async () => {
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('venues: imported, rejected rows by line and column, a second run only updates', async () => {
    const csv = file('venues.csv', [
      'code,name,type,address,jurisdiction_code',
      `V1000001,金水路小区东门,compound_gate,金水路1号,${nodes['a.compound'].code}`,
      'V1000002,丹尼斯百货,mall,"人民路2号, 1层",',
      'V10,短码,mall,,',
      'V1000004,赌场,casino,,',
    ]);
    const first = await runCli(['import', 'venues', csv, ...as('dista')]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.last, 'imported 2, updated 0, rejected 2');
    const lines = first.stderr.split('\n').filter((l) => l.startsWith('line '));
    assert.match(lines[0], /^line 4, column code: must be 4 to 32 characters/);
    assert.match(lines[1], /^line 5, column type: must be one of /);
    const second = await runCli(['import', 'venues', csv, ...as('dista')]);
    assert.equal(second.last, 'imported 0, updated 2, rejected 2');
    const refused = await runCli(['import', 'venues', csv, ...as('gate')]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /lacks venues:write \(HTTP 403\)$/m);
  });

  test('scans: recorded, rejected rows by line and column, duplicates counted as updated', async () => {
    const at = (minutes: number) => new Date(env.clock.now().getTime() - minutes * 60_000).toISOString().replace('Z', '+00:00');
    const csv = file('scans.csv', [
      'id_number,venue_code,scanned_at,event_id',
      `${person},V1000002,${at(30)},s-1`,
      `${person},V1000001,${at(20)},s-2`,
      `${person},V9999999,${at(10)},s-3`,
      `${person},V1000001,2026-11-24 09:30,s-4`,
    ]);
    const first = await runCli(['import', 'scans', csv, ...as('gate')]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.last, 'imported 2, updated 0, rejected 2');
    const lines = first.stderr.split('\n').filter((l) => l.startsWith('line '));
    assert.deepEqual(
      lines.map((l) => l.split(':')[0]),
      ['line 4, column venue_code', 'line 5, column scanned_at'],
    );
    const second = await runCli(['import', 'scans', csv, ...as('gate')]);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.last, 'imported 0, updated 2, rejected 2');
    const missing = await runCli(['import', 'scans', file('bad.csv', ['id_number,venue_code', `${person},V1000001`]), ...as('gate')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /header is missing required column\(s\) scanned_at, event_id/);
  });

  test('unknown kinds are usage errors', async () => {
    const res = await runCli(['import', 'toString', 'x.csv']);
    assert.equal(res.code, 2);
    assert.match(res.stderr, /expected people, jurisdictions, venues or scans/);
    const help = await runCli(['import', '--help']);
    assert.match(help.stdout, /venues +code,name,type/);
    assert.match(help.stdout, /scans +id_number,venue_code,scanned_at,event_id/);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { tubeMembers, tubes } from '../../src/modules/testing/sampling.table.ts';
import { testResults } from '../../src/modules/testing/testing.table.ts';
import { addAccount, idNumber, PASSWORD, seedTree, signIn, type TestEnv } from '../helpers.ts';
import { runCli, startServer } from './cli-helpers.ts';

describe('yipan import results', () => {
  let env: TestEnv;
  let url: string;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  const dir = mkdtempSync(join(tmpdir(), 'yipan-cli-results-'));
  const file = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.join('\r\n') + '\r\n');
    return path;
  };
  const as = (username: string) => ['--server', url, '--username', username, '--password', PASSWORD, '--quiet'];
  const people: string[] = [];

  before(async () => {
    ({ env, url } = await startServer());
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'lab', 'lab_technician', nodes.city.id);
    const city = await signIn(env.app, 'city');
    for (let i = 1; i <= 3; i++) {
      const res = await city.post('/api/people', { name: `居民${i}`, idNumber: idNumber('410102', '19850101', i), phone: `1370000000${i}`, jurisdictionCode: nodes['a.household'].code });
      assert.equal(res.statusCode, 201, res.body);
      people.push(res.json().id);
    }
    const sampledAt = new Date(env.clock.now().getTime() - 3 * 3_600_000);
    const [tube] = await env.ctx.db
      .insert(tubes)
      .values({ barcode: 'CLI-0001', jurisdictionPath: nodes['a.community'].path, poolSize: 5, status: 'received', openedAt: sampledAt, closedAt: sampledAt, lab: '金域检验' })
      .returning({ id: tubes.id });
    await env.ctx.db.insert(tubeMembers).values(people.map((personId, i) => ({ tubeId: tube.id, personId, sampledAt, clientEventId: `cli-${i}` })));
  });
  after(async () => {
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('applied, rejected rows by line and column, a second run counts repeats as updated', async () => {
    const t = new Date(env.clock.now().getTime() - 1_800_000).toISOString().replace('Z', '+00:00');
    const csv = file('results.csv', ['barcode,result,tested_at,ct_orf1ab,ct_n', `CLI-0001,negative,${t},,`, `CLI-9999,negative,${t},,`, `CLI-0001,positive,${t},28,29`, `CLI-0002,negative,yesterday,,`]);
    const first = await runCli(['import', 'results', csv, ...as('lab')]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.last, 'imported 1, updated 0, rejected 3');
    const lines = first.stderr.split('\n').filter((l) => l.startsWith('line '));
    assert.deepEqual(
      lines.map((l) => l.split(':')[0]),
      ['line 3, column barcode', 'line 4, column result', 'line 5, column tested_at'],
    );
    const rows = await env.ctx.db.select().from(testResults).where(eq(testResults.sourceRef, 'CLI-0001'));
    assert.equal(rows.length, 3);
    const second = await runCli(['import', 'results', csv, ...as('lab')]);
    assert.equal(second.last, 'imported 0, updated 1, rejected 3');
    const refused = await runCli(['import', 'results', csv, ...as('city')]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /lacks results:write \(HTTP 403\)$/m);
    const missing = await runCli(['import', 'results', file('bad.csv', ['barcode,result', 'CLI-0001,negative']), ...as('lab')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /header is missing required column\(s\) tested_at/);
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import type { AppContext } from '../../platform/context.ts';
import { createPersonalDataKeys } from '../../platform/crypto.ts';
import { ensurePolicies } from '../health-codes/active-policy.ts';
import { seedDemoOutbreak } from './demo-outbreak.ts';
import { loadDemoCity } from './load-demo-city.ts';

test('the demo outbreak: venues, scans, two teams in rotation, three cases and the first one’s candidates', async (t) => {
  const database = await openDatabase({});
  t.after(() => database.close());
  await migrate(database);
  await ensurePolicies(database.db);
  const keys = createPersonalDataKeys(Buffer.alloc(32, 7));
  await loadDemoCity(database, keys, { seed: 5, population: 2_000, passwordHash: 'scrypt$test' });
  const ctx = { database, db: database.db, keys, clock: { now: () => new Date('2026-11-24T10:00:00Z') } } as unknown as AppContext;
  const result = await seedDemoOutbreak(ctx, { seed: 5 });
  assert.equal(result.cases, 3);
  assert.equal(result.scans, 150 * 6);
  assert.ok(result.candidates > 0, 'the first case has co-located candidates');
  const rows = await database.rows<{ team: string; n: number }>(sql`select t.name as team, count(*)::int as n from investigations i join investigation_teams t on t.id = i.team_id group by t.name order by t.name`);
  assert.deepEqual(rows.map((r) => r.n).sort(), [1, 2], 'the teams take orders in turn');
  const red = await database.rows<{ n: number }>(sql`select count(*)::int as n from health_codes where colour = 'red'`);
  assert.equal(red[0].n, 3);
  assert.deepEqual(await seedDemoOutbreak(ctx, { seed: 5 }), { cases: 0, scans: 0, candidates: 0 }, 'a second run adds nothing');
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { DEMO_PASSWORD } from '../../src/modules/simulation/seed-demo.ts';
import { createContext, ensureAdmin } from '../../src/platform/bootstrap.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { AppContext } from '../../src/platform/context.ts';
import { seedTree } from '../helpers.ts';
import { directDatabase, runCli } from './cli-helpers.ts';

/** Commands that open the configured database themselves: migrate, audit verify, demo. */
describe('yipan migrate, audit verify and demo on the database', () => {
  let db: Awaited<ReturnType<typeof directDatabase>>;
  let empty: Awaited<ReturnType<typeof directDatabase>>;
  const noAdminPassword = { YIPAN_ADMIN_PASSWORD: undefined, YIPAN_DEMO_POPULATION: undefined, LOG_LEVEL: undefined };

  /** Opens the same database in this process; the embedded one must be closed before the CLI opens it. */
  async function withContext<T>(target: typeof db, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
    const ctx = await createContext({ ...loadConfig({}), ...target.config }, { log: pino({ level: 'silent' }) });
    try {
      return await fn(ctx);
    } finally {
      await ctx.database.close();
    }
  }

  before(async () => {
    [db, empty] = await Promise.all([directDatabase(), directDatabase()]);
  });
  after(async () => {
    await db.drop();
    await empty.drop();
  });

  test('migrate, then audit verify finds the trail intact; demo refuses a database with jurisdictions', async () => {
    const migrated = await runCli(['migrate'], { ...db.env, ...noAdminPassword });
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.equal(migrated.last, 'done');

    await withContext(db, async (ctx) => {
      await seedTree(ctx);
      await ensureAdmin(ctx, 'admin-password-123');
    });
    const intact = await runCli(['audit', 'verify'], db.env);
    assert.equal(intact.code, 0, intact.stderr);
    assert.equal(intact.last, 'audit trail intact: 1 rows checked');

    const refused = await runCli(['demo', '--population', '100'], { ...db.env, ...noAdminPassword });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^yipan: .* already holds 15 jurisdiction\(s\); yipan demo only fills an empty database/m);
    assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
  });

  test('audit verify names the first tampered row and exits 1', async () => {
    const id = await withContext(db, async (ctx) => {
      const [{ id }] = await ctx.database.query<{ id: string }>('select min(id)::text as id from audit_log');
      // Only a superuser switching the append-only trigger off can do this; the chain still tells.
      await ctx.database.query('alter table audit_log disable trigger audit_log_no_update');
      await ctx.database.query(`update audit_log set actor_name = 'mallory' where id = $1`, [id]);
      await ctx.database.query('alter table audit_log enable trigger audit_log_no_update');
      return id;
    });
    const broken = await runCli(['audit', 'verify'], db.env);
    assert.equal(broken.code, 1, broken.stderr);
    assert.equal(broken.last, `audit trail BROKEN at row ${id}: row content does not match its hash`);
  });

  test('demo fills an empty database, creates the admin and prints the passwords', async () => {
    const res = await runCli(['demo', '--population', '300', '--seed', '7'], { ...empty.env, ...noAdminPassword });
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^ {2}people +300$/m);
    assert.match(res.stdout, /^ {2}jurisdictions +\d+/m);
    assert.match(res.stdout, /^demo accounts: .*demo_city_commander/m);
    assert.match(res.stdout, new RegExp(`^demo password: ${DEMO_PASSWORD}$`, 'm'));
    assert.match(res.stdout, /^admin password \(shown once, change it\): \S{12,}$/m);
    assert.match(res.stderr, /generating the demo city +100%/);

    const usage = await runCli(['demo', '--population', 'many'], empty.env);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--population must be a positive whole number/);
  });
});

describe('the embedded database is one process at a time', { skip: process.env.TEST_DATABASE_URL ? 'only the embedded database needs the lock' : false }, () => {
  test('a second process is refused while the first has it open, and let in after', async () => {
    const target = await directDatabase();
    const ctx = await createContext({ ...loadConfig({}), ...target.config }, { log: pino({ level: 'silent' }) });
    try {
      const refused = await runCli(['migrate'], target.env);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, new RegExp(`in use by process ${process.pid}`));
    } finally {
      await ctx.database.close();
    }
    const after = await runCli(['migrate'], target.env);
    assert.equal(after.code, 0, after.stderr);
    await target.drop();
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asc, eq } from 'drizzle-orm';
import { purgeVenueScans } from '../../src/jobs/purge-venue-scans.ts';
import { startJobs } from '../../src/jobs/start-jobs.ts';
import { verifyAuditTrail } from '../../src/modules/audit/verify-audit.ts';
import { auditLog } from '../../src/modules/audit/audit.table.ts';
import { venuesConfig } from '../../src/modules/venues/venues.config.ts';
import { venueScans } from '../../src/modules/venues/venues.table.ts';
import { addAccount, idNumber, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

const DAY = 86_400_000;
const H = 3_600_000;

describe('venue scan retention', () => {
  let env: TestEnv;
  let gate: Client;
  const person = idNumber('410102', '19800101', 1);

  const ingest = async (prefix: string, n: number, ageMs: number) => {
    const scannedAt = new Date(env.clock.now().getTime() - ageMs).toISOString();
    const scans = Array.from({ length: n }, (_, i) => ({ eventId: `${prefix}-${i}`, idNumber: person, venueCode: 'VA0001', scannedAt }));
    const body = (await gate.post('/api/venues/scans', { scans })).json();
    assert.equal(body.recorded, n, JSON.stringify(body.results[0]));
  };
  const remaining = async () => (await env.ctx.db.select({ e: venueScans.eventId }).from(venueScans).orderBy(asc(venueScans.eventId))).map((r) => r.e);
  const purges = () => env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'venue_scans.purge')).orderBy(asc(auditLog.id));

  before(async () => {
    env = await startTestApp();
    const nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'gate', 'checkpoint_staff', nodes.a.id);
    const city = await signIn(env.app, 'city');
    gate = await signIn(env.app, 'gate');
    await city.post('/api/people', { name: '王芳', idNumber: person, phone: '13700001111', jurisdictionCode: nodes['a.household'].code });
    await city.post('/api/venues', { code: 'VA0001', name: '区A商场', type: 'mall', jurisdictionCode: nodes.a.code });
  });
  after(() => env.close());

  test('the purge deletes only scans older than 28 days, in chunks, and audits the count', async () => {
    await ingest('old', 5, 27 * DAY);
    await ingest('new', 3, H);
    // Nothing is old enough yet.
    assert.deepEqual(await purgeVenueScans(env.ctx, { chunkSize: 2 }).then((r) => r.deleted), 0);
    env.clock.advance(1 * DAY + H); // "old" is now 28 days and an hour old; "new" a day and two hours
    const result = await purgeVenueScans(env.ctx, { chunkSize: 2 });
    assert.equal(result.deleted, 5);
    assert.deepEqual(await remaining(), ['new-0', 'new-1', 'new-2']);
    const rows = await purges();
    assert.equal(rows.length, 2, 'one audit row per purge');
    const last = rows[1];
    assert.deepEqual([last.actorName, last.actorRole, last.actorId], ['retention', 'system', null]);
    assert.deepEqual(last.details, { deleted: 5, cutoff: result.cutoff, retentionDays: 28 });
    assert.equal(new Date(result.cutoff).getTime(), env.clock.now().getTime() - 28 * DAY);
    assert.ok((await verifyAuditTrail(env.ctx.db)).ok);
  });

  test('the scheduler runs the purge hourly on the moved clock', async () => {
    const jobs = startJobs(env.ctx, { tickMs: 60_000 });
    try {
      await jobs.tick();
      const before = (await purges()).length;
      env.clock.advance(60_000);
      await jobs.tick();
      assert.equal((await purges()).length, before + 1, 'first run a minute after start');
      env.clock.advance(30 * 60_000);
      await jobs.tick();
      assert.equal((await purges()).length, before + 1, 'not again within the hour');
      env.clock.advance(27 * DAY);
      await jobs.tick();
      assert.equal((await purges()).length, before + 2);
      assert.deepEqual(await remaining(), [], 'the scans of a day ago are now over 28 days old');
      assert.equal(((await purges()).at(-1)!.details as { deleted: number }).deleted, 3);
    } finally {
      await jobs.stop();
    }
  });

  test('YIPAN_SCAN_RETENTION_DAYS sets the period; a bad value is refused', () => {
    assert.equal(venuesConfig({}).scanRetentionDays, 28);
    assert.equal(venuesConfig({ YIPAN_SCAN_RETENTION_DAYS: '14' }).scanRetentionDays, 14);
    for (const bad of ['0', '-3', '2.5', 'month', '400']) assert.throws(() => venuesConfig({ YIPAN_SCAN_RETENTION_DAYS: bad }), /YIPAN_SCAN_RETENTION_DAYS/, bad);
    assert.equal(venuesConfig({ YIPAN_PASS_CHECK_WINDOWS: 'default=72' }).passCheckWindows.default, 72);
    assert.throws(() => venuesConfig({ YIPAN_PASS_CHECK_WINDOWS: 'default=12' }), /YIPAN_PASS_CHECK_WINDOWS/);
  });
});

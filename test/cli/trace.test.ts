import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditLog } from '../../src/modules/audit/audit.table.ts';
import { venueScans } from '../../src/modules/venues/venues.table.ts';
import { addAccount, idNumber, PASSWORD, seedTree, signIn, type TestEnv } from '../helpers.ts';
import { runCli, startServer } from './cli-helpers.ts';

describe('yipan trace', () => {
  let env: TestEnv;
  let url: string;
  const caseId = idNumber('410102', '19800101', 21);
  const contact = idNumber('410102', '19850202', 22);
  const T = Date.parse('2026-11-20T10:00:00+08:00');
  const span = ['--since', '2026-11-19T00:00:00+08:00', '--until', '2026-11-21T00:00:00+08:00'];
  const as = (username: string) => ['--server', url, '--username', username, '--password', PASSWORD];

  before(async () => {
    ({ env, url } = await startServer());
    const nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'inv', 'investigator', nodes.city.id);
    await addAccount(env.ctx, 'gate', 'checkpoint_staff', nodes.a.id);
    const city = await signIn(env.app, 'city');
    const person = async (id: string, phone: string) => (await city.post('/api/people', { name: '测试', idNumber: id, phone, jurisdictionCode: nodes['a.household'].code })).json().id as string;
    const [pCase, pContact] = [await person(caseId, '13700000021'), await person(contact, '13700000022')];
    const venueId = (await city.post('/api/venues', { code: 'VC0001', name: '超市', type: 'supermarket', jurisdictionCode: nodes.a.code })).json().id as string;
    const scan = (eventId: string, personId: string, minutes: number) => ({ eventId, personId, venueId, scannedAt: new Date(T + minutes * 60_000), colourShown: 'green', result: 'pass', source: 'device' });
    await env.ctx.db.insert(venueScans).values([scan('c-1', pCase, 0), scan('c-2', pContact, 25), scan('c-3', pContact, 45)]);
  });
  after(() => env.close());

  test('prints the CSV, masked; --window-minutes widens it; --reveal with --reason is audited', async () => {
    const masked = await runCli(['trace', '--id-number', caseId, ...span, ...as('inv')]);
    assert.equal(masked.code, 0, masked.stderr);
    const mask = `${contact.slice(0, 4)}**********${contact.slice(-4)}`;
    assert.deepEqual(masked.stdout.trimEnd().split('\n'), ['id_number,venue_code,case_scan_at,contact_scan_at', `${mask},VC0001,2026-11-20T02:00:00.000Z,2026-11-20T02:25:00.000Z`]);
    assert.match(masked.stderr, /^1 co-location$/m);

    const wide = await runCli(['trace', '--id-number', caseId, ...span, '--window-minutes', '45', ...as('inv')]);
    assert.equal(wide.stdout.trimEnd().split('\n').length, 3);

    const revealed = await runCli(['trace', '--id-number', caseId, ...span, '--reveal', '--reason', '流调', ...as('inv')]);
    assert.equal(revealed.code, 0, revealed.stderr);
    assert.equal(revealed.last, `${contact},VC0001,2026-11-20T02:00:00.000Z,2026-11-20T02:25:00.000Z`);
    const audit = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'tracing.co_locations.reveal'));
    assert.deepEqual(audit.map((r) => [r.actorName, r.reason]), [['inv', '流调']]);
  });

  test('usage errors exit 2; refusals by the server exit 1 with its message', async () => {
    const noReason = await runCli(['trace', '--id-number', caseId, ...span, '--reveal', ...as('inv')]);
    assert.equal(noReason.code, 2);
    assert.match(noReason.stderr, /--reveal needs --reason/);
    const localTime = await runCli(['trace', '--id-number', caseId, '--since', '2026-11-19 00:00', '--until', '2026-11-21T00:00:00Z', ...as('inv')]);
    assert.equal(localTime.code, 2);
    assert.match(localTime.stderr, /--since must be an ISO 8601 time with an offset/);
    const unknown = await runCli(['trace', '--id-number', idNumber('410102', '19990909', 99), ...span, ...as('inv')]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /trace failed: Person not found \(HTTP 404\)/);
    const refused = await runCli(['trace', '--id-number', caseId, ...span, ...as('gate')]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /lacks cases:write \(HTTP 403\)/);
  });
});

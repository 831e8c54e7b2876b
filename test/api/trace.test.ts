import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import { auditLog } from '../../src/modules/audit/audit.table.ts';
import { venueScans } from '../../src/modules/venues/venues.table.ts';
import { addAccount, idNumber, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

const URL = '/api/tracing/co-locations';
const MIN = 60_000;
const T = Date.parse('2026-11-20T10:00:00+08:00');
const at = (minutes: number, ms = 0) => new Date(T + minutes * MIN + ms);
const iso = (d: Date) => d.toISOString();

describe('POST /api/tracing/co-locations', () => {
  let env: TestEnv;
  let cityInv: Client;
  let distAInv: Client;
  let grid: Client;
  // The case lives in district A; its contacts in A and B; `other` is a case of district B.
  const caseId = idNumber('410102', '19800101', 11);
  const nearA = idNumber('410102', '19850202', 12);
  const nearB = idNumber('410103', '19860303', 13);
  const late = idNumber('410102', '19870404', 14);
  const other = idNumber('410103', '19880505', 15);
  const span = { since: iso(at(-24 * 60)), until: iso(at(24 * 60)) };
  const auditRows = () => env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'tracing.co_locations.reveal')).orderBy(desc(auditLog.id));

  before(async () => {
    env = await startTestApp();
    const nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'inv', 'investigator', nodes.city.id);
    await addAccount(env.ctx, 'inva', 'investigator', nodes.a.id);
    await addAccount(env.ctx, 'grid', 'grid_worker', nodes.a.id);
    const city = await signIn(env.app, 'city');
    [cityInv, distAInv, grid] = await Promise.all(['inv', 'inva', 'grid'].map((u) => signIn(env.app, u)));
    const person = async (id: string, phone: string, unit: string) => {
      const res = await city.post('/api/people', { name: '测试', idNumber: id, phone, jurisdictionCode: nodes[unit].code });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    const [pCase, pA, pB, pLate, pOther] = [
      await person(caseId, '13700000011', 'a.household'),
      await person(nearA, '13700000012', 'a.household'),
      await person(nearB, '13700000013', 'b.household'),
      await person(late, '13700000014', 'a.household'),
      await person(other, '13700000015', 'b.household'),
    ];
    const venue = async (code: string, j: string) => {
      const res = await city.post('/api/venues', { code, name: `场所${code}`, type: 'mall', jurisdictionCode: nodes[j].code });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    const v1 = await venue('VT0001', 'a');
    const v2 = await venue('VT0002', 'b');
    let n = 0;
    const scan = (personId: string, venueId: string, scannedAt: Date) => ({ eventId: `t-${n++}`, personId, venueId, scannedAt, colourShown: 'green', result: 'pass', source: 'device' });
    await env.ctx.db.insert(venueScans).values([
      scan(pCase, v1, at(0)),
      scan(pCase, v2, at(120)),
      scan(pA, v1, at(10)),
      scan(pB, v1, at(-30)),
      scan(pB, v2, at(130)),
      scan(pLate, v1, at(30, 1)),
      scan(pOther, v2, at(100)),
      // Outside [since, until]: the case's own scan here is not a visit.
      scan(pCase, v1, at(3 * 24 * 60)),
      scan(pA, v1, at(3 * 24 * 60)),
    ]);
  });
  after(() => env.close());

  test('signed out: 401', async () => {
    const res = await env.app.inject({ method: 'POST', url: URL, payload: { idNumber: caseId, ...span } });
    assert.equal(res.statusCode, 401);
  });

  test('masked by default, along the case’s visits; the window is a parameter', async () => {
    const res = await cityInv.post(URL, { idNumber: caseId, ...span });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.total, 4);
    assert.deepEqual(
      body.items.map((i: { venueCode: string; caseScanAt: string; contactScanAt: string; revealed: boolean }) => [i.venueCode, i.caseScanAt, i.contactScanAt, i.revealed]),
      [
        ['VT0001', iso(at(0)), iso(at(-30)), false],
        ['VT0001', iso(at(0)), iso(at(10)), false],
        ['VT0002', iso(at(120)), iso(at(100)), false],
        ['VT0002', iso(at(120)), iso(at(130)), false],
      ],
    );
    assert.deepEqual(
      body.items.map((i: { idNumber: string }) => i.idNumber),
      [nearB, nearA, other, nearB].map((id) => `${id.slice(0, 4)}**********${id.slice(-4)}`),
    );
    for (const id of [caseId, nearA, nearB, other]) assert.ok(!res.body.includes(id), 'no full ID number without reveal');
    const narrow = (await cityInv.post(URL, { idNumber: caseId, ...span, windowMinutes: 10 })).json();
    assert.equal(narrow.total, 2);
    assert.equal((await cityInv.post(URL, { idNumber: ` ${caseId.toLowerCase()} `, ...span })).json().total, 4, 'the ID number is normalised');
  });

  test('CSV with Accept: text/csv', async () => {
    const res = await cityInv.post(URL, { idNumber: caseId, ...span }, { accept: 'text/csv' });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    const lines = res.body.trimEnd().split('\n');
    assert.equal(lines[0], 'id_number,venue_code,case_scan_at,contact_scan_at');
    assert.equal(lines.length, 5);
    assert.equal(lines[2], `${nearA.slice(0, 4)}**********${nearA.slice(-4)},VT0001,${iso(at(0))},${iso(at(10))}`);
  });

  test('reveal with a reason: one audit row first; contacts outside the caller’s subtree stay masked', async () => {
    const before = (await auditRows()).length;
    const res = await distAInv.post(URL, { idNumber: caseId, ...span, reveal: true, reason: '流调：核对密接' });
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as Array<{ idNumber: string; revealed: boolean; contactScanAt: string }>;
    assert.deepEqual(
      items.map((i) => [i.idNumber, i.revealed]),
      [
        [`${nearB.slice(0, 4)}**********${nearB.slice(-4)}`, false],
        [nearA, true],
        [`${other.slice(0, 4)}**********${other.slice(-4)}`, false],
        [`${nearB.slice(0, 4)}**********${nearB.slice(-4)}`, false],
      ],
    );
    const rows = await auditRows();
    assert.equal(rows.length, before + 1);
    const [row] = rows;
    assert.equal(row.actorName, 'inva');
    assert.equal(row.reason, '流调：核对密接');
    assert.equal(row.entityType, 'person');
    assert.deepEqual([(row.details as { revealed: number }).revealed, (row.details as { keptMasked: number }).keptMasked, (row.details as { rows: number }).rows], [1, 2, 4]);
    assert.ok(!JSON.stringify(row).includes(nearA), 'the audit row names counts, never the numbers');

    const all = (await cityInv.post(URL, { idNumber: caseId, ...span, reveal: true, reason: 'city-wide review' }, { accept: 'text/csv' })).body;
    assert.ok(all.includes(`${nearB},VT0001`) && all.includes(`${nearA},VT0001`) && all.includes(`${other},VT0002`));
    assert.equal(((await auditRows())[0].details as { revealed: number }).revealed, 3);
  });

  test('reveal without a reason: 400, nothing audited', async () => {
    const before = (await auditRows()).length;
    for (const body of [{ reveal: true }, { reveal: true, reason: '   ' }]) {
      const res = await cityInv.post(URL, { idNumber: caseId, ...span, ...body });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.field, 'reason');
    }
    assert.equal((await auditRows()).length, before);
  });

  test('without the permission: 403 (no role holds cases:write without people:reveal, so a grid worker, who lacks both)', async () => {
    for (const body of [{}, { reveal: true, reason: 'x' }]) {
      const res = await grid.post(URL, { idNumber: caseId, ...span, ...body });
      assert.equal(res.statusCode, 403, res.body);
    }
  });

  test('unknown ID number, or a person outside the caller’s subtree: the same 404', async () => {
    const unknown = await cityInv.post(URL, { idNumber: idNumber('410102', '19990909', 99), ...span });
    const outside = await distAInv.post(URL, { idNumber: other, ...span });
    assert.equal(unknown.statusCode, 404);
    assert.equal(outside.statusCode, 404);
    assert.deepEqual(outside.json(), unknown.json());
    assert.equal((await distAInv.post(URL, { idNumber: other, ...span, reveal: true, reason: 'x' })).statusCode, 404);
  });

  test('bad dates and windows: 400 naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ since: span.until, until: span.since }, 'until'],
      [{ since: span.since, until: span.since }, 'until'],
      [{ since: iso(at(0)), until: iso(at(30 * 24 * 60 + 1)) }, 'until'],
      [{ since: '2026-11-20 10:00', until: span.until }, 'since'],
      [{ since: span.since, until: 'tomorrow' }, 'until'],
      [{ ...span, windowMinutes: 0 }, 'windowMinutes'],
      [{ ...span, windowMinutes: 241 }, 'windowMinutes'],
      [{ since: span.since }, 'until'],
    ];
    for (const [body, field] of cases) {
      const res = await cityInv.post(URL, { idNumber: caseId, ...body });
      assert.equal(res.statusCode, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.equal(res.json().error.field, field, JSON.stringify(body));
    }
    assert.equal((await cityInv.post(URL, { idNumber: caseId, since: iso(at(0)), until: iso(at(30 * 24 * 60)) })).statusCode, 200, 'exactly 30 days is allowed');
  });
});

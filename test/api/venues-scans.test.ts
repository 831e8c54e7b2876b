import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { healthFacts } from '../../src/modules/health-codes/health-codes.table.ts';
import { recolourPeople } from '../../src/modules/health-codes/recolour.ts';
import { venueScans } from '../../src/modules/venues/venues.table.ts';
import { addAccount, clientFor, idNumber, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

describe('venue scans: device batches, citizen scans, CSV import, listing', () => {
  let env: TestEnv;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  let city: Client;
  let checkpoint: Client;
  let distB: Client;
  let sampler: Client;
  const greenId = idNumber('410102', '19800101', 1);
  const redId = idNumber('410103', '19800101', 2);
  let green: string;
  let red: string;
  let venueA: string;
  const csv = { 'content-type': 'text/csv' };
  const iso = (d: Date) => d.toISOString().replace('Z', '+00:00');
  const minutesAgo = (m: number) => iso(new Date(env.clock.now().getTime() - m * 60_000));
  const scanCount = async () => (await env.ctx.db.select({ n: count() }).from(venueScans))[0].n;

  before(async () => {
    env = await startTestApp();
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'gate', 'checkpoint_staff', nodes.a.id);
    await addAccount(env.ctx, 'distb', 'district_commander', nodes.b.id);
    await addAccount(env.ctx, 'sampler', 'sampler', nodes.a.id);
    [city, checkpoint, distB, sampler] = await Promise.all(['city', 'gate', 'distb', 'sampler'].map((u) => signIn(env.app, u)));
    const add = async (name: string, id: string, phone: string, unit: string) => {
      const res = await city.post('/api/people', { name, idNumber: id, phone, jurisdictionCode: unit });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    green = await add('王芳', greenId, '13700001111', nodes['a.household'].code);
    red = await add('李强', redId, '13700002222', nodes['b.household'].code);
    // Red only through a recorded health fact, as the colour engine requires.
    await env.ctx.db.transaction(async (tx) => {
      await tx.insert(healthFacts).values({ personId: red, kind: 'positive_result', source: 'test', validFrom: env.clock.now() });
      await recolourPeople(tx, [red], env.clock.now());
    });
    venueA = (await city.post('/api/venues', { code: 'VA0001', name: '区A商场', type: 'mall', jurisdictionCode: nodes.a.code })).json().id;
    assert.equal((await city.post('/api/venues', { code: 'VB0001', name: '区B商场', type: 'mall', jurisdictionCode: nodes.b.code })).statusCode, 201);
  });
  after(() => env.close());

  test('a batch: pass for green, deny with the reason for red, rejections name the field', async () => {
    const batch = {
      scans: [
        { eventId: 'dev1-1', idNumber: greenId, venueCode: 'VA0001', scannedAt: minutesAgo(5) },
        { eventId: 'dev1-2', personId: red, venueCode: 'va0001', scannedAt: minutesAgo(4) },
        { eventId: 'dev1-3', idNumber: greenId, venueCode: 'VX9999', scannedAt: minutesAgo(3) },
        { eventId: 'dev1-4', idNumber: greenId, venueCode: 'VB0001', scannedAt: minutesAgo(3) },
        { eventId: 'dev1-5', idNumber: idNumber('410102', '19700101', 99), venueCode: 'VA0001', scannedAt: minutesAgo(3) },
        { eventId: 'dev1-6', idNumber: greenId, venueCode: 'VA0001', scannedAt: '2026-11-24T09:30:00' },
        { eventId: 'dev1-7', personId: green, venueCode: 'VA0001', scannedAt: minutesAgo(2), colourShown: 'yellow' },
        { eventId: 'dev1-1', idNumber: greenId, venueCode: 'VA0001', scannedAt: minutesAgo(5) },
        { eventId: 'dev1-8', idNumber: greenId, personId: green, venueCode: 'VA0001', scannedAt: minutesAgo(1) },
      ],
    };
    const res = await checkpoint.post('/api/venues/scans', batch);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual([body.recorded, body.duplicates, body.rejected], [3, 1, 5]);
    const by = (i: number) => body.results[i];
    assert.deepEqual(by(0), { eventId: 'dev1-1', status: 'recorded', result: 'pass', colour: 'green', reason: null });
    assert.equal(by(1).status, 'recorded');
    assert.equal(by(1).result, 'deny');
    assert.equal(by(1).colour, 'red');
    assert.equal(by(1).reason.zh, '红码：核酸检测结果阳性');
    assert.equal(by(1).reason.en, 'Red code: Positive test result');
    assert.deepEqual([by(2).status, by(2).field, by(2).result], ['rejected', 'venueCode', null]);
    assert.deepEqual([by(3).status, by(3).field], ['rejected', 'venueCode'], 'a venue outside the caller jurisdiction is unknown to it');
    assert.deepEqual([by(4).status, by(4).field], ['rejected', 'idNumber']);
    assert.deepEqual([by(5).status, by(5).field], ['rejected', 'scannedAt']);
    assert.match(by(5).reason.en, /offset/);
    assert.deepEqual([by(6).status, by(6).result, by(6).colour, by(6).reason.en], ['recorded', 'deny', 'yellow', 'Yellow code shown']);
    assert.deepEqual([by(7).status, by(7).result], ['duplicate', 'pass'], 'the second copy in one batch');
    assert.deepEqual([by(8).status, by(8).field], ['rejected', 'personId']);
    assert.ok(!res.body.includes(greenId), 'no document number in the answer');

    // The person, venue, time, colour and result are stored.
    const [row] = await env.ctx.db.select().from(venueScans).where(eq(venueScans.eventId, 'dev1-2'));
    assert.equal(row.personId, red);
    assert.equal(row.venueId, venueA);
    assert.equal(row.result, 'deny');
    assert.equal(row.colourShown, 'red');
    assert.equal(row.source, 'device');
    assert.equal(row.scannedAt.toISOString(), new Date(batch.scans[1].scannedAt).toISOString());
  });

  test('the same batch again: every recorded event is a duplicate answered as recorded, nothing new is stored', async () => {
    const before = await scanCount();
    const batch = {
      scans: [
        { eventId: 'dev1-1', idNumber: greenId, venueCode: 'VA0001', scannedAt: minutesAgo(5) },
        { eventId: 'dev1-2', personId: red, venueCode: 'VA0001', scannedAt: minutesAgo(4) },
        { eventId: 'dev1-7', personId: green, venueCode: 'VA0001', scannedAt: minutesAgo(2), colourShown: 'yellow' },
      ],
    };
    const body = (await checkpoint.post('/api/venues/scans', batch)).json();
    assert.deepEqual([body.recorded, body.duplicates, body.rejected], [0, 3, 0]);
    assert.deepEqual(
      body.results.map((r: { status: string; result: string; colour: string }) => `${r.status}:${r.result}:${r.colour}`),
      ['duplicate:pass:green', 'duplicate:deny:red', 'duplicate:deny:yellow'],
    );
    assert.equal(body.results[1].reason.zh, '红码：核酸检测结果阳性');
    assert.equal(await scanCount(), before);
  });

  test('a batch of 5,000 is recorded in one go', async () => {
    const scans = Array.from({ length: 5000 }, (_, i) => ({ eventId: `bulk-${i}`, idNumber: i % 2 ? greenId : redId, venueCode: 'VA0001', scannedAt: minutesAgo(i % 60) }));
    const before = await scanCount();
    const res = await checkpoint.post('/api/venues/scans', { scans });
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    const body = res.json();
    assert.equal(body.recorded, 5000);
    assert.equal(body.results.filter((r: { result: string }) => r.result === 'deny').length, 2500);
    assert.equal(await scanCount(), before + 5000);
    const tooMany = await checkpoint.post('/api/venues/scans', { scans: [...scans, { ...scans[0], eventId: 'bulk-x' }] });
    assert.equal(tooMany.statusCode, 400);
    assert.equal(tooMany.json().error.field, 'scans');
  });

  test('400 names the field; 401 anonymous; 403 without scans:write', async () => {
    const ok = { eventId: 'e-400', idNumber: greenId, venueCode: 'VA0001', scannedAt: minutesAgo(1) };
    const cases: Array<[unknown, string]> = [
      [{}, 'scans'],
      [{ scans: [] }, 'scans'],
      [{ scans: [{ ...ok, venueCode: undefined }] }, 'scans.0.venueCode'],
      [{ scans: [{ ...ok, eventId: undefined }] }, 'scans.0.eventId'],
      [{ scans: [ok, { ...ok, colourShown: 'blue' }] }, 'scans.1.colourShown'],
    ];
    for (const [body, field] of cases) {
      const res = await checkpoint.post('/api/venues/scans', body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.equal(res.json().error.field, field, res.body);
    }
    assert.equal((await sampler.post('/api/venues/scans', { scans: [ok] })).statusCode, 403);
    assert.equal((await env.app.inject({ method: 'POST', url: '/api/venues/scans', payload: { scans: [ok] } })).statusCode, 401);
  });

  test('scans at a venue: newest first, paged, filtered, people masked; 404 outside the jurisdiction', async () => {
    const res = await checkpoint.get(`/api/venues/${venueA}/scans?pageSize=5&result=deny`);
    assert.equal(res.statusCode, 200, res.body);
    const page = res.json();
    assert.equal(page.items.length, 5);
    assert.equal(page.total, 2502);
    const times = page.items.map((s: { scannedAt: string }) => s.scannedAt);
    assert.deepEqual([...times].sort().reverse(), times);
    const redScan = page.items.find((s: { person: { id: string } }) => s.person.id === red);
    assert.equal(redScan.person.nameMasked, '李*');
    assert.match(redScan.person.idNumberMasked, /^4101\*+/);
    assert.equal(redScan.reason.en, 'Red code: Positive test result');
    assert.ok(!res.body.includes('李强') && !res.body.includes(redId), 'no full name or number');
    const all = (await city.get(`/api/venues/${venueA}/scans?from=${encodeURIComponent(minutesAgo(3))}`)).json();
    assert.ok(all.items.every((s: { scannedAt: string }) => s.scannedAt >= new Date(minutesAgo(3)).toISOString()));
    assert.equal((await distB.get(`/api/venues/${venueA}/scans`)).statusCode, 404);
    assert.equal((await sampler.get(`/api/venues/${venueA}/scans`)).statusCode, 403);
    assert.equal((await city.get(`/api/venues/${venueA}/scans?result=maybe`)).statusCode, 400);
    assert.equal((await env.app.inject({ method: 'GET', url: `/api/venues/${venueA}/scans` })).statusCode, 401);
  });

  test('a citizen scans a venue poster: pass or deny with the reason, for people on their phone only', async () => {
    const signInCitizen = async (phone: string) => {
      await env.app.inject({ method: 'POST', url: '/api/auth/citizen/code', payload: { phone } });
      const res = await env.app.inject({ method: 'POST', url: '/api/auth/citizen/login', payload: { phone, code: env.notifier.last.get(phone) } });
      assert.equal(res.statusCode, 200, res.body);
      return clientFor(env.app, String(res.headers['set-cookie']).split(';')[0], res.json().csrfToken);
    };
    const wang = await signInCitizen('13700001111');
    const li = await signInCitizen('13700002222');
    const pass = await wang.post('/api/citizen/scans', { venueCode: 'yipan:venue:VA0001', personId: green, eventId: 'app-1' });
    assert.equal(pass.statusCode, 200, pass.body);
    assert.equal(pass.json().result, 'pass');
    assert.equal(pass.json().status, 'recorded');
    assert.deepEqual(pass.json().venue, { code: 'VA0001', name: '区A商场', type: 'mall' });
    const retry = (await wang.post('/api/citizen/scans', { venueCode: 'yipan:venue:VA0001', personId: green, eventId: 'app-1' })).json();
    assert.equal(retry.status, 'duplicate');
    assert.equal(retry.scannedAt, pass.json().scannedAt);

    const deny = (await li.post('/api/citizen/scans', { venueCode: 'VB0001', personId: red })).json();
    assert.equal(deny.result, 'deny');
    assert.equal(deny.colour, 'red');
    assert.deepEqual(deny.reason, { zh: '红码：核酸检测结果阳性', en: 'Red code: Positive test result' });
    const [row] = await env.ctx.db.select().from(venueScans).where(eq(venueScans.source, 'citizen')).limit(1);
    assert.ok(row);

    assert.equal((await wang.post('/api/citizen/scans', { venueCode: 'VA0001', personId: red })).statusCode, 404, 'not a person on this phone');
    assert.equal((await wang.post('/api/citizen/scans', { venueCode: 'yipan:venue:VZ0000', personId: green })).statusCode, 404);
    const bad = await wang.post('/api/citizen/scans', { venueCode: 'VA0001' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'personId');
    assert.equal((await checkpoint.post('/api/citizen/scans', { venueCode: 'VA0001', personId: green })).statusCode, 403);
    assert.equal((await env.app.inject({ method: 'POST', url: '/api/citizen/scans', payload: { venueCode: 'VA0001', personId: green } })).statusCode, 401);
  });

  test('CSV import of scans: streamed, rejected rows by line and column, a re-import counts recorded events as updated', async () => {
    const file = [
      'id_number,venue_code,scanned_at,event_id,colour_shown',
      `${greenId},VA0001,${minutesAgo(30)},csv-1,`,
      `${redId},VA0001,${minutesAgo(29)},csv-2,`,
      `${greenId},VA0001,${minutesAgo(28)},dev1-1,`,
      `${greenId},VB0001,${minutesAgo(28)},csv-4,`,
      `${greenId},VA0001,2026-11-24 09:30,csv-5,`,
      `${idNumber('410102', '19700101', 98)},VA0001,${minutesAgo(27)},csv-6,`,
      `${greenId},VA0001,${minutesAgo(26)},,`,
      `${greenId},VA0001,${minutesAgo(26)},csv-8,purple`,
      `${greenId},VA0001,${iso(new Date(env.clock.now().getTime() - 29 * 86_400_000))},csv-9,`,
      `${greenId},VA0001,${minutesAgo(25)},csv-1,`,
    ].join('\n');
    const before = await scanCount();
    const res = await checkpoint.post('/api/venues/scans/import?fileName=scans.csv', file, csv);
    assert.equal(res.statusCode, 200, res.body);
    const s = res.json();
    assert.equal(s.kind, 'venue_scans');
    assert.deepEqual([s.processed, s.imported, s.updated, s.rejected], [10, 2, 2, 6]);
    assert.deepEqual(
      s.rejections.map((r: { line: number; column: string }) => `${r.line}:${r.column}`).sort(),
      ['5:venue_code', '6:scanned_at', '7:id_number', '8:event_id', '9:colour_shown', '10:scanned_at'].sort(),
    );
    assert.match(s.rejections.find((r: { line: number }) => r.line === 10).reason, /retention/);
    assert.equal(await scanCount(), before + 2);
    const [row] = await env.ctx.db.select().from(venueScans).where(eq(venueScans.eventId, 'csv-2'));
    assert.deepEqual([row.result, row.source], ['deny', 'import']);

    const again = (await checkpoint.post('/api/venues/scans/import', file, csv)).json();
    assert.deepEqual([again.imported, again.updated, again.rejected], [0, 4, 6]);
    assert.equal(await scanCount(), before + 2);

    const missing = await checkpoint.post('/api/venues/scans/import', 'id_number,venue_code,scanned_at\n', csv);
    assert.equal(missing.statusCode, 400);
    assert.match(missing.json().error.message, /event_id/);
    assert.equal((await sampler.post('/api/venues/scans/import', file, csv)).statusCode, 403);
    assert.equal((await env.app.inject({ method: 'POST', url: '/api/venues/scans/import', body: file, headers: csv })).statusCode, 401);
  });
});

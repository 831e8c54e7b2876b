import { cases } from '../../src/modules/cases/cases.table.ts';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { auditLog } from '../../src/modules/audit/audit.table.ts';
import { healthFacts } from '../../src/modules/health-codes/health-codes.table.ts';
import { followUpMembers, poolFollowUps, resultConflicts, tubeBatches, tubeMembers, tubes } from '../../src/modules/testing/sampling.table.ts';
import { testResults } from '../../src/modules/testing/testing.table.ts';
import { addAccount, idNumber, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

describe('lab results: batches, conflicts, hand-over to people, recalls, turnaround', () => {
  let env: TestEnv;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  let lab: Client;
  let city: Client;
  let distB: Client;
  let gate: Client;
  let sampler: Client;
  /** People in district a (12) and district b (3). */
  const a: string[] = [];
  const b: string[] = [];
  const iso = (d: Date) => d.toISOString().replace('Z', '+00:00');
  const hoursAgo = (h: number) => new Date(env.clock.now().getTime() - h * 3_600_000);
  let batchId: string;

  /** A tube set up directly in the tables, as the sampling pipeline would leave it. */
  async function makeTube(barcode: string, members: string[], opts: { poolSize?: number; status?: string; purpose?: string; path?: string; sampledHoursAgo?: number; batch?: boolean } = {}) {
    const sampledAt = hoursAgo(opts.sampledHoursAgo ?? 3);
    const [row] = await env.ctx.db
      .insert(tubes)
      .values({
        barcode,
        jurisdictionPath: opts.path ?? nodes['a.community'].path,
        poolSize: opts.poolSize ?? members.length,
        purpose: opts.purpose ?? 'screening',
        status: opts.status ?? 'received',
        openedAt: sampledAt,
        closedAt: opts.status === 'open' ? null : sampledAt,
        batchId: opts.batch === false ? null : batchId,
      })
      .returning({ id: tubes.id });
    if (members.length) {
      await env.ctx.db.insert(tubeMembers).values(members.map((personId, i) => ({ tubeId: row.id, personId, sampledAt: new Date(sampledAt.getTime() + i * 1000), clientEventId: `${barcode}-${i}` })));
    }
    return row.id;
  }
  const tubeRow = async (barcode: string) => (await env.ctx.db.select().from(tubes).where(eq(tubes.barcode, barcode)))[0];
  const conflictCount = async () => (await env.ctx.db.select({ n: count() }).from(resultConflicts))[0].n;
  const labResultCount = async (barcode: string) => (await env.ctx.db.select({ n: count() }).from(testResults).where(eq(testResults.sourceRef, barcode)))[0].n;
  const send = (results: unknown[], client = lab) => client.post('/api/lab/results', { results });
  const colourOf = async (personId: string) => (await city.get(`/api/people/${personId}/code`)).json().colour as string;

  before(async () => {
    env = await startTestApp();
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'lab', 'lab_technician', nodes.city.id);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'distb', 'district_commander', nodes.b.id);
    await addAccount(env.ctx, 'gate', 'checkpoint_staff', nodes.city.id);
    await addAccount(env.ctx, 'sampler', 'sampler', nodes.a.id);
    [lab, city, distB, gate, sampler] = await Promise.all(['lab', 'city', 'distb', 'gate', 'sampler'].map((u) => signIn(env.app, u)));
    let seq = 1;
    for (const [list, region, unit, n] of [
      [a, '410102', nodes['a.household'].code, 12],
      [b, '410103', nodes['b.household'].code, 3],
    ] as const) {
      for (let i = 0; i < n; i++, seq++) {
        const res = await city.post('/api/people', { name: `居民${seq}`, idNumber: idNumber(region, '19850101', seq), phone: `1370000${String(seq).padStart(4, '0')}`, jurisdictionCode: unit });
        assert.equal(res.statusCode, 201, res.body);
        list.push(res.json().id);
      }
    }
    [{ id: batchId }] = await env.ctx.db.insert(tubeBatches).values({ transferCode: 'TR-0001', lab: '金域检验', sentAt: hoursAgo(2), receivedAt: hoursAgo(1) }).returning({ id: tubeBatches.id });
  });
  after(() => env.close());

  test('an unknown barcode becomes a conflict, listed as open; sending it again records nothing new', async () => {
    const res = await send([{ barcode: 'NOPE0001', result: 'negative', testedAt: iso(hoursAgo(0.5)) }]);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual([body.applied, body.duplicates, body.conflicts, body.rejected], [0, 0, 1, 0]);
    assert.equal(body.results[0].status, 'conflict');
    assert.match(body.results[0].reason, /no tube/);
    const [row] = await env.ctx.db.select().from(resultConflicts).where(eq(resultConflicts.id, body.results[0].conflictId));
    assert.deepEqual([row.kind, row.barcode, row.result, row.status], ['unknown_tube', 'NOPE0001', 'negative', 'open']);
    const before = await conflictCount();
    const again = (await send([{ barcode: 'NOPE0001', result: 'negative', testedAt: iso(row.testedAt) }])).json();
    assert.equal(again.results[0].conflictId, body.results[0].conflictId);
    assert.equal(await conflictCount(), before);
    const list = (await lab.get('/api/lab/conflicts')).json();
    assert.ok(list.items.some((c: { id: string; kind: string; storedResult: null }) => c.id === row.id && c.kind === 'unknown_tube' && c.storedResult === null));
  });

  test('a negative 10-in-1: the tube is resulted, 10 certificates are written, and a member passes the pass check on it', async () => {
    const members = a.slice(0, 10);
    const denied = (await gate.post('/api/pass-checks', { personId: members[3], temperature: 36.5 })).json();
    assert.equal(denied.result, 'deny', 'no certificate yet');
    await makeTube('P10-0001', members, { poolSize: 10 });
    const testedAt = iso(hoursAgo(0.5));
    const res = await send([{ barcode: 'P10-0001', result: 'negative', ctOrf1ab: null, testedAt }]);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().results[0], { barcode: 'P10-0001', status: 'applied', reason: null, people: 10, followUpOpened: false });
    const tube = await tubeRow('P10-0001');
    assert.deepEqual([tube.status, tube.result, tube.lab], ['resulted', 'negative', '金域检验']);
    assert.equal(tube.testedAt?.toISOString(), new Date(testedAt).toISOString());
    assert.equal(tube.resultedAt?.toISOString(), env.clock.now().toISOString());
    const rows = await env.ctx.db.select().from(testResults).where(eq(testResults.sourceRef, 'P10-0001'));
    assert.equal(rows.length, 10);
    assert.ok(rows.every((r) => r.kind === 'nat' && r.source === 'lab' && r.result === 'negative'));
    const sampled = await env.ctx.db.select().from(tubeMembers).where(eq(tubeMembers.personId, members[3]));
    assert.equal(rows.find((r) => r.personId === members[3])?.sampledAt.toISOString(), sampled[0].sampledAt.toISOString());
    const check = (await gate.post('/api/pass-checks', { personId: members[3], temperature: 36.5 })).json();
    assert.equal(check.result, 'pass', JSON.stringify(check.reasons));
    assert.equal(check.latestNegativeTest.sampledAt, sampled[0].sampledAt.toISOString());
  });

  test('the same result twice is a duplicate and changes nothing', async () => {
    const before = await tubeRow('P10-0001');
    const body = (await send([{ barcode: 'P10-0001', result: 'negative', testedAt: iso(hoursAgo(0.2)) }])).json();
    assert.deepEqual([body.applied, body.duplicates], [0, 1]);
    assert.equal(body.results[0].status, 'duplicate');
    assert.deepEqual(await tubeRow('P10-0001'), before);
    assert.equal(await labResultCount('P10-0001'), 10);
  });

  test('a different second result is a conflict; the stored result stays; resolving it is audited and changes no result', async () => {
    const conflictsBefore = await conflictCount();
    const body = (await send([{ barcode: 'P10-0001', result: 'positive', ctOrf1ab: 31.5, ctN: 30.25, testedAt: iso(hoursAgo(0.1)) }])).json();
    assert.equal(body.results[0].status, 'conflict');
    assert.match(body.results[0].reason, /different result \(negative\)/);
    assert.equal(await conflictCount(), conflictsBefore + 1);
    const tube = await tubeRow('P10-0001');
    assert.equal(tube.result, 'negative');
    assert.equal(await labResultCount('P10-0001'), 10);
    assert.equal(await colourOf(a[0]), 'green');
    const id = body.results[0].conflictId;
    const listed = (await city.get('/api/lab/conflicts')).json().items.find((c: { id: string }) => c.id === id);
    assert.deepEqual([listed.kind, listed.result, listed.storedResult, listed.ctOrf1ab, listed.ctN], ['different_result', 'positive', 'negative', 31.5, 30.25]);

    assert.equal((await city.post(`/api/lab/conflicts/${id}/resolve`, { resolution: 'checked' })).statusCode, 403, 'commanders read, labs resolve');
    const bad = await lab.post(`/api/lab/conflicts/${id}/resolve`, {});
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'resolution');
    const res = await lab.post(`/api/lab/conflicts/${id}/resolve`, { resolution: '复核样本：原阴性结果正确，第二次上报为录入错误' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().status, res.json().storedResult], ['resolved', 'negative']);
    assert.equal((await tubeRow('P10-0001')).result, 'negative');
    assert.ok(!(await lab.get('/api/lab/conflicts')).json().items.some((c: { id: string }) => c.id === id), 'no longer open');
    const [audit] = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'result_conflict.resolve'), eq(auditLog.entityId, id)));
    assert.ok(audit);
    assert.equal(audit.actorName, 'lab');
    assert.equal((await lab.post(`/api/lab/conflicts/${id}/resolve`, { resolution: 'again' })).statusCode, 409);
    assert.equal((await lab.post('/api/lab/conflicts/00000000-0000-4000-8000-000000000000/resolve', { resolution: 'none' })).statusCode, 404);
  });

  test('an invalid tube recalls its members: in the answer and in the recall list, within the jurisdiction', async () => {
    await makeTube('INV-0001', [b[0], b[1]], { poolSize: 5, path: nodes['b.community'].path });
    const body = (await send([{ barcode: 'INV-0001', result: 'invalid', testedAt: iso(hoursAgo(0.5)) }])).json();
    assert.equal(body.results[0].status, 'applied');
    assert.deepEqual(body.recalls.map((r: { personId: string }) => r.personId).sort(), [b[0], b[1]].sort());
    assert.match(body.recalls[0].nameMasked, /^居\*+$/);
    const recalls = (await distB.get('/api/lab/recalls')).json();
    assert.equal(recalls.total, 2);
    assert.ok(recalls.items.every((r: { barcode: string; idNumberMasked: string }) => r.barcode === 'INV-0001' && r.idNumberMasked.includes('*')));
    assert.equal((await lab.get('/api/lab/recalls')).json().total, 2);
    const distA = await (async () => {
      await addAccount(env.ctx, 'dista', 'district_commander', nodes.a.id);
      return signIn(env.app, 'dista');
    })();
    assert.equal((await distA.get('/api/lab/recalls')).json().total, 0, 'district a sees none of district b');
    // Sampled again: off the list.
    await makeTube('RE-B0-0001', [b[0]], { poolSize: 1, path: nodes['b.community'].path, sampledHoursAgo: 0.1, status: 'closed' });
    assert.equal((await distB.get('/api/lab/recalls')).json().total, 1);
    const pass = (await gate.post('/api/pass-checks', { personId: b[1], temperature: 36.5 })).json();
    assert.equal(pass.result, 'deny', 'an invalid result is no certificate');
  });

  test('a positive single sample turns the person red (positive_result from testing, ref = barcode) and opens their case', async () => {
    await makeTube('S1-0001', [b[2]], { poolSize: 1, path: nodes['b.community'].path });
    assert.equal(await colourOf(b[2]), 'green');
    const body = (await send([{ barcode: 'S1-0001', result: 'positive', ctOrf1ab: 24.1, ctN: 22.7, testedAt: iso(hoursAgo(0.5)) }])).json();
    assert.equal(body.results[0].status, 'applied');
    assert.equal(await colourOf(b[2]), 'red');
    const facts = await env.ctx.db.select().from(healthFacts).where(eq(healthFacts.personId, b[2]));
    assert.deepEqual(facts.map((f) => [f.kind, f.source]).sort(), [['asymptomatic_case', 'tracing'], ['positive_result', 'testing']]);
    const [opened] = await env.ctx.db.select().from(cases).where(eq(cases.personId, b[2]));
    assert.equal(opened.positiveRef, 'S1-0001');
    assert.equal(facts.find((f) => f.kind === 'asymptomatic_case')!.sourceRef, opened.id);
    const tube = await tubeRow('S1-0001');
    assert.deepEqual([tube.ctOrf1ab, tube.ctN], ['24.10', '22.70']);
    const [tr] = await env.ctx.db.select().from(testResults).where(eq(testResults.sourceRef, 'S1-0001'));
    assert.equal(tr.result, 'positive');
  });

  test('an open tube is refused with the reason; a result before sampling is refused', async () => {
    await makeTube('OPEN-0001', [a[10]], { poolSize: 5, status: 'open', batch: false });
    await makeTube('EARLY-0001', [a[11]], { poolSize: 5, sampledHoursAgo: 2 });
    const body = (
      await send([
        { barcode: 'OPEN-0001', result: 'negative', testedAt: iso(hoursAgo(0.5)) },
        { barcode: 'EARLY-0001', result: 'negative', testedAt: iso(hoursAgo(5)) },
        { barcode: 'EARLY-0001', result: 'negative', testedAt: '2026-11-24T09:30:00' },
        { barcode: 'EARLY-0001', result: 'negative', ctN: 120, testedAt: iso(hoursAgo(1)) },
      ])
    ).json();
    assert.deepEqual(
      body.results.map((r: { status: string; field?: string }) => `${r.status}:${r.field}`),
      ['rejected:barcode', 'rejected:testedAt', 'rejected:testedAt', 'rejected:ctN'],
    );
    assert.match(body.results[0].reason, /the tube is still open/);
    assert.match(body.results[2].reason, /offset/);
    const tube = await tubeRow('OPEN-0001');
    assert.deepEqual([tube.status, tube.result], ['open', null]);
    assert.equal(await labResultCount('OPEN-0001'), 0);
  });

  test('a positive pool opens its follow-up (members yellow); a negative re-test ends the wait', async () => {
    const members = [a[10], a[11]];
    await makeTube('POOL-0001', members, { poolSize: 5 });
    const body = (await send([{ barcode: 'POOL-0001', result: 'positive', ctOrf1ab: 33, ctN: 32, testedAt: iso(hoursAgo(0.5)) }])).json();
    assert.equal(body.results[0].status, 'applied');
    assert.equal(body.results[0].followUpOpened, true);
    assert.equal(body.results[0].people, 0, 'no member is positive yet: no personal result');
    const tube = await tubeRow('POOL-0001');
    const [fu] = await env.ctx.db.select().from(poolFollowUps).where(eq(poolFollowUps.tubeId, tube.id));
    assert.ok(fu, 'follow-up opened');
    assert.equal(await colourOf(a[10]), 'yellow');
    assert.notEqual(await colourOf(a[10]), 'red');
    // The re-test of a[10], single sample, negative.
    await makeTube('RT-0001', [a[10]], { poolSize: 1, purpose: 'retest', sampledHoursAgo: 0.2 });
    await env.ctx.db.update(followUpMembers).set({ status: 'retest_sampled', retestBarcode: 'RT-0001', retestSampledAt: hoursAgo(0.2) }).where(and(eq(followUpMembers.followUpId, fu.id), eq(followUpMembers.personId, a[10])));
    const rt = (await send([{ barcode: 'RT-0001', result: 'negative', testedAt: iso(hoursAgo(0.1)) }])).json();
    assert.equal(rt.results[0].status, 'applied');
    assert.equal(await colourOf(a[10]), 'green');
    assert.equal(await colourOf(a[11]), 'yellow', 'the other member still waits');
    const [m] = await env.ctx.db.select().from(followUpMembers).where(and(eq(followUpMembers.followUpId, fu.id), eq(followUpMembers.personId, a[10])));
    assert.equal(m.status, 'negative');
  });

  test('turnaround per lab: median, p90, share within 8 hours and the late tubes', async () => {
    env.clock.advance(60_000);
    const otherLab = '迪安诊断';
    for (const [i, h] of [2, 4, 6, 10].entries()) await makeTube(`TA-${i}`, [a[i]], { poolSize: 10, sampledHoursAgo: h, batch: false });
    const res = await send([0, 1, 2, 3].map((i) => ({ barcode: `TA-${i}`, result: 'negative', testedAt: iso(hoursAgo(0.5)), lab: otherLab })));
    assert.equal(res.json().applied, 4);
    const from = iso(new Date(env.clock.now().getTime() - 30_000));
    const to = iso(new Date(env.clock.now().getTime() + 1000));
    const report = (await city.get(`/api/lab/turnaround?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)).json();
    assert.equal(report.targetHours, 8);
    assert.equal(report.labs.length, 1);
    const row = report.labs[0];
    assert.deepEqual([row.lab, row.tubes, row.late, row.withinTargetShare], [otherLab, 4, 1, 0.75]);
    assert.ok(Math.abs(row.medianHours - 5) < 0.01, String(row.medianHours));
    assert.ok(Math.abs(row.p90Hours - 8.8) < 0.01, String(row.p90Hours));
    assert.deepEqual(report.lateTubes.map((t: { barcode: string }) => t.barcode), ['TA-3']);
    assert.ok(Math.abs(report.lateTubes[0].hours - 10) < 0.01);
    // The whole day: both labs; district b sees only its tubes.
    const all = (await city.get('/api/lab/turnaround')).json();
    assert.deepEqual(all.labs.map((l: { lab: string }) => l.lab).sort(), ['迪安诊断', '金域检验'].sort());
    const onlyB = (await distB.get('/api/lab/turnaround')).json();
    assert.deepEqual(onlyB.labs.map((l: { lab: string; tubes: number }) => [l.lab, l.tubes]), [['金域检验', 2]]);
    assert.equal((await city.get('/api/lab/turnaround?from=yesterday')).statusCode, 400);
    assert.equal((await city.get(`/api/lab/turnaround?from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`)).statusCode, 400);
  });

  test('CSV import: applied, repeats, conflicts and bad rows with line, column and reason', async () => {
    await makeTube('CSV-0001', [a[0], a[1]], { poolSize: 5, sampledHoursAgo: 2 });
    await makeTube('CSV-0002', [a[2]], { poolSize: 5, sampledHoursAgo: 2 });
    const t = iso(hoursAgo(0.5));
    const csv = [
      'barcode,result,tested_at,ct_orf1ab,ct_n,lab',
      `CSV-0001,negative,${t},,,金域检验`,
      `CSV-0002,NEGATIVE,${t}`,
      `P10-0001,negative,${t}`,
      `CSV-XXXX,negative,${t}`,
      `CSV-0001,positive,${t},30,31`,
      `CSV-0003,maybe,${t}`,
      `CSV-0003,negative,2026-11-24 09:30`,
      `CSV-0003,negative,${t},abc`,
      `,negative,${t}`,
    ].join('\n');
    const res = await lab.post('/api/lab/results/import?fileName=results.csv', csv, { 'content-type': 'text/csv' });
    assert.equal(res.statusCode, 200, res.body);
    const s = res.json();
    assert.deepEqual([s.processed, s.imported, s.updated, s.rejected], [9, 2, 1, 6]);
    const by = Object.fromEntries(s.rejections.map((r: { line: number; column: string; reason: string }) => [r.line, `${r.column}: ${r.reason}`]));
    assert.match(by[5], /^barcode: no tube/);
    assert.match(by[6], /^result: the tube already has a different result \(negative\)/);
    assert.match(by[7], /^result: must be one of/);
    assert.match(by[8], /^tested_at: must be an ISO 8601/);
    assert.match(by[9], /^ct_orf1ab: must be a Ct value/);
    assert.match(by[10], /^barcode: is required/);
    assert.equal((await tubeRow('CSV-0001')).result, 'negative');
    assert.equal(await labResultCount('CSV-0001'), 2);
    // The same file again: nothing new.
    const conflicts = await conflictCount();
    const again = (await lab.post('/api/lab/results/import', csv, { 'content-type': 'text/csv' })).json();
    assert.deepEqual([again.imported, again.updated, again.rejected], [0, 3, 6]);
    assert.equal(await conflictCount(), conflicts);
    const header = await lab.post('/api/lab/results/import', 'barcode,result\nX,negative\n', { 'content-type': 'text/csv' });
    assert.equal(header.statusCode, 400);
    assert.match(header.json().error.message, /tested_at/);
    assert.equal((await city.post('/api/lab/results/import', csv, { 'content-type': 'text/csv' })).statusCode, 403);
  });

  test('400 names the field; 401 anonymous; 403 without the permission; at most 5,000 per batch', async () => {
    const ok = { barcode: 'X-1', result: 'negative', testedAt: iso(hoursAgo(1)) };
    const cases: Array<[unknown, string]> = [
      [{}, 'results'],
      [{ results: [] }, 'results'],
      [{ results: [{ ...ok, barcode: undefined }] }, 'results.0.barcode'],
      [{ results: [ok, { ...ok, result: 'maybe' }] }, 'results.1.result'],
      [{ results: [{ ...ok, testedAt: undefined }] }, 'results.0.testedAt'],
    ];
    for (const [body, field] of cases) {
      const res = await lab.post('/api/lab/results', body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.equal(res.json().error.field, field, res.body);
    }
    const tooMany = await lab.post('/api/lab/results', { results: Array.from({ length: 5001 }, (_, i) => ({ ...ok, barcode: `X-${i}` })) });
    assert.equal(tooMany.statusCode, 400);
    assert.equal(tooMany.json().error.field, 'results');
    assert.equal((await sampler.post('/api/lab/results', { results: [ok] })).statusCode, 403);
    assert.equal((await city.post('/api/lab/results', { results: [ok] })).statusCode, 403, 'commanders read results, labs write them');
    assert.equal((await sampler.get('/api/lab/conflicts')).statusCode, 403);
    assert.equal((await gate.get('/api/lab/turnaround')).statusCode, 403);
    assert.equal((await sampler.get('/api/lab/recalls')).statusCode, 403);
    for (const [method, url] of [
      ['POST', '/api/lab/results'],
      ['POST', '/api/lab/results/import'],
      ['GET', '/api/lab/conflicts'],
      ['GET', '/api/lab/recalls'],
      ['GET', '/api/lab/turnaround'],
    ] as const) {
      assert.equal((await env.app.inject({ method, url, payload: method === 'POST' ? { results: [ok] } : undefined })).statusCode, 401, url);
    }
    assert.equal((await lab.post('/api/lab/conflicts/not-a-uuid/resolve', { resolution: 'x y' })).statusCode, 400);
  });

  test('a batch of 5,000 results is applied in one go', async () => {
    const sampledAt = hoursAgo(4);
    const rows = await env.ctx.db
      .insert(tubes)
      .values(Array.from({ length: 5000 }, (_, i) => ({ barcode: `BULK-${i}`, jurisdictionPath: nodes['a.community'].path, poolSize: 10, status: 'received', openedAt: sampledAt, closedAt: sampledAt, batchId })))
      .returning({ id: tubes.id });
    for (let i = 0; i < rows.length; i += 1000) {
      await env.ctx.db.insert(tubeMembers).values(rows.slice(i, i + 1000).map((r, j) => ({ tubeId: r.id, personId: a[(i + j) % 10], sampledAt, clientEventId: `bulk-${i + j}` })));
    }
    const started = Date.now();
    const res = await send(rows.map((_, i) => ({ barcode: `BULK-${i}`, result: 'negative', ctOrf1ab: null, ctN: null, testedAt: iso(hoursAgo(1)), lab: '金域检验' })));
    assert.equal(res.statusCode, 200, res.body.slice(0, 500));
    assert.equal(res.json().applied, 5000);
    assert.equal((await env.ctx.db.select({ n: count() }).from(testResults).where(eq(testResults.reportedAt, env.clock.now())))[0].n >= 5000, true);
    assert.ok(Date.now() - started < 60_000, `took ${Date.now() - started} ms`);
  });
});

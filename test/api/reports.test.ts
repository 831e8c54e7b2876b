import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../src/modules/audit/audit.table.ts';
import { cityDate } from '../../src/platform/city-day.ts';
import { contacts, investigations, trajectoryEntries } from '../../src/modules/cases/cases.table.ts';
import { openCase } from '../../src/modules/cases/open-case.ts';
import { venues } from '../../src/modules/venues/venues.table.ts';
import { addAccount, idNumber, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

const HOUR = 3_600_000;
const masked = (id: string) => `${id.slice(0, 4)}**********${id.slice(-4)}`;

describe('investigation reports and public notices', () => {
  let env: TestEnv;
  let city: Client;
  let distA: Client;
  let distB: Client;
  let inv: Client;
  let grid: Client;
  let lab: Client;
  let caseId: string;
  let invId: string;
  let closeContactId: string;
  const caseIdNumber = idNumber('410102', '19800101', 21);
  const contactIdNumber = idNumber('410102', '19850202', 22);
  const url = (suffix = '') => `/api/investigations/${invId}/report${suffix}`;
  const put = (c: Client, body: unknown) => env.app.inject({ method: 'PUT', url: url(), headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken }, payload: body as object });
  const audits = (action: string) => env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, invId)));

  before(async () => {
    env = await startTestApp();
    const nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'dista', 'district_commander', nodes.a.id);
    await addAccount(env.ctx, 'distb', 'district_commander', nodes.b.id);
    await addAccount(env.ctx, 'inva', 'investigator', nodes.a.id);
    await addAccount(env.ctx, 'grid', 'grid_worker', nodes.a.id);
    await addAccount(env.ctx, 'lab', 'lab_technician', nodes.city.id);
    [city, distA, distB, inv, grid, lab] = await Promise.all(['city', 'dista', 'distb', 'inva', 'grid', 'lab'].map((u) => signIn(env.app, u)));
    const person = async (name: string, id: string, phone: string) => {
      const res = await city.post('/api/people', { name, idNumber: id, phone, jurisdictionCode: nodes['a.household'].code, address: '幸福小区1号楼1单元101室' });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    const casePerson = await person('赵病例', caseIdNumber, '13700000021');
    const contactPerson = await person('钱密接', contactIdNumber, '13700000022');
    const [venue] = await env.ctx.db
      .insert(venues)
      .values({ code: 'V4101020009', name: '惠民超市', type: 'supermarket', address: '健康路 9 号', jurisdictionId: nodes['a.community'].id, jurisdictionPath: nodes['a.community'].path })
      .returning({ id: venues.id });

    const now = env.clock.now();
    const ago = (h: number) => new Date(now.getTime() - h * HOUR);
    caseId = await env.ctx.db.transaction(async (tx) => (await openCase(tx, { personId: casePerson, classification: 'confirmed', onsetDate: cityDate(ago(24)), sampledAt: ago(12) }, now)).caseId);
    [{ id: invId }] = await env.ctx.db.select({ id: investigations.id }).from(investigations).where(eq(investigations.caseId, caseId));

    const entry = (e: Partial<typeof trajectoryEntries.$inferInsert> & Pick<typeof trajectoryEntries.$inferInsert, 'kind' | 'startsAt'>) => ({ caseId, source: 'investigator', ...e });
    await env.ctx.db.insert(trajectoryEntries).values([
      entry({ kind: 'transport', startsAt: ago(30), endsAt: ago(29.5), detail: '地铁1号线' }),
      entry({ kind: 'venue', startsAt: ago(20), endsAt: ago(19.25), venueId: venue.id, detail: '与钱密接同行' }),
      entry({ kind: 'home', startsAt: ago(18), endsAt: ago(8), place: '幸福小区1号楼1单元101室' }),
      entry({ kind: 'workplace', startsAt: ago(44), endsAt: ago(36), place: '示范科技公司' }),
      entry({ kind: 'place', startsAt: ago(6), place: '已删除的摊位', removedAt: now }),
      entry({ kind: 'place', startsAt: ago(24 * 10), place: '十天前的影院' }),
    ]);
    const contact = (c: Partial<typeof contacts.$inferInsert>) => ({ caseId, degree: 'close', sources: ['manual'], identifiedAt: now, status: 'confirmed', ...c });
    [{ id: closeContactId }] = await env.ctx.db
      .insert(contacts)
      .values(contact({ personId: contactPerson, sources: ['household', 'co_location'], lastExposureAt: ago(19.5), controlMeasure: 'centralized_quarantine', measureUntil: new Date(now.getTime() + 14 * 24 * HOUR) }))
      .returning({ id: contacts.id });
    await env.ctx.db.insert(contacts).values([
      contact({ candidateName: '孙候选', status: 'candidate' }),
      contact({ candidateName: '李排除', status: 'dismissed', dismissReason: '无接触' }),
      // Enough confirmed (controlled) contacts for the PDF to run over one page.
      ...Array.from({ length: 45 }, (_, i) => contact({ degree: 'secondary', candidateName: `次密接${i + 1}`, candidateIdMasked: `4101**********${String(1000 + i)}`, controlMeasure: 'home_health_monitoring', controlledAt: now })),
    ]);
  });
  after(() => env.close());

  test('signed out: 401', async () => {
    assert.equal((await env.app.inject({ method: 'GET', url: url() })).statusCode, 401);
    assert.equal((await env.app.inject({ method: 'GET', url: `/api/cases/${caseId}/public-notice` })).statusCode, 401);
  });

  test('a role without the permission: 403', async () => {
    assert.equal((await grid.get(url())).statusCode, 403);
    assert.equal((await lab.get(url('.pdf'))).statusCode, 403);
    assert.equal((await lab.get(`/api/cases/${caseId}/public-notice`)).statusCode, 403);
    assert.equal((await grid.post(url('/submit'))).statusCode, 403);
    // An investigator writes reports but does not review them.
    assert.equal((await inv.post(url('/approve'), {})).statusCode, 403);
    assert.equal((await inv.post(url('/return'), { note: 'x' })).statusCode, 403);
  });

  test('outside the caller’s jurisdiction: 404', async () => {
    assert.equal((await distB.get(url())).statusCode, 404);
    assert.equal((await distB.get(url('.pdf'))).statusCode, 404);
    assert.equal((await put(distB, { summary: 'x' })).statusCode, 404);
    assert.equal((await distB.post(url('/submit'))).statusCode, 404);
    assert.equal((await distB.post(url('/return'), { note: 'x' })).statusCode, 404);
    assert.equal((await distB.get(`/api/cases/${caseId}/public-notice`)).statusCode, 404);
    assert.equal((await distB.get(`/api/investigations/00000000-0000-4000-8000-000000000000/report`)).statusCode, 404);
  });

  test('submit names the missing field: 400', async () => {
    let res = await inv.post(url('/submit'));
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.field, 'summary');
    assert.equal((await put(inv, { summary: '病例为本土确诊病例，已完成流调。' })).statusCode, 200);
    res = await inv.post(url('/submit'));
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.field, 'sourceHypothesis');
    assert.equal((await put(inv, { sourceHypothesis: '   ' })).statusCode, 200);
    assert.equal((await inv.post(url('/submit'))).json().error.field, 'sourceHypothesis', 'blank is missing');
    assert.equal((await put(inv, {})).statusCode, 400, 'an empty change is refused');
  });

  test('draft → submitted → returned → submitted → approved; the approver is never the submitter', async () => {
    let res = await put(inv, { sourceHypothesis: '11月在惠民超市与外地返回人员有时空交集。' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().reportStatus, 'draft');
    assert.equal((await city.post(url('/approve'), {})).statusCode, 409, 'a draft cannot be approved');

    res = await inv.post(url('/submit'));
    assert.equal(res.statusCode, 200, res.body);
    let body = res.json();
    assert.equal(body.reportStatus, 'submitted');
    assert.equal(body.status, 'submitted');
    assert.equal(body.submittedBy, 'inva');
    assert.ok(body.contactsIdentifiedAt, 'submitting concludes the contact list');
    assert.equal(body.contactsControlledAt, null, 'one confirmed contact is not yet controlled');
    assert.equal((await put(inv, { summary: 'late edit' })).statusCode, 409, 'a submitted report is not edited');
    assert.equal((await inv.post(url('/submit'))).statusCode, 409);

    res = await city.post(url('/return'), { note: '请补充密接管控情况' });
    assert.equal(res.statusCode, 200, res.body);
    body = res.json();
    assert.deepEqual([body.reportStatus, body.status, body.reviewNote], ['returned', 'in_progress', '请补充密接管控情况']);
    assert.equal((await city.post(url('/return'), { note: 'again' })).statusCode, 409);

    res = await put(distA, { summary: '病例为本土确诊病例；密接均已落实集中隔离。' });
    assert.equal(res.statusCode, 200, res.body);
    await env.ctx.db.update(contacts).set({ controlledAt: env.clock.now() }).where(eq(contacts.id, closeContactId));
    env.clock.advance(HOUR);
    res = await distA.post(url('/submit'));
    assert.equal(res.statusCode, 200, res.body);
    body = res.json();
    assert.equal(body.submittedBy, 'dista');
    assert.equal(body.contactsControlledAt, env.clock.now().toISOString(), 'every confirmed contact is controlled now');

    res = await distA.post(url('/approve'), {});
    assert.equal(res.statusCode, 403, res.body);
    assert.match(res.json().error.message, /submitter/);

    res = await city.post(url('/approve'), { note: '同意' });
    assert.equal(res.statusCode, 200, res.body);
    body = res.json();
    assert.deepEqual([body.reportStatus, body.status, body.reviewedBy, body.reviewNote], ['approved', 'closed', 'city', '同意']);
    assert.equal(body.closedAt, env.clock.now().toISOString());
    assert.equal((await city.post(url('/approve'))).statusCode, 409, 'approved once');
    assert.equal((await put(inv, { summary: 'x' })).statusCode, 409);

    assert.equal((await audits('investigation_report.submit')).length, 2);
    assert.equal((await audits('investigation_report.return')).length, 1);
    const [approved] = await audits('investigation_report.approve');
    assert.equal(approved.actorName, 'city');
  });

  test('the report: case with masked ID, trajectory without removed entries, confirmed contacts and counts', async () => {
    const res = await inv.get(url());
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json();
    assert.equal(r.case.name, '赵病例');
    assert.equal(r.case.idNumberMasked, masked(caseIdNumber));
    assert.equal(r.case.classification, 'confirmed');
    assert.deepEqual(
      r.trajectory.map((e: { kind: string; inWindow: boolean }) => [e.kind, e.inWindow]),
      [
        ['place', false],
        ['workplace', true],
        ['transport', true],
        ['venue', true],
        ['home', true],
      ],
    );
    assert.equal(r.trajectory[3].venueName, '惠民超市');
    assert.equal(r.contacts.length, 46);
    assert.deepEqual(r.contacts[0], {
      name: '钱密接',
      idNumberMasked: masked(contactIdNumber),
      degree: 'close',
      sources: ['household', 'co_location'],
      controlMeasure: 'centralized_quarantine',
      measureUntil: r.contacts[0].measureUntil,
      lastExposureAt: r.contacts[0].lastExposureAt,
      controlledAt: r.contacts[0].controlledAt,
    });
    assert.deepEqual(r.contactCounts, { candidates: 1, confirmed: 46, dismissed: 1, secondary: 45, controlled: 46 });
    assert.equal(r.investigation.reportStatus, 'approved');
    assert.match(r.investigation.sourceHypothesis, /惠民超市/);
    for (const full of [caseIdNumber, contactIdNumber, '13700000021']) assert.ok(!res.body.includes(full), `${full} leaked`);
  });

  test('the PDF is a multi-page A4 PDF and its export is audited', async () => {
    const before = (await audits('investigation_report.export')).length;
    const res = await distA.get(url('.pdf'));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(String(res.headers['content-disposition']), /investigation-report-C-\d{6}\.pdf/);
    const pdf = res.rawPayload;
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const text = pdf.toString('latin1');
    assert.match(text, /\/MediaBox \[0 0 595\.28 841\.89\]/);
    const pages = Number(text.match(/\/Type \/Pages\n\/Count (\d+)/)?.[1] ?? 0);
    assert.ok(pages >= 2, `${pages} pages`);
    assert.ok(pdf.length < 400_000, `the font is subset: ${pdf.length} bytes`);
    const rows = await audits('investigation_report.export');
    assert.equal(rows.length, before + 1);
    const last = rows.at(-1)!;
    assert.equal(last.actorName, 'dista');
    assert.equal((last.details as { contacts: number }).contacts, 46);
  });

  test('the public notice names places and times, never the person', async () => {
    const res = await inv.get(`/api/cases/${caseId}/public-notice`);
    assert.equal(res.statusCode, 200, res.body);
    const n = res.json();
    assert.match(n.caseNumber, /^C-\d{6}$/);
    assert.deepEqual(
      n.places.map((p: { place: string }) => p.place),
      ['示范科技公司', '地铁1号线', '惠民超市'],
    );
    assert.match(n.places[2].from, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\+08:00$/);
    assert.ok(n.text.zh.startsWith(`病例${n.caseNumber}（确诊病例）`), n.text.zh);
    assert.match(n.text.zh, /\d+月\d+日 \d{1,2}:\d{2}-\d{1,2}:\d{2} 到访 惠民超市/);
    for (const secret of ['赵病例', '钱密接', caseIdNumber, masked(caseIdNumber), '13700000021', '幸福小区', '101室', '已删除的摊位', '十天前的影院']) assert.ok(!res.body.includes(secret), `${secret} leaked`);

    const text = await inv.get(`/api/cases/${caseId}/public-notice?format=text`);
    assert.equal(text.statusCode, 200);
    assert.match(String(text.headers['content-type']), /^text\/plain/);
    assert.equal(text.body, n.text.zh);
    assert.equal((await inv.get(`/api/cases/${caseId}/public-notice?format=text&lang=en`)).body, n.text.en);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { exposureWindow } from '../../src/modules/cases/case-rules.ts';
import { cityDate } from '../../src/platform/city-day.ts';
import { controlHandovers, investigations } from '../../src/modules/cases/cases.table.ts';
import { venueScans } from '../../src/modules/venues/venues.table.ts';
import { addAccount, idNumber, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('cases, investigations, trajectory and contacts', () => {
  let env: TestEnv;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  let city: Client;
  let inv: Client;
  let invB: Client;
  let lab: Client;
  const p: Record<string, string> = {};
  const venue: Record<string, string> = {};
  let caseId: string;
  let investigationId: string;
  let teamA: string;
  let invBId: string;
  let visitAt: Date;
  let windowFrom: Date;
  let sampledAt: Date;

  const addPerson = async (key: string, seq: number, household: string) => {
    const res = await city.post('/api/people', { name: `人${key}`, idNumber: idNumber(nodes[household].code.slice(0, 6), '19880101', seq), phone: `1390000${String(seq).padStart(4, '0')}`, jurisdictionCode: nodes[household].code });
    assert.equal(res.statusCode, 201, res.body);
    p[key] = res.json().id;
  };
  let scanSeq = 0;
  const scan = (person: string, v: string, at: Date) =>
    env.ctx.db.insert(venueScans).values({ eventId: `t-${scanSeq++}`, personId: p[person], venueId: venue[v], scannedAt: at, colourShown: 'green', result: 'allowed', source: 'citizen' });
  const colour = async (key: string) => (await city.get(`/api/people/${p[key]}/code`)).json();
  const contactsOf = async (c: Client = inv) => (await c.get(`/api/cases/${caseId}/contacts`)).json();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a contact row as the API answers it
  const byPerson = (list: { items: any[] }, key: string) => list.items.find((i) => i.personId === p[key]);

  before(async () => {
    env = await startTestApp();
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    const invId = await addAccount(env.ctx, 'inv', 'investigator', nodes.a.id);
    invBId = await addAccount(env.ctx, 'invb', 'investigator', nodes.b.id);
    await addAccount(env.ctx, 'lab', 'lab_technician', nodes.city.id);
    [city, inv, invB, lab] = await Promise.all(['city', 'inv', 'invb', 'lab'].map((u) => signIn(env.app, u)));
    // P the case, H in P's household; V met P at the mall, in district b with VH at home;
    // F came 30 min + 1 s after P; S met V after V's contact, X met S (third degree).
    await addPerson('P', 101, 'a.household');
    await addPerson('H', 102, 'a.household');
    await addPerson('V', 103, 'b.household');
    await addPerson('VH', 104, 'b.household');
    await addPerson('F', 105, 'a.unit');
    await addPerson('S', 106, 'a.unit');
    await addPerson('X', 107, 'b.unit');
    for (const [key, code] of [['mall', 'VMALL1'], ['cafe', 'VCAFE1'], ['gym', 'VGYM01'], ['park', 'VPARK1']] as const) {
      const res = await city.post('/api/venues', { code, name: `场所${key}`, type: 'mall', jurisdictionCode: nodes.a.code });
      assert.equal(res.statusCode, 201, res.body);
      venue[key] = res.json().id;
    }
    const now = env.clock.now();
    sampledAt = new Date(now.getTime() - HOUR);
    windowFrom = exposureWindow({ onsetDate: null, sampledAt, reportedAt: now, isolatedAt: null }, now).from;
    visitAt = new Date(now.getTime() - 20 * HOUR);
    await scan('P', 'mall', visitAt);
    await scan('V', 'mall', new Date(visitAt.getTime() + 30 * MIN)); // the edge counts
    await scan('F', 'mall', new Date(visitAt.getTime() + 30 * MIN + 1000)); // just outside
    await scan('P', 'cafe', windowFrom); // the first instant of the exposure window
    await scan('P', 'park', new Date(windowFrom.getTime() - MIN)); // a minute before it
    await scan('F', 'park', new Date(windowFrom.getTime() - MIN));
    await scan('S', 'gym', new Date(visitAt.getTime() + 2 * HOUR)); // after V's contact
    await scan('V', 'gym', new Date(visitAt.getTime() + 2 * HOUR + 5 * MIN));
    await scan('X', 'cafe', new Date(visitAt.getTime() + 3 * HOUR)); // S's co-visitor, later
    await scan('S', 'cafe', new Date(visitAt.getTime() + 3 * HOUR));

    const team = await city.post('/api/investigation-teams', { name: '一队', jurisdictionId: nodes.a.id, memberIds: [invId] });
    assert.equal(team.statusCode, 201, team.body);
    teamA = team.json().id;
    const positive = await city.post(`/api/people/${p.P}/test-results`, { kind: 'nat', result: 'positive', sampledAt: sampledAt.toISOString() });
    assert.equal(positive.statusCode, 201, positive.body);
  });
  after(() => env.close());

  test('a positive NAT opens the case (asymptomatic, red) and hands its investigation to the team in rotation', async () => {
    const list = await inv.get('/api/cases');
    assert.equal(list.statusCode, 200, list.body);
    const body = list.json();
    assert.equal(body.total, 1);
    const c = body.items[0];
    caseId = c.id;
    assert.match(c.caseNumber, /^C-\d{6}$/);
    assert.equal(c.classification, 'asymptomatic');
    assert.equal(c.investigation.status, 'assigned');
    assert.equal(c.investigation.teamId, teamA);
    investigationId = c.investigation.id;
    const code = await colour('P');
    assert.equal(code.colour, 'red');
    assert.ok(code.reasons.some((r: { kind: string }) => r.kind === 'asymptomatic_case'));
    const board = (await inv.get('/api/investigations')).json();
    assert.equal(board.items[0].caseId, caseId);
    assert.equal(board.teams.find((t: { id: string }) => t.id === teamA).load, 1);
  });

  test('scoping: another district’s investigator sees nothing of it; a lab role is refused; anonymous is 401', async () => {
    assert.equal((await invB.get('/api/cases')).json().total, 0);
    assert.equal((await invB.get(`/api/cases/${caseId}`)).statusCode, 404);
    assert.equal((await invB.get(`/api/cases/${caseId}/contacts`)).statusCode, 404);
    assert.equal((await invB.post(`/api/cases/${caseId}/contacts/find`, {})).statusCode, 404);
    assert.equal((await invB.get('/api/investigations')).json().total, 0);
    assert.equal((await lab.get('/api/cases')).statusCode, 403);
    assert.equal((await lab.get(`/api/cases/${caseId}`)).statusCode, 403);
    assert.equal((await env.app.inject({ method: 'GET', url: `/api/cases/${caseId}` })).statusCode, 401);
    assert.equal((await inv.get('/api/cases/00000000-0000-4000-8000-000000000000')).statusCode, 404);
    assert.equal((await inv.get('/api/cases/not-a-uuid')).statusCode, 400);
  });

  test('the investigator takes the order; the clock from positive to investigation stops', async () => {
    const res = await inv.post(`/api/investigations/${investigationId}/start`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'in_progress');
    assert.equal(res.json().assigneeName, 'inv');
    const log = await inv.post(`/api/investigations/${investigationId}/log`, { channel: 'phone', note: '电话流调,自述20日去过商场' });
    assert.equal(log.json().workLog.length, 1);
    assert.equal((await inv.post(`/api/investigations/${investigationId}/log`, { channel: 'fax', note: 'x' })).statusCode, 400);
    assert.equal((await inv.post(`/api/investigations/${investigationId}/assign`, { teamId: teamA })).statusCode, 403, 'assigning is the commander’s');
    const detail = (await inv.get(`/api/cases/${caseId}`)).json();
    assert.notEqual(detail.clocks.toInvestigation, null);
  });

  test('close contacts: household and co-location within ±30 min inside the exposure window; edges exact; a second search adds nothing', async () => {
    const res = await inv.post(`/api/cases/${caseId}/contacts/find`, {});
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { found: 2, added: 2, updated: 0 });
    const list = await contactsOf();
    assert.equal(list.total, 2);
    assert.deepEqual(byPerson(list, 'H').sources, ['household']);
    const v = byPerson(list, 'V');
    assert.deepEqual(v.sources, ['co_location']);
    assert.equal(v.evidence[0].venueCode, 'VMALL1');
    assert.equal(v.evidence[0].caseScanAt, visitAt.toISOString());
    assert.equal(v.status, 'candidate');
    assert.match(v.idNumberMasked, /\*/);
    assert.equal(byPerson(list, 'F'), undefined, '30 min + 1 s is outside the window');
    const trajectory = (await inv.get(`/api/cases/${caseId}/trajectory`)).json();
    const codes = trajectory.entries.map((e: { venueCode: string }) => e.venueCode).sort();
    assert.deepEqual(codes, ['VCAFE1', 'VMALL1'], 'the scan a minute before the window is not on the trajectory');
    assert.equal(trajectory.exposureWindow.from, windowFrom.toISOString());
    assert.deepEqual((await inv.post(`/api/cases/${caseId}/contacts/find`, { windowMinutes: 30 })).json(), { found: 2, added: 0, updated: 0 });
    const wider = (await inv.post(`/api/cases/${caseId}/contacts/find`, { windowMinutes: 31 })).json();
    assert.equal(wider.added, 1, 'a wider window finds F');
    assert.equal((await inv.post(`/api/cases/${caseId}/contacts/find`, { windowMinutes: 0 })).statusCode, 400);
  });

  test('a manual entry of someone already found adds its evidence to the same row (no duplicate)', async () => {
    const res = await inv.post(`/api/cases/${caseId}/contacts`, { personId: p.V, note: '同桌吃饭' });
    assert.equal(res.statusCode, 201, res.body);
    const list = await contactsOf();
    assert.equal(list.items.filter((i: { personId: string }) => i.personId === p.V).length, 1);
    assert.deepEqual(byPerson(list, 'V').sources.sort(), ['co_location', 'manual']);
    const unknown = await inv.post(`/api/cases/${caseId}/contacts`, { idNumber: idNumber('410102', '19700101', 999), name: '未登记', phone: '13911112222', note: '出租车司机' });
    assert.equal(unknown.statusCode, 201, unknown.body);
    assert.equal(unknown.json().matched, false);
    assert.equal((await inv.post(`/api/cases/${caseId}/contacts`, { idNumber: idNumber('410102', '19700101', 999), name: '未登记', note: 'again' })).statusCode, 409);
    assert.equal((await inv.post(`/api/cases/${caseId}/contacts`, { note: 'nobody' })).statusCode, 400);
    assert.equal((await inv.post(`/api/cases/${caseId}/contacts`, { personId: p.P, note: 'self' })).statusCode, 400);
  });

  test('confirming gives each contact its measure, hand-over and red code; unmatched ones are skipped; the clocks stop', async () => {
    const list = await contactsOf();
    const ids = list.items.filter((i: { personId: string | null }) => i.personId === p.H || i.personId === p.V || i.personId === null).map((i: { id: string }) => i.id);
    const f = byPerson(list, 'F');
    const res = await inv.post(`/api/cases/${caseId}/contacts/confirm`, { contactIds: ids });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().done, 2);
    assert.equal(res.json().skipped[0].reason, 'not matched to the person registry');
    const v = byPerson(await contactsOf(), 'V');
    assert.equal(v.status, 'confirmed');
    assert.equal(v.controlMeasure, 'centralized_quarantine');
    const code = await colour('V');
    assert.equal(code.colour, 'red');
    assert.ok(code.reasons.some((r: { kind: string }) => r.kind === 'close_contact'));
    const handovers = await env.ctx.db.select().from(controlHandovers).where(eq(controlHandovers.personId, p.V));
    assert.equal(handovers.length, 1);
    assert.equal(handovers[0].status, 'pending');
    const [i] = await env.ctx.db.select().from(investigations).where(eq(investigations.id, investigationId));
    assert.ok(i.contactsIdentifiedAt && i.contactsControlledAt);
    const again = (await inv.post(`/api/cases/${caseId}/contacts/confirm`, { contactIds: [v.id] })).json();
    assert.equal(again.done, 0);
    assert.equal(again.skipped[0].reason, 'already confirmed');
    assert.equal((await inv.post(`/api/cases/${caseId}/contacts/confirm`, { contactIds: [] })).statusCode, 400);
    const dismissed = await inv.post(`/api/cases/${caseId}/contacts/dismiss`, { contactIds: [f.id], reason: '监控显示未接触' });
    assert.equal(dismissed.json().done, 1);
    assert.equal((await colour('F')).colour, 'green');
  });

  test('secondary contacts come from confirmed close contacts after their contact, never a third degree', async () => {
    const res = await inv.post(`/api/cases/${caseId}/contacts/find-secondary`, {});
    assert.equal(res.statusCode, 200, res.body);
    const list = (await inv.get(`/api/cases/${caseId}/contacts?degree=secondary`)).json();
    const keys = Object.keys(p).filter((k) => byPerson(list, k));
    assert.deepEqual(keys.sort(), ['S', 'VH']);
    assert.equal(byPerson(list, 'S').viaName, '人V');
    assert.equal(byPerson(list, 'X'), undefined, 'S’s co-visitor is a third degree');
    assert.equal(byPerson(list, 'H'), undefined, 'a close contact is not listed again as secondary');
    const s = byPerson(list, 'S');
    await inv.post(`/api/cases/${caseId}/contacts/confirm`, { contactIds: [s.id] });
    const after = byPerson((await inv.get(`/api/cases/${caseId}/contacts?degree=secondary`)).json(), 'S');
    assert.equal(after.controlMeasure, 'home_health_monitoring', 'the seeds make secondary contacts yellow: home health monitoring');
    assert.equal((await colour('S')).colour, 'yellow');
    // A second secondary search still does not reach X: S is secondary.
    await inv.post(`/api/cases/${caseId}/contacts/find-secondary`, {});
    assert.equal(byPerson((await contactsOf()), 'X'), undefined);
  });

  test('reclassification and severity are history; the code follows; bad changes are 400', async () => {
    assert.equal((await inv.patch(`/api/cases/${caseId}`, { severity: 'mild' })).statusCode, 400, 'an asymptomatic case has no severity');
    const res = await inv.patch(`/api/cases/${caseId}`, { classification: 'confirmed', severity: 'moderate', onsetDate: cityDate(sampledAt), note: '出现发热' });
    assert.equal(res.statusCode, 200, res.body);
    const c = res.json();
    assert.equal(c.classification, 'confirmed');
    assert.equal(c.severity, 'moderate');
    assert.deepEqual(c.events.map((e: { kind: string }) => e.kind).sort(), ['classification', 'onset', 'opened', 'severity']);
    assert.equal(c.exposureWindow.from, windowFrom.toISOString(), 'onset on the sampling day keeps the window');
    const kinds = (await colour('P')).reasons.map((r: { kind: string }) => r.kind);
    assert.ok(kinds.includes('confirmed_case') && !kinds.includes('asymptomatic_case'));
    assert.equal((await inv.patch(`/api/cases/${caseId}`, { classification: 'suspected' })).statusCode, 400);
    assert.equal((await inv.patch(`/api/cases/${caseId}`, {})).statusCode, 400);
    assert.equal((await invB.patch(`/api/cases/${caseId}`, { severity: 'severe' })).statusCode, 404);
  });

  test('trajectory editing: a place without a venue code, a correction, a removal kept out of a re-fill', async () => {
    const add = await inv.post(`/api/cases/${caseId}/trajectory`, { kind: 'transport', startsAt: new Date(visitAt.getTime() - HOUR).toISOString(), detail: '公交 18 路' });
    assert.equal(add.statusCode, 201, add.body);
    assert.equal((await inv.post(`/api/cases/${caseId}/trajectory`, { kind: 'venue', startsAt: visitAt.toISOString(), venueCode: 'NOPE01' })).statusCode, 400);
    assert.equal((await inv.post(`/api/cases/${caseId}/trajectory`, { kind: 'place', startsAt: visitAt.toISOString() })).statusCode, 400);
    const cafe = add.json().entries.find((e: { venueCode: string }) => e.venueCode === 'VCAFE1');
    const del = await env.app.inject({ method: 'DELETE', url: `/api/cases/${caseId}/trajectory/${cafe.id}`, headers: { cookie: inv.cookie, 'x-csrf-token': inv.csrfToken } });
    assert.equal(del.statusCode, 200, del.body);
    const refill = (await inv.post(`/api/cases/${caseId}/trajectory/prefill`)).json();
    assert.equal(refill.added, 0);
    const entries = (await inv.get(`/api/cases/${caseId}/trajectory`)).json().entries;
    assert.ok(entries.find((e: { id: string }) => e.id === cafe.id).removedAt);
    const changed = await inv.patch(`/api/cases/${caseId}/trajectory/${add.json().entries[0].id}`, { endsAt: visitAt.toISOString() });
    assert.equal(changed.statusCode, 200, changed.body);
  });

  test('teams: the commander assigns; a team needs investigators of its jurisdiction', async () => {
    const bad = await city.post('/api/investigation-teams', { name: '二队', jurisdictionId: nodes.a.id, memberIds: [invBId] });
    assert.equal(bad.statusCode, 400);
    const two = await city.post('/api/investigation-teams', { name: '二队', jurisdictionId: nodes.a.id });
    assert.equal(two.statusCode, 201);
    const res = await city.post(`/api/investigations/${investigationId}/assign`, { teamId: two.json().id });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().teamName, '二队');
    assert.equal((await city.post('/api/investigation-teams', { name: '二队', jurisdictionId: nodes.a.id })).statusCode, 409);
  });
});

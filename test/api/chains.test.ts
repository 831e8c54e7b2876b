import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desc, eq, like } from 'drizzle-orm';
import { auditLog } from '../../src/modules/audit/audit.table.ts';
import { cases, contacts, transmissionLinks } from '../../src/modules/cases/cases.table.ts';
import { addCityDays, cityDate } from '../../src/platform/city-day.ts';
import { openCase } from '../../src/modules/cases/open-case.ts';
import { addAccount, idNumber, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

const HOUR = 3_600_000;
interface Node {
  id: string;
  kind: string;
  caseNumber?: string;
  label: string;
  clusterId: string;
  degree?: string;
  classification?: string;
}
interface Edge {
  id: string;
  from: string;
  to: string;
  kind: string;
  status: string;
  evidence: string;
}
interface Graph {
  nodes: Node[];
  edges: Edge[];
  clusters: Array<{ id: string; size: number; cases: string[]; firstReportedAt: string }>;
  truncated: boolean;
}

describe('transmission chains', () => {
  let env: TestEnv;
  let city: Client;
  let invA: Client;
  let lab: Client;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  /** Case ids and numbers by name: A1–A4 and OLD in district a, B1 in district b. */
  const caseId: Record<string, string> = {};
  const number: Record<string, string> = {};
  const personId: Record<string, string> = {};
  const graph = async (client: Client, query = '') => {
    const res = await client.get(`/api/chains${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Graph;
  };
  const clustersOf = (g: Graph) => g.clusters.map((c) => `${c.id}:${c.cases.join(',')}`);
  const n = (name: string) => number[name];

  before(async () => {
    env = await startTestApp();
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'inva', 'investigator', nodes.a.id);
    await addAccount(env.ctx, 'lab', 'lab_technician', nodes.city.id);
    [city, invA, lab] = await Promise.all(['city', 'inva', 'lab'].map((u) => signIn(env.app, u)));
    let seq = 100;
    const person = async (key: string, name: string, district: 'a' | 'b') => {
      seq++;
      const res = await city.post('/api/people', { name, idNumber: idNumber(nodes[district].code, '19800101', seq), phone: `137000${String(seq).padStart(5, '0')}`, jurisdictionCode: nodes[`${district}.household`].code });
      assert.equal(res.statusCode, 201, res.body);
      personId[key] = res.json().id;
    };
    for (const [key, name, d] of [
      ['A1', '张一', 'a'],
      ['A2', '张二', 'a'],
      ['A3', '张三', 'a'],
      ['A4', '张四', 'a'],
      ['OLD', '张旧', 'a'],
      ['B1', '王一', 'b'],
      ['C1', '李一', 'a'],
      ['C2', '李候选', 'a'],
      ['C3', '李次密', 'a'],
      ['CB', '王二', 'b'],
    ] as const)
      await person(key, name, d);
    const now = env.clock.now();
    await env.ctx.db.transaction(async (tx) => {
      // In report order, so case numbers follow; OLD was reported 20 days ago.
      const at: Record<string, Date> = { OLD: new Date(now.getTime() - 20 * 24 * HOUR), A1: new Date(now.getTime() - 5 * HOUR), A2: new Date(now.getTime() - 4 * HOUR), A3: new Date(now.getTime() - 3 * HOUR), A4: new Date(now.getTime() - 2 * HOUR), B1: new Date(now.getTime() - HOUR) };
      for (const key of ['OLD', 'A1', 'A2', 'A3', 'A4', 'B1']) caseId[key] = (await openCase(tx, { personId: personId[key], classification: 'confirmed' }, at[key])).caseId;
      const k = (of: string, who: string, status: string, degree = 'close') => ({ caseId: caseId[of], personId: personId[who], degree, status, sources: ['household'], identifiedAt: now });
      await tx.insert(contacts).values([
        // A2 was A1's confirmed close contact (recorded after A2's case opened: no link suggested).
        k('A1', 'A2', 'confirmed'),
        k('A1', 'C1', 'confirmed'),
        k('A3', 'C1', 'confirmed'),
        k('A1', 'C2', 'candidate'),
        k('A3', 'C3', 'confirmed', 'secondary'),
        k('B1', 'CB', 'confirmed'),
        // Typed in by hand, not in the registry.
        { caseId: caseId.A4, personId: null, degree: 'close', status: 'confirmed', sources: ['manual'], identifiedAt: now, candidateName: '赵六', candidateIdHash: 'h-zhao' },
      ]);
      await tx.insert(transmissionLinks).values([
        { infectorCaseId: caseId.A1, infecteeCaseId: caseId.A3, status: 'suggested', evidence: 'close contact (household)', createdAt: now },
        { infectorCaseId: caseId.A4, infecteeCaseId: caseId.B1, status: 'confirmed', evidence: 'same office', createdAt: now },
      ]);
    });
    const numbers = await env.ctx.db.select({ id: cases.id, caseNumber: cases.caseNumber }).from(cases);
    for (const [key, id] of Object.entries(caseId)) number[key] = numbers.find((r) => r.id === id)!.caseNumber;
  });
  after(() => env.close());

  test('signed out 401; a role without cases:read 403', async () => {
    assert.equal((await env.app.inject({ method: 'GET', url: '/api/chains' })).statusCode, 401);
    assert.equal((await lab.get('/api/chains')).statusCode, 403);
    assert.equal((await lab.post(`/api/cases/${caseId.A2}/links`, { infectorCaseId: caseId.A1, evidence: 'x' })).statusCode, 403);
  });

  test('the city sees the cases of the last 14 days, their links and contact edges, and the clusters', async () => {
    const g = await graph(city);
    assert.equal(g.truncated, false);
    assert.deepEqual(g.nodes.map((x) => x.label), ['A1', 'A2', 'A3', 'A4', 'B1'].map(n), 'OLD is out of the default range');
    const a1 = g.nodes[0];
    assert.deepEqual(Object.keys(a1).sort(), ['caseNumber', 'classification', 'clusterId', 'id', 'kind', 'label', 'reportedAt']);
    assert.equal(a1.kind, 'case');
    assert.equal(a1.classification, 'confirmed');
    assert.deepEqual(
      g.edges.map((e) => `${e.kind}:${e.status}:${g.nodes.find((x) => x.id === e.from)!.label}>${g.nodes.find((x) => x.id === e.to)!.label}`).sort(),
      [`contact:confirmed:${n('A2')}>${n('A1')}`, `transmission:confirmed:${n('A4')}>${n('B1')}`, `transmission:suggested:${n('A1')}>${n('A3')}`].sort(),
    );
    assert.deepEqual(clustersOf(g), [`${n('A1')}:${n('A1')},${n('A2')},${n('A3')}`, `${n('A4')}:${n('A4')},${n('B1')}`]);
    assert.equal(g.clusters[0].size, 3);
    assert.equal(g.nodes.find((x) => x.label === n('A3'))!.clusterId, n('A1'));
    const wide = await graph(city, `?since=${addCityDays(cityDate(env.clock.now()), -30)}`);
    assert.ok(wide.nodes.some((x) => x.label === n('OLD')));
  });

  test('district a sees only its own cases: B1, B1’s contact and the link to B1 are not there', async () => {
    const g = await graph(invA, '?includeContacts=true');
    assert.ok(!g.nodes.some((x) => x.label === n('B1') || x.label === '王*'));
    assert.ok(!g.edges.some((e) => e.to === caseId.B1 || e.from === caseId.B1));
    assert.deepEqual(clustersOf(g), [`${n('A1')}:${n('A1')},${n('A2')},${n('A3')}`, `${n('A4')}:${n('A4')}`]);
    const res = await invA.get(`/api/chains?jurisdictionId=${nodes.b.id}`);
    assert.equal(res.statusCode, 404);
  });

  test('includeContacts: confirmed contacts as masked leaves; one node per person; a contact who is a case stays a case', async () => {
    const plain = await graph(invA);
    assert.ok(plain.nodes.every((x) => x.kind === 'case'));
    const g = await graph(invA, '?includeContacts=true');
    const leaves = g.nodes.filter((x) => x.kind === 'contact');
    assert.deepEqual(leaves.map((x) => `${x.label}:${x.degree}`).sort(), ['李*:close', '李**:secondary', '赵*:close'].sort());
    assert.ok(!res(g).includes('李一') && !res(g).includes('赵六'), 'no full names');
    assert.ok(!leaves.some((x) => x.id === personId.A2), 'A2 is a case node, not a leaf');
    assert.ok(!leaves.some((x) => x.id === personId.C2), 'a candidate is not a leaf');
    const c1 = leaves.find((x) => x.id === personId.C1)!;
    assert.equal(c1.clusterId, n('A1'));
    assert.deepEqual(
      g.edges.filter((e) => e.from === c1.id).map((e) => e.to).sort(),
      [caseId.A1, caseId.A3].sort(),
    );
    assert.equal(g.edges.find((e) => e.from === c1.id)!.evidence, 'close contact (household)');
    const zhao = leaves.find((x) => x.label === '赵*')!;
    assert.equal(zhao.clusterId, n('A4'));
    assert.equal(g.edges.find((e) => e.from === zhao.id)!.to, caseId.A4);
  });

  test('bad input is 400', async () => {
    const today = cityDate(env.clock.now());
    for (const q of ['?since=2026-13-01', `?since=${today}&until=${addCityDays(today, -1)}`, `?until=${addCityDays(today, 1)}`, `?since=${addCityDays(today, -100)}`, '?includeContacts=maybe', '?jurisdictionId=nope']) {
      const res = await city.get(`/api/chains${q}`);
      assert.equal(res.statusCode, 400, `${q}: ${res.body}`);
    }
  });

  test('POST links: add (201, audited), confirm again (200); self 400; cycles 409; outside the subtree 404', async () => {
    const add = await invA.post(`/api/cases/${caseId.A2}/links`, { infectorCaseId: caseId.A1, evidence: '同住，发病早两天' });
    assert.equal(add.statusCode, 201, add.body);
    const link = add.json();
    assert.deepEqual({ ...link, id: undefined, createdAt: undefined }, { id: undefined, createdAt: undefined, infectorCaseId: caseId.A1, infectorCaseNumber: n('A1'), infecteeCaseId: caseId.A2, infecteeCaseNumber: n('A2'), status: 'confirmed', evidence: '同住，发病早两天' });
    const [audit] = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'case.link.add')).orderBy(desc(auditLog.id));
    assert.equal(audit.entityId, link.id);
    assert.deepEqual(audit.details, { infector: n('A1'), infectee: n('A2'), from: null, to: 'confirmed' });
    const again = await invA.post(`/api/cases/${caseId.A2}/links`, { infectorCaseId: caseId.A1, evidence: '测序一致' });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().id, link.id);
    assert.equal(again.json().evidence, '测序一致');
    // The link now joins A1 and A2 in place of the contact edge.
    const g = await graph(invA);
    assert.deepEqual(g.edges.filter((e) => e.kind === 'contact'), []);

    const self = await invA.post(`/api/cases/${caseId.A2}/links`, { infectorCaseId: caseId.A2, evidence: 'x' });
    assert.equal(self.statusCode, 400);
    assert.equal(self.json().error.field, 'infectorCaseId');
    const reverse = await invA.post(`/api/cases/${caseId.A1}/links`, { infectorCaseId: caseId.A2, evidence: 'x' });
    assert.equal(reverse.statusCode, 409, reverse.body);
    assert.equal((await invA.post(`/api/cases/${caseId.A4}/links`, { infectorCaseId: caseId.A3, evidence: '同一车间' })).statusCode, 201);
    // A1 → A3 (suggested) → A4: A4 → A1 would close a loop.
    assert.equal((await invA.post(`/api/cases/${caseId.A1}/links`, { infectorCaseId: caseId.A4, evidence: 'x' })).statusCode, 409);

    assert.equal((await invA.post(`/api/cases/${caseId.B1}/links`, { infectorCaseId: caseId.A1, evidence: 'x' })).statusCode, 404, 'infectee outside');
    assert.equal((await invA.post(`/api/cases/${caseId.A1}/links`, { infectorCaseId: caseId.B1, evidence: 'x' })).statusCode, 404, 'infector outside');
    for (const body of [{ infectorCaseId: caseId.A1 }, { infectorCaseId: 'nope', evidence: 'x' }, { infectorCaseId: caseId.A1, evidence: '' }, { infectorCaseId: caseId.A1, evidence: '   ' }]) {
      assert.equal((await invA.post(`/api/cases/${caseId.A3}/links`, body)).statusCode, 400, JSON.stringify(body));
    }
    assert.equal((await env.app.inject({ method: 'POST', url: `/api/cases/${caseId.A3}/links`, payload: { infectorCaseId: caseId.A1, evidence: 'x' } })).statusCode, 401);
  });

  test('PATCH links: reject splits the cluster, audited with the note; confirming back into a loop is 409; outside 404', async () => {
    const [suggested] = await env.ctx.db.select().from(transmissionLinks).where(eq(transmissionLinks.infecteeCaseId, caseId.A3));
    const rej = await invA.patch(`/api/links/${suggested.id}`, { status: 'rejected', note: '时间不符' });
    assert.equal(rej.statusCode, 200, rej.body);
    assert.equal(rej.json().status, 'rejected');
    const [audit] = await env.ctx.db.select().from(auditLog).where(like(auditLog.action, 'case.link.%')).orderBy(desc(auditLog.id));
    assert.equal(audit.action, 'case.link.reject');
    assert.equal(audit.reason, '时间不符');
    const g = await graph(invA);
    assert.deepEqual(clustersOf(g), [`${n('A1')}:${n('A1')},${n('A2')}`, `${n('A3')}:${n('A3')},${n('A4')}`]);
    assert.equal(g.edges.find((e) => e.id === suggested.id)!.status, 'rejected', 'kept in the graph for the record');
    const same = await invA.patch(`/api/links/${suggested.id}`, { status: 'rejected' });
    assert.equal(same.statusCode, 200);
    const audits = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'case.link.reject'));
    assert.equal(audits.length, 1, 'no second audit row for no change');

    // With A1 → A3 rejected, A4 → A1 is fine; confirming A1 → A3 again would now close A3 → A4 → A1 → A3.
    assert.equal((await invA.post(`/api/cases/${caseId.A1}/links`, { infectorCaseId: caseId.A4, evidence: 'x' })).statusCode, 201);
    assert.equal((await invA.patch(`/api/links/${suggested.id}`, { status: 'confirmed' })).statusCode, 409);

    const [cross] = await env.ctx.db.select().from(transmissionLinks).where(eq(transmissionLinks.infecteeCaseId, caseId.B1));
    assert.equal((await invA.patch(`/api/links/${cross.id}`, { status: 'rejected' })).statusCode, 404);
    assert.equal((await city.patch(`/api/links/${cross.id}`, { status: 'rejected' })).statusCode, 200);
    assert.equal((await invA.patch('/api/links/00000000-0000-4000-8000-000000000000', { status: 'rejected' })).statusCode, 404);
    assert.equal((await invA.patch(`/api/links/${suggested.id}`, { status: 'suggested' })).statusCode, 400);
    assert.equal((await lab.patch(`/api/links/${suggested.id}`, { status: 'rejected' })).statusCode, 403);
  });
});

const res = (g: Graph) => JSON.stringify(g);

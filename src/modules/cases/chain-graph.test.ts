import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { caseEdges, clusterCases, compareCaseNumbers, type ContactRelation, type GraphCase, type GraphLink, type LinkStatus } from './chain-graph.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-20T08:00:00+08:00');
/** Case `n` is C-00000n, reported n days after T0 (so a lower number is also an earlier report). */
const kase = (n: number): GraphCase => ({ id: `k${n}`, caseNumber: `C-${String(n).padStart(6, '0')}`, reportedAt: new Date(T0 + n * DAY) });
const link = (from: number, to: number, status: LinkStatus = 'confirmed'): GraphLink => ({ id: `l${from}-${to}`, infectorCaseId: `k${from}`, infecteeCaseId: `k${to}`, status, evidence: 'e' });
const contact = (of: number, who: number): ContactRelation => ({ contactId: `c${of}-${who}`, caseId: `k${of}`, contactCaseId: `k${who}`, evidence: 'household' });

/** The clusters as `id:case,case` strings, in the function's order, with case numbers shortened to n. */
function clustersOf(n: number[], links: GraphLink[], relations: ContactRelation[] = []): string[] {
  const cases = n.map(kase);
  const { clusters, clusterOf } = clusterCases(cases, caseEdges(new Set(cases.map((c) => c.id)), links, relations));
  const idOf = new Map(cases.map((k) => [k.caseNumber, k.id]));
  for (const c of clusters) for (const num of c.cases) assert.equal(clusterOf.get(idOf.get(num)!), c.id);
  const short = (s: string) => String(Number(s.slice(2)));
  return clusters.map((c) => `${short(c.id)}:${c.cases.map(short).join(',')}`);
}

describe('clusterCases', () => {
  const cases: Array<{ name: string; cases: number[]; links: GraphLink[]; relations?: ContactRelation[]; want: string[] }> = [
    { name: 'no cases, no clusters', cases: [], links: [], want: [] },
    { name: 'unlinked cases are clusters of one, earliest first', cases: [2, 1], links: [], want: ['1:1', '2:2'] },
    { name: 'a chain is one cluster named by its earliest case', cases: [1, 2, 3, 4], links: [link(3, 2), link(2, 4)], want: ['2:2,3,4', '1:1'] },
    { name: 'suggested links join', cases: [1, 2], links: [link(1, 2, 'suggested')], want: ['1:1,2'] },
    { name: 'rejected links do not join', cases: [1, 2], links: [link(1, 2, 'rejected')], want: ['1:1', '2:2'] },
    { name: 'a confirmed close contact who became a case joins', cases: [1, 2, 3], links: [], relations: [contact(1, 3)], want: ['1:1,3', '2:2'] },
    { name: 'a rejected link overrides the contact relation of the same pair', cases: [1, 2], links: [link(1, 2, 'rejected')], relations: [contact(1, 2)], want: ['1:1', '2:2'] },
    { name: 'links and contacts together bridge two chains', cases: [1, 2, 3, 4, 5], links: [link(1, 2), link(4, 5)], relations: [contact(2, 4)], want: ['1:1,2,4,5', '3:3'] },
    { name: 'links to cases outside the graph are ignored', cases: [1, 2], links: [link(1, 9), link(9, 2)], relations: [contact(9, 1)], want: ['1:1', '2:2'] },
    { name: 'larger clusters first, then by first report', cases: [1, 2, 3, 4, 5], links: [link(4, 5), link(3, 2)], want: ['2:2,3', '4:4,5', '1:1'] },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(clustersOf(c.cases, c.links, c.relations), c.want));

  test('size and firstReportedAt', () => {
    const all = [kase(3), kase(1), kase(2)];
    const { clusters } = clusterCases(all, caseEdges(new Set(all.map((c) => c.id)), [link(3, 1), link(1, 2)], []));
    assert.equal(clusters.length, 1);
    assert.equal(clusters[0].size, 3);
    assert.deepEqual(clusters[0].firstReportedAt, kase(1).reportedAt);
  });

  test('a long chain (path compression) stays one cluster', () => {
    const n = Array.from({ length: 5000 }, (_, i) => i + 1);
    const links = n.slice(1).map((i) => link(i, i + 1 > 5000 ? 1 : i + 1)).concat(link(1, 2));
    assert.deepEqual(clustersOf(n, links).map((s) => s.split(':')[0]), ['1']);
  });
});

describe('caseEdges', () => {
  const ids = new Set(['k1', 'k2', 'k3']);
  test('links keep their direction, status and evidence; rejected ones are kept for the record', () => {
    assert.deepEqual(caseEdges(ids, [link(1, 2, 'rejected')], []), [{ id: 'l1-2', from: 'k1', to: 'k2', kind: 'transmission', status: 'rejected', evidence: 'e' }]);
  });
  test('a contact edge runs from the contact to the case it was found around', () => {
    assert.deepEqual(caseEdges(ids, [], [contact(1, 3)]), [{ id: 'c1-3', from: 'k3', to: 'k1', kind: 'contact', status: 'confirmed', evidence: 'household' }]);
  });
  test('one edge per pair: a link (either direction) wins over contact relations, and a pair found twice by contact is one edge', () => {
    const edges = caseEdges(ids, [link(2, 1, 'suggested')], [contact(1, 2), contact(2, 1), contact(1, 3), contact(3, 1)]);
    assert.deepEqual(
      edges.map((e) => `${e.kind}:${e.from}>${e.to}`),
      ['transmission:k2>k1', 'contact:k3>k1'],
    );
  });
  test('self-links and self-contacts are dropped', () => {
    assert.deepEqual(caseEdges(ids, [link(1, 1)], [contact(2, 2)]), []);
  });
});

describe('compareCaseNumbers', () => {
  const table: Array<[string, string, number]> = [
    ['C-000001', 'C-000002', -1],
    ['C-000010', 'C-000009', 1],
    ['C-999999', 'C-1000000', -1],
    ['C-000005', 'C-000005', 0],
  ];
  for (const [a, b, sign] of table) test(`${a} vs ${b}`, () => assert.equal(Math.sign(compareCaseNumbers(a, b)), sign));
});

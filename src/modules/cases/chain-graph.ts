/**
 * Transmission chains (传播链) as a graph of cases: which edges join two cases, and the clusters
 * (connected components) they make. Pure: no I/O, no layout.
 */
export const LINK_STATUSES = ['suggested', 'confirmed', 'rejected'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

export interface GraphCase {
  id: string;
  caseNumber: string;
  reportedAt: Date;
}

/** An infector → infectee link (a transmission_links row). */
export interface GraphLink {
  id: string;
  infectorCaseId: string;
  infecteeCaseId: string;
  status: LinkStatus;
  evidence: string;
}

/** A case who is a confirmed close contact of another case (a contacts row of `caseId` whose person is the case `contactCaseId`). */
export interface ContactRelation {
  contactId: string;
  caseId: string;
  contactCaseId: string;
  evidence: string;
}

export interface CaseEdge {
  id: string;
  /** Infector, or the contact. */
  from: string;
  /** Infectee, or the case the contact was found around. */
  to: string;
  kind: 'transmission' | 'contact';
  status: string;
  evidence: string;
}

export interface Cluster {
  /** The earliest case number in the cluster: stable while the cluster only grows. */
  id: string;
  size: number;
  /** Case numbers, earliest first. */
  cases: string[];
  firstReportedAt: Date;
}

/** C-000009 before C-000010 before C-1000000: numbers outgrow the six-digit padding. */
export function compareCaseNumbers(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * The edges among the given cases: every link whose two ends are both cases of the graph (a
 * rejected one too, for the record), and a contact edge for each contact relation between two
 * of them unless a link already joins that pair. A link of any status wins over the contact
 * relation: suggested links are derived from these very contact records, so the investigator's
 * rejection of one must not be undone by the record it came from.
 */
export function caseEdges(caseIds: ReadonlySet<string>, links: GraphLink[], relations: ContactRelation[]): CaseEdge[] {
  const inGraph = links.filter((l) => caseIds.has(l.infectorCaseId) && caseIds.has(l.infecteeCaseId) && l.infectorCaseId !== l.infecteeCaseId);
  const linked = new Set(inGraph.map((l) => pairKey(l.infectorCaseId, l.infecteeCaseId)));
  const edges: CaseEdge[] = inGraph.map((l) => ({ id: l.id, from: l.infectorCaseId, to: l.infecteeCaseId, kind: 'transmission', status: l.status, evidence: l.evidence }));
  for (const r of relations) {
    if (!caseIds.has(r.caseId) || !caseIds.has(r.contactCaseId) || r.caseId === r.contactCaseId) continue;
    const key = pairKey(r.caseId, r.contactCaseId);
    if (linked.has(key)) continue;
    linked.add(key);
    edges.push({ id: r.contactId, from: r.contactCaseId, to: r.caseId, kind: 'contact', status: 'confirmed', evidence: r.evidence });
  }
  return edges;
}

/**
 * Connected components of the cases over the edges that are not rejected (union-find). Every
 * case is in exactly one cluster, alone if nothing joins it. Clusters come largest first, then
 * by the earliest report.
 */
export function clusterCases(cases: GraphCase[], edges: CaseEdge[]): { clusterOf: Map<string, string>; clusters: Cluster[] } {
  const parent = new Map(cases.map((c) => [c.id, c.id]));
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    // Path compression keeps a long chain (a → b → c → …) from costing quadratic time.
    for (let n = x; n !== root; ) {
      const next = parent.get(n)!;
      parent.set(n, root);
      n = next;
    }
    return root;
  };
  for (const e of edges) {
    if (e.status === 'rejected' || !parent.has(e.from) || !parent.has(e.to)) continue;
    const [a, b] = [find(e.from), find(e.to)];
    if (a !== b) parent.set(a, b);
  }
  const groups = new Map<string, GraphCase[]>();
  for (const c of cases) {
    const root = find(c.id);
    const group = groups.get(root);
    if (group) group.push(c);
    else groups.set(root, [c]);
  }
  const clusterOf = new Map<string, string>();
  const clusters: Cluster[] = [];
  for (const members of groups.values()) {
    const numbers = members.map((m) => m.caseNumber).sort(compareCaseNumbers);
    const id = numbers[0];
    for (const m of members) clusterOf.set(m.id, id);
    const firstReportedAt = new Date(members.reduce((t, m) => Math.min(t, m.reportedAt.getTime()), Infinity));
    clusters.push({ id, size: members.length, cases: numbers, firstReportedAt });
  }
  clusters.sort((a, b) => b.size - a.size || a.firstReportedAt.getTime() - b.firstReportedAt.getTime() || compareCaseNumbers(a.id, b.id));
  return { clusterOf, clusters };
}

import { and, asc, eq, gte, inArray, isNull, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { txRows, type Executor } from '../../db/client.ts';
import { canReach, requirePermission, type Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { appendAudit } from '../audit/audit.ts';
import { listScope, within } from '../jurisdictions/jurisdictions.repository.ts';
import { people } from '../people/people.table.ts';
import { maskName } from '../venues/venue-input.ts';
import { addCityDays, cityDate, startOfCityDay } from '../../platform/city-day.ts';
import { requireCase } from './case-views.ts';
import { caseEdges, clusterCases, compareCaseNumbers, type CaseEdge, type LinkStatus } from './chain-graph.ts';
import type { ChainGraph, ChainNode, ChainsQuery, LinkChange, LinkView, NewLink } from './chains.schemas.ts';
import { cases, contacts, transmissionLinks } from './cases.table.ts';

/** A graph wider than a quarter is not a chain any more, and would not draw. */
export const MAX_RANGE_DAYS = 92;
/** Caps that keep one answer drawable in a browser; `truncated` tells the client. */
export const MAX_CASES = 5_000;
export const MAX_CONTACTS = 2_000;
// Link writes are serialised so two opposite links cannot both pass the cycle check.
const LINK_LOCK = 7_274_011;

/** An inclusive range of city days, defaulted and checked: [start, end) are its instants. */
export function cityDayRange(fields: [string, string], from: string | undefined, to: string | undefined, today: string, defaultDays: number) {
  const until = to ?? today;
  const since = from ?? addCityDays(until, -(defaultDays - 1));
  if (until > today) throw invalid(fields[1], 'lies in the future');
  if (since > until) throw invalid(fields[0], `must not be after ${fields[1]}`);
  if (since < addCityDays(until, -(MAX_RANGE_DAYS - 1))) throw invalid(fields[0], `the range is at most ${MAX_RANGE_DAYS} days`);
  return { since, until, start: startOfCityDay(since), end: startOfCityDay(addCityDays(until, 1)) };
}

/**
 * The transmission graph of the cases in the caller's subtree (or a node of it) reported in a
 * range of city days: the links among them, contact edges between cases, clusters; with
 * `includeContacts`, their confirmed contacts as leaves (masked names only).
 */
export async function transmissionChains(ctx: AppContext, opts: ChainsQuery & { actor: Actor }): Promise<ChainGraph> {
  const staff = requirePermission(opts.actor, 'cases:read');
  const scopePath = await listScope(ctx.db, staff, opts.jurisdictionId);
  const range = cityDayRange(['since', 'until'], opts.since, opts.until, cityDate(ctx.clock.now()), 14);
  const inRange = and(within(cases.jurisdictionPath, scopePath), gte(cases.reportedAt, range.start), lt(cases.reportedAt, range.end));
  const ids = () => caseIdsWhere(ctx.db, inRange);

  const fetched = await ctx.db
    .select({ id: cases.id, caseNumber: cases.caseNumber, classification: cases.classification, reportedAt: cases.reportedAt })
    .from(cases)
    .where(inRange)
    .orderBy(asc(cases.reportedAt), asc(cases.caseNumber))
    .limit(MAX_CASES + 1);
  const caseRows = fetched.slice(0, MAX_CASES);
  const caseIds = new Set(caseRows.map((c) => c.id));

  const links = await ctx.db
    .select({ id: transmissionLinks.id, infectorCaseId: transmissionLinks.infectorCaseId, infecteeCaseId: transmissionLinks.infecteeCaseId, status: transmissionLinks.status, evidence: transmissionLinks.evidence })
    .from(transmissionLinks)
    .where(and(inArray(transmissionLinks.infectorCaseId, ids()), inArray(transmissionLinks.infecteeCaseId, ids())));
  const contactCase = alias(cases, 'contact_case');
  const relations = await ctx.db
    .select({ contactId: contacts.id, caseId: contacts.caseId, contactCaseId: contactCase.id, sources: contacts.sources })
    .from(contacts)
    .innerJoin(contactCase, eq(contactCase.personId, contacts.personId))
    .where(and(eq(contacts.status, 'confirmed'), eq(contacts.degree, 'close'), inArray(contacts.caseId, ids()), inArray(contactCase.id, ids())));

  const edges = caseEdges(
    caseIds,
    links.map((l) => ({ ...l, status: l.status as LinkStatus })),
    relations.map((r) => ({ ...r, evidence: contactEvidence('close', r.sources) })),
  );
  const { clusterOf, clusters } = clusterCases(caseRows, edges);
  const nodes: ChainNode[] = caseRows.map((c) => ({
    id: c.id,
    kind: 'case',
    caseNumber: c.caseNumber,
    label: c.caseNumber,
    classification: c.classification as ChainNode['classification'],
    reportedAt: c.reportedAt.toISOString(),
    clusterId: clusterOf.get(c.id)!,
  }));
  let truncated = fetched.length > MAX_CASES;
  if (opts.includeContacts && caseRows.length > 0) {
    const leaves = await contactLeaves(ctx.db, inRange, caseRows, clusterOf);
    nodes.push(...leaves.nodes);
    edges.push(...leaves.edges);
    truncated ||= leaves.truncated;
  }
  return {
    since: range.since,
    until: range.until,
    nodes,
    edges,
    clusters: clusters.map((c) => ({ ...c, firstReportedAt: c.firstReportedAt.toISOString() })),
    truncated,
  };
}

const caseIdsWhere = (db: Executor, where: SQL | undefined) => db.select({ id: cases.id }).from(cases).where(where);
const contactEvidence = (degree: string, sources: string[]) => `${degree} contact (${sources.join(', ')})`;

/**
 * The confirmed contacts of the graph's cases, one leaf per person (a person found around two
 * cases is one node with two edges). A contact who is a case of the graph is left out here: it
 * is that case's node, joined by a contact edge. Cut at MAX_CONTACTS contacts rows, first identified first.
 */
async function contactLeaves(db: Executor, inRange: SQL | undefined, caseRows: Array<{ id: string; caseNumber: string }>, clusterOf: Map<string, string>) {
  const casePeople = db.select({ personId: cases.personId }).from(cases).where(inRange);
  const rows = await db
    .select({ id: contacts.id, caseId: contacts.caseId, personId: contacts.personId, degree: contacts.degree, sources: contacts.sources, name: sql<string | null>`coalesce(${people.name}, ${contacts.candidateName})` })
    .from(contacts)
    .leftJoin(people, eq(people.id, contacts.personId))
    .where(and(eq(contacts.status, 'confirmed'), inArray(contacts.caseId, caseIdsWhere(db, inRange)), or(isNull(contacts.personId), notInArray(contacts.personId, casePeople))))
    .orderBy(asc(contacts.identifiedAt), asc(contacts.id))
    .limit(MAX_CONTACTS + 1);
  const numberOf = new Map(caseRows.map((c) => [c.id, c.caseNumber]));
  const nodes = new Map<string, ChainNode & { firstCase: string }>();
  const edges: CaseEdge[] = [];
  for (const r of rows.slice(0, MAX_CONTACTS)) {
    // Only contacts of cases that made it into the graph (all of them unless the cases were cut).
    const caseNumber = numberOf.get(r.caseId);
    if (!caseNumber) continue;
    const key = r.personId ?? r.id;
    const node = nodes.get(key);
    const degree = r.degree as NonNullable<ChainNode['degree']>;
    if (!node) nodes.set(key, { id: key, kind: 'contact', label: r.name ? maskName(r.name) : '***', clusterId: clusterOf.get(r.caseId)!, degree, firstCase: caseNumber });
    else {
      // Shown at the earliest case they were found around; a close finding wins over a secondary one.
      if (compareCaseNumbers(caseNumber, node.firstCase) < 0) Object.assign(node, { clusterId: clusterOf.get(r.caseId)!, firstCase: caseNumber });
      if (degree === 'close') node.degree = 'close';
    }
    edges.push({ id: r.id, from: key, to: r.caseId, kind: 'contact', status: 'confirmed', evidence: contactEvidence(r.degree, r.sources) });
  }
  return { nodes: [...nodes.values()].map(({ firstCase: _f, ...n }) => n), edges, truncated: rows.length > MAX_CONTACTS };
}

const infector = alias(cases, 'infector');
const infectee = alias(cases, 'infectee');

async function findLink(db: Executor, linkId: string) {
  const [row] = await db
    .select({ link: transmissionLinks, infectorNumber: infector.caseNumber, infectorPath: infector.jurisdictionPath, infecteeNumber: infectee.caseNumber, infecteePath: infectee.jurisdictionPath })
    .from(transmissionLinks)
    .innerJoin(infector, eq(infector.id, transmissionLinks.infectorCaseId))
    .innerJoin(infectee, eq(infectee.id, transmissionLinks.infecteeCaseId))
    .where(eq(transmissionLinks.id, linkId));
  return row;
}

function toLinkView(r: NonNullable<Awaited<ReturnType<typeof findLink>>>): LinkView {
  const l = r.link;
  return {
    id: l.id,
    infectorCaseId: l.infectorCaseId,
    infectorCaseNumber: r.infectorNumber,
    infecteeCaseId: l.infecteeCaseId,
    infecteeCaseNumber: r.infecteeNumber,
    status: l.status as LinkStatus,
    evidence: l.evidence,
    createdAt: l.createdAt.toISOString(),
  };
}

/** Whether `to` is downstream of `from` over the links that stand (not rejected). */
async function leadsTo(tx: Executor, from: string, to: string): Promise<boolean> {
  const [row] = await txRows<{ found: boolean }>(
    tx,
    sql`with recursive down(id) as (
          select infectee_case_id from transmission_links where infector_case_id = ${from} and status <> 'rejected'
          union
          select l.infectee_case_id from transmission_links l join down d on l.infector_case_id = d.id where l.status <> 'rejected'
        )
        select exists (select 1 from down where id = ${to}) as found`,
  );
  return row.found === true;
}

/** A person is infected once: a link whose infectee already leads back to its infector (B→A when adding A→B, or longer) is refused. */
async function refuseCycle(tx: Executor, infectorId: string, infecteeId: string, numbers: { infector: string; infectee: string }) {
  if (await leadsTo(tx, infecteeId, infectorId)) {
    throw new AppError('CONFLICT', `${numbers.infectee} already leads to ${numbers.infector} through standing links; reject that link first`);
  }
}

/**
 * An investigator's infector → infectee link: a new one is confirmed at once; an existing
 * suggested or rejected one of the same pair becomes confirmed with this evidence. Both cases
 * must be in the caller's subtree. Audited.
 */
export async function addLink(ctx: AppContext, opts: { actor: Actor; infecteeCaseId: string; input: NewLink }): Promise<{ link: LinkView; created: boolean }> {
  const { staff, row: to } = await requireCase(ctx.db, opts.actor, opts.infecteeCaseId, 'cases:write');
  if (opts.input.infectorCaseId === opts.infecteeCaseId) throw invalid('infectorCaseId', 'a case cannot be its own infector');
  const { row: from } = await requireCase(ctx.db, staff, opts.input.infectorCaseId, 'cases:write');
  const evidence = opts.input.evidence.trim();
  if (!evidence) throw invalid('evidence', 'must not be blank');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LINK_LOCK})`);
    await refuseCycle(tx, from.c.id, to.c.id, { infector: from.c.caseNumber, infectee: to.c.caseNumber });
    const [existing] = await tx
      .select({ id: transmissionLinks.id, status: transmissionLinks.status })
      .from(transmissionLinks)
      .where(and(eq(transmissionLinks.infectorCaseId, from.c.id), eq(transmissionLinks.infecteeCaseId, to.c.id)));
    let linkId = existing?.id;
    if (existing) await tx.update(transmissionLinks).set({ status: 'confirmed', evidence }).where(eq(transmissionLinks.id, existing.id));
    else [{ id: linkId }] = await tx.insert(transmissionLinks).values({ infectorCaseId: from.c.id, infecteeCaseId: to.c.id, status: 'confirmed', evidence, createdBy: staff.id, createdAt: now }).returning({ id: transmissionLinks.id });
    await appendAudit(tx, staff, {
      action: existing ? 'case.link.confirm' : 'case.link.add',
      entityType: 'transmission_link',
      entityId: linkId,
      jurisdictionPath: to.c.jurisdictionPath,
      // Case numbers, not the evidence: free text may name people.
      details: { infector: from.c.caseNumber, infectee: to.c.caseNumber, from: existing?.status ?? null, to: 'confirmed' },
    });
    return { link: toLinkView((await findLink(tx, linkId!))!), created: !existing };
  });
}

/** Confirms or rejects a link (a suggested one, usually). Both cases must be in the caller's subtree, else not-found. Audited; the note is the reason. */
export async function changeLink(ctx: AppContext, opts: { actor: Actor; linkId: string; input: LinkChange }): Promise<LinkView> {
  const staff = requirePermission(opts.actor, 'cases:write');
  const found = await findLink(ctx.db, opts.linkId);
  if (!found || !canReach(staff, found.infectorPath) || !canReach(staff, found.infecteePath)) throw notFound('Link');
  const status = opts.input.status;
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LINK_LOCK})`);
    const current = (await findLink(tx, opts.linkId))!;
    const l = current.link;
    // Setting the status it has is a no-op, not a second audit row.
    if (l.status === status) return toLinkView(current);
    if (status === 'confirmed') await refuseCycle(tx, l.infectorCaseId, l.infecteeCaseId, { infector: current.infectorNumber, infectee: current.infecteeNumber });
    await tx.update(transmissionLinks).set({ status }).where(eq(transmissionLinks.id, l.id));
    await appendAudit(tx, staff, {
      action: status === 'confirmed' ? 'case.link.confirm' : 'case.link.reject',
      entityType: 'transmission_link',
      entityId: l.id,
      jurisdictionPath: current.infecteePath,
      reason: opts.input.note ?? null,
      details: { infector: current.infectorNumber, infectee: current.infecteeNumber, from: l.status, to: status },
    });
    return { ...toLinkView(current), status };
  });
}

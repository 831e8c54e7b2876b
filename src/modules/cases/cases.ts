import { and, asc, count, desc, eq, gte, like, lt, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { requirePermission, type Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { accounts } from '../accounts/accounts.table.ts';
import { appendAudit } from '../audit/audit.ts';
import { endHealthFacts, recordHealthFacts } from '../health-codes/facts.ts';
import { escapeLike, listScope, within } from '../jurisdictions/jurisdictions.repository.ts';
import { people } from '../people/people.table.ts';
import { requirePersonAccess } from '../people/person-access.ts';
import { startOfCityDay } from '../../platform/city-day.ts';
import { canChangeOutcome, canReclassify, caseFactKind, exposureWindow, severityAllowed, type Classification, type Outcome } from './case-rules.ts';
import { caseQuery, contactCounts, requireCase, toCaseSummary } from './case-views.ts';
import type { CaseChange, CaseDetail, CasePage, CaseSummary } from './cases.schemas.ts';
import { caseEvents, cases, investigations, transmissionLinks } from './cases.table.ts';
import { tracingClocks } from './investigation-rules.ts';
import { openCase } from './open-case.ts';
import type { Static } from 'typebox';
import type { CasesQuery, NewCase } from './cases.schemas.ts';

export async function listCases(ctx: AppContext, opts: Static<typeof CasesQuery> & { actor: Actor }): Promise<Static<typeof CasePage>> {
  const staff = requirePermission(opts.actor, 'cases:read');
  const scopePath = await listScope(ctx.db, staff, opts.jurisdictionId);
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? 50;
  const q = opts.q?.trim();
  const filters: Array<SQL | undefined> = [
    within(cases.jurisdictionPath, scopePath),
    opts.classification ? eq(cases.classification, opts.classification) : undefined,
    opts.outcome ? eq(cases.outcome, opts.outcome) : undefined,
    q ? or(eq(cases.caseNumber, q.toUpperCase()), like(people.name, `${escapeLike(q)}%`)) : undefined,
    opts.reportedFrom ? gte(cases.reportedAt, startOfCityDay(opts.reportedFrom)) : undefined,
    opts.reportedTo ? lt(cases.reportedAt, new Date(startOfCityDay(opts.reportedTo).getTime() + 86_400_000)) : undefined,
  ];
  const where = and(...filters);
  const rows = await caseQuery(ctx.db)
    .where(where)
    .orderBy(desc(cases.reportedAt), desc(cases.caseNumber))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [{ n }] = await ctx.db.select({ n: count() }).from(cases).innerJoin(people, eq(people.id, cases.personId)).where(where);
  const now = ctx.clock.now();
  return { items: rows.map((r) => toCaseSummary(r, now)), total: n };
}

export async function getCase(ctx: AppContext, opts: { actor: Actor; id: string }): Promise<CaseDetail> {
  const { row } = await requireCase(ctx.db, opts.actor, opts.id, 'cases:read');
  const now = ctx.clock.now();
  const c = row.c;
  const events = await ctx.db
    .select({ kind: caseEvents.kind, fromValue: caseEvents.fromValue, toValue: caseEvents.toValue, note: caseEvents.note, at: caseEvents.at, actorName: accounts.username })
    .from(caseEvents)
    .leftJoin(accounts, eq(accounts.id, caseEvents.actorId))
    .where(eq(caseEvents.caseId, c.id))
    .orderBy(asc(caseEvents.at));
  const [inv] = await ctx.db.select().from(investigations).where(eq(investigations.caseId, c.id));
  const links = await linksOf(ctx.db, c.id);
  const window = exposureWindow(c, now);
  return {
    ...toCaseSummary(row, now),
    events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
    exposureWindow: { from: window.from.toISOString(), until: window.until.toISOString(), anchor: window.anchor },
    contacts: await contactCounts(ctx.db, c.id),
    clocks: tracingClocks({ reportedAt: c.reportedAt, startedAt: inv?.startedAt ?? null, contactsIdentifiedAt: inv?.contactsIdentifiedAt ?? null, contactsControlledAt: inv?.contactsControlledAt ?? null }),
    ...links,
  };
}

async function linksOf(db: Executor, caseId: string) {
  const rows = await db
    .select({ id: transmissionLinks.id, infector: transmissionLinks.infectorCaseId, infectee: transmissionLinks.infecteeCaseId, status: transmissionLinks.status, evidence: transmissionLinks.evidence, number: cases.caseNumber, otherId: cases.id })
    .from(transmissionLinks)
    .innerJoin(cases, or(and(eq(transmissionLinks.infecteeCaseId, caseId), eq(cases.id, transmissionLinks.infectorCaseId)), and(eq(transmissionLinks.infectorCaseId, caseId), eq(cases.id, transmissionLinks.infecteeCaseId))));
  const view = (r: (typeof rows)[number]) => ({ linkId: r.id, caseId: r.otherId, caseNumber: r.number, status: r.status, evidence: r.evidence });
  return { infectors: rows.filter((r) => r.infectee === caseId).map(view), infectees: rows.filter((r) => r.infector === caseId).map(view) };
}

/** A case opened by hand (a clinical diagnosis, a case reported by another city). Audited. */
export async function createCase(ctx: AppContext, opts: { actor: Actor; input: Static<typeof NewCase> }): Promise<CaseSummary> {
  const { staff, person } = await requirePersonAccess(ctx.db, opts.actor, opts.input.personId, 'cases:write');
  const now = ctx.clock.now();
  const caseId = await ctx.db.transaction(async (tx) => {
    const { caseId, created } = await openCase(tx, { personId: person.id, classification: opts.input.classification, origin: opts.input.origin, onsetDate: opts.input.onsetDate ?? null, note: opts.input.note, actorId: staff.id }, now);
    if (!created) throw new AppError('CONFLICT', 'This person already has a case');
    await appendAudit(tx, staff, { action: 'case.open', entityType: 'case', entityId: caseId, jurisdictionPath: person.path, reason: opts.input.note, details: { classification: opts.input.classification } });
    return caseId;
  });
  const { row } = await requireCase(ctx.db, staff, caseId, 'cases:read');
  return toCaseSummary(row, now);
}

/**
 * Reclassification, severity, outcome, origin, onset and isolation: each change is an event in
 * the case's history, audited; the colour follows (a reclassified case swaps its fact; a
 * recovered patient goes to 14 days home quarantine then monitoring; an excluded case ends its
 * facts and the positive result's).
 */
export async function changeCase(ctx: AppContext, opts: { actor: Actor; id: string; input: CaseChange }): Promise<CaseDetail> {
  const { staff, row } = await requireCase(ctx.db, opts.actor, opts.id, 'cases:write');
  const c = row.c;
  const input = opts.input;
  const now = ctx.clock.now();
  const events: Array<{ kind: string; fromValue: string | null; toValue: string | null }> = [];
  const set: Partial<typeof cases.$inferInsert> = {};
  const classification = (input.classification ?? c.classification) as Classification;
  if (input.classification && input.classification !== c.classification) {
    if (!canReclassify(c.classification as Classification, input.classification)) throw invalid('classification', `cannot change from ${c.classification} to ${input.classification}`);
    set.classification = input.classification;
    if (!severityAllowed(input.classification)) set.severity = null;
    events.push({ kind: 'classification', fromValue: c.classification, toValue: input.classification });
  }
  if (input.severity !== undefined && input.severity !== c.severity) {
    if (!severityAllowed(classification)) throw invalid('severity', 'only a confirmed case has a clinical severity');
    set.severity = input.severity;
    events.push({ kind: 'severity', fromValue: c.severity, toValue: input.severity });
  }
  if (input.outcome && input.outcome !== c.outcome) {
    if (!canChangeOutcome(c.outcome as Outcome, input.outcome)) throw invalid('outcome', `cannot change from ${c.outcome} to ${input.outcome}`);
    set.outcome = input.outcome;
    events.push({ kind: 'outcome', fromValue: c.outcome, toValue: input.outcome });
  }
  if (input.origin && input.origin !== c.origin) {
    set.origin = input.origin;
    events.push({ kind: 'origin', fromValue: c.origin, toValue: input.origin });
  }
  if (input.onsetDate !== undefined && input.onsetDate !== c.onsetDate) {
    if (input.onsetDate && startOfCityDay(input.onsetDate) > now) throw invalid('onsetDate', 'lies in the future');
    set.onsetDate = input.onsetDate;
    events.push({ kind: 'onset', fromValue: c.onsetDate, toValue: input.onsetDate });
  }
  if (input.isolatedAt !== undefined && (input.isolatedAt ?? null) !== (c.isolatedAt?.toISOString() ?? null)) {
    const at = input.isolatedAt ? new Date(input.isolatedAt) : null;
    if (at && at > now) throw invalid('isolatedAt', 'lies in the future');
    set.isolatedAt = at;
    events.push({ kind: 'isolated', fromValue: c.isolatedAt?.toISOString() ?? null, toValue: at?.toISOString() ?? null });
  }
  if (events.length === 0) return getCase(ctx, { actor: staff, id: c.id });
  await ctx.db.transaction(async (tx) => {
    await tx.update(cases).set({ ...set, updatedAt: now }).where(eq(cases.id, c.id));
    await tx.insert(caseEvents).values(events.map((e) => ({ caseId: c.id, ...e, note: input.note ?? null, at: now, actorId: staff.id })));
    await followColour(tx, { caseId: c.id, personId: c.personId, before: { classification: c.classification as Classification, outcome: c.outcome as Outcome }, after: { classification, outcome: (set.outcome ?? c.outcome) as Outcome } }, now);
    await appendAudit(tx, staff, { action: 'case.change', entityType: 'case', entityId: c.id, jurisdictionPath: c.jurisdictionPath, reason: input.note ?? null, details: { changes: events } });
  });
  return getCase(ctx, { actor: staff, id: c.id });
}

async function followColour(tx: Executor, p: { caseId: string; personId: string; before: { classification: Classification; outcome: Outcome }; after: { classification: Classification; outcome: Outcome } }, now: Date): Promise<void> {
  const open = (s: { outcome: Outcome }) => s.outcome === 'under_treatment';
  const factBefore = open(p.before) ? caseFactKind(p.before.classification) : null;
  const factAfter = open(p.after) ? caseFactKind(p.after.classification) : null;
  if (factBefore && factBefore !== factAfter) await endHealthFacts(tx, { personIds: [p.personId], kind: factBefore, source: 'tracing' }, now);
  if (factAfter && factAfter !== factBefore) await recordHealthFacts(tx, [{ personId: p.personId, kind: factAfter, source: 'tracing', sourceRef: `${p.caseId}:${now.getTime()}`, validFrom: now }], now);
  if (p.after.outcome !== p.before.outcome && !open(p.after)) {
    // The positive result no longer counts once the case is closed: recovered or ruled out.
    await endHealthFacts(tx, { personIds: [p.personId], kind: 'positive_result', source: 'testing' }, now);
    if (p.after.outcome === 'recovered') {
      // Discharged patients: home quarantine, then home health monitoring (the policy's days).
      await recordHealthFacts(tx, [{ personId: p.personId, kind: 'home_quarantine', source: 'tracing', sourceRef: `${p.caseId}:discharge`, validFrom: now }], now);
    }
  }
}

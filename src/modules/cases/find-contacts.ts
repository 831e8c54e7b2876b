import { and, eq, inArray, isNotNull, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { appendAudit } from '../audit/audit.ts';
import { people } from '../people/people.table.ts';
import { exposureWindow } from './case-rules.ts';
import { requireCase } from './case-views.ts';
import { cases, contacts } from './cases.table.ts';
import { findCoLocations, scanVisits, type CoLocationRow, type OwnedVisit } from './co-location.ts';
import { canDeriveSecondary, DEFAULT_WINDOW_MINUTES, evidenceKey, mergeCandidates, type Candidate, type ContactSource, type Evidence, type MergedCandidate } from './contact-rules.ts';
import { prefillFromScans, trajectoryVisits } from './trajectory.ts';

type CaseRow = typeof cases.$inferSelect;
export interface FoundSummary {
  found: number;
  added: number;
  updated: number;
}

const coLocationEvidence = (r: CoLocationRow): Evidence => ({
  source: 'co_location',
  at: r.contactScanAt.toISOString(),
  venueId: r.venueId,
  venueCode: r.venueCode,
  venueName: r.venueName,
  caseScanAt: r.caseScanAt.toISOString(),
  contactScanAt: r.contactScanAt.toISOString(),
});

async function householdOf(db: Executor, personId: string): Promise<string[]> {
  const [p] = await db.select({ householdId: people.householdId }).from(people).where(eq(people.id, personId));
  if (!p?.householdId) return [];
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.householdId, p.householdId), ne(people.id, personId)));
  return rows.map((r) => r.id);
}

/**
 * Close contact candidates of a case: the household (exposed until the case was isolated) and
 * everyone co-located with the case's trajectory at a venue (± window) during the exposure
 * window. The trajectory is re-filled from scans first, so a new case is searched at once.
 */
export async function closeCandidates(ctx: AppContext, c: CaseRow, windowMinutes: number, now: Date): Promise<Candidate[]> {
  await ctx.db.transaction((tx) => prefillFromScans(tx, c, now));
  const w = exposureWindow(c, now);
  const household = await householdOf(ctx.db, c.personId);
  const found: Candidate[] = household.map((personId) => ({ personId, degree: 'close', evidence: [{ source: 'household', at: w.until.toISOString() }] }));
  const visits = await trajectoryVisits(ctx.db, c, now);
  for (const r of await findCoLocations(ctx.database, visits, windowMinutes)) found.push({ personId: r.personId, degree: 'close', evidence: [coLocationEvidence(r)] });
  return found;
}

/**
 * Secondary contact candidates: for each confirmed close contact (never a secondary one: no
 * third degree), their household and their own co-locations from their first exposure to the
 * case until they were controlled.
 */
export async function secondaryCandidates(ctx: AppContext, c: CaseRow, windowMinutes: number, now: Date): Promise<Candidate[]> {
  const close = await ctx.db
    .select({ id: contacts.id, personId: contacts.personId, degree: contacts.degree, evidence: contacts.evidence, controlledAt: contacts.controlledAt })
    .from(contacts)
    .where(and(eq(contacts.caseId, c.id), eq(contacts.status, 'confirmed'), isNotNull(contacts.personId)));
  const found: Candidate[] = [];
  const visits: OwnedVisit[] = [];
  const viaByPerson = new Map<string, string>();
  for (const k of close) {
    if (!canDeriveSecondary(k.degree as 'close' | 'secondary') || !k.personId) continue;
    const times = (k.evidence as Evidence[]).map((e) => new Date(e.at).getTime());
    const from = new Date(times.length ? Math.min(...times) : now.getTime());
    const until = k.controlledAt ?? now;
    viaByPerson.set(k.personId, k.id);
    for (const personId of await householdOf(ctx.db, k.personId)) found.push({ personId, degree: 'secondary', viaContactId: k.id, evidence: [{ source: 'household', at: until.toISOString(), note: `via ${k.id}` }] });
    if (until > from) visits.push(...(await scanVisits(ctx.database, k.personId, from, until)));
  }
  for (const r of await findCoLocations(ctx.database, visits, windowMinutes)) {
    found.push({ personId: r.personId, degree: 'secondary', viaContactId: viaByPerson.get(r.ownerId), evidence: [coLocationEvidence(r)] });
  }
  return found;
}

/**
 * Saves merged candidates on the case: a new person is a new candidate; a person already listed
 * gains the new evidence; a secondary candidate found again as close becomes close; a close
 * contact is never demoted. Decided contacts keep their decision (evidence is still added).
 */
export async function saveCandidates(tx: Executor, caseId: string, merged: MergedCandidate[], now: Date): Promise<{ added: number; updated: number }> {
  if (merged.length === 0) return { added: 0, updated: 0 };
  const existing = await tx
    .select({ id: contacts.id, personId: contacts.personId, degree: contacts.degree, status: contacts.status, sources: contacts.sources, evidence: contacts.evidence, lastExposureAt: contacts.lastExposureAt })
    .from(contacts)
    .where(and(eq(contacts.caseId, caseId), inArray(contacts.personId, merged.map((m) => m.personId))));
  const byPerson = new Map(existing.map((e) => [e.personId!, e]));
  const fresh = merged.filter((m) => !byPerson.has(m.personId));
  if (fresh.length) {
    await tx.insert(contacts).values(
      fresh.map((m) => ({ caseId, personId: m.personId, degree: m.degree, viaContactId: m.viaContactId ?? null, sources: m.sources, evidence: m.evidence, lastExposureAt: m.lastExposureAt, identifiedAt: now })),
    );
  }
  let updated = 0;
  for (const m of merged) {
    const e = byPerson.get(m.personId);
    if (!e || (e.degree === 'close' && m.degree === 'secondary')) continue;
    const have = e.evidence as Evidence[];
    const keys = new Set(have.map(evidenceKey));
    const added = m.evidence.filter((x) => !keys.has(evidenceKey(x)));
    const promote = e.degree === 'secondary' && m.degree === 'close' && e.status === 'candidate';
    if (added.length === 0 && !promote) continue;
    const evidence = promote ? [...m.evidence] : [...have, ...added];
    const sources = [...new Set([...(promote ? [] : (e.sources as ContactSource[])), ...evidence.map((x) => x.source)])];
    const last = Math.max(...evidence.map((x) => new Date(x.at).getTime()));
    await tx
      .update(contacts)
      .set({ evidence, sources, lastExposureAt: new Date(last), ...(promote ? { degree: 'close', viaContactId: null } : {}) })
      .where(eq(contacts.id, e.id));
    updated++;
  }
  return { added: fresh.length, updated };
}

/** Runs a search (close or secondary) for a case and saves what it found. Audited. */
export async function findContacts(ctx: AppContext, opts: { actor: Actor; caseId: string; degree: 'close' | 'secondary'; windowMinutes?: number }): Promise<FoundSummary> {
  const { staff, row } = await requireCase(ctx.db, opts.actor, opts.caseId, 'cases:write');
  const now = ctx.clock.now();
  const windowMinutes = opts.windowMinutes ?? DEFAULT_WINDOW_MINUTES;
  const c = row.c;
  const found = opts.degree === 'close' ? await closeCandidates(ctx, c, windowMinutes, now) : await secondaryCandidates(ctx, c, windowMinutes, now);
  // The case's own person is never their contact; close contacts already listed are excluded
  // from a secondary search (saveCandidates keeps close over secondary too).
  const merged = mergeCandidates(found, [c.personId]);
  return ctx.db.transaction(async (tx) => {
    const saved = await saveCandidates(tx, c.id, merged, now);
    await appendAudit(tx, staff, { action: `contacts.find_${opts.degree}`, entityType: 'case', entityId: c.id, jurisdictionPath: c.jurisdictionPath, details: { windowMinutes, found: merged.length, ...saved } });
    return { found: merged.length, ...saved };
  });
}

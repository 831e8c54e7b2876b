import { and, eq, ne, sql } from 'drizzle-orm';
import { txRows, type Executor } from '../../db/client.ts';
import { recordHealthFacts } from '../health-codes/facts.ts';
import { people } from '../people/people.table.ts';
import { caseFactKind, type Classification, type Origin } from './case-rules.ts';
import { caseEvents, cases, contacts, investigations, investigationTeams, transmissionLinks } from './cases.table.ts';
import { pickTeam } from './investigation-rules.ts';

export interface OpenCaseInput {
  personId: string;
  classification: Classification;
  origin?: Origin;
  onsetDate?: string | null;
  sampledAt?: Date | null;
  positiveRef?: string | null;
  note?: string | null;
  actorId?: string | null;
}

/**
 * Opens the case of a person (or returns the one they have), in the caller's transaction: the
 * case, its opening event, the colour fact, the investigation handed to a team in rotation, and
 * a suggested infector link when the person was already a confirmed contact of another case.
 */
export async function openCase(tx: Executor, input: OpenCaseInput, now: Date): Promise<{ caseId: string; created: boolean }> {
  const [existing] = await tx.select({ id: cases.id, positiveRef: cases.positiveRef, sampledAt: cases.sampledAt }).from(cases).where(eq(cases.personId, input.personId));
  if (existing) {
    // A further positive (a confirmatory re-test, another lab) is history on the same case.
    if (input.positiveRef && input.positiveRef !== existing.positiveRef) {
      await tx.insert(caseEvents).values({ caseId: existing.id, kind: 'positive', toValue: input.positiveRef, note: input.note ?? null, at: now, actorId: input.actorId ?? null });
      if (!existing.positiveRef || (input.sampledAt && (!existing.sampledAt || input.sampledAt < existing.sampledAt))) {
        await tx.update(cases).set({ positiveRef: existing.positiveRef ?? input.positiveRef, sampledAt: input.sampledAt ?? existing.sampledAt, updatedAt: now }).where(eq(cases.id, existing.id));
      }
    }
    return { caseId: existing.id, created: false };
  }
  const [person] = await tx.select({ jurisdictionId: people.jurisdictionId, path: people.jurisdictionPath }).from(people).where(eq(people.id, input.personId));
  if (!person) throw new Error(`openCase: no person ${input.personId}`);
  const [{ n }] = await txRows<{ n: number }>(tx, sql`select nextval('case_number_seq')::int as n`);
  const [row] = await tx
    .insert(cases)
    .values({
      caseNumber: `C-${String(n).padStart(6, '0')}`,
      personId: input.personId,
      classification: input.classification,
      origin: input.origin ?? 'local',
      onsetDate: input.onsetDate ?? null,
      sampledAt: input.sampledAt ?? null,
      reportedAt: now,
      positiveRef: input.positiveRef ?? null,
      jurisdictionId: person.jurisdictionId,
      jurisdictionPath: person.path,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: cases.id });
  await tx.insert(caseEvents).values({ caseId: row.id, kind: 'opened', toValue: input.classification, note: input.note ?? input.positiveRef ?? null, at: now, actorId: input.actorId ?? null });
  const factKind = caseFactKind(input.classification);
  if (factKind) await recordHealthFacts(tx, [{ personId: input.personId, kind: factKind, source: 'tracing', sourceRef: row.id, validFrom: now }], now);
  await openInvestigation(tx, row.id, person.path, now);
  await suggestInfectors(tx, row.id, input.personId, now);
  return { caseId: row.id, created: true };
}

/** The investigation of a new case, handed to the next team in rotation among those whose jurisdiction holds the case. */
async function openInvestigation(tx: Executor, caseId: string, path: string, now: Date): Promise<void> {
  const rows = await txRows<{ id: string; capacity: number; last_assigned_at: string | Date | null; jurisdiction_path: string; load: number }>(tx, sql`
    select t.id, t.capacity, t.last_assigned_at, t.jurisdiction_path,
           (select count(*)::int from investigations i where i.team_id = t.id and i.status <> 'closed') as load
      from investigation_teams t
     where t.active and ${path} like t.jurisdiction_path || '%'
     order by length(t.jurisdiction_path) desc`);
  // The nearest level that has teams takes the case (the district before the city).
  const nearest = rows.filter((r) => r.jurisdiction_path === rows[0].jurisdiction_path);
  const teamId = pickTeam(nearest.map((r) => ({ id: r.id, capacity: r.capacity, load: r.load, lastAssignedAt: r.last_assigned_at ? new Date(r.last_assigned_at) : null })));
  await tx.insert(investigations).values({ caseId, status: teamId ? 'assigned' : 'open', teamId, openedAt: now, assignedAt: teamId ? now : null, jurisdictionPath: path });
  if (teamId) await tx.update(investigationTeams).set({ lastAssignedAt: now }).where(eq(investigationTeams.id, teamId));
}

/** A new case who was a confirmed contact of other cases: those cases are suggested as infectors, with the contact's evidence. */
async function suggestInfectors(tx: Executor, caseId: string, personId: string, now: Date): Promise<void> {
  const links = await tx
    .select({ caseId: contacts.caseId, degree: contacts.degree, sources: contacts.sources })
    .from(contacts)
    .where(and(eq(contacts.personId, personId), eq(contacts.status, 'confirmed'), ne(contacts.caseId, caseId)));
  const direct = links.filter((l) => l.degree === 'close');
  if (direct.length === 0) return;
  await tx
    .insert(transmissionLinks)
    .values(direct.map((l) => ({ infectorCaseId: l.caseId, infecteeCaseId: caseId, status: 'suggested', evidence: `close contact (${l.sources.join(', ')})`, createdAt: now })))
    .onConflictDoNothing();
}

/**
 * The testing module's hand-over of a positive person: opens (or updates) their case. A positive
 * without symptoms recorded is an asymptomatic infection until the clinician reclassifies it.
 */
export async function openCaseFromPositive(tx: Executor, p: { personId: string; barcode: string; sampledAt: Date; now: Date }): Promise<string> {
  const { caseId } = await openCase(tx, { personId: p.personId, classification: 'asymptomatic', sampledAt: p.sampledAt, positiveRef: p.barcode }, p.now);
  return caseId;
}

import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Static } from 'typebox';
import type { Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { appendAudit } from '../audit/audit.ts';
import { activePolicy } from '../health-codes/active-policy.ts';
import { endHealthFacts, recordHealthFacts, type FactRecord } from '../health-codes/facts.ts';
import { checkResidentId, maskDocumentNumber, normalizeDocumentNumber } from '../people/id-number.ts';
import { maskPhone } from '../people/phone.ts';
import { people } from '../people/people.table.ts';
import { findPersonRef, findPersonRefByIdHash } from '../people/people.repository.ts';
import { communityOf, contactCounts, requireCase } from './case-views.ts';
import type { ContactIds, ContactPage, ContactsQuery, ContactView, Decided, DismissInput, ManualContact } from './cases.schemas.ts';
import { contacts, controlHandovers } from './cases.table.ts';
import { planMeasure, type Evidence } from './contact-rules.ts';
import { saveCandidates } from './find-contacts.ts';
import { updateContactClocks } from './investigations.ts';

const via = alias(contacts, 'via');
const viaPerson = alias(people, 'via_person');

export async function listContacts(ctx: AppContext, opts: Static<typeof ContactsQuery> & { actor: Actor; caseId: string }): Promise<Static<typeof ContactPage>> {
  const { row } = await requireCase(ctx.db, opts.actor, opts.caseId, 'cases:read');
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? 100;
  const filters: Array<SQL | undefined> = [eq(contacts.caseId, row.c.id), opts.status ? eq(contacts.status, opts.status) : undefined, opts.degree ? eq(contacts.degree, opts.degree) : undefined];
  const rows = await ctx.db
    .select({
      k: contacts,
      name: people.name,
      idNumberMasked: people.idNumberMasked,
      phone: people.phone,
      community: communityOf(people.jurisdictionPath),
      viaName: viaPerson.name,
      isCase: sql<boolean>`exists (select 1 from cases x where x.person_id = contacts.person_id)`,
    })
    .from(contacts)
    .leftJoin(people, eq(people.id, contacts.personId))
    .leftJoin(via, eq(via.id, contacts.viaContactId))
    .leftJoin(viaPerson, eq(viaPerson.id, via.personId))
    .where(and(...filters))
    .orderBy(asc(contacts.degree), asc(contacts.status), desc(contacts.lastExposureAt), asc(contacts.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [{ n }] = await ctx.db.select({ n: count() }).from(contacts).where(and(...filters));
  const items: ContactView[] = rows.map((r) => ({
    id: r.k.id,
    caseId: r.k.caseId,
    personId: r.k.personId,
    name: r.name ?? r.k.candidateName ?? '',
    idNumberMasked: r.idNumberMasked ?? r.k.candidateIdMasked,
    phoneMasked: r.phone ? maskPhone(r.phone) : r.k.candidatePhone ? maskPhone(r.k.candidatePhone) : null,
    community: r.community,
    degree: r.k.degree as ContactView['degree'],
    viaContactId: r.k.viaContactId,
    viaName: r.viaName,
    sources: r.k.sources as ContactView['sources'],
    evidence: r.k.evidence as Evidence[],
    lastExposureAt: r.k.lastExposureAt?.toISOString() ?? null,
    status: r.k.status as ContactView['status'],
    matched: r.k.personId !== null,
    isCase: Boolean(r.isCase),
    controlMeasure: (r.k.controlMeasure as ContactView['controlMeasure']) ?? null,
    measureUntil: r.k.measureUntil?.toISOString() ?? null,
    controlledAt: r.k.controlledAt?.toISOString() ?? null,
    dismissReason: r.k.dismissReason,
  }));
  return {
    items,
    total: n,
    counts: await contactCounts(ctx.db, row.c.id),
  };
}

/**
 * A contact the investigator names (a shared meal, the same car): a registered person by id, or
 * an ID number matched against the registry; not registered yet, it is kept as an unmatched
 * candidate (ID encrypted like the registry's) until the person is registered and matched.
 */
export async function addManualContact(ctx: AppContext, opts: { actor: Actor; caseId: string; input: Static<typeof ManualContact> }): Promise<{ id: string; matched: boolean }> {
  const { staff, row } = await requireCase(ctx.db, opts.actor, opts.caseId, 'cases:write');
  const input = opts.input;
  const now = ctx.clock.now();
  const at = input.at ? new Date(input.at) : now;
  if (at > now) throw invalid('at', 'lies in the future');
  const evidence: Evidence = { source: 'manual', at: at.toISOString(), note: input.note };
  let personId: string | undefined;
  let unmatched: Partial<typeof contacts.$inferInsert> = {};
  if (input.personId) {
    // Tracing crosses districts: a person anywhere in the registry can be named as a contact.
    if (!(await findPersonRef(ctx.db, input.personId))) throw notFound('Person');
    personId = input.personId;
  } else if (input.idNumber) {
    const number = normalizeDocumentNumber(input.idNumber);
    const hash = ctx.keys.lookupHash(number);
    const p = await findPersonRefByIdHash(ctx.db, hash);
    if (p) personId = p.id;
    else {
      if (!input.name) throw invalid('name', 'required for a person not in the registry');
      const type = checkResidentId(number, now).ok ? 'resident_id' : 'passport';
      unmatched = { candidateName: input.name, candidatePhone: input.phone ?? null, candidateIdCipher: ctx.keys.encrypt(number), candidateIdHash: hash, candidateIdMasked: maskDocumentNumber(type, number) };
    }
  } else throw invalid('personId', 'give a personId or an idNumber');
  if (personId === row.c.personId) throw invalid('personId', 'the case is not their own contact');
  const degree = input.degree ?? 'close';
  return ctx.db.transaction(async (tx) => {
    let id: string;
    if (personId) {
      await saveCandidates(tx, row.c.id, [{ personId, degree, evidence: [evidence], sources: ['manual'], lastExposureAt: at, firstExposureAt: at }], now);
      [{ id }] = await tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.caseId, row.c.id), eq(contacts.personId, personId)));
    } else {
      const [dup] = await tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.caseId, row.c.id), eq(contacts.candidateIdHash, unmatched.candidateIdHash!)));
      if (dup) throw new AppError('CONFLICT', 'This person is already on the list');
      [{ id }] = await tx
        .insert(contacts)
        .values({ caseId: row.c.id, degree, sources: ['manual'], evidence: [evidence], lastExposureAt: at, identifiedAt: now, ...unmatched })
        .returning({ id: contacts.id });
    }
    await appendAudit(tx, staff, { action: 'contacts.add_manual', entityType: 'case', entityId: row.c.id, jurisdictionPath: row.c.jurisdictionPath, reason: input.note, details: { contactId: id, matched: Boolean(personId) } });
    return { id, matched: Boolean(personId) };
  });
}

/** Matches an unmatched candidate against the registry again (after the person was registered). */
export async function matchContact(ctx: AppContext, opts: { actor: Actor; caseId: string; contactId: string }): Promise<{ matched: boolean }> {
  const { staff, row } = await requireCase(ctx.db, opts.actor, opts.caseId, 'cases:write');
  const [k] = await ctx.db.select().from(contacts).where(and(eq(contacts.id, opts.contactId), eq(contacts.caseId, row.c.id)));
  if (!k) throw notFound('Contact');
  if (k.personId) return { matched: true };
  const p = k.candidateIdHash ? await findPersonRefByIdHash(ctx.db, k.candidateIdHash) : undefined;
  if (!p) return { matched: false };
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [listed] = await tx.select({ id: contacts.id }).from(contacts).where(and(eq(contacts.caseId, row.c.id), eq(contacts.personId, p.id)));
    if (listed) {
      // Already on the list through another source: the typed entry is merged into it.
      await saveCandidates(tx, row.c.id, [{ personId: p.id, degree: k.degree as 'close', evidence: k.evidence as Evidence[], sources: k.sources as ['manual'], lastExposureAt: k.lastExposureAt ?? now, firstExposureAt: k.lastExposureAt ?? now }], now);
      await tx.delete(contacts).where(eq(contacts.id, k.id));
    } else {
      await tx.update(contacts).set({ personId: p.id, candidateIdCipher: null, candidateIdHash: null }).where(eq(contacts.id, k.id));
    }
    await appendAudit(tx, staff, { action: 'contacts.match', entityType: 'case', entityId: row.c.id, jurisdictionPath: row.c.jurisdictionPath, details: { contactId: k.id, personId: p.id } });
  });
  return { matched: true };
}

/**
 * Confirms candidates in bulk. Each confirmed contact gets its control measure from the active
 * policy (counted from the last exposure), the matching health fact (the code turns red or
 * yellow in this transaction) and a hand-over for the quarantine module. A contact who is a case
 * already is confirmed (the chain needs the link) without a measure: the case controls them.
 */
export async function confirmContacts(ctx: AppContext, opts: { actor: Actor; caseId: string; input: Static<typeof ContactIds> }): Promise<Static<typeof Decided>> {
  const { staff, row } = await requireCase(ctx.db, opts.actor, opts.caseId, 'cases:write');
  const now = ctx.clock.now();
  const ids = [...new Set(opts.input.contactIds)];
  const rows = await ctx.db
    .select({ k: contacts, isCase: sql<boolean>`exists (select 1 from cases x where x.person_id = contacts.person_id)` })
    .from(contacts)
    .where(and(eq(contacts.caseId, row.c.id), inArray(contacts.id, ids)));
  const skipped: Array<{ contactId: string; reason: string }> = ids.filter((id) => !rows.some((r) => r.k.id === id)).map((contactId) => ({ contactId, reason: 'not a contact of this case' }));
  const rules = (await activePolicy(ctx.db)).rules;
  const facts: FactRecord[] = [];
  const confirmed: Array<{ id: string; set: Partial<typeof contacts.$inferInsert>; handover?: typeof controlHandovers.$inferInsert }> = [];
  for (const { k, isCase } of rows) {
    if (k.status !== 'candidate') skipped.push({ contactId: k.id, reason: `already ${k.status}` });
    else if (!k.personId) skipped.push({ contactId: k.id, reason: 'not matched to the person registry' });
    else if (isCase) confirmed.push({ id: k.id, set: { status: 'confirmed', decidedAt: now, decidedBy: staff.id, controlledAt: now } });
    else {
      const last = k.lastExposureAt && k.lastExposureAt < now ? k.lastExposureAt : now;
      const plan = planMeasure(k.degree as 'close' | 'secondary', rules, last);
      facts.push({ personId: k.personId, kind: plan.factKind, source: 'tracing', sourceRef: k.id, validFrom: plan.from, note: `contact of case ${row.c.caseNumber}`, recordedBy: staff.id });
      confirmed.push({
        id: k.id,
        set: { status: 'confirmed', decidedAt: now, decidedBy: staff.id, controlMeasure: plan.measure, measureFrom: plan.from, measureUntil: plan.until, controlledAt: now },
        handover: { contactId: k.id, personId: k.personId, measure: plan.measure, startsAt: plan.from, endsAt: plan.until, testDays: plan.testDays, createdAt: now },
      });
    }
  }
  await ctx.db.transaction(async (tx) => {
    for (const c of confirmed) await tx.update(contacts).set(c.set).where(eq(contacts.id, c.id));
    const handovers = confirmed.flatMap((c) => (c.handover ? [c.handover] : []));
    if (handovers.length) await tx.insert(controlHandovers).values(handovers).onConflictDoNothing();
    await recordHealthFacts(tx, facts, now);
    await updateContactClocks(tx, row.c.id, now);
    if (confirmed.length) await appendAudit(tx, staff, { action: 'contacts.confirm', entityType: 'case', entityId: row.c.id, jurisdictionPath: row.c.jurisdictionPath, details: { contactIds: confirmed.map((c) => c.id) } });
  });
  return { done: confirmed.length, skipped };
}

/**
 * Dismisses candidates (or withdraws a confirmed contact found to be wrong: its colour fact ends
 * and its hand-over is cancelled), with the reason. Audited.
 */
export async function dismissContacts(ctx: AppContext, opts: { actor: Actor; caseId: string; input: Static<typeof DismissInput> }): Promise<Static<typeof Decided>> {
  const { staff, row } = await requireCase(ctx.db, opts.actor, opts.caseId, 'cases:write');
  const now = ctx.clock.now();
  const ids = [...new Set(opts.input.contactIds)];
  const rows = await ctx.db.select().from(contacts).where(and(eq(contacts.caseId, row.c.id), inArray(contacts.id, ids)));
  const skipped = ids.filter((id) => !rows.some((r) => r.id === id)).map((contactId) => ({ contactId, reason: 'not a contact of this case' }));
  const todo = rows.filter((r) => {
    if (r.status === 'dismissed') skipped.push({ contactId: r.id, reason: 'already dismissed' });
    return r.status !== 'dismissed';
  });
  await ctx.db.transaction(async (tx) => {
    if (todo.length === 0) return;
    await tx
      .update(contacts)
      .set({ status: 'dismissed', decidedAt: now, decidedBy: staff.id, dismissReason: opts.input.reason, controlledAt: null })
      .where(inArray(contacts.id, todo.map((r) => r.id)));
    for (const r of todo.filter((x) => x.status === 'confirmed' && x.personId)) {
      await endHealthFacts(tx, { personIds: [r.personId!], kind: r.degree === 'close' ? 'close_contact' : 'secondary_contact', source: 'tracing', sourceRef: r.id }, now);
      await tx.update(controlHandovers).set({ status: 'cancelled' }).where(eq(controlHandovers.contactId, r.id));
    }
    await updateContactClocks(tx, row.c.id, now);
    await appendAudit(tx, staff, { action: 'contacts.dismiss', entityType: 'case', entityId: row.c.id, jurisdictionPath: row.c.jurisdictionPath, reason: opts.input.reason, details: { contactIds: todo.map((r) => r.id) } });
  });
  return { done: todo.length, skipped };
}

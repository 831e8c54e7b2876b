import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { appendAudit } from '../audit/audit.ts';
import { requirePersonAccess } from '../people/person-access.ts';
import type { FactKind } from './colour-policy.ts';
import type { Fact, NewFact } from './health-codes.schemas.ts';
import { healthFacts } from './health-codes.table.ts';
import { recolourPeople } from './recolour.ts';

/**
 * The fact interface other modules feed: testing (positive results, pending re-tests, missed
 * tests), tracing (contacts), quarantine (placements), areas and travel. Inserts the facts and
 * recolours their people in the caller's transaction. A fact with a sourceRef already recorded
 * for the same person and kind is not recorded twice.
 */
export interface FactRecord {
  personId: string;
  kind: FactKind;
  source: 'manual' | 'testing' | 'tracing' | 'quarantine' | 'areas' | 'travel';
  sourceRef?: string;
  validFrom: Date;
  validUntil?: Date | null;
  note?: string;
  recordedBy?: string;
}

export async function recordHealthFacts(tx: Executor, facts: FactRecord[], now: Date): Promise<string[]> {
  if (facts.length === 0) return [];
  const rows = await tx
    .insert(healthFacts)
    .values(facts.map((f) => ({ ...f, sourceRef: f.sourceRef ?? null, validUntil: f.validUntil ?? null, note: f.note ?? null, recordedBy: f.recordedBy ?? null })))
    .onConflictDoNothing()
    .returning({ id: healthFacts.id });
  await recolourPeople(tx, facts.map((f) => f.personId), now);
  return rows.map((r) => r.id);
}

/** Ends every open fact of a kind from a source for these people (a negative re-test, a lifted area). One statement for all of them. */
export async function endHealthFacts(tx: Executor, match: { personIds: string[]; kind: FactKind; source: FactRecord['source']; sourceRef?: string }, now: Date): Promise<number> {
  const personIds = [...new Set(match.personIds)];
  if (personIds.length === 0) return 0;
  const rows = await tx
    .update(healthFacts)
    .set({ endedAt: now })
    .where(and(inArray(healthFacts.personId, personIds), eq(healthFacts.kind, match.kind), eq(healthFacts.source, match.source), isNull(healthFacts.endedAt), match.sourceRef ? eq(healthFacts.sourceRef, match.sourceRef) : undefined))
    .returning({ id: healthFacts.id });
  await recolourPeople(tx, personIds, now);
  return rows.length;
}

const toFact = (r: typeof healthFacts.$inferSelect): Fact => ({
  id: r.id,
  personId: r.personId,
  kind: r.kind,
  source: r.source,
  sourceRef: r.sourceRef,
  validFrom: r.validFrom.toISOString(),
  validUntil: r.validUntil?.toISOString() ?? null,
  endedAt: r.endedAt?.toISOString() ?? null,
  note: r.note,
  recordedAt: r.recordedAt.toISOString(),
});

export async function listFacts(ctx: AppContext, opts: { actor: Actor; personId: string }): Promise<Fact[]> {
  await requirePersonAccess(ctx.db, opts.actor, opts.personId, 'people:read');
  const rows = await ctx.db.select().from(healthFacts).where(eq(healthFacts.personId, opts.personId)).orderBy(asc(healthFacts.validFrom));
  return rows.map(toFact);
}

/** Staff record a fact by hand, with a note of the evidence; audited, and the colour follows. */
export async function recordFact(ctx: AppContext, opts: { actor: Actor; personId: string; input: NewFact }): Promise<Fact> {
  const { staff, person } = await requirePersonAccess(ctx.db, opts.actor, opts.personId, 'health_facts:write');
  const now = ctx.clock.now();
  const validFrom = opts.input.validFrom ? new Date(opts.input.validFrom) : now;
  const validUntil = opts.input.validUntil ? new Date(opts.input.validUntil) : null;
  if (validUntil && validUntil <= validFrom) throw invalid('validUntil', 'must be after validFrom');
  if (validFrom.getTime() > now.getTime() + 86_400_000) throw invalid('validFrom', 'cannot be more than a day ahead');
  return ctx.db.transaction(async (tx) => {
    const [id] = await recordHealthFacts(tx, [{ personId: person.id, kind: opts.input.kind, source: 'manual', validFrom, validUntil, note: opts.input.note, recordedBy: staff.id }], now);
    await appendAudit(tx, staff, { action: 'health_fact.record', entityType: 'person', entityId: person.id, jurisdictionPath: person.path, reason: opts.input.note, details: { factId: id, kind: opts.input.kind } });
    const [row] = await tx.select().from(healthFacts).where(eq(healthFacts.id, id));
    return toFact(row);
  });
}

export async function endFact(ctx: AppContext, opts: { actor: Actor; factId: string; reason: string }): Promise<Fact> {
  const [fact] = await ctx.db.select().from(healthFacts).where(eq(healthFacts.id, opts.factId));
  if (!fact) throw notFound('Health fact');
  const { staff, person } = await requirePersonAccess(ctx.db, opts.actor, fact.personId, 'health_facts:write');
  if (fact.endedAt) throw invalid('factId', 'this fact has already ended');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(healthFacts).set({ endedAt: now }).where(eq(healthFacts.id, fact.id)).returning();
    await recolourPeople(tx, [fact.personId], now);
    await appendAudit(tx, staff, { action: 'health_fact.end', entityType: 'person', entityId: person.id, jurisdictionPath: person.path, reason: opts.reason, details: { factId: fact.id, kind: fact.kind } });
    return toFact(row);
  });
}

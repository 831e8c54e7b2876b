import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { activePolicy } from './active-policy.ts';
import { type Colour, deriveColour, type Reason } from './colour-policy.ts';
import { colourOverrides, healthCodes, healthFacts } from './health-codes.table.ts';

export interface CurrentCode {
  personId: string;
  pseudonym: string;
  colour: Colour;
  reasons: Reason[];
  greenAt: string | null;
  policyVersion: number;
  updatedAt: string;
}

/**
 * Recomputes the codes of these people from their facts and approved overrides under the active
 * policy, stores them, and records a colour change where the colour moved. Call it in the
 * transaction that changed their facts, so the colour never lags the facts.
 */
export async function recolourPeople(tx: Executor, personIds: string[], now: Date): Promise<Map<string, CurrentCode>> {
  const ids = [...new Set(personIds)];
  const out = new Map<string, CurrentCode>();
  if (ids.length === 0) return out;
  const policy = await activePolicy(tx);
  // One after another: a transaction is one connection, which runs one query at a time anyway.
  const facts = await tx.select().from(healthFacts).where(inArray(healthFacts.personId, ids));
  const overrides = await tx.select().from(colourOverrides).where(and(inArray(colourOverrides.personId, ids), eq(colourOverrides.status, 'approved')));
  const existing = await tx.select().from(healthCodes).where(inArray(healthCodes.personId, ids));
  const factsBy = groupBy(facts, (f) => f.personId);
  const overridesBy = groupBy(overrides, (o) => o.personId);
  const before = new Map(existing.map((c) => [c.personId, c]));

  const rows = ids.map((personId) => {
    const derived = deriveColour(
      policy,
      factsBy.get(personId) ?? [],
      (overridesBy.get(personId) ?? []).map((o) => ({ id: o.id, colour: o.colour as Colour, reason: o.reason, decidedAt: o.decidedAt!, validUntil: o.validUntil })),
      now,
    );
    const pseudonym = before.get(personId)?.pseudonym ?? randomBytes(16).toString('base64url');
    return { personId, pseudonym, ...derived };
  });

  await tx.execute(sql`
    insert into health_codes (person_id, pseudonym, colour, reasons, green_at, next_change_at, policy_version, updated_at)
    select * from unnest(${sql.param(rows.map((r) => r.personId))}::uuid[], ${sql.param(rows.map((r) => r.pseudonym))}::text[],
                         ${sql.param(rows.map((r) => r.colour))}::text[], ${sql.param(rows.map((r) => JSON.stringify(r.reasons)))}::jsonb[],
                         ${sql.param(rows.map((r) => r.greenAt?.toISOString() ?? null))}::timestamptz[],
                         ${sql.param(rows.map((r) => r.nextChangeAt?.toISOString() ?? null))}::timestamptz[],
                         ${sql.param(rows.map(() => policy.version))}::int[], ${sql.param(rows.map(() => now.toISOString()))}::timestamptz[])
    on conflict (person_id) do update set colour = excluded.colour, reasons = excluded.reasons, green_at = excluded.green_at,
      next_change_at = excluded.next_change_at, policy_version = excluded.policy_version, updated_at = excluded.updated_at`);

  const changed = rows.filter((r) => r.colour !== (before.get(r.personId)?.colour ?? 'green'));
  if (changed.length) {
    await tx.execute(sql`
      insert into colour_changes (person_id, from_colour, to_colour, reasons, policy_version, at)
      select * from unnest(${sql.param(changed.map((r) => r.personId))}::uuid[], ${sql.param(changed.map((r) => before.get(r.personId)?.colour ?? 'green'))}::text[],
                           ${sql.param(changed.map((r) => r.colour))}::text[], ${sql.param(changed.map((r) => JSON.stringify(r.reasons)))}::jsonb[],
                           ${sql.param(changed.map(() => policy.version))}::int[], ${sql.param(changed.map(() => now.toISOString()))}::timestamptz[])`);
  }
  for (const r of rows) {
    out.set(r.personId, {
      personId: r.personId,
      pseudonym: r.pseudonym,
      colour: r.colour,
      reasons: r.reasons,
      greenAt: r.greenAt?.toISOString() ?? null,
      policyVersion: policy.version,
      updatedAt: now.toISOString(),
    });
  }
  return out;
}

/**
 * A person's code as of now: the stored one while still valid, recomputed when a fact or
 * override has lapsed since, or the active policy changed. No access check: callers do that.
 */
export async function currentCode(db: Executor, personId: string, now: Date): Promise<CurrentCode> {
  const [row] = await db.select().from(healthCodes).where(eq(healthCodes.personId, personId));
  return freshOrRecoloured(db, personId, row, now);
}

/** The same, found by the pseudonym a token carries (one lookup on the verify path). */
export async function currentCodeByPseudonym(db: Executor, pseudonym: string, now: Date): Promise<CurrentCode | undefined> {
  const [row] = await db.select().from(healthCodes).where(eq(healthCodes.pseudonym, pseudonym));
  return row ? freshOrRecoloured(db, row.personId, row, now) : undefined;
}

async function freshOrRecoloured(db: Executor, personId: string, row: typeof healthCodes.$inferSelect | undefined, now: Date): Promise<CurrentCode> {
  const policy = await activePolicy(db);
  if (row && row.policyVersion === policy.version && (!row.nextChangeAt || row.nextChangeAt > now)) {
    return {
      personId,
      pseudonym: row.pseudonym,
      colour: row.colour as Colour,
      reasons: row.reasons as Reason[],
      greenAt: row.greenAt?.toISOString() ?? null,
      policyVersion: row.policyVersion,
      updatedAt: row.updatedAt.toISOString(),
    };
  }
  const codes = await db.transaction((tx) => recolourPeople(tx, [personId], now));
  return codes.get(personId)!;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = m.get(k);
    if (list) list.push(item);
    else m.set(k, [item]);
  }
  return m;
}

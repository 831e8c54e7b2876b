import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { ColourPolicy, ColourRule } from './colour-policy.ts';
import { colourPolicies } from './health-codes.table.ts';
import { NATIONAL_9_PRESET, SEEDS_PRESET } from './policy-presets.ts';

/** Installs the two presets on a new database: version 1 (seeds, active) and 2 (national 9th). */
export async function ensurePolicies(db: Executor): Promise<void> {
  const [any] = await db.select({ v: colourPolicies.version }).from(colourPolicies).limit(1);
  if (any) return;
  await db.insert(colourPolicies).values([
    { version: 1, name: SEEDS_PRESET.name, preset: 'seeds', rules: SEEDS_PRESET.rules, active: true },
    { version: 2, name: NATIONAL_9_PRESET.name, preset: 'national-9', rules: NATIONAL_9_PRESET.rules, active: false },
  ]);
}

// The active policy changes rarely and is read on every code lookup: it is kept for a few
// seconds per database (another process's switch shows within that; this one's at once).
const CACHE_MS = 5_000;
const cached = new WeakMap<object, { policy: ColourPolicy; until: number }>();

export async function activePolicy(db: Executor): Promise<ColourPolicy> {
  const hit = cached.get(db);
  if (hit && hit.until > Date.now()) return hit.policy;
  const [row] = await db.select().from(colourPolicies).where(eq(colourPolicies.active, true)).orderBy(desc(colourPolicies.version)).limit(1);
  if (!row) throw new Error('no active colour policy');
  const policy = hit?.policy.version === row.version ? hit.policy : { version: row.version, name: row.name, rules: row.rules as ColourRule[] };
  cached.set(db, { policy, until: Date.now() + CACHE_MS });
  return policy;
}

/** Forget the cached policy of this database (after activating another version). */
export function forgetActivePolicy(db: Executor): void {
  cached.delete(db);
}

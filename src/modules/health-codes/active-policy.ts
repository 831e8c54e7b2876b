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

// The active policy changes rarely; it is read on every recolour, so it is cached by version.
let cached: ColourPolicy | undefined;

export async function activePolicy(db: Executor): Promise<ColourPolicy> {
  const [row] = await db.select().from(colourPolicies).where(eq(colourPolicies.active, true)).orderBy(desc(colourPolicies.version)).limit(1);
  if (!row) throw new Error('no active colour policy');
  if (cached?.version !== row.version) cached = { version: row.version, name: row.name, rules: row.rules as ColourRule[] };
  return cached;
}

import { asc, eq, max, ne } from 'drizzle-orm';
import { requirePermission, type Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { appendAudit } from '../audit/audit.ts';
import type { ColourRule } from './colour-policy.ts';
import { colourPolicies } from './health-codes.table.ts';
import { forgetActivePolicy } from './active-policy.ts';

const toPolicy = (r: typeof colourPolicies.$inferSelect) => ({
  version: r.version,
  name: r.name,
  preset: r.preset,
  active: r.active,
  rules: r.rules as ColourRule[],
  createdAt: r.createdAt.toISOString(),
});

export async function listPolicies(ctx: AppContext, opts: { actor: Actor }) {
  requirePermission(opts.actor, 'people:read');
  return (await ctx.db.select().from(colourPolicies).orderBy(asc(colourPolicies.version))).map(toPolicy);
}

/** A new version from a full rule set; it takes effect only when activated. */
export async function createPolicy(ctx: AppContext, opts: { actor: Actor; name: string; rules: ColourRule[] }) {
  const staff = requirePermission(opts.actor, 'policies:manage');
  const kinds = opts.rules.map((r) => r.kind);
  const dup = kinds.find((k, i) => kinds.indexOf(k) !== i);
  if (dup) throw invalid('rules', `kind ${dup} appears twice`);
  return ctx.db.transaction(async (tx) => {
    const [{ latest }] = await tx.select({ latest: max(colourPolicies.version) }).from(colourPolicies);
    const [row] = await tx.insert(colourPolicies).values({ version: (latest ?? 0) + 1, name: opts.name, rules: opts.rules, active: false, createdBy: staff.id }).returning();
    await appendAudit(tx, staff, { action: 'policy.create', entityType: 'colour_policy', entityId: String(row.version), details: { name: opts.name } });
    return toPolicy(row);
  });
}

/**
 * Switches the whole city to another rule set at once. Codes are recomputed as they are next
 * read (each stored code remembers the version it was computed under).
 */
export async function activatePolicy(ctx: AppContext, opts: { actor: Actor; version: number; reason: string }) {
  const staff = requirePermission(opts.actor, 'policies:manage');
  const [target] = await ctx.db.select().from(colourPolicies).where(eq(colourPolicies.version, opts.version));
  if (!target) throw notFound('Policy version');
  if (target.active) throw new AppError('CONFLICT', 'This version is already active');
  const policy = await ctx.db.transaction(async (tx) => {
    await tx.update(colourPolicies).set({ active: false }).where(ne(colourPolicies.version, opts.version));
    const [row] = await tx.update(colourPolicies).set({ active: true }).where(eq(colourPolicies.version, opts.version)).returning();
    await appendAudit(tx, staff, { action: 'policy.activate', entityType: 'colour_policy', entityId: String(opts.version), reason: opts.reason, details: { name: target.name } });
    return toPolicy(row);
  });
  forgetActivePolicy(ctx.db);
  return policy;
}

import { requirePermission, type Actor, canReach } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import * as repo from './jurisdictions.repository.ts';
import type { Grid, Jurisdiction, JurisdictionDetail, JurisdictionQuery } from './jurisdictions.schemas.ts';

/**
 * Children of a node, a search, or (with neither) the caller's own root node. A node outside the
 * caller's subtree answers not-found.
 */
export async function listJurisdictions(ctx: AppContext, opts: JurisdictionQuery & { actor: Actor }): Promise<Jurisdiction[]> {
  const actor = requirePermission(opts.actor, 'jurisdictions:read');
  const limit = opts.limit ?? 200;
  if (opts.q) return repo.search(ctx.db, actor.scopePath, opts.q, opts.level, limit);
  if (!opts.parentId) return repo.listOne(ctx.db, actor.jurisdictionId);
  const parent = await repo.findById(ctx.db, opts.parentId);
  if (!parent || !canReach(actor, parent.path)) throw notFound('Jurisdiction');
  return repo.listChildren(ctx.db, parent.id, limit);
}

export async function getJurisdiction(ctx: AppContext, opts: { actor: Actor; id: string }): Promise<JurisdictionDetail> {
  const actor = requirePermission(opts.actor, 'jurisdictions:read');
  const row = await repo.findById(ctx.db, opts.id);
  if (!row || !canReach(actor, row.path)) throw notFound('Jurisdiction');
  const [item] = await repo.listOne(ctx.db, row.id);
  return { ...item, ancestors: await repo.ancestorsOf(ctx.db, row.path) };
}

export async function listGrids(ctx: AppContext, opts: { actor: Actor; communityId: string }): Promise<Grid[]> {
  const actor = requirePermission(opts.actor, 'jurisdictions:read');
  const community = await repo.findById(ctx.db, opts.communityId);
  if (!community || !canReach(actor, community.path)) throw notFound('Community');
  return repo.gridsOf(ctx.db, community.id);
}

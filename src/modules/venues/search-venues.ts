import { requirePermission, type Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { listScope } from '../jurisdictions/jurisdictions.repository.ts';
import * as repo from './venues.repository.ts';
import type { VenuesPage, VenuesQuery } from './venues.schemas.ts';

/** Lists venues under the caller's jurisdiction (or a node inside it), filtered and paged on the server. */
export async function searchVenues(ctx: AppContext, opts: VenuesQuery & { actor: Actor }): Promise<VenuesPage> {
  const actor = requirePermission(opts.actor, 'venues:read');
  const scopePath = await listScope(ctx.db, actor, opts.jurisdictionId);
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? 20;
  const { items, total } = await repo.searchVenues(ctx.db, { scopePath, q: opts.q, type: opts.type }, { offset: (page - 1) * pageSize, limit: pageSize });
  return { items, total, page, pageSize };
}

import { and, count, desc, eq, gte, like, lt, or, isNull, type SQL } from 'drizzle-orm';
import { requirePermission, type Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { escapeLike } from '../jurisdictions/jurisdictions.repository.ts';
import { auditLog } from './audit.table.ts';
import type { AuditQuery } from './audit.schemas.ts';

/**
 * Searches the trail, newest first. An auditor sees rows about their jurisdiction's subtree and
 * rows with no place (sign-ins); the city's auditor sees everything.
 */
export async function searchAudit(ctx: AppContext, { actor: caller, query: opts }: { actor: Actor; query: AuditQuery }) {
  const actor = requirePermission(caller, 'audit:read');
  const action = opts.action?.endsWith('*') ? like(auditLog.action, `${escapeLike(opts.action.slice(0, -1))}%`) : opts.action ? eq(auditLog.action, opts.action) : undefined;
  const filter: SQL | undefined = and(
    or(like(auditLog.jurisdictionPath, `${escapeLike(actor.scopePath)}%`), isNull(auditLog.jurisdictionPath)),
    opts.actor ? eq(auditLog.actorName, opts.actor) : undefined,
    action,
    opts.entityType ? eq(auditLog.entityType, opts.entityType) : undefined,
    opts.entityId ? eq(auditLog.entityId, opts.entityId) : undefined,
    opts.from ? gte(auditLog.at, new Date(opts.from).toISOString()) : undefined,
    opts.to ? lt(auditLog.at, new Date(opts.to).toISOString()) : undefined,
  );
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? 50;
  const [rows, [{ total }]] = await Promise.all([
    ctx.db.select().from(auditLog).where(filter).orderBy(desc(auditLog.id)).offset((page - 1) * pageSize).limit(pageSize),
    ctx.db.select({ total: count() }).from(auditLog).where(filter),
  ]);
  return {
    items: rows.map((r) => ({ id: r.id, at: new Date(r.at).toISOString(), actorName: r.actorName, actorRole: r.actorRole, ip: r.ip, action: r.action, entityType: r.entityType, entityId: r.entityId, reason: r.reason, details: r.details })),
    total,
    page,
    pageSize,
  };
}

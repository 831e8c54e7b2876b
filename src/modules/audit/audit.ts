import { desc, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { auditLog } from './audit.table.ts';
import { type AuditFields, GENESIS_HASH, chainHash } from './hash-chain.ts';

// Appends are serialised on this advisory lock so each row links to exactly one predecessor.
const AUDIT_LOCK = 7_274_001;

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  jurisdictionPath?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

function actorFields(actor: Actor): Pick<AuditFields, 'actorId' | 'actorName' | 'actorRole' | 'ip'> {
  if (actor.kind === 'staff') return { actorId: actor.id, actorName: actor.username, actorRole: actor.role, ip: actor.ip ?? null };
  if (actor.kind === 'citizen') return { actorId: null, actorName: `citizen:${actor.phone}`, actorRole: 'citizen', ip: actor.ip ?? null };
  return { actorId: null, actorName: actor.name, actorRole: 'system', ip: null };
}

/**
 * Writes one audit row. Call it inside the transaction of the change it records, so the change
 * and its audit row commit together or not at all.
 */
export async function appendAudit(tx: Executor, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields: AuditFields = {
    at: new Date().toISOString(),
    ...actorFields(actor),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    jurisdictionPath: entry.jurisdictionPath ?? null,
    reason: entry.reason ?? null,
    details: entry.details ?? {},
  };
  await tx.insert(auditLog).values({ ...fields, details: fields.details as object, prevHash, hash: chainHash(prevHash, fields) });
}

/** Audits in a transaction of its own (for events with no other write, such as a reveal). */
export async function recordAudit(db: Executor, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.transaction((tx) => appendAudit(tx, actor, entry));
}

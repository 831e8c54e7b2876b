import { asc, gt } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { auditLog } from './audit.table.ts';
import { type ChainCheck, GENESIS_HASH, verifyChain } from './hash-chain.ts';

/** Verifies the whole trail page by page, so a long trail never sits in memory at once. */
export async function verifyAuditTrail(db: Executor, pageSize = 5000): Promise<ChainCheck> {
  let prev = GENESIS_HASH;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.id, afterId)).orderBy(asc(auditLog.id)).limit(pageSize);
    if (rows.length === 0) return { ok: true, checked };
    const normalised = rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
    const result = verifyChain(normalised, prev);
    if (!result.ok) return { ...result, checked: checked + result.checked };
    checked += result.checked;
    prev = rows[rows.length - 1].hash;
    afterId = rows[rows.length - 1].id;
  }
}

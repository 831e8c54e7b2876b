import { createHash } from 'node:crypto';

/** The fields of an audit row that its hash covers. */
export interface AuditFields {
  at: string;
  actorId: string | null;
  actorName: string;
  actorRole: string;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  jurisdictionPath: string | null;
  reason: string | null;
  details: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function chainHash(prevHash: string, row: AuditFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(row)).digest('hex');
}

export type ChainCheck = { ok: true; checked: number } | { ok: false; checked: number; brokenAtId: number; reason: string };

/**
 * Walks rows in id order. `prev` is the hash the first row must point at (the genesis hash at
 * the start of the trail, or the last verified hash when checking page by page).
 */
export function verifyChain(
  rows: Array<AuditFields & { id: number; prevHash: string; hash: string }>,
  prev: string = GENESIS_HASH,
): ChainCheck {
  let checked = 0;
  for (const row of rows) {
    if (row.prevHash !== prev) return { ok: false, checked, brokenAtId: row.id, reason: 'link to the previous row is broken' };
    const { id: _id, prevHash: _p, hash, ...fields } = row;
    if (chainHash(prev, fields) !== hash) return { ok: false, checked, brokenAtId: row.id, reason: 'row content does not match its hash' };
    prev = hash;
    checked++;
  }
  return { ok: true, checked };
}

import type { Executor } from '../../db/client.ts';
import { canReach, type StaffActor } from '../../platform/access.ts';
import { findByCodes, findById } from '../jurisdictions/jurisdictions.repository.ts';
import type { Placement } from './upsert-people.ts';

/**
 * Resolves jurisdiction codes to placements the actor may write to, caching across batches.
 * A code that is unknown or outside the actor's subtree resolves to undefined.
 */
export function placementResolver(db: Executor, actor: StaffActor) {
  const cache = new Map<string, Placement | undefined>();
  let own: Placement | undefined;
  return {
    async own(): Promise<Placement> {
      if (!own) {
        const node = await findById(db, actor.jurisdictionId);
        own = { jurisdictionId: node!.id, jurisdictionPath: node!.path, householdId: node!.level === 'household' ? node!.id : null };
      }
      return own;
    },
    async load(codes: string[]): Promise<void> {
      const missing = [...new Set(codes)].filter((c) => !cache.has(c));
      if (missing.length === 0) return;
      const found = new Map((await findByCodes(db, missing)).map((n) => [n.code, n]));
      if (cache.size > 200_000) cache.clear();
      for (const code of missing) {
        const n = found.get(code);
        cache.set(code, n && canReach(actor, n.path) ? { jurisdictionId: n.id, jurisdictionPath: n.path, householdId: n.level === 'household' ? n.id : null } : undefined);
      }
    },
    get: (code: string) => cache.get(code),
  };
}

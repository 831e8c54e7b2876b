import type { Executor } from '../../db/client.ts';
import { canReach, type StaffActor } from '../../platform/access.ts';
import { invalid } from '../../platform/errors.ts';
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

/**
 * Where one record submitted through a form goes: the named jurisdiction (a 400 naming
 * `jurisdictionCode` when it is unknown or outside the actor's subtree), or, with no code, the
 * actor's own node.
 */
export async function placeOne(db: Executor, actor: StaffActor, code: string | null | undefined): Promise<Placement> {
  const places = placementResolver(db, actor);
  if (!code) return places.own();
  await places.load([code]);
  const placement = places.get(code);
  if (!placement) throw invalid('jurisdictionCode', 'unknown, or outside your jurisdiction');
  return placement;
}

import type { Executor } from '../../db/client.ts';
import { canReach, requirePermission, type Actor, type Permission, type StaffActor } from '../../platform/access.ts';
import { notFound } from '../../platform/errors.ts';
import { findPersonRef } from './people.repository.ts';

/**
 * For use cases about one person: the actor holds the permission and the person lies in the
 * actor's subtree; otherwise not-found (403 only for the missing permission itself).
 */
export async function requirePersonAccess(db: Executor, actor: Actor, personId: string, permission: Permission) {
  const staff: StaffActor = requirePermission(actor, permission);
  const person = await findPersonRef(db, personId);
  if (!person || !canReach(staff, person.path)) throw notFound('Person');
  return { staff, person };
}

/** For citizen use cases: the person must carry the signed-in citizen's phone. */
export async function requireCitizenPerson(db: Executor, actor: Actor, personId: string) {
  const person = actor.kind === 'citizen' ? await findPersonRef(db, personId) : undefined;
  if (!person || actor.kind !== 'citizen' || person.phone !== actor.phone) throw notFound('Person');
  return { citizen: actor, person };
}

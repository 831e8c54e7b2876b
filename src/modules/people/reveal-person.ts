import { requirePermission, type Actor, canReach } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { appendAudit } from '../audit/audit.ts';
import { findSecret } from './people.repository.ts';
import type { Revealed } from './people.schemas.ts';

/**
 * The only way a full document number leaves the server: a permitted caller, a written reason,
 * and an audit row committed before the value is returned.
 */
export async function revealPerson(ctx: AppContext, opts: { actor: Actor; id: string; reason: string }): Promise<Revealed> {
  const actor = requirePermission(opts.actor, 'people:reveal');
  const secret = await findSecret(ctx.db, opts.id);
  if (!secret || !canReach(actor, secret.path)) throw notFound('Person');
  await ctx.db.transaction((tx) =>
    appendAudit(tx, actor, {
      action: 'person.reveal',
      entityType: 'person',
      entityId: opts.id,
      jurisdictionPath: secret.path,
      reason: opts.reason.trim(),
      details: { fields: ['idNumber', 'phone'] },
    }),
  );
  return { idNumber: ctx.keys.decrypt(secret.cipher), phone: secret.phone };
}

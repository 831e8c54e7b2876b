import { asc, desc, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { requirePersonAccess } from '../people/person-access.ts';
import { findByPhone } from '../people/people.repository.ts';
import type { Reason } from './colour-policy.ts';
import type { CodeView } from './health-codes.schemas.ts';
import { citizenNotices, colourChanges } from './health-codes.table.ts';
import { currentCode, type CurrentCode } from './recolour.ts';

const view = (c: CurrentCode): CodeView => ({ personId: c.personId, colour: c.colour, reasons: c.reasons, greenAt: c.greenAt, policyVersion: c.policyVersion, updatedAt: c.updatedAt });

async function history(ctx: AppContext, personId: string) {
  const rows = await ctx.db.select().from(colourChanges).where(eq(colourChanges.personId, personId)).orderBy(desc(colourChanges.at)).limit(100);
  return rows.map((r) => ({ at: r.at.toISOString(), fromColour: r.fromColour, toColour: r.toColour, reasons: r.reasons as Reason[], policyVersion: r.policyVersion }));
}

export async function personCode(ctx: AppContext, opts: { actor: Actor; personId: string }) {
  await requirePersonAccess(ctx.db, opts.actor, opts.personId, 'people:read');
  return view(await currentCode(ctx.db, opts.personId, ctx.clock.now()));
}

export async function personColourHistory(ctx: AppContext, opts: { actor: Actor; personId: string }) {
  await requirePersonAccess(ctx.db, opts.actor, opts.personId, 'people:read');
  return history(ctx, opts.personId);
}

/**
 * Everything a citizen sees about the codes of the people registered with their phone (a parent
 * holds their children's): colour, why, when it turns green, the history, and notices.
 */
export async function citizenCodes(ctx: AppContext, opts: { actor: Actor }) {
  if (opts.actor.kind !== 'citizen') throw new AppError('FORBIDDEN', 'Citizen sign-in required');
  const now = ctx.clock.now();
  const persons = await findByPhone(ctx.db, opts.actor.phone);
  return Promise.all(
    persons.map(async (p) => ({
      person: { id: p.id, name: p.name, idNumberMasked: p.idNumberMasked },
      code: view(await currentCode(ctx.db, p.id, now)),
      history: await history(ctx, p.id),
      notices: (await ctx.db.select().from(citizenNotices).where(eq(citizenNotices.personId, p.id)).orderBy(asc(citizenNotices.createdAt))).map((n) => ({
        kind: n.kind,
        message: n.message as { zh: string; en: string },
        at: n.createdAt.toISOString(),
      })),
    })),
  );
}

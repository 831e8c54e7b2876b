import { requirePermission, type Actor, canReach } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { ancestorsOf, listScope } from '../jurisdictions/jurisdictions.repository.ts';
import { normalizeDocumentNumber } from './id-number.ts';
import { checkPhone } from './phone.ts';
import * as repo from './people.repository.ts';
import type { PeoplePage, PeopleQuery, PersonDetail } from './people.schemas.ts';

/** Lists people under the caller's jurisdiction (or a node inside it), filtered on the server. */
export async function searchPeople(ctx: AppContext, opts: PeopleQuery & { actor: Actor }): Promise<PeoplePage> {
  const actor = requirePermission(opts.actor, 'people:read');
  const scopePath = await listScope(ctx.db, actor, opts.jurisdictionId);
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? 20;
  const phone = opts.phone ? checkPhone(opts.phone) : undefined;
  const { items, total } = await repo.searchPeople(
    ctx.db,
    {
      scopePath,
      namePrefix: opts.q?.trim(),
      idNumberHash: opts.idNumber ? ctx.keys.lookupHash(normalizeDocumentNumber(opts.idNumber)) : undefined,
      phone: phone ? (phone.ok ? phone.phone : opts.phone) : undefined,
      group: opts.group,
      residency: opts.residency,
    },
    { offset: (page - 1) * pageSize, limit: pageSize, sort: opts.sort ?? 'name' },
  );
  return { items, total, page, pageSize };
}

export async function getPerson(ctx: AppContext, opts: { actor: Actor; id: string }): Promise<PersonDetail> {
  const actor = requirePermission(opts.actor, 'people:read');
  const person = await repo.findPerson(ctx.db, opts.id);
  if (!person || !canReach(actor, person.jurisdictionPath)) throw notFound('Person');
  const ancestors = await ancestorsOf(ctx.db, person.jurisdictionPath);
  return { ...repo.stripPath(person), ancestors };
}

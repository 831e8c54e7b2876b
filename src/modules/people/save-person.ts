import { eq } from 'drizzle-orm';
import { requirePermission, type Actor, canReach } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { appendAudit } from '../audit/audit.ts';
import { checkPhone } from './phone.ts';
import { findPerson, stripPath } from './people.repository.ts';
import type { NewPerson, Person, PersonChanges } from './people.schemas.ts';
import { people } from './people.table.ts';
import { isFieldError, validatePerson } from './person-input.ts';
import { placeOne } from './place-person.ts';
import { upsertPeople } from './upsert-people.ts';

// Form fields are camelCase; validatePerson speaks the CSV's column names.
const FIELD = { id_number: 'idNumber', document_type: 'documentType', unit_code: 'jurisdictionCode' } as Record<string, string>;

export async function createPerson(ctx: AppContext, opts: { actor: Actor; input: NewPerson }): Promise<Person> {
  const actor = requirePermission(opts.actor, 'people:write');
  const valid = validatePerson(opts.input, ctx.clock.now());
  if (isFieldError(valid)) throw invalid(FIELD[valid.field] ?? valid.field, valid.reason);
  const placement = await placeOne(ctx.db, actor, valid.jurisdictionCode);
  const existing = await ctx.db.select({ id: people.id }).from(people).where(eq(people.idNumberHash, ctx.keys.lookupHash(valid.idNumber)));
  if (existing.length) throw new AppError('CONFLICT', 'idNumber: a person with this document number is already registered', 'idNumber');
  await upsertPeople(ctx.database, ctx.keys, [{ person: valid, placement }], actor.scopePath);
  const [row] = await ctx.db.select({ id: people.id }).from(people).where(eq(people.idNumberHash, ctx.keys.lookupHash(valid.idNumber)));
  await ctx.db.transaction((tx) =>
    appendAudit(tx, actor, { action: 'person.create', entityType: 'person', entityId: row.id, jurisdictionPath: placement.jurisdictionPath, details: { name: valid.name } }),
  );
  return stripPath((await findPerson(ctx.db, row.id))!);
}

export async function updatePerson(ctx: AppContext, opts: { actor: Actor; id: string; changes: PersonChanges }): Promise<Person> {
  const actor = requirePermission(opts.actor, 'people:write');
  const before = await findPerson(ctx.db, opts.id);
  if (!before || !canReach(actor, before.jurisdictionPath)) throw notFound('Person');
  const c = opts.changes;
  const set: Partial<typeof people.$inferInsert> = { updatedAt: ctx.clock.now() };
  if (c.name !== undefined) {
    if (!c.name.trim()) throw invalid('name', 'must not be empty');
    set.name = c.name.trim();
  }
  if (c.phone !== undefined) {
    const phone = checkPhone(c.phone);
    if (!phone.ok) throw invalid('phone', phone.reason);
    set.phone = phone.phone;
  }
  if (c.address !== undefined) set.address = c.address.trim() || null;
  if (c.residency !== undefined) set.residency = c.residency;
  if (c.groups !== undefined) set.groups = [...new Set(c.groups)];
  if (c.jurisdictionCode !== undefined) {
    Object.assign(set, await placeOne(ctx.db, actor, c.jurisdictionCode));
  }
  await ctx.db.transaction(async (tx) => {
    await tx.update(people).set(set).where(eq(people.id, opts.id));
    const { updatedAt: _u, ...changed } = set;
    await appendAudit(tx, actor, {
      action: 'person.update',
      entityType: 'person',
      entityId: opts.id,
      jurisdictionPath: before.jurisdictionPath,
      // Field names only: the audit trail must not become a second copy of personal data.
      details: { fields: Object.keys(changed) },
    });
  });
  return stripPath((await findPerson(ctx.db, opts.id))!);
}

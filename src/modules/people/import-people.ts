import type { Readable } from 'node:stream';
import { requirePermission, type Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { type CsvImportSpec, type Rejection, type RowOutcome, runCsvImport } from '../../platform/csv-import.ts';
import { isFieldError, validatePerson, type ValidPerson } from './person-input.ts';
import { placementResolver } from './place-person.ts';
import { upsertPeople } from './upsert-people.ts';

export const PEOPLE_REQUIRED = ['id_number', 'name', 'phone'] as const;
export const PEOPLE_OPTIONAL = ['document_type', 'unit_code', 'address', 'residency', 'groups'] as const;

/**
 * People CSV: a row whose document number is already registered updates that person, so
 * importing the same file twice changes nothing. Rows go in 2,000 at a time.
 */
export async function importPeople(ctx: AppContext, opts: { actor: Actor; input: Readable; fileName?: string }) {
  const actor = requirePermission(opts.actor, 'people:import');
  const places = placementResolver(ctx.db, actor);
  const today = ctx.clock.now();
  const spec: CsvImportSpec<ValidPerson> = {
    kind: 'people',
    required: PEOPLE_REQUIRED,
    optional: PEOPLE_OPTIONAL,
    batchSize: 2000,
    key: (p) => p.idNumber,
    parse(row): ValidPerson | Rejection {
      const v = validatePerson(
        {
          name: row.name,
          documentType: row.document_type,
          idNumber: row.id_number,
          phone: row.phone,
          jurisdictionCode: row.unit_code,
          address: row.address,
          residency: row.residency,
          groups: row.groups ? row.groups.split(/[;；|]/).map((g) => g.trim()).filter(Boolean) : [],
        },
        today,
      );
      return isFieldError(v) ? { column: v.field, reason: v.reason } : v;
    },
    async flush(batch) {
      await places.load(batch.flatMap((p) => (p.jurisdictionCode ? [p.jurisdictionCode] : [])));
      const own = await places.own();
      const outcomes: RowOutcome[] = new Array(batch.length);
      const writable: Array<{ i: number; person: ValidPerson; placement: typeof own }> = [];
      batch.forEach((person, i) => {
        const placement = person.jurisdictionCode ? places.get(person.jurisdictionCode) : own;
        if (!placement) outcomes[i] = { column: 'unit_code', reason: `unknown jurisdiction code ${person.jurisdictionCode}, or outside your jurisdiction` };
        else writable.push({ i, person, placement });
      });
      const written = await upsertPeople(ctx.database, ctx.keys, writable, actor.scopePath);
      written.forEach((o, k) => {
        outcomes[writable[k].i] = o === 'outside' ? { column: 'id_number', reason: 'this person is registered outside your jurisdiction' } : o;
      });
      return outcomes;
    },
  };
  return runCsvImport(ctx, actor, opts.input, spec, opts.fileName);
}

import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { requirePermission, type Actor, canReach, type StaffActor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { type CsvImportSpec, type Rejection, type RowOutcome, runCsvImport } from '../../platform/csv-import.ts';
import { checkDivisionCode, childPath, LEVELS, type Level } from './division-code.ts';
import { findByCodes, type JurisdictionRow } from './jurisdictions.repository.ts';
import { jurisdictions } from './jurisdictions.table.ts';

interface NodeRow {
  code: string;
  name: string;
  level: Level;
  parentCode: string | null;
}

/**
 * CSV `code,name,level,parent_code`: parents must come before their children (in the file or
 * already in the database). A known code updates the node's name; its place cannot move.
 */
export function jurisdictionImportSpec(ctx: AppContext, actor: StaffActor): CsvImportSpec<NodeRow> {
  return {
    kind: 'jurisdictions',
    required: ['code', 'name', 'level'],
    optional: ['parent_code'],
    batchSize: 1000,
    key: (r) => r.code,
    parse(row): NodeRow | Rejection {
      if (!row.code) return { column: 'code', reason: 'is required' };
      if (!row.name) return { column: 'name', reason: 'is required' };
      if (row.name.length > 100) return { column: 'name', reason: 'must be at most 100 characters' };
      if (!(LEVELS as readonly string[]).includes(row.level)) return { column: 'level', reason: `must be one of ${LEVELS.join(', ')}` };
      return { code: row.code, name: row.name, level: row.level as Level, parentCode: row.parent_code || null };
    },
    async flush(batch) {
      // Parents may be earlier rows of this batch, so rows are checked and written one level at a time.
      const known = new Map<string, JurisdictionRow>();
      for (const r of await findByCodes(ctx.db, [...new Set(batch.flatMap((r) => [r.code, r.parentCode ?? '']).filter(Boolean))])) known.set(r.code, r);
      const outcomes: RowOutcome[] = new Array(batch.length);
      const order = batch.map((_, i) => i).sort((a, b) => LEVELS.indexOf(batch[a].level) - LEVELS.indexOf(batch[b].level));
      await ctx.db.transaction(async (tx) => {
        for (const i of order) {
          const r = batch[i];
          const parent = r.parentCode ? known.get(r.parentCode) : undefined;
          if (r.parentCode && !parent) {
            outcomes[i] = { column: 'parent_code', reason: `unknown parent ${r.parentCode}` };
            continue;
          }
          const check = checkDivisionCode(r.code, r.level, parent ? { code: parent.code, level: parent.level as Level } : undefined);
          if (!check.ok) {
            outcomes[i] = { column: 'code', reason: check.reason };
            continue;
          }
          const path = childPath(parent?.path, r.code);
          if (!canReach(actor, path) || path === actor.scopePath) {
            outcomes[i] = { column: 'code', reason: 'lies outside your jurisdiction' };
            continue;
          }
          const existing = known.get(r.code);
          if (existing) {
            if (existing.path !== path || existing.level !== r.level) {
              outcomes[i] = { column: 'parent_code', reason: 'an existing node cannot change its level or parent' };
              continue;
            }
            await tx.update(jurisdictions).set({ name: r.name }).where(eq(jurisdictions.id, existing.id));
            outcomes[i] = 'updated';
            continue;
          }
          const [row] = await tx
            .insert(jurisdictions)
            .values({ code: r.code, name: r.name, level: r.level, parentId: parent?.id ?? null, path, depth: path.split('/').length - 3 })
            .returning();
          known.set(row.code, row);
          outcomes[i] = 'imported';
        }
      });
      return outcomes;
    },
  };
}

export async function importJurisdictions(ctx: AppContext, opts: { actor: Actor; input: Readable; fileName?: string }) {
  const actor = requirePermission(opts.actor, 'jurisdictions:write');
  return runCsvImport(ctx, actor, opts.input, jurisdictionImportSpec(ctx, actor), opts.fileName);
}

import { and, count, desc, eq, sql } from 'drizzle-orm';
import { requirePermission, type Actor } from '../../../platform/access.ts';
import type { AppContext } from '../../../platform/context.ts';
import { within } from '../../jurisdictions/jurisdictions.repository.ts';
import { people } from '../../people/people.table.ts';
import { maskName } from '../../venues/venue-input.ts';
import { tubeMembers } from '../sampling.table.ts';
import { testResults } from '../testing.table.ts';
import type { RecallsPage } from './results.schemas.ts';

/**
 * People to sample again: members of a tube the lab found invalid, until they have been sampled
 * again (put in a later tube) or have a later result. In the account's jurisdiction, newest first.
 */
export async function listRecalls(ctx: AppContext, opts: { actor: Actor; page?: number; pageSize?: number }): Promise<RecallsPage> {
  const actor = requirePermission(opts.actor, 'results:read');
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? 50;
  const where = and(
    eq(testResults.source, 'lab'),
    eq(testResults.result, 'invalid'),
    within(people.jurisdictionPath, actor.scopePath),
    sql`not exists (select 1 from ${tubeMembers} tm where tm.person_id = ${testResults.personId} and tm.sampled_at > ${testResults.sampledAt})`,
    sql`not exists (select 1 from ${testResults} later where later.person_id = ${testResults.personId} and later.sampled_at > ${testResults.sampledAt})`,
  );
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select({
        personId: people.id,
        name: people.name,
        idNumberMasked: people.idNumberMasked,
        jurisdictionPath: people.jurisdictionPath,
        barcode: testResults.sourceRef,
        sampledAt: testResults.sampledAt,
        reportedAt: testResults.reportedAt,
      })
      .from(testResults)
      .innerJoin(people, eq(people.id, testResults.personId))
      .where(where)
      .orderBy(desc(testResults.reportedAt), desc(testResults.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ctx.db.select({ total: count() }).from(testResults).innerJoin(people, eq(people.id, testResults.personId)).where(where),
  ]);
  return {
    items: rows.map((r) => ({
      personId: r.personId,
      nameMasked: maskName(r.name),
      idNumberMasked: r.idNumberMasked,
      jurisdictionPath: r.jurisdictionPath,
      barcode: r.barcode ?? '',
      sampledAt: r.sampledAt.toISOString(),
      reportedAt: r.reportedAt.toISOString(),
    })),
    total,
    page,
    pageSize,
  };
}

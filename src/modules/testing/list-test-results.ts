import { count, desc, eq } from 'drizzle-orm';
import { requirePermission, type Actor, canReach } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { people } from '../people/people.table.ts';
import { testResults } from './testing.table.ts';
import type { TestResultsPage } from './testing.schemas.ts';

/** A person's test results, newest sample first; the person must lie in the caller's jurisdiction. */
export async function listTestResults(ctx: AppContext, opts: { actor: Actor; personId: string; page?: number; pageSize?: number }): Promise<TestResultsPage> {
  const actor = requirePermission(opts.actor, 'people:read');
  const [person] = await ctx.db.select({ id: people.id, path: people.jurisdictionPath }).from(people).where(eq(people.id, opts.personId));
  if (!person || !canReach(actor, person.path)) throw notFound('Person');
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? 50;
  const [rows, [{ total }]] = await Promise.all([
    ctx.db
      .select()
      .from(testResults)
      .where(eq(testResults.personId, person.id))
      .orderBy(desc(testResults.sampledAt), desc(testResults.id))
      .offset((page - 1) * pageSize)
      .limit(pageSize),
    ctx.db.select({ total: count() }).from(testResults).where(eq(testResults.personId, person.id)),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      personId: r.personId,
      kind: r.kind,
      result: r.result,
      sampledAt: r.sampledAt.toISOString(),
      reportedAt: r.reportedAt.toISOString(),
      source: r.source,
    })),
    total,
    page,
    pageSize,
  };
}

import { sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import { recordAudit } from '../modules/audit/audit.ts';
import { recordHealthFacts } from '../modules/health-codes/facts.ts';
import { chunks, endMissedTestFacts, scheduleRef } from '../modules/testing/schedules/missed-test-facts.ts';

export const MISSED_TESTS_ACTOR = { kind: 'system', name: 'missed-tests' } as const;

interface ScheduleRow {
  id: string;
  group: string;
  kind: string;
  every_hours: number;
  path: string;
  created_at: Date | string;
  active: boolean;
}

/**
 * The people of a schedule who have missed its test: in its group, under its area, and whose
 * latest test result of its kind (any result; by sampled_at) is older than `every_hours`, the
 * clock starting no earlier than the schedule's creation — `missedTest` (missed-test.ts) in SQL.
 * Parameters: $1 path, $2 group, $3 kind, $4 created_at, $5 every_hours, $6 now, $7 active, $8 sourceRef.
 */
const MISSED = `
  select p.id as person_id, greatest(l.last, $4::timestamptz) + make_interval(hours => $5::int) as due_at
    from people p
    left join lateral (select max(t.sampled_at) as last from test_results t where t.person_id = p.id and t.kind = $3) l on true
   where $7::boolean and starts_with(p.jurisdiction_path, $1) and p.groups @> array[$2::text]
     and greatest(l.last, $4::timestamptz) + make_interval(hours => $5::int) < $6::timestamptz`;

/**
 * Hourly (at the start of each hour): for every test schedule, the people of its group under its
 * area who have missed its test get a `missed_required_test` fact (yellow; source `testing`,
 * sourceRef `schedule:<id>`), and those whose fact is open but who are no longer late — they
 * were tested since, left the group or the area, or the schedule was deactivated — get it ended
 * (green again when nothing else holds them). So a new test result clears the yellow at the next
 * run, not at once. Both sides are found with one set-based query per schedule and written 1,000
 * people per transaction. Idempotent and safe from several processes: a fact is unique per
 * (source, source_ref, kind, person); one that was ended and is missed again is reopened.
 */
export async function checkMissedTests(ctx: AppContext): Promise<{ schedules: number; flagged: number; cleared: number }> {
  const now = ctx.clock.now();
  const schedules = await ctx.database.query<ScheduleRow>(
    `select s.id, s."group", s.kind, s.every_hours, s.jurisdiction_path as path, s.created_at, s.active
       from test_schedules s
      where s.active or exists (select 1 from health_facts f where f.source = 'testing' and f.source_ref = 'schedule:' || s.id::text
                                   and f.kind = 'missed_required_test' and f.ended_at is null)
      order by s.created_at`,
  );
  let flagged = 0;
  let cleared = 0;
  for (const s of schedules) {
    const ref = scheduleRef(s.id);
    const params = [s.path, s.group, s.kind, new Date(s.created_at).toISOString(), s.every_hours, now.toISOString(), s.active, ref];
    const open = `select 1 from health_facts f where f.person_id = %s and f.source = 'testing' and f.source_ref = $8 and f.kind = 'missed_required_test' and f.ended_at is null`;
    const [late, back] = await Promise.all([
      ctx.database.query<{ person_id: string; due_at: Date | string }>(`select m.person_id, m.due_at from (${MISSED}) m where not exists (${open.replace('%s', 'm.person_id')})`, params),
      ctx.database.query<{ person_id: string }>(
        `select f.person_id from health_facts f
          where f.source = 'testing' and f.source_ref = $8 and f.kind = 'missed_required_test' and f.ended_at is null
            and f.person_id not in (select m.person_id from (${MISSED}) m)`,
        params,
      ),
    ]);
    for (const batch of chunks(late)) {
      await ctx.db.transaction(async (tx) => {
        const ids = batch.map((r) => r.person_id);
        const dues = batch.map((r) => new Date(r.due_at).toISOString());
        // Missed again after an earlier fact was ended: the unique index keeps one fact per person and schedule, so reopen it.
        await tx.execute(sql`
          update health_facts f set ended_at = null, valid_from = d.due_at
            from unnest(${sql.param(ids)}::uuid[], ${sql.param(dues)}::timestamptz[]) as d(person_id, due_at)
           where f.person_id = d.person_id and f.source = 'testing' and f.source_ref = ${ref} and f.kind = 'missed_required_test' and f.ended_at is not null`);
        await recordHealthFacts(
          tx,
          batch.map((r, i) => ({ personId: r.person_id, kind: 'missed_required_test' as const, source: 'testing' as const, sourceRef: ref, validFrom: new Date(dues[i]), note: `${s.kind} every ${s.every_hours} h (${s.group})` })),
          now,
        );
      });
    }
    if (back.length) await ctx.db.transaction((tx) => endMissedTestFacts(tx, s.id, back.map((r) => r.person_id), now));
    if (late.length || back.length) {
      await recordAudit(ctx.db, MISSED_TESTS_ACTOR, {
        action: 'test_schedule.check',
        entityType: 'test_schedule',
        entityId: s.id,
        jurisdictionPath: s.path,
        details: { flagged: late.length, cleared: back.length },
      });
    }
    flagged += late.length;
    cleared += back.length;
  }
  return { schedules: schedules.length, flagged, cleared };
}

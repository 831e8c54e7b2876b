/**
 * Whether a person of a scheduled group has missed their required test. The clock starts at the
 * later of the schedule's creation and the person's latest test of the schedule's kind (its
 * sampled_at); the test is missed once more than `everyHours` have passed since then. Exactly
 * `everyHours` later is still on time. A test sampled before the schedule existed does not move
 * the start earlier: nobody is late for a schedule younger than its interval.
 */
export interface ScheduleRule {
  everyHours: number;
  createdAt: Date;
}

export interface MissedTest {
  missed: boolean;
  /** When the next test is due (the person is late after this moment). */
  dueAt: Date;
}

const HOUR = 3_600_000;

export function missedTest(schedule: ScheduleRule, lastSampledAt: Date | null, now: Date): MissedTest {
  if (!(schedule.everyHours > 0)) throw new RangeError('everyHours must be positive');
  const from = Math.max(schedule.createdAt.getTime(), lastSampledAt?.getTime() ?? -Infinity);
  const dueAt = new Date(from + schedule.everyHours * HOUR);
  return { missed: now.getTime() > dueAt.getTime(), dueAt };
}

import { cityDate } from '../../platform/city-day.ts';

/**
 * The clocks of a positive-pool follow-up (追阳): re-tests within 6 hours of the pool result, the
 * whole chain closed within 12 (the seed city's rule; the national one is 24). Pure.
 */
export interface FollowUpPolicy {
  retestHours: number;
  closeHours: number;
  /** Each further breach of this many hours past the close deadline escalates one level. */
  escalateEveryHours: number;
}
export const SEEDS_FOLLOW_UP: FollowUpPolicy = { retestHours: 6, closeHours: 12, escalateEveryHours: 2 };
export const NATIONAL_FOLLOW_UP: FollowUpPolicy = { retestHours: 12, closeHours: 24, escalateEveryHours: 4 };

export function followUpDeadlines(openedAt: Date, policy: FollowUpPolicy = SEEDS_FOLLOW_UP) {
  return {
    retestDueAt: new Date(openedAt.getTime() + policy.retestHours * 3_600_000),
    closeDueAt: new Date(openedAt.getTime() + policy.closeHours * 3_600_000),
  };
}

export type FollowUpState = 'on_time' | 'retest_overdue' | 'close_overdue' | 'closed_on_time' | 'closed_late';

/**
 * Where a follow-up stands at `now`: its age, whether a deadline has passed, and how many levels
 * up the jurisdiction tree it should have been escalated (0: not at all; 1: the street above the
 * community; 2: the district; …).
 */
export function followUpState(
  f: { openedAt: Date; retestDueAt: Date; closeDueAt: Date; closedAt: Date | null; allRetestsTaken: boolean },
  now: Date,
  policy: FollowUpPolicy = SEEDS_FOLLOW_UP,
): { state: FollowUpState; ageHours: number; escalationLevel: number } {
  const end = f.closedAt ?? now;
  const ageHours = Math.round(((end.getTime() - f.openedAt.getTime()) / 3_600_000) * 100) / 100;
  if (f.closedAt) return { state: f.closedAt <= f.closeDueAt ? 'closed_on_time' : 'closed_late', ageHours, escalationLevel: 0 };
  if (now >= f.closeDueAt) {
    const over = (now.getTime() - f.closeDueAt.getTime()) / 3_600_000;
    return { state: 'close_overdue', ageHours, escalationLevel: 1 + Math.floor(over / policy.escalateEveryHours) };
  }
  if (now >= f.retestDueAt && !f.allRetestsTaken) return { state: 'retest_overdue', ageHours, escalationLevel: 1 };
  return { state: 'on_time', ageHours, escalationLevel: 0 };
}

/**
 * Daily clearance (日清零) for follow-ups: of those opened on a day, how many were closed on
 * that same day (in the city's time zone, UTC+8).
 */
export function dailyClearance(followUps: Array<{ openedAt: Date; closedAt: Date | null }>, day: string): { opened: number; closedSameDay: number; cleared: boolean } {
  const opened = followUps.filter((f) => cityDate(f.openedAt) === day);
  const closedSameDay = opened.filter((f) => f.closedAt && cityDate(f.closedAt) === day).length;
  return { opened: opened.length, closedSameDay, cleared: closedSameDay === opened.length };
}

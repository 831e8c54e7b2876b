import { cityDate, startOfCityDay } from '../../platform/city-day.ts';

/**
 * Case rules: what a case is, how it is classified and what it means for the code. Pure: no I/O.
 */
export const CLASSIFICATIONS = ['confirmed', 'asymptomatic', 'suspected'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const SEVERITIES = ['mild', 'moderate', 'severe', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** `excluded`: the case was ruled out (a false positive); its colour facts end. */
export const OUTCOMES = ['under_treatment', 'recovered', 'died', 'excluded'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const ORIGINS = ['local', 'imported', 'unknown'] as const;
export type Origin = (typeof ORIGINS)[number];

/** The health fact a case holds on its person while it is open; a suspected case holds none of its own (its positive result, if any, is red already). */
export function caseFactKind(classification: Classification): 'confirmed_case' | 'asymptomatic_case' | null {
  if (classification === 'confirmed') return 'confirmed_case';
  if (classification === 'asymptomatic') return 'asymptomatic_case';
  return null;
}

/** Allowed changes of the outcome: a closed outcome is final, except that any can be corrected back to treatment. */
export function canChangeOutcome(from: Outcome, to: Outcome): boolean {
  if (from === to) return false;
  return from === 'under_treatment' || to === 'under_treatment';
}

/**
 * A classification change is allowed while the case is under treatment: suspected → confirmed or
 * asymptomatic; asymptomatic → confirmed (symptoms came); confirmed → asymptomatic only as a
 * correction. Severity is for confirmed cases only (an asymptomatic infection has none).
 */
export function canReclassify(from: Classification, to: Classification): boolean {
  return from !== to && to !== 'suspected';
}

export function severityAllowed(classification: Classification): boolean {
  return classification === 'confirmed';
}

const DAY = 86_400_000;

export interface ExposureWindow {
  from: Date;
  until: Date;
  /** What the start was counted from. */
  anchor: 'onset' | 'sampling' | 'report';
}

/**
 * The exposure window (policy: from 2 days before onset or sampling, to isolation). Days are
 * counted as calendar days in the city: onset on the 10th, or sampling on the 10th at any hour,
 * opens the window at 00:00 on the 8th. With both, the earlier one counts (the wider window).
 * The window ends when the case was isolated, or now if not yet.
 */
export function exposureWindow(c: { onsetDate: string | null; sampledAt: Date | null; reportedAt: Date; isolatedAt: Date | null }, now: Date, leadDays = 2): ExposureWindow {
  const candidates: Array<{ day: string; anchor: ExposureWindow['anchor'] }> = [];
  if (c.onsetDate) candidates.push({ day: c.onsetDate, anchor: 'onset' });
  if (c.sampledAt) candidates.push({ day: cityDate(c.sampledAt), anchor: 'sampling' });
  if (candidates.length === 0) candidates.push({ day: cityDate(c.reportedAt), anchor: 'report' });
  const first = candidates.sort((a, b) => a.day.localeCompare(b.day))[0];
  const from = new Date(startOfCityDay(first.day).getTime() - leadDays * DAY);
  const until = c.isolatedAt ?? now;
  return { from, until: until < from ? from : until, anchor: first.anchor };
}

/** Whether a trajectory entry (a point, or a stay with an end) overlaps the exposure window. */
export function overlapsWindow(e: { startsAt: Date; endsAt: Date | null }, w: { from: Date; until: Date }): boolean {
  return e.startsAt <= w.until && (e.endsAt ?? e.startsAt) >= w.from;
}

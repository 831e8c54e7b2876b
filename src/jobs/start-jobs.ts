import type { AppContext } from '../platform/context.ts';
import { venuesConfig } from '../modules/venues/venues.config.ts';
import { checkMissedTests } from './check-missed-tests.ts';
import { escalateFollowUps } from './escalate-follow-ups.ts';
import { purgeVenueScans } from './purge-venue-scans.ts';
import { createScheduler, type Scheduler } from './scheduler.ts';

const HOUR = 3_600_000;

/** The background jobs of one API process, started after it listens and stopped before it closes. */
export function startJobs(ctx: AppContext, opts: { tickMs?: number } = {}): Scheduler {
  // Settings are checked now, so a bad value stops the start instead of failing every hour.
  venuesConfig();
  const scheduler = createScheduler({ clock: ctx.clock, log: ctx.log, tickMs: opts.tickMs });
  scheduler.add({ name: 'purge-venue-scans', everyMs: HOUR, firstRunAfterMs: 60_000, run: () => purgeVenueScans(ctx) });
  scheduler.add({ name: 'escalate-follow-ups', everyMs: 10 * 60_000, run: () => escalateFollowUps(ctx) });
  // At the start of each hour (the city's UTC+8 hours begin with UTC's).
  const now = ctx.clock.now().getTime();
  scheduler.add({ name: 'check-missed-tests', everyMs: HOUR, firstRunAfterMs: HOUR - (now % HOUR), run: () => checkMissedTests(ctx) });
  scheduler.start();
  return scheduler;
}

import type { Clock } from '../platform/clock.ts';

/**
 * A tiny interval scheduler. Due times come from the injected clock, so a test moves the clock
 * and calls `tick()`; in production a timer calls `tick()` every `tickMs`. A job never overlaps
 * itself, a failure is logged and the job runs again at its next time. Several API processes
 * may each run the jobs: they must be safe to run concurrently (the purge is).
 */
export interface Job {
  name: string;
  everyMs: number;
  /** Delay before the first run (default: one interval). */
  firstRunAfterMs?: number;
  run(): Promise<unknown>;
}

export interface SchedulerLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface Scheduler {
  add(job: Job): void;
  /** Runs every due job and waits for them. */
  tick(): Promise<void>;
  start(): void;
  /** Stops the timer and waits for running jobs to finish. */
  stop(): Promise<void>;
  /** When each job runs next (for tests and diagnostics). */
  nextRuns(): Record<string, Date>;
}

export function createScheduler(opts: { clock: Clock; log: SchedulerLog; tickMs?: number }): Scheduler {
  const { clock, log } = opts;
  const jobs: Array<{ job: Job; nextAt: number; running?: Promise<void> }> = [];
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const runOne = (entry: (typeof jobs)[number], now: number) => {
    entry.nextAt = now + entry.job.everyMs;
    const started = Date.now();
    entry.running = entry.job
      .run()
      .then(
        (result) => log.info({ job: entry.job.name, ms: Date.now() - started, result }, 'job done'),
        (err: unknown) => log.error({ job: entry.job.name, err }, 'job failed'),
      )
      .finally(() => {
        entry.running = undefined;
      });
    return entry.running;
  };

  return {
    add(job) {
      if (!(job.everyMs > 0)) throw new Error(`job ${job.name}: everyMs must be positive`);
      jobs.push({ job, nextAt: clock.now().getTime() + (job.firstRunAfterMs ?? job.everyMs) });
    },
    async tick() {
      if (stopped) return;
      const now = clock.now().getTime();
      await Promise.all(jobs.filter((e) => !e.running && e.nextAt <= now).map((e) => runOne(e, now)));
    },
    start() {
      if (timer || stopped) return;
      timer = setInterval(() => void this.tick(), opts.tickMs ?? 30_000);
      // The scheduler never keeps the process alive on its own.
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await Promise.all(jobs.map((e) => e.running));
    },
    nextRuns() {
      return Object.fromEntries(jobs.map((e) => [e.job.name, new Date(e.nextAt)]));
    },
  };
}

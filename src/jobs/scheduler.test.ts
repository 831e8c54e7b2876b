import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createScheduler } from './scheduler.ts';

function movableClock(start = Date.parse('2026-11-24T00:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}
const quiet = { info: () => undefined, error: () => undefined };
const HOUR = 3_600_000;

test('a job runs when its time has come on the clock, then every interval', async () => {
  const clock = movableClock();
  const s = createScheduler({ clock, log: quiet });
  let runs = 0;
  s.add({ name: 'count', everyMs: HOUR, firstRunAfterMs: 60_000, run: async () => runs++ });
  await s.tick();
  assert.equal(runs, 0, 'not before its first time');
  clock.advance(60_000);
  await s.tick();
  assert.equal(runs, 1);
  clock.advance(HOUR - 1);
  await s.tick();
  assert.equal(runs, 1, 'not before an interval has passed');
  clock.advance(1);
  await s.tick();
  assert.equal(runs, 2);
  // A clock that jumped several intervals runs the job once, not once per missed interval.
  clock.advance(5 * HOUR);
  await s.tick();
  assert.equal(runs, 3);
  assert.equal(s.nextRuns().count.getTime(), clock.now().getTime() + HOUR);
  await s.stop();
});

test('a job never overlaps itself; a failure is logged and the job runs again next time', async () => {
  const clock = movableClock();
  const errors: string[] = [];
  const s = createScheduler({ clock, log: { info: () => undefined, error: (o: object) => void errors.push((o as { job: string }).job) } });
  let release!: () => void;
  let started = 0;
  s.add({ name: 'slow', everyMs: 1000, run: () => { started++; return new Promise<void>((r) => (release = r)); } });
  let fail = true;
  s.add({ name: 'flaky', everyMs: 1000, run: async () => { if (fail) throw new Error('boom'); } });
  clock.advance(1000);
  const first = s.tick();
  clock.advance(5000);
  const second = s.tick(); // slow is still running: not started again
  await second;
  assert.equal(started, 1);
  assert.deepEqual(errors, ['flaky']);
  release();
  await first;
  fail = false;
  clock.advance(1000);
  const third = s.tick();
  assert.equal(started, 2);
  release();
  await third;
  assert.deepEqual(errors, ['flaky'], 'the flaky job ran again and succeeded');
  await s.stop();
});

test('stop waits for a running job and nothing runs after it', async () => {
  const clock = movableClock();
  const s = createScheduler({ clock, log: quiet, tickMs: 5 });
  let done = false;
  let runs = 0;
  s.add({ name: 'j', everyMs: 1000, run: async () => { runs++; await new Promise((r) => setTimeout(r, 20)); done = true; } });
  s.start();
  clock.advance(1000);
  await new Promise((r) => setTimeout(r, 15)); // the timer ticks and starts the job
  await s.stop();
  assert.equal(done, true);
  clock.advance(10_000);
  await s.tick();
  assert.equal(runs, 1);
  assert.throws(() => s.add({ name: 'bad', everyMs: 0, run: async () => undefined }), /positive/);
});

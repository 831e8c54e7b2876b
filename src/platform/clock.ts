/** Injectable time, so rules with deadlines can be tested by moving the clock. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

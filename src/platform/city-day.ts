/**
 * The city's calendar: days, dates and daily clearances are counted in its time zone (UTC+8),
 * whatever the server's. Pure.
 */
export const CITY_OFFSET_HOURS = 8;
const OFFSET = CITY_OFFSET_HOURS * 3_600_000;
const DAY = 86_400_000;

/** The start (UTC instant) of a city-local date `YYYY-MM-DD`. */
export function startOfCityDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET);
}

/** The city-local date of an instant. */
export function cityDate(d: Date): string {
  return new Date(d.getTime() + OFFSET).toISOString().slice(0, 10);
}

/** A city date n days later (or earlier, for negative n). */
export const addCityDays = (day: string, n: number) => cityDate(new Date(startOfCityDay(day).getTime() + n * DAY));

/** `<input type="datetime-local">` values (the browser's local time, to the minute) to and from ISO instants. */

const p = (n: number) => String(n).padStart(2, '0');

/** 2026-11-20T09:30 for an ISO instant (local time); '' for none. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The ISO instant of a datetime-local value; null for an empty or invalid one. */
export function fromLocalInput(value: string | null | undefined): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Today (local) as YYYY-MM-DD, moved by `days`. */
export function localDate(days = 0): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** 09:30 – 11:00 on the same day, or two full times. */
export function formatSpan(from: string, until: string | null): string {
  const a = new Date(from);
  const start = `${a.getFullYear()}-${p(a.getMonth() + 1)}-${p(a.getDate())} ${p(a.getHours())}:${p(a.getMinutes())}`;
  if (!until) return start;
  const b = new Date(until);
  const sameDay = a.toDateString() === b.toDateString();
  return `${start} – ${sameDay ? '' : `${b.getFullYear()}-${p(b.getMonth() + 1)}-${p(b.getDate())} `}${p(b.getHours())}:${p(b.getMinutes())}`;
}

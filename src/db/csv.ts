/** Quotes one value for PostgreSQL's CSV COPY format; null becomes an unquoted empty field. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\n\r]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: Array<string | number | boolean | null | undefined>): string {
  return values.map(csvField).join(',') + '\n';
}

/** A PostgreSQL array literal for a text[] column inside CSV. */
export function pgTextArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

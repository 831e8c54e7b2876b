/**
 * Venue fields and their rules (pure: no I/O). Field names are the CSV's; the API maps them to
 * its own camelCase names.
 */
export const VENUE_TYPES = [
  'compound_gate',
  'mall',
  'supermarket',
  'hospital',
  'school',
  'station',
  'airport',
  'restaurant',
  'office',
  'checkpoint',
  'other',
] as const;
export type VenueType = (typeof VENUE_TYPES)[number];

export interface ValidVenue {
  code: string;
  name: string;
  type: VenueType;
  address: string | null;
  jurisdictionCode: string | null;
}

export type FieldError = { field: string; reason: string };
export const isFieldError = (v: unknown): v is FieldError => typeof v === 'object' && v !== null && 'field' in v && 'reason' in v;

const CODE = /^[A-Z0-9][A-Z0-9-]{3,31}$/;

/** Venue codes are printed on posters and typed by hand: case does not matter, spaces are dropped. */
export function normalizeVenueCode(raw: string): string {
  return raw.trim().replace(/\s+/g, '').toUpperCase();
}

export function checkVenueCode(raw: string): { ok: true; code: string } | { ok: false; reason: string } {
  const code = normalizeVenueCode(raw);
  if (!code) return { ok: false, reason: 'is required' };
  if (code.length < 4 || code.length > 32) return { ok: false, reason: `must be 4 to 32 characters, got ${code.length}` };
  if (!CODE.test(code)) return { ok: false, reason: 'must be letters and digits (a hyphen allowed after the first character), such as V4101020001' };
  return { ok: true, code };
}

/** The venue code in what a phone's camera read from a poster: `yipan:venue:<code>`, or the bare code. */
export function venueCodeFromQr(text: string): string {
  const t = text.trim();
  const m = /^yipan:venue:(.+)$/i.exec(t);
  return normalizeVenueCode(m ? m[1] : t);
}

export function isVenueType(t: string): t is VenueType {
  return (VENUE_TYPES as readonly string[]).includes(t);
}

/** Validates one venue as given by a form or a CSV row; the first failing field is named. */
export function validateVenue(input: { code?: string; name?: string; type?: string; address?: string | null; jurisdictionCode?: string | null }): ValidVenue | FieldError {
  const code = checkVenueCode(input.code ?? '');
  if (!code.ok) return { field: 'code', reason: code.reason };
  const name = (input.name ?? '').trim();
  if (!name) return { field: 'name', reason: 'is required' };
  if (name.length > 100) return { field: 'name', reason: 'must be at most 100 characters' };
  const type = (input.type ?? '').trim().toLowerCase();
  if (!type) return { field: 'type', reason: 'is required' };
  if (!isVenueType(type)) return { field: 'type', reason: `must be one of ${VENUE_TYPES.join(', ')}` };
  const address = input.address?.trim() || null;
  if (address && address.length > 200) return { field: 'address', reason: 'must be at most 200 characters' };
  const jurisdictionCode = input.jurisdictionCode?.trim() || null;
  if (jurisdictionCode && !/^\d{6,23}$/.test(jurisdictionCode)) return { field: 'jurisdiction_code', reason: 'must be a jurisdiction code of 6 to 23 digits' };
  return { code: code.code, name, type, address, jurisdictionCode };
}

/** A name as lists of scans show it: the family name, the rest starred (王**). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  // Latin names: the first letter of each word.
  if (/^[A-Za-z][A-Za-z .'-]*$/.test(name.trim())) return name.trim().split(/\s+/).map((w) => `${w[0]}${'*'.repeat(Math.max(1, w.length - 1))}`).join(' ');
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

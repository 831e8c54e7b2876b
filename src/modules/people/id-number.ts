/**
 * Identity documents. A mainland resident ID number (GB 11643-1999) is 17 digits and a check
 * character; digits 7–14 are the birth date and digit 17 is odd for men, even for women.
 */
export const DOCUMENT_TYPES = [
  'resident_id',
  'passport',
  'hk_macao_permit',
  'taiwan_permit',
  'foreign_permanent_residence',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
// First two digits: the province-level divisions of GB/T 2260.
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82,
]);

export type DocumentCheck =
  | { ok: true; number: string; birthDate?: string; sex?: 'male' | 'female' }
  | { ok: false; reason: string };

export function normalizeDocumentNumber(raw: string): string {
  return raw.trim().replace(/\s+/g, '').toUpperCase();
}

export function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Validates a mainland ID number against `today` (birth dates cannot lie in the future). */
export function checkResidentId(raw: string, today: Date = new Date()): DocumentCheck {
  const number = normalizeDocumentNumber(raw);
  if (!/^\d{17}[\dX]$/.test(number)) return { ok: false, reason: 'must be 17 digits followed by a digit or X' };
  if (!PROVINCES.has(Number(number.slice(0, 2)))) return { ok: false, reason: 'unknown region code' };
  const y = Number(number.slice(6, 10));
  const m = Number(number.slice(10, 12));
  const d = Number(number.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return { ok: false, reason: 'embedded birth date is not a valid date' };
  }
  // The standard allows any year; nobody alive was born before 1890, so such a number is a typo.
  if (y < 1890) return { ok: false, reason: 'embedded birth year is before 1890' };
  if (birth.getTime() > today.getTime()) return { ok: false, reason: 'embedded birth date is in the future' };
  if (checkDigit(number) !== number[17]) return { ok: false, reason: 'check digit does not match' };
  return {
    ok: true,
    number,
    birthDate: `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`,
    sex: Number(number[16]) % 2 === 1 ? 'male' : 'female',
  };
}

export function checkDocument(type: DocumentType, raw: string, today: Date = new Date()): DocumentCheck {
  if (type === 'resident_id') return checkResidentId(raw, today);
  const number = normalizeDocumentNumber(raw);
  if (!/^[A-Z0-9-]{5,20}$/.test(number)) return { ok: false, reason: 'must be 5 to 20 letters or digits' };
  return { ok: true, number };
}

/** `410105199003071234` → `4101**********1234`; other documents keep two characters at each end. */
export function maskDocumentNumber(type: DocumentType, number: string): string {
  const keep = type === 'resident_id' ? 4 : 2;
  if (number.length <= keep * 2) return '*'.repeat(number.length);
  return number.slice(0, keep) + '*'.repeat(number.length - keep * 2) + number.slice(-keep);
}

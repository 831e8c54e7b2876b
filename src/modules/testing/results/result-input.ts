import { FUTURE_TOLERANCE_MS, parseIsoWithOffset } from '../../venues/scan-rule.ts';
import { LAB_RESULTS, type LabResult } from './results.schemas.ts';

/**
 * One lab result, checked without I/O: the same rules for a JSON batch and a CSV row. Pure.
 */
export interface CheckedResult {
  barcode: string;
  result: LabResult;
  ctOrf1ab: number | null;
  ctN: number | null;
  testedAt: Date;
  lab: string | null;
}

export type ResultField = 'barcode' | 'result' | 'ctOrf1ab' | 'ctN' | 'testedAt' | 'lab';
export interface ResultFieldError {
  barcode: string;
  field: ResultField;
  reason: string;
}

export const isResultFieldError = (v: CheckedResult | ResultFieldError): v is ResultFieldError => 'field' in v;

const BARCODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
export const CT_MAX = 99.99;

/** Raw input: strings from a CSV row, or the JSON batch's values. */
export interface ResultInput {
  barcode?: string;
  result?: string;
  ctOrf1ab?: string | number | null;
  ctN?: string | number | null;
  testedAt?: string;
  lab?: string | null;
}

function ct(raw: string | number | null | undefined): number | null | { reason: string } {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return null;
  const n = typeof raw === 'number' ? raw : /^\d{1,2}(\.\d{1,2})?$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > CT_MAX) return { reason: `must be a Ct value from 0 to ${CT_MAX} (at most two decimals)` };
  return Math.round(n * 100) / 100;
}

export function checkLabResult(input: ResultInput, now: Date): CheckedResult | ResultFieldError {
  const barcode = (input.barcode ?? '').trim();
  const fail = (field: ResultField, reason: string): ResultFieldError => ({ barcode, field, reason });
  if (!barcode) return fail('barcode', 'is required');
  if (!BARCODE.test(barcode)) return fail('barcode', 'must be 1–64 letters, digits or -');
  const result = (input.result ?? '').trim().toLowerCase();
  if (!result) return fail('result', 'is required');
  if (!(LAB_RESULTS as readonly string[]).includes(result)) return fail('result', `must be one of ${LAB_RESULTS.join(', ')}`);
  const orf = ct(input.ctOrf1ab);
  if (orf !== null && typeof orf === 'object') return fail('ctOrf1ab', orf.reason);
  const n = ct(input.ctN);
  if (n !== null && typeof n === 'object') return fail('ctN', n.reason);
  if (!input.testedAt?.trim()) return fail('testedAt', 'is required');
  const testedAt = parseIsoWithOffset(input.testedAt);
  if (!(testedAt instanceof Date)) return fail('testedAt', testedAt.reason);
  if (testedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return fail('testedAt', 'lies in the future');
  const lab = input.lab?.trim() || null;
  if (lab && lab.length > 100) return fail('lab', 'must be at most 100 characters');
  return { barcode, result: result as LabResult, ctOrf1ab: orf, ctN: n, testedAt, lab };
}

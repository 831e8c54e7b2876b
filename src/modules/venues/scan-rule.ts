import type { Colour, Reason } from '../health-codes/colour-policy.ts';
import { checkVenueCode } from './venue-input.ts';

/**
 * What a venue scan decides, and how one scan event from a device or a CSV row is checked.
 * Pure: no I/O, so the HTTP ingest, the CSV import and the citizen scan share it.
 */
export interface Bilingual {
  zh: string;
  en: string;
}

export type ScanResult = 'pass' | 'deny';

export interface ScanDecision {
  /** What the scan records as shown: the colour the device saw, or the current colour. */
  colourShown: Colour;
  result: ScanResult;
  reason: Bilingual | null;
}

const SEVERITY: Record<Colour, number> = { green: 0, yellow: 1, red: 2 };
const COLOUR_ZH: Record<Colour, string> = { green: '绿码', yellow: '黄码', red: '红码' };
const COLOUR_EN: Record<Colour, string> = { green: 'Green code', yellow: 'Yellow code', red: 'Red code' };

/** "红码：核酸检测结果阳性" / "Red code: Positive test result", from the code's own reasons. */
export function colourReason(colour: Colour, reasons: Array<Pick<Reason, 'zh' | 'en'>>): Bilingual {
  const zh = reasons.map((r) => r.zh).filter(Boolean);
  const en = reasons.map((r) => r.en).filter(Boolean);
  return {
    zh: zh.length ? `${COLOUR_ZH[colour]}：${zh.join('；')}` : COLOUR_ZH[colour],
    en: en.length ? `${COLOUR_EN[colour]}: ${en.join('; ')}` : COLOUR_EN[colour],
  };
}

/**
 * Pass on green, deny on yellow or red with the reason. The colour the device saw is recorded as
 * shown; the decision takes the more severe of it and the person's current code, so a stale
 * green screenshot does not pass a person whose code is red.
 */
export function decideScan(shown: Colour | null | undefined, current: { colour: Colour; reasons: Array<Pick<Reason, 'zh' | 'en'>> }): ScanDecision {
  const colourShown = shown ?? current.colour;
  const effective = SEVERITY[colourShown] >= SEVERITY[current.colour] ? colourShown : current.colour;
  if (effective === 'green') return { colourShown, result: 'pass', reason: null };
  if (current.colour === 'green') {
    // The device saw a yellow or red code the server does not know (yet): deny on what was shown.
    return { colourShown, result: 'deny', reason: { zh: `出示${COLOUR_ZH[colourShown]}`, en: `${COLOUR_EN[colourShown]} shown` } };
  }
  const reason = colourReason(current.colour, current.reasons);
  if (colourShown !== current.colour) {
    return {
      colourShown,
      result: 'deny',
      reason: { zh: `出示${COLOUR_ZH[colourShown]}，当前为${reason.zh}`, en: `${COLOUR_EN[colourShown]} shown, but the current code is ${current.colour}: ${reason.en.replace(/^[^:]+:\s*/, '')}` },
    };
  }
  return { colourShown, result: 'deny', reason };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An ISO 8601 time with its offset (`2026-11-24T09:30:00+08:00`, `…Z`). A time without an offset
 * is refused: a scanner's local time is ambiguous across time zones and clock changes.
 */
export function parseIsoWithOffset(raw: string): Date | { reason: string } {
  const m = ISO.exec(raw.trim());
  if (!m) return { reason: 'must be an ISO 8601 time with an offset, such as 2026-11-24T09:30:00+08:00' };
  const [, y, mo, d, h, mi, s = '0', frac = '0', zone] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const daysInMonth = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  if (!daysInMonth || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return { reason: 'is not a valid date and time' };
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const oh = Number(digits.slice(1, 3));
    const om = Number(digits.slice(3, 5));
    if (oh > 14 || om > 59) return { reason: 'has an invalid UTC offset' };
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000);
}

/** Scanner clocks drift; a scan a little ahead of the server's clock is accepted. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface ScanInput {
  eventId?: string;
  idNumber?: string;
  personId?: string;
  venueCode?: string;
  scannedAt?: string;
  colourShown?: string;
}

export interface CheckedScan {
  eventId: string;
  who: { idNumber: string } | { personId: string };
  venueCode: string;
  scannedAt: Date;
  colourShown: Colour | null;
}

export type ScanFieldError = { field: 'eventId' | 'idNumber' | 'personId' | 'venueCode' | 'scannedAt' | 'colourShown'; reason: string };
export const isScanFieldError = (v: CheckedScan | ScanFieldError): v is ScanFieldError => 'field' in v;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENT_ID = /^[\x21-\x7e]{1,128}$/;

/**
 * One scan event as sent by a device or read from a CSV row. The time must lie between the
 * retention cut-off (an older scan would be purged at once) and a few minutes ahead of now.
 */
export function checkScan(input: ScanInput, now: Date, retentionDays: number): CheckedScan | ScanFieldError {
  const eventId = (input.eventId ?? '').trim();
  if (!eventId) return { field: 'eventId', reason: 'is required' };
  if (!EVENT_ID.test(eventId)) return { field: 'eventId', reason: 'must be 1 to 128 printable ASCII characters without spaces' };
  const idNumber = input.idNumber?.trim() || '';
  const personId = input.personId?.trim() || '';
  if (idNumber && personId) return { field: 'personId', reason: 'give either idNumber or personId, not both' };
  if (!idNumber && !personId) return { field: 'idNumber', reason: 'idNumber or personId is required' };
  if (personId && !UUID.test(personId)) return { field: 'personId', reason: 'must be a UUID' };
  if (idNumber && !/^[0-9A-Za-z-]{5,20}$/.test(idNumber.replace(/\s+/g, ''))) return { field: 'idNumber', reason: 'must be 5 to 20 letters, digits or -' };
  const code = checkVenueCode(input.venueCode ?? '');
  if (!code.ok) return { field: 'venueCode', reason: code.reason };
  if (!input.scannedAt?.trim()) return { field: 'scannedAt', reason: 'is required' };
  const at = parseIsoWithOffset(input.scannedAt);
  if (!(at instanceof Date)) return { field: 'scannedAt', reason: at.reason };
  if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return { field: 'scannedAt', reason: 'lies in the future' };
  if (at.getTime() < now.getTime() - retentionDays * 86_400_000) return { field: 'scannedAt', reason: `is older than the ${retentionDays}-day retention period` };
  let colourShown: Colour | null = null;
  if (input.colourShown) {
    const c = input.colourShown.trim().toLowerCase();
    if (c !== 'green' && c !== 'yellow' && c !== 'red') return { field: 'colourShown', reason: 'must be green, yellow or red' };
    colourShown = c;
  }
  return { eventId, who: personId ? { personId: personId.toLowerCase() } : { idNumber }, venueCode: code.code, scannedAt: at, colourShown };
}

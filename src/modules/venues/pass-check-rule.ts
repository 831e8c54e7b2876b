import type { Colour, Reason } from '../health-codes/colour-policy.ts';
import { colourReason } from './scan-rule.ts';
import { isVenueType, type VenueType } from './venue-input.ts';

/**
 * The pass check at checkpoints and compound gates (两码一证): health code, itinerary and a
 * negative test certificate, plus the temperature taken at the gate. Pure: no I/O.
 */

export const TEST_WINDOWS = [24, 48, 72] as const;
export type TestWindowHours = (typeof TEST_WINDOWS)[number];
export const DEFAULT_TEST_WINDOW: TestWindowHours = 48;

/** A temperature at or above this fails the check (°C). */
export const FEVER_THRESHOLD = 37.3;
/** What a thermometer can sensibly read (°C); anything else is a typing error. */
export const TEMPERATURE_RANGE = { min: 34, max: 43 } as const;

/**
 * The certificate window by venue type. Leaving a lifted compound and entering the city at a
 * traffic checkpoint need a 24-hour test (DESIGN.md policy table, source 004); elsewhere 48 hours.
 */
export const DEFAULT_WINDOWS_BY_TYPE: Partial<Record<VenueType, TestWindowHours>> = { compound_gate: 24, checkpoint: 24 };

export interface WindowPolicy {
  default: TestWindowHours;
  byType: Partial<Record<VenueType, TestWindowHours>>;
}
export const DEFAULT_WINDOW_POLICY: WindowPolicy = { default: DEFAULT_TEST_WINDOW, byType: DEFAULT_WINDOWS_BY_TYPE };

export const isTestWindow = (n: number): n is TestWindowHours => (TEST_WINDOWS as readonly number[]).includes(n);

/**
 * Reads `default=48,compound_gate=24,station=72` (YIPAN_PASS_CHECK_WINDOWS) over the defaults.
 * Throws on anything it does not understand, so a typo stops the server instead of loosening a rule.
 */
export function parseWindowPolicy(text: string | undefined, base: WindowPolicy = DEFAULT_WINDOW_POLICY): WindowPolicy {
  const policy: WindowPolicy = { default: base.default, byType: { ...base.byType } };
  if (!text?.trim()) return policy;
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [key, value] = part.split('=').map((s) => s.trim());
    const hours = Number(value);
    if (!isTestWindow(hours)) throw new Error(`YIPAN_PASS_CHECK_WINDOWS: "${part}": hours must be one of ${TEST_WINDOWS.join(', ')}`);
    if (key === 'default') policy.default = hours;
    else if (isVenueType(key)) policy.byType[key] = hours;
    else throw new Error(`YIPAN_PASS_CHECK_WINDOWS: "${part}": unknown venue type "${key}"`);
  }
  return policy;
}

/** The window that applies: the one asked for at the gate, else the venue type's, else the default. */
export function testWindowFor(requested: number | undefined, venueType: string | undefined, policy: WindowPolicy = DEFAULT_WINDOW_POLICY): TestWindowHours {
  if (requested !== undefined && isTestWindow(requested)) return requested;
  if (venueType && isVenueType(venueType)) return policy.byType[venueType] ?? policy.default;
  return policy.default;
}

/** Why a temperature is not a reading at all (400), or null. */
export function temperatureProblem(t: number): string | null {
  if (!Number.isFinite(t)) return 'must be a number';
  if (t < TEMPERATURE_RANGE.min || t > TEMPERATURE_RANGE.max) return `must be between ${TEMPERATURE_RANGE.min} and ${TEMPERATURE_RANGE.max} °C`;
  return null;
}

/** A thermometer reads tenths of a degree; 37.25 rounds to 37.3. */
export const roundTemperature = (t: number) => Math.round(t * 10) / 10;

export interface ItineraryFact {
  id: string;
  validFrom: Date;
  validUntil: Date | null;
  endedAt: Date | null;
}

export interface PassCheckInput {
  now: Date;
  code: { colour: Colour; reasons: Array<Pick<Reason, 'zh' | 'en'>> };
  /** The person's risk_area_arrival facts. */
  itinerary: ItineraryFact[];
  /** How long an arrival counts when its fact has no end of its own (the colour policy's days). */
  itineraryDays: number;
  latestNegative: { sampledAt: Date; kind: string } | null;
  windowHours: TestWindowHours;
  temperature: number;
}

export type PassCheckItem = 'health_code' | 'itinerary' | 'test' | 'temperature';
export interface PassCheckReason {
  check: PassCheckItem;
  zh: string;
  en: string;
}

export interface PassCheckOutcome {
  result: 'pass' | 'deny';
  /** Every failed item, in the order health code, itinerary, test, temperature. */
  reasons: PassCheckReason[];
  temperature: number;
  fever: boolean;
  itineraryFlagged: boolean;
  testValid: boolean;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** An arrival from a risk area counts from its start until it ends, lapses or runs its days. */
export function itineraryActive(f: ItineraryFact, now: Date, days: number): boolean {
  const natural = f.validUntil ?? new Date(f.validFrom.getTime() + days * DAY);
  const end = f.endedAt && f.endedAt < natural ? f.endedAt : natural;
  return f.validFrom <= now && end > now;
}

/** A negative result counts when sampled no earlier than the window's start (inclusive) and not after now. */
export function negativeTestValid(sampledAt: Date, now: Date, windowHours: number): boolean {
  return sampledAt.getTime() <= now.getTime() && now.getTime() - sampledAt.getTime() <= windowHours * HOUR;
}

export function decidePassCheck(input: PassCheckInput): PassCheckOutcome {
  const reasons: PassCheckReason[] = [];
  const { now } = input;

  if (input.code.colour !== 'green') {
    const r = colourReason(input.code.colour, input.code.reasons);
    reasons.push({ check: 'health_code', zh: `健康码异常（${r.zh}）`, en: `Health code is not green (${r.en})` });
  }

  const itineraryFlagged = input.itinerary.some((f) => itineraryActive(f, now, input.itineraryDays));
  if (itineraryFlagged) {
    reasons.push({ check: 'itinerary', zh: '行程卡异常：有中高风险地区旅居史', en: 'Itinerary: arrived from a medium- or high-risk area' });
  }

  const testValid = input.latestNegative !== null && negativeTestValid(input.latestNegative.sampledAt, now, input.windowHours);
  if (!testValid) {
    const h = input.windowHours;
    reasons.push(
      input.latestNegative
        ? {
            check: 'test',
            zh: `无${h}小时内核酸阴性证明（最近一次阴性采样于${Math.floor((now.getTime() - input.latestNegative.sampledAt.getTime()) / HOUR)}小时前）`,
            en: `No negative test sampled within ${h} hours (the latest negative was sampled ${Math.floor((now.getTime() - input.latestNegative.sampledAt.getTime()) / HOUR)} hours ago)`,
          }
        : { check: 'test', zh: `无${h}小时内核酸阴性证明（无阴性检测记录）`, en: `No negative test sampled within ${h} hours (no negative result on record)` },
    );
  }

  const temperature = roundTemperature(input.temperature);
  const fever = temperature >= FEVER_THRESHOLD;
  if (fever) {
    reasons.push({ check: 'temperature', zh: `体温${temperature.toFixed(1)}℃，达到或超过${FEVER_THRESHOLD}℃`, en: `Temperature ${temperature.toFixed(1)} °C is at or above ${FEVER_THRESHOLD} °C` });
  }

  return { result: reasons.length ? 'deny' : 'pass', reasons, temperature, fever, itineraryFlagged, testValid };
}

import { parseWindowPolicy, type WindowPolicy } from './pass-check-rule.ts';

/**
 * The venues module's settings, from the environment:
 * - YIPAN_SCAN_RETENTION_DAYS: how long venue scans are kept (default 28 days, 1–365).
 * - YIPAN_PASS_CHECK_WINDOWS: certificate windows, e.g. `default=48,compound_gate=24`.
 * Read once per distinct value; an invalid value throws, so it is caught at start.
 */
export interface VenuesConfig {
  scanRetentionDays: number;
  passCheckWindows: WindowPolicy;
}

export const DEFAULT_SCAN_RETENTION_DAYS = 28;

let cached: { key: string; config: VenuesConfig } | undefined;

export function venuesConfig(env: NodeJS.ProcessEnv = process.env): VenuesConfig {
  const key = `${env.YIPAN_SCAN_RETENTION_DAYS ?? ''}|${env.YIPAN_PASS_CHECK_WINDOWS ?? ''}`;
  if (cached?.key === key) return cached.config;
  const raw = env.YIPAN_SCAN_RETENTION_DAYS?.trim();
  const days = raw ? Number(raw) : DEFAULT_SCAN_RETENTION_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 365) throw new Error(`YIPAN_SCAN_RETENTION_DAYS must be a whole number of days from 1 to 365, got "${raw}"`);
  const config = { scanRetentionDays: days, passCheckWindows: parseWindowPolicy(env.YIPAN_PASS_CHECK_WINDOWS) };
  cached = { key, config };
  return config;
}

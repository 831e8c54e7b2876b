/**
 * Where a person's follow-up work lands in the tree. The tree is strict (city → district →
 * street → community → …), so a path's first four codes are its city, district, street and
 * community. Pure.
 */
const ESCALATION_LEVELS = ['community', 'street', 'district', 'city'] as const;
export type EscalationTarget = (typeof ESCALATION_LEVELS)[number];

function codes(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** The path of the community a path lies in, or null above community level. */
export function communityPathOf(path: string): string | null {
  const c = codes(path);
  return c.length >= 4 ? `/${c.slice(0, 4).join('/')}/` : null;
}

/**
 * The jurisdiction a follow-up escalates to: `level` steps above the community (1: its street,
 * 2: its district, 3 and more: the city). Level 0 is the community itself.
 */
export function escalationTargetPath(communityPath: string, level: number): { path: string; level: EscalationTarget } {
  const c = codes(communityPath).slice(0, 4);
  const steps = Math.min(Math.max(level, 0), 3, c.length - 1);
  return { path: `/${c.slice(0, c.length - steps).join('/')}/`, level: ESCALATION_LEVELS[steps + (4 - c.length)] ?? 'city' };
}

/**
 * Jurisdiction codes in the style of China's administrative division codes: 6 digits for a city
 * or district (GB/T 2260), 9 for a street, 12 for a community (the statistical division code),
 * and Yipan's own extensions below that: 3 more for a compound, 2 for a building, 2 for a unit
 * and 4 for a household.
 */
export const LEVELS = ['city', 'district', 'street', 'community', 'compound', 'building', 'unit', 'household'] as const;
export type Level = (typeof LEVELS)[number];

export const CODE_LENGTH: Record<Level, number> = {
  city: 6,
  district: 6,
  street: 9,
  community: 12,
  compound: 15,
  building: 17,
  unit: 19,
  household: 23,
};

export function childLevel(level: Level): Level | undefined {
  return LEVELS[LEVELS.indexOf(level) + 1];
}

export type CodeCheck = { ok: true } | { ok: false; reason: string };

/** Checks a node's code against its level and its parent's code. */
export function checkDivisionCode(code: string, level: Level, parent?: { code: string; level: Level }): CodeCheck {
  if (!/^\d+$/.test(code)) return { ok: false, reason: 'code must be digits only' };
  if (code.length !== CODE_LENGTH[level]) {
    return { ok: false, reason: `a ${level} code has ${CODE_LENGTH[level]} digits, got ${code.length}` };
  }
  if (level === 'city') {
    if (parent) return { ok: false, reason: 'a city has no parent' };
    return code.endsWith('00') ? { ok: true } : { ok: false, reason: 'a city code ends in 00' };
  }
  if (!parent) return { ok: false, reason: `a ${level} needs a parent` };
  if (childLevel(parent.level) !== level) {
    return { ok: false, reason: `a ${level} cannot be placed under a ${parent.level}` };
  }
  // A district shares its city's first four digits; every deeper code extends its parent's.
  const prefix = level === 'district' ? parent.code.slice(0, 4) : parent.code;
  if (!code.startsWith(prefix)) return { ok: false, reason: `code must start with ${prefix}` };
  if (level === 'district' && code === parent.code) return { ok: false, reason: 'a district code differs from its city' };
  return { ok: true };
}

/** The materialised path of a node: its parent's path plus its own code. */
export function childPath(parentPath: string | undefined, code: string): string {
  return `${parentPath ?? '/'}${code}/`;
}

/** Whether `path` lies in the subtree rooted at `scopePath` (itself included). */
export function isWithin(path: string, scopePath: string): boolean {
  return path.startsWith(scopePath);
}

/** Mainland mobile numbers (11 digits from 13x to 19x), optionally with +86; or a landline. */
export type PhoneCheck = { ok: true; phone: string } | { ok: false; reason: string };

export function checkPhone(raw: string): PhoneCheck {
  const compact = raw.trim().replace(/[\s()]/g, '');
  const mobile = compact.replace(/^(\+?86)(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(mobile)) return { ok: true, phone: mobile };
  if (/^0\d{2,3}-?\d{7,8}$/.test(compact)) return { ok: true, phone: compact.replace('-', '') };
  return { ok: false, reason: 'must be an 11-digit mobile number (1xx xxxx xxxx) or a landline with area code' };
}

/** `13812345678` → `138****5678`. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

export const PERSON_GROUPS = [
  'elderly_alone',
  'disabled',
  'pregnant',
  'dialysis',
  'chemotherapy',
  'infant',
  'chronic_illness',
  'key_industry',
] as const;
export type PersonGroup = (typeof PERSON_GROUPS)[number];
export const RESIDENCY = ['resident', 'floating'] as const;
export type Residency = (typeof RESIDENCY)[number];

import { sign, verify } from 'node:crypto';
import { canReach, hasPermission, requirePermission, type Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/audit.ts';
import { requireCitizenPerson, requirePersonAccess } from '../people/person-access.ts';
import { findPerson, findPersonRef } from '../people/people.repository.ts';
import type { Colour, Reason } from './colour-policy.ts';
import { drawQr, formatLocal, newPdf, pdfBuffer, qrDataUrl, qrPng } from './qr.ts';
import { currentCode, currentCodeByPseudonym } from './recolour.ts';
import { activeSigningKey, CARD_TOKEN_TTL_SECONDS, TOKEN_TTL_SECONDS, verificationKey } from './signing-keys.ts';

export { CARD_TOKEN_TTL_SECONDS, TOKEN_TTL_SECONDS };

/**
 * The dynamic health code: a compact JWS (EdDSA over Ed25519) that a checkpoint verifies offline
 * against the city's JWKS, or online here. It carries the person's pseudonym and the colour at
 * issue, never a name, ID number or phone.
 */
export const TOKEN_TYPE = 'yipan-hc+jwt';
/** Longer than anything we sign (about 270 characters); anything bigger is refused unread. */
const MAX_TOKEN_LENGTH = 1024;

const COLOUR_CODE: Record<Colour, 'g' | 'y' | 'r'> = { green: 'g', yellow: 'y', red: 'r' };
const CODE_COLOUR: Record<string, Colour> = { g: 'green', y: 'yellow', r: 'red' };

export interface TokenHeader {
  alg: 'EdDSA';
  kid: string;
  typ: typeof TOKEN_TYPE;
}

export interface TokenPayload {
  /** The person's pseudonym (health_codes.pseudonym). */
  sub: string;
  col: 'g' | 'y' | 'r';
  iat: number;
  exp: number;
}

export interface IssuedToken {
  token: string;
  kid: string;
  issuedAt: Date;
  expiresAt: Date;
}

export type RejectReason = 'expired' | 'tampered' | 'unknown_key' | 'malformed' | 'unknown_person';

export type Verification =
  | {
      valid: true;
      /** The colour now: a colour that changed since the token was issued wins. */
      colour: Colour;
      colourAtIssue: Colour;
      issuedAt: Date;
      expiresAt: Date;
      /** Internal only: never answered to a caller who cannot reach the person. */
      personId: string;
    }
  | { valid: false; reason: RejectReason };

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const B64URL = /^[A-Za-z0-9_-]+$/;

/** Signs a token for a person's code as it is now. `ttlSeconds` is longer only for a printed card. */
export async function issueHealthCodeToken(
  ctx: AppContext,
  code: { pseudonym: string; colour: Colour },
  opts: { now?: Date; ttlSeconds?: number } = {},
): Promise<IssuedToken> {
  const ttl = opts.ttlSeconds ?? TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > CARD_TOKEN_TTL_SECONDS) throw new Error(`token lifetime must be 1 to ${CARD_TOKEN_TTL_SECONDS} seconds`);
  const key = await activeSigningKey(ctx);
  const iat = Math.floor((opts.now ?? ctx.clock.now()).getTime() / 1000);
  const header: TokenHeader = { alg: 'EdDSA', kid: key.kid, typ: TOKEN_TYPE };
  const payload: TokenPayload = { sub: code.pseudonym, col: COLOUR_CODE[code.colour], iat, exp: iat + ttl };
  const input = `${b64(header)}.${b64(payload)}`;
  const signature = sign(null, Buffer.from(input), key.privateKey).toString('base64url');
  return { token: `${input}.${signature}`, kid: key.kid, issuedAt: new Date(iat * 1000), expiresAt: new Date((iat + ttl) * 1000) };
}

function parseJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isHeader(h: Record<string, unknown> | undefined): h is Record<string, unknown> & TokenHeader {
  return !!h && h.alg === 'EdDSA' && h.typ === TOKEN_TYPE && typeof h.kid === 'string' && h.kid.length > 0 && h.kid.length <= 64;
}

function isPayload(p: Record<string, unknown> | undefined): p is Record<string, unknown> & TokenPayload {
  return (
    !!p &&
    typeof p.sub === 'string' &&
    p.sub.length > 0 &&
    p.sub.length <= 64 &&
    typeof p.col === 'string' &&
    p.col in CODE_COLOUR &&
    Number.isInteger(p.iat) &&
    Number.isInteger(p.exp) &&
    (p.exp as number) > (p.iat as number)
  );
}

/**
 * Checks a token: structure, key, signature, lifetime, then the person behind it. The header is
 * read before the signature is checked (it names the key); the payload only after, so any change
 * to it reads as tampering.
 */
export async function verifyHealthCodeToken(ctx: AppContext, token: string, now: Date = ctx.clock.now()): Promise<Verification> {
  const reject = (reason: RejectReason): Verification => ({ valid: false, reason });
  const t = token.trim();
  if (t.length === 0 || t.length > MAX_TOKEN_LENGTH) return reject('malformed');
  const parts = t.split('.');
  if (parts.length !== 3 || !parts.every((p) => B64URL.test(p))) return reject('malformed');
  const [h, p, s] = parts;
  const header = parseJson(h);
  if (!isHeader(header)) return reject('malformed');

  const key = await verificationKey(ctx, header.kid, now);
  if (!key) return reject('unknown_key');
  const signature = Buffer.from(s, 'base64url');
  // Ed25519 signatures are 64 bytes; base64url must round-trip (no stray trailing bits).
  if (signature.length !== 64 || signature.toString('base64url') !== s || !verify(null, Buffer.from(`${h}.${p}`), key.publicKey, signature)) return reject('tampered');

  const payload = parseJson(p);
  if (!isPayload(payload)) return reject('malformed');
  if (now.getTime() >= payload.exp * 1000) return reject('expired');

  const code = await currentCodeByPseudonym(ctx.db, payload.sub, now);
  if (!code) return reject('unknown_person');
  const personId = code.personId;
  return {
    valid: true,
    colour: code.colour,
    colourAtIssue: CODE_COLOUR[payload.col],
    issuedAt: new Date(payload.iat * 1000),
    expiresAt: new Date(payload.exp * 1000),
    personId,
  };
}

// ---------------------------------------------------------------------------------------------
// Use cases: a citizen's code, staff reading a person's code, verification at a checkpoint, the
// printed card. Each checks access first (404 for a person out of reach, never 403).

export interface PersonToken {
  colour: Colour;
  reasons: Reason[];
  greenAt: string | null;
  policyVersion: number;
  token: string;
  expiresAt: string;
}

async function tokenFor(ctx: AppContext, personId: string, ttlSeconds = TOKEN_TTL_SECONDS): Promise<PersonToken> {
  const now = ctx.clock.now();
  const code = await currentCode(ctx.db, personId, now);
  const issued = await issueHealthCodeToken(ctx, code, { now, ttlSeconds });
  return { colour: code.colour, reasons: code.reasons, greenAt: code.greenAt, policyVersion: code.policyVersion, token: issued.token, expiresAt: issued.expiresAt.toISOString() };
}

/** The signed-in citizen's code for one of the people registered with their phone. */
export async function citizenHealthCode(ctx: AppContext, opts: { actor: Actor; personId: string }) {
  await requireCitizenPerson(ctx.db, opts.actor, opts.personId);
  const t = await tokenFor(ctx, opts.personId);
  return { ...t, qrPngDataUrl: await qrDataUrl(t.token), refreshInSeconds: TOKEN_TTL_SECONDS / 2 };
}

/** Staff showing a person's code (a grid worker for a resident without a phone). */
export async function staffHealthCode(ctx: AppContext, opts: { actor: Actor; personId: string }): Promise<PersonToken> {
  const { staff, person } = await requirePersonAccess(ctx.db, opts.actor, opts.personId, 'health_codes:read');
  // A live token lets its holder present the person's code: who fetched one is on the record.
  await recordAudit(ctx.db, staff, { action: 'health_code.token_issued', entityType: 'person', entityId: person.id, jurisdictionPath: person.path });
  return tokenFor(ctx, opts.personId);
}

export async function staffHealthCodePng(ctx: AppContext, opts: { actor: Actor; personId: string }): Promise<Buffer> {
  return qrPng((await staffHealthCode(ctx, opts)).token);
}

/**
 * A scanned code checked by staff. A rejected token is a result, not an error. The person is
 * named only to a caller whose jurisdiction holds them; anyone else learns the colour alone.
 */
export async function verifyForStaff(ctx: AppContext, opts: { actor: Actor; token: string }) {
  const staff = requirePermission(opts.actor, 'health_codes:verify');
  const v = await verifyHealthCodeToken(ctx, opts.token);
  if (!v.valid) return { valid: false, reason: v.reason };
  const result = { valid: true, colour: v.colour, colourAtIssue: v.colourAtIssue, issuedAt: v.issuedAt.toISOString(), expiresAt: v.expiresAt.toISOString() };
  if (!hasPermission(staff.role, 'people:read')) return result;
  const person = await findPersonRef(ctx.db, v.personId);
  if (!person || !canReach(staff, person.path)) return result;
  return { ...result, person: { id: person.id, name: person.name, idNumberMasked: person.idNumberMasked } };
}

/** 张伟 → 张*, 张小伟 → 张*伟, 欧阳小峰 → 欧**峰; Latin names keep each word's first and last letter. */
export function maskNameForCard(name: string): string {
  const mask = (word: string) => {
    const c = [...word];
    if (c.length <= 1) return word;
    if (c.length === 2) return `${c[0]}*`;
    return c[0] + '*'.repeat(c.length - 2) + c[c.length - 1];
  };
  const trimmed = name.trim();
  return /\s/.test(trimmed) ? trimmed.split(/\s+/).map(mask).join(' ') : mask(trimmed);
}

const COLOUR_STYLE: Record<Colour, { hex: string; zh: string; en: string }> = {
  green: { hex: '#12a150', zh: '绿码', en: 'Green' },
  yellow: { hex: '#e6a700', zh: '黄码', en: 'Yellow' },
  red: { hex: '#d9342b', zh: '红码', en: 'Red' },
};

/**
 * A printable A6 card for a resident without a smartphone: masked name and ID number, the colour
 * when printed, and the QR of a token valid for 24 hours. Audited: a card is a code in someone's hand.
 */
export async function printCodeCard(ctx: AppContext, opts: { actor: Actor; personId: string }): Promise<Buffer> {
  const { staff } = await requirePersonAccess(ctx.db, opts.actor, opts.personId, 'health_codes:read');
  const person = await findPerson(ctx.db, opts.personId);
  if (!person) throw notFound('Person');
  const now = ctx.clock.now();
  const code = await currentCode(ctx.db, opts.personId, now);
  const issued = await issueHealthCodeToken(ctx, code, { now, ttlSeconds: CARD_TOKEN_TTL_SECONDS });
  await recordAudit(ctx.db, staff, {
    action: 'health_code.card_printed',
    entityType: 'person',
    entityId: opts.personId,
    jurisdictionPath: person.jurisdictionPath,
    details: { colour: code.colour, kid: issued.kid, expiresAt: issued.expiresAt.toISOString() },
  });
  return renderCodeCard({ name: maskNameForCard(person.name), idNumberMasked: person.idNumberMasked, colour: code.colour, token: issued.token, issuedAt: issued.issuedAt, expiresAt: issued.expiresAt });
}

export async function renderCodeCard(card: { name: string; idNumberMasked: string; colour: Colour; token: string; issuedAt: Date; expiresAt: Date }): Promise<Buffer> {
  const style = COLOUR_STYLE[card.colour];
  const doc = newPdf({ size: 'A6', title: `健康码 Health code ${card.name}`, subject: 'Printed health code card', now: card.issuedAt });
  const W = doc.page.width;
  const pad = 18;
  const inner = W - 2 * pad;

  doc.rect(0, 0, W, 58).fill(style.hex);
  doc.fillColor('#ffffff').font('cjk-bold').fontSize(17).text('健康码  Health code', pad, 10, { width: inner });
  doc.font('cjk').fontSize(9.5).text(`打印时为${style.zh} · ${style.en} when printed`, pad, 35, { width: inner });

  doc.fillColor('#111111').font('cjk-bold').fontSize(18).text(card.name, pad, 66, { width: inner, align: 'center' });
  doc.font('cjk').fontSize(10).fillColor('#333333').text(card.idNumberMasked, pad, 92, { width: inner, align: 'center' });

  const qr = 196;
  const qx = (W - qr) / 2;
  const qy = 114;
  doc.rect(qx - 4, qy - 4, qr + 8, qr + 8).fill(style.hex);
  drawQr(doc, card.token, qx, qy, qr);

  let y = qy + qr + 12;
  const line = (text: string, size: number, color = '#222222', font: 'cjk' | 'cjk-bold' = 'cjk') => {
    doc.font(font).fontSize(size).fillColor(color).text(text, pad, y, { width: inner, align: 'center' });
    y = doc.y + 2;
  };
  line(`二维码有效至 ${formatLocal(card.expiresAt)}（24 小时），过期请重新打印`, 8.5, '#222222', 'cjk-bold');
  line(`QR valid for 24 h, until ${formatLocal(card.expiresAt)}; print a new card after that.`, 7.5, '#444444');
  line('扫码核验显示当前颜色，以核验结果为准 · A scan shows the current colour.', 7.5, '#444444');
  line(`打印日期 Printed ${formatLocal(card.issuedAt)}（北京时间 / Beijing time）`, 7.5, '#666666');
  doc.font('cjk').fontSize(7).fillColor('#999999').text('一盘棋 Yipan · 请勿转借他人 · Not transferable', pad, doc.page.height - 20, { width: inner, align: 'center' });
  return pdfBuffer(doc);
}

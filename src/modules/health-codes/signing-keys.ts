import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { desc, isNull, sql } from 'drizzle-orm';
import { requirePermission, type Actor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { appendAudit } from '../audit/audit.ts';
import { signingKeys } from './health-codes.table.ts';

/** A dynamic code lives 2 minutes; the citizen page fetches a new one every minute. */
export const TOKEN_TTL_SECONDS = 120;
/** A printed code card (for residents without a smartphone) carries a token valid for a day. */
export const CARD_TOKEN_TTL_SECONDS = 24 * 3600;
/**
 * How long a retired key stays published: as long as the longest-lived token it may have signed
 * (the printed card's day), so a rotation never invalidates a card already handed out.
 */
export const KEY_RETENTION_SECONDS = Math.max(TOKEN_TTL_SECONDS, CARD_TOKEN_TTL_SECONDS);

/** An Ed25519 public key as published in the JWKS (RFC 8037). */
export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

export interface VerificationKey {
  kid: string;
  jwk: PublicJwk;
  publicKey: KeyObject;
  createdAt: Date;
  retiredAt: Date | null;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

// Serialises key creation and rotation across processes sharing one database.
const KEY_LOCK = 7_274_002;
// Processes behind a load balancer share the table: re-read it this often to see another's rotation.
const REFRESH_MS = 60_000;
// An unknown kid re-reads the table at most this often, so random kids cannot hammer the database.
const UNKNOWN_KID_REFRESH_MS = 5_000;

interface KeyRing {
  keys: Map<string, VerificationKey>;
  active: SigningKey | null;
  loadedAt: number;
}

const rings = new WeakMap<AppContext, KeyRing>();

/** RFC 7638 thumbprint of the public key, shortened: the kid is inside every QR code. */
function kidOf(x: string): string {
  const canonical = JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x });
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

function newKeyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const { x } = publicKey.export({ format: 'jwk' });
  if (!x) throw new Error('Ed25519 key export gave no x');
  const kid = kidOf(x);
  const jwk: PublicJwk = { kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' };
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  return { kid, jwk, pkcs8 };
}

async function loadRing(ctx: AppContext): Promise<KeyRing> {
  const rows = await ctx.db.select().from(signingKeys).orderBy(desc(signingKeys.createdAt));
  const keys = new Map<string, VerificationKey>();
  for (const r of rows) {
    const jwk = r.publicJwk as PublicJwk;
    keys.set(r.kid, { kid: r.kid, jwk, publicKey: createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' }), createdAt: r.createdAt, retiredAt: r.retiredAt });
  }
  // The newest key not retired signs; its private key is decrypted only here, and kept in memory.
  const current = rows.find((r) => r.retiredAt === null);
  const active = current ? { kid: current.kid, privateKey: createPrivateKey({ key: Buffer.from(ctx.keys.decrypt(current.privateKeyCipher), 'base64'), format: 'der', type: 'pkcs8' }) } : null;
  const ring = { keys, active, loadedAt: Date.now() };
  rings.set(ctx, ring);
  return ring;
}

async function ring(ctx: AppContext, maxAgeMs = REFRESH_MS): Promise<KeyRing> {
  const cached = rings.get(ctx);
  if (cached && Date.now() - cached.loadedAt < maxAgeMs) return cached;
  return loadRing(ctx);
}

/** Creates the first signing key when there is no active one. Safe to call from every process at start. */
export async function ensureSigningKey(ctx: AppContext): Promise<string> {
  const kid = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${KEY_LOCK})`);
    const [current] = await tx.select({ kid: signingKeys.kid }).from(signingKeys).where(isNull(signingKeys.retiredAt)).orderBy(desc(signingKeys.createdAt)).limit(1);
    if (current) return current.kid;
    const key = newKeyPair();
    await tx.insert(signingKeys).values({ kid: key.kid, publicJwk: key.jwk, privateKeyCipher: ctx.keys.encrypt(key.pkcs8), createdAt: ctx.clock.now() });
    await appendAudit(tx, { kind: 'system', name: 'signing-keys' }, { action: 'health_code.key_created', entityType: 'signing_key', entityId: key.kid });
    return key.kid;
  });
  await loadRing(ctx);
  return kid;
}

/**
 * A new active key; the old one is retired but stays published until every token it signed has
 * expired. Audited. Other processes pick the new key up within a minute; until then they sign
 * with the retired key, whose tokens still verify.
 */
export async function rotateSigningKey(ctx: AppContext, actor: Actor): Promise<{ kid: string }> {
  const staff = requirePermission(actor, 'health_codes:keys');
  const now = ctx.clock.now();
  const key = newKeyPair();
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${KEY_LOCK})`);
    const retired = await tx.update(signingKeys).set({ retiredAt: now }).where(isNull(signingKeys.retiredAt)).returning({ kid: signingKeys.kid });
    await tx.insert(signingKeys).values({ kid: key.kid, publicJwk: key.jwk, privateKeyCipher: ctx.keys.encrypt(key.pkcs8), createdAt: now });
    await appendAudit(tx, staff, { action: 'health_code.key_rotated', entityType: 'signing_key', entityId: key.kid, details: { retired: retired.map((r) => r.kid) } });
  });
  await loadRing(ctx);
  return { kid: key.kid };
}

/** The key that signs new tokens (created on first use). */
export async function activeSigningKey(ctx: AppContext): Promise<SigningKey> {
  const current = (await ring(ctx)).active;
  if (current) return current;
  await ensureSigningKey(ctx);
  const active = (await ring(ctx, 0)).active;
  if (!active) throw new Error('No active signing key after creating one');
  return active;
}

const published = (k: VerificationKey, now: Date) => k.retiredAt === null || now.getTime() < k.retiredAt.getTime() + KEY_RETENTION_SECONDS * 1000;

/** The public key with this kid, if it is still published at `now`. */
export async function verificationKey(ctx: AppContext, kid: string, now: Date): Promise<VerificationKey | undefined> {
  let key = (await ring(ctx)).keys.get(kid);
  if (!key) key = (await ring(ctx, UNKNOWN_KID_REFRESH_MS)).keys.get(kid);
  return key && published(key, now) ? key : undefined;
}

/** The JWKS other cities and verifiers fetch: the active key and retired keys still in their retention. */
export async function publishedKeys(ctx: AppContext, now: Date): Promise<PublicJwk[]> {
  if (!(await ring(ctx)).active) await ensureSigningKey(ctx);
  return [...(await ring(ctx)).keys.values()].filter((k) => published(k, now)).map((k) => k.jwk);
}

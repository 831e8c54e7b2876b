import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Actor, Role } from '../../platform/access.ts';
import { jurisdictions } from '../jurisdictions/jurisdictions.table.ts';
import { accounts, sessions } from './accounts.table.ts';

export const SESSION_COOKIE = 'yipan_session';
const STAFF_TTL_MS = 12 * 3600_000;
const CITIZEN_TTL_MS = 7 * 24 * 3600_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  db: Executor,
  who: { accountId: string } | { citizenPhone: string },
  ip: string | undefined,
  now: Date,
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const ttl = 'accountId' in who ? STAFF_TTL_MS : CITIZEN_TTL_MS;
  const expiresAt = new Date(now.getTime() + ttl);
  await db.insert(sessions).values({
    tokenHash: sha256(token),
    accountId: 'accountId' in who ? who.accountId : null,
    citizenPhone: 'citizenPhone' in who ? who.citizenPhone : null,
    csrfToken,
    ip: ip ?? null,
    expiresAt,
  });
  return { token, csrfToken, expiresAt };
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
}

// Every request resolves its session; at the peak that lookup was a third of a verify's time. A
// resolved session is reused for a few seconds: a disabled account loses access within that.
const CACHE_MS = 5_000;
const cache = new Map<string, { session: ResolvedSession; cachedUntil: number; expiresAt: number }>();

/** The actor behind a session token, or null when the token is unknown, expired or disabled. */
export async function resolveSession(db: Executor, token: string, ip: string | undefined, now: Date): Promise<ResolvedSession | null> {
  const key = sha256(token);
  const hit = cache.get(key);
  if (hit && hit.cachedUntil > now.getTime() && hit.expiresAt > now.getTime()) return { ...hit.session, actor: { ...hit.session.actor, ip } as Actor };
  const session = await loadSession(db, key, ip, now);
  if (cache.size > 50_000) cache.clear();
  if (session) cache.set(key, { session: session.resolved, cachedUntil: now.getTime() + CACHE_MS, expiresAt: session.expiresAt.getTime() });
  else cache.delete(key);
  return session?.resolved ?? null;
}

async function loadSession(db: Executor, tokenHash: string, ip: string | undefined, now: Date): Promise<{ resolved: ResolvedSession; expiresAt: Date } | null> {
  const [row] = await db
    .select({
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
      citizenPhone: sessions.citizenPhone,
      accountId: accounts.id,
      username: accounts.username,
      role: accounts.role,
      disabled: accounts.disabled,
      jurisdictionId: accounts.jurisdictionId,
      scopePath: jurisdictions.path,
    })
    .from(sessions)
    .leftJoin(accounts, eq(accounts.id, sessions.accountId))
    .leftJoin(jurisdictions, eq(jurisdictions.id, accounts.jurisdictionId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  if (!row) return null;
  if (row.citizenPhone) return { expiresAt: row.expiresAt, resolved: { csrfToken: row.csrfToken, actor: { kind: 'citizen', phone: row.citizenPhone, ip } } };
  if (!row.accountId || row.disabled || !row.scopePath) return null;
  return {
    expiresAt: row.expiresAt,
    resolved: {
    csrfToken: row.csrfToken,
    actor: {
      kind: 'staff',
      id: row.accountId,
      username: row.username!,
      role: row.role as Role,
      jurisdictionId: row.jurisdictionId!,
      scopePath: row.scopePath,
      ip,
    },
    },
  };
}

export async function destroySession(db: Executor, token: string): Promise<void> {
  cache.delete(sha256(token));
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}

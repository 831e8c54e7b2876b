import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { verifyPassword } from '../../platform/password.ts';
import { appendAudit } from '../audit/audit.ts';
import { accounts } from './accounts.table.ts';
import { createSession, type NewSession } from './sessions.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;

// Compared against when the username is unknown, so both paths take the same time.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * Staff sign-in. Five wrong passwords lock the account for 15 minutes; the same answer is given
 * for an unknown user and a wrong password so usernames cannot be discovered.
 */
export async function login(
  ctx: AppContext,
  opts: { username: string; password: string; ip?: string },
): Promise<NewSession & { accountId: string }> {
  const now = ctx.clock.now();
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.username, opts.username));
  const ok = await verifyPassword(opts.password, account?.passwordHash ?? DUMMY_HASH);
  if (!account || account.disabled) throw new AppError('UNAUTHENTICATED', 'Wrong username or password');
  if (account.lockedUntil && account.lockedUntil > now) {
    throw new AppError('LOCKED', `Account locked after repeated failed sign-ins; try again after ${account.lockedUntil.toISOString()}`);
  }
  const actor = { kind: 'staff' as const, id: account.id, username: account.username, role: account.role as never, jurisdictionId: account.jurisdictionId, scopePath: '', ip: opts.ip };
  if (!ok) {
    const failed = account.failedLogins + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(accounts)
        .set({ failedLogins: lock ? 0 : failed, lockedUntil: lock ? new Date(now.getTime() + LOCKOUT_MS) : account.lockedUntil })
        .where(eq(accounts.id, account.id));
      await appendAudit(tx, actor, { action: lock ? 'auth.locked' : 'auth.login_failed', entityType: 'account', entityId: account.id });
    });
    throw new AppError(lock ? 'LOCKED' : 'UNAUTHENTICATED', lock ? 'Too many failed sign-ins: account locked for 15 minutes' : 'Wrong username or password');
  }
  return ctx.db.transaction(async (tx) => {
    await tx.update(accounts).set({ failedLogins: 0, lockedUntil: null }).where(eq(accounts.id, account.id));
    // Old sessions are swept on sign-in rather than by a job: cheap and keeps the table small.
    await tx.execute(sql`delete from sessions where expires_at < ${now.toISOString()}`);
    const session = await createSession(tx, { accountId: account.id }, opts.ip, now);
    await appendAudit(tx, actor, { action: 'auth.login', entityType: 'account', entityId: account.id });
    return { ...session, accountId: account.id };
  });
}

import { createHash, randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { checkPhone } from '../people/phone.ts';
import { citizenCodes } from './accounts.table.ts';
import { createSession, type NewSession } from './sessions.ts';

const CODE_TTL_MS = 5 * 60_000;
const MAX_ATTEMPTS = 5;
const hash = (phone: string, code: string) => createHash('sha256').update(`${phone}:${code}`).digest('hex');

function normalisedPhone(raw: string): string {
  const check = checkPhone(raw);
  if (!check.ok) throw invalid('phone', check.reason);
  return check.phone;
}

/** Sends a 6-digit one-time code. Sent whether or not the phone is registered: nothing leaks. */
export async function sendCitizenCode(ctx: AppContext, opts: { phone: string }): Promise<{ expiresInSeconds: number }> {
  const phone = normalisedPhone(opts.phone);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(ctx.clock.now().getTime() + CODE_TTL_MS);
  await ctx.db
    .insert(citizenCodes)
    .values({ phone, codeHash: hash(phone, code), attempts: 0, expiresAt })
    .onConflictDoUpdate({ target: citizenCodes.phone, set: { codeHash: hash(phone, code), attempts: 0, expiresAt } });
  await ctx.notifier.sendCode(phone, code);
  return { expiresInSeconds: CODE_TTL_MS / 1000 };
}

export async function citizenLogin(ctx: AppContext, opts: { phone: string; code: string; ip?: string }): Promise<NewSession & { phone: string }> {
  const phone = normalisedPhone(opts.phone);
  const now = ctx.clock.now();
  const [row] = await ctx.db.select().from(citizenCodes).where(eq(citizenCodes.phone, phone));
  if (!row || row.expiresAt <= now || row.attempts >= MAX_ATTEMPTS) {
    throw new AppError('UNAUTHENTICATED', 'The code has expired or was not requested; ask for a new one');
  }
  if (row.codeHash !== hash(phone, opts.code.trim())) {
    await ctx.db.update(citizenCodes).set({ attempts: row.attempts + 1 }).where(eq(citizenCodes.phone, phone));
    throw new AppError('UNAUTHENTICATED', 'Wrong code');
  }
  await ctx.db.delete(citizenCodes).where(eq(citizenCodes.phone, phone));
  const session = await createSession(ctx.db, { citizenPhone: phone }, opts.ip, now);
  return { ...session, phone };
}

import { randomBytes } from 'node:crypto';
import { count, eq, isNull } from 'drizzle-orm';
import pino, { type Logger } from 'pino';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { accounts } from '../modules/accounts/accounts.table.ts';
import { appendAudit } from '../modules/audit/audit.ts';
import { jurisdictions } from '../modules/jurisdictions/jurisdictions.table.ts';
import { ensurePolicies } from '../modules/health-codes/active-policy.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { createPersonalDataKeys, loadMasterKey } from './crypto.ts';
import { logNotifier, type Notifier } from './notifier.ts';
import { hashPassword } from './password.ts';

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    // Belt and braces: these fields must never be written even if a caller logs them.
    redact: { paths: ['idNumber', '*.idNumber', 'password', '*.password', 'req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'], censor: '[redacted]' },
    serializers: { req: (req) => ({ method: req.method, url: String(req.url).split('?')[0], remoteAddress: req.ip }) },
  });
}

/** Opens and migrates the database and assembles what every use case needs. */
export async function createContext(config: Config, deps: { log?: Logger; clock?: Clock; notifier?: Notifier } = {}): Promise<AppContext> {
  const log = deps.log ?? createLogger(config);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(database);
  const keys = createPersonalDataKeys(loadMasterKey(config));
  await ensurePolicies(database.db);
  return { config, database, db: database.db, keys, clock: deps.clock ?? systemClock, notifier: deps.notifier ?? logNotifier(log), log };
}

export const DEFAULT_CITY = { code: '410100', name: '示范市' };

/** With no tree at all, plants the city node everything else hangs from. */
export async function ensureCity(ctx: AppContext, city = DEFAULT_CITY): Promise<string> {
  const [root] = await ctx.db.select({ id: jurisdictions.id }).from(jurisdictions).where(isNull(jurisdictions.parentId)).limit(1);
  if (root) return root.id;
  const [row] = await ctx.db.insert(jurisdictions).values({ code: city.code, name: city.name, level: 'city', path: `/${city.code}/`, depth: 0 }).returning({ id: jurisdictions.id });
  return row.id;
}

/**
 * Creates the `admin` account at the city node on first start. Its password comes from
 * YIPAN_ADMIN_PASSWORD, or is generated and returned once so the caller can print it.
 */
export async function ensureAdmin(ctx: AppContext, password?: string): Promise<{ created: boolean; password?: string }> {
  const [existing] = await ctx.db.select({ n: count() }).from(accounts).where(eq(accounts.username, 'admin'));
  if (existing.n > 0) return { created: false };
  const cityId = await ensureCity(ctx);
  const chosen = password ?? randomBytes(12).toString('base64url') + '7a';
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(accounts).values({ username: 'admin', displayName: '系统管理员 Administrator', passwordHash: await hashPassword(chosen), role: 'admin', jurisdictionId: cityId }).returning({ id: accounts.id });
    await appendAudit(tx, { kind: 'system', name: 'bootstrap' }, { action: 'account.create', entityType: 'account', entityId: row.id, details: { username: 'admin', role: 'admin' } });
  });
  return { created: true, password: password ? undefined : chosen };
}

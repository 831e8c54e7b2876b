import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { accounts } from '../src/modules/accounts/accounts.table.ts';
import type { Role } from '../src/platform/access.ts';
import { checkDigit } from '../src/modules/people/id-number.ts';
import { jurisdictions } from '../src/modules/jurisdictions/jurisdictions.table.ts';
import { childPath, type Level } from '../src/modules/jurisdictions/division-code.ts';
import { createContext } from '../src/platform/bootstrap.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { AppContext } from '../src/platform/context.ts';
import { memoryNotifier } from '../src/platform/notifier.ts';
import { hashPassword } from '../src/platform/password.ts';
import { buildApp } from '../src/server.ts';
import { createScratchDatabase } from './scratch-database.ts';

export const PASSWORD = 'correct-horse-42';

/** A clock tests can move. */
export function testClock(start = new Date()) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

/** A fresh database for one test file: in-memory PGlite, or a scratch database on TEST_DATABASE_URL's server. */
async function freshDatabaseUrl(): Promise<{ url?: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  return base ? createScratchDatabase(base) : { drop: async () => undefined };
}

export interface TestEnv {
  ctx: AppContext;
  app: FastifyInstance;
  clock: ReturnType<typeof testClock>;
  notifier: ReturnType<typeof memoryNotifier>;
  close(): Promise<void>;
}

export async function startTestApp(opts: { serveWeb?: boolean } = {}): Promise<TestEnv> {
  const db = await freshDatabaseUrl();
  const config = {
    ...loadConfig({}),
    databaseUrl: db.url,
    dataDir: mkdtempSync(join(tmpdir(), 'yipan-test-')),
    secretKey: 'test-secret-key-test-secret-key-0123456789',
  };
  const clock = testClock();
  const notifier = memoryNotifier();
  const ctx = await createContext(config, { log: pino({ level: process.env.TEST_LOG ?? 'silent' }), clock, notifier });
  const app = await buildApp(ctx, { serveWeb: opts.serveWeb ?? false });
  await app.ready();
  return {
    ctx,
    app,
    clock,
    notifier,
    async close() {
      await app.close();
      await ctx.database.close();
      await db.drop();
    },
  };
}

/** A valid mainland ID number for a region, birth date (YYYYMMDD) and sequence (3 digits). */
export function idNumber(region = '410102', birth = '19900307', seq = 123): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + checkDigit(first17);
}

/** A small tree: city 410100 with two districts, each down to one household. */
export async function seedTree(ctx: AppContext) {
  const nodes: Record<string, { id: string; code: string; path: string }> = {};
  const add = async (key: string, code: string, name: string, level: Level, parent?: string) => {
    const p = parent ? nodes[parent] : undefined;
    const path = childPath(p?.path, code);
    const [row] = await ctx.db
      .insert(jurisdictions)
      .values({ code, name, level, parentId: p?.id ?? null, path, depth: path.split('/').length - 3 })
      .returning();
    nodes[key] = { id: row.id, code, path };
  };
  await add('city', '410100', '示范市', 'city');
  for (const [d, code] of [['a', '410102'], ['b', '410103']] as const) {
    await add(`${d}`, code, `区${d}`, 'district', 'city');
    await add(`${d}.street`, `${code}001`, `街道${d}`, 'street', d);
    await add(`${d}.community`, `${code}001001`, `社区${d}`, 'community', `${d}.street`);
    await add(`${d}.compound`, `${code}001001001`, `小区${d}`, 'compound', `${d}.community`);
    await add(`${d}.building`, `${code}00100100101`, `1号楼`, 'building', `${d}.compound`);
    await add(`${d}.unit`, `${code}0010010010101`, `1单元`, 'unit', `${d}.building`);
    await add(`${d}.household`, `${code}00100100101010101`, `101室`, 'household', `${d}.unit`);
  }
  return nodes;
}

export async function addAccount(ctx: AppContext, username: string, role: Role, jurisdictionId: string) {
  const [row] = await ctx.db
    .insert(accounts)
    .values({ username, displayName: username, passwordHash: await hashPassword(PASSWORD), role, jurisdictionId })
    .returning({ id: accounts.id });
  return row.id;
}

/** A signed-in client for inject(): keeps the cookie and sends the CSRF header on writes. */
export interface Client {
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  csrfToken: string;
  cookie: string;
}

export async function signIn(app: FastifyInstance, username: string, password = PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0];
  const csrfToken = res.json().csrfToken as string;
  return clientFor(app, cookie, csrfToken);
}

export function clientFor(app: FastifyInstance, cookie: string, csrfToken: string): Client {
  const send = (method: 'POST' | 'PATCH', url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method,
      url,
      headers: { cookie, 'x-csrf-token': csrfToken, ...headers },
      ...(typeof body === 'string' ? { body } : body === undefined ? {} : { payload: body as object }),
    });
  return {
    cookie,
    csrfToken,
    get: (url) => app.inject({ method: 'GET', url, headers: { cookie } }),
    post: (url, body, headers) => send('POST', url, body, headers),
    patch: (url, body) => send('PATCH', url, body),
  };
}

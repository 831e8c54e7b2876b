import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A failure to report in one line; exit code 1 unless told otherwise. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** The command line itself is wrong: exit code 2, with a pointer to the command's help. */
export class UsageError extends CliError {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message, 2);
  }
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code; throws CliError for a reportable failure. */
  run(args: string[]): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs in strict mode, with its errors turned into usage errors of this command. */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    const message = (err as Error).message.split('. To specify a positional')[0];
    throw new UsageError(message, command);
  }
}

export function positiveInteger(command: string, name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/[_,]/g, ''));
  if (!value.trim() || !Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`--${name} must be a ${min > 0 ? 'positive' : 'non-negative'} whole number, got "${value}"`, command);
  }
  return n;
}

export const out = (line: string) => void process.stdout.write(line + '\n');
export const err = (line: string) => void process.stderr.write(line + '\n');

export const formatCount = (n: number) => n.toLocaleString('en-US');

/** Options for commands that talk to a running server. */
export const SERVER_OPTIONS = {
  server: { type: 'string', short: 's' },
  username: { type: 'string', short: 'u' },
  password: { type: 'string', short: 'p' },
} as const;

export const SERVER_HELP = `Connection:
  -s, --server URL       Yipan server (default $YIPAN_SERVER or http://localhost:3000)
  -u, --username NAME    staff account (default $YIPAN_USERNAME)
  -p, --password PASS    its password (default $YIPAN_PASSWORD; asked for when on a terminal)`;

export interface ServerLogin {
  server: URL;
  username: string;
  password: string;
}

export async function serverLogin(command: string, values: { server?: string; username?: string; password?: string }): Promise<ServerLogin> {
  const raw = values.server ?? process.env.YIPAN_SERVER ?? 'http://localhost:3000';
  let server: URL;
  try {
    server = new URL(raw);
  } catch {
    throw new UsageError(`--server must be a URL such as http://localhost:3000, got "${raw}"`, command);
  }
  if (server.protocol !== 'http:' && server.protocol !== 'https:') throw new UsageError(`--server must be an http:// or https:// URL, got "${raw}"`, command);
  const username = values.username ?? process.env.YIPAN_USERNAME;
  if (!username) throw new UsageError('--username is required (or set YIPAN_USERNAME)', command);
  const password = values.password ?? process.env.YIPAN_PASSWORD ?? (await promptPassword(`password for ${username}: `, command));
  return { server, username, password };
}

/** Reads a password from the terminal without echoing it. */
async function promptPassword(prompt: string, command: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY || !process.stderr.isTTY) throw new UsageError('--password is required (or set YIPAN_PASSWORD)', command);
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (fn: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      fn();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(() => resolve(value));
        if (ch === '\u0003' || ch === '\u0004') return done(() => reject(new CliError('cancelled', 130)));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** A quiet logger for commands that open the database: warnings and errors only, to stderr. */
export async function cliLogger() {
  const { default: pino } = await import('pino');
  return pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2));
}

/** The innermost reason of an error (drizzle wraps driver errors in "Failed query: ..."), on one line. */
export function describeError(e: unknown): string {
  type E = Error & { code?: string; cause?: unknown; errors?: unknown[] };
  let cur = e as E;
  while (cur?.cause instanceof Error) cur = cur.cause as E;
  if (!(cur instanceof Error)) return String(cur);
  const inner = cur.errors?.find((x): x is E => x instanceof Error);
  const message = cur.message || inner?.message || '';
  const code = cur.code ?? inner?.code;
  return message.split('\n')[0] || code || cur.name;
}

export function describeDatabase(config: { databaseUrl?: string; dataDir: string }): string {
  if (!config.databaseUrl) return `the embedded database in ${config.dataDir}`;
  try {
    const url = new URL(config.databaseUrl);
    return `the PostgreSQL database ${url.pathname.slice(1) || '(default)'} on ${url.host}`;
  } catch {
    return 'the PostgreSQL database of DATABASE_URL';
  }
}

/** Opens (and migrates) the configured database, turning a failure into one line. */
export async function openContext(config: import('../platform/config.ts').Config) {
  const [{ createContext }, log] = await Promise.all([import('../platform/bootstrap.ts'), cliLogger()]);
  try {
    return await createContext(config, { log });
  } catch (e) {
    throw new CliError(`cannot open ${describeDatabase(config)}: ${describeError(e)}`);
  }
}

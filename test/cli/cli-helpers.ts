import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestApp, type TestEnv } from '../helpers.ts';
import { createScratchDatabase } from '../scratch-database.ts';

export const BIN = fileURLToPath(new URL('../../bin/yipan.js', import.meta.url));
export const SECRET_KEY = 'test-secret-key-test-secret-key-0123456789';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The last non-empty line of stdout. */
  last: string;
}

/** Runs `node bin/yipan.js ...args` as a child process; never rejects on a non-zero exit. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 45_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, YIPAN_PASSWORD: undefined, YIPAN_USERNAME: undefined, YIPAN_SERVER: undefined, YIPAN_DEBUG: undefined, ...env };
    for (const k of Object.keys(childEnv)) if (childEnv[k] === undefined) delete childEnv[k];
    const child = spawn(process.execPath, [BIN, ...args], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const lines = stdout.split('\n').filter((l) => l.trim());
      resolve({ code, stdout, stderr, last: lines[lines.length - 1] ?? '' });
    });
  });
}

/** The test application listening on an ephemeral port of the loopback interface. */
export async function startServer(): Promise<{ env: TestEnv; url: string }> {
  const env = await startTestApp();
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = env.app.server.address() as AddressInfo;
  return { env, url: `http://127.0.0.1:${port}` };
}

/**
 * A database the CLI child process can open itself: an embedded one in a new directory, or a new
 * database on the server of TEST_DATABASE_URL (dropped by `drop`). `env` is what the child needs.
 */
export async function directDatabase(): Promise<{ env: Record<string, string | undefined>; config: { dataDir: string; databaseUrl?: string; secretKey: string }; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yipan-cli-'));
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    return { env: { YIPAN_DATA_DIR: dataDir, DATABASE_URL: undefined, YIPAN_SECRET_KEY: SECRET_KEY }, config: { dataDir, secretKey: SECRET_KEY }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const scratch = await createScratchDatabase(base, 'yipan_cli');
  const databaseUrl = scratch.url;
  return {
    env: { YIPAN_DATA_DIR: dataDir, DATABASE_URL: databaseUrl, YIPAN_SECRET_KEY: SECRET_KEY },
    config: { dataDir, databaseUrl, secretKey: SECRET_KEY },
    async drop() {
      await scratch.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A loopback port nothing listens on (it was free a moment ago). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * `npm test`: the whole suite on embedded PGlite, then again on the PostgreSQL server named by
 * TEST_DATABASE_URL when it is set. Ends with one line `tests: N passed, M failed`.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    return statSync(p).isDirectory() ? testFiles(p) : name.endsWith('.test.ts') ? [p] : [];
  });
}

const only = process.argv.slice(2);
const files = only.length ? only : [...testFiles('src'), ...testFiles('test')].sort();

function run(label: string, env: NodeJS.ProcessEnv): Promise<{ pass: number; fail: number; code: number }> {
  process.stdout.write(`\n=== ${label}: ${files.length} test files ===\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', '--test-reporter-destination=.test-data/last.tap', ...files], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', async (code) => {
      const { readFileSync } = await import('node:fs');
      const tap = readFileSync('.test-data/last.tap', 'utf8');
      const count = (what: string) => Number(tap.match(new RegExp(`^# ${what} (\\d+)$`, 'm'))?.[1] ?? 0);
      resolve({ pass: count('pass'), fail: count('fail') + count('cancelled'), code: code ?? 1 });
    });
  });
}

const { mkdirSync } = await import('node:fs');
mkdirSync('.test-data', { recursive: true });
const { TEST_DATABASE_URL, ...withoutPg } = process.env;
const results = [await run('embedded PGlite', withoutPg)];
if (TEST_DATABASE_URL) results.push(await run(`PostgreSQL server (${new URL(TEST_DATABASE_URL).host})`, process.env));
const pass = results.reduce((n, r) => n + r.pass, 0);
const fail = results.reduce((n, r) => n + r.fail, 0);
process.stdout.write(`\ntests: ${pass} passed, ${fail} failed\n`);
process.exit(results.some((r) => r.code !== 0) || fail > 0 || pass === 0 ? 1 : 0);

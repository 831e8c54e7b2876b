/**
 * Health codes at the peak, each figure a ratio against a baseline measured in the same run:
 *  1. verify (POST /api/health-codes/verify) and colour lookup (GET /api/people/{id}/code) under
 *     load from a second process (autocannon), against the bare health route of the same server;
 *  2. venue-scan ingest through the API (batches of 1,000) against raw COPY into the same table;
 *  3. recolouring every resident of one compound of 5,000 when it is sealed, against COPY of
 *     5,000 code rows.
 *
 *   npx tsx bench/health-codes.ts [--db pglite|postgres] [--seconds 10] [--scans 50000]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { csvLine } from '../src/db/csv.ts';
import { recordHealthFacts } from '../src/modules/health-codes/facts.ts';
import { createContext, ensureAdmin } from '../src/platform/bootstrap.ts';
import { loadConfig } from '../src/platform/config.ts';
import { seedDemoCity } from '../src/modules/simulation/seed-demo.ts';
import { buildApp } from '../src/server.ts';
import { createScratchDatabase } from '../test/scratch-database.ts';

const run = promisify(execFile);
const { values } = parseArgs({ options: { db: { type: 'string', default: 'pglite' }, seconds: { type: 'string', default: '10' }, scans: { type: 'string', default: '50000' }, population: { type: 'string', default: '20000' } } });
const SECONDS = Number(values.seconds);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Load {
  rps: number;
  p99: number;
  errors: number;
}

/** autocannon in a child process, so the load generator does not share the server's event loop. */
async function load(url: string, opts: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Load> {
  const args = ['autocannon', '-c', '32', '-d', String(SECONDS), '-j', '-m', opts.method ?? 'GET'];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}=${v}`);
  if (opts.body) args.push('-b', opts.body);
  args.push(url);
  const { stdout } = await run('npx', args, { maxBuffer: 64 * 1024 * 1024 });
  const r = JSON.parse(stdout) as { requests: { average: number }; latency: { p99: number }; errors: number; non2xx: number };
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

const scratch = values.db === 'postgres' ? await createScratchDatabase(PG_URL, 'yipan_bench') : undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'yipan-bench-hc-'));
const config = { ...loadConfig({}), dataDir, databaseUrl: scratch?.url, secretKey: 'bench-secret-key-bench-secret-key-0123', logLevel: 'warn' };
const ctx = await createContext(config, { log: pino({ level: 'warn' }) });
try {
  await seedDemoCity(ctx, { population: Number(values.population), seed: 7 });
  await ensureAdmin(ctx, 'bench-password-123');
  const app = await buildApp(ctx, { serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'bench-password-123' }) });
  const token = login.headers.get('set-cookie')!.split(';')[0].split('=')[1];
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const [person] = await ctx.database.query<{ id: string }>('select id from people order by id limit 1');
  const code = (await (await fetch(`${base}/api/people/${person.id}/health-code`, { headers: auth })).json()) as { token: string };

  console.log(`health-code benchmark: ${values.db}, demo city of ${values.population} people, ${cpus().length} cores (${cpus()[0].model}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, autocannon -c 32 -d ${SECONDS}`);
  const bare = await load(`${base}/api/health`);
  const verify = await load(`${base}/api/health-codes/verify`, { method: 'POST', headers: auth, body: JSON.stringify({ token: code.token }) });
  const lookup = await load(`${base}/api/people/${person.id}/code`, { headers: auth });
  const row = (name: string, l: Load) => `| ${name} | ${Math.round(l.rps).toLocaleString('en-US')} | ${l.p99} | ${(l.rps / bare.rps).toFixed(2)} | ${l.errors} |`;
  console.log('\n| route | requests/s | p99 ms | ÷ bare route | errors |\n| --- | --- | --- | --- | --- |');
  console.log(row('GET /api/health (bare route, one `select 1`)', bare));
  console.log(row('POST /api/health-codes/verify', verify));
  console.log(row('GET /api/people/{id}/code', lookup));
  const peak = 1_400_000 / 60;
  console.log(`\nGuangdong's peak, 1.4 million requests a minute = ${Math.round(peak).toLocaleString('en-US')}/s: ${Math.ceil(peak / verify.rps)} processes like this one for verify (database shared; see docs/benchmarks.md).`);

  // 2. Scan ingest through the API against raw COPY.
  const N = Number(values.scans);
  const [venue] = await ctx.database.query<{ code: string }>(
    `insert into venues (code, name, type, jurisdiction_id, jurisdiction_path) select 'VBENCH01', '基准超市', 'supermarket', id, path from jurisdictions where level = 'city' returning code`,
  );
  const ids = await ctx.database.query<{ id: string }>(`select id from people limit ${Math.min(N, 20000)}`);
  const t0 = Date.parse('2026-11-20T08:00:00+08:00');
  let t = performance.now();
  for (let start = 0; start < N; start += 1000) {
    const scans = [];
    for (let i = start; i < Math.min(N, start + 1000); i++) scans.push({ eventId: `bench-${i}`, personId: ids[i % ids.length].id, venueCode: venue.code, scannedAt: new Date(t0 + i * 1000).toISOString() });
    const res = await fetch(`${base}/api/venues/scans`, { method: 'POST', headers: auth, body: JSON.stringify({ scans }) });
    if (!res.ok) throw new Error(`scan batch: ${res.status} ${await res.text()}`);
  }
  const apiSeconds = (performance.now() - t) / 1000;
  const [{ vid }] = await ctx.database.query<{ vid: string }>(`select id as vid from venues where code = 'VBENCH01'`);
  const rows: string[] = [];
  for (let i = 0; i < N; i++) rows.push(csvLine([`copy-${i}`, ids[i % ids.length].id, vid, new Date(t0 + i * 1000).toISOString(), 'green', 'pass', 'device']));
  await ctx.database.query('create table bench_scans (like venue_scans including all)');
  t = performance.now();
  await ctx.database.copyCsv('bench_scans', ['event_id', 'person_id', 'venue_id', 'scanned_at', 'colour_shown', 'result', 'source'], rows.join(''));
  const copySeconds = (performance.now() - t) / 1000;
  console.log(`\n| scan ingest (${N.toLocaleString('en-US')} scans) | rows/s |\n| --- | --- |`);
  console.log(`| POST /api/venues/scans, batches of 1,000 | ${Math.round(N / apiSeconds).toLocaleString('en-US')} |`);
  console.log(`| raw COPY into a venue_scans-shaped table | ${Math.round(N / copySeconds).toLocaleString('en-US')} |`);
  console.log(`| ratio API ÷ COPY | ${(copySeconds / apiSeconds).toFixed(3)} |`);

  // 3. Seal a compound of 5,000 residents: every one gets a fact and is recoloured.
  const residents = await ctx.database.query<{ id: string }>('select id from people limit 5000');
  const now = new Date();
  t = performance.now();
  await ctx.db.transaction((tx) => recordHealthFacts(tx, residents.map((r) => ({ personId: r.id, kind: 'sealed_area_residence' as const, source: 'areas' as const, sourceRef: 'bench-seal', validFrom: now })), now));
  const sealSeconds = (performance.now() - t) / 1000;
  const [{ yellow }] = await ctx.database.query<{ yellow: number }>(`select count(*)::int as yellow from health_codes where colour = 'yellow'`);
  const codeRows = residents.map((r, i) => csvLine([r.id, `bench-pseudonym-${i}`, 'yellow', '[{"kind":"sealed_area_residence"}]', 1, now.toISOString()]));
  await ctx.database.query('create table bench_codes (like health_codes including all)');
  t = performance.now();
  await ctx.database.copyCsv('bench_codes', ['person_id', 'pseudonym', 'colour', 'reasons', 'policy_version', 'updated_at'], codeRows.join(''));
  const codeCopySeconds = (performance.now() - t) / 1000;
  console.log(`\n| seal a compound of ${residents.length.toLocaleString('en-US')} | seconds |\n| --- | --- |`);
  console.log(`| record facts + recolour (yellow codes after: ${yellow}) | ${sealSeconds.toFixed(2)} |`);
  console.log(`| COPY of ${residents.length} code rows | ${codeCopySeconds.toFixed(2)} |`);
  console.log(`| ratio | ${(sealSeconds / codeCopySeconds).toFixed(1)}× |`);
  await app.close();
} finally {
  await ctx.database.close();
  await scratch?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Nucleic-acid testing at a city's scale, each figure a ratio against a baseline measured in the
 * same run on the same server and database:
 *  1. importing tube results through POST /api/lab/results/import (streamed CSV, as
 *     `yipan import results` sends it) for N tubes of 10-in-1 (10 N people), mostly negative with
 *     a few positive pools, against a raw COPY of the same CSV rows into a bare table, and a COPY
 *     of the people's finished result rows into a test_results-shaped table with its indexes;
 *  2. a sampling burst: `add_member` events, one per request, through POST /api/sampling/events
 *     from a second process (32 samplers, each filling its own tubes), against the bare
 *     GET /api/health route of the same server under the same load generator;
 *  3. positive pool to action: from one positive 10-in-1 pool result (POST /api/lab/results) to
 *     its members' follow-up tasks (GET /api/follow-ups/tasks) and yellow codes
 *     (GET /api/people/{id}/code) being readable, against a bare route round trip.
 *
 *   npx tsx bench/testing.ts [--db pglite|postgres] [--tubes 100000] [--seconds 10] [--pools 20]
 *   (postgres uses BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { csvLine } from '../src/db/csv.ts';
import { createContext, ensureAdmin } from '../src/platform/bootstrap.ts';
import { loadConfig } from '../src/platform/config.ts';
import { DEMO_PASSWORD, seedDemoCity } from '../src/modules/simulation/seed-demo.ts';
import { buildApp } from '../src/server.ts';
import { createScratchDatabase } from '../test/scratch-database.ts';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    tubes: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    pools: { type: 'string', default: '20' },
    'positive-every': { type: 'string', default: '1000' },
  },
});
const TUBES = Number(values.tubes);
const POOL = 10;
const SECONDS = Number(values.seconds);
const POOLS = Number(values.pools);
const POSITIVE_EVERY = Number(values['positive-every']);
const CONNECTIONS = 32;
/** Tubes opened for the sampling burst: each of the 32 samplers fills its own, 10 people each. */
const BURST_TUBES = 12_800;
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const started = performance.now();
/** Progress on stderr, so a long run shows where it is; the tables go to stdout. */
const phase = (what: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${what}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (t: number) => (performance.now() - t) / 1000;
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/**
 * The load generator: autocannon (as in bench/health-codes.ts), run by a second Node process so it
 * does not share the server's event loop; a script because the events are generated. Each of the
 * 32 connections is a sampler: it takes the next open tube and adds ten people to it, one
 * add_member event per request, then takes the next tube. With no person file it GETs the URL.
 */
const LOAD_SCRIPT = `
const [url, token, seconds, connections, peopleFile] = process.argv.slice(1);
const autocannon = require('autocannon');
const people = peopleFile ? JSON.parse(require('node:fs').readFileSync(peopleFile, 'utf8')) : null;
const sampledAt = new Date(Date.now() - 60_000).toISOString();
let nextTube = 0;
let rejected = 0;
const onResponse = (status, body) => { if (status === 200 && !body.includes('"applied":1')) rejected++; };
const requests = people
  ? Array.from({ length: ${POOL} }, (_, k) => ({
      method: 'POST',
      onResponse,
      setupRequest(req, context) {
        if (k === 0) context.tube = nextTube++;
        const i = context.tube * ${POOL} + k;
        if (i >= people.length) throw new Error('out of open tubes: raise BURST_TUBES');
        req.body = JSON.stringify({ events: [{ eventId: 'burst-' + i, type: 'add_member', barcode: 'S' + String(context.tube).padStart(8, '0'), personId: people[i], sampledAt }] });
        return req;
      },
    }))
  : undefined;
autocannon({ url, connections: Number(connections), duration: Number(seconds), headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' }, requests }, (err, r) => {
  if (err) throw err;
  console.log(JSON.stringify({ requests: r.requests.total, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx, rejected, tubes: nextTube }));
});
`;

interface Load {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  rejected: number;
  tubes: number;
}
async function load(url: string, token: string, peopleFile = ''): Promise<Load> {
  const { stdout } = await run(process.execPath, ['-e', LOAD_SCRIPT, url, token, String(SECONDS), String(CONNECTIONS), peopleFile], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as Load;
}

const scratch = values.db === 'postgres' ? await createScratchDatabase(PG_URL, 'yipan_bench') : undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'yipan-bench-testing-'));
const config = { ...loadConfig({}), dataDir, databaseUrl: scratch?.url, secretKey: 'bench-secret-key-bench-secret-key-0123', logLevel: 'warn' };
const ctx = await createContext(config, { log: pino({ level: 'warn' }) });
const db = ctx.database;
try {
  const population = TUBES * POOL + POOLS * POOL * 2;
  phase(`seeding a demo city of ${fmt(population)}`);
  let t = performance.now();
  await seedDemoCity(ctx, { population, seed: 7 });
  const seedSeconds = seconds(t);
  await ensureAdmin(ctx, 'bench-password-123');
  const app = await buildApp(ctx, { serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'bench-password-123' }) });
  const token = login.headers.get('set-cookie')!.split(';')[0].split('=')[1];
  const auth = { authorization: `Bearer ${token}` };
  const json = { ...auth, 'content-type': 'application/json' };

  // People in neighbourhood order, so a tube's ten members live together, as at a sampling point.
  const everyone = await db.query<{ id: string; path: string }>('select id, jurisdiction_path as path from people order by jurisdiction_path, id');
  if (everyone.length < population) throw new Error(`the demo city has ${everyone.length} people, ${population} needed`);
  // The positive pools of part 3: ten people of one grid with a demo grid worker each, so the
  // list that worker reads at the door holds them. Everyone else goes into the tubes of part 1.
  const workerOfBuilding = new Map(
    (
      await db.query<{ path: string; username: string }>(
        `select b.path, a.username from jurisdictions b join grids g on g.id = b.grid_id join accounts a on a.id = g.worker_account_id where b.level = 'building'`,
      )
    ).map((r) => [r.path, r.username]),
  );
  const workerOf = (path: string) => {
    for (let i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) {
      const w = workerOfBuilding.get(path.slice(0, i + 1));
      if (w) return w;
    }
    return undefined;
  };
  const pools: Array<{ worker: string; members: Array<{ id: string; path: string }> }> = [];
  const taken = new Set<string>();
  let group: { worker: string; members: Array<{ id: string; path: string }> } | undefined;
  for (let i = everyone.length - 1; i >= 0 && pools.length < POOLS; i--) {
    const w = workerOf(everyone[i].path);
    if (!w) continue;
    if (group?.worker !== w) group = { worker: w, members: [] };
    group.members.push(everyone[i]);
    if (group.members.length === POOL) {
      pools.push(group);
      for (const m of group.members) taken.add(m.id);
      group = undefined;
    }
  }
  if (pools.length < POOLS) throw new Error(`only ${pools.length} pools of ten people of one grid worker could be formed`);
  const people = everyone.filter((p) => !taken.has(p.id));
  const now = Date.now();
  const sampledAt = new Date(now - 6 * 3_600_000).toISOString();
  const receivedAt = new Date(now - 3 * 3_600_000).toISOString();
  const testedAt = new Date(now - 3_600_000).toISOString();

  /** Tubes of ten (status `received` unless said) and their members, written with COPY. */
  const copyTubes = async (prefix: string, count: number, firstPerson: number, status: 'received' | 'open', personAt = (i: number) => people[i]) => {
    const tubeRows: string[] = [];
    const memberRows: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      const barcode = `${prefix}${String(i).padStart(8, '0')}`;
      const first = personAt(firstPerson + i * POOL);
      tubeRows.push(csvLine([id, barcode, first.path, POOL, status, sampledAt, status === 'open' ? null : sampledAt, status === 'open' ? null : receivedAt]));
      if (status === 'open') continue;
      for (let m = 0; m < POOL; m++) memberRows.push(csvLine([id, personAt(firstPerson + i * POOL + m).id, sampledAt, `${prefix}-${i}-${m}`]));
    }
    for (let i = 0; i < tubeRows.length; i += 100_000) await db.copyCsv('tubes', ['id', 'barcode', 'jurisdiction_path', 'pool_size', 'status', 'opened_at', 'closed_at', 'received_at'], tubeRows.slice(i, i + 100_000).join(''));
    for (let i = 0; i < memberRows.length; i += 200_000) await db.copyCsv('tube_members', ['tube_id', 'person_id', 'sampled_at', 'client_event_id'], memberRows.slice(i, i + 200_000).join(''));
  };

  phase('COPY of tubes and members');
  t = performance.now();
  await copyTubes('T', TUBES, 0, 'received');
  const poolPeople = pools.flatMap((p) => p.members);
  await copyTubes('P', POOLS, 0, 'received', (i) => poolPeople[i]);
  const setupSeconds = seconds(t);

  console.log(
    `testing benchmark: ${values.db}, demo city of ${fmt(population)} people (seeded in ${seedSeconds.toFixed(0)} s; tubes and members COPYed in ${setupSeconds.toFixed(0)} s), ${cpus().length} cores (${cpus()[0].model}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  );

  // 1. Tube results: the lab's CSV through the API, against COPY of the same rows.
  const dir = mkdtempSync(join(tmpdir(), 'yipan-bench-results-'));
  const csvFile = join(dir, 'results.csv');
  const lines = ['barcode,result,tested_at,ct_orf1ab,ct_n,lab\n'];
  let positives = 0;
  for (let i = 0; i < TUBES; i++) {
    const positive = i % POSITIVE_EVERY === POSITIVE_EVERY - 1;
    if (positive) positives++;
    lines.push(csvLine([`T${String(i).padStart(8, '0')}`, positive ? 'positive' : 'negative', testedAt, positive ? '28.41' : null, positive ? '30.07' : null, '金域检测']));
  }
  writeFileSync(csvFile, lines.join(''));
  phase('results import through the API');
  const csvBytes = statSync(csvFile).size;
  t = performance.now();
  const res = await fetch(`${base}/api/lab/results/import?fileName=results.csv`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/csv' },
    body: createReadStream(csvFile) as never,
    duplex: 'half',
  } as RequestInit);
  const summary = (await res.json()) as { imported: number; rejected: number };
  const importSeconds = seconds(t);
  if (summary.imported !== TUBES) throw new Error(`expected ${TUBES} imported, got ${JSON.stringify(summary).slice(0, 300)}`);
  const [check] = await db.query<{ results: number; followUps: number; tasks: number }>(
    `select (select count(*)::int from test_results) as results, (select count(*)::int from pool_follow_ups) as "followUps", (select count(*)::int from follow_up_members) as tasks`,
  );
  if (check.results !== (TUBES - positives) * POOL || check.followUps !== positives || check.tasks !== positives * POOL) throw new Error(`unexpected hand-over: ${JSON.stringify(check)}`);

  const body = readFileSync(csvFile, 'utf8').split('\n').slice(1).join('\n');
  await db.query('create table bench_raw (barcode text, result text, tested_at text, ct_orf1ab text, ct_n text, lab text)');
  t = performance.now();
  await db.copyCsv('bench_raw', ['barcode', 'result', 'tested_at', 'ct_orf1ab', 'ct_n', 'lab'], body);
  const rawSeconds = seconds(t);
  // The database's unavoidable share: every negative member's result row, finished, with indexes.
  const finalRows: string[] = [];
  const reportedAt = new Date().toISOString();
  for (let i = 0; i < TUBES; i++) {
    if (i % POSITIVE_EVERY === POSITIVE_EVERY - 1) continue;
    const barcode = `T${String(i).padStart(8, '0')}`;
    for (let m = 0; m < POOL; m++) finalRows.push(csvLine([people[i * POOL + m].id, 'nat', 'negative', sampledAt, reportedAt, 'lab', barcode]));
  }
  await db.query('create table bench_results (like test_results including all)');
  t = performance.now();
  for (let i = 0; i < finalRows.length; i += 200_000) await db.copyCsv('bench_results', ['person_id', 'kind', 'result', 'sampled_at', 'reported_at', 'source', 'source_ref'], finalRows.slice(i, i + 200_000).join(''));
  const finalSeconds = seconds(t);
  rmSync(dir, { recursive: true, force: true });

  console.log(`\n| results import: ${fmt(TUBES)} tubes of 10 (${fmt(TUBES * POOL)} people, ${positives} positive pools), ${(csvBytes / 1e6).toFixed(1)} MB CSV | seconds | tubes/s | people/s |\n| --- | --- | --- | --- |`);
  console.log(`| POST /api/lab/results/import (streamed) | ${importSeconds.toFixed(1)} | ${fmt(TUBES / importSeconds)} | ${fmt((TUBES * POOL) / importSeconds)} |`);
  console.log(`| raw COPY of the CSV rows into a bare table | ${rawSeconds.toFixed(2)} | ${fmt(TUBES / rawSeconds)} | |`);
  console.log(`| COPY of the ${fmt(finalRows.length)} finished result rows into a test_results-shaped table | ${finalSeconds.toFixed(2)} | | ${fmt(finalRows.length / finalSeconds)} |`);
  console.log(`| import ÷ raw COPY | ${(rawSeconds / importSeconds).toFixed(3)} | | |`);
  console.log(`| import ÷ finished-rows COPY | ${(finalSeconds / importSeconds).toFixed(3)} | | |`);
  console.log(`\n1,000,000 tubes (10 million people) at this rate: ${((importSeconds * 1_000_000) / TUBES / 60).toFixed(1)} min, if it scales linearly.`);

  phase('sampling burst');
  // 2. Sampling burst: 32 samplers adding people to their own open tubes, one event per request.
  await copyTubes('S', BURST_TUBES, 0, 'open', (i) => people[i % people.length]);
  const peopleFile = join(dataDir, 'burst-people.json');
  writeFileSync(peopleFile, JSON.stringify(Array.from({ length: BURST_TUBES * POOL }, (_, i) => people[i % people.length].id)));
  const bare = await load(`${base}/api/health`, token);
  const burst = await load(`${base}/api/sampling/events`, token, peopleFile);
  const [{ added }] = await db.query<{ added: number }>(`select count(*)::int as added from tube_members where client_event_id like 'burst-%'`);
  console.log(`\n| sampling burst (autocannon, ${CONNECTIONS} connections = samplers, ${SECONDS} s, one add_member per request) | events or requests/s | p50 ms | p99 ms | ÷ bare route | errors | rejected |\n| --- | --- | --- | --- | --- | --- | --- |`);
  console.log(`| GET /api/health (bare route) | ${fmt(bare.rps)} | ${bare.p50} | ${bare.p99} | 1.00 | ${bare.errors} | |`);
  console.log(`| POST /api/sampling/events, add_member (${fmt(added)} members into ${fmt(burst.tubes)} tubes) | ${fmt(burst.rps)} | ${burst.p50} | ${burst.p99} | ${(burst.rps / bare.rps).toFixed(2)} | ${burst.errors} | ${burst.rejected} |`);

  phase('positive pools');
  // 3. Positive pool to action, one pool at a time, against a bare round trip.
  const bareTrips: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t1 = performance.now();
    await (await fetch(`${base}/api/health`)).text();
    bareTrips.push(performance.now() - t1);
  }
  const total: number[] = [];
  const posts: number[] = [];
  const tasksMs: number[] = [];
  const codesMs: number[] = [];
  let listed = 0;
  const workerAuth = new Map<string, Record<string, string>>();
  for (const { worker } of pools) {
    if (workerAuth.has(worker)) continue;
    const l = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: worker, password: DEMO_PASSWORD }) });
    if (!l.ok) throw new Error(`grid worker ${worker} cannot sign in: ${l.status}`);
    workerAuth.set(worker, { authorization: `Bearer ${l.headers.get('set-cookie')!.split(';')[0].split('=')[1]}` });
  }
  for (let p = 0; p < POOLS; p++) {
    const members = pools[p].members.map((m) => m.id);
    const t0 = performance.now();
    const r = await fetch(`${base}/api/lab/results`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ results: [{ barcode: `P${String(p).padStart(8, '0')}`, result: 'positive', testedAt, ctOrf1ab: 27.9, ctN: 29.3, lab: '金域检测' }] }),
    });
    const out = (await r.json()) as { applied: number; results: Array<{ followUpOpened?: boolean }> };
    if (out.applied !== 1 || !out.results[0].followUpOpened) throw new Error(`positive pool not applied: ${JSON.stringify(out).slice(0, 300)}`);
    const t1 = performance.now();
    for (let attempt = 0; ; attempt++) {
      if (attempt === 50) throw new Error(`pool ${p}: members never all appeared on their grid worker's list`);
      const tasks = (await (await fetch(`${base}/api/follow-ups/tasks`, { headers: workerAuth.get(pools[p].worker) })).json()) as { items: Array<{ personId: string }>; total: number };
      const t2 = performance.now();
      const codes = await Promise.all(members.map(async (id) => ((await (await fetch(`${base}/api/people/${id}/code`, { headers: auth })).json()) as { colour: string }).colour));
      const t3 = performance.now();
      const onList = new Set(tasks.items.map((i) => i.personId));
      if (members.every((m) => onList.has(m)) && codes.every((c) => c === 'yellow')) {
        posts.push(t1 - t0);
        tasksMs.push(t2 - t1);
        codesMs.push(t3 - t2);
        total.push(t3 - t0);
        listed = Math.max(listed, tasks.total);
        break;
      }
    }
  }
  const bareMs = quantile(bareTrips, 0.5);
  const median = (xs: number[]) => quantile(xs, 0.5);
  console.log(`\n| positive 10-in-1 pool to action (${POOLS} pools of ten people of one grid, one at a time; the grid worker's list held up to ${fmt(listed)} open tasks) | median ms | max ms | ÷ bare round trip (median) |\n| --- | --- | --- | --- |`);
  console.log(`| GET /api/health round trip (bare) | ${bareMs.toFixed(2)} | ${Math.max(...bareTrips).toFixed(2)} | 1 |`);
  console.log(`| POST /api/lab/results (one positive pool: result, follow-up, 10 tasks, 10 yellow codes) | ${median(posts).toFixed(1)} | ${Math.max(...posts).toFixed(1)} | ${(median(posts) / bareMs).toFixed(0)}× |`);
  console.log(`| GET /api/follow-ups/tasks as the members' grid worker | ${median(tasksMs).toFixed(1)} | ${Math.max(...tasksMs).toFixed(1)} | ${(median(tasksMs) / bareMs).toFixed(0)}× |`);
  console.log(`| 10 × GET /api/people/{id}/code in parallel, all yellow | ${median(codesMs).toFixed(1)} | ${Math.max(...codesMs).toFixed(1)} | ${(median(codesMs) / bareMs).toFixed(0)}× |`);
  console.log(`| result posted → tasks listed and codes yellow | ${median(total).toFixed(1)} | ${Math.max(...total).toFixed(1)} | ${(median(total) / bareMs).toFixed(0)}× |`);
  await app.close();
} finally {
  await db.close();
  await scratch?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Co-location (时空伴随) at a city's scale: the candidates of 500 new cases over 14 days of venue
 * scans of a city of N people (4 scans a day each: 56 million scans at a million people), through
 * THE query (`findCoLocations`, one index probe per visit), against a brute-force reference
 * measured in the same run on the same data: the same rows as a plain join with index scans
 * switched off, so PostgreSQL reads the whole scans table and hash-joins it with the visits. All
 * answers must be identical (row count and checksum), or the run fails.
 *
 *   npx tsx bench/tracing.ts [--db postgres|pglite] [--people 1000000] [--cases 500] [--days 14]
 *     [--scans-per-day 4] [--people-per-venue 50] [--window-minutes 30] [--seed 7]
 *   (postgres uses BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres;
 *   pglite only for small --people)
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import pino from 'pino';
import type { Database } from '../src/db/client.ts';
import { csvLine } from '../src/db/csv.ts';
import { findCoLocations, scanVisits, type CoLocationRow, type OwnedVisit } from '../src/modules/cases/co-location.ts';
import { Random, WeightedTable } from '../src/modules/simulation/random.ts';
import { loadDemoCity } from '../src/modules/simulation/load-demo-city.ts';
import { createContext } from '../src/platform/bootstrap.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createScratchDatabase } from '../test/scratch-database.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    people: { type: 'string', default: '1000000' },
    cases: { type: 'string', default: '500' },
    days: { type: 'string', default: '14' },
    'scans-per-day': { type: 'string', default: '4' },
    'people-per-venue': { type: 'string', default: '50' },
    'window-minutes': { type: 'string', default: '30' },
    seed: { type: 'string', default: '7' },
  },
});
const PEOPLE = Number(values.people);
const CASES = Number(values.cases);
const DAYS = Number(values.days);
const PER_DAY = Number(values['scans-per-day']);
const WINDOW = Number(values['window-minutes']);
const HOUR = 3_600_000;
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const started = performance.now();
/** Progress on stderr, so a long run shows where it is; the tables go to stdout. */
const phase = (what: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${what}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const since = (t: number) => (performance.now() - t) / 1000;
const rng = new Random(Number(values.seed), 'tracing-bench');
/** The machine may be shared: the 1-minute load average is printed with the results. */
const startLoad = loadavg()[0].toFixed(1);

/** Opening hours, 07:00–22:00 city time, busiest at lunch and after work. */
const HOURS = new WeightedTable(([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21] as const).map((h, i) => [h, [2, 3, 4, 4, 6, 7, 5, 4, 4, 5, 7, 7, 5, 3, 2][i]] as const));
/** Venue sizes: a few malls and stations, more supermarkets and restaurants, mostly small shops. */
const VENUE_CLASSES = [
  { type: 'mall', share: 0.02, weight: 20 },
  { type: 'supermarket', share: 0.18, weight: 4 },
  { type: 'shop', share: 0.8, weight: 1 },
];

const PAD = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** The scans of one day per chunk of CSV, in arrival order (by time), as devices upload them. */
function* scanCsv(personIds: string[], venueIds: string[], venueTable: WeightedTable<number>, dayStarts: number[]): Generator<string> {
  let k = 0;
  for (const dayStart of dayStarts) {
    const n = personIds.length * PER_DAY;
    const at = new Int32Array(n);
    const where = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      at[i] = HOURS.pick(rng) * HOUR + rng.int(0, HOUR - 1);
      where[i] = venueTable.pick(rng);
    }
    // Counting sort by second of the day.
    const start = new Int32Array(86_401);
    for (let i = 0; i < n; i++) start[((at[i] / 1000) | 0) + 1]++;
    for (let s = 1; s <= 86_400; s++) start[s] += start[s - 1];
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[start[(at[i] / 1000) | 0]++] = i;
    // City-local text (cheaper than a Date and toISOString per row): 2026-11-20 08:15:02.347+08.
    const day = new Date(dayStart + 8 * HOUR).toISOString().slice(0, 10);
    let chunk = '';
    for (let j = 0; j < n; j++) {
      const i = order[j];
      const ms = at[i];
      const time = `${day} ${PAD[(ms / HOUR) | 0]}:${PAD[((ms / 60_000) | 0) % 60]}:${PAD[((ms / 1000) | 0) % 60]}.${PAD3[ms % 1000]}+08`;
      chunk += `${(k++).toString(36)},${personIds[(i / PER_DAY) | 0]},${venueIds[where[i]]},${time},green,pass,device\n`;
      if (j % 20_000 === 19_999) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
}

/**
 * The brute-force reference: the same rows as a plain join (what findCoLocations was before it
 * probed per visit), run with index scans off, so PostgreSQL reads all of venue_scans once and
 * hash-joins it with the visits on venue_id, checking each time range on every row of a venue.
 */
const BRUTE_FORCE = `with v as (select * from unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::uuid[]) as v(venue_id, v_from, v_until, owner_id))
  select v.owner_id, s.person_id, v.venue_id, v.v_from as case_scan_at, s.scanned_at as contact_scan_at
    from v
    join venue_scans s
      on s.venue_id = v.venue_id
     and s.scanned_at >= v.v_from - make_interval(mins => $5)
     and s.scanned_at <= v.v_until + make_interval(mins => $5)
     and s.person_id <> v.owner_id
   order by v.owner_id, s.person_id, v.venue_id, v.v_from, s.scanned_at`;

type Session = Awaited<ReturnType<typeof session>>;

/** A connection of its own (settings stay on it) that `findCoLocations` can run on; it remembers the last statement for EXPLAIN. */
async function session(db: Database, url: string | undefined, settings: string[]) {
  let last: { text: string; params?: unknown[] } = { text: '' };
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const s of settings) await client.query(s);
    const query = async (text: string, params?: unknown[]) => {
      last = { text, params };
      return (await client.query(text, params)).rows;
    };
    return { database: { ...db, query } as Database, last: () => last, close: () => client.end() };
  }
  // PGlite is one connection: set, and reset when done.
  for (const s of settings) await db.query(s);
  const query = async <T,>(text: string, params?: unknown[]) => {
    last = { text, params };
    return db.query<T>(text, params);
  };
  return { database: { ...db, query } as Database, last: () => last, close: async () => void (await db.query('reset all')) };
}

/** The plan of the session's last statement, as "Sort > Nested Loop > …", and with `analyze` its execution time on the server (no rows sent). */
async function planOf(s: Session, analyze = false): Promise<{ plan: string; serverSeconds?: number }> {
  type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] };
  const { text, params } = s.last();
  const [row] = await s.database.query<{ 'QUERY PLAN': unknown }>(`explain (format json${analyze ? ', analyze, timing off' : ''}) ${text}`, params);
  const [top] = (typeof row['QUERY PLAN'] === 'string' ? JSON.parse(row['QUERY PLAN']) : row['QUERY PLAN']) as Array<{ Plan: PlanNode; 'Execution Time'?: number }>;
  const names: string[] = [];
  const walk = (p: PlanNode) => {
    names.push([p['Node Type'], p['Index Name'] ?? p['Relation Name']].filter(Boolean).join(' '));
    p.Plans?.forEach(walk);
  };
  walk(top.Plan);
  return { plan: names.join(' > '), serverSeconds: top['Execution Time'] === undefined ? undefined : top['Execution Time'] / 1000 };
}

const digest = (rows: Array<Pick<CoLocationRow, 'ownerId' | 'personId' | 'venueId' | 'caseScanAt' | 'contactScanAt'>>) => {
  const h = createHash('sha256');
  for (const r of rows) h.update(`${r.ownerId}|${r.personId}|${r.venueId}|${r.caseScanAt.getTime()}|${r.contactScanAt.getTime()}\n`);
  return h.digest('hex').slice(0, 16);
};

const scratch = values.db === 'postgres' ? await createScratchDatabase(PG_URL, 'yipan_bench') : undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'yipan-bench-tracing-'));
const config = { ...loadConfig({}), dataDir, databaseUrl: scratch?.url, secretKey: 'bench-secret-key-bench-secret-key-0123', logLevel: 'warn' };
const ctx = await createContext(config, { log: pino({ level: 'warn' }) });
const db = ctx.database;
try {
  phase(`seeding a demo city of ${fmt(PEOPLE)}`);
  let t = performance.now();
  // The registry and the tree only (seedDemoCity would add the demo outbreak's venues and scans).
  await loadDemoCity(db, ctx.keys, { population: PEOPLE, seed: 7, passwordHash: 'scrypt$bench' });
  const seedSeconds = since(t);
  const personIds = (await db.query<{ id: string }>('select id from people order by id')).map((r) => r.id);
  const communities = await db.query<{ id: string; path: string }>(`select id, path from jurisdictions where level = 'community' order by code`);

  // Venues: one per PEOPLE_PER_VENUE people, in the city's communities.
  const venueCount = Math.ceil(PEOPLE / Number(values['people-per-venue']));
  const venueWeights: Array<readonly [number, number]> = [];
  const venueRows: string[] = [];
  for (let i = 0; i < venueCount; i++) {
    const c = VENUE_CLASSES[rng.next() < 0.02 ? 0 : rng.next() < 0.18 / 0.98 ? 1 : 2];
    const j = rng.pick(communities);
    venueRows.push(csvLine([`B${String(i).padStart(7, '0')}`, `${c.type} ${i}`, c.type, j.id, j.path]));
    venueWeights.push([i, c.weight]);
  }
  await db.copyCsv('venues', ['code', 'name', 'type', 'jurisdiction_id', 'jurisdiction_path'], venueRows.join(''));
  const venueIds = (await db.query<{ id: string }>(`select id from venues order by code`)).map((r) => r.id);
  const venueTable = new WeightedTable(venueWeights);

  // The last DAYS whole days in the city (UTC+8), before today.
  const today = Date.parse(`${new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10)}T00:00:00+08:00`);
  const dayStarts = Array.from({ length: DAYS }, (_, d) => today - (DAYS - d) * 24 * HOUR);
  const from = new Date(dayStarts[0]);
  const until = new Date(today);
  const totalScans = PEOPLE * PER_DAY * DAYS;

  // The load: without the indexes and foreign keys (built once, after), unlogged (no WAL: the
  // scratch database is thrown away, and reads do not depend on it).
  phase(`loading ${fmt(totalScans)} scans`);
  const INDEXES = [
    'alter table venue_scans add constraint venue_scans_pkey primary key (id)',
    'alter table venue_scans add constraint venue_scans_event_id_unique unique (event_id)',
    'create index venue_scans_venue_idx on venue_scans (venue_id, scanned_at)',
    'create index venue_scans_person_idx on venue_scans (person_id, scanned_at)',
    'create index venue_scans_at_idx on venue_scans (scanned_at)',
    'alter table venue_scans add constraint venue_scans_person_id_people_id_fk foreign key (person_id) references people (id) not valid',
    'alter table venue_scans add constraint venue_scans_venue_id_venues_id_fk foreign key (venue_id) references venues (id) not valid',
  ];
  await db.query(`alter table venue_scans drop constraint venue_scans_pkey, drop constraint venue_scans_event_id_unique,
    drop constraint venue_scans_person_id_people_id_fk, drop constraint venue_scans_venue_id_venues_id_fk, alter column id set cache 10000`);
  await db.query('drop index venue_scans_venue_idx, venue_scans_person_idx, venue_scans_at_idx');
  await db.query('alter table venue_scans set unlogged');
  const columns = 'event_id, person_id, venue_id, scanned_at, colour_shown, result, source';
  t = performance.now();
  if (scratch) {
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      await pipeline(Readable.from(scanCsv(personIds, venueIds, venueTable, dayStarts)), client.query(copyFrom(`COPY venue_scans (${columns}) FROM STDIN WITH (FORMAT csv)`)));
    } finally {
      await client.end();
    }
  } else {
    // PGlite takes COPY from a blob: 200,000 rows at a time.
    let batch: string[] = [];
    const flush = async () => {
      if (batch.length) await db.copyCsv('venue_scans', columns.split(', '), batch.join(''));
      batch = [];
    };
    for (const chunk of scanCsv(personIds, venueIds, venueTable, dayStarts)) {
      batch.push(chunk);
      if (batch.length === 10) await flush();
    }
    await flush();
  }
  const copySeconds = since(t);
  phase(`COPY done in ${copySeconds.toFixed(0)} s; building indexes`);
  t = performance.now();
  const indexSession = await session(db, scratch?.url, scratch ? ["set maintenance_work_mem = '1GB'"] : []);
  for (const ddl of INDEXES) await indexSession.database.query(ddl);
  await indexSession.close();
  const indexSeconds = since(t);
  phase(`indexes built in ${indexSeconds.toFixed(0)} s; vacuum analyze`);
  t = performance.now();
  await db.query('vacuum analyze venue_scans');
  const vacuumSeconds = since(t);
  const [size] = await db.query<{ heap: string; indexes: string }>(
    `select pg_size_pretty(pg_table_size('venue_scans')) as heap, pg_size_pretty(pg_indexes_size('venue_scans')) as indexes`,
  );
  const [{ n: scans }] = await db.query<{ n: number }>('select count(*)::int as n from venue_scans');
  if (scans !== totalScans) throw new Error(`loaded ${scans} scans, expected ${totalScans}`);

  // 500 new cases: random people; their visits are their own scans in the exposure window.
  const picked = new Set<number>();
  while (picked.size < Math.min(CASES, PEOPLE)) picked.add(rng.int(0, PEOPLE - 1));
  // In id order, so per-case answers concatenate into the one-statement answer's order.
  const cases = [...picked].map((i) => personIds[i]).sort();
  phase(`scanVisits for ${cases.length} cases`);
  t = performance.now();
  const visitsByCase: OwnedVisit[][] = [];
  for (const c of cases) visitsByCase.push(await scanVisits(db, c, from, until));
  const visitsSeconds = since(t);
  const visits = visitsByCase.flat();

  type Found = Pick<CoLocationRow, 'ownerId' | 'personId' | 'venueId' | 'caseScanAt' | 'contactScanAt'>;
  const measure = async (label: string, settings: string[], run: (s: Session) => Promise<{ rows: Found[]; times?: number[] }>) => {
    phase(label);
    const s = await session(db, scratch?.url, settings);
    try {
      const t0 = performance.now();
      const { rows, times = [] } = await run(s);
      const seconds = since(t0);
      const found = { label, seconds, rows: rows.length, digest: digest(rows), times: times.sort((a, b) => a - b) };
      // Once more under EXPLAIN ANALYZE: the server's share, without sending and parsing the rows.
      return { ...found, ...(await planOf(s, times.length === 0)) };
    } finally {
      await s.close();
    }
  };
  const indexed = (vs: OwnedVisit[]) => async (s: Session) => ({ rows: await findCoLocations(s.database, vs, WINDOW) });
  const bruteForce = (vs: OwnedVisit[]) => async (s: Session) => {
    const params = [vs.map((v) => v.venueId), vs.map((v) => v.from.toISOString()), vs.map((v) => v.until.toISOString()), vs.map((v) => v.ownerId), WINDOW];
    const rows = await s.database.query<{ owner_id: string; person_id: string; venue_id: string; case_scan_at: Date | string; contact_scan_at: Date | string }>(BRUTE_FORCE, params);
    return { rows: rows.map((r) => ({ ownerId: r.owner_id, personId: r.person_id, venueId: r.venue_id, caseScanAt: new Date(r.case_scan_at), contactScanAt: new Date(r.contact_scan_at) })) };
  };
  const FULL_SCAN = ['set enable_indexscan = off', 'set enable_bitmapscan = off', 'set enable_indexonlyscan = off', 'set enable_mergejoin = off', 'set enable_nestloop = off'];
  const first = await measure('findCoLocations, one statement for all cases', [], indexed(visits));
  const second = await measure('findCoLocations, one statement for all cases (again)', [], indexed(visits));
  const perCase = await measure(`findCoLocations, one statement per case (${cases.length})`, [], async (s) => {
    const rows: Found[] = [];
    const times: number[] = [];
    for (const v of visitsByCase) {
      const t1 = performance.now();
      for (const r of await findCoLocations(s.database, v, WINDOW)) rows.push(r);
      times.push(performance.now() - t1);
    }
    return { rows, times };
  });
  const brute = await measure('brute force: the same rows as a plain join, full scan + hash join', FULL_SCAN, bruteForce(visits));
  const oneCase = visitsByCase[0];
  const one = await measure(`findCoLocations, one case (${oneCase.length} visits)`, [], indexed(oneCase));
  const oneBrute = await measure('brute force, the same case', FULL_SCAN, bruteForce(oneCase));
  // What if: the index also carried person_id, so a probe need not visit the table at all.
  phase('what if: a covering index');
  t = performance.now();
  const ddl = await session(db, scratch?.url, scratch ? ["set maintenance_work_mem = '1GB'"] : []);
  await ddl.database.query('create index venue_scans_venue_cover_idx on venue_scans (venue_id, scanned_at) include (person_id)');
  await ddl.close();
  const coverSeconds = since(t);
  const covered = await measure('findCoLocations, one statement for all cases, with a covering index', [], indexed(visits));
  for (const r of [second, perCase, brute, covered]) {
    if (r.rows !== first.rows || r.digest !== first.digest) throw new Error(`${r.label}: ${r.rows} rows (${r.digest}), but the indexed query gave ${first.rows} (${first.digest})`);
  }
  if (oneBrute.rows !== one.rows || oneBrute.digest !== one.digest) throw new Error(`one case: brute force ${oneBrute.rows} rows (${oneBrute.digest}), indexed ${one.rows} (${one.digest})`);

  console.log(
    `tracing benchmark: ${values.db}, ${fmt(PEOPLE)} people (demo city seeded in ${seedSeconds.toFixed(0)} s), ${fmt(venueCount)} venues, ${fmt(scans)} scans over ${DAYS} days; ${cpus().length} cores (${cpus()[0].model}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}; load average at start ${startLoad}, now ${loadavg()[0].toFixed(1)}`,
  );
  console.log(`\n| loading ${fmt(scans)} scans (table ${size.heap}, indexes ${size.indexes}) | seconds | rows/s |\n| --- | --- | --- |`);
  console.log(`| generate in Node + COPY (streamed, unlogged, no indexes) | ${copySeconds.toFixed(0)} | ${fmt(scans / copySeconds)} |`);
  console.log(`| primary key, event_id unique, 3 indexes, 2 foreign keys (not valid) | ${indexSeconds.toFixed(0)} | |`);
  console.log(`| vacuum analyze | ${vacuumSeconds.toFixed(0)} | |`);
  console.log(`| total | ${(copySeconds + indexSeconds + vacuumSeconds).toFixed(0)} | |`);
  const best = Math.min(first.seconds, second.seconds);
  const bestServer = Math.min(first.serverSeconds!, second.serverSeconds!);
  console.log(`\n| co-location, ± ${WINDOW} min: ${cases.length} cases, ${fmt(visits.length)} visits (their own scans over ${DAYS} days) | seconds (rows received and parsed) | server seconds (EXPLAIN ANALYZE) | rows | checksum |\n| --- | --- | --- | --- | --- |`);
  console.log(`| scanVisits × ${cases.length} (the cases' visits, person index) | ${visitsSeconds.toFixed(2)} | | ${fmt(visits.length)} | |`);
  const row = (r: typeof first, note = '') => console.log(`| ${r.label}${note} | ${r.seconds.toFixed(2)} | ${r.serverSeconds?.toFixed(3) ?? ''} | ${fmt(r.rows)} | ${r.digest} |`);
  const q = (p: number) => perCase.times[Math.min(perCase.times.length - 1, Math.floor(p * perCase.times.length))];
  for (const r of [first, second]) row(r);
  row(perCase, ` — per case median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${q(1).toFixed(1)} ms`);
  row(brute);
  row(covered, ` (built in ${coverSeconds.toFixed(0)} s)`);
  row(one);
  row(oneBrute);
  console.log(`\nbrute force ÷ indexed, all cases in one statement: ${(brute.seconds / best).toFixed(1)}× as received, ${(brute.serverSeconds! / bestServer).toFixed(1)}× on the server; against one statement per case: ${(brute.seconds / perCase.seconds).toFixed(1)}×`);
  console.log(`brute force ÷ indexed, one case: ${(oneBrute.seconds / one.seconds).toFixed(0)}× as received, ${(oneBrute.serverSeconds! / one.serverSeconds!).toFixed(0)}× on the server`);
  console.log(`covering index: ${(best / covered.seconds).toFixed(1)}× as received, ${(bestServer / covered.serverSeconds!).toFixed(1)}× on the server`);
  console.log(`identical answers: ${fmt(first.rows)} rows, checksum ${first.digest} (indexed ×4, brute force); one case ${fmt(one.rows)} rows, ${one.digest}`);
  console.log(`plan, indexed: ${first.plan}\nplan, covering index: ${covered.plan}\nplan, brute force: ${brute.plan}`);
} finally {
  await db.close();
  await scratch?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * People import throughput, through the HTTP API (streamed CSV, validation, encryption, upsert),
 * next to raw COPY of the same rows into the same database in the same run. The figure is the
 * ratio; absolute numbers depend on the machine.
 *
 *   npx tsx bench/people-import.ts [--rows 200000] [--db pglite|postgres|both]
 *   (postgres uses BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { csvLine, pgTextArray } from '../src/db/csv.ts';
import { checkDigit, maskDocumentNumber } from '../src/modules/people/id-number.ts';
import { createContext, ensureAdmin } from '../src/platform/bootstrap.ts';
import { loadConfig } from '../src/platform/config.ts';
import { buildApp } from '../src/server.ts';
import { createScratchDatabase } from '../test/scratch-database.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '200000' }, db: { type: 'string', default: 'both' } } });
const ROWS = Number(values.rows);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Deterministic valid people: region 410102, birth dates over 90 years, 1,000 per day. */
function* people(n: number) {
  const start = Date.UTC(1935, 0, 1);
  for (let i = 0; i < n; i++) {
    const day = new Date(start + Math.floor(i / 1000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const first17 = `410102${day}${String(i % 1000).padStart(3, '0')}`;
    yield { idNumber: first17 + checkDigit(first17), name: `测试${i}`, phone: `13${String(i).padStart(9, '0')}` };
  }
}

function writeCsv(file: string): number {
  const chunks: string[] = ['id_number,name,phone,groups\n'];
  let i = 0;
  for (const p of people(ROWS)) chunks.push(csvLine([p.idNumber, p.name, p.phone, i++ % 7 === 0 ? 'elderly_alone' : '']));
  writeFileSync(file, chunks.join(''));
  return statSync(file).size;
}

async function runOne(kind: 'pglite' | 'postgres', csvFile: string, csvBytes: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'yipan-bench-'));
  const pgdb = kind === 'postgres' ? await createScratchDatabase(PG_URL, 'yipan_bench') : undefined;
  const config = { ...loadConfig({}), dataDir, databaseUrl: pgdb?.url, secretKey: 'bench-secret-key-bench-secret-key-0123' };
  const ctx = await createContext(config, { log: pino({ level: 'warn' }) });
  await ensureAdmin(ctx, 'bench-password-123');
  const app = await buildApp(ctx, { serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'bench-password-123' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const { csrfToken } = (await login.json()) as { csrfToken: string };

    // 1. Through the API, as `yipan import people` sends it.
    let t = performance.now();
    const res = await fetch(`${base}/api/people/import?fileName=bench.csv`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie, 'x-csrf-token': csrfToken },
      body: createReadStream(csvFile) as never,
      duplex: 'half',
    } as RequestInit);
    const summary = (await res.json()) as { imported: number; rejected: number };
    const apiSeconds = (performance.now() - t) / 1000;
    if (summary.imported !== ROWS) throw new Error(`expected ${ROWS} imported, got ${JSON.stringify(summary).slice(0, 300)}`);

    // 2. A second import of the same file: every row is an update.
    t = performance.now();
    const again = await fetch(`${base}/api/people/import`, { method: 'POST', headers: { 'content-type': 'text/csv', cookie, 'x-csrf-token': csrfToken }, body: createReadStream(csvFile) as never, duplex: 'half' } as RequestInit);
    await again.json();
    const updateSeconds = (performance.now() - t) / 1000;

    // 3. Baseline: raw COPY of the same CSV into a bare table of the same columns.
    const { readFileSync } = await import('node:fs');
    const body = readFileSync(csvFile, 'utf8').split('\n').slice(1).join('\n');
    await ctx.database.query('create table bench_raw (id_number text, name text, phone text, groups text)');
    t = performance.now();
    await ctx.database.copyCsv('bench_raw', ['id_number', 'name', 'phone', 'groups'], body);
    const rawSeconds = (performance.now() - t) / 1000;

    // 4. Baseline: COPY of the rows already in final form (encrypted, hashed, masked) into a
    //    copy of the people table with all its indexes: the database's share of the work.
    const [{ id: cityId, path }] = await ctx.database.query<{ id: string; path: string }>('select id, path from jurisdictions limit 1');
    const finalRows: string[] = [];
    for (const p of people(ROWS)) {
      finalRows.push(csvLine([p.name, 'resident_id', ctx.keys.encrypt(p.idNumber), ctx.keys.lookupHash(p.idNumber), maskDocumentNumber('resident_id', p.idNumber), p.phone, cityId, path, pgTextArray([])]));
    }
    await ctx.database.query('create table bench_people (like people including all)');
    t = performance.now();
    await ctx.database.copyCsv('bench_people', ['name', 'document_type', 'id_number_cipher', 'id_number_hash', 'id_number_masked', 'phone', 'jurisdiction_id', 'jurisdiction_path', 'groups'], finalRows.join(''));
    const finalSeconds = (performance.now() - t) / 1000;

    return { kind, apiSeconds, updateSeconds, rawSeconds, finalSeconds, mb: csvBytes / 1e6 };
  } finally {
    await app.close();
    await ctx.database.close();
    await pgdb?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const dir = mkdtempSync(join(tmpdir(), 'yipan-bench-csv-'));
const csvFile = join(dir, 'people.csv');
const bytes = writeCsv(csvFile);
const kinds = values.db === 'both' ? (['pglite', 'postgres'] as const) : [values.db as 'pglite' | 'postgres'];
const rate = (s: number) => Math.round(ROWS / s).toLocaleString('en-US');
console.log(`people import benchmark: ${ROWS.toLocaleString('en-US')} rows (${(bytes / 1e6).toFixed(1)} MB CSV), ${cpus().length} cores (${cpus()[0].model}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`);
console.log('| database | API import rows/s | API re-import (updates) rows/s | raw COPY of the CSV rows/s | COPY of final rows into people-shaped table rows/s | import ÷ raw COPY | import ÷ final COPY |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const kind of kinds) {
  const r = await runOne(kind, csvFile, bytes);
  console.log(`| ${kind} | ${rate(r.apiSeconds)} | ${rate(r.updateSeconds)} | ${rate(r.rawSeconds)} | ${rate(r.finalSeconds)} | ${(r.rawSeconds / r.apiSeconds).toFixed(3)} | ${(r.finalSeconds / r.apiSeconds).toFixed(3)} |`);
}
rmSync(dir, { recursive: true, force: true });

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { SQL } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** Anything queries can run on: the database or a transaction inside it. */
export type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'delete' | 'execute' | 'transaction'>;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Rows of a raw SQL statement, the same shape on both drivers. */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** A raw parameterised statement; JS arrays bind as PostgreSQL arrays (for `unnest` bulk writes). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * Bulk-load CSV text into a table with COPY. `prepare` runs first in the same transaction
   * (e.g. to create a temporary staging table) and `finish` after (e.g. to merge from it).
   */
  copyCsv(
    table: string,
    columns: string[],
    csv: string,
    hooks?: { prepare?: string; finish?: string },
  ): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** Opens PostgreSQL through `DATABASE_URL` when given, otherwise the embedded PGlite in `dataDir`. */
export async function openDatabase(opts: { databaseUrl?: string; dataDir?: string }): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts.dataDir);
}

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt
 * it, and PGlite's own pid file cannot tell a live owner from a crashed one. So we keep our own.
 */
function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'yipan.pid');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(`The embedded database in ${dataDir} is in use by process ${pid}. Stop that process, or go through its API (--server), or use DATABASE_URL.`);
    }
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  const client = dataDir ? await PGlite.create(`${dataDir}/pg`) : await PGlite.create();
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    rows: async (query) => ((await db.execute(query)) as unknown as { rows: never }).rows,
    query: async (text, params) => (await client.query(text, params)).rows as never,
    async copyCsv(table, columns, csv, hooks) {
      return client.transaction(async (tx) => {
        if (hooks?.prepare) await tx.exec(hooks.prepare);
        await tx.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
          blob: new Blob([csv]),
        });
        return hooks?.finish ? (await tx.query<Record<string, unknown>>(hooks.finish)).rows : [];
      });
    },
    close: async () => {
      await client.close();
      unlock();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A dropped idle connection must not take the server down with it.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    rows: async (query) => ((await db.execute(query)) as unknown as { rows: never }).rows,
    query: async (text, params) => (await pool.query(text, params)).rows as never,
    async copyCsv(table, columns, csv, hooks) {
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        if (hooks?.prepare) await conn.query(hooks.prepare);
        const sink = conn.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
        await pipeline(Readable.from([csv]), sink);
        const out = hooks?.finish ? (await conn.query(hooks.finish)).rows : [];
        await conn.query('COMMIT');
        return out;
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Rows of a raw SQL statement inside a transaction (the `Database.rows` of an Executor). */
export async function txRows<T = Record<string, unknown>>(tx: Executor, query: SQL): Promise<T[]> {
  return ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
}

import { createHash } from 'node:crypto';
import type { Database } from '../../db/client.ts';
import { csvLine, pgTextArray } from '../../db/csv.ts';
import type { PersonalDataKeys } from '../../platform/crypto.ts';
import { maskDocumentNumber } from '../people/id-number.ts';
import { generateCity, type JurisdictionSeed } from './generate-city.ts';

/**
 * Loads the demo city into the database with COPY, a chunk of rows at a time, never row by
 * row. Memory stays bounded at any population: rows stream from the generator's iterables and
 * every id is derived from the row's code (a name-based UUID), so no code → id map is kept.
 *
 * Order respects the foreign keys: jurisdictions parent before child (depth first, so a parent
 * is always in the same or an earlier COPY), then accounts, then grids, then people.
 */

export interface LoadDemoCityOptions {
  seed?: number;
  population?: number;
  /** Stored for every demo account. */
  passwordHash: string;
  /**
   * The day ages are counted on. Defaults to today (UTC), so a live demo's infants are infants;
   * pass a fixed date to load exactly the same people on any day.
   */
  asOf?: string;
  /** Rows per COPY; 20,000 by default. */
  chunkSize?: number;
  /** Rows written so far out of all rows to write (jurisdictions, accounts, grids and people). */
  onProgress?: (done: number, total: number) => void;
}

export interface LoadDemoCityResult {
  jurisdictions: number;
  grids: number;
  people: number;
  accounts: number;
}

// A fixed namespace for the demo's name-based (version 5) UUIDs.
const NAMESPACE = Buffer.from('6f1f3c2e9b7d4a51a3e8d0c4b5a69e27', 'hex');

/**
 * The UUID of a demo row: a version-5 UUID of the seed, the kind and the row's natural key
 * (a code or a username), so parents, households and grids can be referenced without lookups.
 */
export function demoUuid(seed: number, kind: 'jurisdiction' | 'grid' | 'account', key: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(`${seed}/${kind}/${key}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Collects CSV lines and COPYs them a chunk at a time, building the next chunk while one is written. */
class CopyWriter {
  private lines: string[] = [];
  private pending: Promise<void> = Promise.resolve();
  written = 0;

  constructor(
    private readonly database: Database,
    private readonly table: string,
    private readonly columns: string[],
    private readonly chunkSize: number,
    private readonly onWritten: (rows: number) => void,
  ) {}

  /** Queues a line; returns a promise only when a chunk is being sent (await it). */
  add(line: string): Promise<void> | undefined {
    this.lines.push(line);
    return this.lines.length >= this.chunkSize ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    // One COPY at a time per table, in order: a child's chunk never overtakes its parent's.
    await this.pending;
    if (this.lines.length === 0) return;
    const lines = this.lines;
    this.lines = [];
    const copy = this.database.copyCsv(this.table, this.columns, lines.join('')).then(() => {
      this.written += lines.length;
      this.onWritten(lines.length);
    });
    copy.catch(() => undefined); // awaited by the next flush or by finish()
    this.pending = copy;
  }

  async finish(): Promise<number> {
    await this.flush();
    await this.pending;
    return this.written;
  }
}

const todayUtc = () => new Date().toISOString().slice(0, 10);

export async function loadDemoCity(
  database: Database,
  keys: PersonalDataKeys,
  opts: LoadDemoCityOptions,
): Promise<LoadDemoCityResult> {
  const seed = opts.seed ?? 1;
  const chunkSize = opts.chunkSize ?? 20_000;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  const city = generateCity({ seed, population: opts.population, asOf: opts.asOf ?? todayUtc() });
  const id = (kind: 'jurisdiction' | 'grid' | 'account', key: string) => demoUuid(seed, kind, key);

  const counts = city.counts();
  const totalJurisdictions =
    counts.city + counts.district + counts.street + counts.community + counts.compound + counts.building + counts.unit + counts.household;
  const total = totalJurisdictions + counts.accounts + counts.grids + counts.people;
  let done = 0;
  const progress = (rows: number) => {
    done += rows;
    opts.onProgress?.(done, total);
  };
  const writer = (table: string, columns: string[]) => new CopyWriter(database, table, columns, chunkSize, progress);

  // Jurisdictions, depth first. The parent of a node is the last node seen one level up.
  const jurisdictionRows = writer('jurisdictions', ['id', 'code', 'name', 'level', 'parent_id', 'path', 'depth', 'grid_id']);
  const lastAtDepth: Array<{ code: string; id: string }> = [];
  const parentId = (node: JurisdictionSeed): string | null => {
    if (node.parentCode === null) return null;
    const parent = lastAtDepth[node.depth - 1];
    return parent?.code === node.parentCode ? parent.id : id('jurisdiction', node.parentCode);
  };
  for (const node of city.jurisdictions) {
    const nodeId = id('jurisdiction', node.code);
    const sent = jurisdictionRows.add(
      csvLine([
        nodeId,
        node.code,
        node.name,
        node.level,
        parentId(node),
        node.path,
        node.depth,
        node.gridCode ? id('grid', node.gridCode) : null,
      ]),
    );
    if (sent) await sent;
    lastAtDepth[node.depth] = { code: node.code, id: nodeId };
  }
  const jurisdictions = await jurisdictionRows.finish();

  const accountRows = writer('accounts', ['id', 'username', 'display_name', 'password_hash', 'role', 'jurisdiction_id']);
  for (const a of city.accounts) {
    await accountRows.add(
      csvLine([id('account', a.username), a.username, a.displayName, opts.passwordHash, a.role, id('jurisdiction', a.jurisdictionCode)]),
    );
  }
  const accounts = await accountRows.finish();

  const gridRows = writer('grids', ['id', 'code', 'name', 'community_id', 'path', 'worker_account_id']);
  for (const g of city.grids) {
    await gridRows.add(
      csvLine([
        id('grid', g.code),
        g.code,
        g.name,
        id('jurisdiction', g.communityCode),
        g.path,
        g.workerUsername ? id('account', g.workerUsername) : null,
      ]),
    );
  }
  const grids = await gridRows.finish();

  const peopleRows = writer('people', [
    'name',
    'document_type',
    'id_number_cipher',
    'id_number_hash',
    'id_number_masked',
    'phone',
    'sex',
    'birth_date',
    'jurisdiction_id',
    'jurisdiction_path',
    'household_id',
    'address',
    'residency',
    'groups',
  ]);
  let household = { code: '', id: '' };
  for (const p of city.people) {
    if (p.householdCode !== household.code) household = { code: p.householdCode, id: id('jurisdiction', p.householdCode) };
    const sent = peopleRows.add(
      csvLine([
        p.name,
        'resident_id',
        keys.encrypt(p.idNumber),
        keys.lookupHash(p.idNumber),
        maskDocumentNumber('resident_id', p.idNumber),
        p.phone,
        p.sex,
        p.birthDate,
        household.id,
        p.householdPath,
        household.id,
        p.address,
        p.residency,
        pgTextArray(p.groups),
      ]),
    );
    if (sent) await sent;
  }
  const people = await peopleRows.finish();

  return { jurisdictions, grids, people, accounts };
}

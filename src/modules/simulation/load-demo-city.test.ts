import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { createPersonalDataKeys } from '../../platform/crypto.ts';
import { generateCity } from './generate-city.ts';
import { demoUuid, loadDemoCity } from './load-demo-city.ts';

const AS_OF = '2022-05-01';
const POPULATION = 3_000;

test('loads a 3,000-person demo city into PGlite with COPY', async (t) => {
  const database = await openDatabase({});
  t.after(() => database.close());
  await migrate(database);
  const keys = createPersonalDataKeys(Buffer.alloc(32, 7));
  const city = generateCity({ seed: 5, population: POPULATION, asOf: AS_OF });
  const expected = city.counts();

  const progress: Array<[number, number]> = [];
  // Small chunks, so parents and children land in different COPYs.
  const result = await loadDemoCity(database, keys, {
    seed: 5,
    population: POPULATION,
    asOf: AS_OF,
    passwordHash: 'scrypt$test',
    chunkSize: 700,
    onProgress: (done, total) => progress.push([done, total]),
  });
  const n = async (query: ReturnType<typeof sql>) => (await database.rows<{ n: number }>(query))[0].n;

  await t.test('row counts', async () => {
    const jurisdictions = expected.city + expected.district + expected.street + expected.community + expected.compound
      + expected.building + expected.unit + expected.household;
    assert.deepEqual(result, { jurisdictions, grids: expected.grids, people: POPULATION, accounts: 13 });
    assert.equal(await n(sql`select count(*)::int as n from people`), POPULATION);
    assert.equal(await n(sql`select count(*)::int as n from jurisdictions`), jurisdictions);
    assert.equal(await n(sql`select count(*)::int as n from grids`), expected.grids);
    assert.equal(await n(sql`select count(*)::int as n from accounts`), 13);
    const levels = await database.rows<{ level: string; n: number }>(
      sql`select level, count(*)::int as n from jurisdictions group by level`,
    );
    for (const { level, n: count } of levels) assert.equal(count, expected[level as keyof typeof expected], level);
    const total = jurisdictions + 13 + expected.grids + POPULATION;
    assert.deepEqual(progress.at(-1), [total, total]);
    assert.ok(progress.length > 5 && progress.every(([done], i) => i === 0 || done > progress[i - 1][0]));
  });

  await t.test('the tree hangs together: parents, paths, depths', async () => {
    assert.equal(
      await n(sql`select count(*)::int as n from jurisdictions c join jurisdictions p on p.id = c.parent_id
        where c.path <> p.path || c.code || '/' or c.depth <> p.depth + 1`),
      0,
    );
    assert.equal(await n(sql`select count(*)::int as n from jurisdictions where parent_id is null`), 1);
    assert.equal(await n(sql`select count(*)::int as n from jurisdictions where parent_id is null and path = '/410100/' and depth = 0`), 1);
  });

  await t.test("people hang under their household and carry its path", async () => {
    assert.equal(
      await n(sql`select count(*)::int as n from people p join jurisdictions h on h.id = p.household_id
        where h.level = 'household' and p.jurisdiction_id = h.id and p.jurisdiction_path like h.path || '%'`),
      POPULATION,
    );
    assert.equal(await n(sql`select count(*)::int as n from people where document_type <> 'resident_id'`), 0);
    assert.equal(await n(sql`select count(*)::int as n from people where cardinality(groups) > 0`) > 0, true);
  });

  await t.test('a person found by lookup hash decrypts to the right ID number', async () => {
    const people = [...city.people];
    for (const person of [people[0], people[1234], people.at(-1)!]) {
      const rows = await database.rows<Record<string, string>>(
        sql`select name, id_number_cipher, id_number_masked, phone, sex, to_char(birth_date, 'YYYY-MM-DD') as birth_date,
          address, residency, groups::text as groups, jurisdiction_path
          from people where id_number_hash = ${keys.lookupHash(person.idNumber)}`,
      );
      assert.equal(rows.length, 1);
      const row = rows[0];
      assert.equal(keys.decrypt(row.id_number_cipher), person.idNumber);
      assert.equal(row.id_number_masked, `${person.idNumber.slice(0, 4)}**********${person.idNumber.slice(-4)}`);
      assert.deepEqual(
        [row.name, row.phone, row.sex, row.birth_date, row.address, row.residency, row.jurisdiction_path],
        [person.name, person.phone, person.sex, person.birthDate, person.address, person.residency, person.householdPath],
      );
      assert.equal(row.groups, `{${person.groups.join(',')}}`);
    }
  });

  await t.test("every account's jurisdiction exists; the grid worker serves a grid", async () => {
    const accounts = await database.rows<{ username: string; role: string; level: string | null; password_hash: string }>(
      sql`select a.username, a.role, j.level, a.password_hash from accounts a left join jurisdictions j on j.id = a.jurisdiction_id`,
    );
    assert.equal(accounts.length, 13);
    for (const a of accounts) {
      assert.ok(a.level, `${a.username} has no jurisdiction`);
      assert.equal(a.password_hash, 'scrypt$test');
    }
    const workers = await database.rows<{ username: string; same_community: boolean }>(
      sql`select a.username, g.community_id = a.jurisdiction_id as same_community
        from grids g join accounts a on a.id = g.worker_account_id`,
    );
    assert.deepEqual(workers, [{ username: 'demo_grid_worker', same_community: true }]);
  });

  await t.test('buildings point at grids of their own community', async () => {
    assert.equal(await n(sql`select count(*)::int as n from jurisdictions where grid_id is not null and level <> 'building'`), 0);
    assert.equal(
      await n(sql`select count(*)::int as n from jurisdictions b join grids g on g.id = b.grid_id
        join jurisdictions c on c.id = g.community_id where b.path like c.path || '%'`),
      expected.building,
    );
    assert.equal(
      await n(sql`select count(*)::int as n from grids g join jurisdictions c on c.id = g.community_id
        where c.level = 'community' and g.path = c.path || g.code || '/'`),
      expected.grids,
    );
  });

  await t.test('ids are the name-based demo UUIDs', async () => {
    const [row] = await database.rows<{ id: string }>(sql`select id::text as id from jurisdictions where code = '410100'`);
    assert.equal(row.id, demoUuid(5, 'jurisdiction', '410100'));
    assert.match(row.id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

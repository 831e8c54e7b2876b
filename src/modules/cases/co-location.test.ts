import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createScratchDatabase } from '../../../test/scratch-database.ts';
import { openDatabase, type Database } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { jurisdictions } from '../jurisdictions/jurisdictions.table.ts';
import { people } from '../people/people.table.ts';
import { Random } from '../simulation/random.ts';
import { venues, venueScans } from '../venues/venues.table.ts';
import { findCoLocations, scanVisits, type CoLocationRow, type OwnedVisit } from './co-location.ts';
import { coLocationsBruteForce, type CoLocation, type Scan } from './contact-rules.ts';

const MIN = 60_000;
const T0 = Date.parse('2026-11-20T08:00:00+08:00');

/** One comparable line per row; both sides are sorted the same way before comparing. */
const key = (ownerId: string, r: CoLocation) => `${ownerId}|${r.personId}|${r.venueId}|${r.caseScanAt.toISOString()}|${r.contactScanAt.toISOString()}`;
const keysOf = (rows: CoLocationRow[]) => rows.map((r) => key(r.ownerId, r)).sort();

describe('findCoLocations: the indexed query returns exactly the brute-force reference', () => {
  let database: Database;
  let drop = async () => undefined as void;
  let jurisdictionId: string;
  let n = 0;

  const addPeople = async (count: number) => {
    const rows = Array.from({ length: count }, () => {
      n++;
      return { name: `测试${n}`, documentType: 'resident_id', idNumberCipher: 'x', idNumberHash: `hash-${n}`, idNumberMasked: `4101**${n}`, phone: '13700000000', jurisdictionId, jurisdictionPath: '/410100/' };
    });
    return (await database.db.insert(people).values(rows).returning({ id: people.id })).map((r) => r.id);
  };
  const addVenues = async (count: number) => {
    const rows = Array.from({ length: count }, () => {
      n++;
      return { code: `V${String(n).padStart(7, '0')}`, name: `场所${n}`, type: 'mall', jurisdictionId, jurisdictionPath: '/410100/' };
    });
    return (await database.db.insert(venues).values(rows).returning({ id: venues.id })).map((r) => r.id);
  };
  const addScans = async (scans: Scan[]) => {
    for (let i = 0; i < scans.length; i += 1000) {
      await database.db.insert(venueScans).values(
        scans.slice(i, i + 1000).map((s) => ({ eventId: `e-${++n}`, personId: s.personId, venueId: s.venueId, scannedAt: s.scannedAt, colourShown: 'green', result: 'pass', source: 'device' })),
      );
    }
  };

  before(async () => {
    const scratch = process.env.TEST_DATABASE_URL ? await createScratchDatabase(process.env.TEST_DATABASE_URL) : undefined;
    database = await openDatabase({ databaseUrl: scratch?.url });
    drop = async () => {
      await database.close();
      await scratch?.drop();
    };
    await migrate(database);
    const [j] = await database.db.insert(jurisdictions).values({ code: '410100', name: '示范市', level: 'city', path: '/410100/', depth: 0 }).returning({ id: jurisdictions.id });
    jurisdictionId = j.id;
  });
  after(() => drop());

  test('random cities: one person, several at once, and visits that span time', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const rng = new Random(seed, 'co-location');
      const who = await addPeople(rng.int(8, 25));
      const where = await addVenues(rng.int(2, 6));
      // A few crowded hours over two days, at millisecond resolution, with exact-edge pairs.
      const scans: Scan[] = [];
      for (let i = rng.int(150, 400); i > 0; i--) {
        scans.push({ personId: rng.pick(who), venueId: rng.pick(where), scannedAt: new Date(T0 + rng.int(0, 1) * 1440 * MIN + rng.int(0, 4 * 60 * MIN)) });
      }
      for (let i = 0; i < 20; i++) {
        const s = rng.pick(scans);
        scans.push({ personId: rng.pick(who), venueId: s.venueId, scannedAt: new Date(s.scannedAt.getTime() + rng.pick([-30, 30, 15]) * MIN + rng.pick([-1, 0, 0, 1])) });
      }
      await addScans(scans);
      const since = new Date(T0 - 60 * MIN);
      const until = new Date(T0 + 2 * 1440 * MIN);
      const mine = (personId: string) => scans.filter((x) => x.personId === personId && x.scannedAt >= since && x.scannedAt <= until);

      for (const windowMinutes of [1, 30, 240]) {
        const owner = rng.pick(who);
        const visits = await scanVisits(database, owner, since, until);
        assert.equal(visits.length, mine(owner).length, 'scanVisits returns the person’s scans in the span');
        const expected = coLocationsBruteForce(scans, visits, windowMinutes, owner).map((r) => key(owner, r)).sort();
        assert.deepEqual(keysOf(await findCoLocations(database, visits, windowMinutes)), expected, `seed ${seed}, one person, ± ${windowMinutes} min`);
        if (windowMinutes === 30) assert.ok(expected.length > 0, 'the random city has co-locations to compare');
      }

      // Several owners in one statement, as the benchmark's 500 cases; and trajectory-like spans.
      const owners = rng.shuffle(who).slice(0, 4);
      const visits: OwnedVisit[] = [];
      for (const owner of owners) visits.push(...(await scanVisits(database, owner, since, until)));
      for (let i = 0; i < 5; i++) {
        const from = new Date(T0 + rng.int(0, 4 * 60) * MIN);
        visits.push({ ownerId: rng.pick(owners), venueId: rng.pick(where), from, until: new Date(from.getTime() + rng.int(0, 90) * MIN) });
      }
      const expected = owners.flatMap((o) => coLocationsBruteForce(scans, visits.filter((v) => v.ownerId === o), 30, o).map((r) => key(o, r))).sort();
      assert.deepEqual(keysOf(await findCoLocations(database, visits, 30)), expected, `seed ${seed}, four people at once`);
    }
  });

  test('window edges: exactly ± 30 min in, 1 ms further out, own scans and other venues never', async () => {
    const [caseP, atMinus, atPlus, justBefore, justAfter, elsewhere] = await addPeople(6);
    const [v1, v2] = await addVenues(2);
    const t = T0 + 3 * 1440 * MIN;
    const at = (ms: number) => new Date(t + ms);
    await addScans([
      { personId: caseP, venueId: v1, scannedAt: at(0) },
      { personId: caseP, venueId: v1, scannedAt: at(MIN) },
      { personId: atMinus, venueId: v1, scannedAt: at(-30 * MIN) },
      { personId: atPlus, venueId: v1, scannedAt: at(30 * MIN) },
      { personId: justBefore, venueId: v1, scannedAt: at(-30 * MIN - 1) },
      { personId: justAfter, venueId: v1, scannedAt: at(30 * MIN + 1) },
      { personId: elsewhere, venueId: v2, scannedAt: at(0) },
    ]);
    const visit: OwnedVisit = { ownerId: caseP, venueId: v1, from: at(0), until: at(0) };
    const found = (rows: CoLocationRow[]) => rows.map((r) => r.personId).sort();
    assert.deepEqual(found(await findCoLocations(database, [visit], 30)), [atMinus, atPlus].sort());
    assert.deepEqual(found(await findCoLocations(database, [visit], 31)), [atMinus, atPlus, justBefore, justAfter].sort());
    // A span widens the window at both ends; the case's own scans inside it are still left out.
    assert.deepEqual(found(await findCoLocations(database, [{ ...visit, until: at(2) }], 30)), [atMinus, atPlus, justAfter].sort());
    const [row] = await findCoLocations(database, [visit], 30);
    assert.equal(row.caseScanAt.toISOString(), at(0).toISOString());
    assert.match(row.venueCode, /^V\d{7}$/);
    assert.deepEqual(await findCoLocations(database, [], 30), []);
    // scanVisits: both ends of the span are included.
    assert.equal((await scanVisits(database, caseP, at(0), at(MIN))).length, 2);
    assert.equal((await scanVisits(database, caseP, at(1), at(MIN))).length, 1);
  });
});

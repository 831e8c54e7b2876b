import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { accounts } from '../accounts/accounts.table.ts';
import { cases } from '../cases/cases.table.ts';
import { investigationTeams } from '../cases/cases.table.ts';
import { mergeCandidates } from '../cases/contact-rules.ts';
import { closeCandidates, saveCandidates } from '../cases/find-contacts.ts';
import { openCase } from '../cases/open-case.ts';
import { jurisdictions } from '../jurisdictions/jurisdictions.table.ts';
import { people } from '../people/people.table.ts';
import { venueScans, venues } from '../venues/venues.table.ts';
import { Random } from './random.ts';

const HOUR = 3_600_000;
const VENUES = [
  ['DEMO-MALL-01', '万象城购物中心', 'mall'],
  ['DEMO-SUPER-01', '丹尼斯超市(人民路店)', 'supermarket'],
  ['DEMO-FOOD-01', '老城烩面馆', 'restaurant'],
  ['DEMO-STATION-01', '示范市东站', 'station'],
  ['DEMO-OFFICE-01', '科技大厦', 'office'],
  ['DEMO-SCHOOL-01', '实验小学', 'school'],
] as const;

/**
 * A small outbreak on top of the demo city, so the tracing pages have work to show: six venues in
 * the first district, three days of scans for a few hundred residents, two investigation teams
 * (the demo investigator in the first), and three positive cases opened as the lab would, the
 * first with its close-contact candidates found and waiting for the investigator. Deterministic.
 */
export async function seedDemoOutbreak(ctx: AppContext, opts: { seed: number; residents?: number }): Promise<{ cases: number; scans: number; candidates: number }> {
  const random = new Random(opts.seed, 'outbreak');
  const now = ctx.clock.now();
  const [district] = await ctx.db.select().from(jurisdictions).where(eq(jurisdictions.level, 'district')).orderBy(asc(jurisdictions.path)).limit(1);
  const [city] = await ctx.db.select().from(jurisdictions).where(eq(jurisdictions.level, 'city')).limit(1);
  if (!district || !city) return { cases: 0, scans: 0, candidates: 0 };
  const residents = await ctx.db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.jurisdictionId, people.householdId), isNotNull(people.householdId), eq(people.residency, 'resident')))
    .orderBy(asc(people.jurisdictionPath), asc(people.name), asc(people.idNumberMasked))
    .limit(opts.residents ?? 150);
  if (residents.length < 10) return { cases: 0, scans: 0, candidates: 0 };
  const venueIds = await ctx.db
    .insert(venues)
    .values(VENUES.map(([code, name, type]) => ({ code, name, type, address: `${district.name}${name}`, jurisdictionId: district.id, jurisdictionPath: district.path })))
    .onConflictDoNothing()
    .returning({ id: venues.id });
  if (venueIds.length === 0) return { cases: 0, scans: 0, candidates: 0 };

  // Everyone scans two venues a day between 08:00 and 21:00 city time, on each of the last 3 days:
  // about twenty co-locations for a case, a page an investigator can review.
  const scans: Array<typeof venueScans.$inferInsert> = [];
  const dayStart = Math.floor((now.getTime() + 8 * HOUR) / (24 * HOUR)) * 24 * HOUR - 8 * HOUR;
  for (const [i, r] of residents.entries()) {
    for (let d = 3; d >= 1; d--) {
      for (let k = 0; k < 2; k++) {
        const hour = random.int(8, 20);
        const at = new Date(dayStart - d * 24 * HOUR + hour * HOUR + random.int(0, 59) * 60_000);
        scans.push({ eventId: `demo-${i}-${d}-${k}`, personId: r.id, venueId: random.pick(venueIds).id, scannedAt: at, colourShown: 'green', result: 'allowed', source: 'citizen' });
      }
    }
  }
  for (let i = 0; i < scans.length; i += 1000) await ctx.db.insert(venueScans).values(scans.slice(i, i + 1000)).onConflictDoNothing();

  const [investigator] = await ctx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, 'demo_investigator'));
  await ctx.db
    .insert(investigationTeams)
    .values([
      { name: '市疾控流调一队', jurisdictionId: city.id, jurisdictionPath: city.path, memberIds: investigator ? [investigator.id] : [] },
      { name: '市疾控流调二队', jurisdictionId: city.id, jurisdictionPath: city.path },
    ])
    .onConflictDoNothing();

  const patients = [residents[3], residents[57], residents[121]].filter(Boolean);
  for (const [n, p] of patients.entries()) {
    const reportedAt = new Date(now.getTime() - (patients.length - n) * 2 * HOUR);
    await ctx.db.transaction((tx) => openCase(tx, { personId: p.id, classification: n === 0 ? 'confirmed' : 'asymptomatic', sampledAt: new Date(reportedAt.getTime() - 6 * HOUR), positiveRef: `DEMO-POS-${n + 1}` }, reportedAt));
  }
  const [first] = await ctx.db.select().from(cases).where(eq(cases.personId, patients[0].id));
  const found = mergeCandidates(await closeCandidates(ctx, first, 30, now), [first.personId]);
  const saved = await ctx.db.transaction((tx) => saveCandidates(tx, first.id, found, now));
  return { cases: patients.length, scans: scans.length, candidates: saved.added };
}

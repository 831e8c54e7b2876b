import { Readable } from 'node:stream';
import { desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { csvLine } from '../../../db/csv.ts';
import { canReach, requirePermission, type Actor, type StaffActor } from '../../../platform/access.ts';
import type { AppContext } from '../../../platform/context.ts';
import { invalid, notFound } from '../../../platform/errors.ts';
import { recordAudit } from '../../audit/audit.ts';
import { escapeLike, findById } from '../../jurisdictions/jurisdictions.repository.ts';
import { jurisdictions } from '../../jurisdictions/jurisdictions.table.ts';
import { maskPhone } from '../../people/phone.ts';
import { testingRounds } from '../sampling.table.ts';
import type { Coverage, RoundRef } from './coverage.schemas.ts';

/**
 * Who need not be sampled in a round (and so does not count as missing):
 * - infants under 3 on the round's day (group 'infant' and a birth date less than 3 years
 *   before it; an 'infant' without a birth date counts as under 3);
 * - bedridden disabled people. The registry has no separate "bedridden" mark, so every person in
 *   the group 'disabled' counts; they are sampled at home when possible, and when sampled they
 *   count as tested, never as exempt.
 * A person sampled in the round is tested whatever their group.
 */
export const EXEMPT_RULE =
  "Exempt (when not sampled): group 'infant' and under 3 years old on the round's day (no birth date: counted as under 3); group 'disabled' (the registry has no separate bedridden mark). A sampled person always counts as tested.";

const exemptSql = (day: string) => sql`(('infant' = any(p.groups) and (p.birth_date is null or p.birth_date > (${day}::date - interval '3 years'))) or 'disabled' = any(p.groups))`;

async function findRound(ctx: AppContext, id: string): Promise<RoundRef> {
  const [round] = await ctx.db.select({ id: testingRounds.id, name: testingRounds.name, day: testingRounds.day, status: testingRounds.status }).from(testingRounds).where(eq(testingRounds.id, id));
  if (!round) throw notFound('Testing round');
  return round;
}

/** The people a round covers in the caller's subtree: under one of the round's areas. */
const inRound = (roundId: string, scopePath: string): SQL =>
  sql`p.jurisdiction_path like ${`${escapeLike(scopePath)}%`} and exists (select 1 from round_areas a where a.round_id = ${roundId} and p.jurisdiction_path like a.jurisdiction_path || '%')`;

/** Rounds for the coverage page's selector, newest first. */
export async function listRounds(ctx: AppContext, opts: { actor: Actor }): Promise<RoundRef[]> {
  requirePermission(opts.actor, 'coverage:read');
  return ctx.db.select({ id: testingRounds.id, name: testingRounds.name, day: testingRounds.day, status: testingRounds.status }).from(testingRounds).orderBy(desc(testingRounds.day), desc(testingRounds.createdAt)).limit(200);
}

/** Per community of the round's areas (within the caller's subtree): residents, tested, exempt, untested. */
export async function roundCoverage(ctx: AppContext, opts: { actor: Actor; roundId: string }): Promise<Coverage> {
  const staff = requirePermission(opts.actor, 'coverage:read');
  const round = await findRound(ctx, opts.roundId);
  const rows = await ctx.database.rows<{ code: string; residents: number; tested: number; exempt: number }>(sql`
    select split_part(p.jurisdiction_path, '/', 5) as code,
           count(*)::int as residents,
           count(t.person_id)::int as tested,
           count(*) filter (where t.person_id is null and ${exemptSql(round.day)})::int as exempt
      from people p
      left join tube_members t on t.round_id = ${round.id} and t.person_id = p.id
     where ${inRound(round.id, staff.scopePath)}
     group by 1
     order by 1`);
  const codes = rows.map((r) => r.code).filter(Boolean);
  const names = new Map((codes.length ? await ctx.db.select({ id: jurisdictions.id, code: jurisdictions.code, name: jurisdictions.name }).from(jurisdictions).where(inArray(jurisdictions.code, codes)) : []).map((j) => [j.code, j]));
  const rate = (tested: number, residents: number, exempt: number) => (residents - exempt > 0 ? Math.round((tested / (residents - exempt)) * 10_000) / 10_000 : 1);
  const items = rows.map((r) => {
    const j = names.get(r.code);
    const residents = Number(r.residents);
    const tested = Number(r.tested);
    const exempt = Number(r.exempt);
    return { communityId: j?.id ?? null, code: r.code, name: j?.name ?? r.code, residents, tested, exempt, untested: residents - tested - exempt, rate: rate(tested, residents, exempt) };
  });
  const sum = (k: 'residents' | 'tested' | 'exempt' | 'untested') => items.reduce((n, i) => n + i[k], 0);
  const totals = { residents: sum('residents'), tested: sum('tested'), exempt: sum('exempt'), untested: sum('untested'), rate: rate(sum('tested'), sum('residents'), sum('exempt')) };
  return { round, exemptRule: EXEMPT_RULE, items, totals };
}

const CSV_HEADER = ['姓名 Name', '证件号码 ID (masked)', '住址 Address', '电话 Phone (masked)', '社区 Community'];
const CHUNK = 1000;

/**
 * The untested people of a round (not sampled, not exempt) in the caller's subtree, or in one
 * community of it: a CSV an office opens in Excel (UTF-8 with BOM), streamed in chunks so a whole
 * district's list never sits in memory. Audited as an export of personal data.
 */
export async function untestedCsv(ctx: AppContext, opts: { actor: Actor; roundId: string; communityId?: string }): Promise<{ stream: Readable; fileName: string }> {
  const staff: StaffActor = requirePermission(opts.actor, 'coverage:read');
  const round = await findRound(ctx, opts.roundId);
  let scopePath = staff.scopePath;
  let community: { code: string; name: string } | null = null;
  if (opts.communityId) {
    const j = await findById(ctx.db, opts.communityId);
    if (!j || !canReach(staff, j.path)) throw notFound('Community');
    if (j.level !== 'community') throw invalid('communityId', 'is not a community');
    scopePath = j.path;
    community = j;
  }
  await recordAudit(ctx.db, staff, {
    action: 'coverage.untested_export',
    entityType: 'testing_round',
    entityId: round.id,
    jurisdictionPath: scopePath,
    details: { round: round.name, community: community?.code ?? null },
  });
  const database = ctx.database;
  async function* lines() {
    yield '\ufeff' + csvLine(CSV_HEADER);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await database.rows<{ id: string; name: string; id_number_masked: string; address: string | null; phone: string; community: string | null }>(sql`
        select p.id, p.name, p.id_number_masked, p.address, p.phone, c.name as community
          from people p
          left join jurisdictions c on c.code = split_part(p.jurisdiction_path, '/', 5)
         where ${inRound(round.id, scopePath)}
           and p.id > ${after}
           and not exists (select 1 from tube_members t where t.round_id = ${round.id} and t.person_id = p.id)
           and not ${exemptSql(round.day)}
         order by p.id
         limit ${CHUNK}`);
      if (rows.length === 0) return;
      yield rows.map((r) => csvLine([r.name, r.id_number_masked, r.address, maskPhone(r.phone), r.community])).join('');
      if (rows.length < CHUNK) return;
      after = rows[rows.length - 1].id;
    }
  }
  const fileName = `untested-${round.day}${community ? `-${community.code}` : ''}.csv`;
  return { stream: Readable.from(lines()), fileName };
}

import { and, asc, count, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Executor } from '../../db/client.ts';
import { canReach, requirePermission, type Actor, type StaffActor } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { accounts } from '../accounts/accounts.table.ts';
import { appendAudit } from '../audit/audit.ts';
import { findById, listScope, within } from '../jurisdictions/jurisdictions.repository.ts';
import { jurisdictions } from '../jurisdictions/jurisdictions.table.ts';
import { people } from '../people/people.table.ts';
import { communityOf } from './case-views.ts';
import type { AssignInput, Board, BoardItem, BoardQuery, InvestigationDetail, NewTeam, Team, TeamChange, WorkLogInput } from './cases.schemas.ts';
import { cases, contacts, investigations, investigationTeams } from './cases.table.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

async function teamsIn(db: Executor, scopePath: string): Promise<Team[]> {
  const rows = await db
    .select({
      t: investigationTeams,
      jurisdictionName: jurisdictions.name,
      load: sql<number>`(select count(*)::int from investigations i where i.team_id = ${investigationTeams.id} and i.status <> 'closed')`,
      memberNames: sql<string[]>`array(select a.username from accounts a where a.id = any(${investigationTeams.memberIds}) order by a.username)`,
    })
    .from(investigationTeams)
    .innerJoin(jurisdictions, eq(jurisdictions.id, investigationTeams.jurisdictionId))
    .where(within(investigationTeams.jurisdictionPath, scopePath))
    .orderBy(asc(investigationTeams.jurisdictionPath), asc(investigationTeams.name));
  return rows.map((r) => ({
    id: r.t.id,
    name: r.t.name,
    jurisdictionId: r.t.jurisdictionId,
    jurisdictionName: r.jurisdictionName,
    capacity: r.t.capacity,
    active: r.t.active,
    memberIds: r.t.memberIds,
    memberNames: r.memberNames ?? [],
    load: Number(r.load),
    lastAssignedAt: iso(r.t.lastAssignedAt),
  }));
}

export async function listTeams(ctx: AppContext, opts: { actor: Actor }): Promise<Team[]> {
  const staff = requirePermission(opts.actor, 'cases:read');
  return teamsIn(ctx.db, staff.scopePath);
}

/** Members must be investigator accounts within the team's jurisdiction. */
async function checkMembers(db: Executor, memberIds: string[], teamPath: string): Promise<void> {
  if (memberIds.length === 0) return;
  const rows = await db
    .select({ id: accounts.id, role: accounts.role, path: jurisdictions.path })
    .from(accounts)
    .innerJoin(jurisdictions, eq(jurisdictions.id, accounts.jurisdictionId))
    .where(inArray(accounts.id, memberIds));
  for (const id of memberIds) {
    const a = rows.find((r) => r.id === id);
    if (!a || !a.path.startsWith(teamPath)) throw invalid('memberIds', `account ${id} is not in the team's jurisdiction`);
    if (a.role !== 'investigator') throw invalid('memberIds', `account ${id} is not an investigator`);
  }
}

export async function createTeam(ctx: AppContext, opts: { actor: Actor; input: Static<typeof NewTeam> }): Promise<Team> {
  const staff = requirePermission(opts.actor, 'investigations:manage');
  const node = await findById(ctx.db, opts.input.jurisdictionId);
  if (!node || !canReach(staff, node.path)) throw notFound('Jurisdiction');
  const memberIds = [...new Set(opts.input.memberIds ?? [])];
  await checkMembers(ctx.db, memberIds, node.path);
  const [dup] = await ctx.db.select({ id: investigationTeams.id }).from(investigationTeams).where(and(eq(investigationTeams.jurisdictionId, node.id), eq(investigationTeams.name, opts.input.name)));
  if (dup) throw new AppError('CONFLICT', 'A team with this name already exists here');
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(investigationTeams).values({ name: opts.input.name, jurisdictionId: node.id, jurisdictionPath: node.path, capacity: opts.input.capacity ?? 5, memberIds }).returning({ id: investigationTeams.id });
    await appendAudit(tx, staff, { action: 'investigation_team.create', entityType: 'investigation_team', entityId: row.id, jurisdictionPath: node.path, details: { name: opts.input.name, memberIds } });
    return row.id;
  });
  return (await teamsIn(ctx.db, node.path)).find((t) => t.id === id)!;
}

export async function changeTeam(ctx: AppContext, opts: { actor: Actor; id: string; input: Static<typeof TeamChange> }): Promise<Team> {
  const staff = requirePermission(opts.actor, 'investigations:manage');
  const [team] = await ctx.db.select().from(investigationTeams).where(eq(investigationTeams.id, opts.id));
  if (!team || !canReach(staff, team.jurisdictionPath)) throw notFound('Team');
  const memberIds = opts.input.memberIds ? [...new Set(opts.input.memberIds)] : undefined;
  if (memberIds) await checkMembers(ctx.db, memberIds, team.jurisdictionPath);
  await ctx.db.transaction(async (tx) => {
    await tx.update(investigationTeams).set({ ...opts.input, memberIds }).where(eq(investigationTeams.id, team.id));
    await appendAudit(tx, staff, { action: 'investigation_team.change', entityType: 'investigation_team', entityId: team.id, jurisdictionPath: team.jurisdictionPath, details: opts.input });
  });
  return (await teamsIn(ctx.db, team.jurisdictionPath)).find((t) => t.id === team.id)!;
}

/** The commander's board: every investigation in scope by age (oldest first), with the teams' load. */
export async function investigationBoard(ctx: AppContext, opts: Static<typeof BoardQuery> & { actor: Actor }): Promise<Board> {
  const staff = requirePermission(opts.actor, 'cases:read');
  const scopePath = await listScope(ctx.db, staff, opts.jurisdictionId);
  const page = opts.page ?? 1;
  const pageSize = opts.pageSize ?? 50;
  const status = opts.status ?? 'open';
  const filters: Array<SQL | undefined> = [
    within(investigations.jurisdictionPath, scopePath),
    status === 'open' ? ne(investigations.status, 'closed') : status === 'closed' ? eq(investigations.status, 'closed') : undefined,
    opts.teamId ? eq(investigations.teamId, opts.teamId) : undefined,
    opts.mine ? sql`${investigationTeams.memberIds} @> array[${staff.id}]::uuid[]` : undefined,
  ];
  const where = and(...filters);
  const base = () =>
    ctx.db
      .select({
        i: investigations,
        caseNumber: cases.caseNumber,
        classification: cases.classification,
        name: people.name,
        community: communityOf(cases.jurisdictionPath),
        teamName: investigationTeams.name,
        assigneeName: accounts.username,
        candidates: sql<number>`(select count(*)::int from contacts k where k.case_id = ${cases.id} and k.status = 'candidate')`,
        confirmed: sql<number>`(select count(*)::int from contacts k where k.case_id = ${cases.id} and k.status = 'confirmed')`,
      })
      .from(investigations)
      .innerJoin(cases, eq(cases.id, investigations.caseId))
      .innerJoin(people, eq(people.id, cases.personId))
      .leftJoin(investigationTeams, eq(investigationTeams.id, investigations.teamId))
      .leftJoin(accounts, eq(accounts.id, investigations.assigneeId));
  const rows = await base()
    .where(where)
    .orderBy(asc(investigations.openedAt))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [{ n }] = await ctx.db.select({ n: count() }).from(investigations).leftJoin(investigationTeams, eq(investigationTeams.id, investigations.teamId)).where(where);
  const now = ctx.clock.now();
  const items: BoardItem[] = rows.map((r) => ({
    id: r.i.id,
    caseId: r.i.caseId,
    caseNumber: r.caseNumber,
    name: r.name,
    classification: r.classification as BoardItem['classification'],
    community: r.community,
    status: r.i.status as BoardItem['status'],
    teamId: r.i.teamId,
    teamName: r.teamName,
    assigneeName: r.assigneeName,
    openedAt: r.i.openedAt.toISOString(),
    ageHours: Math.round((((r.i.closedAt ?? now).getTime() - r.i.openedAt.getTime()) / 3_600_000) * 10) / 10,
    reportStatus: r.i.reportStatus as BoardItem['reportStatus'],
    candidates: Number(r.candidates),
    confirmed: Number(r.confirmed),
  }));
  return { items, total: n, teams: await teamsIn(ctx.db, scopePath), now: now.toISOString() };
}

/** An investigation the actor may act on: the case in their subtree, else not-found. */
export async function requireInvestigation(db: Executor, actor: Actor, id: string, permission: Parameters<typeof requirePermission>[1]): Promise<{ staff: StaffActor; inv: typeof investigations.$inferSelect }> {
  const staff = requirePermission(actor, permission);
  const [inv] = await db.select().from(investigations).where(eq(investigations.id, id));
  if (!inv || !canReach(staff, inv.jurisdictionPath)) throw notFound('Investigation');
  return { staff, inv };
}

export async function getInvestigation(ctx: AppContext, opts: { actor: Actor; id: string }): Promise<InvestigationDetail> {
  await requireInvestigation(ctx.db, opts.actor, opts.id, 'cases:read');
  return investigationDetail(ctx.db, opts.id);
}

export async function investigationDetail(db: Executor, id: string): Promise<InvestigationDetail> {
  const [r] = await db
    .select({
      i: investigations,
      teamName: investigationTeams.name,
      assigneeName: sql<string | null>`(select username from accounts a where a.id = ${investigations.assigneeId})`,
      submittedBy: sql<string | null>`(select username from accounts a where a.id = ${investigations.submittedBy})`,
      reviewedBy: sql<string | null>`(select username from accounts a where a.id = ${investigations.reviewedBy})`,
    })
    .from(investigations)
    .leftJoin(investigationTeams, eq(investigationTeams.id, investigations.teamId))
    .where(eq(investigations.id, id));
  const i = r.i;
  return {
    id: i.id,
    caseId: i.caseId,
    status: i.status as InvestigationDetail['status'],
    teamId: i.teamId,
    teamName: r.teamName,
    assigneeName: r.assigneeName,
    openedAt: i.openedAt.toISOString(),
    assignedAt: iso(i.assignedAt),
    startedAt: iso(i.startedAt),
    contactsIdentifiedAt: iso(i.contactsIdentifiedAt),
    contactsControlledAt: iso(i.contactsControlledAt),
    closedAt: iso(i.closedAt),
    workLog: i.workLog as InvestigationDetail['workLog'],
    reportStatus: i.reportStatus as InvestigationDetail['reportStatus'],
    summary: i.summary,
    sourceHypothesis: i.sourceHypothesis,
    submittedAt: iso(i.submittedAt),
    submittedBy: r.submittedBy,
    reviewedAt: iso(i.reviewedAt),
    reviewedBy: r.reviewedBy,
    reviewNote: i.reviewNote,
  };
}

/** A commander hands the investigation to another team (a team overloaded, a case across districts). Audited. */
export async function assignInvestigation(ctx: AppContext, opts: { actor: Actor; id: string; input: Static<typeof AssignInput> }): Promise<InvestigationDetail> {
  const { staff, inv } = await requireInvestigation(ctx.db, opts.actor, opts.id, 'investigations:manage');
  if (inv.status === 'closed') throw new AppError('CONFLICT', 'The investigation is closed');
  const [team] = await ctx.db.select().from(investigationTeams).where(eq(investigationTeams.id, opts.input.teamId));
  if (!team || !canReach(staff, team.jurisdictionPath)) throw notFound('Team');
  if (!team.active) throw invalid('teamId', 'the team is not active');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.update(investigations).set({ teamId: team.id, assigneeId: null, assignedAt: now, status: inv.status === 'open' || inv.status === 'in_progress' ? 'assigned' : inv.status }).where(eq(investigations.id, inv.id));
    await tx.update(investigationTeams).set({ lastAssignedAt: now }).where(eq(investigationTeams.id, team.id));
    await appendAudit(tx, staff, { action: 'investigation.assign', entityType: 'investigation', entityId: inv.id, jurisdictionPath: inv.jurisdictionPath, details: { from: inv.teamId, to: team.id } });
  });
  return investigationDetail(ctx.db, inv.id);
}

/** An investigator takes the order: they become the assignee and the investigation clock "started" stops. */
export async function startInvestigation(ctx: AppContext, opts: { actor: Actor; id: string }): Promise<InvestigationDetail> {
  const { staff, inv } = await requireInvestigation(ctx.db, opts.actor, opts.id, 'cases:write');
  if (inv.status === 'closed' || inv.status === 'submitted') throw new AppError('CONFLICT', `The investigation is ${inv.status}`);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.update(investigations).set({ assigneeId: staff.id, status: 'in_progress', startedAt: inv.startedAt ?? now }).where(eq(investigations.id, inv.id));
    await appendAudit(tx, staff, { action: 'investigation.start', entityType: 'investigation', entityId: inv.id, jurisdictionPath: inv.jurisdictionPath });
  });
  return investigationDetail(ctx.db, inv.id);
}

/** Phone and field work, appended to the investigation's log (never edited). */
export async function logWork(ctx: AppContext, opts: { actor: Actor; id: string; input: Static<typeof WorkLogInput> }): Promise<InvestigationDetail> {
  const { staff, inv } = await requireInvestigation(ctx.db, opts.actor, opts.id, 'cases:write');
  if (inv.status === 'closed') throw new AppError('CONFLICT', 'The investigation is closed');
  const entry = { ...opts.input, at: ctx.clock.now().toISOString(), by: staff.username };
  await ctx.db
    .update(investigations)
    .set({ workLog: sql`${investigations.workLog} || ${JSON.stringify([entry])}::jsonb` })
    .where(eq(investigations.id, inv.id));
  return investigationDetail(ctx.db, inv.id);
}

/**
 * The contact clocks: identified when a first contact is confirmed; controlled when no confirmed
 * contact is left without control. A `concluded` contact list (the report submitted) stops both
 * even with no contact at all: a case alone is traced when the investigator says so.
 */
export async function updateContactClocks(tx: Executor, caseId: string, now: Date, opts: { concluded?: boolean } = {}): Promise<void> {
  const [inv] = await tx.select().from(investigations).where(eq(investigations.caseId, caseId));
  if (!inv) return;
  const [{ confirmed, uncontrolled }] = await tx
    .select({ confirmed: sql<number>`count(*)::int`, uncontrolled: sql<number>`count(*) filter (where ${contacts.controlledAt} is null)::int` })
    .from(contacts)
    .where(and(eq(contacts.caseId, caseId), eq(contacts.status, 'confirmed')));
  const set: Partial<typeof investigations.$inferInsert> = {};
  const listed = Number(confirmed) > 0 || opts.concluded === true;
  if (listed && !inv.contactsIdentifiedAt) set.contactsIdentifiedAt = now;
  if (listed && Number(uncontrolled) === 0 && !inv.contactsControlledAt) set.contactsControlledAt = now;
  if (Object.keys(set).length) await tx.update(investigations).set(set).where(eq(investigations.id, inv.id));
}

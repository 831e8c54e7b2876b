import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Static } from 'typebox';
import type { Executor } from '../../db/client.ts';
import { canReach, requirePermission, type Actor, type Permission, type StaffActor } from '../../platform/access.ts';
import { notFound } from '../../platform/errors.ts';
import { accounts } from '../accounts/accounts.table.ts';
import { people } from '../people/people.table.ts';
import type { CaseSummary, ContactCounts } from './cases.schemas.ts';
import { cases, contacts, investigations, investigationTeams } from './cases.table.ts';

/** The community's name from a person's path (city/district/street/community/…: the fourth code). */
export const communityOf = (path: SQL | AnyPgColumn) => sql<string | null>`(select j.name from jurisdictions j where j.code = split_part(${path}, '/', 5))`;

/** The columns every case view reads: the case, its person, its investigation and team. */
export const caseColumns = {
  c: cases,
  name: people.name,
  idNumberMasked: people.idNumberMasked,
  community: communityOf(cases.jurisdictionPath),
  inv: {
    id: investigations.id,
    status: investigations.status,
    teamId: investigations.teamId,
    openedAt: investigations.openedAt,
    reportStatus: investigations.reportStatus,
  },
  teamName: investigationTeams.name,
  assigneeName: accounts.username,
};

export function caseQuery(db: Executor) {
  return db
    .select(caseColumns)
    .from(cases)
    .innerJoin(people, eq(people.id, cases.personId))
    .leftJoin(investigations, eq(investigations.caseId, cases.id))
    .leftJoin(investigationTeams, eq(investigationTeams.id, investigations.teamId))
    .leftJoin(accounts, eq(accounts.id, investigations.assigneeId));
}

type CaseRow = Awaited<ReturnType<ReturnType<typeof caseQuery>['where']>>[number];

export function toCaseSummary(r: CaseRow, now: Date): CaseSummary {
  const c = r.c;
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    personId: c.personId,
    name: r.name,
    idNumberMasked: r.idNumberMasked,
    community: r.community,
    classification: c.classification as CaseSummary['classification'],
    origin: c.origin as CaseSummary['origin'],
    severity: (c.severity as CaseSummary['severity']) ?? null,
    outcome: c.outcome as CaseSummary['outcome'],
    onsetDate: c.onsetDate,
    sampledAt: c.sampledAt?.toISOString() ?? null,
    reportedAt: c.reportedAt.toISOString(),
    isolatedAt: c.isolatedAt?.toISOString() ?? null,
    positiveRef: c.positiveRef,
    investigation: r.inv?.id
      ? {
          id: r.inv.id,
          status: r.inv.status as NonNullable<CaseSummary['investigation']>['status'],
          teamId: r.inv.teamId,
          teamName: r.teamName,
          assigneeName: r.assigneeName,
          openedAt: r.inv.openedAt.toISOString(),
          ageHours: Math.round(((now.getTime() - r.inv.openedAt.getTime()) / 3_600_000) * 10) / 10,
          reportStatus: r.inv.reportStatus as NonNullable<CaseSummary['investigation']>['reportStatus'],
        }
      : null,
  };
}

/** A case the actor may act on with the permission: in their subtree, else not-found. */
export async function requireCase(db: Executor, actor: Actor, caseId: string, permission: Permission): Promise<{ staff: StaffActor; row: CaseRow }> {
  const staff = requirePermission(actor, permission);
  const [row] = await caseQuery(db).where(and(eq(cases.id, caseId)));
  if (!row || !canReach(staff, row.c.jurisdictionPath)) throw notFound('Case');
  return { staff, row };
}

/** A case's contacts by status, the secondary ones still in play, and those under control. */
export async function contactCounts(db: Executor, caseId: string): Promise<Static<typeof ContactCounts>> {
  const n = (filter: SQL) => sql<number>`count(*) filter (where ${filter})`.mapWith(Number);
  const [counts] = await db
    .select({
      candidates: n(sql`${contacts.status} = 'candidate'`),
      confirmed: n(sql`${contacts.status} = 'confirmed'`),
      dismissed: n(sql`${contacts.status} = 'dismissed'`),
      secondary: n(sql`${contacts.degree} = 'secondary' and ${contacts.status} <> 'dismissed'`),
      controlled: n(sql`${contacts.controlledAt} is not null`),
    })
    .from(contacts)
    .where(eq(contacts.caseId, caseId));
  return counts;
}

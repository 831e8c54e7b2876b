import { and, asc, eq, inArray, like, or, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { accounts } from '../accounts/accounts.table.ts';
import type { Level } from './division-code.ts';
import { grids, jurisdictions } from './jurisdictions.table.ts';
import type { Grid, Jurisdiction, JurisdictionRef } from './jurisdictions.schemas.ts';

export type JurisdictionRow = typeof jurisdictions.$inferSelect;

// Written out in full: drizzle drops the table qualifier on single-table selects.
const hasChildren = sql<boolean>`exists (select 1 from jurisdictions c where c.parent_id = "jurisdictions"."id")`;

const listColumns = {
  id: jurisdictions.id,
  code: jurisdictions.code,
  name: jurisdictions.name,
  level: jurisdictions.level,
  parentId: jurisdictions.parentId,
  hasChildren,
};

/** A prefix match on the materialised path: the node at `scopePath` and everything below it. */
export const within = (column: PgColumn, scopePath: string) => like(column, `${escapeLike(scopePath)}%`);

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, '\\$&');
}

export async function findById(db: Executor, id: string): Promise<JurisdictionRow | undefined> {
  const [row] = await db.select().from(jurisdictions).where(eq(jurisdictions.id, id));
  return row;
}

export async function findByCode(db: Executor, code: string): Promise<JurisdictionRow | undefined> {
  const [row] = await db.select().from(jurisdictions).where(eq(jurisdictions.code, code));
  return row;
}

export async function findByCodes(db: Executor, codes: string[]): Promise<JurisdictionRow[]> {
  if (codes.length === 0) return [];
  return db.select().from(jurisdictions).where(inArray(jurisdictions.code, codes));
}

export async function listOne(db: Executor, id: string): Promise<Jurisdiction[]> {
  return db.select(listColumns).from(jurisdictions).where(eq(jurisdictions.id, id));
}

export async function listChildren(db: Executor, parentId: string, limit: number): Promise<Jurisdiction[]> {
  return db.select(listColumns).from(jurisdictions).where(eq(jurisdictions.parentId, parentId)).orderBy(asc(jurisdictions.code)).limit(limit);
}

/** Search by name prefix or code prefix inside a subtree, shallowest levels first. */
export async function search(db: Executor, scopePath: string, q: string, level: Level | undefined, limit: number): Promise<Jurisdiction[]> {
  const pattern = `${escapeLike(q)}%`;
  return db
    .select(listColumns)
    .from(jurisdictions)
    .where(
      and(
        within(jurisdictions.path, scopePath),
        or(like(jurisdictions.name, pattern), like(jurisdictions.code, pattern)),
        level ? eq(jurisdictions.level, level) : undefined,
      ),
    )
    .orderBy(asc(jurisdictions.depth), asc(jurisdictions.code))
    .limit(limit);
}

/** The chain of codes in a path, resolved to nodes, from the city down (excluding the node). */
export async function ancestorsOf(db: Executor, path: string): Promise<JurisdictionRef[]> {
  const codes = path.split('/').filter(Boolean).slice(0, -1);
  if (codes.length === 0) return [];
  const rows = await db
    .select({ id: jurisdictions.id, code: jurisdictions.code, name: jurisdictions.name, level: jurisdictions.level, depth: jurisdictions.depth })
    .from(jurisdictions)
    .where(inArray(jurisdictions.code, codes));
  return rows.sort((a, b) => a.depth - b.depth).map(({ depth: _d, ...ref }) => ref);
}

export async function gridsOf(db: Executor, communityId: string): Promise<Grid[]> {
  const rows = await db
    .select({
      id: grids.id,
      code: grids.code,
      name: grids.name,
      communityId: grids.communityId,
      workerId: accounts.id,
      workerUsername: accounts.username,
      workerName: accounts.displayName,
    })
    .from(grids)
    .leftJoin(accounts, eq(accounts.id, grids.workerAccountId))
    .where(eq(grids.communityId, communityId))
    .orderBy(asc(grids.code));
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    communityId: r.communityId,
    worker: r.workerId ? { id: r.workerId, username: r.workerUsername!, displayName: r.workerName! } : null,
  }));
}

/**
 * The subtree a list is filtered to: the actor's own, or a node inside it named by the client
 * (a node outside it answers not-found, like any record out of reach).
 */
export async function listScope(db: Executor, actor: { scopePath: string }, jurisdictionId: string | undefined): Promise<string> {
  if (!jurisdictionId) return actor.scopePath;
  const node = await findById(db, jurisdictionId);
  if (!node || !node.path.startsWith(actor.scopePath)) throw notFound('Jurisdiction');
  return node.path;
}

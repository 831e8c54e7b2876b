import { sql } from 'drizzle-orm';
import type { Level } from './division-code.ts';
import { type AnyPgColumn, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One row per node of the tree city → district → street → community → compound → building →
 * unit → household. `path` is the chain of codes from the city down to this node
 * (`/410100/410102/…/`), so "everything under X" is one prefix match on an index.
 */
export const jurisdictions = pgTable(
  'jurisdictions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    level: text('level').$type<Level>().notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => jurisdictions.id),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    gridId: uuid('grid_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('jurisdictions_parent_idx').on(t.parentId, t.code),
    index('jurisdictions_path_idx').using('btree', t.path.op('text_pattern_ops')),
    index('jurisdictions_name_idx').using('btree', t.name.op('text_pattern_ops')),
    index('jurisdictions_grid_idx').on(t.gridId).where(sql`grid_id is not null`),
  ],
);

/** A grid is a community's unit of door-to-door work, served by one grid worker. */
export const grids = pgTable(
  'grids',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    communityId: uuid('community_id').notNull().references(() => jurisdictions.id),
    path: text('path').notNull(),
    workerAccountId: uuid('worker_account_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('grids_community_idx').on(t.communityId),
    index('grids_path_idx').using('btree', t.path.op('text_pattern_ops')),
  ],
);

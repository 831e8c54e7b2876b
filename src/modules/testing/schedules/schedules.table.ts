import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../../accounts/accounts.table.ts';
import { jurisdictions } from '../../jurisdictions/jurisdictions.table.ts';

/**
 * A group test schedule: the people of a group (people.groups) under a jurisdiction must take a
 * test of this kind at least every `everyHours` (24, 48 or 72). "Antigen in the morning, NAT in
 * the evening" is two schedules of 24 h. One active schedule per group, kind and node.
 */
export const testSchedules = pgTable(
  'test_schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    group: text('group').notNull(),
    kind: text('kind').notNull(),
    everyHours: integer('every_hours').notNull(),
    jurisdictionId: uuid('jurisdiction_id').notNull().references(() => jurisdictions.id),
    jurisdictionPath: text('jurisdiction_path').notNull(),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('test_schedules_path_idx').using('btree', t.jurisdictionPath.op('text_pattern_ops')),
    uniqueIndex('test_schedules_active_idx').on(t.group, t.kind, t.jurisdictionId).where(sql`active`),
  ],
);

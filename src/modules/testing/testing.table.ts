import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { people } from '../people/people.table.ts';

/**
 * A person's test result. Today entered by hand by authorised staff; the testing module's tube
 * and lab pipeline will write here too (source 'lab', sourceRef = tube barcode).
 */
export const testResults = pgTable(
  'test_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull().references(() => people.id),
    kind: text('kind').notNull(),
    result: text('result').notNull(),
    sampledAt: timestamp('sampled_at', { withTimezone: true }).notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    source: text('source').notNull(),
    sourceRef: text('source_ref'),
    recordedBy: uuid('recorded_by').references(() => accounts.id),
  },
  (t) => [index('test_results_person_idx').on(t.personId, t.sampledAt)],
);

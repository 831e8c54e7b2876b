import { sql } from 'drizzle-orm';
import type { Residency } from './phone.ts';
import { jurisdictions } from '../jurisdictions/jurisdictions.table.ts';
import { accounts } from '../accounts/accounts.table.ts';
import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The person registry. The document number is never stored in clear: `idNumberCipher` holds it
 * encrypted (AES-256-GCM), `idNumberHash` is a keyed HMAC for exact lookup and de-duplication,
 * and `idNumberMasked` is what every response shows.
 */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    documentType: text('document_type').notNull(),
    idNumberCipher: text('id_number_cipher').notNull(),
    idNumberHash: text('id_number_hash').notNull().unique(),
    idNumberMasked: text('id_number_masked').notNull(),
    phone: text('phone').notNull(),
    sex: text('sex'),
    birthDate: date('birth_date', { mode: 'string' }),
    jurisdictionId: uuid('jurisdiction_id').notNull().references(() => jurisdictions.id),
    jurisdictionPath: text('jurisdiction_path').notNull(),
    householdId: uuid('household_id').references(() => jurisdictions.id),
    address: text('address'),
    residency: text('residency').$type<Residency>().notNull().default('resident'),
    groups: text('groups').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('people_path_idx').using('btree', t.jurisdictionPath.op('text_pattern_ops')),
    index('people_name_idx').using('btree', t.name.op('text_pattern_ops')),
    index('people_phone_idx').on(t.phone),
    index('people_household_idx').on(t.householdId),
    index('people_groups_idx').using('gin', t.groups),
  ],
);

/** One row per CSV import, so a long import can be looked up and its rejections downloaded. */
export const imports = pgTable('imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  accountId: uuid('account_id').notNull().references(() => accounts.id),
  fileName: text('file_name'),
  status: text('status').notNull(),
  processed: integer('processed').notNull().default(0),
  imported: integer('imported').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  rejected: integer('rejected').notNull().default(0),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

export const importRejections = pgTable(
  'import_rejections',
  {
    importId: uuid('import_id').notNull().references(() => imports.id),
    line: integer('line').notNull(),
    column: text('column'),
    reason: text('reason').notNull(),
  },
  (t) => [index('import_rejections_import_idx').on(t.importId, t.line)],
);

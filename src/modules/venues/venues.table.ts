import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { jurisdictions } from '../jurisdictions/jurisdictions.table.ts';
import { people } from '../people/people.table.ts';

export const venues = pgTable(
  'venues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    address: text('address'),
    jurisdictionId: uuid('jurisdiction_id').notNull().references(() => jurisdictions.id),
    jurisdictionPath: text('jurisdiction_path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('venues_path_idx').using('btree', t.jurisdictionPath.op('text_pattern_ops')), index('venues_name_idx').using('btree', t.name.op('text_pattern_ops'))],
);

/**
 * A venue scan: a citizen scanning the venue's code, or staff scanning the citizen's code there.
 * `eventId` makes ingest idempotent (a device resending a batch changes nothing). Purged after
 * the retention period.
 */
export const venueScans = pgTable(
  'venue_scans',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: text('event_id').notNull().unique(),
    personId: uuid('person_id').notNull().references(() => people.id),
    venueId: uuid('venue_id').notNull().references(() => venues.id),
    scannedAt: timestamp('scanned_at', { withTimezone: true }).notNull(),
    colourShown: text('colour_shown').notNull(),
    result: text('result').notNull(),
    reason: text('reason'),
    source: text('source').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('venue_scans_venue_idx').on(t.venueId, t.scannedAt), index('venue_scans_person_idx').on(t.personId, t.scannedAt), index('venue_scans_at_idx').on(t.scannedAt)],
);

/** A pass check ("two codes and one certificate") at a checkpoint or compound gate. */
export const passChecks = pgTable(
  'pass_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull().references(() => people.id),
    venueId: uuid('venue_id').references(() => venues.id),
    checkedBy: uuid('checked_by').notNull().references(() => accounts.id),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
    colour: text('colour').notNull(),
    temperature: numeric('temperature', { precision: 4, scale: 1 }),
    result: text('result').notNull(),
    reasons: jsonb('reasons').notNull(),
  },
  (t) => [index('pass_checks_person_idx').on(t.personId, t.checkedAt), index('pass_checks_venue_idx').on(t.venueId, t.checkedAt).where(sql`venue_id is not null`)],
);

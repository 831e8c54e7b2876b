import { sql } from 'drizzle-orm';
import { date, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { jurisdictions } from '../jurisdictions/jurisdictions.table.ts';
import { people } from '../people/people.table.ts';

/** A place where samples are taken, with its opening hours and number of teams. */
export const samplingPoints = pgTable(
  'sampling_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    address: text('address'),
    jurisdictionId: uuid('jurisdiction_id').notNull().references(() => jurisdictions.id),
    jurisdictionPath: text('jurisdiction_path').notNull(),
    hours: text('hours'),
    teams: integer('teams').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sampling_points_path_idx').using('btree', t.jurisdictionPath.op('text_pattern_ops'))],
);

/** A mass-testing round: which areas, which day, and the pooling ratio of each area. */
export const testingRounds = pgTable('testing_rounds', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  status: text('status').notNull(),
  createdBy: uuid('created_by').references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const roundAreas = pgTable(
  'round_areas',
  {
    roundId: uuid('round_id').notNull().references(() => testingRounds.id),
    jurisdictionId: uuid('jurisdiction_id').notNull().references(() => jurisdictions.id),
    jurisdictionPath: text('jurisdiction_path').notNull(),
    poolSize: integer('pool_size').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.jurisdictionId] })],
);

/**
 * A sample tube. open → closed → in_transit (in a batch) → received (at the lab) → resulted.
 * One person per tube is a single sample; 5, 10 or 20 is a pool.
 */
export const tubes = pgTable(
  'tubes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    barcode: text('barcode').notNull().unique(),
    roundId: uuid('round_id').references(() => testingRounds.id),
    samplingPointId: uuid('sampling_point_id').references(() => samplingPoints.id),
    jurisdictionPath: text('jurisdiction_path').notNull(),
    poolSize: integer('pool_size').notNull(),
    purpose: text('purpose').notNull().default('screening'),
    status: text('status').notNull(),
    openedBy: uuid('opened_by').references(() => accounts.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    batchId: uuid('batch_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    result: text('result'),
    ctOrf1ab: numeric('ct_orf1ab', { precision: 5, scale: 2 }),
    ctN: numeric('ct_n', { precision: 5, scale: 2 }),
    testedAt: timestamp('tested_at', { withTimezone: true }),
    resultedAt: timestamp('resulted_at', { withTimezone: true }),
    lab: text('lab'),
  },
  (t) => [
    index('tubes_round_idx').on(t.roundId, t.status),
    index('tubes_batch_idx').on(t.batchId).where(sql`batch_id is not null`),
    index('tubes_path_idx').using('btree', t.jurisdictionPath.op('text_pattern_ops')),
  ],
);

/** The people sampled into a tube. A person is sampled once per round; a device event once. */
export const tubeMembers = pgTable(
  'tube_members',
  {
    tubeId: uuid('tube_id').notNull().references(() => tubes.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    roundId: uuid('round_id').references(() => testingRounds.id),
    sampledAt: timestamp('sampled_at', { withTimezone: true }).notNull(),
    sampledBy: uuid('sampled_by').references(() => accounts.id),
    clientEventId: text('client_event_id').notNull().unique(),
  },
  (t) => [
    primaryKey({ columns: [t.tubeId, t.personId] }),
    uniqueIndex('tube_members_round_person_idx').on(t.roundId, t.personId).where(sql`round_id is not null`),
    index('tube_members_person_idx').on(t.personId, t.sampledAt),
  ],
);

/** Tubes handed to a lab together under one transfer code. */
export const tubeBatches = pgTable('tube_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  transferCode: text('transfer_code').notNull().unique(),
  lab: text('lab').notNull(),
  sentBy: uuid('sent_by').references(() => accounts.id),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  receivedBy: uuid('received_by').references(() => accounts.id),
  receivedAt: timestamp('received_at', { withTimezone: true }),
});

/** A lab result that could not be applied: an unknown tube, or a second, different result. Never overwritten. */
export const resultConflicts = pgTable(
  'result_conflicts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    barcode: text('barcode').notNull(),
    kind: text('kind').notNull(),
    result: text('result').notNull(),
    ctOrf1ab: numeric('ct_orf1ab', { precision: 5, scale: 2 }),
    ctN: numeric('ct_n', { precision: 5, scale: 2 }),
    testedAt: timestamp('tested_at', { withTimezone: true }).notNull(),
    lab: text('lab'),
    status: text('status').notNull().default('open'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    resolvedBy: uuid('resolved_by').references(() => accounts.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolution: text('resolution'),
  },
  (t) => [index('result_conflicts_status_idx').on(t.status, t.reportedAt)],
);

/** A positive pool's follow-up (追阳): its clocks run from the moment the pool result arrived. */
export const poolFollowUps = pgTable(
  'pool_follow_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tubeId: uuid('tube_id').notNull().unique().references(() => tubes.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    retestDueAt: timestamp('retest_due_at', { withTimezone: true }).notNull(),
    closeDueAt: timestamp('close_due_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    escalationLevel: integer('escalation_level').notNull().default(0),
    jurisdictionPath: text('jurisdiction_path').notNull(),
  },
  (t) => [index('pool_follow_ups_open_idx').on(t.closedAt, t.openedAt), index('pool_follow_ups_path_idx').using('btree', t.jurisdictionPath.op('text_pattern_ops'))],
);

/** One member's part of a follow-up: a door-to-door task for their community's grid worker. */
export const followUpMembers = pgTable(
  'follow_up_members',
  {
    followUpId: uuid('follow_up_id').notNull().references(() => poolFollowUps.id),
    personId: uuid('person_id').notNull().references(() => people.id),
    communityId: uuid('community_id').references(() => jurisdictions.id),
    jurisdictionPath: text('jurisdiction_path').notNull(),
    status: text('status').notNull(),
    retestBarcode: text('retest_barcode'),
    retestSampledAt: timestamp('retest_sampled_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.followUpId, t.personId] }), index('follow_up_members_path_idx').using('btree', t.jurisdictionPath.op('text_pattern_ops')), index('follow_up_members_person_idx').on(t.personId)],
);

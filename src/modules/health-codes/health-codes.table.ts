import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { people } from '../people/people.table.ts';

/**
 * A recorded health fact about a person: the only thing a colour may come from. Other modules
 * (testing, tracing, quarantine, areas, travel) write facts; staff may record them by hand.
 * `validUntil` is when the fact stops counting (null: until ended); `endedAt` ends it early.
 */
export const healthFacts = pgTable(
  'health_facts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull().references(() => people.id),
    kind: text('kind').notNull(),
    source: text('source').notNull(),
    sourceRef: text('source_ref'),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    note: text('note'),
    recordedBy: uuid('recorded_by').references(() => accounts.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('health_facts_person_idx').on(t.personId, t.validFrom),
    uniqueIndex('health_facts_source_idx').on(t.source, t.sourceRef, t.kind, t.personId).where(sql`source_ref is not null`),
  ],
);

/** Colour policies are data: a city switches a whole rule set by activating another version. */
export const colourPolicies = pgTable('colour_policies', {
  version: integer('version').primaryKey(),
  name: text('name').notNull(),
  preset: text('preset'),
  rules: jsonb('rules').notNull(),
  active: boolean('active').notNull().default(false),
  createdBy: uuid('created_by').references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The current code of each person, derived from facts and overrides by the active policy.
 * `nextChangeAt` is when a fact or override lapses, so a read after it recomputes.
 * `pseudonym` is what a QR token carries instead of anything that identifies the person.
 */
export const healthCodes = pgTable(
  'health_codes',
  {
    personId: uuid('person_id').primaryKey().references(() => people.id),
    pseudonym: text('pseudonym').notNull().unique(),
    colour: text('colour').notNull(),
    reasons: jsonb('reasons').notNull(),
    greenAt: timestamp('green_at', { withTimezone: true }),
    nextChangeAt: timestamp('next_change_at', { withTimezone: true }),
    policyVersion: integer('policy_version').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('health_codes_next_change_idx').on(t.nextChangeAt).where(sql`next_change_at is not null`)],
);

/** Every colour change, with the facts and policy version that caused it. */
export const colourChanges = pgTable(
  'colour_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull().references(() => people.id),
    fromColour: text('from_colour'),
    toColour: text('to_colour').notNull(),
    reasons: jsonb('reasons').notNull(),
    policyVersion: integer('policy_version').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('colour_changes_person_idx').on(t.personId, t.at)],
);

/** A manual colour override: proposed by one account, approved by a different one. */
export const colourOverrides = pgTable(
  'colour_overrides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull().references(() => people.id),
    colour: text('colour').notNull(),
    reason: text('reason').notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    status: text('status').notNull(),
    appealId: uuid('appeal_id'),
    proposedBy: uuid('proposed_by').notNull().references(() => accounts.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by').references(() => accounts.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
  },
  (t) => [index('colour_overrides_person_idx').on(t.personId, t.status), index('colour_overrides_status_idx').on(t.status, t.proposedAt)],
);

/** A citizen's appeal against their colour, queued for the person's jurisdiction. */
export const appeals = pgTable(
  'appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull().references(() => people.id),
    jurisdictionPath: text('jurisdiction_path').notNull(),
    colourAtAppeal: text('colour_at_appeal').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    filedByPhone: text('filed_by_phone').notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    resolution: text('resolution'),
    resolvedBy: uuid('resolved_by').references(() => accounts.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    overrideId: uuid('override_id'),
  },
  (t) => [index('appeals_queue_idx').using('btree', t.status, t.jurisdictionPath.op('text_pattern_ops')), index('appeals_person_idx').on(t.personId)],
);

/** The city's Ed25519 signing keys for health-code tokens. Private keys are stored encrypted. */
export const signingKeys = pgTable('signing_keys', {
  kid: text('kid').primaryKey(),
  publicJwk: jsonb('public_jwk').notNull(),
  privateKeyCipher: text('private_key_cipher').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});

/** Notices to citizens (appeal resolved, …), shown on the citizen page and sent by the notifier. */
export const citizenNotices = pgTable(
  'citizen_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull().references(() => people.id),
    kind: text('kind').notNull(),
    message: jsonb('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('citizen_notices_person_idx').on(t.personId, t.createdAt)],
);

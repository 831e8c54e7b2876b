import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { jurisdictions } from '../jurisdictions/jurisdictions.table.ts';
import { people } from '../people/people.table.ts';
import { venues } from '../venues/venues.table.ts';

/** Case numbers are issued in order, city-wide: C-000001, … (what the daily notices cite). */
export const caseNumberSeq = pgSequence('case_number_seq');

/**
 * A case (病例): one per person. Scoped by the person's jurisdiction when the case opened, so a
 * case stays with the district that found it even if the person is later moved.
 * `isolatedAt` ends the exposure window; `positiveRef` is the barcode that made the case.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseNumber: text('case_number').notNull().unique(),
    personId: uuid('person_id')
      .notNull()
      .unique()
      .references(() => people.id),
    classification: text('classification').notNull(),
    origin: text('origin').notNull().default('local'),
    onsetDate: date('onset_date', { mode: 'string' }),
    sampledAt: timestamp('sampled_at', { withTimezone: true }),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    positiveRef: text('positive_ref'),
    isolatedAt: timestamp('isolated_at', { withTimezone: true }),
    severity: text('severity'),
    outcome: text('outcome').notNull().default('under_treatment'),
    jurisdictionId: uuid('jurisdiction_id')
      .notNull()
      .references(() => jurisdictions.id),
    jurisdictionPath: text('jurisdiction_path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('cases_path_idx').using('btree', t.jurisdictionPath.op('text_pattern_ops')), index('cases_reported_idx').on(t.reportedAt)],
);

/** The case's history: every reclassification, severity change, outcome and date correction. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id').references(() => accounts.id),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.at)],
);

/** An investigation team (流调队) that takes investigation tasks in rotation. */
export const investigationTeams = pgTable(
  'investigation_teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    jurisdictionId: uuid('jurisdiction_id')
      .notNull()
      .references(() => jurisdictions.id),
    jurisdictionPath: text('jurisdiction_path').notNull(),
    /** Open investigations at which the team is skipped while another team has room. */
    capacity: integer('capacity').notNull().default(5),
    memberIds: uuid('member_ids').array().notNull().default(sql`'{}'::uuid[]`),
    active: boolean('active').notNull().default(true),
    lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('investigation_teams_name_idx').on(t.jurisdictionId, t.name)],
);

/**
 * One investigation per case, with its report. The clock columns are the tracing indicators:
 * opened (the positive arrived), assigned (a team took the order), started, contacts identified,
 * contacts controlled, closed (report approved).
 */
export const investigations = pgTable(
  'investigations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .unique()
      .references(() => cases.id),
    status: text('status').notNull().default('open'),
    teamId: uuid('team_id').references(() => investigationTeams.id),
    assigneeId: uuid('assignee_id').references(() => accounts.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    contactsIdentifiedAt: timestamp('contacts_identified_at', { withTimezone: true }),
    contactsControlledAt: timestamp('contacts_controlled_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Phone and field work notes, appended. */
    workLog: jsonb('work_log').notNull().default(sql`'[]'::jsonb`),
    reportStatus: text('report_status').notNull().default('draft'),
    summary: text('summary'),
    sourceHypothesis: text('source_hypothesis'),
    submittedBy: uuid('submitted_by').references(() => accounts.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => accounts.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    jurisdictionPath: text('jurisdiction_path').notNull(),
  },
  (t) => [
    index('investigations_team_idx').on(t.teamId, t.status),
    index('investigations_path_idx').using('btree', t.jurisdictionPath.op('text_pattern_ops')),
    index('investigations_opened_idx').on(t.openedAt),
  ],
);

/**
 * Where the case was during the exposure window. Pre-filled from venue scans (source 'scan',
 * `scanId` set, so re-filling adds only new scans); the investigator adds places without a venue
 * code, transport and workplaces, corrects times, and removes a wrong row (kept, `removedAt` set).
 */
export const trajectoryEntries = pgTable(
  'trajectory_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    venueId: uuid('venue_id').references(() => venues.id),
    place: text('place'),
    detail: text('detail'),
    source: text('source').notNull(),
    scanId: bigint('scan_id', { mode: 'number' }),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('trajectory_case_idx').on(t.caseId, t.startsAt), uniqueIndex('trajectory_scan_idx').on(t.caseId, t.scanId).where(sql`scan_id is not null`)],
);

/**
 * A contact of a case: a candidate until the investigator confirms or dismisses it. One row per
 * (case, person): a person found through the household and a venue is one candidate with both
 * sources in `sources` and every piece of `evidence`. Secondary contacts point at the close
 * contact they came through (`viaContactId`); nothing is ever derived from a secondary one.
 * A candidate entered by hand and not (yet) in the registry has no `personId`, only what the
 * investigator typed (ID number encrypted, as in the registry).
 */
export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    personId: uuid('person_id').references(() => people.id),
    degree: text('degree').notNull(),
    viaContactId: uuid('via_contact_id'),
    sources: text('sources').array().notNull(),
    evidence: jsonb('evidence').notNull().default(sql`'[]'::jsonb`),
    lastExposureAt: timestamp('last_exposure_at', { withTimezone: true }),
    status: text('status').notNull().default('candidate'),
    candidateName: text('candidate_name'),
    candidatePhone: text('candidate_phone'),
    candidateIdCipher: text('candidate_id_cipher'),
    candidateIdHash: text('candidate_id_hash'),
    candidateIdMasked: text('candidate_id_masked'),
    identifiedAt: timestamp('identified_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => accounts.id),
    dismissReason: text('dismiss_reason'),
    controlMeasure: text('control_measure'),
    measureFrom: timestamp('measure_from', { withTimezone: true }),
    measureUntil: timestamp('measure_until', { withTimezone: true }),
    controlledAt: timestamp('controlled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('contacts_case_person_idx').on(t.caseId, t.personId).where(sql`person_id is not null`),
    uniqueIndex('contacts_case_candidate_idx').on(t.caseId, t.candidateIdHash).where(sql`person_id is null and candidate_id_hash is not null`),
    index('contacts_person_idx').on(t.personId),
    index('contacts_case_idx').on(t.caseId, t.status),
  ],
);

/**
 * The hand-over of a confirmed contact's control measure to the quarantine module: a queue it
 * will take (status 'pending' until a placement accepts it). One per contact.
 */
export const controlHandovers = pgTable(
  'control_handovers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id')
      .notNull()
      .unique()
      .references(() => contacts.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    measure: text('measure').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    testDays: integer('test_days').array().notNull().default(sql`'{}'::integer[]`),
    status: text('status').notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('control_handovers_status_idx').on(t.status, t.createdAt)],
);

/** An infector → infectee link between two cases, with its evidence. */
export const transmissionLinks = pgTable(
  'transmission_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    infectorCaseId: uuid('infector_case_id')
      .notNull()
      .references(() => cases.id),
    infecteeCaseId: uuid('infectee_case_id')
      .notNull()
      .references(() => cases.id),
    /** 'suggested' when derived from a contact record, 'confirmed' by an investigator. */
    status: text('status').notNull(),
    evidence: text('evidence').notNull(),
    createdBy: uuid('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('transmission_links_pair_idx').on(t.infectorCaseId, t.infecteeCaseId), index('transmission_links_infectee_idx').on(t.infecteeCaseId)],
);

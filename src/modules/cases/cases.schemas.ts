import { Type, type Static } from 'typebox';
import { CLASSIFICATIONS, ORIGINS, OUTCOMES, SEVERITIES } from './case-rules.ts';
import { CONTACT_SOURCES, CONTACT_STATUSES, CONTROL_MEASURES, DEGREES } from './contact-rules.ts';
import { INVESTIGATION_STATUSES, REPORT_STATUSES } from './investigation-rules.ts';

const Timestamp = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DateOnly = Type.String({ format: 'date' });

export const CaseParams = Type.Object({ id: Uuid });

export const InvestigationBrief = Type.Object({
  id: Type.String(),
  status: Type.Enum(INVESTIGATION_STATUSES),
  teamId: Nullable(Type.String()),
  teamName: Nullable(Type.String()),
  assigneeName: Nullable(Type.String()),
  openedAt: Timestamp,
  ageHours: Type.Number(),
  reportStatus: Type.Enum(REPORT_STATUSES),
});
export type InvestigationBrief = Static<typeof InvestigationBrief>;

export const CaseSummary = Type.Object({
  id: Type.String(),
  caseNumber: Type.String(),
  personId: Type.String(),
  name: Type.String(),
  idNumberMasked: Type.String(),
  community: Nullable(Type.String()),
  classification: Type.Enum(CLASSIFICATIONS),
  origin: Type.Enum(ORIGINS),
  severity: Nullable(Type.Enum(SEVERITIES)),
  outcome: Type.Enum(OUTCOMES),
  onsetDate: Nullable(DateOnly),
  sampledAt: Nullable(Timestamp),
  reportedAt: Timestamp,
  isolatedAt: Nullable(Timestamp),
  positiveRef: Nullable(Type.String()),
  investigation: Nullable(InvestigationBrief),
});
export type CaseSummary = Static<typeof CaseSummary>;

export const CaseEvent = Type.Object({
  kind: Type.String({ description: 'opened, positive, classification, severity, outcome, origin, onset, isolated' }),
  fromValue: Nullable(Type.String()),
  toValue: Nullable(Type.String()),
  note: Nullable(Type.String()),
  at: Timestamp,
  actorName: Nullable(Type.String()),
});

export const ExposureWindowView = Type.Object({ from: Timestamp, until: Timestamp, anchor: Type.Enum(['onset', 'sampling', 'report'] as const) });

export const ContactCounts = Type.Object({ candidates: Type.Integer(), confirmed: Type.Integer(), dismissed: Type.Integer(), secondary: Type.Integer(), controlled: Type.Integer() });

export const CaseLink = Type.Object({ linkId: Type.String(), caseId: Type.String(), caseNumber: Type.String(), status: Type.String(), evidence: Type.String() });

export const CaseDetail = Type.Intersect([
  CaseSummary,
  Type.Object({
    events: Type.Array(CaseEvent),
    exposureWindow: ExposureWindowView,
    contacts: ContactCounts,
    clocks: Type.Object({ toInvestigation: Nullable(Type.Number()), toContactsIdentified: Nullable(Type.Number()), toContactsControlled: Nullable(Type.Number()) }),
    infectors: Type.Array(CaseLink),
    infectees: Type.Array(CaseLink),
  }),
]);
export type CaseDetail = Static<typeof CaseDetail>;

export const CasesQuery = Type.Object({
  jurisdictionId: Type.Optional(Uuid),
  classification: Type.Optional(Type.Enum(CLASSIFICATIONS)),
  outcome: Type.Optional(Type.Enum(OUTCOMES)),
  q: Type.Optional(Type.String({ maxLength: 40, description: 'case number, or the start of the name' })),
  reportedFrom: Type.Optional(DateOnly),
  reportedTo: Type.Optional(DateOnly),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export const CasePage = Type.Object({ items: Type.Array(CaseSummary), total: Type.Integer() });

export const NewCase = Type.Object({
  personId: Uuid,
  classification: Type.Enum(CLASSIFICATIONS),
  origin: Type.Optional(Type.Enum(ORIGINS)),
  onsetDate: Type.Optional(DateOnly),
  note: Type.String({ minLength: 1, maxLength: 500, description: 'the evidence (a clinical diagnosis, another city’s report)' }),
});

export const CaseChange = Type.Object(
  {
    classification: Type.Optional(Type.Enum(CLASSIFICATIONS)),
    severity: Type.Optional(Type.Enum(SEVERITIES)),
    outcome: Type.Optional(Type.Enum(OUTCOMES)),
    origin: Type.Optional(Type.Enum(ORIGINS)),
    onsetDate: Type.Optional(Nullable(DateOnly)),
    isolatedAt: Type.Optional(Nullable(Timestamp)),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { minProperties: 1 },
);
export type CaseChange = Static<typeof CaseChange>;

// ---- investigations and teams ----

export const Team = Type.Object({
  id: Type.String(),
  name: Type.String(),
  jurisdictionId: Type.String(),
  jurisdictionName: Type.String(),
  capacity: Type.Integer(),
  active: Type.Boolean(),
  memberIds: Type.Array(Type.String()),
  memberNames: Type.Array(Type.String()),
  load: Type.Integer({ description: 'open investigations the team holds' }),
  lastAssignedAt: Nullable(Timestamp),
});
export type Team = Static<typeof Team>;

export const NewTeam = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 60 }),
  jurisdictionId: Uuid,
  capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  memberIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })),
});
export const TeamChange = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    active: Type.Optional(Type.Boolean()),
    memberIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })),
  },
  { minProperties: 1 },
);

export const BoardItem = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  caseNumber: Type.String(),
  name: Type.String(),
  classification: Type.Enum(CLASSIFICATIONS),
  community: Nullable(Type.String()),
  status: Type.Enum(INVESTIGATION_STATUSES),
  teamId: Nullable(Type.String()),
  teamName: Nullable(Type.String()),
  assigneeName: Nullable(Type.String()),
  openedAt: Timestamp,
  ageHours: Type.Number(),
  reportStatus: Type.Enum(REPORT_STATUSES),
  candidates: Type.Integer(),
  confirmed: Type.Integer(),
});
export type BoardItem = Static<typeof BoardItem>;

export const BoardQuery = Type.Object({
  status: Type.Optional(Type.Enum(['open', 'closed', 'all'] as const, { default: 'open', description: 'open: every status but closed' })),
  teamId: Type.Optional(Uuid),
  mine: Type.Optional(Type.Boolean({ description: 'only the teams the caller is a member of' })),
  jurisdictionId: Type.Optional(Uuid),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export const Board = Type.Object({ items: Type.Array(BoardItem), total: Type.Integer(), teams: Type.Array(Team), now: Timestamp });
export type Board = Static<typeof Board>;

export const AssignInput = Type.Object({ teamId: Uuid });
export const WorkLogInput = Type.Object({ channel: Type.Enum(['phone', 'field', 'note'] as const), note: Type.String({ minLength: 1, maxLength: 2000 }) });
export const WorkLogEntry = Type.Object({ channel: Type.String(), note: Type.String(), at: Timestamp, by: Type.String() });
export const InvestigationDetail = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  status: Type.Enum(INVESTIGATION_STATUSES),
  teamId: Nullable(Type.String()),
  teamName: Nullable(Type.String()),
  assigneeName: Nullable(Type.String()),
  openedAt: Timestamp,
  assignedAt: Nullable(Timestamp),
  startedAt: Nullable(Timestamp),
  contactsIdentifiedAt: Nullable(Timestamp),
  contactsControlledAt: Nullable(Timestamp),
  closedAt: Nullable(Timestamp),
  workLog: Type.Array(WorkLogEntry),
  reportStatus: Type.Enum(REPORT_STATUSES),
  summary: Nullable(Type.String()),
  sourceHypothesis: Nullable(Type.String()),
  submittedAt: Nullable(Timestamp),
  submittedBy: Nullable(Type.String()),
  reviewedAt: Nullable(Timestamp),
  reviewedBy: Nullable(Type.String()),
  reviewNote: Nullable(Type.String()),
});
export type InvestigationDetail = Static<typeof InvestigationDetail>;

// ---- trajectory ----

export const TRAJECTORY_KINDS = ['venue', 'place', 'transport', 'workplace', 'home'] as const;
export const TrajectoryEntry = Type.Object({
  id: Type.String(),
  kind: Type.Enum(TRAJECTORY_KINDS),
  startsAt: Timestamp,
  endsAt: Nullable(Timestamp),
  venueId: Nullable(Type.String()),
  venueCode: Nullable(Type.String()),
  venueName: Nullable(Type.String()),
  place: Nullable(Type.String()),
  detail: Nullable(Type.String()),
  source: Type.Enum(['scan', 'investigator'] as const),
  removedAt: Nullable(Timestamp),
  inWindow: Type.Boolean({ description: 'whether the entry overlaps the exposure window' }),
});
export type TrajectoryEntry = Static<typeof TrajectoryEntry>;
export const Trajectory = Type.Object({ exposureWindow: ExposureWindowView, entries: Type.Array(TrajectoryEntry) });
export type Trajectory = Static<typeof Trajectory>;
export const TrajectoryInput = Type.Object({
  kind: Type.Enum(TRAJECTORY_KINDS),
  startsAt: Timestamp,
  endsAt: Type.Optional(Nullable(Timestamp)),
  venueCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'a registered venue: co-location searches it' })),
  place: Type.Optional(Type.String({ maxLength: 200, description: 'a place without a venue code, e.g. a market stall' })),
  detail: Type.Optional(Type.String({ maxLength: 500, description: 'transport (bus line, train and carriage), who else was there' })),
});
export type TrajectoryInput = Static<typeof TrajectoryInput>;
export const TrajectoryChange = Type.Partial(TrajectoryInput, { minProperties: 1 });
export const EntryParams = Type.Object({ id: Uuid, entryId: Uuid });
export const Prefilled = Type.Object({ added: Type.Integer(), exposureWindow: ExposureWindowView });

// ---- contacts ----

export const EvidenceView = Type.Object({
  source: Type.Enum(CONTACT_SOURCES),
  at: Timestamp,
  venueId: Type.Optional(Type.String()),
  venueCode: Type.Optional(Type.String()),
  venueName: Type.Optional(Type.String()),
  caseScanAt: Type.Optional(Timestamp),
  contactScanAt: Type.Optional(Timestamp),
  note: Type.Optional(Type.String()),
});
export const ContactView = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  personId: Nullable(Type.String()),
  name: Type.String(),
  idNumberMasked: Nullable(Type.String()),
  phoneMasked: Nullable(Type.String()),
  community: Nullable(Type.String()),
  degree: Type.Enum(DEGREES),
  viaContactId: Nullable(Type.String()),
  viaName: Nullable(Type.String()),
  sources: Type.Array(Type.Enum(CONTACT_SOURCES)),
  evidence: Type.Array(EvidenceView),
  lastExposureAt: Nullable(Timestamp),
  status: Type.Enum(CONTACT_STATUSES),
  matched: Type.Boolean({ description: 'found in the person registry (only a matched contact can be confirmed)' }),
  isCase: Type.Boolean({ description: 'the person is a case themselves' }),
  controlMeasure: Nullable(Type.Enum(CONTROL_MEASURES)),
  measureUntil: Nullable(Timestamp),
  controlledAt: Nullable(Timestamp),
  dismissReason: Nullable(Type.String()),
});
export type ContactView = Static<typeof ContactView>;
export const ContactsQuery = Type.Object({
  status: Type.Optional(Type.Enum(CONTACT_STATUSES)),
  degree: Type.Optional(Type.Enum(DEGREES)),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});
export const ContactPage = Type.Object({ items: Type.Array(ContactView), total: Type.Integer(), counts: ContactCounts });
export const FindInput = Type.Object({ windowMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 240, default: 30 })) });
export const Found = Type.Object({ found: Type.Integer({ description: 'distinct people found' }), added: Type.Integer(), updated: Type.Integer() });
export const ManualContact = Type.Object({
  personId: Type.Optional(Uuid),
  idNumber: Type.Optional(Type.String({ minLength: 6, maxLength: 32 })),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  phone: Type.Optional(Type.String({ maxLength: 20 })),
  degree: Type.Optional(Type.Enum(DEGREES, { default: 'close' })),
  at: Type.Optional(Timestamp),
  note: Type.String({ minLength: 1, maxLength: 500, description: 'how they met (shared meal, same car)' }),
});
export const ContactIds = Type.Object({ contactIds: Type.Array(Uuid, { minItems: 1, maxItems: 1000 }) });
export const DismissInput = Type.Object({ contactIds: Type.Array(Uuid, { minItems: 1, maxItems: 1000 }), reason: Type.String({ minLength: 1, maxLength: 500 }) });
export const Decided = Type.Object({ done: Type.Integer(), skipped: Type.Array(Type.Object({ contactId: Type.String(), reason: Type.String() })) });

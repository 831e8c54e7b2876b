import { Type, type Static } from 'typebox';

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const FOLLOW_UP_STATES = ['on_time', 'retest_overdue', 'close_overdue', 'closed_on_time', 'closed_late'] as const;
export const MEMBER_STATUSES = ['pending', 'retest_sampled', 'negative', 'positive'] as const;

/** One door-to-door task: a member of a positive pool (or a positive antigen self-test) to re-test. */
export const FollowUpTask = Type.Object({
  followUpId: Type.String(),
  personId: Type.String(),
  name: Type.String(),
  idNumberMasked: Type.String(),
  phoneMasked: Type.String(),
  address: Nullable(Type.String()),
  community: Nullable(Type.String()),
  status: Type.Enum(MEMBER_STATUSES),
  purpose: Type.String({ description: "the tube's purpose: 'screening' (a positive pool) or 'antigen_followup'" }),
  retestBarcode: Nullable(Type.String()),
  openedAt: Timestamp,
  ageHours: Type.Number(),
  retestDueAt: Timestamp,
  closeDueAt: Timestamp,
  state: Type.Enum(FOLLOW_UP_STATES),
});
export type FollowUpTask = Static<typeof FollowUpTask>;

export const TasksQuery = Type.Object({
  status: Type.Optional(Type.Enum(['open', 'pending', 'retest_sampled', 'all'] as const, { default: 'open', description: 'open: pending and sampled (the default)' })),
});

export const FollowUpSummary = Type.Object({
  id: Type.String(),
  tubeBarcode: Type.String(),
  purpose: Type.String(),
  openedAt: Timestamp,
  retestDueAt: Timestamp,
  closeDueAt: Timestamp,
  closedAt: Nullable(Timestamp),
  ageHours: Type.Number(),
  state: Type.Enum(FOLLOW_UP_STATES),
  escalationLevel: Type.Integer({ description: 'levels above the community it should be escalated to now (followUpState)' }),
  storedEscalationLevel: Type.Integer({ description: 'the level the escalation job has recorded' }),
  membersDone: Type.Integer(),
  membersTotal: Type.Integer(),
  communities: Type.Array(Type.String()),
});
export type FollowUpSummary = Static<typeof FollowUpSummary>;

export const Clearance = Type.Object({ day: Type.String(), opened: Type.Integer(), closedSameDay: Type.Integer(), cleared: Type.Boolean() });
export type Clearance = Static<typeof Clearance>;

export const BoardQuery = Type.Object({
  status: Type.Optional(Type.Enum(['open', 'closed', 'all'] as const, { default: 'open' })),
  day: Type.Optional(Type.String({ format: 'date', description: 'follow-ups opened that day (UTC+8) and its daily clearance; default today' })),
});
export const Board = Type.Object({ items: Type.Array(FollowUpSummary), clearance: Clearance, now: Timestamp });
export type Board = Static<typeof Board>;

export const RetestInput = Type.Object({
  barcode: Type.String({ minLength: 4, maxLength: 40, pattern: '^[A-Za-z0-9-]+$' }),
  sampledAt: Type.String({ format: 'date-time', description: 'ISO 8601 with offset' }),
});
export type RetestInput = Static<typeof RetestInput>;

export const ResultInput = Type.Object({
  result: Type.Enum(['negative', 'positive'] as const),
  sampledAt: Type.Optional(Type.String({ format: 'date-time', description: 'when the re-test elsewhere was sampled (default: now)' })),
});
export type ResultInput = Static<typeof ResultInput>;

export const MemberOutcome = Type.Object({
  followUpId: Type.String(),
  personId: Type.String(),
  status: Type.Enum(MEMBER_STATUSES),
  retestBarcode: Nullable(Type.String()),
  followUpClosed: Type.Boolean(),
});
export type MemberOutcome = Static<typeof MemberOutcome>;

export const AntigenInput = Type.Object({
  personId: Type.String({ format: 'uuid' }),
  result: Type.Enum(['negative', 'positive'] as const),
  testedAt: Type.String({ format: 'date-time', description: 'ISO 8601 with offset' }),
});
export type AntigenInput = Static<typeof AntigenInput>;

export const AntigenRecorded = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  result: Type.String(),
  testedAt: Timestamp,
  followUpId: Nullable(Type.String()),
});
export type AntigenRecorded = Static<typeof AntigenRecorded>;

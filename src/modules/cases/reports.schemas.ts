import { Type, type Static } from 'typebox';
import { CLASSIFICATIONS, ORIGINS, OUTCOMES, SEVERITIES } from './case-rules.ts';
import { ContactCounts, ExposureWindowView, InvestigationDetail, TRAJECTORY_KINDS } from './cases.schemas.ts';
import { CONTACT_SOURCES, CONTROL_MEASURES, DEGREES } from './contact-rules.ts';

const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const ReportInput = Type.Object(
  {
    summary: Type.Optional(Type.String({ maxLength: 20_000, description: 'the investigation’s conclusion (调查小结)' })),
    sourceHypothesis: Type.Optional(Type.String({ maxLength: 5_000, description: 'where the case most likely caught it (感染来源推断)' })),
  },
  { minProperties: 1 },
);
export type ReportInput = Static<typeof ReportInput>;
export const ApproveInput = Type.Object({ note: Type.Optional(Type.String({ maxLength: 1_000 })) });
export const ReturnInput = Type.Object({ note: Type.String({ minLength: 1, maxLength: 1_000, description: 'what to correct' }) });

export const ReportCase = Type.Object({
  id: Type.String(),
  caseNumber: Type.String(),
  name: Type.String(),
  idNumberMasked: Type.String(),
  community: Nullable(Type.String()),
  classification: Type.Enum(CLASSIFICATIONS),
  severity: Nullable(Type.Enum(SEVERITIES)),
  origin: Type.Enum(ORIGINS),
  outcome: Type.Enum(OUTCOMES),
  onsetDate: Nullable(Type.String({ format: 'date' })),
  sampledAt: Nullable(Timestamp),
  reportedAt: Timestamp,
  isolatedAt: Nullable(Timestamp),
});

export const ReportTrajectoryEntry = Type.Object({
  kind: Type.Enum(TRAJECTORY_KINDS),
  startsAt: Timestamp,
  endsAt: Nullable(Timestamp),
  venueCode: Nullable(Type.String()),
  venueName: Nullable(Type.String()),
  place: Nullable(Type.String()),
  detail: Nullable(Type.String()),
  inWindow: Type.Boolean(),
});

export const ReportContact = Type.Object({
  name: Type.String(),
  idNumberMasked: Nullable(Type.String()),
  degree: Type.Enum(DEGREES),
  sources: Type.Array(Type.Enum(CONTACT_SOURCES)),
  controlMeasure: Nullable(Type.Enum(CONTROL_MEASURES)),
  measureUntil: Nullable(Timestamp),
  lastExposureAt: Nullable(Timestamp),
  controlledAt: Nullable(Timestamp),
});

/** The report as assembled for reading and printing: statuses, summary, hypothesis and work log are in `investigation`. */
export const InvestigationReport = Type.Object({
  investigation: InvestigationDetail,
  case: ReportCase,
  exposureWindow: ExposureWindowView,
  trajectory: Type.Array(ReportTrajectoryEntry, { description: 'entries not removed, in time order' }),
  contacts: Type.Array(ReportContact, { description: 'confirmed contacts, close before secondary' }),
  contactCounts: ContactCounts,
  generatedAt: Timestamp,
});
export type InvestigationReport = Static<typeof InvestigationReport>;

export const NoticeQuery = Type.Object({
  format: Type.Optional(Type.Enum(['json', 'text'] as const, { default: 'json', description: 'text: the notice as text/plain, ready to paste' })),
  lang: Type.Optional(Type.Enum(['zh', 'en'] as const, { default: 'zh', description: 'the language of the text/plain form' })),
});
export const PublicNoticeView = Type.Object({
  caseNumber: Type.String(),
  classification: Type.Enum(CLASSIFICATIONS),
  text: Type.Object({ zh: Type.String(), en: Type.String() }),
  places: Type.Array(Type.Object({ place: Type.String(), from: Type.String({ description: 'city time, to the minute: 2026-11-20T09:30+08:00' }), until: Nullable(Type.String()) })),
});

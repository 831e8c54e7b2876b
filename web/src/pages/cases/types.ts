/**
 * The tracing API's shapes, taken from the server's schemas (type-only, erased at build), and
 * the value lists of its rules (dependency-free files, bundled as they are).
 */
import type { Static } from 'typebox';
import type { ChainGraph } from '../../../../src/modules/cases/chains.schemas.ts';
import type { InvestigationReport, PublicNoticeView } from '../../../../src/modules/cases/reports.schemas.ts';

export type {
  Board,
  BoardItem,
  CaseChange,
  CaseDetail,
  CaseSummary,
  ContactView,
  InvestigationDetail,
  Team,
  Trajectory,
  TrajectoryEntry,
  TrajectoryInput,
} from '../../../../src/modules/cases/cases.schemas.ts';
export type { ChainGraph };
export type { ChainNode, LinkView } from '../../../../src/modules/cases/chains.schemas.ts';
export type { ClockStats, Indicators } from '../../../../src/modules/cases/indicators.schemas.ts';
export type { InvestigationReport };
export type PublicNotice = Static<typeof PublicNoticeView>;

export { CLASSIFICATIONS, ORIGINS, OUTCOMES, SEVERITIES, type Classification, type Outcome, type Severity } from '../../../../src/modules/cases/case-rules.ts';
export { CONTROL_MEASURES, DEGREES, type ContactStatus, type Degree } from '../../../../src/modules/cases/contact-rules.ts';
export { INVESTIGATION_STATUSES, type InvestigationStatus } from '../../../../src/modules/cases/investigation-rules.ts';

/** The kinds of a trajectory entry (cases.schemas.ts's TRAJECTORY_KINDS, which sits beside TypeBox). */
export const TRAJECTORY_KINDS = ['venue', 'place', 'transport', 'workplace', 'home'] as const;
export type TrajectoryKind = (typeof TRAJECTORY_KINDS)[number];

/** A ChainGraph edge. */
export type ChainEdge = ChainGraph['edges'][number];

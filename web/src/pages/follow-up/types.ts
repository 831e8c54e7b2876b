/** The follow-up API's shapes, taken from the server's schemas (type-only, erased at build). */
export type { Board, Clearance, FollowUpSummary, FollowUpTask, MemberOutcome } from '../../../../src/modules/testing/follow-up/follow-up.schemas.ts';

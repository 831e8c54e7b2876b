/**
 * The API's shapes, taken from the server's own schemas (type-only imports, erased at build), so
 * a changed response is a compile error here rather than a surprise in the browser.
 */
import type { Account, Me } from '../../../src/modules/accounts/accounts.schemas.ts';
import type { AuditRow, AuditVerification } from '../../../src/modules/audit/audit.schemas.ts';
import type { Grid, Jurisdiction, JurisdictionDetail, JurisdictionRef } from '../../../src/modules/jurisdictions/jurisdictions.schemas.ts';
import type { Person, PersonDetail, Revealed } from '../../../src/modules/people/people.schemas.ts';
import type { ImportSummary } from '../../../src/platform/import-summary.schemas.ts';
import type { Static } from 'typebox';
import type {
  Appeal,
  CodeView,
  ColourChange as ColourChangeSchema,
  Fact,
  Override,
  Policy as PolicySchema,
  ReasonSchema,
  RuleSchema,
} from '../../../src/modules/health-codes/health-codes.schemas.ts';
import type { TestResult } from '../../../src/modules/testing/testing.schemas.ts';
import type { CitizenScanResult, PassCheck, Venue, VenueScan } from '../../../src/modules/venues/venues.schemas.ts';

export { PERMISSIONS, ROLES, type Permission, type Role } from '../../../src/platform/access.ts';
export { LEVELS, type Level } from '../../../src/modules/jurisdictions/division-code.ts';
export { PERSON_GROUPS as GROUPS, type PersonGroup as Group, type Residency } from '../../../src/modules/people/phone.ts';
export { DOCUMENT_TYPES } from '../../../src/modules/people/id-number.ts';
export { COLOURS, FACT_KINDS, type Colour, type FactKind } from '../../../src/modules/health-codes/colour-policy.ts';
export { VENUE_TYPES, type VenueType } from '../../../src/modules/venues/venue-input.ts';

export type { Grid, Jurisdiction, JurisdictionDetail, JurisdictionRef, Person, PersonDetail, ImportSummary };
export type Session = Me;
export type StaffSession = Extract<Me, { kind: 'staff' }>;
export type CitizenSession = Extract<Me, { kind: 'citizen' }>;
export type StaffAccount = StaffSession['account'];
export type AccountRow = Account;
export type RevealResult = Revealed;
export type ImportRejection = ImportSummary['rejections'][number];
export type AuditEntry = AuditRow;
export type AuditVerifyResult = AuditVerification;

// Health codes
export type { Appeal, CodeView, Fact, Override, Venue, VenueScan, PassCheck, TestResult, CitizenScanResult };
export type CodeReason = Static<typeof ReasonSchema>;
export type ColourChange = Static<typeof ColourChangeSchema>;
export type Policy = Static<typeof PolicySchema>;
export type PolicyRule = Static<typeof RuleSchema>;
export type PassCheckReason = PassCheck['reasons'][number];
export type BilingualText = { zh: string; en: string };

export type { CitizenCode } from '../../../src/modules/health-codes/health-codes.schemas.ts';
export type { CitizenToken, VerifyResult } from '../../../src/modules/health-codes/health-code-token.schemas.ts';

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

export interface Page<T> {
  items: T[];
  total: number;
  page?: number;
  pageSize?: number;
}

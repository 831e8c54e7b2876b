/**
 * The API's shapes, taken from the server's own schemas (type-only imports, erased at build), so
 * a changed response is a compile error here rather than a surprise in the browser.
 */
import type { Account, Me } from '../../../src/modules/accounts/accounts.schemas.ts';
import type { AuditRow, AuditVerification } from '../../../src/modules/audit/audit.schemas.ts';
import type { Grid, Jurisdiction, JurisdictionDetail, JurisdictionRef } from '../../../src/modules/jurisdictions/jurisdictions.schemas.ts';
import type { Person, PersonDetail, Revealed } from '../../../src/modules/people/people.schemas.ts';
import type { ImportSummary } from '../../../src/platform/import-summary.schemas.ts';

export { PERMISSIONS, ROLES, type Permission, type Role } from '../../../src/platform/access.ts';
export { LEVELS, type Level } from '../../../src/modules/jurisdictions/division-code.ts';
export { PERSON_GROUPS as GROUPS, type PersonGroup as Group, type Residency } from '../../../src/modules/people/phone.ts';
export { DOCUMENT_TYPES } from '../../../src/modules/people/id-number.ts';

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
export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

export interface Page<T> {
  items: T[];
  total: number;
  page?: number;
  pageSize?: number;
}

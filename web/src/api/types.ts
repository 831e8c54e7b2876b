/** Response shapes of the Yipan HTTP API, as the web UI consumes them. */

export const ROLES = [
  'admin',
  'city_commander',
  'district_commander',
  'street_commander',
  'grid_worker',
  'investigator',
  'sampler',
  'lab_technician',
  'quarantine_manager',
  'transfer_dispatcher',
  'hospital_staff',
  'checkpoint_staff',
  'hotline_operator',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | 'jurisdictions:read'
  | 'jurisdictions:write'
  | 'people:read'
  | 'people:write'
  | 'people:reveal'
  | 'people:import'
  | 'accounts:read'
  | 'accounts:write'
  | 'audit:read';

export const LEVELS = ['city', 'district', 'street', 'community', 'compound', 'building', 'unit', 'household'] as const;
export type Level = (typeof LEVELS)[number];

export const GROUPS = [
  'elderly_alone',
  'disabled',
  'pregnant',
  'dialysis',
  'chemotherapy',
  'infant',
  'chronic_illness',
  'key_industry',
] as const;
export type Group = (typeof GROUPS)[number];

export const DOCUMENT_TYPES = [
  'resident_id',
  'passport',
  'hk_macao_permit',
  'taiwan_permit',
  'foreign_permanent_residence',
  'other',
] as const;

export type Residency = 'resident' | 'floating';

export interface JurisdictionRef {
  id: string;
  code: string;
  name: string;
  level: Level;
}

export interface Jurisdiction extends JurisdictionRef {
  parentId: string | null;
  hasChildren: boolean;
}

export interface JurisdictionDetail extends Jurisdiction {
  ancestors: JurisdictionRef[];
}

export interface Grid {
  id: string;
  code: string;
  name: string;
  communityId: string;
  worker: { id: string; username: string; displayName: string } | null;
}

export interface StaffAccount {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  jurisdiction: JurisdictionRef;
  permissions: Permission[];
}

export interface StaffSession {
  kind: 'staff';
  account: StaffAccount;
  csrfToken: string;
}

export interface CitizenSession {
  kind: 'citizen';
  phoneMasked: string;
  csrfToken: string;
}

export type Session = StaffSession | CitizenSession;

export interface Person {
  id: string;
  name: string;
  documentType: string;
  idNumberMasked: string;
  phoneMasked: string;
  sex: 'male' | 'female' | null;
  birthDate: string | null;
  residency: Residency;
  groups: string[];
  address: string | null;
  jurisdiction: JurisdictionRef;
  createdAt: string;
  updatedAt: string;
}

export interface PersonDetail extends Person {
  ancestors: JurisdictionRef[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page?: number;
  pageSize?: number;
}

export interface RevealResult {
  idNumber: string;
  phone: string;
}

export interface ImportRejection {
  line: number;
  column: string | null;
  reason: string;
}

export interface ImportSummary {
  id: string;
  status: string;
  processed: number;
  imported: number;
  updated: number;
  rejected: number;
  rejections: ImportRejection[];
  rejectionsTruncated: boolean;
}

export interface AccountRow {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  jurisdiction: JurisdictionRef;
  disabled: boolean;
  lockedUntil: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorName: string | null;
  actorRole: string | null;
  ip: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  reason: string | null;
  details: unknown;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  brokenAtId?: number;
  reason?: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

import { checkDocument, type DocumentType, DOCUMENT_TYPES, maskDocumentNumber } from './id-number.ts';
import { checkPhone, PERSON_GROUPS, RESIDENCY } from './phone.ts';

/** A person's fields after validation, before encryption and placement. */
export interface ValidPerson {
  name: string;
  documentType: DocumentType;
  idNumber: string;
  idNumberMasked: string;
  phone: string;
  sex: 'male' | 'female' | null;
  birthDate: string | null;
  jurisdictionCode: string | null;
  address: string | null;
  residency: string;
  groups: string[];
}

export type FieldError = { field: string; reason: string };

/**
 * Validates one person as given by a form or a CSV row (pure: no I/O). Field names are the
 * CSV's; the API maps them back to its own. Sex and birth date come from a mainland ID number.
 */
export function validatePerson(
  input: {
    name?: string;
    documentType?: string;
    idNumber?: string;
    phone?: string;
    jurisdictionCode?: string;
    address?: string;
    residency?: string;
    groups?: string[];
  },
  today: Date,
): ValidPerson | FieldError {
  const name = (input.name ?? '').trim();
  if (!name) return { field: 'name', reason: 'is required' };
  if (name.length > 50) return { field: 'name', reason: 'must be at most 50 characters' };
  const documentType = (input.documentType || 'resident_id') as DocumentType;
  if (!DOCUMENT_TYPES.includes(documentType)) return { field: 'document_type', reason: `must be one of ${DOCUMENT_TYPES.join(', ')}` };
  if (!input.idNumber) return { field: 'id_number', reason: 'is required' };
  const doc = checkDocument(documentType, input.idNumber, today);
  if (!doc.ok) return { field: 'id_number', reason: doc.reason };
  if (!input.phone) return { field: 'phone', reason: 'is required' };
  const phone = checkPhone(input.phone);
  if (!phone.ok) return { field: 'phone', reason: phone.reason };
  const residency = input.residency || 'resident';
  if (!(RESIDENCY as readonly string[]).includes(residency)) return { field: 'residency', reason: `must be one of ${RESIDENCY.join(', ')}` };
  const groups = [...new Set(input.groups ?? [])];
  const unknown = groups.find((g) => !(PERSON_GROUPS as readonly string[]).includes(g));
  if (unknown) return { field: 'groups', reason: `unknown group "${unknown}"; allowed: ${PERSON_GROUPS.join(', ')}` };
  const code = input.jurisdictionCode?.trim() || null;
  if (code && !/^\d{6,23}$/.test(code)) return { field: 'unit_code', reason: 'must be a jurisdiction code of 6 to 23 digits' };
  const address = input.address?.trim() || null;
  if (address && address.length > 200) return { field: 'address', reason: 'must be at most 200 characters' };
  return {
    name,
    documentType,
    idNumber: doc.number,
    idNumberMasked: maskDocumentNumber(documentType, doc.number),
    phone: phone.phone,
    sex: doc.sex ?? null,
    birthDate: doc.birthDate ?? null,
    jurisdictionCode: code,
    address,
    residency,
    groups,
  };
}

export const isFieldError = (v: ValidPerson | FieldError): v is FieldError => 'reason' in v;

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDigit } from './id-number.ts';
import { isFieldError, validatePerson } from './person-input.ts';

const TODAY = new Date('2026-11-24T00:00:00Z');
const id = (first17: string) => first17 + checkDigit(first17);
const good = { name: '张伟', idNumber: id('41010219900307123'), phone: '13812345678' };

test('person rows: the first failing field is named', () => {
  const cases: Array<[Record<string, unknown>, string | null]> = [
    [good, null],
    [{ ...good, name: '' }, 'name'],
    [{ ...good, name: 'x'.repeat(51) }, 'name'],
    [{ ...good, idNumber: '' }, 'id_number'],
    [{ ...good, idNumber: id('41010219900307123').slice(0, 17) + 'Y' }, 'id_number'],
    [{ ...good, documentType: 'visa' }, 'document_type'],
    [{ ...good, documentType: 'passport', idNumber: 'E12345678' }, null],
    [{ ...good, phone: '123' }, 'phone'],
    [{ ...good, residency: 'tourist' }, 'residency'],
    [{ ...good, groups: ['dialysis', 'wizard'] }, 'groups'],
    [{ ...good, jurisdictionCode: '4101' }, 'unit_code'],
    [{ ...good, address: 'x'.repeat(201) }, 'address'],
  ];
  for (const [input, field] of cases) {
    const r = validatePerson(input as never, TODAY);
    assert.equal(isFieldError(r) ? r.field : null, field, JSON.stringify(input));
  }
});

test('a valid resident gets sex, birth date and the masked number; a passport gets none', () => {
  const r = validatePerson({ ...good, groups: ['dialysis', 'dialysis'] }, TODAY);
  assert.ok(!isFieldError(r));
  assert.equal(r.sex, 'male');
  assert.equal(r.birthDate, '1990-03-07');
  assert.equal(r.idNumberMasked, '4101**********' + r.idNumber.slice(-4));
  assert.deepEqual(r.groups, ['dialysis']);
  const p = validatePerson({ ...good, documentType: 'passport', idNumber: 'e1234567' }, TODAY);
  assert.ok(!isFieldError(p));
  assert.equal(p.idNumber, 'E1234567');
  assert.equal(p.sex, null);
  assert.equal(p.birthDate, null);
});

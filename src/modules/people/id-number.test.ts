import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDigit, checkDocument, checkResidentId, maskDocumentNumber } from './id-number.ts';

const TODAY = new Date('2026-11-24T00:00:00Z');
const withCheck = (first17: string) => first17 + checkDigit(first17);

test('check digit per GB 11643 (known published examples)', () => {
  const cases: Array<[string, string]> = [
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['41010519900307123', 'X'],
    ['11010119900307001', '1'],
  ];
  for (const [first17, expected] of cases) assert.equal(checkDigit(first17), expected, first17);
});

test('resident ID validation', () => {
  const cases: Array<{ id: string; ok: boolean; reason?: RegExp; sex?: string; birth?: string }> = [
    { id: '11010519491231002X', ok: true, sex: 'female', birth: '1949-12-31' },
    { id: '11010519491231002x', ok: true, sex: 'female', birth: '1949-12-31' },
    { id: ' 440524188001010014 ', ok: false, reason: /before 1890/ },
    { id: withCheck('44052419800101001'), ok: true, sex: 'male', birth: '1980-01-01' },
    { id: '110105194912310021', ok: false, reason: /check digit/ },
    { id: '11010519491231002', ok: false, reason: /17 digits/ },
    { id: '1101051949123100211', ok: false, reason: /17 digits/ },
    { id: '11010519491231002Y', ok: false, reason: /17 digits/ },
    { id: withCheck('99010519900101001'), ok: false, reason: /region/ },
    { id: withCheck('11010519900230001'), ok: false, reason: /not a valid date/ },
    { id: withCheck('11010519901301001'), ok: false, reason: /not a valid date/ },
    { id: withCheck('11010518800101001'), ok: false, reason: /before 1890/ },
    { id: withCheck('11010520270101001'), ok: false, reason: /future/ },
    { id: withCheck('11010520000229001'), ok: true, sex: 'male', birth: '2000-02-29' },
    { id: withCheck('11010519000229001'), ok: false, reason: /not a valid date/ },
  ];
  for (const c of cases) {
    const r = checkResidentId(c.id, TODAY);
    assert.equal(r.ok, c.ok, `${c.id}: ${JSON.stringify(r)}`);
    if (r.ok) {
      assert.equal(r.sex, c.sex, c.id);
      assert.equal(r.birthDate, c.birth, c.id);
    } else assert.match(r.reason, c.reason!, c.id);
  }
});

test('other documents: 5 to 20 letters or digits', () => {
  const cases: Array<[Parameters<typeof checkDocument>[0], string, boolean]> = [
    ['passport', 'E12345678', true],
    ['passport', 'e1234', true],
    ['passport', 'E12', false],
    ['passport', 'E1234567890123456789X', false],
    ['hk_macao_permit', 'H12345678', true],
    ['other', 'AB-1234', true],
    ['other', 'AB 12#4', false],
  ];
  for (const [type, number, ok] of cases) assert.equal(checkDocument(type, number, TODAY).ok, ok, `${type} ${number}`);
});

test('masking keeps four characters each end of a resident ID, two of anything else', () => {
  const cases: Array<[Parameters<typeof maskDocumentNumber>[0], string, string]> = [
    ['resident_id', '41010519900307123X', '4101**********123X'],
    ['passport', 'E12345678', 'E1*****78'],
    ['passport', 'AB12', '****'],
  ];
  for (const [type, number, masked] of cases) assert.equal(maskDocumentNumber(type, number), masked);
});

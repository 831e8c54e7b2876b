import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkPhone, maskPhone } from './phone.ts';

test('phone validation and normalisation', () => {
  const cases: Array<[string, string | null]> = [
    ['13812345678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['86 138 1234 5678', '13812345678'],
    ['19912345678', '19912345678'],
    ['12812345678', null],
    ['1381234567', null],
    ['0371-12345678', '037112345678'],
    ['010-1234567', '0101234567'],
    ['abc', null],
    ['', null],
  ];
  for (const [raw, expected] of cases) {
    const r = checkPhone(raw);
    assert.equal(r.ok ? r.phone : null, expected, raw);
  }
});

test('phone masking', () => {
  const cases: Array<[string, string]> = [
    ['13812345678', '138****5678'],
    ['037112345678', '037*****5678'],
    ['12345', '*****'],
  ];
  for (const [phone, masked] of cases) assert.equal(maskPhone(phone), masked);
});

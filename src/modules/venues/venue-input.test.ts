import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isFieldError, maskName, validateVenue, venueCodeFromQr } from './venue-input.ts';

const good = { code: 'V4101020001', name: '金水路小区东门', type: 'compound_gate' };

test('venue rows: the first failing field is named', () => {
  const cases: Array<[Record<string, string | null | undefined>, string | null]> = [
    [good, null],
    [{ ...good, code: '' }, 'code'],
    [{ ...good, code: 'V12' }, 'code'],
    [{ ...good, code: 'V'.repeat(33) }, 'code'],
    [{ ...good, code: 'V-123' }, null],
    [{ ...good, code: '-V123' }, 'code'],
    [{ ...good, code: 'V12_3' }, 'code'],
    [{ ...good, code: '场所0001' }, 'code'],
    [{ ...good, name: ' ' }, 'name'],
    [{ ...good, name: 'x'.repeat(101) }, 'name'],
    [{ ...good, type: '' }, 'type'],
    [{ ...good, type: 'casino' }, 'type'],
    [{ ...good, type: 'MALL' }, null],
    [{ ...good, address: 'x'.repeat(201) }, 'address'],
    [{ ...good, jurisdictionCode: '4101' }, 'jurisdiction_code'],
    [{ ...good, jurisdictionCode: '410102001' }, null],
  ];
  for (const [input, field] of cases) {
    const r = validateVenue(input);
    assert.equal(isFieldError(r) ? r.field : null, field, JSON.stringify(input));
  }
  const v = validateVenue({ ...good, code: ' v4101020001 ', type: 'Mall', address: '  ' });
  assert.ok(!isFieldError(v));
  assert.deepEqual(v, { code: 'V4101020001', name: '金水路小区东门', type: 'mall', address: null, jurisdictionCode: null });
});

test('QR text and masked names', () => {
  assert.equal(venueCodeFromQr('yipan:venue:V4101020001'), 'V4101020001');
  assert.equal(venueCodeFromQr('YIPAN:VENUE:v4101020001'), 'V4101020001');
  assert.equal(venueCodeFromQr(' v4101020001 '), 'V4101020001');
  const cases: Array<[string, string]> = [
    ['王芳', '王*'],
    ['欧阳小峰', '欧***'],
    ['John Smith', 'J*** S****'],
    ['A', 'A*'],
  ];
  for (const [name, masked] of cases) assert.equal(maskName(name), masked, name);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Colour } from '../health-codes/colour-policy.ts';
import { checkScan, decideScan, isScanFieldError, parseIsoWithOffset } from './scan-rule.ts';

const NOW = new Date('2026-11-24T04:00:00Z');
const reasons = [{ zh: '核酸检测结果阳性', en: 'Positive test result' }];

test('scan decision: pass on green, deny with the reason otherwise; the more severe colour decides', () => {
  const cases: Array<[Colour | null, Colour, Colour, 'pass' | 'deny', RegExp | null]> = [
    [null, 'green', 'green', 'pass', null],
    ['green', 'green', 'green', 'pass', null],
    [null, 'red', 'red', 'deny', /^红码：核酸检测结果阳性$/],
    [null, 'yellow', 'yellow', 'deny', /^黄码：核酸检测结果阳性$/],
    ['red', 'red', 'red', 'deny', /^红码：/],
    ['green', 'red', 'green', 'deny', /^出示绿码，当前为红码：核酸检测结果阳性$/],
    ['yellow', 'green', 'yellow', 'deny', /^出示黄码$/],
    ['red', 'yellow', 'red', 'deny', /^出示红码，当前为黄码：核酸检测结果阳性$/],
  ];
  for (const [shown, current, recorded, result, zh] of cases) {
    const d = decideScan(shown, { colour: current, reasons: current === 'green' ? [] : reasons });
    const name = `${shown} shown, ${current} now`;
    assert.equal(d.colourShown, recorded, name);
    assert.equal(d.result, result, name);
    if (zh) assert.match(d.reason!.zh, zh, name);
    else assert.equal(d.reason, null, name);
    if (d.reason) assert.ok(d.reason.en.length > 0);
  }
  assert.equal(decideScan(null, { colour: 'red', reasons }).reason!.en, 'Red code: Positive test result');
});

test('ISO 8601 times need an offset and a real date', () => {
  const cases: Array<[string, string | null]> = [
    ['2026-11-24T09:30:00+08:00', '2026-11-24T01:30:00.000Z'],
    ['2026-11-24T01:30:00Z', '2026-11-24T01:30:00.000Z'],
    ['2026-11-24T01:30:00.5z', '2026-11-24T01:30:00.500Z'],
    ['2026-11-24 09:30+0800', '2026-11-24T01:30:00.000Z'],
    ['2026-11-24T09:30:00-05:30', '2026-11-24T15:00:00.000Z'],
    ['2026-11-24T09:30:00', null],
    ['2026-02-30T09:30:00+08:00', null],
    ['2024-02-29T09:30:00+08:00', '2024-02-29T01:30:00.000Z'],
    ['2026-11-24T24:00:00Z', null],
    ['2026-11-24T09:30:00+15:00', null],
    ['yesterday', null],
  ];
  for (const [raw, iso] of cases) {
    const d = parseIsoWithOffset(raw);
    assert.equal(d instanceof Date ? d.toISOString() : null, iso, raw);
  }
});

test('scan events: the first failing field is named', () => {
  const good = { eventId: 'dev1-0001', idNumber: '11010519491231002X', venueCode: 'v4101020001', scannedAt: '2026-11-24T11:00:00+08:00' };
  const cases: Array<[Record<string, string | undefined>, string | null]> = [
    [good, null],
    [{ ...good, eventId: '' }, 'eventId'],
    [{ ...good, eventId: 'has space' }, 'eventId'],
    [{ ...good, idNumber: undefined }, 'idNumber'],
    [{ ...good, personId: '6f9619ff-8b86-4011-b42d-00cf4fc964ff' }, 'personId'],
    [{ ...good, idNumber: undefined, personId: 'not-a-uuid' }, 'personId'],
    [{ ...good, idNumber: undefined, personId: '6f9619ff-8b86-4011-b42d-00cf4fc964ff' }, null],
    [{ ...good, idNumber: '1234' }, 'idNumber'],
    [{ ...good, venueCode: 'V1' }, 'venueCode'],
    [{ ...good, venueCode: 'V 4101 0200 01' }, null],
    [{ ...good, venueCode: 'V41!' }, 'venueCode'],
    [{ ...good, scannedAt: '' }, 'scannedAt'],
    [{ ...good, scannedAt: '2026-11-24T11:00:00' }, 'scannedAt'],
    [{ ...good, scannedAt: '2026-11-24T12:04:00+08:00' }, null],
    [{ ...good, scannedAt: '2026-11-24T12:06:00+08:00' }, 'scannedAt'],
    [{ ...good, scannedAt: '2026-10-27T12:01:00+08:00' }, null],
    [{ ...good, scannedAt: '2026-10-27T11:59:00+08:00' }, 'scannedAt'],
    [{ ...good, colourShown: 'blue' }, 'colourShown'],
    [{ ...good, colourShown: 'RED' }, null],
  ];
  for (const [input, field] of cases) {
    const r = checkScan(input, NOW, 28);
    assert.equal(isScanFieldError(r) ? r.field : null, field, JSON.stringify(input));
  }
  const ok = checkScan({ ...good, colourShown: 'Yellow' }, NOW, 28);
  assert.ok(!isScanFieldError(ok));
  assert.equal(ok.venueCode, 'V4101020001');
  assert.equal(ok.colourShown, 'yellow');
  assert.equal(ok.scannedAt.toISOString(), '2026-11-24T03:00:00.000Z');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AuditFields, canonicalJson, chainHash, GENESIS_HASH, verifyChain } from './hash-chain.ts';

const row = (i: number): AuditFields => ({
  at: `2026-11-24T10:00:0${i}.000Z`,
  actorId: null,
  actorName: 'admin',
  actorRole: 'admin',
  ip: '127.0.0.1',
  action: 'person.reveal',
  entityType: 'person',
  entityId: String(i),
  jurisdictionPath: '/410100/',
  reason: 'why',
  details: { b: 1, a: [i, { y: 2, x: 1 }] },
});

function chain(n: number) {
  const rows = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const hash = chainHash(prev, row(i));
    rows.push({ id: i + 1, ...row(i), prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

test('canonical JSON sorts keys at every depth', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 0 }], c: null } }), '{"a":{"c":null,"d":[2,{"y":0,"z":1}]},"b":1}');
  assert.equal(canonicalJson({ a: 1, skip: undefined }), '{"a":1}');
});

test('tampering is found at the row it touched', () => {
  const cases: Array<[string, (rows: ReturnType<typeof chain>) => void, number | null]> = [
    ['untouched', () => undefined, null],
    ['edited reason', (r) => void (r[2].reason = 'other'), 3],
    ['edited details', (r) => void ((r[1].details as { b: number }).b = 2), 2],
    ['deleted row', (r) => void r.splice(2, 1), 4],
    ['reordered rows', (r) => void ([r[1], r[2]] = [r[2], r[1]]), 3],
    ['rehashed edit without relinking', (r) => {
      r[1].actorName = 'mallory';
      const { id: _i, prevHash, hash: _h, ...fields } = r[1];
      r[1].hash = chainHash(prevHash, fields);
    }, 3],
  ];
  for (const [name, tamper, brokenAt] of cases) {
    const rows = chain(5);
    tamper(rows);
    const result = verifyChain(rows.map(({ id, prevHash, hash, ...f }) => ({ id, prevHash, hash, ...f })));
    assert.equal(result.ok ? null : result.brokenAtId, brokenAt, name);
  }
});

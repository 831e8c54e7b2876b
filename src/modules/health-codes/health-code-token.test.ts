import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { addAccount, idNumber, seedTree, signIn, startTestApp, type TestEnv } from '../../../test/helpers.ts';
import type { StaffActor } from '../../platform/access.ts';
import { CARD_TOKEN_TTL_SECONDS, issueHealthCodeToken, maskNameForCard, TOKEN_TTL_SECONDS, TOKEN_TYPE, verifyHealthCodeToken } from './health-code-token.ts';
import { currentCode } from './recolour.ts';
import { KEY_RETENTION_SECONDS, publishedKeys, rotateSigningKey } from './signing-keys.ts';

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (segment: string) => JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));

describe('health-code token: issue and verify', () => {
  let env: TestEnv;
  let personId: string;
  let pseudonym: string;
  const admin: StaffActor = { kind: 'staff', id: '00000000-0000-4000-8000-000000000001', username: 'root', role: 'admin', jurisdictionId: 'x', scopePath: '/410100/' };

  before(async () => {
    env = await startTestApp();
    const nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    const city = await signIn(env.app, 'city');
    const res = await city.post('/api/people', { name: '张小伟', idNumber: idNumber('410102', '19900307', 321), phone: '13800001111', jurisdictionCode: nodes['a.household'].code });
    assert.equal(res.statusCode, 201, res.body);
    personId = res.json().id;
    pseudonym = (await currentCode(env.ctx.db, personId, env.clock.now())).pseudonym;
  });
  after(() => env.close());

  test('a token is a compact EdDSA JWS carrying the pseudonym and colour only, valid for 120 s', async () => {
    const issued = await issueHealthCodeToken(env.ctx, { pseudonym, colour: 'green' });
    const [h, p, s] = issued.token.split('.');
    assert.deepEqual(decode(h), { alg: 'EdDSA', kid: issued.kid, typ: TOKEN_TYPE });
    const payload = decode(p);
    assert.deepEqual(Object.keys(payload).sort(), ['col', 'exp', 'iat', 'sub']);
    assert.equal(payload.sub, pseudonym);
    assert.equal(payload.col, 'g');
    assert.equal(payload.exp - payload.iat, TOKEN_TTL_SECONDS);
    assert.equal(Buffer.from(s, 'base64url').length, 64);
    for (const secret of ['张小伟', '13800001111', personId, '410102']) assert.ok(!Buffer.from(p, 'base64url').toString().includes(secret), secret);
    assert.ok(issued.token.length < 300, `token is ${issued.token.length} characters`);

    const v = await verifyHealthCodeToken(env.ctx, issued.token);
    assert.ok(v.valid);
    assert.equal(v.personId, personId);
    assert.equal(v.colour, 'green');
    assert.equal(v.colourAtIssue, 'green');
    assert.equal(v.expiresAt.getTime() - v.issuedAt.getTime(), TOKEN_TTL_SECONDS * 1000);
  });

  test('each kind of bad token is rejected with its reason', async () => {
    const now = env.clock.now();
    const { token, kid } = await issueHealthCodeToken(env.ctx, { pseudonym, colour: 'yellow' }, { now });
    const [h, p, s] = token.split('.');
    const reason = async (t: string, at = now) => {
      const v = await verifyHealthCodeToken(env.ctx, t, at);
      return v.valid ? 'valid' : v.reason;
    };
    assert.equal(await reason(token), 'valid');
    // Payload changed (a yellow code claiming green), signature kept.
    assert.equal(await reason(`${h}.${part({ ...decode(p), col: 'g' })}.${s}`), 'tampered');
    // Signature changed in its first character, and in its last (non-canonical trailing bits).
    assert.equal(await reason(`${h}.${p}.${s[0] === 'A' ? 'B' : 'A'}${s.slice(1)}`), 'tampered');
    assert.equal(await reason(`${h}.${p}.${s.slice(0, -1)}${s.endsWith('A') ? 'B' : 'A'}`), 'tampered');
    assert.equal(await reason(`${h}.${p}.${s.slice(0, 40)}`), 'tampered');
    // A key we never published.
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const fh = part({ alg: 'EdDSA', kid: 'not-our-key', typ: TOKEN_TYPE });
    assert.equal(await reason(`${fh}.${p}.${sign(null, Buffer.from(`${fh}.${p}`), stranger).toString('base64url')}`), 'unknown_key');
    // Our kid, a stranger's signature.
    const oh = part({ alg: 'EdDSA', kid, typ: TOKEN_TYPE });
    assert.equal(await reason(`${oh}.${p}.${sign(null, Buffer.from(`${oh}.${p}`), stranger).toString('base64url')}`), 'tampered');
    // Structure.
    for (const bad of ['', 'abc', `${h}.${p}`, `${h}.${p}.${s}.x`, `${h}.${p}.${s}!`, `${part({ alg: 'none', kid, typ: TOKEN_TYPE })}.${p}.`, `${part({ alg: 'EdDSA', kid, typ: 'JWT' })}.${p}.${s}`, 'x'.repeat(2000)]) {
      assert.equal(await reason(bad), 'malformed', bad.slice(0, 60));
    }
    // Lifetime: valid one second before expiry, expired at it.
    assert.equal(await reason(token, new Date(now.getTime() + (TOKEN_TTL_SECONDS - 1) * 1000)), 'valid');
    assert.equal(await reason(token, new Date(now.getTime() + TOKEN_TTL_SECONDS * 1000)), 'expired');
  });

  test('a properly signed token for a pseudonym nobody holds is an unknown person', async () => {
    const { token } = await issueHealthCodeToken(env.ctx, { pseudonym: 'no-such-pseudonym', colour: 'green' });
    assert.deepEqual(await verifyHealthCodeToken(env.ctx, token), { valid: false, reason: 'unknown_person' });
  });

  test('a card token lives 24 hours; nothing lives longer', async () => {
    const card = await issueHealthCodeToken(env.ctx, { pseudonym, colour: 'green' }, { ttlSeconds: CARD_TOKEN_TTL_SECONDS });
    assert.equal(card.expiresAt.getTime() - card.issuedAt.getTime(), 86_400_000);
    assert.ok((await verifyHealthCodeToken(env.ctx, card.token, new Date(card.issuedAt.getTime() + 23 * 3_600_000))).valid);
    await assert.rejects(issueHealthCodeToken(env.ctx, { pseudonym, colour: 'green' }, { ttlSeconds: CARD_TOKEN_TTL_SECONDS + 1 }), /lifetime/);
  });

  test('after rotation the old key verifies until its tokens have expired, then leaves the JWKS', async () => {
    const old = await issueHealthCodeToken(env.ctx, { pseudonym, colour: 'green' }, { ttlSeconds: CARD_TOKEN_TTL_SECONDS });
    const rotatedAt = env.clock.now();
    const { kid } = await rotateSigningKey(env.ctx, admin);
    assert.notEqual(kid, old.kid);
    const fresh = await issueHealthCodeToken(env.ctx, { pseudonym, colour: 'green' });
    assert.equal(fresh.kid, kid);
    assert.deepEqual((await publishedKeys(env.ctx, rotatedAt)).map((k) => k.kid).sort(), [kid, old.kid].sort());
    assert.ok((await verifyHealthCodeToken(env.ctx, old.token)).valid);
    const later = new Date(rotatedAt.getTime() + KEY_RETENTION_SECONDS * 1000);
    assert.deepEqual((await publishedKeys(env.ctx, later)).map((k) => k.kid), [kid]);
    assert.deepEqual(await verifyHealthCodeToken(env.ctx, old.token, later), { valid: false, reason: 'unknown_key' });
    await assert.rejects(rotateSigningKey(env.ctx, { ...admin, role: 'city_commander' }), /lacks health_codes:keys/);
  });

  test('names on a card are masked but recognisable', () => {
    const cases: Array<[string, string]> = [
      ['张伟', '张*'],
      ['张小伟', '张*伟'],
      ['欧阳小峰', '欧**峰'],
      ['王', '王'],
      ['John Smith', 'J**n S***h'],
    ];
    for (const [name, masked] of cases) assert.equal(maskNameForCard(name), masked, name);
  });
});

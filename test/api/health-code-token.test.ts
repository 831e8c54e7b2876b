import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { healthFacts } from '../../src/modules/health-codes/health-codes.table.ts';
import { recolourPeople } from '../../src/modules/health-codes/recolour.ts';
import { addAccount, clientFor, idNumber, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

// jsqr ships CommonJS with an ES-style default.
const jsQR = jsQRModule.default ?? (jsQRModule as unknown as typeof jsQRModule.default);

/** Reads the QR code in a PNG with an independent decoder. */
function decodeQr(png: Buffer): string {
  const { width, height, data } = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width, height);
  assert.ok(code, 'no QR code found in the image');
  return code.data;
}

/** Verifies a token against the published JWKS with jose, not with our own code. */
async function verifyWithJose(jwks: JSONWebKeySet, token: string) {
  const { payload, protectedHeader } = await compactVerify(token, createLocalJWKSet(jwks));
  return { header: protectedHeader, payload: JSON.parse(new TextDecoder().decode(payload)) as { sub: string; col: string; iat: number; exp: number } };
}

/**
 * The text a PDF shows, as pdfkit writes it: content streams select fonts (`/F1 12 Tf`) and show
 * glyph codes (`[<0001 0002> 0] TJ`); each font's ToUnicode map turns codes into characters.
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream?: Buffer }>();
  for (const m of raw.matchAll(/(\d+) 0 obj\s*(<<[\s\S]*?>>)\s*(stream\r?\n)?/g)) {
    const dict = m[2];
    let stream: Buffer | undefined;
    if (m[3]) {
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      const start = m.index + m[0].length;
      stream = pdf.subarray(start, start + length);
      if (dict.includes('/FlateDecode')) stream = inflateSync(stream);
    }
    objects.set(Number(m[1]), { dict, stream });
  }
  const fontRefs = new Map<string, number>();
  for (const { dict } of objects.values()) for (const f of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) fontRefs.set(f[1], Number(f[2]));
  const maps = new Map<string, Map<number, string>>();
  for (const [name, ref] of fontRefs) {
    const cmapRef = Number(/\/ToUnicode (\d+) 0 R/.exec(objects.get(ref)?.dict ?? '')?.[1]);
    const cmap = objects.get(cmapRef)?.stream?.toString('latin1') ?? '';
    const map = new Map<number, string>();
    for (const r of cmap.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
      const first = parseInt(r[1], 16);
      [...r[3].matchAll(/<([0-9a-f]+)>/gi)].forEach((u, i) => map.set(first + i, String.fromCodePoint(parseInt(u[1], 16))));
    }
    maps.set(name, map);
  }
  const lines: string[] = [];
  for (const { stream } of objects.values()) {
    if (!stream) continue;
    let font: Map<number, string> | undefined;
    for (const op of stream.toString('latin1').matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (op[1]) font = maps.get(op[1]);
      else if (font) lines.push([...op[2].matchAll(/<([0-9a-f]*)>/gi)].map((h) => (h[1].match(/.{4}/g) ?? []).map((c) => font!.get(parseInt(c, 16)) ?? '?').join('')).join(''));
    }
  }
  return lines.join('\n');
}

describe('signed health-code tokens, QR images and code cards', () => {
  let env: TestEnv;
  let nodes: Awaited<ReturnType<typeof seedTree>>;
  let admin: Client;
  let city: Client;
  let distA: Client;
  let checkpointB: Client;
  let sampler: Client;
  let auditor: Client;
  let citizen: Client;
  let zhangId: string;
  let liId: string;
  const anonymous = (method: 'GET' | 'POST', url: string, payload?: object) => env.app.inject({ method, url, ...(payload ? { payload } : {}) });
  const jwks = async (): Promise<JSONWebKeySet> => {
    const res = await anonymous('GET', '/.well-known/jwks.json');
    assert.equal(res.statusCode, 200);
    return res.json();
  };
  const signInAll = async () => {
    [admin, city, distA, checkpointB, sampler, auditor] = await Promise.all(['admin', 'city', 'dista', 'checkb', 'sampler', 'auditor'].map((u) => signIn(env.app, u)));
    await env.app.inject({ method: 'POST', url: '/api/auth/citizen/code', payload: { phone: '13800001111' } });
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/citizen/login', payload: { phone: '13800001111', code: env.notifier.last.get('13800001111') } });
    assert.equal(res.statusCode, 200, res.body);
    citizen = clientFor(env.app, String(res.headers['set-cookie']).split(';')[0], res.json().csrfToken);
  };
  const staffToken = async (personId = zhangId) => {
    const res = await city.get(`/api/people/${personId}/health-code`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { token: string; expiresAt: string; colour: string };
  };

  before(async () => {
    env = await startTestApp();
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'admin', 'admin', nodes.city.id);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'dista', 'district_commander', nodes.a.id);
    await addAccount(env.ctx, 'checkb', 'checkpoint_staff', nodes.b.id);
    await addAccount(env.ctx, 'sampler', 'sampler', nodes.city.id);
    await addAccount(env.ctx, 'auditor', 'auditor', nodes.city.id);
    [city] = await Promise.all([signIn(env.app, 'city')]);
    const add = async (name: string, id: string, phone: string, unit: string) => {
      const res = await city.post('/api/people', { name, idNumber: id, phone, jurisdictionCode: unit });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    zhangId = await add('张小伟', idNumber('410102', '19900307', 123), '13800001111', nodes['a.household'].code);
    liId = await add('李娜', idNumber('410103', '19851212', 456), '13900002222', nodes['b.household'].code);
    await signInAll();
  });
  after(() => env.close());

  test('the citizen page gets a token whose QR decodes to a token that verifies against the published JWKS', async () => {
    const res = await citizen.get(`/api/citizen/health-code?personId=${zhangId}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    const body = res.json();
    assert.equal(body.colour, 'green');
    assert.deepEqual(body.reasons, []);
    assert.equal(body.greenAt, null);
    assert.match(body.qrPngDataUrl, /^data:image\/png;base64,/);
    const scanned = decodeQr(Buffer.from(body.qrPngDataUrl.split(',')[1], 'base64'));
    assert.equal(scanned, body.token);

    const keys = await jwks();
    assert.ok(keys.keys.every((k) => k.kty === 'OKP' && k.crv === 'Ed25519' && k.alg === 'EdDSA' && k.use === 'sig' && k.kid && !('d' in k)));
    const { header, payload } = await verifyWithJose(keys, scanned);
    assert.deepEqual(header, { alg: 'EdDSA', kid: header.kid, typ: 'yipan-hc+jwt' });
    assert.deepEqual(Object.keys(payload).sort(), ['col', 'exp', 'iat', 'sub']);
    assert.equal(payload.col, 'g');
    assert.equal(payload.exp - payload.iat, 120);
    assert.equal(new Date(body.expiresAt).getTime(), payload.exp * 1000);
    assert.ok(!scanned.includes(zhangId));
  });

  test('a citizen gets only the codes of people registered with their phone; staff and strangers get none', async () => {
    assert.equal((await citizen.get(`/api/citizen/health-code?personId=${liId}`)).statusCode, 404);
    assert.equal((await citizen.get('/api/citizen/health-code?personId=00000000-0000-4000-8000-000000000000')).statusCode, 404);
    assert.equal((await citizen.get('/api/citizen/health-code')).statusCode, 400);
    assert.equal((await city.get(`/api/citizen/health-code?personId=${zhangId}`)).statusCode, 403);
    assert.equal((await anonymous('GET', `/api/citizen/health-code?personId=${zhangId}`)).statusCode, 401);
    assert.equal((await citizen.get(`/api/people/${zhangId}/health-code`)).statusCode, 403);
  });

  test('staff read a person code and its QR image within their jurisdiction only', async () => {
    const code = await staffToken();
    assert.equal(code.colour, 'green');
    const full = (await city.get(`/api/people/${zhangId}/health-code`)).json();
    assert.deepEqual(Object.keys(full).sort(), ['colour', 'expiresAt', 'greenAt', 'policyVersion', 'reasons', 'token']);
    const png = await distA.get(`/api/people/${zhangId}/health-code.png`);
    assert.equal(png.statusCode, 200);
    assert.equal(png.headers['content-type'], 'image/png');
    const token = decodeQr(png.rawPayload);
    assert.equal((await verifyWithJose(await jwks(), token)).payload.col, 'g');

    for (const path of ['health-code', 'health-code.png', 'health-code-card.pdf']) {
      assert.equal((await distA.get(`/api/people/${liId}/${path}`)).statusCode, 404, path);
      assert.equal((await city.get(`/api/people/00000000-0000-4000-8000-000000000000/${path}`)).statusCode, 404, path);
      assert.equal((await auditor.get(`/api/people/${zhangId}/${path}`)).statusCode, 403, path);
      assert.equal((await sampler.get(`/api/people/${zhangId}/${path}`)).statusCode, 403, path);
      assert.equal((await anonymous('GET', `/api/people/${zhangId}/${path}`)).statusCode, 401, path);
    }
  });

  test('verify names the person only to staff whose jurisdiction holds them', async () => {
    const { token } = await staffToken();
    const inScope = await distA.post('/api/health-codes/verify', { token });
    assert.equal(inScope.statusCode, 200, inScope.body);
    const v = inScope.json();
    assert.equal(v.valid, true);
    assert.equal(v.colour, 'green');
    assert.equal(v.colourAtIssue, 'green');
    assert.equal(new Date(v.expiresAt).getTime() - new Date(v.issuedAt).getTime(), 120_000);
    assert.deepEqual(v.person, { id: zhangId, name: '张小伟', idNumberMasked: v.person.idNumberMasked });
    assert.match(v.person.idNumberMasked, /^4101\*+\d{3}[\dX]$/);

    const outOfScope = (await checkpointB.post('/api/health-codes/verify', { token })).json();
    assert.equal(outOfScope.valid, true);
    assert.equal(outOfScope.colour, 'green');
    assert.equal(outOfScope.person, undefined);
    const bySampler = (await sampler.post('/api/health-codes/verify', { token })).json();
    assert.equal(bySampler.valid, true);
  });

  test('rejected tokens answer 200 with the reason; a bad request is 400; access is checked', async () => {
    const { token } = await staffToken();
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...payload, col: 'g', exp: payload.exp + 3600 })).toString('base64url');
    const verify = async (t: string) => {
      const res = await distA.post('/api/health-codes/verify', { token: t });
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };
    assert.deepEqual(await verify(`${h}.${forged}.${s}`), { valid: false, reason: 'tampered' });
    assert.deepEqual(await verify(`${h}.${p}.${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`), { valid: false, reason: 'tampered' });
    const unknownKid = Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: 'someone-elses-key', typ: 'yipan-hc+jwt' })).toString('base64url');
    assert.deepEqual(await verify(`${unknownKid}.${p}.${s}`), { valid: false, reason: 'unknown_key' });
    assert.deepEqual(await verify('yipan:venue:V4101020001'), { valid: false, reason: 'malformed' });
    assert.deepEqual(await verify(`${h}.${p}`), { valid: false, reason: 'malformed' });

    assert.equal((await distA.post('/api/health-codes/verify', {})).statusCode, 400);
    assert.equal((await distA.post('/api/health-codes/verify', { token: '' })).statusCode, 400);
    assert.equal((await auditor.post('/api/health-codes/verify', { token })).statusCode, 403);
    assert.equal((await citizen.post('/api/health-codes/verify', { token })).statusCode, 403);
    assert.equal((await anonymous('POST', '/api/health-codes/verify', { token })).statusCode, 401);
  });

  test('a token expires after 120 seconds', async () => {
    const { token } = await staffToken();
    env.clock.advance(119_000);
    assert.equal((await distA.post('/api/health-codes/verify', { token })).json().valid, true);
    env.clock.advance(1_000);
    assert.deepEqual((await distA.post('/api/health-codes/verify', { token })).json(), { valid: false, reason: 'expired' });
  });

  test('a colour changed after issue wins at verification', async () => {
    const { token } = await staffToken();
    const now = env.clock.now();
    await env.ctx.db.transaction(async (tx) => {
      await tx.insert(healthFacts).values({ personId: zhangId, kind: 'close_contact', source: 'manual', validFrom: now, note: 'test: contact of case 1' });
      await recolourPeople(tx, [zhangId], now);
    });
    const v = (await distA.post('/api/health-codes/verify', { token })).json();
    assert.equal(v.valid, true);
    assert.equal(v.colourAtIssue, 'green');
    assert.equal(v.colour, 'red');
    const fresh = await staffToken();
    assert.equal(fresh.colour, 'red');
    assert.equal((await verifyWithJose(await jwks(), fresh.token)).payload.col, 'r');
    const citizenView = (await citizen.get(`/api/citizen/health-code?personId=${zhangId}`)).json();
    assert.equal(citizenView.colour, 'red');
    assert.equal(citizenView.reasons[0].kind, 'close_contact');
    assert.ok(citizenView.greenAt);
  });

  test('the printed card is an A6 PDF with the masked name and a 24-hour code, and printing it is audited', async () => {
    const res = await distA.get(`/api/people/${zhangId}/health-code-card.pdf`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    const pdf = res.rawPayload;
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 297\.64 419\.53\]/);
    const text = pdfText(pdf);
    assert.match(text, /张\*伟/);
    assert.match(text, /4101\*+\d{3}[\dX]/);
    assert.match(text, /24 小时/);
    assert.match(text, /红码/);
    assert.ok(!text.includes('张小伟'));
    const audit = (await auditor.get(`/api/audit?action=health_code.card_printed&entityId=${zhangId}`)).json();
    assert.equal(audit.total, 1);
    assert.equal(audit.items[0].actorName, 'dista');
    assert.equal(audit.items[0].details.colour, 'red');
    assert.equal(new Date(audit.items[0].details.expiresAt).getTime() - env.clock.now().getTime() <= 86_400_000, true);
  });

  test('after rotation the JWKS holds both keys and old tokens verify until they expire; only admin rotates', async () => {
    const before = await staffToken();
    const oldKid = (await verifyWithJose(await jwks(), before.token)).header.kid;
    assert.equal((await city.post('/api/health-codes/keys/rotate')).statusCode, 403);
    assert.equal((await anonymous('POST', '/api/health-codes/keys/rotate')).statusCode, 401);
    const rotated = await admin.post('/api/health-codes/keys/rotate');
    assert.equal(rotated.statusCode, 200, rotated.body);
    const newKid = rotated.json().kid;
    assert.notEqual(newKid, oldKid);

    const keys = await jwks();
    assert.deepEqual(keys.keys.map((k) => k.kid).sort(), [oldKid, newKid].sort());
    assert.equal((await verifyWithJose(keys, before.token)).header.kid, oldKid);
    assert.equal((await distA.post('/api/health-codes/verify', { token: before.token })).json().valid, true);
    const after = await staffToken();
    assert.equal((await verifyWithJose(keys, after.token)).header.kid, newKid);
    const audit = (await auditor.get('/api/audit?action=health_code.key_rotated')).json();
    assert.equal(audit.total, 1);
    assert.deepEqual(audit.items[0].details.retired, [oldKid]);

    // Retired keys stay published as long as the longest token (a printed card's 24 h), then drop out.
    env.clock.advance(86_400_000 + 1_000);
    assert.deepEqual((await jwks()).keys.map((k) => k.kid), [newKid]);
    await signInAll();
    assert.deepEqual((await distA.post('/api/health-codes/verify', { token: before.token })).json(), { valid: false, reason: 'unknown_key' });
  });
});

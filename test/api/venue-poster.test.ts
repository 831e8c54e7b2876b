import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { venues } from '../../src/modules/venues/venues.table.ts';
import { addAccount, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';

const jsQR = jsQRModule.default ?? (jsQRModule as unknown as typeof jsQRModule.default);

function decodeQr(png: Buffer): string {
  const { width, height, data } = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width, height);
  assert.ok(code, 'no QR code found in the image');
  return code.data;
}

describe('venue-code posters', () => {
  let env: TestEnv;
  let city: Client;
  let distA: Client;
  let distB: Client;
  let checkpoint: Client;
  let sampler: Client;
  let auditor: Client;
  let venueA: string;

  before(async () => {
    env = await startTestApp();
    const nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    await addAccount(env.ctx, 'dista', 'district_commander', nodes.a.id);
    await addAccount(env.ctx, 'distb', 'district_commander', nodes.b.id);
    await addAccount(env.ctx, 'check', 'checkpoint_staff', nodes['a.street'].id);
    await addAccount(env.ctx, 'sampler', 'sampler', nodes.city.id);
    await addAccount(env.ctx, 'auditor', 'auditor', nodes.city.id);
    [city, distA, distB, checkpoint, sampler, auditor] = await Promise.all(['city', 'dista', 'distb', 'check', 'sampler', 'auditor'].map((u) => signIn(env.app, u)));
    const [row] = await env.ctx.db
      .insert(venues)
      .values({ code: 'V4101020001', name: '示范市第一人民医院门诊楼', type: 'hospital', address: '健康路 1 号', jurisdictionId: nodes['a.community'].id, jurisdictionPath: nodes['a.community'].path })
      .returning({ id: venues.id });
    venueA = row.id;
  });
  after(() => env.close());

  test('the PDF poster is an A4 PDF', async () => {
    for (const client of [city, distA, checkpoint]) {
      const res = await client.get(`/api/venues/${venueA}/poster.pdf`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
      assert.match(res.rawPayload.toString('latin1'), /\/MediaBox \[0 0 595\.28 841\.89\]/);
      // The CJK font is embedded as a subset, not the whole 10 MB face.
      assert.ok(res.rawPayload.length < 200_000, `poster is ${res.rawPayload.length} bytes`);
    }
  });

  test('the PNG poster decodes to yipan:venue:<code>', async () => {
    const res = await distA.get(`/api/venues/${venueA}/poster.png`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'image/png');
    assert.equal(decodeQr(res.rawPayload), 'yipan:venue:V4101020001');
  });

  test('posters are scoped to the venue jurisdiction and need venues:read', async () => {
    for (const ext of ['pdf', 'png']) {
      assert.equal((await distB.get(`/api/venues/${venueA}/poster.${ext}`)).statusCode, 404, ext);
      assert.equal((await city.get(`/api/venues/00000000-0000-4000-8000-000000000000/poster.${ext}`)).statusCode, 404, ext);
      assert.equal((await city.get(`/api/venues/not-a-uuid/poster.${ext}`)).statusCode, 400, ext);
      assert.equal((await sampler.get(`/api/venues/${venueA}/poster.${ext}`)).statusCode, 403, ext);
      assert.equal((await auditor.get(`/api/venues/${venueA}/poster.${ext}`)).statusCode, 403, ext);
      assert.equal((await env.app.inject({ method: 'GET', url: `/api/venues/${venueA}/poster.${ext}` })).statusCode, 401, ext);
    }
  });
});

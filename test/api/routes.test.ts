import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestEnv } from '../helpers.ts';

describe('the API as a whole', () => {
  let env: TestEnv;
  before(async () => {
    env = await startTestApp();
  });
  after(() => env.close());

  test('health answers once the database is migrated', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, 'ok');
  });

  test('OpenAPI is published, and every API operation declares its responses', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.ok(doc.openapi.startsWith('3.'));
    const ops = Object.entries(doc.paths as Record<string, Record<string, { responses: object }>>).flatMap(([p, methods]) => Object.entries(methods).map(([m, op]) => [`${m} ${p}`, op] as const));
    assert.ok(ops.length >= 15);
    for (const [name, op] of ops) assert.ok(Object.keys(op.responses).length > 0, name);
    assert.equal((await env.app.inject({ method: 'GET', url: '/api/docs' })).statusCode < 400, true);
  });

  test('deny by default: every protected route refuses an anonymous caller with 401', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const open = new Set(['get /.well-known/jwks.json', 'get /api/health', 'post /api/auth/login', 'post /api/auth/citizen/code', 'post /api/auth/citizen/login']);
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths as Record<string, object>)) {
      for (const method of Object.keys(methods)) {
        if (open.has(`${method} ${path}`)) continue;
        const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        const res = await env.app.inject({ method: method.toUpperCase() as 'GET', url });
        assert.equal(res.statusCode, 401, `${method} ${path} answered ${res.statusCode}`);
        checked++;
      }
    }
    assert.ok(checked >= 12);
  });

  test('unknown routes are 404 with the error shape', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/nothing-here' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'NOT_FOUND');
  });
});

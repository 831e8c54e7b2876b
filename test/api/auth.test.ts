import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addAccount, clientFor, PASSWORD, seedTree, signIn, startTestApp, type TestEnv } from '../helpers.ts';

describe('staff sign-in, sessions and CSRF', () => {
  let env: TestEnv;
  const login = (username: string, password: string, ip = '10.0.0.1') =>
    env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

  before(async () => {
    env = await startTestApp();
    const nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'alice', 'grid_worker', nodes['a.community'].id);
    await addAccount(env.ctx, 'bob', 'grid_worker', nodes['a.community'].id);
  });
  after(() => env.close());

  test('sign-in sets an httpOnly cookie and answers who, where and what they may do', async () => {
    const res = await login('alice', PASSWORD);
    assert.equal(res.statusCode, 200);
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /yipan_session=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    const body = res.json();
    assert.equal(body.kind, 'staff');
    assert.equal(body.account.role, 'grid_worker');
    assert.equal(body.account.jurisdiction.code, '410102001001');
    assert.ok(body.account.permissions.includes('people:import'));
    assert.ok(!body.account.permissions.includes('people:reveal'));
    assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
    assert.ok(res.headers['content-security-policy']);
  });

  test('wrong password and unknown user answer the same 401', async () => {
    const a = await login('alice', 'wrong-password-1');
    const b = await login('nobody', 'wrong-password-1');
    assert.equal(a.statusCode, 401);
    assert.deepEqual(a.json(), b.json());
  });

  test('five wrong passwords lock the account, even for the right password, until the lock expires', async () => {
    for (let i = 0; i < 4; i++) assert.equal((await login('bob', `wrong-${i}-password`)).statusCode, 401);
    const fifth = await login('bob', 'wrong-5-password');
    assert.equal(fifth.statusCode, 423);
    assert.equal((await login('bob', PASSWORD)).statusCode, 423);
    env.clock.advance(16 * 60_000);
    assert.equal((await login('bob', PASSWORD)).statusCode, 200);
  });

  test('one address is rate limited across accounts', async () => {
    let last = 0;
    for (let i = 0; i < 35; i++) last = (await login(`user${i}`, 'x', '10.9.9.9')).statusCode;
    assert.equal(last, 429);
  });

  test('missing fields answer 400 naming the field', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice' } });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.field, 'password');
  });

  test('me, logout, and the session is gone after', async () => {
    const c = await signIn(env.app, 'alice');
    assert.equal((await c.get('/api/auth/me')).json().account.username, 'alice');
    const noCsrf = await env.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c.cookie } });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal((await c.post('/api/auth/logout')).statusCode, 204);
    assert.equal((await c.get('/api/auth/me')).statusCode, 401);
  });

  test('a bearer token works without CSRF (CLI), and an expired session is refused', async () => {
    const c = await signIn(env.app, 'alice');
    const token = c.cookie.split('=')[1];
    const me = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.statusCode, 200);
    env.clock.advance(13 * 3600_000);
    assert.equal((await c.get('/api/auth/me')).statusCode, 401);
  });
});

describe('citizen sign-in by phone and one-time code', () => {
  let env: TestEnv;
  before(async () => {
    env = await startTestApp();
    const nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'city', 'city_commander', nodes.city.id);
    const staff = await signIn(env.app, 'city');
    const { idNumber } = await import('../helpers.ts');
    await staff.post('/api/people', { name: '王芳', idNumber: idNumber('410102', '19700101', 222), phone: '13700001111', jurisdictionCode: nodes['a.household'].code });
  });
  after(() => env.close());

  test('code through the notifier, then sign-in sees only their own records', async () => {
    const sent = await env.app.inject({ method: 'POST', url: '/api/auth/citizen/code', payload: { phone: '137 0000 1111' } });
    assert.equal(sent.statusCode, 200);
    const code = env.notifier.last.get('13700001111')!;
    assert.match(code, /^\d{6}$/);
    const wrong = await env.app.inject({ method: 'POST', url: '/api/auth/citizen/login', payload: { phone: '13700001111', code: code === '000000' ? '111111' : '000000' } });
    assert.equal(wrong.statusCode, 401);
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/citizen/login', payload: { phone: '13700001111', code } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().phoneMasked, '137****1111');
    const citizen = clientFor(env.app, String(res.headers['set-cookie']).split(';')[0], res.json().csrfToken);
    const me = (await citizen.get('/api/citizen/me')).json();
    assert.equal(me.people.length, 1);
    assert.equal(me.people[0].name, '王芳');
    assert.match(me.people[0].idNumberMasked, /^4101\*{10}/);
    assert.equal((await citizen.get('/api/people')).statusCode, 403);
    // A code is single-use.
    const again = await env.app.inject({ method: 'POST', url: '/api/auth/citizen/login', payload: { phone: '13700001111', code } });
    assert.equal(again.statusCode, 401);
  });

  test('a bad phone is 400; staff cannot use citizen pages', async () => {
    const bad = await env.app.inject({ method: 'POST', url: '/api/auth/citizen/code', payload: { phone: '12345' } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'phone');
    const staff = await signIn(env.app, 'city');
    assert.equal((await staff.get('/api/citizen/me')).statusCode, 403);
    assert.equal((await env.app.inject({ method: 'GET', url: '/api/citizen/me' })).statusCode, 401);
  });

  test('five wrong codes exhaust the code', async () => {
    await env.app.inject({ method: 'POST', url: '/api/auth/citizen/code', payload: { phone: '13900002222' } });
    const code = env.notifier.last.get('13900002222')!;
    const wrongCode = code === '123456' ? '654321' : '123456';
    for (let i = 0; i < 5; i++) await env.app.inject({ method: 'POST', url: '/api/auth/citizen/login', payload: { phone: '13900002222', code: wrongCode }, remoteAddress: `10.1.1.${i}` });
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/citizen/login', payload: { phone: '13900002222', code }, remoteAddress: '10.1.1.9' });
    assert.equal(res.statusCode, 401);
    assert.match(res.json().error.message, /expired|new one/);
  });
});

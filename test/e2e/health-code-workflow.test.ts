import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import jsQRModule from 'jsqr';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { ensureWebBuild } from '../../src/platform/web-build.ts';
import { addAccount, idNumber, PASSWORD, seedTree, signIn, startTestApp, type TestEnv } from '../helpers.ts';
import { hasChromium, launchBrowser } from './browser.ts';

// jsqr is CommonJS: its default export arrives as `.default` or as the module itself, depending on the loader.
const jsQR = jsQRModule.default ?? (jsQRModule as unknown as typeof jsQRModule.default);

const PHONE = '13700000001';
const DESKTOP = { width: 1366, height: 900 };
const PHONE_VIEWPORT = { width: 390, height: 844 };

/** The text a QR image (a data: URL of a PNG) holds. */
function readQr(dataUrl: string): string | null {
  const png = PNG.sync.read(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

describe(
  'health codes in the browser: a fact turns the code red, the citizen appeals, two commanders correct it, a checkpoint checks',
  { skip: hasChromium ? false : 'chromium is not installed (apt-get install chromium)' },
  () => {
    let env: TestEnv;
    let browser: Browser;
    let base: string;
    let personId: string;
    const target = idNumber('410102', '19850315', 611);
    const shots = join('.test-data', 'e2e');
    const contexts: BrowserContext[] = [];
    const pageErrors: string[] = [];

    /** A page in its own browser context (its own cookies), failing the test on any uncaught page error. */
    async function newPage(opts: { locale: string; viewport: { width: number; height: number }; mobile?: boolean }): Promise<Page> {
      const context = await browser.newContext({ locale: opts.locale, viewport: opts.viewport, isMobile: opts.mobile, hasTouch: opts.mobile });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      page.on('pageerror', (e) => pageErrors.push(e.message));
      return page;
    }

    async function staffSignIn(username: string, locale = 'en-US'): Promise<Page> {
      const page = await newPage({ locale, viewport: DESKTOP });
      await page.goto(`${base}/login`);
      await page.fill('#username', username);
      await page.fill('#password', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      return page;
    }

    before(async () => {
      mkdirSync(shots, { recursive: true });
      await ensureWebBuild({ info: () => undefined });
      env = await startTestApp({ serveWeb: true });
      const nodes = await seedTree(env.ctx);
      await addAccount(env.ctx, 'investigator', 'investigator', nodes.city.id);
      await addAccount(env.ctx, 'commander1', 'city_commander', nodes.city.id);
      await addAccount(env.ctx, 'commander2', 'city_commander', nodes.city.id);
      await addAccount(env.ctx, 'gate', 'checkpoint_staff', nodes.city.id);
      const commander = await signIn(env.app, 'commander1');
      const res = await commander.post('/api/people', { name: '王测试', idNumber: target, phone: PHONE, jurisdictionCode: nodes['a.household'].code });
      assert.equal(res.statusCode, 201, res.body);
      personId = res.json().id;
      const venue = await commander.post('/api/venues', { code: 'V4101020001', name: '金水路小区东门', type: 'compound_gate', jurisdictionCode: nodes['a.compound'].code });
      assert.equal(venue.statusCode, 201, venue.body);
      await env.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
      browser = await launchBrowser();
    });
    after(async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser?.close();
      await env?.close();
    });

    test('end to end', async () => {
      // 1. An investigator records a close-contact fact on the person's page.
      const investigator = await staffSignIn('investigator');
      await investigator.goto(`${base}/people/${personId}`);
      await investigator.waitForSelector('[data-testid=code-colour][data-colour=green]');
      await investigator.click('[data-testid=fact-record]');
      await investigator.click('[data-testid=fact-kind]');
      await investigator.keyboard.type('Close contact');
      await investigator.keyboard.press('Enter');
      await investigator.fill('[data-testid=fact-note]', 'shared an office with case 2022-017 on 28 April');
      await investigator.click('[data-testid=fact-submit]');
      await investigator.waitForSelector('[data-testid=code-colour][data-colour=red]');
      assert.match((await investigator.textContent('[data-testid=code-reasons]')) ?? '', /Close contact under centralized quarantine/);
      assert.match((await investigator.textContent('[data-testid=code-green-at]')) ?? '', /Turns green on \d{4}-\d{2}-\d{2}/);
      await investigator.waitForSelector('[data-testid=fact-row][data-kind=close_contact]');
      // The investigator may read the code but not propose overrides or add results.
      assert.equal(await investigator.locator('[data-testid=override-propose]').count(), 0);
      assert.equal(await investigator.locator('[data-testid=test-add]').count(), 0);
      // The QR and the printable card behind the panel's links (the browser's session cookie is enough).
      for (const [testId, type] of [['code-png-link', 'image/png'], ['code-card-link', 'application/pdf']]) {
        const href = await investigator.getAttribute(`[data-testid=${testId}]`, 'href');
        const file = await investigator.request.get(`${base}${href}`);
        assert.equal(file.status(), 200, `${testId} ${href}`);
        assert.equal(file.headers()['content-type'], type);
      }
      await investigator.screenshot({ path: join(shots, 'person-health-code.png'), fullPage: true });

      // 2. The citizen signs in with the phone and sees RED with the reason and a QR.
      const citizen = await newPage({ locale: 'zh-CN', viewport: PHONE_VIEWPORT, mobile: true });
      await citizen.goto(`${base}/citizen/login`);
      await citizen.fill('[data-testid=citizen-phone]', PHONE);
      await citizen.click('[data-testid=citizen-send-code]');
      await citizen.waitForSelector('[data-testid=citizen-code-sent]');
      const code = env.notifier.last.get(PHONE);
      assert.ok(code, 'a one-time code was sent');
      await citizen.fill('[data-testid=citizen-code]', code);
      await citizen.click('[data-testid=citizen-sign-in]');
      await citizen.waitForURL((url) => url.pathname === '/citizen');
      await citizen.waitForSelector('[data-testid=code-colour][data-colour=red]');
      assert.match((await citizen.textContent('[data-testid=code-colour]')) ?? '', /红码/);
      assert.match((await citizen.textContent('[data-testid=code-reasons]')) ?? '', /密切接触者/);
      assert.match((await citizen.textContent('[data-testid=code-green-at]')) ?? '', /转为绿码/);
      const qr = await citizen.waitForSelector('[data-testid=code-qr]');
      const token = readQr((await qr.getAttribute('src')) ?? '');
      assert.match(token ?? '', /^[\w-]+\.[\w-]+\.[\w-]+$/, 'the QR holds a signed token');
      assert.match((await citizen.textContent('[data-testid=code-countdown]')) ?? '', /\d+ 秒后刷新/);
      // Scanning a venue poster while red: DENY, with the reason.
      await citizen.fill('[data-testid=venue-code]', 'yipan:venue:V4101020001');
      await citizen.click('[data-testid=venue-submit]');
      await citizen.waitForSelector('[data-testid=scan-result][data-result=deny]');
      assert.match((await citizen.textContent('[data-testid=scan-result]')) ?? '', /禁止通行[\s\S]*密切接触者[\s\S]*金水路小区东门/);
      await citizen.screenshot({ path: join(shots, 'citizen-red.png'), fullPage: true });

      // 3. The citizen appeals.
      await citizen.fill('[data-testid=appeal-reason]', '太短');
      await citizen.click('[data-testid=appeal-submit]');
      await citizen.waitForSelector('text=请至少填写 10 个字');
      await citizen.fill('[data-testid=appeal-reason]', '那天我一直在单位上班，没有去过该场所，单位可以证明。');
      await citizen.click('[data-testid=appeal-submit]');
      await citizen.waitForSelector('[data-testid=appeal-status][data-status=open]');
      assert.equal(await citizen.locator('[data-testid=appeal-submit]').count(), 0, 'no second appeal while one is open');

      // 4. A city commander corrects it on /appeals; the correction waits for a second person.
      const commander1 = await staffSignIn('commander1');
      await commander1.goto(`${base}/appeals`);
      await commander1.waitForSelector('[data-testid=appeal-row][data-status=open]');
      await commander1.click('[data-testid=appeal-correct]');
      await commander1.waitForSelector('[data-testid=correct-notice]');
      assert.match((await commander1.textContent('[data-testid=correct-notice]')) ?? '', /second person must approve/);
      await commander1.click('[data-testid=correct-colour-green]');
      await commander1.fill('[data-testid=correct-resolution]', 'Work attendance records confirm the resident was not there.');
      await commander1.click('[data-testid=correct-submit]');
      await commander1.waitForSelector('[data-testid=appeal-row]', { state: 'detached' });
      await commander1.click('[data-testid=appeals-tab-correction_proposed]');
      await commander1.waitForSelector('[data-testid=appeal-row][data-status=correction_proposed]');
      await commander1.screenshot({ path: join(shots, 'appeals.png'), fullPage: true });
      // The proposer cannot approve their own correction.
      await commander1.goto(`${base}/overrides`);
      await commander1.waitForSelector('[data-testid=override-row][data-status=pending]');
      assert.ok(await commander1.isDisabled('[data-testid=override-approve]'), 'the proposer cannot approve');
      assert.match((await commander1.textContent('[data-testid=overrides-two-person-notice]')) ?? '', /cannot approve or reject an override you proposed/);

      // 5. A second commander approves it on /overrides.
      const commander2 = await staffSignIn('commander2');
      await commander2.goto(`${base}/overrides`);
      await commander2.waitForSelector('[data-testid=override-row][data-status=pending]');
      await commander2.click('[data-testid=override-approve]');
      await commander2.fill('[data-testid=decision-note]', 'records checked');
      await commander2.click('[data-testid=decision-submit]');
      await commander2.waitForSelector('[data-testid=override-row]', { state: 'detached' });
      await commander2.click('[data-testid=overrides-tab-approved]');
      await commander2.waitForSelector('[data-testid=override-row][data-status=approved]');
      await commander2.screenshot({ path: join(shots, 'overrides.png'), fullPage: true });

      // 6. The citizen's page shows GREEN, the appeal corrected, and the notice.
      await citizen.reload();
      await citizen.waitForSelector('[data-testid=code-colour][data-colour=green]');
      assert.match((await citizen.textContent('[data-testid=code-colour]')) ?? '', /绿码/);
      await citizen.waitForSelector('[data-testid=appeal-status][data-status=corrected]');
      assert.match((await citizen.textContent('[data-testid=code-notices]')) ?? '', /已更正/);
      await citizen.click('[data-testid=code-history-panel] .ant-collapse-header');
      assert.equal(await citizen.locator('[data-testid=colour-change]').count(), 2);
      await citizen.fill('[data-testid=venue-code]', 'v4101020001');
      await citizen.click('[data-testid=venue-submit]');
      await citizen.waitForSelector('[data-testid=scan-result][data-result=pass]');
      await citizen.screenshot({ path: join(shots, 'citizen-green.png'), fullPage: true });

      // Both scans are on the venue's list.
      await commander2.goto(`${base}/venues`);
      await commander2.click('[data-testid=venue-row][data-code=V4101020001] [data-testid=venue-scans]');
      await commander2.waitForSelector('[data-testid=venue-scan-row][data-result=pass]');
      assert.equal(await commander2.locator('[data-testid=venue-scan-row][data-result=deny]').count(), 1);
      const poster = await commander2.getAttribute('[data-testid=venue-row][data-code=V4101020001] [data-testid=venue-poster-pdf]', 'href');
      assert.equal((await commander2.request.get(`${base}${poster}`)).headers()['content-type'], 'application/pdf');

      // 7. A checkpoint enters the ID number and 36.5 °C: green, but no negative test yet, so DENY.
      const gate = await staffSignIn('gate');
      assert.equal(new URL(gate.url()).pathname, '/checkpoint', 'checkpoint staff land on the checkpoint');
      await gate.waitForSelector('[data-testid=checkpoint-input]');
      await gate.fill('[data-testid=checkpoint-input]', target);
      await gate.press('[data-testid=checkpoint-input]', 'Enter');
      // Enter in the code field moves on to the empty temperature.
      assert.equal(await gate.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'checkpoint-temperature');
      await gate.keyboard.type('36.5');
      await gate.keyboard.press('Enter');
      await gate.waitForSelector('[data-testid=pass-result][data-result=deny]');
      assert.match((await gate.textContent('[data-testid=pass-result-reasons]')) ?? '', /negative/i);
      assert.equal(await gate.textContent('[data-testid=pass-temperature]'), '36.5 °C');
      assert.equal(await gate.getAttribute('[data-testid=pass-colour]', 'data-colour'), 'green');
      await gate.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'checkpoint-input');
      assert.equal(await gate.inputValue('[data-testid=checkpoint-input]'), '', 'the input is ready for the next person');
      await gate.screenshot({ path: join(shots, 'checkpoint-deny.png'), fullPage: true });

      // A negative test entered by hand on the person's page ("sampled now" by the browser's clock,
      // which has moved on from the server's test clock: move the server's past it), and the check passes.
      env.clock.advance(5 * 60_000);
      await commander2.goto(`${base}/people/${personId}`);
      await commander2.click('[data-testid=tab-tests]');
      await commander2.click('[data-testid=test-add]');
      await commander2.click('[data-testid=test-submit]');
      await commander2.waitForSelector('[data-testid=test-row][data-result=negative]');
      await gate.fill('[data-testid=checkpoint-input]', target);
      await gate.fill('[data-testid=checkpoint-temperature]', '36.5');
      await gate.press('[data-testid=checkpoint-temperature]', 'Enter');
      await gate.waitForSelector('[data-testid=pass-result][data-result=pass]');
      assert.equal(await gate.textContent('[data-testid=pass-result-word]'), 'PASS');
      await gate.screenshot({ path: join(shots, 'checkpoint-pass.png'), fullPage: true });

      const checks = await env.ctx.database.query<{ result: string; temperature: string }>('select result, temperature from pass_checks order by result');
      assert.deepEqual(
        checks.map((c) => [c.result, Number(c.temperature)]),
        [
          ['deny', 36.5],
          ['pass', 36.5],
        ],
      );
      assert.deepEqual(pageErrors, []);
    });
  },
);

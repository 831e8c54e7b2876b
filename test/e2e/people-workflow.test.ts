import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { ensureWebBuild } from '../../src/platform/web-build.ts';
import { addAccount, idNumber, PASSWORD, seedTree, startTestApp, type TestEnv } from '../helpers.ts';
import { hasChromium, launchBrowser } from './browser.ts';

describe('workflow in the browser: sign in, import people, find one, reveal with a reason', { skip: hasChromium ? false : 'chromium is not installed (apt-get install chromium)' }, () => {
  let env: TestEnv;
  let browser: Browser;
  let base: string;
  let nodes: Awaited<ReturnType<typeof seedTree>>;

  before(async () => {
    await ensureWebBuild({ info: () => undefined });
    env = await startTestApp({ serveWeb: true });
    nodes = await seedTree(env.ctx);
    await addAccount(env.ctx, 'commander', 'city_commander', nodes.city.id);
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await env?.close();
  });

  test('end to end', async () => {
    const shots = join('.test-data', 'e2e');
    mkdirSync(shots, { recursive: true });
    const page = await browser.newPage({ locale: 'en-US' });
    page.setDefaultTimeout(20_000);
    await page.goto(`${base}/login`);
    await page.fill('#username', 'commander');
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    const target = idNumber('410102', '19760512', 345);
    const dir = mkdtempSync(join(tmpdir(), 'yipan-e2e-'));
    const file = join(dir, 'people.csv');
    writeFileSync(
      file,
      [
        'id_number,name,phone,unit_code,groups',
        `${target},欧阳测试,13912345678,${nodes['a.household'].code},dialysis`,
        `${idNumber('410102', '19800101', 346)},司马测试,13912345679,${nodes['a.household'].code},`,
        `${target.slice(0, 17)}Y,坏号码,13912345670,,`,
      ].join('\n'),
    );
    await page.goto(`${base}/imports/people`);
    await page.setInputFiles('[data-testid=import-file-input]', file);
    await page.waitForSelector('[data-testid=import-summary]');
    assert.equal(await page.textContent('[data-testid=import-imported]'), '2');
    assert.equal(await page.textContent('[data-testid=import-rejected]'), '1');
    assert.match((await page.textContent('[data-testid=import-rejections-table]')) ?? '', /id_number/);
    await page.screenshot({ path: join(shots, 'import.png'), fullPage: true });

    await page.goto(`${base}/people`);
    await page.fill('[data-testid=search-name]', '欧阳');
    await page.click('[data-testid=search-submit]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=people-row]').length === 1);
    await page.click('[data-testid=person-link]');
    await page.waitForSelector('[data-testid=masked-id-number]');
    assert.equal(await page.textContent('[data-testid=masked-id-number]'), `${target.slice(0, 4)}**********${target.slice(-4)}`);
    assert.ok(!(await page.content()).includes(target), 'the full number is not on the page before the reveal');

    await page.click('[data-testid=reveal-button]');
    await page.fill('[data-testid=reveal-reason]', 'end-to-end check of the reveal');
    await page.click('[data-testid=reveal-confirm]');
    await page.waitForSelector('[data-testid=revealed-id-number]');
    assert.equal((await page.textContent('[data-testid=revealed-id-number]'))?.trim(), target);
    await page.screenshot({ path: join(shots, 'person.png'), fullPage: true });

    const audit = await env.ctx.database.query<{ reason: string }>(`select reason from audit_log where action = 'person.reveal'`);
    assert.deepEqual(audit.map((r) => r.reason), ['end-to-end check of the reveal']);
  });
});

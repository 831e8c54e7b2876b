import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureWebBuild } from '../../src/platform/web-build.ts';
import { addAccount, idNumber, PASSWORD, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';
import { hasChromium, launchBrowser } from './browser.ts';

const DESKTOP = { width: 1366, height: 900 };
const PHONE_VIEWPORT = { width: 390, height: 844 };
const HOUR = 3_600_000;
/** The city's calendar day (UTC+8) of an instant. */
const localDay = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 10);

describe(
  'nucleic-acid testing in the browser: sample two 5-in-1 tubes, hand them over, upload results, follow up the positive pool',
  { skip: hasChromium ? false : 'chromium is not installed (apt-get install chromium)' },
  () => {
    let env: TestEnv;
    let browser: Browser;
    let base: string;
    let commander: Client;
    let lab: Client;
    const shots = join('.test-data', 'e2e');
    const contexts: BrowserContext[] = [];
    const pageErrors: string[] = [];
    /** Tube 1 (three people) comes back negative, tube 2 (two people) positive. */
    const tube1 = [611, 612, 613].map((seq) => ({ id: '', idNumber: idNumber('410102', '19850315', seq) }));
    const tube2 = [614, 615].map((seq) => ({ id: '', idNumber: idNumber('410102', '19850315', seq) }));
    const names = ['王一', '王二', '王三', '李四', '李五'];

    async function newPage(opts: { locale: string; viewport: { width: number; height: number }; mobile?: boolean }): Promise<Page> {
      const context = await browser.newContext({ locale: opts.locale, viewport: opts.viewport, isMobile: opts.mobile, hasTouch: opts.mobile });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      page.on('pageerror', (e) => pageErrors.push(e.message));
      return page;
    }

    async function staffSignIn(username: string, opts: { mobile?: boolean } = {}): Promise<Page> {
      const page = await newPage({ locale: 'en-US', viewport: opts.mobile ? PHONE_VIEWPORT : DESKTOP, mobile: opts.mobile });
      await page.goto(`${base}/login`);
      await page.fill('#username', username);
      await page.fill('#password', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      return page;
    }

    /** Picks the option of an Ant Design Select whose label contains `text`. */
    async function choose(page: Page, testId: string, text: string) {
      await page.click(`[data-testid=${testId}]`);
      await page.locator('.ant-select-item-option', { hasText: text }).first().click();
    }

    /** On /sampling: opens a 5-in-1 tube, adds the people by ID number, closes it and hands it over; answers the transfer code. */
    async function sampleTube(page: Page, barcode: string, members: Array<{ idNumber: string }>): Promise<string> {
      await page.locator('[data-testid=sampling-tabs] .ant-segmented-item', { hasText: 'Sample' }).click();
      await page.fill('[data-testid=tube-barcode]', barcode);
      await page.locator('[data-testid=pool-size] .ant-segmented-item', { hasText: '5-in-1' }).click();
      await page.click('[data-testid=tube-open]');
      for (const [i, m] of members.entries()) {
        await page.fill('[data-testid=member-input]', m.idNumber);
        await page.click('[data-testid=member-add]');
        await page.waitForFunction(([n]) => document.querySelector('[data-testid=tube-count]')?.textContent?.trim().startsWith(`${n} /`), [i + 1]);
      }
      assert.equal((await page.textContent('[data-testid=tube-count]'))?.replace(/\s/g, ''), `${members.length}/5`);
      await page.click('[data-testid=tube-close]');
      await page.waitForSelector('[data-testid=tube-barcode]');
      // Everything queued on the phone reaches the server before the hand-over.
      await page.waitForFunction(() => document.querySelector('[data-testid=queue-pending]')?.textContent === '0');
      await page.locator('[data-testid=sampling-tabs] .ant-segmented-item', { hasText: 'Hand over' }).click();
      await page.fill('[data-testid=batch-lab]', '金域检验');
      await page.click('[data-testid=batch-create]');
      const code = ((await page.locator('[data-testid=batch-code]').textContent()) ?? '').trim();
      assert.match(code, /^[A-Za-z0-9-]{4,16}$/, `a transfer code, got ${code}`);
      return code;
    }

    before(async () => {
      mkdirSync(shots, { recursive: true });
      await ensureWebBuild({ info: () => undefined });
      env = await startTestApp({ serveWeb: true });
      const nodes = await seedTree(env.ctx);
      await addAccount(env.ctx, 'commander', 'city_commander', nodes.city.id);
      await addAccount(env.ctx, 'sampler', 'sampler', nodes.a.id);
      await addAccount(env.ctx, 'labtech', 'lab_technician', nodes.city.id);
      await addAccount(env.ctx, 'grid', 'grid_worker', nodes['a.community'].id);
      commander = await signIn(env.app, 'commander');
      lab = await signIn(env.app, 'labtech');
      for (const [i, p] of [...tube1, ...tube2].entries()) {
        const res = await commander.post('/api/people', { name: names[i], idNumber: p.idNumber, phone: `1370000000${i + 1}`, jurisdictionCode: nodes['a.household'].code });
        assert.equal(res.statusCode, 201, res.body);
        p.id = res.json().id;
      }
      // A round over district a pooling up to 10, and a sampling point on its street.
      const point = await commander.post('/api/sampling-points', { code: 'SP-A1', name: '文化路采样点', jurisdictionCode: nodes['a.street'].code, hours: '07:00-21:00', teams: 2 });
      assert.equal(point.statusCode, 201, point.body);
      const round = await commander.post('/api/testing-rounds', { name: '第一轮全员核酸', day: localDay(env.clock.now()), areas: [{ jurisdictionCode: nodes.a.code, poolSize: 10 }] });
      assert.equal(round.statusCode, 201, round.body);
      const opened = await commander.post(`/api/testing-rounds/${round.json().id}/open`);
      assert.equal(opened.statusCode, 200, opened.body);
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
      // 1. The sampler, on a phone, samples two 5-in-1 tubes and hands each over to the lab.
      const sampler = await staffSignIn('sampler', { mobile: true });
      await sampler.goto(`${base}/sampling`);
      await choose(sampler, 'sampling-round', '第一轮全员核酸');
      await choose(sampler, 'sampling-point', 'SP-A1');
      const code1 = await sampleTube(sampler, 'T0000001', tube1);
      await sampler.screenshot({ path: join(shots, 'sampling-handover.png'), fullPage: true });
      await sampler.click('text=Another batch');
      const code2 = await sampleTube(sampler, 'T0000002', tube2);
      assert.notEqual(code1, code2);
      const tube = (await lab.get('/api/tubes/T0000001')).json();
      assert.equal(tube.status, 'in_transit');
      assert.equal(tube.poolSize, 5);
      assert.equal(tube.members.length, 3);

      // 2. The lab receives both batches and uploads a results CSV on /lab.
      for (const code of [code1, code2]) {
        const res = await lab.post(`/api/tube-batches/${code}/receive`);
        assert.equal(res.statusCode, 200, res.body);
        assert.ok(res.json().receivedAt);
      }
      // The browser's clock runs ahead of the server's test clock: results are timed by the server's.
      env.clock.advance(5 * 60_000);
      const testedAt = env.clock.now().toISOString();
      const file = join(mkdtempSync(join(tmpdir(), 'yipan-e2e-')), 'results.csv');
      writeFileSync(file, ['barcode,result,tested_at,ct_orf1ab,ct_n', `T0000001,negative,${testedAt},,`, `T0000002,positive,${testedAt},28.5,30.1`].join('\n'));
      const labPage = await staffSignIn('labtech');
      await labPage.goto(`${base}/lab`);
      await labPage.setInputFiles('[data-testid=import-file-input]', file);
      await labPage.waitForSelector('[data-testid=import-summary]');
      assert.equal(await labPage.textContent('[data-testid=import-imported]'), '2');
      assert.equal(await labPage.textContent('[data-testid=import-rejected]'), '0');
      await labPage.screenshot({ path: join(shots, 'lab-upload.png'), fullPage: true });

      // 3. Tube 1: a negative certificate for each person, and the pass check passes.
      const results = (await commander.get(`/api/people/${tube1[0].id}/test-results`)).json();
      assert.equal(results.items.length, 1, JSON.stringify(results));
      assert.equal(results.items[0].result, 'negative');
      assert.equal(results.items[0].kind, 'nat');
      const check = await commander.post('/api/pass-checks', { idNumber: tube1[0].idNumber, temperature: 36.5 });
      assert.equal(check.statusCode, 200, check.body);
      assert.equal(check.json().result, 'pass', check.body);

      // 4. Tube 2: no one is positive yet, but both are yellow pending a re-test.
      for (const p of tube2) {
        const c = (await commander.get(`/api/people/${p.id}/code`)).json();
        assert.equal(c.colour, 'yellow', JSON.stringify(c));
        assert.equal(c.reasons[0].kind, 'pending_retest');
        assert.match(c.reasons[0].en, /re-test/);
        assert.equal((await commander.get(`/api/people/${p.id}/test-results`)).json().items.length, 0, 'a positive pool gives no personal result');
      }

      // 5. Their community's grid worker sees both on the door-to-door list and records a re-test.
      const grid = await staffSignIn('grid');
      await grid.goto(`${base}/follow-ups/tasks`);
      await grid.waitForSelector('[data-testid=task-row][data-status=pending]');
      assert.equal(await grid.locator('[data-testid=task-row]').count(), 2);
      const row = grid.locator('[data-testid=task-row]', { hasText: '李四' });
      await row.locator('[data-testid=record-retest]').click();
      await grid.fill('[data-testid=retest-barcode]', 'R0000001');
      await grid.click('[data-testid=retest-submit]');
      await grid.waitForSelector('[data-testid=task-row][data-status=retest_sampled]');
      assert.match((await grid.locator('[data-testid=task-row][data-status=retest_sampled]').textContent()) ?? '', /李四[\s\S]*R0000001/);
      await grid.screenshot({ path: join(shots, 'follow-up-tasks.png'), fullPage: true });

      // 6. The lab's negative for the re-test turns the person green and closes their part.
      env.clock.advance(5 * 60_000);
      const retest = await lab.post('/api/lab/results', { results: [{ barcode: 'R0000001', result: 'negative', testedAt: env.clock.now().toISOString() }] });
      assert.equal(retest.statusCode, 200, retest.body);
      assert.equal(retest.json().results[0].status, 'applied', retest.body);
      const [li4, li5] = tube2;
      assert.equal((await commander.get(`/api/people/${li4.id}/code`)).json().colour, 'green');
      assert.equal((await commander.get(`/api/people/${li5.id}/code`)).json().colour, 'yellow', 'the other member still waits');
      assert.equal((await commander.get(`/api/people/${li4.id}/test-results`)).json().items[0].result, 'negative');
      const tasks = (await signIn(env.app, 'grid').then((c) => c.get('/api/follow-ups/tasks'))).json();
      assert.deepEqual(
        tasks.items.map((t: { personId: string; status: string }) => [t.personId, t.status]),
        [[li5.id, 'pending']],
      );

      // 7. The board shows the follow-up: on time, one of two done.
      await grid.goto(`${base}/follow-ups`);
      await grid.waitForSelector('[data-testid=follow-up-row][data-state=on_time]');
      const board = (await grid.locator('[data-testid=follow-up-row]').textContent()) ?? '';
      assert.match(board, /T0000002/);
      assert.match(board, /1 \/ 2/);
      assert.match(board, /社区a/);
      await grid.waitForSelector('[data-testid=follow-ups-clearance]');
      await grid.screenshot({ path: join(shots, 'follow-up-board.png'), fullPage: true });

      // 8. A citizen of tube 1 reports a positive antigen self-test on the phone: told a NAT re-test
      // follows, the code turns yellow, and the grid worker has a new task.
      const citizen = await newPage({ locale: 'zh-CN', viewport: PHONE_VIEWPORT, mobile: true });
      await citizen.goto(`${base}/citizen/login`);
      await citizen.fill('[data-testid=citizen-phone]', '13700000002');
      await citizen.click('[data-testid=citizen-send-code]');
      await citizen.waitForSelector('[data-testid=citizen-code-sent]');
      await citizen.fill('[data-testid=citizen-code]', env.notifier.last.get('13700000002') ?? '');
      await citizen.click('[data-testid=citizen-sign-in]');
      await citizen.waitForSelector('[data-testid=code-colour][data-colour=green]');
      await citizen.click('[data-testid=antigen-submit]');
      await citizen.waitForSelector('[data-testid=antigen-error]');
      await citizen.click('[data-testid=antigen-result-positive]');
      await citizen.waitForSelector('[data-testid=antigen-positive-notice]');
      await citizen.click('[data-testid=antigen-submit]');
      await citizen.waitForSelector('[data-testid=antigen-answer][data-result=positive]');
      assert.match((await citizen.textContent('[data-testid=antigen-answer]')) ?? '', /抗原自测阳性[\s\S]*核酸复核[\s\S]*黄码/);
      await citizen.waitForSelector('[data-testid=code-colour][data-colour=yellow]');
      await citizen.screenshot({ path: join(shots, 'citizen-antigen-positive.png'), fullPage: true });
      assert.equal((await commander.get(`/api/people/${tube1[1].id}/code`)).json().reasons[0].kind, 'pending_retest');
      await grid.goto(`${base}/follow-ups/tasks`);
      await grid.waitForSelector('[data-testid=task-row]:has-text("王二")');

      assert.deepEqual(pageErrors, []);
    });
  },
);

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { venueScans } from '../../src/modules/venues/venues.table.ts';
import { ensureWebBuild } from '../../src/platform/web-build.ts';
import { addAccount, idNumber, PASSWORD, seedTree, signIn, startTestApp, type Client, type TestEnv } from '../helpers.ts';
import { hasChromium, launchBrowser } from './browser.ts';

const DESKTOP = { width: 1440, height: 900 };
const MIN = 60_000;

describe(
  'epidemiological investigation in the browser: a positive opens a case, the investigator takes the order, finds and confirms the close contacts',
  { skip: hasChromium ? false : 'chromium is not installed (apt-get install chromium)' },
  () => {
    let env: TestEnv;
    let browser: Browser;
    let base: string;
    let commander: Client;
    const shots = join('.test-data', 'e2e');
    const contexts: BrowserContext[] = [];
    const pageErrors: string[] = [];
    const people = {
      index: { id: '', name: '赵病例', idNumber: idNumber('410102', '19800101', 701), unit: 'a.household' },
      household: { id: '', name: '赵家人', idNumber: idNumber('410102', '19820202', 702), unit: 'a.household' },
      visitor: { id: '', name: '钱同场', idNumber: idNumber('410102', '19900303', 703), unit: 'a.unit' },
      stranger: { id: '', name: '孙路人', idNumber: idNumber('410102', '19910404', 704), unit: 'a.unit' },
    };
    let caseNumber = '';

    async function staffSignIn(username: string): Promise<Page> {
      const context = await browser.newContext({ locale: 'en-US', viewport: DESKTOP });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      page.on('pageerror', (e) => pageErrors.push(e.message));
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
      await addAccount(env.ctx, 'commander', 'city_commander', nodes.city.id);
      const investigatorId = await addAccount(env.ctx, 'inv', 'investigator', nodes.a.id);
      commander = await signIn(env.app, 'commander');

      // District a's team, with the investigator on it: the new case is handed to it in rotation.
      const team = await commander.post('/api/investigation-teams', { name: '区a流调一组', jurisdictionId: nodes.a.id, capacity: 5, memberIds: [investigatorId] });
      assert.equal(team.statusCode, 201, team.body);

      for (const [i, p] of Object.values(people).entries()) {
        const res = await commander.post('/api/people', { name: p.name, idNumber: p.idNumber, phone: `1370000010${i}`, jurisdictionCode: nodes[p.unit].code });
        assert.equal(res.statusCode, 201, res.body);
        p.id = res.json().id;
      }
      const venue = await commander.post('/api/venues', { code: 'VE2E01', name: '幸福超市', type: 'supermarket', jurisdictionCode: nodes.a.code });
      assert.equal(venue.statusCode, 201, venue.body);
      const venueId = venue.json().id as string;

      // Three hours ago the case shopped at the supermarket; a neighbour came in ten minutes later,
      // another two hours later (outside the ±30 minutes).
      const now = env.clock.now().getTime();
      const scan = (personId: string, minutesAgo: number, n: number) => ({
        eventId: `e2e-${n}`,
        personId,
        venueId,
        scannedAt: new Date(now - minutesAgo * MIN),
        colourShown: 'green',
        result: 'pass',
        source: 'device',
      });
      await env.ctx.db.insert(venueScans).values([scan(people.index.id, 180, 1), scan(people.visitor.id, 170, 2), scan(people.stranger.id, 60, 3)]);

      // A nucleic-acid positive recorded by hand opens the case and its investigation.
      const positive = await commander.post(`/api/people/${people.index.id}/test-results`, { kind: 'nat', result: 'positive', sampledAt: new Date(now - 60 * MIN).toISOString() });
      assert.equal(positive.statusCode, 201, positive.body);
      const cases = (await commander.get('/api/cases')).json();
      assert.equal(cases.total, 1, JSON.stringify(cases));
      assert.equal(cases.items[0].personId, people.index.id);
      assert.equal(cases.items[0].investigation.status, 'assigned');
      assert.equal(cases.items[0].investigation.teamName, '区a流调一组');
      caseNumber = cases.items[0].caseNumber;

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
      // 1. The investigator opens the board: the case waits for their team.
      const page = await staffSignIn('inv');
      await page.click('[data-testid=nav-investigations]');
      await page.waitForURL((url) => url.pathname === '/investigations');
      const row = page.locator(`[data-testid=board-row][data-case="${caseNumber}"]`);
      await row.waitFor();
      assert.equal(await row.getAttribute('data-status'), 'assigned');
      assert.match((await row.textContent()) ?? '', /赵病例[\s\S]*Asymptomatic[\s\S]*区a流调一组/);
      await page.waitForSelector('[data-testid=tracing-indicators] [data-testid=indicators-cleared]');
      assert.match((await page.textContent('[data-testid=teams-panel]')) ?? '', /区a流调一组[\s\S]*1 \/ 5[\s\S]*inv/);

      // 2. Takes the order.
      await row.locator('[data-testid=take-order]').click();
      await page.waitForSelector(`[data-testid=board-row][data-case="${caseNumber}"][data-status=in_progress]`);
      assert.match((await row.textContent()) ?? '', /In progress[\s\S]*inv/);
      await page.screenshot({ path: join(shots, 'investigation-board.png'), fullPage: true });

      // 3. Opens the case: header, exposure window, the trajectory filled from the scan.
      await row.locator('[data-testid=board-case-link]').click();
      await page.waitForURL((url) => url.pathname.startsWith('/cases/'));
      assert.equal((await page.textContent('[data-testid=case-number]'))?.trim(), caseNumber);
      await page.waitForSelector('[data-testid=case-exposure-window]');
      assert.match((await page.textContent('[data-testid=case-details]')) ?? '', /4101\*+/, 'the ID number is masked');

      // 4. Contacts: find the close contacts (±30 minutes by default).
      await page.click('[data-testid=case-tab-contacts]');
      await page.click('[data-testid=contacts-find]');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=contact-row][data-status=candidate]').length === 2);
      const household = page.locator('[data-testid=contact-row]', { hasText: '赵家人' });
      const visitor = page.locator('[data-testid=contact-row]', { hasText: '钱同场' });
      assert.match((await household.textContent()) ?? '', /Same household/);
      assert.match((await visitor.textContent()) ?? '', /幸福超市[\s\S]*VE2E01[\s\S]*case \d{4}-\d\d-\d\d \d\d:\d\d · contact \d{4}-\d\d-\d\d \d\d:\d\d/);
      assert.equal(await page.locator('[data-testid=contact-row]', { hasText: '孙路人' }).count(), 0, 'outside the window');
      await page.screenshot({ path: join(shots, 'case-contacts-candidates.png'), fullPage: true });

      // 5. Selects both and confirms them: each goes to centralized quarantine.
      await household.locator('input[type=checkbox]').check();
      await visitor.locator('input[type=checkbox]').check();
      await page.click('[data-testid=contacts-confirm]');
      await page.click('[data-testid=contacts-confirm-ok]');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=contact-row][data-status=confirmed]').length === 2);
      for (const r of [household, visitor]) {
        assert.equal(await r.locator('[data-testid=contact-measure]').getAttribute('data-measure'), 'centralized_quarantine');
        assert.match((await r.locator('[data-testid=contact-measure]').textContent()) ?? '', /Centralized quarantine/);
        assert.match((await r.locator('[data-testid=contact-measure-until]').textContent()) ?? '', /until \d{4}-\d\d-\d\d/);
      }
      await page.waitForSelector('[data-testid=contacts-counts]:has-text("2 confirmed")');
      await page.screenshot({ path: join(shots, 'case-contacts-confirmed.png'), fullPage: true });

      // 6. Their health codes turned red; the board counts the confirmed contacts.
      for (const p of [people.household, people.visitor]) {
        const code = (await commander.get(`/api/people/${p.id}/code`)).json();
        assert.equal(code.colour, 'red', JSON.stringify(code));
      }
      assert.equal((await commander.get(`/api/people/${people.stranger.id}/code`)).json().colour, 'green');
      const board = (await commander.get('/api/investigations')).json();
      assert.equal(board.items[0].confirmed, 2);
      assert.equal(board.items[0].assigneeName, 'inv');

      // 7. The investigation tab shows who took it; the timeline has the case's history.
      await page.click('[data-testid=case-tab-investigation]');
      assert.equal((await page.textContent('[data-testid=investigation-assignee]'))?.trim(), 'inv');
      await page.waitForSelector('[data-testid=timeline-item][data-kind="clock:startedAt"]');
      await page.waitForSelector('[data-testid=timeline-item][data-kind=trajectory]');
      await page.screenshot({ path: join(shots, 'case-investigation.png'), fullPage: true });

      // 8. The trajectory holds the supermarket visit (filled from the scan by the search), inside the window.
      await page.click('[data-testid=case-tab-trajectory]');
      const visit = page.locator('[data-testid=trajectory-row][data-in-window=true]', { hasText: '幸福超市' });
      await visit.waitFor();
      assert.match((await visit.textContent()) ?? '', /In window[\s\S]*Venue[\s\S]*VE2E01[\s\S]*Scan/);
      await page.screenshot({ path: join(shots, 'case-trajectory.png'), fullPage: true });

      assert.deepEqual(pageErrors, []);
    });
  },
);

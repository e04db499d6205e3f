/**
 * The public pages in real browsers (Chromium, and Firefox ESR over WebDriver
 * BiDi), driven as top-level pages with puppeteer-core: every page passes axe
 * (WCAG 2.1 AA rules), and the main task — open the e-mailed link, confirm
 * the request — works with the keyboard alone.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { listen, type Listening } from '../../server/node.js';
import type { Service } from '../../server/service.js';
import { enrolment, makeApp } from './fixture.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

const browsers: [string, () => Promise<Browser>][] = [
  ['Chromium', () => puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'] })],
];
if (existsSync(FIREFOX)) browsers.push(['Firefox', () => puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true })]);

/** axe's violations on the page, run through the protocol (the pages' CSP lets no script in). */
async function axe(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
  )) as { violations: { id: string; nodes: { target: string[] }[] }[] };
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

let service: Service;
let http: Listening;
let origin: string;

before(async () => {
  const made = await makeApp();
  service = made.service;
  http = await listen(service.app, 0, '127.0.0.1');
  // `localhost`: a secure context, where browsers keep __Host- cookies over http.
  origin = http.url.replace('127.0.0.1', 'localhost');
  service.listeningOn(origin);
});
after(async () => {
  await http.close(100);
});

async function newRequest(email: string, extra: Record<string, unknown> = {}) {
  const response = await fetch(`${http.url}/api/v1/enrolments`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(enrolment({ email, ...extra })) });
  assert.equal(response.status, 201);
  const receipt = (await response.json()) as { reference: string };
  const rows = await service.database.db.selectFrom('outbox').select(['kind', 'text']).where('recipient', '=', email).execute();
  const link = (kind: string, path: string) => rows.find((r) => r.kind === kind)?.text.match(new RegExp(`https?://\\S+${path}\\S+`))?.[0];
  return { receipt, link };
}

for (const [name, launch] of browsers) {
  describe(`the public pages in ${name}`, () => {
    let browser: Browser;
    before(async () => {
      browser = await launch();
    });
    after(() => browser?.close());

    it('the agent’s space, « Retrouver », an unusable link: axe finds nothing; the confirmation works by keyboard', async () => {
      const email = `clavier.${name.toLowerCase()}@example.gouv.fr`;
      const { receipt, link } = await newRequest(email);
      const page = await browser.newPage();
      await page.setExtraHTTPHeaders({ 'Accept-Language': 'fr-FR,fr;q=0.9' });
      await page.goto(link('receipt', '/mes-demandes/lien/')!, { waitUntil: 'load' });
      assert.equal(new URL(page.url()).pathname, '/mes-demandes/', 'redirected to a URL without the token');
      assert.match(await page.$eval('h1', (h) => h.textContent ?? ''), /Mes demandes d’inscription/);
      assert.deepEqual(await axe(page), []);
      // Keyboard only: Tab to the confirmation button, Enter.
      let found = false;
      for (let i = 0; i < 40 && !found; i++) {
        await page.keyboard.press('Tab');
        found = await page.evaluate(() => document.activeElement?.textContent?.trim() === 'Confirmer ma demande');
      }
      assert.ok(found, 'the confirmation button is reachable with Tab');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
      assert.match(await page.$eval('main', (m) => m.textContent ?? ''), /Votre demande est confirmée/);
      assert.deepEqual(await axe(page), []);
      const row = await service.database.db.selectFrom('enrolments').select('confirmed_at').where('reference', '=', receipt.reference).executeTakeFirstOrThrow();
      assert.ok(row.confirmed_at);

      await page.goto(`${origin}/mes-demandes/retrouver`, { waitUntil: 'load' });
      assert.deepEqual(await axe(page), []);
      await page.type('#email', 'pas une adresse');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[type="submit"]')]);
      assert.equal(await page.$eval('#email', (e) => e.getAttribute('aria-invalid')), 'true');
      assert.deepEqual(await axe(page), []);
      await page.goto(`${origin}/mes-demandes/lien/${'A'.repeat(43)}`, { waitUntil: 'load' });
      assert.match(await page.$eval('main', (m) => m.textContent ?? ''), /Ce lien n’est pas valide/);
      assert.deepEqual(await axe(page), []);
      await page.goto(`${origin}/mes-demandes/?lang=en`, { waitUntil: 'load' });
      assert.equal(await page.$eval('html', (h) => h.lang), 'en');
      assert.deepEqual(await axe(page), []);
      await page.close();
    });

    it('the manager’s decision page: axe finds nothing; the decision works by keyboard', async () => {
      const email = `decision.${name.toLowerCase()}@example.gouv.fr`;
      const { receipt } = await newRequest(email, { courseId: 'piloter-donnee', sessionId: 'data-1', managerEmail: `chef.${name.toLowerCase()}@example.gouv.fr` });
      await service.database.transaction(async (tx) => {
        const { confirmRequest } = await import('../../server/lifecycle.js');
        const request = await tx.selectFrom('enrolments').selectAll().where('reference', '=', receipt.reference).executeTakeFirstOrThrow();
        await confirmRequest(service.storage.lifecycle, tx, request);
      });
      const message = await service.database.db.selectFrom('outbox').select('text').where('kind', '=', 'manager_request').where('recipient', '=', `chef.${name.toLowerCase()}@example.gouv.fr`).executeTakeFirstOrThrow();
      const approve = message.text.match(/https?:\/\/\S+\/decision\/lien\/\S+accord/)![0];
      const page = await browser.newPage();
      await page.setExtraHTTPHeaders({ 'Accept-Language': 'fr-FR,fr;q=0.9' });
      await page.goto(approve, { waitUntil: 'load' });
      assert.deepEqual(await axe(page), []);
      let found = false;
      for (let i = 0; i < 40 && !found; i++) {
        await page.keyboard.press('Tab');
        found = await page.evaluate(() => document.activeElement?.textContent?.trim() === 'Je donne mon accord');
      }
      assert.ok(found);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
      assert.match(await page.$eval('main', (m) => m.textContent ?? ''), /votre accord est enregistré/);
      assert.deepEqual(await axe(page), []);
      await page.close();
    });
  });
}

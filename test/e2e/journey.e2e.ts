/**
 * The README's three lines are the whole journey (issue 19), in top-level pages of real
 * browsers (Chromium, and Firefox ESR over WebDriver BiDi), by keyboard only: browse the
 * catalogue, open a course (its page opens in the list's dialog), ask for a place, get the
 * receipt, close. Once on a page holding only the three lines (and the test service's
 * api-base), once under the guide's strict CSP with Trusted Types (test/hosts/cdn.html). The
 * pages, the bundle and its "CDN" are test/hosts.test.ts's (scripts/wtr-hosts.mjs).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { startTestServer } from '../support/test-server.js';
import { browsers } from './support.js';

interface Course {
  id: string;
  title: string;
  managerApproval?: boolean;
  enrolment: { mode: string };
}

/** The hostile-host suite's servers (a wtr plugin, plain JavaScript): started here by hand. */
interface HostsServers {
  serverStart(): Promise<void>;
  serverStop(): Promise<void>;
  executeCommand(command: { command: string }): unknown;
}
const { hostsPlugin } = (await import('../../scripts/wtr-hosts.mjs' as string)) as { hostsPlugin(options: { apiUrl: string }): HostsServers };

let api: Awaited<ReturnType<typeof startTestServer>>;
let hosts: HostsServers;
let info: { host: string; api: string };
let course: Course;

before(async () => {
  api = await startTestServer();
  hosts = hostsPlugin({ apiUrl: api.url });
  await hosts.serverStart();
  info = hosts.executeCommand({ command: 'hosts-info' }) as { host: string; api: string };
  // The first course of the three lines' first page that takes a request now, without a manager's approval.
  const page = (await (await fetch(`${api.url}/api/v1/courses?expertise=cybersecurite&pageSize=12`)).json()) as { items: Course[] };
  for (const c of page.items) {
    if (c.enrolment.mode !== 'request' || c.managerApproval) continue;
    const sessions = (await (await fetch(`${api.url}/api/v1/courses/${encodeURIComponent(c.id)}/sessions`)).json()) as { items: { status: string }[] };
    if (sessions.items.some((s) => s.status === 'open')) {
      course = c;
      break;
    }
  }
  assert.ok(course, 'a course of the three lines takes requests');
});
after(async () => {
  await hosts?.serverStop();
  await api?.close();
});

/** A description of the focused element, through shadow roots: its part, data-field, text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return { part: el?.getAttribute('part') ?? '', field: (el as HTMLElement | null)?.dataset?.field ?? '', text: el?.textContent?.replace(/\s+/g, ' ').trim() ?? '', tag: el?.localName ?? '' };
  });

async function tabTo(page: Page, wanted: (f: Awaited<ReturnType<typeof focused>>) => boolean, what: string, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (wanted(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${what}; last: ${JSON.stringify(await focused(page))}`);
}

/** The probe's record of the page (CSP violations, console errors), asked as the test page does. */
const report = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ violations: unknown[]; errors: string[] }>((resolve) => {
        // Inline and anonymous: tsx names the functions it sees, with a helper the page does not have.
        window.addEventListener('message', (e) => e.data?.probe === 424242 && 'result' in e.data && resolve(e.data.result));
        window.postMessage({ probe: 424242, cmd: 'report' }, location.origin);
      }),
  );

for (const choice of browsers()) {
  describe(`the three lines in ${choice.name}`, () => {
    let browser: Browser;
    before(async () => (browser = await choice.launch()));
    after(async () => browser?.close());

    for (const [name, label] of [
      ['three-lines.html', 'a page with only the three lines'],
      ['cdn.html', 'the three lines under the guide’s strict CSP'],
    ] as const) {
      it(`${label}: browse, open a course, ask for a place, get the receipt, by keyboard only`, async () => {
        const page = await browser.newPage();
        await page.setViewport({ width: 1280, height: 900 });
        await page.goto(`${info.host}/hosts/${name}`);
        await page.waitForFunction(() => (document.querySelector('catalogue-list')?.shadowRoot?.querySelectorAll('[part="card"]').length ?? 0) > 0, { timeout: 15000 });
        await tabTo(page, (f) => f.part === 'card-link' && f.text === course.title, `the title of « ${course.title} »`);
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.querySelector('catalogue-list')?.shadowRoot?.querySelector('dialog')?.open === true, { timeout: 10000 });
        assert.equal((await focused(page)).part, 'dialog-close', 'focus moved into the dialog');
        await tabTo(page, (f) => f.part === 'enrol-button', 'an enrol button', 80);
        await page.keyboard.press('Enter');
        const email = `trois.lignes.${choice.name}.${name.length}.${Date.now()}@finances.gouv.fr`;
        for (const [field, value] of [
          ['givenName', 'Camille'],
          ['familyName', 'Martin'],
          ['email', email],
          ['organisation', 'Préfecture du Nord'],
        ]) {
          await tabTo(page, (f) => f.field === field, field, 40);
          await page.keyboard.type(value);
        }
        await tabTo(page, (f) => f.part === 'submit', 'the send button', 40);
        await page.keyboard.press('Enter');
        await page.waitForFunction(
          () => {
            let el = document.activeElement;
            while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
            return el?.getAttribute('part') === 'receipt';
          },
          { timeout: 15000 },
        );
        await page.keyboard.press('Escape');
        await page.waitForFunction(() => !document.querySelector('catalogue-list')?.shadowRoot?.querySelector('dialog'), { timeout: 5000 });
        const back = await focused(page);
        assert.equal(back.part, 'card-link');
        assert.equal(back.text, course.title);
        const stored = (await (await fetch(`${api.url}/test/records/enrolments?email=${encodeURIComponent(email)}`)).json()) as { items: { request: { courseId: string } }[] };
        assert.equal(stored.items.length, 1, 'one request recorded');
        assert.equal(stored.items[0].request.courseId, course.id);
        const { violations, errors } = await report(page);
        // Firefox asks for /favicon.ico itself, under the page's img-src: not the widgets' doing.
        const widgets = violations.filter((v) => !String((v as { blocked?: string }).blocked).endsWith('/favicon.ico'));
        assert.deepEqual(widgets, [], 'no CSP violation');
        assert.deepEqual(errors, [], 'no console error');
        await page.close();
      });
    }
  });
}

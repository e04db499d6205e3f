/**
 * What the office's end-to-end tests share: the office built as in
 * production, the service started as `npm run api -- --demo` in a child
 * process, the browsers (Chromium, and Firefox ESR over WebDriver BiDi), the
 * sign-in through the development provider's own page, agents' requests sent
 * through the public API, and axe run in the page.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { confirmRequest } from '../../server/lifecycle.js';
import { openDatabase } from '../../server/storage/database.js';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Builds the office's pages as `npm run build:office` does (the service serves `office/dist`). */
export function buildOffice(): void {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'office/vite.config.ts', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
}

export interface BrowserChoice {
  name: 'chromium' | 'firefox';
  launch(): Promise<Browser>;
}

const firstExisting = (paths: (string | undefined)[]) => paths.find((p) => p && existsSync(p));

/** The browsers found (`CAMPUS_BROWSERS=chromium` keeps one). */
export function browsers(): BrowserChoice[] {
  const wanted = (process.env.CAMPUS_BROWSERS ?? 'chromium,firefox').split(',');
  return found().filter((b) => wanted.includes(b.name));
}

function found(): BrowserChoice[] {
  const out: BrowserChoice[] = [];
  const chromium = firstExisting([process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']);
  if (chromium) {
    out.push({
      name: 'chromium',
      launch: () => puppeteer.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=fr-FR'] }),
    });
  }
  const firefox = firstExisting([process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox']);
  if (firefox) out.push({ name: 'firefox', launch: () => puppeteer.launch({ browser: 'firefox', executablePath: firefox, headless: true }) });
  return out;
}

export interface DemoService {
  process: ServiceProcess;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** `npm run api -- --demo` on a database of its own, its identity provider on any free port. */
export async function startDemoService(): Promise<DemoService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'campus-e2e-'));
  const child = await startServiceProcess({ dataDir, args: ['--demo'], env: { DEMO_OIDC_PORT: '0', LOG_REQUESTS: '0' } });
  return { process: child, url: child.url, dataDir, stop: () => child.kill() };
}

/** Signs in through the development provider's page, as a person would. */
export async function signIn(page: Page, base: string, login: string, password = 'campus'): Promise<void> {
  await page.goto(`${base}/office/`);
  const button = await page.waitForSelector('campus-office a.fr-btn[href*="/auth/login/demo"]');
  await Promise.all([page.waitForNavigation(), button!.click()]);
  await page.waitForSelector('#login');
  await page.type('#login', login);
  await page.type('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}

/** The privacy notice version a course's form shows. */
async function noticeVersion(base: string, courseId: string): Promise<string> {
  const course = (await (await fetch(`${base}/api/v1/courses/${courseId}`)).json()) as { privacyNoticeId: string };
  const notice = (await (await fetch(`${base}/api/v1/privacy-notices/${course.privacyNoticeId}`)).json()) as { version: string };
  return notice.version;
}

/**
 * An agent's request through the public API, then confirmed as the agent
 * does through their receipt's link (here straight in the store: the
 * agent's own pages are another part's).
 */
export async function sendRequest(service: DemoService, request: Record<string, unknown>): Promise<{ reference: string; status: string }> {
  const body = {
    givenName: 'Camille',
    familyName: 'Martin',
    organisation: 'Préfecture du Bas-Rhin',
    privacyNoticeVersion: await noticeVersion(service.url, String(request.courseId)),
    ...request,
  };
  const response = await fetch(`${service.url}/api/v1/enrolments`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(response.status, 201, await response.clone().text());
  const receipt = (await response.json()) as { reference: string; status: string };
  const database = await openDatabase({ dataDir: service.dataDir });
  try {
    const row = await database.db.selectFrom('enrolments').selectAll().where('reference', '=', receipt.reference).executeTakeFirstOrThrow();
    await database.transaction((tx) => confirmRequest({ database, now: () => new Date() }, tx, row));
  } finally {
    await database.close();
  }
  return receipt;
}

/** A trainer application through the public API. */
export async function sendApplication(service: DemoService): Promise<void> {
  const notice = (await (await fetch(`${service.url}/api/v1/privacy-notices/candidature-formateur`)).json()) as { version?: string };
  const vocab = (await (await fetch(`${service.url}/api/v1/vocabularies`)).json()) as Record<string, { id: string }[]>;
  const body = {
    givenName: 'Dominique',
    familyName: 'Formatrice',
    email: 'dominique.formatrice@example.gouv.fr',
    organisation: 'DINUM',
    jobTitle: 'Coach produit',
    status: vocab.trainerStatuses[0].id,
    skills: [vocab.trainerSkills[0].id],
    intent: vocab.trainerIntents.find((i) => i.id !== 'list')?.id ?? vocab.trainerIntents[0].id,
    availability: 'Deux jours par mois',
    remote: true,
    links: [],
    privacyNoticeVersion: notice.version ?? '',
  };
  const response = await fetch(`${service.url}/api/v1/trainer-applications`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(response.status, 201, await response.clone().text());
}

export async function seatsLeft(base: string, courseId: string, sessionId: string): Promise<number | undefined> {
  const sessions = (await (await fetch(`${base}/api/v1/courses/${courseId}/sessions`)).json()) as { items: { id: string; seatsLeft?: number }[] };
  return sessions.items.find((s) => s.id === sessionId)?.seatsLeft;
}

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe in the page (WCAG 2.1 A and AA rules); returns the violations, described. */
export async function axe(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(ctx: unknown, options: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return violations;
}

/** Waits until the page's text shows `text` (in the element `selector`). */
export async function waitForText(page: Page, selector: string, text: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (sel: string, wanted: string) => [...document.querySelectorAll(sel)].some((e) => (e.textContent ?? '').includes(wanted)),
    { timeout },
    selector,
    text,
  );
}

/** Goes to an office view by its address. */
export async function go(page: Page, hash: string, ready: string): Promise<void> {
  await page.evaluate((h: string) => (location.hash = h), hash);
  await page.waitForSelector(ready);
}

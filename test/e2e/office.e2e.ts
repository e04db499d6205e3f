/**
 * The office end to end, in top-level pages of real browsers (Chromium, and
 * Firefox ESR over WebDriver BiDi), against `npm run api -- --demo` in a child
 * process: sign in through the development provider (the whole redirect
 * flow), create a session, find a request sent through the public API,
 * accept it, refuse another and see `seatsLeft` change on the public side,
 * promote from the waiting list, print the attendance sheet (DOM and print
 * media), sign out. Then: a partner sees only its own courses; axe in every
 * view; a keyboard-only journey; screenshots for the README
 * (`OFFICE_SCREENSHOTS=docs`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { axe, browsers, buildOffice, go, seatsLeft, sendApplication, sendRequest, signIn, startDemoService, waitForText, type DemoService } from './support.js';

const COURSE = 'seminaire-france-quebec';
const CAMPUS_COURSE = 'comprendre-ia-service-public';
const SCREENSHOTS = process.env.OFFICE_SCREENSHOTS;

before(() => buildOffice());

for (const choice of browsers()) {
  describe(`the office in ${choice.name}`, () => {
    let service: DemoService;
    let browser: Browser;
    let sessionId = '';

    before(async () => {
      service = await startDemoService();
      browser = await choice.launch();
    });
    after(async () => {
      await browser?.close();
      await service?.stop();
    });

    /** A page of its own browsing context: its own cookies, like another person's browser. */
    const newPage = async (): Promise<Page> => {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      page.on('pageerror', (error) => console.error(`${choice.name} page error: ${(error as Error).message}`));
      return page;
    };

    it('signs in, creates a session, processes requests, promotes from the waiting list, prints the sheet, signs out', async () => {
      const page = await newPage();
      await signIn(page, service.url, 'partenaire@atn-quebec.test');
      await page.waitForSelector('office-requests h2#results-title');
      assert.match(page.url(), /\/office\/#\/demandes$/);
      assert.equal(await page.evaluate(() => document.cookie.includes('campus-office')), false, 'the session cookie is HttpOnly');
      await waitForText(page, '.office-who', 'Alex Tremblay');

      // A session of two seats, without automatic promotion.
      await go(page, '#/sessions?vue=nouvelle', 'office-session-form form');
      await page.waitForFunction(() => document.querySelectorAll('#courseId option').length > 0);
      await page.select('#courseId', COURSE);
      // Date and time fields differ by browser and locale: their values are set, then `change` is sent.
      for (const [selector, value] of [
        ['#slot-date-0', '2031-05-14'],
        ['#slot-start-0', '09:30'],
        ['#slot-end-0', '17:00'],
      ]) {
        await page.$eval(
          selector,
          (input, v) => {
            (input as HTMLInputElement).value = v as string;
            input.dispatchEvent(new Event('change', { bubbles: true }));
          },
          value,
        );
      }
      await page.type('#location-name', 'Académie de la transformation numérique');
      await page.type('#location-city', 'Québec');
      await page.$eval('#location-country', (input) => ((input as HTMLInputElement).value = 'CA'));
      await page.waitForFunction(() => document.querySelectorAll('#location-region option').length > 1);
      await page.select('#location-region', 'CA-QC');
      await page.select('#timezone', 'America/Montreal');
      await page.type('#capacity', '2');
      await page.click('#autoPromote');
      await page.click('office-session-form button[type=submit]');
      await page.waitForFunction(() => /#\/sessions\/[^/?]+$/.test(location.hash) && !location.hash.includes('nouvelle'));
      sessionId = decodeURIComponent((await page.evaluate(() => location.hash)).split('/')[2]);
      await page.waitForSelector('office-session .office-detail');
      assert.equal(await seatsLeft(service.url, COURSE, sessionId), 2, 'the public API shows the new session at once');
      const created = (await (await fetch(`${service.url}/api/v1/courses/${COURSE}/sessions`)).json()) as { items: { id: string; location?: { region?: string } }[] };
      assert.equal(created.items.find((s) => s.id === sessionId)?.location?.region, 'CA-QC', 'its region, for the catalogue’s filter');

      // Three agents ask; the third waits.
      const first = await sendRequest(service, { courseId: COURSE, sessionId, givenName: 'Inès', familyName: 'Premier', email: 'ines.premier@example.gouv.fr' });
      const second = await sendRequest(service, { courseId: COURSE, sessionId, givenName: 'Noé', familyName: 'Second', email: 'noe.second@example.gouv.fr' });
      const third = await sendRequest(service, { courseId: COURSE, sessionId, givenName: 'Léa', familyName: 'Troisième', email: 'lea.troisieme@example.gouv.fr' });
      assert.deepEqual([first.status, second.status, third.status], ['submitted', 'submitted', 'waitlisted']);
      assert.equal(await seatsLeft(service.url, COURSE, sessionId), 0);

      // Find the first request by searching, and accept it.
      await go(page, '#/demandes', 'office-requests form.office-filters');
      await page.type('#f-q', 'Premier');
      await Promise.all([page.waitForFunction(() => location.hash.includes('q=Premier')), page.click('office-requests form.office-filters button[type=submit]')]);
      await page.waitForFunction(() => document.querySelectorAll('office-requests tbody tr').length === 1 && document.body.textContent!.includes('Inès Premier'));
      await page.click('office-requests tbody a.fr-link');
      await page.waitForSelector('office-request .office-detail');
      if (SCREENSHOTS && choice.name === 'chromium') await page.screenshot({ path: `${SCREENSHOTS}/office-demande.png`, fullPage: true });
      await page.evaluate(() => [...document.querySelectorAll<HTMLButtonElement>('office-request button')].find((b) => b.textContent?.trim() === 'Accepter')!.click());
      await waitForText(page, 'office-request .office-notice-anchor', 'Acceptée');
      await waitForText(page, 'office-request .fr-badge', 'Acceptée');

      // Refuse the second, with a reason: a seat is free on the public side.
      await go(page, '#/demandes?q=Second', 'office-requests tbody a.fr-link');
      await page.waitForFunction(() => document.body.textContent!.includes('Noé Second'));
      await page.click('office-requests tbody a.fr-link');
      await page.waitForSelector('office-request .office-detail');
      await page.evaluate(() => [...document.querySelectorAll<HTMLButtonElement>('office-request button')].find((b) => b.textContent?.includes('Refuser'))!.click());
      await page.waitForSelector('office-request dialog[open] textarea');
      await page.type('#dialog-reason', 'Session réservée aux agents du Québec.');
      await page.click('office-request dialog[open] button[type=submit]');
      await waitForText(page, 'office-request .fr-badge', 'Refusée');
      assert.equal(await seatsLeft(service.url, COURSE, sessionId), 1, 'the refusal freed a seat');

      // The waiting list, promoted by hand (automatic promotion is off here).
      await go(page, `#/sessions/${encodeURIComponent(sessionId)}`, 'office-session .office-detail');
      await waitForText(page, 'office-session', 'Léa Troisième');
      await page.evaluate(() => [...document.querySelectorAll<HTMLButtonElement>('office-session button')].find((b) => b.textContent?.includes('Promouvoir'))!.click());
      await waitForText(page, 'office-session .office-notice-anchor', 'Léa Troisième');
      assert.equal(await seatsLeft(service.url, COURSE, sessionId), 0, 'the promoted person took the seat');
      if (SCREENSHOTS && choice.name === 'chromium') await page.screenshot({ path: `${SCREENSHOTS}/office-session.png`, fullPage: true });

      // The attendance sheet: the accepted participant, one box per half-day.
      await go(page, `#/sessions/${encodeURIComponent(sessionId)}/emargement`, 'office-attendance-sheet .office-sheet table');
      const sheet = await page.evaluate(() => ({
        heads: [...document.querySelectorAll('.office-sheet thead th')].map((th) => th.textContent!.replace(/\s+/g, ' ').trim()),
        rows: [...document.querySelectorAll('.office-sheet tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.replace(/\s+/g, ' ').trim())),
        facts: document.querySelector('.office-sheet__facts')!.textContent!.replace(/\s+/g, ' '),
      }));
      assert.deepEqual(sheet.heads.slice(0, 3), ['Nom', 'Prénom', 'Administration']);
      assert.equal(sheet.heads.length, 5, 'three columns, then one per half-day');
      assert.match(sheet.heads[3], /^14 mai 2031\s*Matin$/);
      assert.match(sheet.heads[4], /^14 mai 2031\s*Après-midi$/);
      assert.deepEqual(sheet.rows[0].slice(0, 3), ['Premier', 'Inès', 'Préfecture du Bas-Rhin']);
      assert.equal(sheet.rows.length, 2, 'one participant, then the trainer’s row');
      assert.match(sheet.facts, /Séminaire/);
      assert.match(sheet.facts, /Québec/);
      assert.match(sheet.facts, /14 mai 2031/);
      if (SCREENSHOTS && choice.name === 'chromium') await page.screenshot({ path: `${SCREENSHOTS}/office-emargement.png`, fullPage: true });
      if (choice.name === 'chromium') {
        await page.emulateMediaType('print');
        const printed = await page.evaluate(() => ({
          header: getComputedStyle(document.querySelector('.fr-header')!).display,
          nav: getComputedStyle(document.querySelector('.office-nav')!).display,
          button: getComputedStyle(document.querySelector('.office-no-print')!).display,
          sheet: getComputedStyle(document.querySelector('.office-sheet')!).display,
        }));
        assert.deepEqual(printed, { header: 'none', nav: 'none', button: 'none', sheet: 'block' }, 'print media shows the sheet alone');
        await page.emulateMediaType('screen');
      } else {
        // WebDriver BiDi has no media emulation: the page's own print rules are read instead.
        const rules = await page.evaluate(() => {
          const out: string[] = [];
          for (const sheet of [...document.styleSheets]) {
            let list: CSSRuleList;
            try {
              list = sheet.cssRules;
            } catch {
              continue;
            }
            for (const rule of [...list]) {
              if (rule instanceof CSSMediaRule && rule.conditionText === 'print') out.push(rule.cssText);
              if (rule instanceof CSSPageRule) out.push(rule.cssText);
            }
          }
          return out.join('\n');
        });
        assert.match(rules, /\.fr-header[^{]*\.office-nav[^{]*\.office-no-print[^{]*\{\s*display: none !important/);
      }
      const pdf = await page.pdf({ format: 'A4', printBackground: false });
      assert.equal(Buffer.from(pdf.subarray(0, 4)).toString('latin1'), '%PDF', 'the sheet prints');

      // Sign out: the office's session and the provider's end; back on the sign-in page.
      await go(page, '#/demandes', 'office-requests');
      await Promise.all([
        page.waitForFunction(() => location.pathname === '/office/' && document.querySelector('campus-office h1')?.textContent?.includes('Connexion'), { timeout: 20_000 }),
        page.evaluate(() => [...document.querySelectorAll<HTMLButtonElement>('campus-office header button')].find((b) => b.textContent?.includes('Se déconnecter'))!.click()),
      ]);
      await waitForText(page, 'campus-office', 'Vous êtes déconnecté·e.');
      const after = await page.evaluate(async () => (await fetch('/office/api/me')).status);
      assert.equal(after, 401);
      await page.close();
    });

    it('shows a partner only its own courses’ requests, and the campus everything', async () => {
      const campusRequest = await sendRequest(service, { courseId: CAMPUS_COURSE, givenName: 'Yann', familyName: 'Campus', email: 'yann.campus@example.gouv.fr' });
      const page = await newPage();
      await signIn(page, service.url, 'partenaire@atn-quebec.test');
      await page.waitForSelector('office-requests tbody');
      const partnerText = await page.$eval('office-requests', (e) => e.textContent!);
      assert.ok(!partnerText.includes('Yann Campus'), 'not a campus course’s request');
      assert.ok(partnerText.includes('Inès Premier'));
      const navigation = await page.$$eval('.office-nav a', (links) => links.map((a) => a.textContent!.trim()));
      assert.deepEqual(navigation, ['Demandes', 'Sessions']);
      const other = await page.evaluate(async (reference: string) => {
        const list = await (await fetch(`/office/api/requests?q=${reference}`)).json();
        return list.total;
      }, campusRequest.reference);
      assert.equal(other, 0);
      await page.close();

      const campus = await newPage();
      await signIn(campus, service.url, 'gestion@campus.test');
      await campus.waitForSelector('office-requests tbody');
      await waitForText(campus, 'office-requests', 'Yann Campus');
      await campus.close();
    });

    it('tells an account without a grant that it has no access', async () => {
      const page = await newPage();
      await signIn(page, service.url, 'visiteur@exemple.test');
      await waitForText(page, 'campus-office h1', 'Pas d’accès au bureau');
      assert.deepEqual(await axe(page), [], 'axe on the no-access page');
      await page.close();
    });

    it('passes axe in every view', async () => {
      await sendApplication(service);
      await sendRequest(service, { courseId: CAMPUS_COURSE, givenName: 'Axel', familyName: 'Campus', email: 'axel.campus@example.gouv.fr' });
      const page = await newPage();
      await page.goto(`${service.url}/office/`);
      await page.waitForSelector('campus-office a.fr-btn');
      assert.deepEqual(await axe(page), [], 'sign-in page');
      await signIn(page, service.url, 'gestion@campus.test');
      await page.waitForSelector('office-requests tbody a.fr-link');
      const views: [string, string, string][] = [
        ['demandes', '#/demandes', 'office-requests tbody a.fr-link'],
        ['sessions', '#/sessions?period=all', 'office-sessions table'],
        ['session', `#/sessions/${encodeURIComponent(sessionId)}`, 'office-session .office-detail'],
        ['édition de session', `#/sessions/${encodeURIComponent(sessionId)}`, 'office-session .office-detail'],
        ['nouvelle session', '#/sessions?vue=nouvelle', 'office-session-form form'],
        ['émargement', `#/sessions/${encodeURIComponent(sessionId)}/emargement`, 'office-attendance-sheet table'],
        ['candidatures', '#/candidatures', 'office-applications h2'],
        ['équipe', '#/equipe', 'office-team table'],
        ['organisations', '#/organisations', 'office-organisations form'],
        ['personnes', '#/personnes', 'office-persons form'],
        ['journal', '#/journal', 'office-journal table'],
        ['messages envoyés', '#/messages', 'office-messages table'],
      ];
      for (const [name, hash, ready] of views) {
        await go(page, hash, ready);
        if (name === 'édition de session') {
          await page.evaluate(() => [...document.querySelectorAll<HTMLButtonElement>('office-session button')].find((b) => b.textContent?.includes('Modifier'))!.click());
          await page.waitForSelector('office-session office-session-form form');
        }
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.deepEqual(await axe(page), [], `axe on ${name}`);
        if (SCREENSHOTS && choice.name === 'chromium' && name === 'demandes') await page.screenshot({ path: `${SCREENSHOTS}/office-demandes.png`, fullPage: false });
      }
      // One trainer application.
      await go(page, '#/candidatures', 'office-applications .office-card a');
      await page.click('office-applications .office-card a');
      await page.waitForSelector('office-application form');
      assert.deepEqual(await axe(page), [], 'axe on a trainer application');
      // One request, and its refusal dialog open.
      await go(page, '#/demandes?q=Campus', 'office-requests tbody a.fr-link');
      await page.click('office-requests tbody a.fr-link');
      await page.waitForSelector('office-request .office-detail');
      assert.deepEqual(await axe(page), [], 'axe on a request');
      await page.evaluate(() => [...document.querySelectorAll<HTMLButtonElement>('office-request button')].find((b) => b.textContent?.includes('Refuser'))!.click());
      await page.waitForSelector('office-request dialog[open] textarea');
      assert.deepEqual(await axe(page), [], 'axe on the refusal dialog');
      // One message as sent: without an SMTP server the demo's e-mails wait, readable, with their links.
      await go(page, '#/messages?q=axel.campus', 'office-messages tbody a.fr-link');
      await page.click('office-messages tbody a.fr-link');
      await page.waitForSelector('office-message pre');
      assert.match(await page.$eval('office-message pre', (pre) => pre.textContent ?? ''), /\/mes-demandes\/lien\/[A-Za-z0-9_-]{40,}/);
      assert.deepEqual(await axe(page), [], 'axe on a message');
      await page.close();
    });

    if (choice.name === 'chromium') {
      it('lets a keyboard alone open a request, accept it, and cancel another through its dialog', async () => {
        const target = await sendRequest(service, { courseId: CAMPUS_COURSE, givenName: 'Clé', familyName: 'Clavier', email: 'cle.clavier@example.gouv.fr' });
        const other = await sendRequest(service, { courseId: CAMPUS_COURSE, givenName: 'Ana', familyName: 'Annulée', email: 'ana.annulee@example.gouv.fr' });
        assert.ok(target && other);
        const page = await newPage();
        await signIn(page, service.url, 'gestion@campus.test');
        await page.waitForSelector('office-requests tbody a.fr-link');
        const tabTo = async (matches: string, limit = 150) => {
          for (let i = 0; i < limit; i++) {
            await page.keyboard.press('Tab');
            const here = await page.evaluate(() => {
              const a = document.activeElement as HTMLElement | null;
              // Links and buttons only: the body's text holds every word of the page.
              return a?.matches('a, button') ? (a.textContent ?? '').trim() : '';
            });
            if (here.includes(matches)) return;
          }
          throw new Error(`focus never reached “${matches}”`);
        };
        const focused = () => page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent?.trim()}`);

        await tabTo('Clé Clavier');
        await page.keyboard.press('Enter');
        await page.waitForSelector('office-request .office-detail');
        await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
        assert.match(await focused(), /^H1 Demande de Clé Clavier/, 'the new view’s heading takes the focus');
        await tabTo('Accepter');
        await page.keyboard.press('Enter');
        await waitForText(page, 'office-request .fr-badge', 'Acceptée');
        assert.match(await page.evaluate(() => document.activeElement?.className ?? ''), /office-notice-anchor/, 'the result takes the focus');

        await tabTo('Toutes les demandes');
        await page.keyboard.press('Enter');
        await page.waitForSelector('office-requests tbody a.fr-link');
        await tabTo('Ana Annulée');
        await page.keyboard.press('Enter');
        await page.waitForSelector('office-request .office-detail');
        await tabTo('Annuler la demande');
        await page.keyboard.press('Enter');
        await page.waitForSelector('office-request dialog[open]');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'dialog-reason', 'the dialog’s field takes the focus');
        await page.keyboard.type('Demande en double.');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await waitForText(page, 'office-request .fr-badge', 'Annulée');
        assert.equal(await page.$('office-request dialog[open]'), null, 'the dialog is closed');
        await page.keyboard.press('Escape');
        await page.close();
      });
    }
  });
}

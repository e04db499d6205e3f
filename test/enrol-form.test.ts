/**
 * <enrol-form> through the reference server, on another origin, in test mode.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import ICAL from 'ical.js';
import type { Course, EnrolmentReceipt, EnrolmentRequest, Session } from '../src/api/schemas.js';
import { ContextProvider } from '@lit/context';
import { clientFor } from '../src/api/client.js';
import { loadReference, Reference } from '../src/api/reference.js';
import { clientContext, referenceContext } from '../src/core/context.js';
import { EnrolForm } from '../src/enrol-form/enrol-form.js';
import { isFull, isOffered } from '../src/api/sessions.js';
import { $, choose, describedBy, field, fillHoneypot, options, receiptOf, root, sendErrorOf, submit, submitButton, summaryOf, tabTo, typeInto } from './form-helpers.js';
import { API_BASE, faultBase, freshCache, records, requestableCourse, text, uniqueEmail, until } from './helpers.js';

if (!customElements.get('enrol-form')) customElements.define('enrol-form', EnrolForm);

// Test courses are picked from the seed data (server/data) through the API, by what they are, so a
// regenerated seed does not break the tests: a plain course with the session that has the most seats
// (tests take seats, and two browsers share one server), one that needs the manager's approval, an
// external one, one with a full session, one with a session over several days.
let COURSE = '';
let SESSION = '';
let APPROVAL_COURSE = '';
let APPROVAL_SESSION = '';
let EXTERNAL_COURSE = '';
let FULL_COURSE = '';
let FULL_SESSION = '';
let MULTI_DAY_COURSE = '';
let MULTI_DAY_SESSION = '';

async function pickCourses(): Promise<void> {
  const get = async (path: string) => (await fetch(`${API_BASE}/v1${path}`)).json();
  const courses: Course[] = [];
  for (let page = 1; ; page++) {
    const body = (await get(`/courses?pageSize=100&page=${page}&sort=title`)) as { items: Course[]; total: number };
    courses.push(...body.items);
    if (!body.items.length || courses.length >= body.total) break;
  }
  const seats = (s: Session) => s.seatsLeft ?? 10000;
  let best = 0;
  for (const course of courses) {
    if (course.enrolment.mode === 'external') {
      if (!EXTERNAL_COURSE && course.enrolment.url) EXTERNAL_COURSE = course.id;
      continue;
    }
    const sessions = ((await get(`/courses/${encodeURIComponent(course.id)}/sessions`)) as { items: Session[] }).items.filter((s) => isOffered(s));
    const open = sessions.filter((s) => !isFull(s));
    const full = sessions.find((s) => isFull(s));
    if (full && !FULL_COURSE && !course.managerApproval) [FULL_COURSE, FULL_SESSION] = [course.id, full.id];
    for (const s of open) {
      if (course.managerApproval) {
        if (!APPROVAL_COURSE && seats(s) >= 6) [APPROVAL_COURSE, APPROVAL_SESSION] = [course.id, s.id];
      } else {
        if (seats(s) > best && s.slots.length === 1) [best, COURSE, SESSION] = [seats(s), course.id, s.id];
        if (!MULTI_DAY_COURSE && s.slots.length > 1 && seats(s) >= 6) [MULTI_DAY_COURSE, MULTI_DAY_SESSION] = [course.id, s.id];
      }
    }
  }
  for (const [name, id] of Object.entries({ COURSE, APPROVAL_COURSE, EXTERNAL_COURSE, FULL_COURSE, MULTI_DAY_COURSE })) {
    if (!id) throw new Error(`The seed data has no course for ${name}`);
  }
}

before(pickCourses);

const CLOSED_PORT_BASE = 'http://127.0.0.1:9/api';

interface StoredEnrolment {
  request: EnrolmentRequest;
  receipt: EnrolmentReceipt;
  privacyNoticeVersion: string;
  idempotencyKey?: string;
}

async function mount(courseId: string, options: { apiBase?: string; sessionId?: string; lang?: string } = {}): Promise<EnrolForm> {
  const el = await fixture<EnrolForm>(html`<enrol-form
    course-id=${courseId}
    session-id=${options.sessionId ?? ''}
    api-base=${options.apiBase ?? API_BASE}
    lang=${options.lang ?? 'fr'}
  ></enrol-form>`);
  await until(() => $(el, 'form, .external, .state.error'), 'the form');
  return el;
}

interface Person {
  givenName: string;
  familyName: string;
  email: string;
  organisation: string;
  jobTitle?: string;
  comment?: string;
}

const person = (name = 'agent'): Person => ({
  givenName: 'Camille',
  familyName: 'Martin',
  email: uniqueEmail(name),
  organisation: 'Direction générale des finances publiques',
  jobTitle: 'Cheffe de projet',
  comment: 'Je souhaite suivre la session en présentiel.',
});

async function fill(el: EnrolForm, who: Person, sessionId?: string): Promise<void> {
  if (sessionId) await choose(el, 'sessionId', sessionId);
  for (const [name, value] of Object.entries(who)) await typeInto(el, name, value);
}

/** Every value is still in its input. */
function expectKept(el: EnrolForm, who: Person, sessionId?: string): void {
  for (const [name, value] of Object.entries(who)) expect(field(el, name).value, name).to.equal(value);
  if (sessionId) {
    const checked = options(el, 'sessionId').find((i) => i.checked);
    expect(checked?.value).to.equal(sessionId);
  }
}

async function icsText(el: EnrolForm): Promise<string> {
  const link = $<HTMLAnchorElement>(el, 'a[download]')!;
  expect(link.href).to.match(/^blob:/);
  expect(link.download).to.match(/\.ics$/);
  return (await fetch(link.href)).text();
}

function veventsOf(text: string) {
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
}

beforeEach(() => {
  freshCache();
  sessionStorage.clear();
});

describe('enrol-form: the happy path', () => {
  it('loads the course, sends one request and shows a receipt that takes focus', async () => {
    const el = await mount(COURSE);
    await expect(el).to.be.accessible();
    const who = person('happy');
    await fill(el, who, SESSION);
    await choose(el, 'accommodationNeeded', 'on');
    await typeInto(el, 'accommodation', 'Des supports imprimés en gros caractères.');

    setTimeout(() => submitButton(el).click());
    const submitted = await oneEvent(el, 'campus-enrol-submit');
    expect(submitted.cancelable).to.equal(true);
    expect(submitted.detail.email).to.equal(who.email);
    const success = await oneEvent(el, 'campus-enrol-success');
    const receipt = await receiptOf(el);
    expect(root(el).activeElement).to.equal(receipt);
    expect(receipt.textContent).to.contain(success.detail.reference);
    expect(success.detail.status).to.equal('submitted');
    await expect(el).to.be.accessible();

    const stored = await records<StoredEnrolment>('enrolments', who.email);
    expect(stored).to.have.length(1);
    const [record] = stored;
    expect(record.request).to.include({
      courseId: COURSE,
      sessionId: SESSION,
      givenName: who.givenName,
      familyName: who.familyName,
      organisation: who.organisation,
      jobTitle: who.jobTitle,
      comment: who.comment,
      accommodation: 'Des supports imprimés en gros caractères.',
    });
    expect(record.request).not.to.have.property('website');
    expect(record.privacyNoticeVersion).to.be.a('string').and.not.equal('');
    expect(record.request.privacyNoticeVersion).to.equal(record.privacyNoticeVersion);
    expect(record.idempotencyKey).to.match(/^[0-9a-f-]{36}$/);
    // The draft is erased on success.
    expect(Object.keys(sessionStorage).filter((k) => k.includes('enrol-form'))).to.have.length(0);
  });

  it('shows the privacy notice as text, with no consent checkbox, and marks required fields', async () => {
    const el = await mount(COURSE);
    const notice = $(el, '[part="privacy-notice"]')!;
    for (const label of ['Responsable du traitement', 'Délégué à la protection des données', 'Finalité', 'Base légale', 'Vos droits']) {
      expect(notice.textContent).to.contain(label);
    }
    const details = notice.querySelector('details')!;
    for (const label of ['Destinataires', 'Durée de conservation', 'Réclamation']) expect(details.textContent).to.contain(label);
    expect(notice.querySelector('input')).to.equal(null);
    expect(root(el).textContent).to.contain('Les champs marqués d’un astérisque (*) sont obligatoires.');
    for (const name of ['givenName', 'familyName', 'email', 'organisation']) expect(field(el, name).required, name).to.equal(true);
    expect(field(el, 'jobTitle').required).to.equal(false);
    // Labels resolve inside the one shadow root, with autocomplete tokens for autofill.
    const tokens: Record<string, string> = {
      givenName: 'given-name',
      familyName: 'family-name',
      email: 'email',
      organisation: 'organization',
      jobTitle: 'organization-title',
    };
    for (const [name, token] of Object.entries(tokens)) {
      const input = field(el, name);
      expect(input.getAttribute('autocomplete'), name).to.equal(token);
      expect(input.labels?.length, name).to.equal(1);
      expect(input.closest('form')).to.exist;
      expect(input.name).to.equal(name);
    }
    // The honeypot: hidden from everyone, out of the tab order, never autofilled.
    const trap = $<HTMLInputElement>(el, '[data-honeypot]')!;
    expect(trap.tabIndex).to.equal(-1);
    expect(trap.autocomplete).to.equal('off');
    expect(trap.closest('[aria-hidden="true"]')).to.exist;
    expect(trap.labels![0].textContent).to.equal('Ne pas remplir');
  });

  it('accepts values put in by autofill (input events only, no focus or blur)', async () => {
    const el = await mount(COURSE, { sessionId: SESSION });
    const who = person('autofill');
    for (const [name, value] of Object.entries(who)) {
      const input = field(el, name);
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    await submit(el);
    await receiptOf(el);
    const [record] = await records<StoredEnrolment>('enrolments', who.email);
    expect(record.request.givenName).to.equal(who.givenName);
    expect(record.request.sessionId).to.equal(SESSION);
  });

  it('keeps the session given by session-id over a draft saved before any session was chosen', async () => {
    const first = await mount(COURSE);
    await typeInto(first, 'givenName', 'Brouillon');
    const key = await until(() => Object.keys(sessionStorage).find((k) => k.includes(`enrol-form:${COURSE}`)), 'the draft');
    await until(() => sessionStorage.getItem(key)!.includes('Brouillon'), 'the typed value in the draft');
    first.remove();
    const el = await mount(COURSE, { sessionId: SESSION });
    await until(() => field(el, 'givenName')?.value === 'Brouillon', 'the draft restored');
    expect(options(el, 'sessionId').find((i) => i.checked)?.value).to.equal(SESSION);
    sessionStorage.removeItem(key);
  });

  it('preselects the session given by session-id', async () => {
    const el = await mount(COURSE, { sessionId: SESSION });
    const checked = options(el, 'sessionId').find((i) => i.checked);
    expect(checked?.value).to.equal(SESSION);
  });
});

describe('enrol-form: validation', () => {
  it('checks a field when it is left, with the error linked to it', async () => {
    const el = await mount(COURSE);
    await typeInto(el, 'email', 'pas-une-adresse');
    const input = field(el, 'email');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const error = describedBy(el, input, '-error')!;
    const errorId = error.id;
    expect(error.textContent).to.match(/^Erreur : Saisissez une adresse électronique valide/);
    await expect(el).to.be.accessible();
    // Corrected, the error goes.
    await typeInto(el, 'email', uniqueEmail());
    expect(field(el, 'email').getAttribute('aria-invalid')).to.equal('false');
    expect(root(el).getElementById(errorId)).to.equal(null);
  });

  it('on submit, shows the summary, focuses it, and its links focus fields without touching the URL', async () => {
    const el = await mount(COURSE);
    const href = location.href;
    const hash = location.hash;
    await typeInto(el, 'givenName', 'Camille');
    await submit(el);
    const summary = await summaryOf(el);
    expect(root(el).activeElement).to.equal(summary);
    expect(summary.getAttribute('tabindex')).to.equal('-1');
    expect(summary.querySelector('h3')!.textContent).to.match(/Le formulaire contient \d+ erreurs/);
    const links = [...summary.querySelectorAll<HTMLAnchorElement>('a')];
    // Session, family name, e-mail, administration: in the order of the form.
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['#f-sessionId', '#f-familyName', '#f-email', '#f-organisation']);
    await expect(el).to.be.accessible();

    links[2].click();
    expect(root(el).activeElement).to.equal(field(el, 'email'));
    expect(location.href).to.equal(href);
    expect(location.hash).to.equal(hash);
    // Pressing Enter on a link does the same.
    links[1].focus();
    await sendKeys({ press: 'Enter' });
    expect(root(el).activeElement).to.equal(field(el, 'familyName'));
    expect(location.hash).to.equal(hash);
    expect(await records('enrolments', 'nobody@example.org')).to.have.length(0);
  });

  it('warns, without blocking, on an e-mail that does not look public', async () => {
    const el = await mount(COURSE, { sessionId: SESSION });
    const who = { ...person(), email: `camille.${Date.now()}@gmail.com` };
    await fill(el, who);
    const input = field(el, 'email');
    expect(input.getAttribute('aria-invalid')).to.equal('false');
    expect(describedBy(el, input, '-warning')!.textContent).to.contain('ne semble pas être celle d’une administration');
    await expect(el).to.be.accessible();
    await submit(el);
    await receiptOf(el);
    expect(await records('enrolments', who.email)).to.have.length(1);
  });

  it('puts the server’s 422 errors on their fields', async () => {
    const el = await mount(COURSE, { sessionId: SESSION });
    const who = person('server-422');
    await fill(el, who);
    const original = window.fetch;
    window.fetch = async (input, init) => {
      if (init?.method === 'POST') {
        return new Response(
          JSON.stringify({
            type: 'validation',
            title: 'Unprocessable',
            status: 422,
            errors: [
              { field: 'organisation', code: 'too_long', message: 'Trop long' },
              { field: 'somethingElse', code: 'weird', message: 'Un souci côté serveur' },
            ],
          }),
          { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
        );
      }
      return original(input, init);
    };
    try {
      setTimeout(() => submitButton(el).click());
      const failed = await oneEvent(el, 'campus-enrol-error');
      expect((failed.detail.error as { status?: number }).status).to.equal(422);
    } finally {
      window.fetch = original;
    }
    const summary = await summaryOf(el);
    await until(() => root(el).activeElement === summary, 'focus on the summary');
    expect(field(el, 'organisation').getAttribute('aria-invalid')).to.equal('true');
    expect(summary.textContent).to.contain('ne doit pas dépasser 200 caractères');
    expect(summary.textContent).to.contain('Un souci côté serveur');
    expectKept(el, who, SESSION);
  });
});

describe('enrol-form: course variants', () => {
  it('asks for the manager’s e-mail only when the course needs approval, and says the request waits for it', async () => {
    const plain = await mount(COURSE);
    expect(field(plain, 'managerEmail')).to.equal(undefined);

    const el = await mount(APPROVAL_COURSE);
    const manager = field(el, 'managerEmail');
    expect(manager.required).to.equal(true);
    const who = person('approval');
    await fill(el, who, APPROVAL_SESSION);
    await submit(el);
    await summaryOf(el);
    expect(field(el, 'managerEmail').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '.error-summary')!.textContent).to.contain('cette formation demande son accord');

    await typeInto(el, 'managerEmail', 'responsable@finances.gouv.fr');
    await submit(el);
    const receipt = await receiptOf(el);
    expect(receipt.querySelector('.status')!.textContent).to.contain('En attente de l’accord de votre responsable');
    expect(receipt.textContent).to.contain('responsable@finances.gouv.fr');
    await expect(el).to.be.accessible();
    const [record] = await records<StoredEnrolment>('enrolments', who.email);
    expect(record.request.managerEmail).to.equal('responsable@finances.gouv.fr');
    expect(record.receipt.status).to.equal('pending_manager');
    expect(veventsOf(await icsText(el)).every((e) => e.getFirstPropertyValue('status') === 'TENTATIVE')).to.equal(true);
  });

  it('offers a full session as a waiting list, and the calendar marks it tentative', async () => {
    const el = await mount(FULL_COURSE);
    const option = field(el, 'sessionId');
    const full = options(el, 'sessionId').find((i) => i.value === FULL_SESSION)!;
    expect(option).to.exist;
    expect(full.labels![0].textContent).to.contain('liste d’attente');
    const who = person('waitlist');
    await fill(el, who, FULL_SESSION);
    await submit(el);
    const receipt = await receiptOf(el);
    expect(receipt.querySelector('.status')!.textContent).to.contain('Sur liste d’attente');
    expect(receipt.textContent).to.contain('liste d’attente');
    const events = veventsOf(await icsText(el));
    expect(events.length).to.be.greaterThan(0);
    for (const event of events) expect(event.getFirstPropertyValue('status')).to.equal('TENTATIVE');
    const [record] = await records<StoredEnrolment>('enrolments', who.email);
    expect(record.receipt.status).to.equal('waitlisted');
  });

  it('writes the .ics location once: the city is not repeated after an address that holds it', async () => {
    const original = window.fetch;
    const place = { name: 'Préfecture de région – salle de formation', address: 'Place Félix Baret, 13006 Marseille', city: 'Marseille', country: 'FR' };
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const response = await original.call(window, input, init);
      if (!url.endsWith(`/v1/courses/${encodeURIComponent(COURSE)}/sessions`)) return response;
      const body = (await response.json()) as { items: Session[] };
      const items = body.items.map((s) => ({ ...s, online: false, location: place }));
      return new Response(JSON.stringify({ items }), { headers: { 'Content-Type': 'application/json' } });
    };
    try {
      const el = await mount(COURSE, { sessionId: SESSION });
      el.showReceipt({ reference: 'CNP-LIEU-1', status: 'submitted', courseId: COURSE, sessionId: SESSION, createdAt: new Date().toISOString() });
      await receiptOf(el);
      const [event] = veventsOf(await icsText(el));
      expect(event.getFirstPropertyValue('location')).to.equal('Préfecture de région – salle de formation, Place Félix Baret, 13006 Marseille');
    } finally {
      window.fetch = original;
    }
  });

  it('shows every day of a multi-day session, and the .ics is one event (one UID) whose days expand to the session’s, in UTC', async () => {
    const el = await mount(MULTI_DAY_COURSE);
    const option = options(el, 'sessionId').find((i) => i.value === MULTI_DAY_SESSION)!;
    const days = option.labels![0].querySelectorAll('.day');
    expect(days.length).to.be.greaterThan(1);
    const who = person('multiday');
    await fill(el, who, MULTI_DAY_SESSION);
    await submit(el);
    const receipt = await receiptOf(el);
    const success = receipt.querySelector('.reference')!.textContent!.trim();
    const text = await icsText(el);
    expect(text).to.contain('\r\n');
    expect(text.replace(/\r\n/g, '')).not.to.match(/\n/);
    const events = veventsOf(text);
    expect(events).to.have.length(days.length);
    const uids = new Set<string>();
    for (const event of events) {
      uids.add(String(event.getFirstPropertyValue('uid')));
      expect(String(event.getFirstPropertyValue('uid'))).to.contain(success);
      for (const name of ['dtstamp', 'dtstart', 'dtend']) {
        const time = event.getFirstPropertyValue(name) as ICAL.Time;
        expect(time, name).to.exist;
        expect(time.zone?.tzid, name).to.equal('UTC');
      }
      expect(['CONFIRMED', 'TENTATIVE']).to.include(event.getFirstPropertyValue('status'));
      expect(event.getFirstPropertyValue('summary')).to.be.a('string').and.not.equal('');
    }
    expect(uids.size).to.equal(1, 'one UID: the days are occurrences of one event');
    expect(events.slice(1).every((e) => e.getFirstPropertyValue('recurrence-id'))).to.equal(true);
    expect(text).to.match(/^DTSTART:\d{8}T\d{6}Z\r$/m);
    const master = new ICAL.Event(events[0]);
    for (const override of events.slice(1)) master.relateException(override);
    const expanded: string[] = [];
    const iterator = master.iterator();
    for (let next = iterator.next(); next && expanded.length < 50; next = iterator.next()) expanded.push(master.getOccurrenceDetails(next).startDate.toJSDate().toISOString());
    const { items } = (await (await fetch(`${API_BASE}/v1/courses/${encodeURIComponent(MULTI_DAY_COURSE)}/sessions`)).json()) as { items: Session[] };
    const session = items.find((s) => s.id === MULTI_DAY_SESSION)!;
    expect(expanded).to.deep.equal(session.slots.map((s) => new Date(s.start).toISOString()));
  });

  it('says so, instead of a form, when no session of the course takes requests', async () => {
    const original = window.fetch;
    window.fetch = async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!url.endsWith('/sessions')) return original(input, init);
      const response = await original(input, init);
      const body = (await response.json()) as { items: Session[] };
      const closed = body.items.map((s) => ({ ...s, status: 'closed' }));
      return new Response(JSON.stringify({ items: closed }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    };
    try {
      const el = await fixture<EnrolForm>(html`<enrol-form course-id=${COURSE} api-base=${API_BASE}></enrol-form>`);
      const note = await until(() => $(el, '[part="no-session"]'), 'the note');
      expect(note.textContent).to.contain('Aucune session de cette formation n’est ouverte');
      expect($(el, 'form [data-field]'), 'no enrolment form (the alert offer may be there)').to.equal(null);
      await expect(el).to.be.accessible();
    } finally {
      window.fetch = original;
    }
  });

  it('shows the external link instead of a form for an external course', async () => {
    const el = await mount(EXTERNAL_COURSE);
    expect($(el, 'form')).to.equal(null);
    const link = $<HTMLAnchorElement>(el, '[part="external"] a')!;
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.contain('noopener');
    expect(link.textContent).to.contain(new URL(link.href).hostname.replace(/^www\./, ''));
    expect(link.textContent).to.contain('nouvelle fenêtre');
    await expect(el).to.be.accessible();
  });
});

describe('enrol-form: failures keep every value and a retry records exactly one', () => {
  const cases: { name: string; faults: (key: string) => string; auto?: boolean }[] = [
    { name: 'a 500', faults: (k) => `status=500,only=enrolments,times=1,key=${k}` },
    { name: 'a 503 with Retry-After, retried by the client until it gives up', faults: (k) => `status=503,retry-after=1,only=enrolments,times=3,key=${k}` },
    { name: 'a 429', faults: (k) => `status=429,only=enrolments,times=3,key=${k}` },
    { name: 'a malformed answer (the request was recorded)', faults: (k) => `malformed,only=enrolments,times=1,key=${k}` },
  ];
  for (const c of cases) {
    it(`after ${c.name}`, async () => {
      const key = `${c.name.length}-${Math.random().toString(36).slice(2)}`;
      const el = await mount(COURSE, { apiBase: faultBase(c.faults(key)) });
      const who = person('fault');
      await fill(el, who, SESSION);
      setTimeout(() => submitButton(el).click());
      await oneEvent(el, 'campus-enrol-error');
      const error = await sendErrorOf(el);
      expect(error.getAttribute('role')).to.equal('alert');
      expectKept(el, who, SESSION);
      await expect(el).to.be.accessible();
      error.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
      await receiptOf(el);
      const stored = await records<StoredEnrolment>('enrolments', who.email);
      expect(stored).to.have.length(1);
    });
  }

  it('keeps one Idempotency-Key through every retry, and takes a new one when a value changes', async () => {
    const el = await mount(COURSE, { apiBase: faultBase(`status=500,only=enrolments,times=2,key=idem-${Math.random()}`) });
    const who = person('idempotency');
    await fill(el, who, SESSION);
    const keys: string[] = [];
    const original = window.fetch;
    window.fetch = (input, init) => {
      if (init?.method === 'POST') keys.push(new Headers(init.headers).get('Idempotency-Key') ?? '');
      return original(input, init);
    };
    try {
      await submit(el);
      const error = await sendErrorOf(el);
      setTimeout(() => error.querySelector<HTMLButtonElement>('[part="retry"]')!.click());
      await oneEvent(el, 'campus-enrol-error');
      await sendErrorOf(el);
      expect(keys[1]).to.equal(keys[0]);
      // Another payload is another request: a new key.
      await typeInto(el, 'comment', 'Finalement, un autre commentaire.');
      await submit(el);
      await receiptOf(el);
    } finally {
      window.fetch = original;
    }
    expect(keys).to.have.length(3);
    expect(keys[0]).to.match(/^[0-9a-f-]{36}$/);
    expect(keys[2]).not.to.equal(keys[0]);
    const [record] = await records<StoredEnrolment>('enrolments', who.email);
    expect(record.idempotencyKey).to.equal(keys[2]);
    expect(record.request.comment).to.equal('Finalement, un autre commentaire.');
  });

  it('after a 503 the client retries by itself (Retry-After) and records once', async () => {
    const el = await mount(COURSE, { apiBase: faultBase(`status=503,retry-after=1,only=enrolments,times=1,key=auto-${Math.random()}`) });
    const who = person('auto-retry');
    await fill(el, who, SESSION);
    await submit(el);
    await receiptOf(el);
    expect($(el, '[part="send-error"]')).to.equal(null);
    expect(await records('enrolments', who.email)).to.have.length(1);
  });

  it('after a timeout (no answer), with the same Idempotency-Key on the retry', async () => {
    const el = await mount(COURSE, { apiBase: faultBase(`hang,only=enrolments,times=1,key=hang-${Math.random()}`) });
    el.timeout = 400;
    const who = person('timeout');
    await fill(el, who, SESSION);
    await submit(el);
    const error = await sendErrorOf(el);
    expect(error.textContent).to.contain('met trop de temps à répondre');
    expectKept(el, who, SESSION);
    el.timeout = 10000;
    error.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
    await receiptOf(el);
    expect(await records('enrolments', who.email)).to.have.length(1);
  });

  it('when the API cannot be reached, then can again', async () => {
    const el = await mount(COURSE);
    const who = person('offline');
    await fill(el, who, SESSION);
    el.apiBase = CLOSED_PORT_BASE;
    await submit(el);
    const error = await sendErrorOf(el);
    expect(error.textContent).to.contain('injoignable');
    expectKept(el, who, SESSION);
    el.apiBase = API_BASE;
    await el.updateComplete;
    error.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
    await receiptOf(el);
    expect(await records('enrolments', who.email)).to.have.length(1);
  });

  it('shows a loading error with a retry when the course cannot be loaded', async () => {
    const el = await mount(COURSE, { apiBase: CLOSED_PORT_BASE });
    const error = await until(() => $(el, '.state.error'), 'the loading error', 12000);
    expect(error.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
    el.apiBase = API_BASE;
    await until(() => $(el, 'form'), 'the form after the new API root');
  });

  it('shows the loading state while the course loads', async () => {
    const el = await fixture<EnrolForm>(html`<enrol-form course-id=${COURSE} api-base=${faultBase('hang,only=courses')}></enrol-form>`);
    await el.updateComplete;
    expect($(el, '[part="loading"]')).to.exist;
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('a double click sends one request; the button says it is busy meanwhile', async () => {
    const el = await mount(COURSE, { apiBase: faultBase(`delay=600,only=enrolments,times=1,key=dbl-${Math.random()}`) });
    const who = person('double');
    await fill(el, who, SESSION);
    const button = submitButton(el);
    button.click();
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.textContent).to.contain('Envoi en cours');
    button.click();
    await expect(el).to.be.accessible();
    await receiptOf(el);
    expect(await records('enrolments', who.email)).to.have.length(1);
  });

  it('keeps every value when the language changes', async () => {
    const el = await mount(COURSE);
    const who = person('locale');
    await fill(el, who, SESSION);
    el.lang = 'en';
    await until(() => submitButton(el).textContent!.includes('Send my enrolment request'), 'English');
    expectKept(el, who, SESSION);
    el.lang = 'fr-CA';
    await until(() => root(el).textContent!.includes('Courriel professionnel'), 'Québec French');
    expectKept(el, who, SESSION);
    await expect(el).to.be.accessible();
  });
});

describe('enrol-form: draft', () => {
  it('restores the draft after a reload with a notice, and "Recommencer" erases it', async () => {
    const first = await mount(COURSE);
    const who = person('draft');
    await fill(first, who, SESSION);
    fillHoneypot(first);
    const key = await until(() => Object.keys(sessionStorage).find((k) => k.includes(`enrol-form:${COURSE}`)), 'the draft');
    await until(() => sessionStorage.getItem(key)!.includes(who.comment!), 'the whole draft');
    expect(sessionStorage.getItem(key)).not.to.contain('spam.example');
    first.remove();

    const el = await mount(COURSE);
    expectKept(el, who, SESSION);
    const notice = $(el, '[part="draft-notice"]')!;
    expect(notice.textContent).to.contain('Nous avons retrouvé les informations');
    await expect(el).to.be.accessible();
    notice.querySelector<HTMLButtonElement>('button')!.click();
    await el.updateComplete;
    await until(() => !$(el, '[part="draft-notice"]'), 'the notice gone');
    expect(field(el, 'givenName').value).to.equal('');
    expect(field(el, 'email').value).to.equal('');
    expect(sessionStorage.getItem(key)).to.equal(null);
    expect(root(el).activeElement).to.equal(field(el, 'sessionId'));
  });
});

describe('enrol-form: events and host', () => {
  it('lets a host that cancels campus-enrol-submit take over the sending', async () => {
    const el = await mount(COURSE, { sessionId: SESSION });
    const who = person('host');
    await fill(el, who);
    let request: EnrolmentRequest | undefined;
    el.addEventListener('campus-enrol-submit', (e) => {
      e.preventDefault();
      request = e.detail;
    });
    await submit(el);
    expect(request?.email).to.equal(who.email);
    expect(request?.privacyNoticeVersion).to.be.a('string');
    expect($(el, '.receipt')).to.equal(null);
    expect(await records('enrolments', who.email)).to.have.length(0);
    setTimeout(() =>
      el.showReceipt({ reference: 'HOST-1', status: 'submitted', courseId: COURSE, sessionId: SESSION, createdAt: new Date().toISOString() }),
    );
    const success = await oneEvent(el, 'campus-enrol-success');
    expect(success.detail.reference).to.equal('HOST-1');
    expect((await receiptOf(el)).textContent).to.contain('HOST-1');
  });

  it('answers a filled-in honeypot like any request, and the server stores nothing', async () => {
    const el = await mount(COURSE, { sessionId: SESSION });
    const who = person('bot');
    await fill(el, who);
    fillHoneypot(el);
    await submit(el);
    await receiptOf(el);
    expect(await records('enrolments', who.email)).to.have.length(0);
  });
});

describe('enrol-form: embedded whole by another widget', () => {
  it('takes the client and the reference data its embedder gives through context', async () => {
    // A host element that provides them, as <course-detail> does, with labels of its own.
    const { course, session } = await requestableCourse();
    expect(session.mode, 'a session with a mode').to.be.a('string');
    const real = await loadReference(clientFor(API_BASE));
    const modes = real.vocabularies.modes.map((m) => ({ ...m, label: `Mode fourni ${m.id}` }));
    const given = new Reference({ ...real.vocabularies, modes }, real.expertises, real.audiences, real.organisations);
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    new ContextProvider(host, { context: clientContext, initialValue: clientFor(API_BASE) });
    new ContextProvider(host, { context: referenceContext, initialValue: given });
    const root = host.attachShadow({ mode: 'open' });
    const el = document.createElement('enrol-form') as EnrolForm;
    el.setAttribute('course-id', course.id);
    root.append(el);
    await until(() => field(el, 'sessionId') ?? field(el, 'givenName'), 'the form');
    // No api-base of its own: the embedder's client.
    expect(el.resolvedApiBase).to.equal(API_BASE);
    expect(text(el.shadowRoot!)).to.contain(`Mode fourni ${session.mode}`);
  });
});

describe('enrol-form: keyboard only', () => {
  it('is filled in and sent with real key presses', async () => {
    const el = await mount(COURSE);
    const who = person('keyboard');
    // Into the widget from the page.
    field(el, 'sessionId').focus();
    const target = options(el, 'sessionId').findIndex((i) => i.value === SESSION);
    for (let i = 0; i < target; i++) await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: ' ' });
    const typed: [string, string][] = [
      ['givenName', who.givenName],
      ['familyName', who.familyName],
      ['email', who.email],
      ['organisation', who.organisation],
    ];
    for (const [name, value] of typed) {
      await tabTo(el, (active) => (active as HTMLInputElement | null)?.dataset?.field === name, sendKeys);
      await sendKeys({ type: value });
    }
    await tabTo(el, (active) => active === submitButton(el), sendKeys);
    await sendKeys({ press: 'Enter' });
    const receipt = await receiptOf(el);
    await until(() => root(el).activeElement === receipt, 'focus on the receipt');
    const [record] = await records<StoredEnrolment>('enrolments', who.email);
    expect(record.request).to.include({ sessionId: SESSION, givenName: who.givenName, organisation: who.organisation });
  });
});

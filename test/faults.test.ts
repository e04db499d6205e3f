/**
 * Faults, for every widget: the API unreachable, a 500, a 503 with Retry-After
 * (retried by the client, then given up), a 429, a timeout, a slow answer and a
 * malformed one. Each gives a clear state with the right words, a retry that
 * works, no unhandled rejection, and, for the forms, no lost value.
 *
 * Faults come from the reference server's test mode (`faultBase()`): `times=N,key=K`
 * makes a fault happen N times only, so the retry that follows succeeds.
 * `only=<segment>` aims it at one kind of request (`courses`, `enrolments`…).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import { CampusClient } from '../src/api/client.js';
import { isAbort } from '../src/api/errors.js';
import { configure, resetConfig } from '../src/core/config.js';
import type { EnrolForm } from '../src/enrol-form/enrol-form.js';
import type { TrainerSignup } from '../src/trainer-signup/trainer-signup.js';
import { choose, field, options, receiptOf, submitButton, typeInto } from './form-helpers.js';
import { API_BASE, faultBase, freshCache, q, requestableCourse, sr, text, unique, uniqueEmail, until } from './helpers.js';

const CLOSED_BASE = 'http://127.0.0.1:9/api';

const MESSAGES = {
  network: 'Le service du Campus du numérique public est injoignable.',
  timeout: 'Le service du Campus du numérique public met trop de temps à répondre.',
  server: 'Le service du Campus du numérique public rencontre un problème.',
  busy: 'Le service du Campus du numérique public est très sollicité.',
  invalid: 'Le service a envoyé une réponse illisible.',
  sendFailed: 'Votre demande n’a pas pu être envoyée. Les informations saisies sont conservées.',
};

// ------------------------------------------------------------ the seed's courses

let COURSE = '';
let SESSION = '';
async function pickCourse(): Promise<void> {
  if (COURSE) return;
  const { course, session } = await requestableCourse();
  [COURSE, SESSION] = [course.id, session.id];
}

// ------------------------------------------------------------ unhandled rejections

let rejections: unknown[] = [];
const onRejection = (event: PromiseRejectionEvent) => rejections.push(event.reason);

/** A test that also fails on any unhandled rejection while it runs (and shortly after). */
function faultIt(name: string, body: () => Promise<void>): void {
  it(name, async () => {
    rejections = [];
    window.addEventListener('unhandledrejection', onRejection);
    try {
      await body();
      // Rejections are reported after the microtask queue drains: give them a moment.
      await new Promise((r) => setTimeout(r, 100));
      expect(rejections.map(String), 'unhandled rejections').to.deep.equal([]);
    } finally {
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });
}

/**
 * "The network is back" for an element whose api-base is the closed port:
 * fetches to it go to the reference server from then on. Restored after each test.
 */
const realFetch = window.fetch;
let networkBack = false;
function reroute(): void {
  networkBack = false;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (networkBack && url.startsWith(CLOSED_BASE)) return realFetch.call(window, API_BASE + url.slice(CLOSED_BASE.length), init);
    return realFetch.call(window, input, init);
  };
}

beforeEach(() => {
  freshCache();
  sessionStorage.clear();
});
afterEach(() => {
  window.fetch = realFetch;
  resetConfig();
});

// ------------------------------------------------------------ the widgets that read

interface Reader {
  name: string;
  mount: (base: string) => Promise<HTMLElement>;
  /** The path segment its failing request has (for `only=`). */
  only: string;
  /** How many requests carry that segment (course-detail asks for the course and its sessions). */
  requests: number;
  content: (el: HTMLElement) => Element | null;
  loading: (el: HTMLElement) => boolean;
}

const READERS: Reader[] = [
  {
    name: 'catalogue-list',
    mount: (base) => fixture(html`<catalogue-list api-base=${base}></catalogue-list>`),
    only: 'courses',
    requests: 1,
    content: (el) => q(el, '[part="list"]'),
    loading: (el) => q(el, '[part="results"]')?.getAttribute('aria-busy') === 'true' && text(q(el, '[part="count"]')) === 'Chargement des formations…',
  },
  {
    name: 'course-card (course-id)',
    mount: (base) => fixture(html`<course-card course-id=${COURSE} api-base=${base}></course-card>`),
    only: 'courses',
    requests: 1,
    content: (el) => q(el, '[part="card"]:not(.loading) [part="title"]'),
    loading: (el) => Boolean(q(el, '.card.loading[aria-busy="true"]')) && text(q(el, '.visually-hidden')) === 'Chargement…',
  },
  {
    name: 'course-detail',
    mount: (base) => fixture(html`<course-detail course-id=${COURSE} api-base=${base}></course-detail>`),
    only: 'courses',
    requests: 2,
    content: (el) => q(el, '[part="course"] [part="sessions"]'),
    loading: (el) => Boolean(q(el, '.loading [role="status"]')) && Boolean(q(el, '[part="skeleton"]')),
  },
  {
    name: 'enrol-form (loading)',
    mount: (base) => fixture(html`<enrol-form course-id=${COURSE} api-base=${base}></enrol-form>`),
    only: 'courses',
    requests: 1,
    content: (el) => q(el, 'form [data-field="givenName"]'),
    loading: (el) => text(q(el, '[part="loading"]')).startsWith('Chargement…'),
  },
  {
    name: 'trainer-signup (loading)',
    mount: (base) => fixture(html`<trainer-signup api-base=${base}></trainer-signup>`),
    only: 'privacy-notices',
    requests: 1,
    content: (el) => q(el, 'form [data-field="givenName"]'),
    loading: (el) => text(q(el, '[part="loading"]')).startsWith('Chargement…'),
  },
];

const errorOf = (el: HTMLElement) => q(el, '[part="error"]');

/** Waits for the error state, checks its words, its alert role and its retry button. */
async function expectError(el: HTMLElement, reader: Reader, message: string): Promise<HTMLButtonElement> {
  const error = await until(() => errorOf(el) ?? (reader.content(el) ? 'content' : null), 'the error state', 20000);
  expect(error, `${reader.name}: an error, not content`).to.not.equal('content');
  const block = error as HTMLElement;
  expect(block.getAttribute('role')).to.equal('alert');
  expect(text(block)).to.contain(message);
  expect(reader.content(el), 'no content with the error').to.equal(null);
  const retry = block.querySelector<HTMLButtonElement>('[part="retry"]');
  expect(retry, 'a retry button').to.exist;
  expect(text(retry)).to.equal('Réessayer');
  return retry!;
}

async function retryShowsContent(el: HTMLElement, reader: Reader, retry: HTMLButtonElement): Promise<void> {
  retry.click();
  await until(() => reader.content(el), `${reader.name}: the content after the retry`, 20000);
  expect(errorOf(el)).to.equal(null);
}

describe('faults: the widgets that read', function () {
  this.timeout(60000);
  before(pickCourse);

  for (const reader of READERS) {
    describe(reader.name, () => {
      const once = (fault: string, n = reader.requests) => faultBase(`${fault},only=${reader.only},times=${n},key=${unique()}`);

      faultIt('API unreachable: says so, and the retry works once the network is back', async () => {
        reroute();
        const el = await reader.mount(CLOSED_BASE);
        const retry = await expectError(el, reader, MESSAGES.network);
        networkBack = true;
        await retryShowsContent(el, reader, retry);
      });

      faultIt('500: says the service has a problem; the retry works', async () => {
        const el = await reader.mount(once('status=500'));
        await retryShowsContent(el, reader, await expectError(el, reader, MESSAGES.server));
      });

      faultIt('503 with Retry-After, twice: the client retries by itself and the content shows', async () => {
        const errors: Event[] = [];
        const el = await reader.mount(once('status=503,retry-after=1', 2 * reader.requests));
        el.addEventListener('campus-error', (e) => errors.push(e));
        await until(() => reader.content(el), 'the content after two automatic retries', 20000);
        expect(errorOf(el)).to.equal(null);
        expect(errors).to.have.length(0);
      });

      faultIt('503 with Retry-After, three times: says the service is busy; the retry works', async () => {
        const el = await reader.mount(once('status=503,retry-after=1', 3 * reader.requests));
        await retryShowsContent(el, reader, await expectError(el, reader, MESSAGES.busy));
      });

      faultIt('429 (Retry-After 2 s), three times: says the service is busy; the retry works', async () => {
        const el = await reader.mount(once('status=429,retry-after=2', 3 * reader.requests));
        await retryShowsContent(el, reader, await expectError(el, reader, MESSAGES.busy));
      });

      faultIt('timeout (no answer): says the service takes too long; the retry works', async () => {
        // A page-level timeout (configure), so a hung answer fails in 1.5 s rather than 15.
        configure({ timeout: 1500 });
        const el = await reader.mount(once('hang'));
        await retryShowsContent(el, reader, await expectError(el, reader, MESSAGES.timeout));
      });

      faultIt('a slow answer (3 s): a loading state, then the content', async () => {
        const el = await reader.mount(faultBase(`delay=3000,only=${reader.only},key=${unique()}`));
        await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
        expect(reader.loading(el), 'the loading state').to.equal(true);
        await until(() => reader.content(el), 'the content', 20000);
        expect(errorOf(el)).to.equal(null);
      });

      faultIt('a malformed answer: says it is unreadable; the retry works', async () => {
        const el = await reader.mount(once('malformed'));
        await retryShowsContent(el, reader, await expectError(el, reader, MESSAGES.invalid));
      });
    });
  }
});

describe('faults: the shared client', () => {
  faultIt('a caller arriving while a shared request is being aborted gets a new request, not the abort', async () => {
    // The request every user left is aborted but stays shared until it settles: a retry made at
    // that moment used to join it, get the abort, and leave its widget loading for ever.
    const client = new CampusClient(faultBase(`delay=1000,key=${unique()}`));
    const first = new AbortController();
    const left = client.vocabularies({ signal: first.signal });
    first.abort();
    await left.then(
      () => expect.fail('the first caller left'),
      (error: unknown) => expect(isAbort(error)).to.equal(true),
    );
    const again = await client.vocabularies();
    expect(again.kinds.length).to.be.greaterThan(0);
  });
});

// ------------------------------------------------------------ the forms, on submit

interface Sender {
  name: string;
  only: string;
  mount: (base: string, timeout?: number) => Promise<HTMLElement & { updateComplete: Promise<unknown> }>;
  /** Fills every field as a person would; returns what must stay. */
  fill: (el: HTMLElement) => Promise<() => void>;
}

async function formReady(el: HTMLElement): Promise<void> {
  await until(() => q(el, 'form [data-field="givenName"]'), 'the form', 15000);
}

const SENDERS: Sender[] = [
  {
    name: 'enrol-form',
    only: 'enrolments',
    mount: async (base, timeout) => {
      const el = await fixture<EnrolForm>(html`<enrol-form course-id=${COURSE} api-base=${base} timeout=${timeout ?? 10000}></enrol-form>`);
      await formReady(el);
      return el;
    },
    fill: async (el) => {
      const form = el as EnrolForm;
      const values: Record<string, string> = {
        givenName: 'Camille',
        familyName: 'Martin',
        email: uniqueEmail('faults'),
        organisation: 'Direction générale des finances publiques',
        jobTitle: 'Cheffe de projet',
        comment: 'Un commentaire qui doit survivre à la panne.',
      };
      if (options(form, 'sessionId').length) await choose(form, 'sessionId', SESSION);
      for (const [name, value] of Object.entries(values)) await typeInto(form, name, value);
      return () => {
        for (const [name, value] of Object.entries(values)) expect(field(form, name).value, name).to.equal(value);
        if (options(form, 'sessionId').length) expect(options(form, 'sessionId').find((i) => i.checked)?.value).to.equal(SESSION);
      };
    },
  },
  {
    name: 'trainer-signup',
    only: 'trainer-applications',
    mount: async (base, timeout) => {
      const el = await fixture<TrainerSignup>(html`<trainer-signup api-base=${base} timeout=${timeout ?? 10000}></trainer-signup>`);
      await formReady(el);
      return el;
    },
    fill: async (el) => {
      const form = el as TrainerSignup;
      const values: Record<string, string> = {
        givenName: 'Alex',
        familyName: 'Dupont',
        email: uniqueEmail('faults-trainer'),
        organisation: 'Direction interministérielle du numérique',
        jobTitle: 'Coach produit',
        availability: '2 jours par trimestre',
      };
      for (const [name, value] of Object.entries(values)) await typeInto(form, name, value);
      await choose(form, 'status', 'agent-interne');
      await choose(form, 'skills', 'coaching-produit');
      await choose(form, 'intent', 'idea');
      return () => {
        for (const [name, value] of Object.entries(values)) expect(field(form, name).value, name).to.equal(value);
        expect(options(form, 'status').find((i) => i.checked)?.value).to.equal('agent-interne');
        expect(options(form, 'skills').filter((i) => i.checked).map((i) => i.value)).to.deep.equal(['coaching-produit']);
        expect(options(form, 'intent').find((i) => i.checked)?.value).to.equal('idea');
      };
    },
  },
];

const sendErrorOf = (el: HTMLElement) => q(el, '[part="send-error"]');

async function expectSendError(el: HTMLElement, message: string, kept: () => void): Promise<HTMLButtonElement> {
  const error = await until(() => sendErrorOf(el) ?? q(el, '.receipt'), 'the sending error', 20000);
  expect(error.classList.contains('receipt'), 'an error, not a receipt').to.equal(false);
  expect(error.getAttribute('role')).to.equal('alert');
  expect(text(error)).to.contain(MESSAGES.sendFailed).and.to.contain(message);
  kept();
  expect(submitButton(el as EnrolForm).getAttribute('aria-disabled')).to.equal('false');
  const retry = error.querySelector<HTMLButtonElement>('[part="retry"]');
  expect(retry, 'a retry button').to.exist;
  return retry!;
}

async function retrySends(el: HTMLElement, retry: HTMLButtonElement): Promise<void> {
  retry.click();
  const receipt = await receiptOf(el as EnrolForm);
  expect(text(receipt)).to.match(/\S/);
  expect(sendErrorOf(el)).to.equal(null);
}

describe('faults: the forms, on submit', function () {
  this.timeout(60000);
  before(pickCourse);

  for (const sender of SENDERS) {
    describe(sender.name, () => {
      const once = (fault: string, n = 1) => faultBase(`${fault},only=${sender.only},times=${n},key=${unique()}`);
      const send = (el: HTMLElement) => submitButton(el as EnrolForm).click();

      faultIt('API unreachable: says so, keeps every value, and the retry sends once the network is back', async () => {
        reroute();
        const el = await sender.mount(API_BASE);
        const kept = await sender.fill(el);
        (el as EnrolForm).apiBase = CLOSED_BASE;
        await el.updateComplete;
        send(el);
        const retry = await expectSendError(el, MESSAGES.network, kept);
        networkBack = true;
        await retrySends(el, retry);
      });

      faultIt('500: says so, keeps every value; the retry sends', async () => {
        const el = await sender.mount(once('status=500'));
        const kept = await sender.fill(el);
        send(el);
        await retrySends(el, await expectSendError(el, MESSAGES.server, kept));
      });

      faultIt('503 with Retry-After, twice: the client retries by itself and the receipt shows', async () => {
        const el = await sender.mount(once('status=503,retry-after=1', 2));
        await sender.fill(el);
        send(el);
        const receipt = await until(() => q(el, '.receipt') ?? sendErrorOf(el), 'the receipt', 20000);
        expect(receipt.classList.contains('receipt')).to.equal(true);
      });

      faultIt('503 with Retry-After, three times: says the service is busy, keeps every value; the retry sends', async () => {
        const el = await sender.mount(once('status=503,retry-after=1', 3));
        const kept = await sender.fill(el);
        send(el);
        await retrySends(el, await expectSendError(el, MESSAGES.busy, kept));
      });

      faultIt('429 (Retry-After 2 s), three times: says the service is busy, keeps every value; the retry sends', async () => {
        const el = await sender.mount(once('status=429,retry-after=2', 3));
        const kept = await sender.fill(el);
        send(el);
        await retrySends(el, await expectSendError(el, MESSAGES.busy, kept));
      });

      faultIt('timeout (the `timeout` attribute): says it takes too long, keeps every value; the retry sends', async () => {
        const el = await sender.mount(once('hang'), 800);
        const kept = await sender.fill(el);
        send(el);
        const retry = await expectSendError(el, MESSAGES.timeout, kept);
        (el as EnrolForm).timeout = 10000;
        await retrySends(el, retry);
      });

      faultIt('a slow answer (3 s): the button and the live region say it is sending, then the receipt', async () => {
        const el = await sender.mount(faultBase(`delay=3000,only=${sender.only},key=${unique()}`));
        await sender.fill(el);
        // The form's live region: a direct child of its shadow root, there in every state.
        const live = [...sr(el).children].find((c) => c.getAttribute('role') === 'status')!;
        expect(live, 'the live region').to.exist;
        send(el);
        await el.updateComplete;
        expect(submitButton(el as EnrolForm).getAttribute('aria-disabled')).to.equal('true');
        expect(text(submitButton(el as EnrolForm))).to.equal('Envoi en cours…');
        expect(live.isConnected).to.equal(true);
        expect(text(live)).to.equal('Envoi de votre demande en cours, veuillez patienter.');
        await receiptOf(el as EnrolForm);
        expect(text(live)).to.equal('Votre demande a été envoyée.');
      });

      faultIt('a malformed answer: says it is unreadable, keeps every value; the retry gets the receipt', async () => {
        const el = await sender.mount(once('malformed'));
        const kept = await sender.fill(el);
        send(el);
        await retrySends(el, await expectSendError(el, MESSAGES.invalid, kept));
      });
    });
  }
});

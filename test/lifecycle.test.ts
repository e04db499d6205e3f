/**
 * Lifecycle: a widget removed while it waits for the API aborts its requests,
 * and 500 mount/unmount cycles of every widget leave nothing behind.
 *
 * In Chromium the DOM node, event-listener and JS heap counters are read
 * through the Chrome DevTools Protocol (scripts/wtr-cdp.mjs, after a forced
 * garbage collection). Firefox, driven over WebDriver BiDi, has no CDP: there
 * the same cycles are checked with what a page can observe itself — no node
 * left in the document, no listener left on window or document (counted by
 * wrapping addEventListener/removeEventListener). Both checks run in Chromium.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/define.js';
import { API_BASE, faultBase, freshCache, requestableCourse, unique, until } from './helpers.js';
import { choose, field, options, submitButton, typeInto } from './form-helpers.js';
import type { EnrolForm } from '../src/enrol-form/enrol-form.js';

/** A course that takes requests through the campus, with a session open to them. */
let REQUEST_COURSE = '';
let REQUEST_SESSION = '';
async function pickCourse(): Promise<void> {
  if (REQUEST_COURSE) return;
  const { course, session } = await requestableCourse();
  [REQUEST_COURSE, REQUEST_SESSION] = [course.id, session.id];
}

interface Watched {
  url: string;
  method: string;
  signal?: AbortSignal;
}

/** Wraps fetch to keep each request's signal; restored by the returned function. */
function watchFetch(): { calls: Watched[]; restore: () => void } {
  const original = window.fetch;
  const calls: Watched[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    calls.push({ url, method: init?.method ?? 'GET', signal: init?.signal ?? undefined });
    return original.call(window, input, init);
  };
  return { calls, restore: () => void (window.fetch = original) };
}

beforeEach(() => {
  freshCache();
  sessionStorage.clear();
});

describe('lifecycle: a widget removed mid-request aborts it', function () {
  this.timeout(30000);
  before(pickCourse);

  const cases: { name: string; markup: (base: string) => string }[] = [
    { name: 'catalogue-list', markup: (b) => `<catalogue-list api-base="${b}"></catalogue-list>` },
    { name: 'course-card (course-id)', markup: (b) => `<course-card course-id="${REQUEST_COURSE}" api-base="${b}"></course-card>` },
    { name: 'course-detail', markup: (b) => `<course-detail course-id="${REQUEST_COURSE}" api-base="${b}"></course-detail>` },
    { name: 'enrol-form (loading)', markup: (b) => `<enrol-form course-id="${REQUEST_COURSE}" api-base="${b}"></enrol-form>` },
    { name: 'trainer-signup (loading)', markup: (b) => `<trainer-signup api-base="${b}"></trainer-signup>` },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const base = faultBase(`delay=3000,key=${unique()}`);
      const watch = watchFetch();
      try {
        const host = await fixture<HTMLDivElement>(html`<div></div>`);
        host.innerHTML = c.markup(base);
        const ours = () => watch.calls.filter((call) => call.url.startsWith(base));
        await until(() => ours().length > 0, 'the widget’s requests');
        expect(ours().every((call) => call.signal && !call.signal.aborted), 'pending before removal').to.equal(true);
        host.firstElementChild!.remove();
        await until(() => ours().every((call) => call.signal!.aborted), 'every request aborted');
        // Nothing new was asked for once removed.
        const count = ours().length;
        await new Promise((r) => setTimeout(r, 300));
        expect(ours().length).to.equal(count);
      } finally {
        watch.restore();
      }
    });
  }

  it('enrol-form removed while sending aborts the sending', async () => {
    const base = faultBase(`delay=3000,only=enrolments,key=${unique()}`);
    const el = await fixture<EnrolForm>(html`<enrol-form course-id=${REQUEST_COURSE} api-base=${base}></enrol-form>`);
    await until(() => field(el, 'givenName'), 'the form');
    if (options(el, 'sessionId').length) await choose(el, 'sessionId', REQUEST_SESSION);
    await typeInto(el, 'givenName', 'Camille');
    await typeInto(el, 'familyName', 'Martin');
    await typeInto(el, 'email', `cycle.${unique()}@finances.gouv.fr`);
    await typeInto(el, 'organisation', 'DGFiP');
    const watch = watchFetch();
    try {
      submitButton(el).click();
      const post = await until(() => watch.calls.find((c) => c.method === 'POST'), 'the POST');
      expect(post.signal!.aborted).to.equal(false);
      el.remove();
      await until(() => post.signal!.aborted, 'the POST aborted');
    } finally {
      watch.restore();
    }
    // Put back, it is still a form with every value (nothing lost by the abort).
    document.body.append(el);
    await until(() => submitButton(el).getAttribute('aria-disabled') === 'false', 'the form usable again');
    expect(field(el, 'givenName').value).to.equal('Camille');
    expect(field(el, 'organisation').value).to.equal('DGFiP');
    el.remove();
  });
});

// ------------------------------------------------------------ 500 cycles

const CYCLES = 500;
const WARM_UP = 30;

/** Every widget at once, each in its loaded state (answers come from the page-wide cache after the first cycle). */
function markup(): string {
  return `<catalogue-list api-base="${API_BASE}" page-size="4"></catalogue-list>
    <course-card course-id="${REQUEST_COURSE}" api-base="${API_BASE}"></course-card>
    <course-detail course-id="${REQUEST_COURSE}" api-base="${API_BASE}"></course-detail>
    <enrol-form course-id="${REQUEST_COURSE}" api-base="${API_BASE}"></enrol-form>
    <trainer-signup api-base="${API_BASE}"></trainer-signup>`;
}

const loaded = (root: HTMLElement): boolean => {
  const sr = (sel: string) => root.querySelector(sel)?.shadowRoot;
  return Boolean(
    sr('catalogue-list')?.querySelector('[part="list"]') &&
      sr('course-card')?.querySelector('[part="card"]:not(.loading)') &&
      sr('course-detail')?.querySelector('[part="course"]') &&
      sr('enrol-form')?.querySelector('form') &&
      sr('trainer-signup')?.querySelector('form'),
  );
};

async function cycle(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const host = document.createElement('div');
    host.innerHTML = markup();
    document.body.append(host);
    // Polls with zero-delay timers: the answers are cached, the renders take a few tasks.
    for (let tries = 0; !loaded(host); tries++) {
      if (tries > 2000) throw new Error(`cycle ${i}: the widgets did not load`);
      await new Promise((r) => setTimeout(r, tries < 50 ? 0 : 10));
    }
    host.remove();
  }
  // Let the last disconnections' microtasks and timers (draft flush, debounce) run.
  await new Promise((r) => setTimeout(r, 600));
}

interface Counters {
  supported: boolean;
  documents?: number;
  nodes?: number;
  jsEventListeners?: number;
  usedSize?: number;
}

type Target = 'window' | 'document';
/** Counts listeners added and removed on window and document, by type. */
function countListeners(): { live: () => Map<string, number>; restore: () => void } {
  const live = new Map<string, number>();
  const originals: [EventTarget, typeof EventTarget.prototype.addEventListener, typeof EventTarget.prototype.removeEventListener][] = [];
  const keyed = new Map<string, Set<unknown>>();
  for (const [name, target] of [
    ['window', window],
    ['document', document],
  ] as [Target, EventTarget][]) {
    const add = target.addEventListener;
    const remove = target.removeEventListener;
    originals.push([target, add, remove]);
    const capture = (o?: boolean | AddEventListenerOptions) => (typeof o === 'boolean' ? o : Boolean(o?.capture));
    target.addEventListener = function (type: string, listener: EventListenerOrEventListenerObject | null, o?: boolean | AddEventListenerOptions) {
      const key = `${name}:${type}:${capture(o)}`;
      const set = keyed.get(key) ?? new Set();
      keyed.set(key, set);
      if (listener && !set.has(listener) && !(typeof o === 'object' && o?.once)) set.add(listener);
      live.set(key, set.size);
      return add.call(this, type, listener, o);
    };
    target.removeEventListener = function (type: string, listener: EventListenerOrEventListenerObject | null, o?: boolean | EventListenerOptions) {
      const key = `${name}:${type}:${capture(o)}`;
      keyed.get(key)?.delete(listener);
      live.set(key, keyed.get(key)?.size ?? 0);
      return remove.call(this, type, listener, o);
    };
  }
  return {
    live: () => new Map([...live].filter(([, n]) => n > 0)),
    restore: () => {
      for (const [target, add, remove] of originals) {
        target.addEventListener = add;
        target.removeEventListener = remove;
      }
    },
  };
}

const allNodes = () => document.querySelectorAll('*').length;
const within5 = (after: number, before: number, what: string) =>
  expect(after, `${what}: ${before} → ${after}`).to.be.at.most(Math.ceil(before * 1.05));

describe(`lifecycle: ${CYCLES} mount and unmount cycles of every widget`, function () {
  this.timeout(10 * 60 * 1000);
  before(pickCourse);

  it('leave no node in the document and no listener on window or document (every browser)', async () => {
    await cycle(WARM_UP);
    const nodesBefore = allNodes();
    const bodyBefore = document.body.childNodes.length;
    const headBefore = document.head.childNodes.length;
    const listeners = countListeners();
    try {
      await cycle(CYCLES);
      expect([...listeners.live()], 'listeners left on window/document').to.deep.equal([]);
    } finally {
      listeners.restore();
    }
    expect(document.body.childNodes.length).to.equal(bodyBefore);
    expect(document.head.childNodes.length).to.equal(headBefore);
    expect(allNodes()).to.equal(nodesBefore);
    expect(document.querySelectorAll('script[type="application/ld+json"]')).to.have.length(0);
  });

  it('bring the DOM node, listener and JS heap counters back within 5 % after a forced GC (Chromium, CDP)', async function () {
    const probe = await executeServerCommand<Counters, undefined>('cdp-counters');
    if (!probe.supported) {
      // Firefox: no Chrome DevTools Protocol. The test above checks what the page itself can see.
      expect(navigator.userAgent).to.match(/Firefox/);
      return;
    }
    await cycle(WARM_UP);
    const before = await executeServerCommand<Counters, undefined>('cdp-counters');
    await cycle(CYCLES);
    const after = await executeServerCommand<Counters, undefined>('cdp-counters');
    console.log(`[lifecycle] CDP counters before/after ${CYCLES} cycles: ${JSON.stringify({ before, after })}`);
    expect(after.documents).to.be.at.most(before.documents!);
    within5(after.nodes!, before.nodes!, 'DOM nodes');
    within5(after.jsEventListeners!, before.jsEventListeners!, 'JS event listeners');
    within5(after.usedSize!, before.usedSize!, 'JS heap used');
  });
});

/**
 * Hostile data: every widget fed the hostile corpus (test/support/hostile.ts),
 * served raw by the reference server under `data=hostile` — script and
 * event-handler injections, `javascript:` and `data:` URLs, very long words
 * and URLs, right-to-left overrides, emoji and combining marks, empty strings,
 * nulls where text is expected, unknown enum values, very long lists, and
 * records without id or title.
 *
 * For each widget, in a 320 px and a 600 px container: no script runs (also
 * after clicking every link and button inside), no dangerous URL becomes a
 * link or an image, payloads are shown as literal text, nothing is wider than
 * its container, right-to-left overrides stay inside their own text, emoji
 * and combining marks render, unshowable items are left out and counted, and
 * the page sees no uncaught error, unhandled rejection or render failure.
 * (The CSV side is in test/api/hostile.node.test.ts.)
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { LitElement } from 'lit';
import type { CatalogueList } from '../src/catalogue-list/catalogue-list.js';
import '../src/define.js';
import { HOSTILE_IDS, PAYLOADS, UNSHOWABLE_COURSES } from './support/hostile.js';
import { faultBase, freshCache, until } from './helpers.js';

declare global {
  interface Window {
    __pwned?: boolean;
  }
}

const BASE = faultBase('data=hostile');
const WIDTHS = [320, 600] as const;
const RENDER_FAILURE = 'Ce contenu ne peut pas s’afficher pour le moment.';

// ------------------------------------------------------------ the page's health

let pageErrors: string[] = [];
const onError = (event: ErrorEvent) => pageErrors.push(`error: ${event.message}`);
const onRejection = (event: PromiseRejectionEvent) => pageErrors.push(`unhandled rejection: ${String(event.reason)}`);
const realConsoleError = console.error;
/** Prevents navigation away from the test page by any link clicked inside a widget. */
const stayOnPage = (event: MouseEvent) => {
  if (event.composedPath().some((n) => n instanceof HTMLAnchorElement && n.hasAttribute('href'))) event.preventDefault();
};

beforeEach(() => {
  freshCache();
  sessionStorage.clear();
  window.__pwned = false;
  pageErrors = [];
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  document.addEventListener('click', stayOnPage, true);
  console.error = (...args: unknown[]) => {
    // A widget's render that threw (caught by CampusElement) is a failure here too.
    if (String(args[0]).includes('[campus-widgets]')) pageErrors.push(`console.error: ${args.map(String).join(' ')}`);
    realConsoleError.apply(console, args);
  };
});

afterEach(async () => {
  await new Promise((r) => setTimeout(r, 50));
  window.removeEventListener('error', onError);
  window.removeEventListener('unhandledrejection', onRejection);
  document.removeEventListener('click', stayOnPage, true);
  console.error = realConsoleError;
  expect(pageErrors, 'uncaught errors, unhandled rejections, render failures').to.deep.equal([]);
  expect(window.__pwned, 'a payload ran').to.equal(false);
});

// ------------------------------------------------------------ walking shadow trees

/** Every shadow root under `host`, nested widgets included. */
function shadowRoots(host: Element): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  const visit = (root: ParentNode) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) {
        out.push(el.shadowRoot);
        visit(el.shadowRoot);
      }
    }
  };
  if (host.shadowRoot) {
    out.push(host.shadowRoot);
    visit(host.shadowRoot);
  }
  visit(host);
  return out;
}

const all = (host: Element, selector: string): Element[] => shadowRoots(host).flatMap((r) => [...r.querySelectorAll(selector)]);

function textNodes(host: Element): Text[] {
  const out: Text[] = [];
  for (const root of shadowRoots(host)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement?.closest('style, script')) continue;
      out.push(n as Text);
    }
  }
  return out;
}

const shownText = (host: Element) => textNodes(host).map((t) => t.data).join(' ');

function litElements(host: Element): LitElement[] {
  const hosts = [host, ...shadowRoots(host).map((r) => r.host)];
  return [...new Set(hosts)].filter((e): e is LitElement => 'updateComplete' in e);
}

/** Waits until every widget in the tree rendered and nothing is loading. */
async function settle(host: Element, timeout = 10000): Promise<void> {
  await until(
    async () => {
      await Promise.all(litElements(host).map((e) => e.updateComplete));
      await new Promise((r) => setTimeout(r, 60));
      const loading = all(host, '[aria-busy="true"], [part="loading"], .skeleton');
      return loading.length === 0;
    },
    'the widgets to settle',
    timeout,
  );
  await Promise.all(litElements(host).map((e) => e.updateComplete));
}

// ------------------------------------------------------------ checks

const SAFE_LINK = new Set(['http:', 'https:', 'blob:']);

/** No script ran and none could: no dangerous URL, no handler attribute, no injected element. */
function expectNoScript(host: Element, where: string): void {
  expect(window.__pwned, `${where}: a payload ran`).to.equal(false);
  for (const selector of ['a[href^="javascript:" i]', 'a[href^="data:" i]', 'img[src^="javascript:" i]', 'img[src^="data:" i]', 'script', 'iframe', 'object', 'embed', 'svg[onload]', 'img[onerror]', 'img[src="x"]']) {
    expect(all(host, selector).length, `${where}: ${selector}`).to.equal(0);
  }
  for (const a of all(host, 'a[href], area[href]') as HTMLAnchorElement[]) {
    expect(SAFE_LINK.has(new URL(a.href).protocol), `${where}: link to ${a.getAttribute('href')}`).to.equal(true);
  }
  for (const img of all(host, 'img') as HTMLImageElement[]) {
    expect(['http:', 'https:'].includes(new URL(img.src, location.href).protocol), `${where}: image ${img.getAttribute('src')}`).to.equal(true);
  }
  for (const el of all(host, '*')) {
    const handlers = el.getAttributeNames().filter((n) => n.toLowerCase().startsWith('on'));
    expect(handlers, `${where}: handler attributes on <${el.localName}>`).to.deep.equal([]);
  }
  // The light DOM holds nothing but course-detail's JSON-LD (data, not script), which cannot leave its element.
  for (const script of host.querySelectorAll('script')) {
    expect(script.type, `${where}: light-DOM script`).to.equal('application/ld+json');
    expect(script.text, `${where}: JSON-LD closing its script`).not.to.match(/<\/?script|<!--/i);
    expectHttpUrls(JSON.parse(script.text), `${where}: JSON-LD`);
  }
}

const URL_KEYS = new Set(['url', 'image', 'logo', 'sameAs', 'contentUrl']);

/** Every URL in the JSON-LD is an http(s) one. */
function expectHttpUrls(value: unknown, where: string, key = ''): void {
  if (Array.isArray(value)) return value.forEach((v) => expectHttpUrls(v, where, key));
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) expectHttpUrls(v, where, k);
    return;
  }
  if (URL_KEYS.has(key) && typeof value === 'string') expect(value, `${where}: ${key}`).to.match(/^https?:\/\//);
}

/** Payloads shown as what they are: text. */
function expectLiteral(host: Element, payloads: readonly string[], where: string): void {
  const text = shownText(host);
  for (const payload of payloads) expect(text.includes(payload), `${where}: shown as text: ${payload.slice(0, 60)}`).to.equal(true);
}

/** Nothing wider than the container: the host, its parts, and every box inside stay within it. */
function expectFits(container: HTMLElement, host: HTMLElement, where: string): void {
  expect(container.scrollWidth, `${where}: container scrollWidth`).to.be.at.most(container.clientWidth);
  expect(host.scrollWidth, `${where}: host scrollWidth`).to.be.at.most(host.clientWidth + 1);
  const box = container.getBoundingClientRect();
  const overflowing: string[] = [];
  for (const el of all(host, '*') as HTMLElement[]) {
    if (el.closest('.visually-hidden') || el.localName === 'style') continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    const label = `<${el.localName}${el.getAttribute('part') ? ` part=${el.getAttribute('part')}` : ''} class="${el.getAttribute('class') ?? ''}">`;
    if (rect.left < box.left - 1 || rect.right > box.right + 1) overflowing.push(`${label} ${Math.round(rect.left - box.left)}..${Math.round(rect.right - box.left)}`);
    // Block boxes (the parts first of all) must not scroll sideways either.
    if (el.clientWidth > 0 && style.overflowX !== 'hidden' && style.overflowX !== 'clip' && el.scrollWidth > el.clientWidth + 1) {
      overflowing.push(`${label} scrollWidth ${el.scrollWidth} > ${el.clientWidth}`);
    }
  }
  expect(overflowing.slice(0, 8).join('\n'), `${where}: wider than the ${Math.round(box.width)} px container`).to.equal('');
}

const ISOLATING = new Set(['isolate', 'isolate-override', 'plaintext']);
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * A right-to-left override in API text must not reorder the UI around it: the
 * text is isolated (`<bdi>`, `unicode-bidi: isolate`, `dir`), or is alone in a
 * box of its own (a paragraph ends every embedding), or is wrapped in FSI…PDI.
 */
function expectRtlIsolated(host: Element, where: string): number {
  let checked = 0;
  const leaks: string[] = [];
  for (const node of textNodes(host)) {
    if (!node.data.includes('\u202E')) continue;
    checked++;
    if (/\u2068[^\u2069]*\u202E[^\u2069]*\u2069/.test(node.data)) continue;
    const own = node.data.replace(BIDI_CONTROLS, '').trim();
    let ok = false;
    // The nearest box that holds nothing but this text must end the override: an isolate
    // (<bdi>, `dir`, `unicode-bidi: isolate` — block elements have it by default) or a box of its own.
    for (let el: Element | null = node.parentElement; el; el = el.parentElement) {
      const text = (el.textContent ?? '').replace(BIDI_CONTROLS, '').trim();
      if (text !== own) break;
      const style = getComputedStyle(el);
      const ownBox = !style.display.startsWith('inline') || style.display === 'inline-block' || style.display === 'inline-flex';
      if (el.localName === 'bdi' || el.hasAttribute('dir') || ISOLATING.has(style.unicodeBidi) || ownBox) {
        ok = true;
        break;
      }
    }
    if (!ok) {
      const chain: string[] = [];
      for (let el = node.parentElement; el && chain.length < 4; el = el.parentElement) chain.push(`${el.localName}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}`);
      leaks.push(`${chain.join(' < ')}: "${node.data.slice(0, 40)}"`);
    }
  }
  expect(leaks.join('\n'), `${where}: right-to-left overrides reaching the UI around them`).to.equal('');
  return checked;
}

/** Emoji and combining marks are there, whole, and take room on screen. */
function expectRendered(host: Element, value: string, where: string): void {
  const nodes = textNodes(host).filter((t) => t.data.includes(value));
  expect(nodes.length, `${where}: ${value} shown`).to.be.greaterThan(0);
  const widths = nodes.map((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return range.getBoundingClientRect().width;
  });
  // Some copies may sit in a closed panel: one on screen is enough.
  expect(Math.max(...widths), `${where}: ${value} has a width`).to.be.greaterThan(0);
}

function expectNoRenderFailure(host: Element, where: string): void {
  expect(shownText(host).includes(RENDER_FAILURE), `${where}: a widget failed to render`).to.equal(false);
}

/** Clicks every link and button inside (links are kept from navigating), twice over for what appears. */
async function clickEverything(host: HTMLElement): Promise<number> {
  const clicked = new Set<Element>();
  for (let pass = 0; pass < 2; pass++) {
    const targets = all(host, 'a[href], button, summary').filter((el) => !clicked.has(el));
    for (const el of targets as HTMLElement[]) {
      if (!el.isConnected || (el as HTMLButtonElement).disabled) continue;
      clicked.add(el);
      el.click();
      await Promise.all(litElements(host).map((e) => e.updateComplete));
    }
    await settle(host, 15000);
  }
  return clicked.size;
}

/** The full round of checks after rendering, then after clicking everything. */
async function hostileRound(container: HTMLElement, host: HTMLElement, where: string, literal: readonly string[], rtl = false): Promise<void> {
  await settle(host);
  expectNoRenderFailure(host, where);
  expectNoScript(host, where);
  expectLiteral(host, literal, where);
  expectFits(container, host, where);
  const overrides = expectRtlIsolated(host, where);
  if (rtl) expect(overrides, `${where}: right-to-left overrides shown (and checked)`).to.be.greaterThan(0);
  await clickEverything(host);
  expectNoRenderFailure(host, `${where}, after clicks`);
  expectNoScript(host, `${where}, after clicks`);
  expectFits(container, host, `${where}, after clicks`);
  expectRtlIsolated(host, `${where}, after clicks`);
}

async function boxed(width: number, content: unknown): Promise<{ container: HTMLElement; host: HTMLElement }> {
  const container = await fixture<HTMLElement>(html`<div class="hostile-box" style="width: ${width}px">${content}</div>`);
  return { container, host: container.firstElementChild as HTMLElement };
}

async function rawCourse(id: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${BASE}/v1/courses/${encodeURIComponent(id)}`);
  expect(response.ok, `raw course ${id}`).to.equal(true);
  return (await response.json()) as Record<string, unknown>;
}

const partialNoteText = (host: Element) => (all(host, '[part="partial-note"]')[0]?.textContent ?? '').replace(/\s+/g, ' ').trim();

// ------------------------------------------------------------ the checks themselves

/** A bare custom element with a shadow root, to show that each check catches what it looks for. */
class HostileProbe extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }
}
if (!customElements.get('hostile-probe')) customElements.define('hostile-probe', HostileProbe);

async function probe(markup: string, width = 320): Promise<{ container: HTMLElement; host: HTMLElement }> {
  const { container, host } = await boxed(width, html`<hostile-probe></hostile-probe>`);
  // Test markup of our own, not API data.
  host.shadowRoot!.innerHTML = markup;
  return { container, host };
}

const fails = (check: () => void) => expect(check).to.throw();

describe('hostile data: the checks catch what they look for', () => {
  it('a javascript: link, a data: image, a handler attribute', async () => {
    for (const markup of [`<a href="${PAYLOADS.jsUrl}">x</a>`, `<a href="${PAYLOADS.jsUrlObfuscated}">x</a>`, `<img src="${PAYLOADS.dataSvg}" alt="">`, '<span onclick="void 0">x</span>']) {
      const { host } = await probe(markup);
      fails(() => expectNoScript(host, 'probe'));
    }
    const { host } = await probe('<a href="https://exemple.gouv.fr/">ok</a>');
    expectNoScript(host, 'probe');
  });

  it('a long word wider than its container', async () => {
    const { container, host } = await probe(`<p>${PAYLOADS.longWord}</p>`);
    fails(() => expectFits(container, host, 'probe'));
    const fitting = await probe(`<p style="overflow-wrap: anywhere">${PAYLOADS.longWord}</p>`);
    expectFits(fitting.container, fitting.host, 'probe');
  });

  it('a right-to-left override reaching the UI text after it', async () => {
    const { host } = await probe(`<p><span>${PAYLOADS.rtl}</span> (3 places)</p>`);
    fails(() => expectRtlIsolated(host, 'probe'));
    const isolated = await probe(`<p><bdi>${PAYLOADS.rtl}</bdi> (3 places)</p>`);
    expect(expectRtlIsolated(isolated.host, 'probe')).to.equal(1);
  });
});

// ------------------------------------------------------------ the widgets

describe('hostile data', () => {
  for (const width of WIDTHS) {
    describe(`in a ${width} px container`, () => {
      it('catalogue-list: cards of hostile courses, unshowable ones left out and counted', async () => {
        const { container, host } = await boxed(width, html`<catalogue-list api-base=${BASE}></catalogue-list>`);
        await until(() => all(host, '[part="list"] li [part="card"]').length > 0, 'the cards');
        await settle(host);
        // 11 unshowable courses on the first page: left out, and said so.
        expect(partialNoteText(host)).to.contain(`${UNSHOWABLE_COURSES.length} éléments illisibles`);
        const shown = (host as CatalogueList).shownCourses.map((c) => c.id);
        expect(shown).to.include(HOSTILE_IDS.script);
        // One card per course shown, each with its title as text.
        expect(all(host, '[part="card-title"]').map((t) => t.textContent)).to.deep.equal((host as CatalogueList).shownCourses.map((c) => c.title));
        expectRendered(host, PAYLOADS.emoji, 'catalogue-list');
        await hostileRound(container, host, `catalogue-list @${width}`, [PAYLOADS.img, PAYLOADS.script], true);
      });

      it('course-card from the `course` property: raw hostile courses', async () => {
        const ids = [HOSTILE_IDS.script, HOSTILE_IDS.data, HOSTILE_IDS.long, HOSTILE_IDS.rtl, HOSTILE_IDS.emoji, HOSTILE_IDS.enums, HOSTILE_IDS.formula, HOSTILE_IDS.longHost, HOSTILE_IDS.sessions];
        const courses = await Promise.all(ids.map(rawCourse));
        const { container } = await boxed(width, html`${courses.map((c) => html`<course-card .course=${c} api-base=${BASE}></course-card>`)}`);
        const cards = [...container.querySelectorAll('course-card')] as HTMLElement[];
        for (const [i, card] of cards.entries()) {
          await until(() => all(card, '[part="kind"], [part="provider"]').length > 0 || !courses[i].kind, `labels of ${ids[i]}`);
        }
        // Unknown values: the server's label when it has one.
        const enums = cards[ids.indexOf(HOSTILE_IDS.enums)];
        expect(shownText(enums)).to.contain('Libellé du serveur pour h-kind-unknown');
        expect(shownText(enums)).to.contain('Libellé du serveur pour h-mode-unknown');
        expectRendered(cards[ids.indexOf(HOSTILE_IDS.emoji)], PAYLOADS.emoji, 'course-card');
        expectRendered(cards[ids.indexOf(HOSTILE_IDS.emoji)], PAYLOADS.combining, 'course-card');
        for (const [i, card] of cards.entries()) {
          await hostileRound(container, card, `course-card(.course=${ids[i]}) @${width}`, i === 0 ? [PAYLOADS.img, PAYLOADS.script] : [], ids[i] === HOSTILE_IDS.rtl);
        }
      });

      it('course-card from course-id: hostile, empty and null fields, a missing course', async () => {
        const ids = [HOSTILE_IDS.script, HOSTILE_IDS.long, HOSTILE_IDS.rtl, HOSTILE_IDS.empty, HOSTILE_IDS.nulls, HOSTILE_IDS.enums, 'h-absent'];
        const { container } = await boxed(width, html`${ids.map((id) => html`<course-card course-id=${id} api-base=${BASE}></course-card>`)}`);
        const cards = [...container.querySelectorAll('course-card')] as HTMLElement[];
        await Promise.all(cards.map((c) => until(() => all(c, '[part="card"]:not(.loading), [part="not-found"], [part="error"]').length > 0, 'each card')));
        expect(all(cards[ids.indexOf('h-absent')], '[part="not-found"]').length).to.equal(1);
        // Empty strings and nulls: the course shows, with its fallbacks.
        for (const id of [HOSTILE_IDS.empty, HOSTILE_IDS.nulls]) {
          const card = cards[ids.indexOf(id)];
          expect(all(card, '[part="title"]').length, `${id} title`).to.equal(1);
          expect(all(card, '[part="price"]')[0]?.textContent).to.contain('Gratuit');
          expect(all(card, '[part="error"]').length, `${id} error`).to.equal(0);
        }
        for (const [i, card] of cards.entries()) {
          await hostileRound(container, card, `course-card(course-id=${ids[i]}) @${width}`, i === 0 ? [PAYLOADS.img, PAYLOADS.script] : [], ids[i] === HOSTILE_IDS.rtl);
        }
      });

      it('course-detail: a course with hostile sessions, unshowable sessions counted', async () => {
        const { container, host } = await boxed(width, html`<course-detail course-id=${HOSTILE_IDS.sessions} api-base=${BASE}></course-detail>`);
        await until(() => all(host, '[part="sessions"]').length > 0, 'the sessions');
        await settle(host);
        // No id, no slot, unreadable dates, null slots: four sessions left out, and said so.
        expect(partialNoteText(host)).to.contain('4 éléments illisibles');
        const statuses = all(host, '[part="status"]').map((s) => s.textContent?.trim());
        expect(statuses, 'an unknown status with the server’s label').to.include(`Reportée (libellé du serveur) ${PAYLOADS.rtl}`);
        expect(statuses, 'an unknown status without label: its id').to.include('h-status-nolabel');
        expect(all(host, '[part="objectives"] li').length).to.equal(3);
        await hostileRound(container, host, `course-detail(${HOSTILE_IDS.sessions}) @${width}`, [PAYLOADS.img, PAYLOADS.script], true);
        // The enrolment forms opened by the clicks are hostile-proof too.
        expect(all(host, 'enrol-form').length, 'enrol forms opened').to.be.greaterThan(0);
      });

      it('course-detail: javascript: and data: enrolment links, long lists, unknown modes', async () => {
        for (const id of [HOSTILE_IDS.script, HOSTILE_IDS.data, HOSTILE_IDS.long, HOSTILE_IDS.longHost, HOSTILE_IDS.enums, HOSTILE_IDS.nulls, HOSTILE_IDS.empty, HOSTILE_IDS.emoji]) {
          const { container, host } = await boxed(width, html`<course-detail course-id=${id} api-base=${BASE}></course-detail>`);
          await until(() => all(host, '[part="course"], [part="error"], [part="not-found"]').length > 0, `course ${id}`);
          await settle(host);
          expect(all(host, '[part="course"]').length, `${id} shown`).to.equal(1);
          if (id === HOSTILE_IDS.script || id === HOSTILE_IDS.data) {
            expect(all(host, '[part="enrol-link"]').length, `${id}: no link from a ${id === HOSTILE_IDS.script ? 'javascript:' : 'data:'} URL`).to.equal(0);
          }
          if (id === HOSTILE_IDS.long) {
            expect(all(host, '[part="objectives"] li').length, '200 objectives').to.equal(200);
            expect(all(host, '[part="partners"] li').length, '100 partners').to.equal(100);
          }
          if (id === HOSTILE_IDS.enums) {
            expect(all(host, '[part="enrol-link"]').length, 'an unknown enrolment mode with an https link').to.equal(1);
            expect(shownText(host)).to.contain('Libellé du serveur pour h-level-unknown');
          }
          if (id === HOSTILE_IDS.nulls) expect(shownText(host)).to.contain('Objectif lisible');
          if (id === HOSTILE_IDS.emoji) expectRendered(host, PAYLOADS.combining, 'course-detail');
          await hostileRound(container, host, `course-detail(${id}) @${width}`, id === HOSTILE_IDS.script ? [PAYLOADS.img, PAYLOADS.script, PAYLOADS.iframe] : []);
        }
      });

      it('enrol-form: hostile sessions, notice and course title', async () => {
        const { container, host } = await boxed(width, html`<enrol-form course-id=${HOSTILE_IDS.sessions} api-base=${BASE}></enrol-form>`);
        await until(() => all(host, '[part="form"], [part="error"], [part="no-session"]').length > 0, 'the form');
        await settle(host);
        expect(all(host, '[part="form"]').length, 'the form').to.equal(1);
        expect(all(host, 'input[name="sessionId"]').length, 'sessions offered').to.be.greaterThan(2);
        // No id, no slot, unreadable dates, null slots: four sessions left out, and said so.
        expect(partialNoteText(host)).to.contain('4 éléments illisibles');
        await hostileRound(container, host, `enrol-form @${width}`, [PAYLOADS.img, `${PAYLOADS.script} Notice`], true);
      });

      it('enrol-form: an external enrolment through a javascript: URL', async () => {
        const { container, host } = await boxed(width, html`<enrol-form course-id=${HOSTILE_IDS.script} api-base=${BASE}></enrol-form>`);
        await until(() => all(host, '[part="external"], [part="error"]').length > 0, 'the external block');
        expect(all(host, '[part="external-link"]').length, 'no link from a javascript: URL').to.equal(0);
        await hostileRound(container, host, `enrol-form(external) @${width}`, [PAYLOADS.img]);
      });

      it('trainer-signup: hostile vocabularies and notice', async () => {
        const { container, host } = await boxed(width, html`<trainer-signup api-base=${BASE} intent="list"></trainer-signup>`);
        await until(() => all(host, '[part="form"], [part="error"]').length > 0, 'the form');
        await settle(host);
        expect(all(host, '[part="form"]').length, 'the form').to.equal(1);
        // Unlabelled terms are left out, the others kept (100 + 6 skills, 6 statuses).
        expect(all(host, 'input[name="skills"]').length).to.equal(106);
        expect(all(host, 'input[name="status"]').length).to.equal(6);
        expect(all(host, '[part="training"]').length, 'the training fieldset').to.equal(1);
        expectRendered(host, PAYLOADS.emoji, 'trainer-signup');
        await hostileRound(container, host, `trainer-signup @${width}`, [PAYLOADS.img, PAYLOADS.script, PAYLOADS.longWord], true);
      });
    });
  }
});

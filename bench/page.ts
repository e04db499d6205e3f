/**
 * The benchmark page (built by vite in production mode, driven by bench/run.mjs).
 * Each call renders one sample and returns its time in ms; the driver
 * interleaves the variants and forces a GC between samples.
 *
 * The courses are already fetched: the page-wide client's cache is filled
 * before each sample, outside the measured time, so a sample measures
 * rendering only: from putting the element in the DOM to its cards laid out.
 *
 * The baseline is one `innerHTML` of the same cards' escaped markup (same
 * elements, classes and text as `<course-card>` renders, the same styles with
 * `:host` made a class), in one shadow root: what a hand-written renderer costs.
 */
import { css } from 'lit';
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { clientFor, type CoursePageResult } from '../src/api/client.js';
import { encodeQuery, type CourseQuery } from '../src/api/query.js';
import { loadReference, type Reference } from '../src/api/reference.js';
import type { Course, SessionSummary } from '../src/api/schemas.js';
import { CatalogueList } from '../src/catalogue-list/catalogue-list.js';
import { CourseCard } from '../src/course-card/course-card.js';
import { availability, durationText, organisations, priceText } from '../src/core/course-format.js';
import { zoneFromOffset } from '../src/core/datetime.js';
import { Localizer } from '../src/core/locale.js';
import { safeUrl } from '../src/core/states.js';
import { frenchCatalogue } from '../src/core/locale.js';
import { card } from '../src/locales/fr/card.js';
import { catalogue } from '../src/locales/fr/catalogue.js';
import { CatalogueListReact } from './react-list.js';

// `?cv=off` (bench/run.mjs --cv=off): the cards without `content-visibility: auto`, for the Lit side and
// the baseline alike (the baseline takes the cards' styles), to see what that property changes.
if (new URLSearchParams(location.search).get('cv') === 'off') {
  CourseCard.styles = [...CourseCard.styles, css`:host { content-visibility: visible; }`];
}
customElements.define('catalogue-list', CatalogueList);
customElements.define('course-card', CourseCard);

// Every request the page makes, so a sample that fetched (a cache miss) is refused rather than measured.
let requests = 0;
const realFetch = window.fetch.bind(window);
window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
  requests++;
  return realFetch(input, init);
};
/** Runs a measured section and checks it fetched nothing. */
async function offline<T>(section: () => Promise<T>): Promise<T> {
  const before = requests;
  const value = await section();
  if (requests !== before) throw new Error('a measured section fetched: the cache was not filled');
  return value;
}

const stage = document.getElementById('stage')!;
/** The API root for a list of `n` courses (the bench server answers every page of a query at once, cut to n). */
const apiBase = (n: number) => `${location.origin}/n/${n}/api`;

type ListInternals = CatalogueList;

function newList(n: number): ListInternals {
  const el = document.createElement('catalogue-list') as ListInternals;
  el.setAttribute('api-base', apiBase(n));
  el.setAttribute('page-size', String(n));
  return el;
}

// ------------------------------------------------------------ data, outside the measured time

const queries = new Map<number, CourseQuery>();
let filteredQuery: CourseQuery | undefined;
let filterValue = '';

/** Fills the page-wide cache (the answers last a minute) and returns the list's data. */
async function fetched(n: number, query?: CourseQuery): Promise<{ result: CoursePageResult; reference: Reference }> {
  const client = clientFor(apiBase(n));
  if (!queries.has(n)) queries.set(n, newList(n).query);
  const [result, reference] = await Promise.all([client.courses(query ?? queries.get(n)!), loadReference(client)]);
  return { result, reference };
}

// ------------------------------------------------------------ waiting for the cards

/**
 * Waits until the list shows `n` rendered cards, then forces layout. With the
 * data cached this takes microtasks only (nothing else runs in between); a
 * slower path (a fetch) is still awaited, and then refused by `offline()`.
 */
async function settled(el: ListInternals, n: number): Promise<NodeListOf<HTMLElement>> {
  const deadline = performance.now() + 30_000;
  for (let i = 0; performance.now() < deadline; i++) {
    await el.updateComplete;
    // The list renders its cards in its own shadow root.
    const cards = el.shadowRoot?.querySelectorAll<HTMLElement>('ul.grid.shown > li > .container > [part="card"]');
    // aria-busy is false once the reference data is there and no page is loading.
    const idle = el.shadowRoot?.querySelector('[part="results"]')?.getAttribute('aria-busy') === 'false';
    if (cards && cards.length === n && idle && !el.isUpdatePending) {
      layout(el, cards[0]);
      return cards;
    }
    await (i < 10_000 ? null : new Promise((resolve) => setTimeout(resolve, 5)));
  }
  throw new Error(`the list did not show ${n} cards (it shows ${el.shadowRoot?.querySelectorAll('[part="card"]').length})`);
}

let sink = 0;
function layout(host: Element, firstCard: Element | null | undefined): void {
  sink += host.getBoundingClientRect().height + (firstCard?.getBoundingClientRect().height ?? 0) + document.body.offsetHeight;
}

// ------------------------------------------------------------ the baseline: one innerHTML

const i18n = new Localizer('fr', frenchCatalogue([catalogue, card]));
const esc = (value: unknown) =>
  String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The markup `<course-card>` renders for a course in a list (no course-href: the title is a button). */
function cardMarkup(course: Course, reference: Reference): string {
  const t = i18n.t.bind(i18n);
  let body = `<div role="heading" aria-level="3" class="title" part="title"><button class="link" part="link" type="button">${esc(course.title)}</button></div>`;
  if (course.kind) {
    body += `<p class="kind" part="kind"><span class="visually-hidden">${esc(t('card.kind'))} : </span><span class="badge">${esc(reference.label('kinds', course.kind))}</span></p>`;
  }
  if (course.summary) body += `<p class="summary" part="summary">${esc(course.summary)}</p>`;
  if (course.expertiseIds.length) {
    body += `<ul class="tags" part="tags" aria-label="${esc(t('card.tags'))}">${course.expertiseIds
      .map((id) => `<li class="tag" part="tag">${esc(reference.label('expertises', id))}</li>`)
      .join('')}</ul>`;
  }
  const duration = durationText(i18n, course);
  const modes = course.modes.map((m) => reference.label('modes', m));
  const level = course.level ? reference.label('levels', course.level) : undefined;
  if (duration || modes.length || level) {
    body += '<ul class="meta" part="meta">';
    if (modes.length) body += `<li class="modes"><span class="visually-hidden">${esc(t('card.modes'))} </span><span>${esc(modes.join(', '))}</span></li>`;
    if (duration) body += `<li class="duration"><span class="visually-hidden">${esc(t('card.duration'))} </span><span>${esc(duration.text)}</span></li>`;
    if (level) body += `<li class="level"><span class="visually-hidden">${esc(t('card.level'))} </span><span>${esc(level)}</span></li>`;
    body += '</ul>';
  }
  const provider = course.providerId ? reference.organisation(course.providerId)?.name ?? course.providerId : undefined;
  if (provider) body += `<p class="provider" part="provider">${esc(t('card.provider', { name: provider }))}</p>`;
  const partners = organisations(reference, course.partnerIds);
  if (partners.length) {
    body += `<div class="co-branding"><span class="partners-label" id="partners-label">${esc(t('card.partners'))}</span><ul class="partners" part="partners" aria-labelledby="partners-label">${partners
      .map((org) => {
        const logo = safeUrl(org.logoUrl);
        return `<li class="partner">${
          logo
            ? `<img class="logo" part="partner-logo" src="${esc(logo)}" alt="${esc(org.name)}" loading="lazy" decoding="async">`
            : `<span class="partner-name" part="partner-name">${esc(org.name)}</span>`
        }</li>`;
      })
      .join('')}</ul></div>`;
  }
  body += `<p class="price" part="price"><span class="visually-hidden">${esc(t('card.price'))} </span>${esc(priceText(i18n, course))}</p>`;
  if (course.nextSession) body += sessionMarkup(course.nextSession, reference);
  const image = safeUrl(course.imageUrl);
  const media = image ? `<div class="media" part="image"><img src="${esc(image)}" alt="" loading="lazy" decoding="async"></div>` : '';
  return `<div class="container"><div class="card" part="card"><div class="body">${body}</div>${media}</div></div>`;
}

function sessionMarkup(session: SessionSummary, reference: Reference): string {
  const zone = (session as SessionSummary & { timezone?: string }).timezone ?? zoneFromOffset(session.start);
  const date = i18n.date(session.start, { dateStyle: 'long' }, zone);
  const seats = availability(i18n, reference, session.status, session.seatsLeft);
  const where = session.online ? i18n.t('card.online') : session.city;
  return `<p class="session" part="session"><span>${esc(i18n.t('card.nextSession', { date }))}</span>${
    where ? `<span class="where">${esc(where)}</span>` : ''
  }${seats ? `<span class="seats ${seats.state}" part="seats">${esc(seats.text)}</span>` : ''}</p>`;
}

/** The list's and the cards' own styles, in one scope: `:host` becomes a class. */
let baselineSheet: CSSStyleSheet | undefined;
function sheet(): CSSStyleSheet {
  if (baselineSheet) return baselineSheet;
  const text = (styles: unknown, host: string): string =>
    ([styles].flat(Infinity) as { cssText: string }[])
      .map((s) => s.cssText)
      .join('\n')
      .replace(/:host\(([^)]*)\)/g, `${host}$1`)
      .replace(/:host/g, host);
  baselineSheet = new CSSStyleSheet();
  baselineSheet.replaceSync(`${text(CatalogueList.styles, '.list-host')}\n${text(CourseCard.styles, '.card-host')}`);
  return baselineSheet;
}

/** The same cards in the list's layout (filters column, results column, grid). */
function listMarkup(courses: readonly Course[], reference: Reference): string {
  let cards = '';
  for (const course of courses) cards += `<li><div class="card-host">${cardMarkup(course, reference)}</div></li>`;
  return `<div class="list-host"><div class="layout with-filters"><div class="filters-area"></div><div class="main"><ul class="grid shown" part="list" role="list">${cards}</ul></div></div></div>`;
}

function baselineHost(): ShadowRoot {
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = [sheet()];
  stage.append(host);
  return root;
}

function baselineLayout(root: ShadowRoot): void {
  layout(root.host, root.querySelector('.card'));
}

// ------------------------------------------------------------ the second baseline: the same structure, hand-written

const chromes = new Map<number, [string, string]>();
const CARDS_SLOT = '\u2063cards\u2063';

/**
 * The list's own markup (heading, search, filters, sort, count, CSV link), as
 * the list rendered it for these `n` courses, without its cards and Lit's
 * comment markers: taken once, outside the measured time.
 */
async function chrome(n: number): Promise<[string, string]> {
  const known = chromes.get(n);
  if (known) return known;
  await fetched(n);
  const el = newList(n);
  stage.append(el);
  await settled(el, n);
  const copy = document.createElement('div');
  for (const child of el.shadowRoot!.childNodes) copy.append(child.cloneNode(true));
  el.remove();
  const comments = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
  const found: Node[] = [];
  while (comments.nextNode()) found.push(comments.currentNode);
  for (const comment of found) (comment as Comment).remove();
  copy.querySelector('ul.grid')!.replaceChildren(CARDS_SLOT);
  const [before, after] = `<div class="list-host">${copy.innerHTML}</div>`.split(CARDS_SLOT);
  chromes.set(n, [before, after]);
  return [before, after];
}

/** The card's own style sheets, adopted by each card's shadow root as `<course-card>` does. */
const cardSheets = () => ([CourseCard.styles].flat(Infinity) as { styleSheet?: CSSStyleSheet }[]).map((s) => s.styleSheet!);

// ------------------------------------------------------------ the samples

async function litRender(n: number): Promise<number> {
  await fetched(n);
  const el = newList(n);
  return offline(async () => {
    const start = performance.now();
    stage.append(el);
    await settled(el, n);
    return performance.now() - start;
  });
}

async function baselineRender(n: number): Promise<number> {
  const { result, reference } = await fetched(n);
  const courses = result.items.slice(0, n);
  const root = baselineHost();
  const start = performance.now();
  root.innerHTML = listMarkup(courses, reference);
  baselineLayout(root);
  return performance.now() - start;
}

/** A card's markup as a list renders it: its parts named `card-<part>` (the box keeps `card`). */
const listCardMarkup = (course: Course, reference: Reference) =>
  cardMarkup(course, reference).replace(/\bpart="([a-z-]+)"/g, (_, p: string) => `part="${p === 'card' ? p : `card-${p}`}"`);

/**
 * The second baseline: what a hand-written widget of the same structure costs. One parse
 * (`setHTMLUnsafe`) of the list's markup with its cards in the list's own scope, as the
 * list renders them: no framework, no per-card script.
 */
async function structureRender(n: number): Promise<number> {
  const { result, reference } = await fetched(n);
  const courses = result.items.slice(0, n);
  const [before, after] = await chrome(n);
  const root = baselineHost();
  const start = performance.now();
  let cards = '';
  for (const course of courses) cards += `<li>${listCardMarkup(course, reference)}</li>`;
  root.setHTMLUnsafe(before + cards + after);
  layout(root.host, root.querySelector('ul.grid > li .card'));
  return performance.now() - start;
}

/**
 * The former layout, kept as an extra row: the same list with each card in its own
 * declarative shadow root, the card's sheets adopted by each.
 */
async function structureShadowRender(n: number): Promise<number> {
  const { result, reference } = await fetched(n);
  const courses = result.items.slice(0, n);
  const [before, after] = await chrome(n);
  const sheets = cardSheets();
  const root = baselineHost();
  const start = performance.now();
  let cards = '';
  for (const course of courses) cards += `<li><div class="card-host"><template shadowrootmode="open">${cardMarkup(course, reference)}</template></div></li>`;
  root.setHTMLUnsafe(before + cards + after);
  const hosts = root.querySelectorAll('ul.grid > li > div');
  for (const host of hosts) host.shadowRoot!.adoptedStyleSheets = sheets;
  layout(root.host, hosts[0]?.shadowRoot?.querySelector('.card'));
  return performance.now() - start;
}

// ------------------------------------------------------------ the React 19 contender

const reactRoots: Root[] = [];

/**
 * The same list and cards written with React 19 (bench/react-list.ts), bundled in production
 * mode: rendered into a shadow root that adopts the list's own style sheets, as the widget's,
 * committed synchronously (flushSync), then laid out.
 */
async function reactRender(n: number): Promise<number> {
  const { result, reference } = await fetched(n);
  const query = queries.get(n)!;
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  root.adoptedStyleSheets = CatalogueList.elementStyles.map((s) => (s as { styleSheet?: CSSStyleSheet }).styleSheet!);
  stage.append(host);
  const csvUrl = clientFor(apiBase(n)).csvUrl(query);
  const start = performance.now();
  const react = createRoot(root);
  reactRoots.push(react);
  flushSync(() => react.render(createElement(CatalogueListReact, { result: { ...result, items: result.items.slice(0, n) }, reference, i18n, query, csvUrl })));
  layout(host, root.querySelector('ul.grid > li .card'));
  return performance.now() - start;
}

/** The same `<course-card>` elements without the list: created with DOM calls in the baseline's layout. */
async function cardsRender(n: number): Promise<number> {
  const { result, reference } = await fetched(n);
  const courses = result.items.slice(0, n);
  const root = baselineHost();
  return offline(async () => {
    const start = performance.now();
    root.innerHTML = listMarkup([], reference);
    const list = root.querySelector('ul')!;
    const cards: CourseCard[] = [];
    for (const course of courses) {
      const li = document.createElement('li');
      const card = document.createElement('course-card');
      card.course = course;
      card.reference = reference;
      card.setAttribute('heading-level', '3');
      cards.push(card);
      li.append(card);
      list.append(li);
    }
    await Promise.all(cards.map((card) => card.updateComplete));
    layout(root.host, cards[0]?.shadowRoot?.querySelector('.card'));
    return performance.now() - start;
  });
}

/** The reader ticks a mode that keeps about a third of the 2,000 cards shown. */
async function prepareFilter(n: number): Promise<{ el: ListInternals; input: HTMLInputElement; expected: number }> {
  const { result } = await fetched(n);
  const el = newList(n);
  stage.append(el);
  await settled(el, result.items.length);
  if (!filterValue) {
    const modes = result.facets.mode ?? [];
    filterValue = modes.reduce((best, v) => (Math.abs(v.count - n / 3) < Math.abs(best.count - n / 3) ? v : best), modes[0]).id;
  }
  const input = el.shadowRoot!.querySelector<HTMLInputElement>(`input[type="checkbox"][name="mode"][value="${filterValue}"]`);
  if (!input) throw new Error(`no filter box for mode=${filterValue}`);
  if (!filteredQuery) filteredQuery = { ...el.query, mode: [filterValue] };
  const filtered = await fetched(n, filteredQuery);
  return { el, input, expected: filtered.result.items.length };
}

async function litFilterStart(n: number): Promise<{ expected: number }> {
  const { el, input, expected } = await prepareFilter(n);
  pending = { el, input, expected };
  return { expected };
}
let pending: { el: ListInternals; input: HTMLInputElement; expected: number } | undefined;

/** Measured apart from its preparation, so the driver can collect garbage in between. */
async function litFilterRun(): Promise<number> {
  const { el, input, expected } = pending!;
  pending = undefined;
  const ms = await offline(async () => {
    const start = performance.now();
    input.click();
    await settled(el, expected);
    return performance.now() - start;
  });
  const query = encodeQuery(el.query).toString();
  if (query !== encodeQuery(filteredQuery!).toString()) throw new Error(`unexpected query after the filter: ${query}`);
  return ms;
}

let pendingRoot: { root: ShadowRoot; courses: Course[]; reference: Reference } | undefined;
async function baselineFilterStart(n: number): Promise<{ expected: number }> {
  const { result, reference } = await fetched(n);
  if (!filteredQuery) await prepareFilter(n).then(() => clear());
  const filtered = await fetched(n, filteredQuery);
  const root = baselineHost();
  root.innerHTML = listMarkup(result.items, reference);
  baselineLayout(root);
  pendingRoot = { root, courses: filtered.result.items, reference };
  return { expected: filtered.result.items.length };
}

/** A full re-render: the filtered cards' markup replaces the 2,000 shown. */
async function baselineFilterRun(): Promise<number> {
  const { root, courses, reference } = pendingRoot!;
  pendingRoot = undefined;
  const start = performance.now();
  root.innerHTML = listMarkup(courses, reference);
  baselineLayout(root);
  return performance.now() - start;
}

/** Mounts a list of `n` cards, waits for its cards, removes it; `count` times (the data cached once). */
async function cycles(n: number, count: number): Promise<void> {
  await fetched(n);
  for (let i = 0; i < count; i++) {
    const el = newList(n);
    stage.append(el);
    await settled(el, n);
    el.remove();
  }
}

function clear(): void {
  for (const root of reactRoots.splice(0)) root.unmount();
  stage.replaceChildren();
}

/**
 * Every element of a tree in document order, with its attributes (ids and Lit's or React's
 * bookkeeping aside): two renderings with the same outline give the same list.
 */
function outline(root: ParentNode): string[] {
  const lines: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    const attrs = [...el.attributes]
      .filter((a) => a.name !== 'id' && a.name !== 'aria-labelledby' && a.name !== 'for' && a.name !== 'aria-controls' && a.name !== 'aria-describedby')
      .map((a) => `${a.name}=${a.name === 'class' ? a.value.trim().split(/\s+/).sort().join(' ') : a.value}`)
      .sort();
    lines.push(`${el.localName}[${attrs.join(' ')}]`);
  }
  return lines;
}

/** The widget's list and the React list, element by element, and their texts. */
async function compareReact(n: number): Promise<{ same: boolean; widget: number; react: number; firstDifference?: string; widgetText: number; reactText: number }> {
  clear();
  await litRender(n);
  const widgetRoot = stage.querySelector('catalogue-list')!.shadowRoot!;
  const widget = outline(widgetRoot);
  const widgetText = widgetRoot.textContent!.replace(/\s+/g, '');
  clear();
  await reactRender(n);
  const reactRoot = stage.querySelector('div')!.shadowRoot!;
  const react = outline(reactRoot);
  const reactText = reactRoot.textContent!.replace(/\s+/g, '');
  clear();
  const at = widget.findIndex((line, i) => line !== react[i]);
  const same = at < 0 && widget.length === react.length && widgetText === reactText;
  const textAt = [...widgetText].findIndex((c, i) => c !== reactText[i]);
  const firstDifference = same
    ? undefined
    : at >= 0
      ? `#${at}: ${widget[at]} / ${react[at]}`
      : widgetText === reactText
        ? 'length'
        : `text at ${textAt}: « ${widgetText.slice(textAt - 20, textAt + 40)} » / « ${reactText.slice(textAt - 20, textAt + 40)} »`;
  return { same, widget: widget.length, react: react.length, firstDifference, widgetText: widgetText.length, reactText: reactText.length };
}

/** Elements and text of the cards, Lit's and the baseline's, to check they are alike. */
async function compare(n: number): Promise<Record<string, number>> {
  clear();
  await litRender(n);
  const list = stage.querySelector('catalogue-list')!;
  let litElements = 0;
  let litText = 0;
  for (const item of list.shadowRoot!.querySelectorAll('ul.grid.shown > li')) {
    litElements += item.querySelectorAll('*').length;
    litText += item.textContent!.replace(/\s+/g, '').length;
  }
  clear();
  await baselineRender(n);
  const root = stage.querySelector('div')!.shadowRoot!;
  let baseElements = 0;
  let baseText = 0;
  for (const host of root.querySelectorAll('.card-host')) {
    baseElements += host.querySelectorAll('*').length;
    baseText += host.textContent!.replace(/\s+/g, '').length;
  }
  clear();
  // The whole widget against the same-structure baseline: every element, shadow roots included.
  const deep = (root: ParentNode): number =>
    [...root.querySelectorAll('*')].reduce((sum, el) => sum + 1 + (el.shadowRoot ? deep(el.shadowRoot) : 0), 0);
  await litRender(n);
  const listAll = deep(stage.querySelector('catalogue-list')!.shadowRoot!);
  clear();
  await structureRender(n);
  const structureAll = deep(stage.querySelector('div')!.shadowRoot!.querySelector('.list-host')!); // its wrapper stands for the list's host
  clear();
  return { litElements, baseElements, litText, baseText, listAll, structureAll };
}

Object.assign(window, {
  bench: { litRender, reactRender, compareReact, cycles, baselineRender, structureRender, structureShadowRender, cardsRender, litFilterStart, litFilterRun, baselineFilterStart, baselineFilterRun, clear, compare, sink: () => sink },
});

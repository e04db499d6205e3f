import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { encodeQuery, type CourseQuery } from '../src/api/query.js';
import { clientFor } from '../src/api/client.js';
import { loadReference, Reference } from '../src/api/reference.js';
import { CatalogueList } from '../src/catalogue-list/catalogue-list.js';
import { configure, resetConfig } from '../src/core/config.js';
import { FacetMemory, facetGroups } from '../src/catalogue-list/facets.js';
import { mergeQuery, pageItems, readState, writeState } from '../src/catalogue-list/query-state.js';
import { API_BASE, faultBase, freshCache, spyFetch, text, until } from './helpers.js';

if (!customElements.get('catalogue-list')) customElements.define('catalogue-list', CatalogueList);

// ------------------------------------------------------------ helpers

const shadow = (el: Element) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => shadow(el).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...shadow(el).querySelectorAll<T>(selector)];
/** The cards' boxes: the list renders its cards in its own shadow root (`part="card"`). */
const cards = (el: Element) => $$(el, '[part="card"]');
/** The ids of the courses shown, after checking that each card shows its course's title, in order. */
function shownIds(el: CatalogueList): string[] {
  const titles = $$(el, '[part="card-title"]').map((t) => t.textContent!.trim());
  expect(titles, 'one card per course shown, in order').to.deep.equal(el.shownCourses.map((c) => c.title.trim()));
  return el.shownCourses.map((c) => c.id);
}
const countNode = (el: Element) => $(el, '[part="count"]')!;
const countText = (el: Element) => countNode(el).textContent!.trim();
const busy = (el: Element) => $(el, '[part="results"]')?.getAttribute('aria-busy') === 'true';
const box = (el: Element, facet: string, id: string) => $<HTMLInputElement>(el, `input[type="checkbox"][name="${facet}"][value="${id}"]`);
const heading = (el: Element) => $(el, '.heading')!;
const searchInput = (el: Element) => $<HTMLInputElement>(el, 'input[type="search"]')!;
const pageControl = (el: Element, label: string) => $<HTMLElement>(el, `[part="pagination"] [aria-label="${label}"]`)!;

/** Waits until the list shows an answer (results, empty or error) and is not busy. */
async function settled(el: Element): Promise<void> {
  await until(() => !busy(el) && $(el, '[part="list"], [part="empty"], [part="error"]'), 'the list to settle');
  await (el as CatalogueList).updateComplete;
}

const realFetch = window.fetch.bind(window);
async function apiGet<T>(path: string): Promise<T> {
  const response = await realFetch(`${API_BASE}/v1${path}`);
  return (await response.json()) as T;
}
interface RawCourse {
  id: string;
  title: string;
  partnerIds?: string[];
}
const apiCourses = (query: CourseQuery) =>
  apiGet<{ total: number; items: RawCourse[]; facets: Record<string, { id: string; count: number }[]> }>(`/courses?${encodeQuery(query)}`);
const frCount = (n: number) => (n === 0 ? 'Aucune formation' : `${new Intl.NumberFormat('fr').format(n)} formation${n > 1 ? 's' : ''}`);

interface Ids {
  total: number;
  parent: string;
  sub: string;
  otherExpertise: string;
  audiences: string[];
  mode: string;
  kind: string;
}
let ids: Ids;
/** Values taken from the seed through the API, so tests do not hard-code the catalogue. */
async function seedIds(): Promise<Ids> {
  if (ids) return ids;
  const expertises = (await apiGet<{ items: { id: string; parentId?: string }[] }>('/expertises')).items;
  const all = await apiCourses({});
  const counts = new Map(all.facets.expertise.map((v) => [v.id, v.count]));
  const parent = expertises.find(
    (e) => !e.parentId && (counts.get(e.id) ?? 0) > 0 && expertises.some((c) => c.parentId === e.id && (counts.get(c.id) ?? 0) > 0 && counts.get(c.id)! < counts.get(e.id)!),
  )!;
  const sub = expertises.find((c) => c.parentId === parent.id && (counts.get(c.id) ?? 0) > 0 && counts.get(c.id)! < counts.get(parent.id)!)!;
  const otherExpertise = expertises.find((e) => !e.parentId && e.id !== parent.id && (counts.get(e.id) ?? 0) > 0)!;
  const byCount = (facet: string) => all.facets[facet].filter((v) => v.count > 0 && v.count < all.total).map((v) => v.id);
  ids = {
    total: all.total,
    parent: parent.id,
    sub: sub.id,
    otherExpertise: otherExpertise.id,
    audiences: byCount('audience').slice(0, 2),
    mode: byCount('mode')[0],
    kind: byCount('kind')[0],
  };
  return ids;
}

const startUrl = location.href;
afterEach(() => {
  history.replaceState(null, '', startUrl);
  document.documentElement.lang = 'fr';
});
beforeEach(() => freshCache());

// ------------------------------------------------------------ tests

describe('catalogue-list: pure state helpers', () => {
  const parentOf = (id: string) => ({ 'sub-a': 'a', 'sub-b': 'b' })[id];

  it('narrows presets with the reader’s choices and ignores choices outside them', () => {
    const q = mergeQuery({ expertise: ['a'], q: 'cloud' }, { expertise: ['sub-a', 'sub-b'], q: 'souverain', page: 2 }, { pageSize: 12 }, parentOf);
    expect(q).to.deep.equal({ expertise: ['sub-a'], q: 'cloud souverain', page: 2, pageSize: 12 });
    expect(mergeQuery({ audience: ['x', 'y'] }, { audience: ['z'] }, { pageSize: 5 }, parentOf).audience).to.deep.equal(['x', 'y']);
    expect(mergeQuery({}, { expertise: ['a', 'sub-a'] }, { pageSize: 5 }, parentOf).expertise).to.deep.equal(['sub-a']);
    expect(mergeQuery({ free: true }, {}, { sort: 'title', pageSize: 5 }, parentOf)).to.deep.equal({ free: true, sort: 'title', pageSize: 5 });
  });

  it('numbers pages with the first, the last, the neighbours and gaps', () => {
    expect(pageItems(1, 1)).to.deep.equal([1]);
    expect(pageItems(1, 10)).to.deep.equal([1, 2, 'gap', 10]);
    expect(pageItems(3, 10)).to.deep.equal([1, 2, 3, 4, 'gap', 10]);
    expect(pageItems(5, 10)).to.deep.equal([1, 'gap', 4, 5, 6, 'gap', 10]);
    expect(pageItems(10, 10)).to.deep.equal([1, 'gap', 9, 10]);
  });

  it('writes its state under its prefix and keeps the page’s other parameters', () => {
    const search = writeState('x=1&c1-q=old&c2-q=other&c1-page=3', 'c1-', { q: 'data', expertise: ['b', 'a'], sort: 'relevance' });
    const params = new URLSearchParams(search);
    expect(params.get('x')).to.equal('1');
    expect(params.get('c2-q')).to.equal('other');
    expect(params.get('c1-q')).to.equal('data');
    expect(params.getAll('c1-expertise')).to.deep.equal(['a', 'b']);
    expect(params.get('c1-page')).to.equal(null);
    expect(params.get('c1-sort')).to.equal('relevance');
    expect(readState(search, 'c1-')).to.deep.equal({ q: 'data', expertise: ['a', 'b'], sort: 'relevance' });
    expect(readState(search, 'c2-')).to.deep.equal({ q: 'other' });
  });

  it('remembers the facet values offered, in order: one without result stays in place, with 0, disabled unless checked', () => {
    const memory = new FacetMemory();
    memory.remember({ kind: [{ id: 'a', count: 3 }, { id: 'b', count: 2 }, { id: 'c', count: 1 }] });
    memory.remember({ kind: [{ id: 'a', count: 1 }, { id: 'a2', count: 1 }, { id: 'c', count: 1 }] });
    expect(memory.values('kind')).to.deep.equal(['a', 'a2', 'b', 'c']);
    const groups = facetGroups({ kind: [{ id: 'a', count: 1 }, { id: 'c', count: 4 }] }, Reference.empty(), { kind: ['a2'] }, {}, memory);
    expect(groups[0].options.map((o) => [o.id, o.count, o.disabled, o.checked])).to.deep.equal([
      ['a', 1, false, false],
      ['a2', 0, false, true],
      ['b', 0, true, false],
      ['c', 4, false, false],
    ]);
  });

  it('labels facet values unknown to the reference with their id', () => {
    const groups = facetGroups({ kind: [{ id: 'inconnu', count: 3 }] }, Reference.empty(), {}, {});
    expect(groups).to.have.length(1);
    expect(groups[0].options[0]).to.include({ id: 'inconnu', label: 'inconnu', count: 3 });
  });
});

describe('catalogue-list', function () {
  this.timeout(30000);

  before(async () => {
    await seedIds();
  });

  it('shows skeletons and aria-busy while loading, and passes axe', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${faultBase('delay=1500,only=courses')}></catalogue-list>`);
    expect(busy(el)).to.equal(true);
    expect($$(el, '.placeholder').length).to.be.greaterThan(0);
    expect(countNode(el).getAttribute('role')).to.equal('status');
    expect(countText(el)).to.equal('Chargement des formations…');
    await expect(el).to.be.accessible();
    await settled(el);
    expect($$(el, '.placeholder')).to.have.length(0);
  });

  it('gives two labelled catalogues on one page distinct landmark names; the page passes axe', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <catalogue-list api-base=${API_BASE} label="Cybersécurité" expertise="cybersecurite" page-size="2"></catalogue-list>
      <catalogue-list api-base=${API_BASE} label="Données" expertise="data" page-size="2"></catalogue-list>
    </div>`);
    const [a, b] = [...page.querySelectorAll<CatalogueList>('catalogue-list')];
    await settled(a);
    await settled(b);
    const names = (el: Element, selector: string) => $(el, selector)!.getAttribute('aria-label');
    expect(names(a, '[role="search"]')).to.equal('Rechercher une formation – Cybersécurité');
    expect(names(b, '[role="search"]')).to.equal('Rechercher une formation – Données');
    expect(names(a, 'nav[part="pagination"]')).to.not.equal(names(b, 'nav[part="pagination"]'));
    await expect(page).to.be.accessible();
  });

  it('gives its cards a text override at once, though it reuses the cards it already made', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} page-size="4"></catalogue-list>`);
    await settled(el);
    const before = $$(el, '[part="card"]');
    try {
      configure({ messages: { fr: { 'card.tags': 'Sujets' } } });
      await el.updateComplete;
      expect($$(el, '[part="card-tags"]').map((t) => t.getAttribute('aria-label'))).to.include('Sujets').and.not.include('Thématiques');
      // The same cards, updated in place.
      expect($$(el, '[part="card"]')).to.deep.equal(before);
    } finally {
      resetConfig();
    }
    await el.updateComplete;
    expect($$(el, '[part="card-tags"]')[0].getAttribute('aria-label')).to.equal('Thématiques');
  });

  it('shows the first page: count, cards with the reference, heading levels, CSV link; passes axe', async () => {
    const loads: CustomEvent[] = [];
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} @campus-load=${(e: CustomEvent) => loads.push(e)}></catalogue-list>`);
    await settled(el);
    expect(countText(el)).to.equal(frCount(ids.total));
    expect(cards(el)).to.have.length(12);
    expect(shownIds(el)[0]).to.be.a('string');
    // The reference's labels: each kind badge shows a label, not an id (the reference is the list's, loaded once).
    const reference = await loadReference(clientFor(API_BASE));
    const withKind = el.shownCourses.filter((c) => c.kind);
    expect(withKind.length).to.be.greaterThan(0);
    expect($$(el, '[part="card-kind"] .badge').map((b) => b.textContent)).to.deep.equal(withKind.map((c) => reference.label('kinds', c.kind)));
    expect(heading(el).localName).to.equal('h2');
    expect($$(el, '[part="card-title"]').every((t) => t.getAttribute('aria-level') === '3')).to.equal(true);
    // The cards' own words (hidden labels, list names) are the list's to say, with no <course-card> on the page.
    expect(customElements.get('course-card')).to.equal(undefined);
    expect($$(el, '[part="card-tags"]')[0].getAttribute('aria-label')).to.equal('Thématiques');
    expect($$(el, '[part="card-price"] .visually-hidden')[0].textContent).to.match(/^Tarif\s:\s$/);
    expect(el.shadowRoot!.textContent).not.to.match(/\bcard\.[a-z]/);
    const csv = $<HTMLAnchorElement>(el, 'a[part="csv"]')!;
    expect(csv.hasAttribute('download')).to.equal(true);
    expect(csv.href).to.equal(`${API_BASE}/v1/courses.csv`);
    expect(csv.textContent).to.contain('CSV').and.contain(new Intl.NumberFormat('fr').format(ids.total));
    expect(loads).to.have.length(1);
    expect(loads[0].detail).to.deep.equal({ total: ids.total, dropped: 0 });
    await expect(el).to.be.accessible();
  });

  it('applies a preset of one value and hides it from the filters, offering its sub-themes', async () => {
    const expected = await apiCourses({ expertise: [ids.parent] });
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} expertise=${ids.parent}></catalogue-list>`);
    await settled(el);
    expect(countText(el)).to.equal(frCount(expected.total));
    expect(expected.total).to.be.lessThan(ids.total);
    expect(shownIds(el)).to.deep.equal(expected.items.map((c) => c.id));
    expect(box(el, 'expertise', ids.parent)).to.equal(null);
    expect(box(el, 'expertise', ids.otherExpertise)).to.equal(null);
    // The reader narrows to a sub-theme; the preset stays (no way to remove it).
    box(el, 'expertise', ids.sub)!.click();
    await until(() => busy(el) === false && el.query.expertise?.[0] === ids.sub, 'sub-theme applied');
    await settled(el);
    const narrowed = await apiCourses({ expertise: [ids.sub] });
    expect(countText(el)).to.equal(frCount(narrowed.total));
    expect($(el, '[part="clear"]')).to.exist;
  });

  it('applies presets of several values and several filters', async () => {
    const [a, b] = ids.audiences;
    const query = { audience: [a, b], mode: [ids.mode], kind: [ids.kind] };
    const expected = await apiCourses(query);
    const spy = spyFetch();
    try {
      const el = await fixture<CatalogueList>(
        html`<catalogue-list api-base=${API_BASE} audience="${a}, ${b}" mode=${ids.mode} kind=${ids.kind}></catalogue-list>`,
      );
      await settled(el);
      expect(countText(el)).to.equal(frCount(expected.total));
      const request = new URL(spy.calls.find((u) => u.includes('/v1/courses?'))!);
      expect(request.searchParams.getAll('audience')).to.deep.equal([a, b].sort());
      expect(request.searchParams.get('mode')).to.equal(ids.mode);
      expect(request.searchParams.get('kind')).to.equal(ids.kind);
      // Two preset audiences: the reader may pick one of them, and only them.
      expect(box(el, 'audience', a) ?? box(el, 'audience', b)).to.exist;
      expect($$<HTMLInputElement>(el, 'input[name="audience"]').every((i) => [a, b].includes(i.value))).to.equal(true);
    } finally {
      spy.restore();
    }
  });

  it('shows only a partner’s co-branded courses with the partner preset', async () => {
    const expected = await apiCourses({ partner: ['atn-quebec'] });
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} partner="atn-quebec" page-size="50"></catalogue-list>`);
    await settled(el);
    expect(expected.total).to.be.greaterThan(0);
    expect(countText(el)).to.equal(frCount(expected.total));
    expect(el.shownCourses.length).to.be.greaterThan(0);
    expect(el.shownCourses.every((c) => c.partnerIds.includes('atn-quebec'))).to.equal(true);
  });

  it('debounces typing into one request, applies it without moving focus, and finds words without accents', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE}></catalogue-list>`);
    await settled(el);
    const spy = spyFetch();
    try {
      const input = searchInput(el);
      input.focus();
      // Keys come in as a person types them: an input event every 40 ms, each far below the debounce delay
      // (page timers, so a slow machine delays the gaps and the debounce alike).
      for (let i = 1; i <= 'cyber'.length; i++) {
        input.value = 'cyber'.slice(0, i);
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: input.value.at(-1) }));
        await new Promise((r) => setTimeout(r, 40));
      }
      await until(() => el.query.q === 'cyber', 'the search applied after a pause');
      await settled(el);
      const requests = spy.calls.filter((u) => u.includes('/v1/courses?'));
      expect(requests).to.have.length(1);
      expect(new URL(requests[0]).searchParams.get('q')).to.equal('cyber');
      expect(shadow(el).activeElement).to.equal(input);
      expect(countText(el)).to.equal(frCount((await apiCourses({ q: 'cyber' })).total));
      const plain = await apiCourses({ q: 'securite' });
      const accented = await apiCourses({ q: 'sécurité' });
      expect(plain.total).to.be.greaterThan(0).and.lessThan(ids.total);
      expect(accented.total).to.equal(plain.total);

      // The same words with accents, through the widget.
      input.value = 'SÉCURITÉ';
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      await until(() => el.query.q === 'SÉCURITÉ', 'accented search applied');
      await settled(el);
      expect(countText(el)).to.equal(frCount(plain.total));
    } finally {
      spy.restore();
    }
  });

  it('filters on a checkbox click, keeps focus on it, and announces the count in the same live region', async () => {
    const changes: CourseQuery[] = [];
    const el = await fixture<CatalogueList>(
      html`<catalogue-list api-base=${API_BASE} @campus-filters-change=${(e: CustomEvent<CourseQuery>) => changes.push(e.detail)}></catalogue-list>`,
    );
    await settled(el);
    const live = countNode(el);
    expect(live.getAttribute('aria-live')).to.equal('polite');
    const before = countText(el);
    const input = box(el, 'expertise', ids.parent)!;
    input.focus();
    input.click();
    await until(() => countText(el) !== before, 'the count to change');
    await settled(el);
    const expected = await apiCourses({ expertise: [ids.parent] });
    expect(countNode(el)).to.equal(live);
    expect(countText(el)).to.equal(frCount(expected.total));
    expect(shadow(el).activeElement).to.equal(input);
    expect(input.isConnected && input.checked).to.equal(true);
    expect(changes).to.have.length(1);
    expect(changes[0].expertise).to.deep.equal([ids.parent]);
    // Its sub-themes appear under it, in a group.
    expect($(el, `[role="group"] input[value="${ids.sub}"]`)).to.exist;
  });

  it('keeps a value with no result under the other filters in place, with 0 and aria-disabled; it stays focusable and does not toggle', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE}></catalogue-list>`);
    await settled(el);
    const values = (facet: string) => $$<HTMLInputElement>(el, `input[type="checkbox"][name="${facet}"]`).map((i) => i.value);
    const kindsBefore = values('kind');
    // An audience under which some kind of course has no result.
    const all = await apiCourses({});
    let audience = '';
    let empty = '';
    for (const { id } of all.facets.audience) {
      const under = await apiCourses({ audience: [id] });
      const missing = kindsBefore.find((k) => !under.facets.kind.some((v) => v.id === k && v.count > 0));
      if (missing) [audience, empty] = [id, missing];
      if (missing) break;
    }
    expect(audience, 'an audience leaving a kind without result').to.not.equal('');
    const before = countText(el);
    box(el, 'audience', audience)!.click();
    await until(() => countText(el) !== before, 'the count to change');
    await settled(el);
    // Every kind is still there, in the same order; the empty one says 0 and is unavailable.
    expect(values('kind')).to.deep.equal(kindsBefore);
    const input = box(el, 'kind', empty)!;
    expect(input.getAttribute('aria-disabled')).to.equal('true');
    expect(input.disabled).to.equal(false);
    expect(text(input.closest('label'))).to.match(/\(0\)$/);
    // Focusable, announced as unavailable; a click (or Space) changes nothing.
    input.focus();
    expect(shadow(el).activeElement).to.equal(input);
    const query = JSON.stringify(el.query);
    input.click();
    await el.updateComplete;
    expect(input.checked).to.equal(false);
    expect(JSON.stringify(el.query)).to.equal(query);
    // A ticked value is never disabled, even at 0.
    expect(box(el, 'audience', audience)!.hasAttribute('aria-disabled')).to.equal(false);
    await expect(el).to.be.accessible();
    // Untick: the kind counts again.
    box(el, 'audience', audience)!.click();
    await until(() => !box(el, 'kind', empty)!.hasAttribute('aria-disabled'), 'the kind available again');
  });

  it('narrows an expertise to a picked sub-theme', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE}></catalogue-list>`);
    await settled(el);
    box(el, 'expertise', ids.parent)!.click();
    await until(() => box(el, 'expertise', ids.sub), 'sub-theme shown');
    box(el, 'expertise', ids.sub)!.click();
    await until(() => el.query.expertise?.join() === ids.sub, 'the sub-theme narrows');
    await settled(el);
    expect(countText(el)).to.equal(frCount((await apiCourses({ expertise: [ids.sub] })).total));
    // Unchecking the expertise drops its sub-theme too.
    box(el, 'expertise', ids.parent)!.click();
    await until(() => !el.query.expertise, 'no expertise left');
    await settled(el);
    expect(countText(el)).to.equal(frCount(ids.total));
  });

  it('keeps previous cards, marked busy, until the new ones arrive, and aborts a superseded request', async () => {
    const base = faultBase('delay=1200,only=courses');
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${base}></catalogue-list>`);
    await settled(el);
    const shown = cards(el);
    const seen: { url: string; signal?: AbortSignal | null }[] = [];
    const original = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push({ url: String(input), signal: init?.signal });
      return original.call(window, input, init);
    };
    const loads: CustomEvent[] = [];
    el.addEventListener('campus-load', (e) => loads.push(e));
    try {
      box(el, 'expertise', ids.parent)!.click();
      await el.updateComplete;
      expect(busy(el)).to.equal(true);
      expect(cards(el).length === shown.length && cards(el).every((c, i) => c === shown[i])).to.equal(true);
      box(el, 'expertise', ids.otherExpertise)!.click();
      await el.updateComplete;
      await until(() => seen.length >= 2, 'two requests');
      const first = seen.find((s) => new URL(s.url).searchParams.getAll('expertise').length === 1)!;
      await until(() => first.signal?.aborted, 'the first request aborted');
      await settled(el);
      const expected = await apiCourses({ expertise: [ids.parent, ids.otherExpertise] });
      expect(countText(el)).to.equal(frCount(expected.total));
      expect(shownIds(el)).to.deep.equal(expected.items.map((c) => c.id));
      expect(loads).to.have.length(1);
    } finally {
      window.fetch = original;
    }
  });

  it('pages with numbers, aria-current, previous and next, and moves focus to the heading', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE}></catalogue-list>`);
    await settled(el);
    const nav = $(el, 'nav[part="pagination"]')!;
    expect(nav.getAttribute('aria-label')).to.equal('Pagination des formations');
    expect(pageControl(el, 'Page 1').getAttribute('aria-current')).to.equal('page');
    expect((pageControl(el, 'Page précédente') as HTMLButtonElement).disabled).to.equal(true);
    const firstIds = shownIds(el);
    pageControl(el, 'Page 2').click();
    await until(() => shadow(el).activeElement === heading(el), 'focus on the heading');
    await settled(el);
    expect(heading(el).getAttribute('tabindex')).to.equal('-1');
    expect(pageControl(el, 'Page 2').getAttribute('aria-current')).to.equal('page');
    expect(heading(el).textContent).to.contain('page 2 sur');
    const page2 = await apiCourses({ page: 2 });
    expect(shownIds(el)).to.deep.equal(page2.items.map((c) => c.id));
    expect(shownIds(el)).not.to.deep.equal(firstIds);
    pageControl(el, 'Page suivante').click();
    await until(() => el.query.page === 3, 'page 3');
    await settled(el);
    pageControl(el, 'Page précédente').click();
    await until(() => el.query.page === 2, 'back to page 2');
    await settled(el);
    expect(pageControl(el, 'Page 2').getAttribute('aria-current')).to.equal('page');
    expect($$(el, '[part="pagination"] .gap').length).to.be.greaterThan(0);
  });

  it('honours page-size', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} page-size="5"></catalogue-list>`);
    await settled(el);
    expect(cards(el)).to.have.length(5);
    const last = Math.ceil(ids.total / 5);
    expect(pageControl(el, `Page ${last}`)).to.exist;
    expect(pageControl(el, `Page ${last + 1}`)).to.equal(null);
  });

  it('sorts without a change of context and says so in the live region', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE}></catalogue-list>`);
    await settled(el);
    const live = countNode(el);
    const select = $<HTMLSelectElement>(el, 'select[part="sort"]')!;
    expect(select.labels?.[0]?.textContent).to.equal('Trier par');
    select.focus();
    select.value = 'title';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => el.query.sort === 'title', 'sorted');
    await settled(el);
    const expected = await apiCourses({ sort: 'title' });
    expect(shownIds(el)).to.deep.equal(expected.items.map((c) => c.id));
    expect(countNode(el)).to.equal(live);
    expect(countText(el)).to.equal(`${frCount(ids.total)}. Tri : Titre (de A à Z)`);
    expect(shadow(el).activeElement).to.equal(select);
  });

  it('links the CSV export of the filtered list', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} mode=${ids.mode}></catalogue-list>`);
    await settled(el);
    box(el, 'expertise', ids.parent)!.click();
    await until(() => el.query.expertise, 'filter applied');
    await settled(el);
    const csv = $<HTMLAnchorElement>(el, 'a[part="csv"]')!;
    const url = new URL(csv.href);
    expect(url.pathname).to.equal(new URL(`${API_BASE}/v1/courses.csv`).pathname);
    expect(url.search).to.equal(`?${encodeQuery({ expertise: [ids.parent], mode: [ids.mode] })}`);
    const total = (await apiCourses({ expertise: [ids.parent], mode: [ids.mode] })).total;
    expect(csv.textContent!.trim()).to.equal(`Télécharger la liste (CSV, ${frCount(total)})`);
    const body = await (await realFetch(csv.href)).text();
    expect(body.trim().split('\n').length).to.be.greaterThan(total);
  });

  describe('sync-url', () => {
    it('writes the state under its prefix, keeps the page’s parameters, and links pages', async () => {
      history.replaceState(null, '', `${location.pathname}${location.search}${location.search ? '&' : '?'}host=1`);
      const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} sync-url url-prefix="c1-"></catalogue-list>`);
      await settled(el);
      const pushes: unknown[] = [];
      const push = history.pushState;
      history.pushState = function (this: History, ...args: Parameters<History['pushState']>) {
        pushes.push(args[2]);
        return push.apply(this, args);
      };
      try {
        box(el, 'expertise', ids.parent)!.click();
        await until(() => new URLSearchParams(location.search).get('c1-expertise') === ids.parent, 'state in the URL');
      } finally {
        history.pushState = push;
      }
      expect(pushes).to.have.length(1);
      expect(new URLSearchParams(location.search).get('host')).to.equal('1');
      await settled(el);
      const link = pageControl(el, 'Page 2') as HTMLAnchorElement;
      expect(link.localName).to.equal('a');
      expect(new URL(link.href).searchParams.get('c1-page')).to.equal('2');
      link.click();
      await until(() => new URLSearchParams(location.search).get('c1-page') === '2', 'page in the URL');
      await until(() => shadow(el).activeElement === heading(el), 'focus on the heading');
    });

    it('restores the state on load', async () => {
      const params = new URLSearchParams(location.search);
      params.set('c1-sort', 'title');
      params.set('c1-page', '2');
      params.set('c1-expertise', ids.parent);
      history.replaceState(null, '', `?${params}`);
      const spy = spyFetch();
      try {
        const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} sync-url url-prefix="c1-" page-size="1"></catalogue-list>`);
        await settled(el);
        expect(box(el, 'expertise', ids.parent)!.checked).to.equal(true);
        expect($<HTMLSelectElement>(el, 'select[part="sort"]')!.value).to.equal('title');
        const requests = spy.calls.filter((u) => u.includes('/v1/courses?'));
        expect(requests).to.have.length(1);
        const sent = new URL(requests[0]).searchParams;
        expect([sent.get('sort'), sent.get('page'), sent.get('expertise')]).to.deep.equal(['title', '2', ids.parent]);
        const expected = await apiCourses({ expertise: [ids.parent], sort: 'title', page: 2, pageSize: 1 });
        expect(shownIds(el)).to.deep.equal(expected.items.map((c) => c.id));
      } finally {
        spy.restore();
      }
    });

    it('follows back and forward', async () => {
      const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} sync-url url-prefix="c1-"></catalogue-list>`);
      await settled(el);
      box(el, 'expertise', ids.parent)!.click();
      await until(() => location.search.includes('c1-expertise'), 'first choice');
      await settled(el);
      box(el, 'expertise', ids.otherExpertise)!.click();
      await until(() => new URLSearchParams(location.search).getAll('c1-expertise').length === 2, 'second choice');
      await settled(el);
      const one = await apiCourses({ expertise: [ids.parent] });
      history.back();
      await until(() => el.query.expertise?.length === 1, 'back to one expertise');
      await settled(el);
      expect(box(el, 'expertise', ids.otherExpertise)!.checked).to.equal(false);
      expect(box(el, 'expertise', ids.parent)!.checked).to.equal(true);
      expect(countText(el)).to.equal(frCount(one.total));
      history.forward();
      await until(() => el.query.expertise?.length === 2, 'forward to two expertises');
      await settled(el);
      expect(box(el, 'expertise', ids.otherExpertise)!.checked).to.equal(true);
      history.back();
      await until(() => el.query.expertise?.length === 1, 'back again');
      history.back();
      await until(() => !el.query.expertise, 'back to the start');
      await settled(el);
      expect(countText(el)).to.equal(frCount(ids.total));
      // The sort follows too.
      const select = $<HTMLSelectElement>(el, 'select[part="sort"]')!;
      select.value = 'title';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await until(() => new URLSearchParams(location.search).get('c1-sort') === 'title', 'sort in the URL');
      history.back();
      await until(() => !el.query.sort, 'sort back to relevance');
      await el.updateComplete;
      expect(select.value).to.equal('relevance');
    });

    it('keeps two lists on one page apart with two prefixes', async () => {
      const params = new URLSearchParams(location.search);
      params.set('b-q', 'donnees');
      history.replaceState(null, '', `?${params}`);
      const page = await fixture<HTMLDivElement>(html`<div>
        <catalogue-list id="a" api-base=${API_BASE} sync-url url-prefix="a-"></catalogue-list>
        <catalogue-list id="b" api-base=${API_BASE} sync-url url-prefix="b-"></catalogue-list>
      </div>`);
      const a = page.querySelector<CatalogueList>('#a')!;
      const b = page.querySelector<CatalogueList>('#b')!;
      await settled(a);
      await settled(b);
      expect(searchInput(a).value).to.equal('');
      expect(searchInput(b).value).to.equal('donnees');
      box(a, 'expertise', ids.parent)!.click();
      await until(() => new URLSearchParams(location.search).get('a-expertise') === ids.parent, 'a in the URL');
      const search = new URLSearchParams(location.search);
      expect(search.get('b-q')).to.equal('donnees');
      expect(search.get('b-expertise')).to.equal(null);
      expect(b.query.expertise).to.equal(undefined);
      expect(b.query.q).to.equal('donnees');
    });
  });

  it('shows a bare list with hide-filters: count and pagination, no search nor filters', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} hide-filters></catalogue-list>`);
    await settled(el);
    expect($(el, '[part="search"]')).to.equal(null);
    expect($(el, '[part="filters"]')).to.equal(null);
    expect($(el, 'fieldset')).to.equal(null);
    expect($(el, '[part="sort"]')).to.equal(null);
    expect(countText(el)).to.equal(frCount(ids.total));
    expect($(el, '[part="pagination"]')).to.exist;
    expect(cards(el)).to.have.length(12);
  });

  it('shows the empty state with a clear action that restores the list and focuses the heading; passes axe', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE}></catalogue-list>`);
    await settled(el);
    searchInput(el).focus();
    await sendKeys({ type: 'zzqxwv' });
    await sendKeys({ press: 'Enter' });
    await until(() => $(el, '[part="empty"]'), 'the empty state');
    await settled(el);
    expect(countText(el)).to.equal('Aucune formation');
    expect($(el, '[part="empty"]')!.textContent).to.contain('Aucune formation ne correspond');
    expect($(el, 'a[part="csv"]')).to.equal(null);
    await expect(el).to.be.accessible();
    $(el, '[part="empty"] [part="clear"]')!.click();
    await until(() => shadow(el).activeElement === heading(el), 'focus on the heading');
    await settled(el);
    expect(countText(el)).to.equal(frCount(ids.total));
    expect(searchInput(el).value).to.equal('');
  });

  it('offers no clear action when only presets give no result', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} q="zzqxwv"></catalogue-list>`);
    await settled(el);
    expect($(el, '[part="empty"]')!.textContent).to.contain('Aucune formation n’est proposée');
    expect($(el, '[part="clear"]')).to.equal(null);
  });

  it('shows an error with a retry and fires campus-error; passes axe', async () => {
    const errors: CustomEvent[] = [];
    const el = await fixture<CatalogueList>(
      html`<catalogue-list api-base=${faultBase('status=500')} @campus-error=${(e: CustomEvent) => errors.push(e)}></catalogue-list>`,
    );
    await settled(el);
    const alert = $(el, '[part="error"]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('rencontre un problème');
    expect($(el, '[part="retry"]')).to.exist;
    expect(errors).to.have.length(1);
    expect(alert.textContent).to.contain(errors[0].detail.message);
    expect(countText(el)).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('retries after a 500, and the retry works', async () => {
    const key = `list-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${faultBase(`status=500,times=1,key=${key},only=courses`)}></catalogue-list>`);
    await settled(el);
    expect($(el, '[part="error"]')).to.exist;
    $(el, '[part="retry"]')!.click();
    await until(() => $(el, '[part="list"]'), 'the results after the retry');
    await settled(el);
    expect(cards(el)).to.have.length(12);
    expect(countText(el)).to.equal(frCount(ids.total));
    expect(shadow(el).activeElement).to.equal(heading(el));
  });

  it('keeps the reader’s filters and words through an error', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE}></catalogue-list>`);
    await settled(el);
    box(el, 'expertise', ids.parent)!.click();
    await until(() => el.query.expertise, 'filter');
    await settled(el);
    el.setAttribute('api-base', faultBase('status=500'));
    searchInput(el).focus();
    await sendKeys({ type: 'donnees' });
    await until(() => $(el, '[part="error"]') && el.query.q === 'donnees', 'the error');
    await settled(el);
    expect(box(el, 'expertise', ids.parent)!.checked).to.equal(true);
    expect(searchInput(el).value).to.equal('donnees');
    el.setAttribute('api-base', API_BASE);
    await until(() => !$(el, '[part="error"]'), 'results again');
    await settled(el);
    expect(countText(el)).to.equal(frCount((await apiCourses({ expertise: [ids.parent], q: 'donnees' })).total));
    expect(searchInput(el).value).to.equal('donnees');
  });

  it('treats malformed JSON as an error', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${faultBase('malformed,only=courses')}></catalogue-list>`);
    await settled(el);
    expect($(el, '[part="error"]')!.textContent).to.contain('réponse illisible');
  });

  it('leaves out invalid items with a discreet note and reports them in campus-load', async () => {
    const loads: CustomEvent[] = [];
    const warn = console.warn;
    console.warn = () => {};
    try {
      const el = await fixture<CatalogueList>(
        html`<catalogue-list api-base=${faultBase('invalid,only=courses')} @campus-load=${(e: CustomEvent) => loads.push(e)}></catalogue-list>`,
      );
      await settled(el);
      expect($(el, '[part="partial-note"]')!.textContent).to.equal('2 éléments illisibles n’ont pas pu être affichés.');
      expect(cards(el)).to.have.length(12);
      expect(loads[0].detail).to.deep.equal({ total: ids.total, dropped: 2 });
    } finally {
      console.warn = warn;
    }
  });

  it('fires campus-course-select from a card, cancelable, with the course', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} course-href="/formations/{id}"></catalogue-list>`);
    await settled(el);
    const course = el.shownCourses[0];
    const link = cards(el)[0].querySelector<HTMLAnchorElement>('a[part="card-link"]')!;
    expect(link.getAttribute('href')).to.equal(`/formations/${encodeURIComponent(course.id)}`);
    el.addEventListener('campus-course-select', (e) => e.preventDefault(), { once: true });
    // Cancelling the select event cancels the link's navigation; a net keeps the test page in any case.
    let navigationCancelled: boolean | undefined;
    const net = (e: Event) => {
      navigationCancelled = e.defaultPrevented;
      e.preventDefault();
    };
    document.addEventListener('click', net);
    try {
      setTimeout(() => link.click());
      const event = await oneEvent(el, 'campus-course-select');
      expect(event.detail.course).to.equal(course);
      await until(() => navigationCancelled !== undefined, 'the click to reach the page');
      expect(navigationCancelled).to.equal(true);
    } finally {
      document.removeEventListener('click', net);
    }
  });

  it('exports the card parts: a page style reaches a card’s title', async () => {
    const style = document.createElement('style');
    style.textContent = 'catalogue-list::part(card-title) { color: rgb(1, 2, 3); }';
    document.head.append(style);
    try {
      const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE}></catalogue-list>`);
      await settled(el);
      const title = cards(el)[0].querySelector('[part~="card-title"]')!;
      expect(getComputedStyle(title).color).to.equal('rgb(1, 2, 3)');
    } finally {
      style.remove();
    }
  });

  it('works with the keyboard alone: Tab to the search, type, Enter, Tab to a filter, Space', async () => {
    const page = await fixture<HTMLDivElement>(html`<div class="wide">
      <button id="before">avant</button>
      <catalogue-list api-base=${API_BASE}></catalogue-list>
    </div>`);
    page.style.width = '64em';
    const el = page.querySelector<CatalogueList>('catalogue-list')!;
    await settled(el);
    page.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement).to.equal(searchInput(el));
    await sendKeys({ type: 'donnees' });
    await sendKeys({ press: 'Enter' });
    await until(() => el.query.q === 'donnees', 'search applied at once');
    await settled(el);
    await sendKeys({ press: 'Tab' }); // the search button
    await sendKeys({ press: 'Tab' }); // the first filter
    const focused = shadow(el).activeElement as HTMLInputElement;
    expect(focused.type).to.equal('checkbox');
    expect(focused.checked).to.equal(false);
    await sendKeys({ press: ' ' }); // Space (a key name Firefox's WebDriver BiDi accepts)
    await until(() => el.query[focused.name as 'expertise']?.includes(focused.value), 'filter applied');
    await settled(el);
    expect(shadow(el).activeElement).to.equal(focused);
    expect(focused.checked).to.equal(true);
    expect(countText(el)).to.equal(frCount((await apiCourses({ q: 'donnees', [focused.name]: [focused.value] })).total));
  });

  it('collapses the filters behind a disclosure in a narrow container, without horizontal scroll', async () => {
    const page = await fixture<HTMLDivElement>(html`<div><catalogue-list api-base=${API_BASE}></catalogue-list></div>`);
    page.style.width = '320px';
    const el = page.querySelector<CatalogueList>('catalogue-list')!;
    await settled(el);
    const toggle = $<HTMLButtonElement>(el, '[part="filters-toggle"]')!;
    const panel = $(el, '[part="filters"]')!;
    expect(getComputedStyle(toggle).display).not.to.equal('none');
    expect(getComputedStyle(panel).display).to.equal('none');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(getComputedStyle(panel).display).not.to.equal('none');
    expect(el.scrollWidth).to.be.at.most(el.clientWidth);
    await expect(el).to.be.accessible();

    page.style.width = '64em';
    await until(() => getComputedStyle(toggle).display === 'none', 'the toggle hidden when wide');
    expect(getComputedStyle(panel).display).not.to.equal('none');
  });

  it('on a phone, the open filters end with « Voir les N formations », kept in view, which closes them and moves focus to the results', async () => {
    await setViewport({ width: 375, height: 700 });
    try {
      const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE}></catalogue-list>`);
      await settled(el);
      const toggle = $<HTMLButtonElement>(el, '[part="filters-toggle"]')!;
      const done = $<HTMLButtonElement>(el, '[part="filters-done"]')!;
      expect(done.getClientRects().length, 'hidden while the filters are closed').to.equal(0);
      toggle.click();
      await el.updateComplete;
      expect(done.getClientRects().length).to.be.greaterThan(0);
      const before = countText(el);
      const input = box(el, 'expertise', ids.parent)!;
      input.scrollIntoView({ block: 'center' });
      input.click();
      await until(() => countText(el) !== before, 'the count to change');
      await settled(el);
      const total = (await apiCourses({ expertise: [ids.parent] })).total;
      expect(text(done)).to.equal(`Voir les ${new Intl.NumberFormat('fr').format(total)} formations`);
      // In view at the bottom of the screen while the long panel scrolls by.
      const rect = done.getBoundingClientRect();
      expect(rect.bottom).to.be.at.most(window.innerHeight + 1);
      expect(rect.top).to.be.at.least(0);
      await expect(el).to.be.accessible();
      done.click();
      await until(() => shadow(el).activeElement === heading(el), 'focus on the results’ heading');
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(getComputedStyle($(el, '[part="filters"]')!).display).to.equal('none');
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('shows no « Voir les N formations » beside the filters of a wide container', async () => {
    const page = await fixture<HTMLDivElement>(html`<div><catalogue-list api-base=${API_BASE}></catalogue-list></div>`);
    page.style.width = '64em';
    const el = page.querySelector<CatalogueList>('catalogue-list')!;
    await settled(el);
    expect(getComputedStyle($(el, '[part="filters-done"]')!.parentElement!).display).to.equal('none');
  });

  it('fetches one /courses per distinct query and the reference once per page', async () => {
    const spy = spyFetch();
    try {
      const page = await fixture<HTMLDivElement>(html`<div>
        <catalogue-list api-base=${API_BASE} hide-filters></catalogue-list>
        <catalogue-list api-base=${API_BASE} hide-filters></catalogue-list>
      </div>`);
      const [a, b] = page.querySelectorAll<CatalogueList>('catalogue-list');
      await settled(a);
      await settled(b);
      const of = (path: string) => spy.calls.filter((u) => new URL(u).pathname.endsWith(path)).length;
      expect(of('/courses')).to.equal(1);
      expect(of('/vocabularies')).to.equal(1);
      expect(of('/expertises')).to.equal(1);
      const c = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} hide-filters></catalogue-list>`);
      await settled(c);
      expect(of('/courses')).to.equal(1);
      expect(of('/vocabularies')).to.equal(1);
    } finally {
      spy.restore();
    }
  });

  it('shows an answer already in the page-wide cache in its first render: no skeleton, no request, then campus-load', async () => {
    const first = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} page-size="5"></catalogue-list>`);
    await settled(first);
    const firstIds = shownIds(first);
    const spy = spyFetch();
    try {
      const again = document.createElement('catalogue-list') as CatalogueList;
      again.setAttribute('api-base', API_BASE);
      again.setAttribute('page-size', '5');
      const loaded = oneEvent(again, 'campus-load');
      first.parentElement!.append(again);
      await again.updateComplete;
      // The very first update: cards with their labels, the count and the filters, nothing busy.
      expect($$(again, '.placeholder')).to.have.length(0);
      expect(busy(again)).to.equal(false);
      expect(shownIds(again)).to.deep.equal(firstIds);
      expect(text(cards(again)[0])).to.equal(text(cards(first)[0]));
      expect(countText(again)).to.equal(frCount(ids.total));
      expect($$(again, 'input[type="checkbox"]').length).to.be.greaterThan(0);
      expect((await loaded).detail).to.deep.equal({ total: ids.total, dropped: 0 });
      expect(spy.calls).to.have.length(0);
      again.remove();
    } finally {
      spy.restore();
    }
    // Once the cache is emptied, the same list loads again, through its loading state.
    freshCache();
    const cold = document.createElement('catalogue-list') as CatalogueList;
    cold.setAttribute('api-base', API_BASE);
    cold.setAttribute('page-size', '5');
    first.parentElement!.append(cold);
    await cold.updateComplete;
    expect(busy(cold)).to.equal(true);
    await settled(cold);
    expect(shownIds(cold)).to.deep.equal(firstIds);
    cold.remove();
  });

  it('renders the header slot and not the light-DOM fallback', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE}>
      <p slot="header">Campus × ATN</p>
      <a href="https://campus.numerique.gouv.fr/catalogue">Voir le catalogue</a>
    </catalogue-list>`);
    await settled(el);
    expect(el.querySelector('[slot="header"]')!.assignedSlot).to.exist;
    expect(el.querySelector('a')!.assignedSlot).to.equal(null);
    expect(el.querySelector('a')!.getClientRects().length).to.equal(0);
  });

  it('speaks English', async () => {
    const page = await fixture<HTMLDivElement>(html`<div lang="en"><catalogue-list api-base=${API_BASE}></catalogue-list></div>`);
    const el = page.firstElementChild as CatalogueList;
    await el.localeReady;
    await settled(el);
    expect(countText(el)).to.equal(`${new Intl.NumberFormat('en').format(ids.total)} courses`);
    expect($(el, 'label[for="search"]')!.textContent).to.equal('Search for a course');
    expect($(el, 'legend')!.textContent).to.equal('Area of expertise');
    expect($(el, '.options')!.getAttribute('lang')).to.equal('fr');
    expect($(el, '[part="pagination"]')!.getAttribute('aria-label')).to.equal('Course pages');
    expect($(el, 'a[part="csv"]')!.textContent).to.contain('Download the list (CSV');
  });

  it('speaks Québec French where it differs', async () => {
    const page = await fixture<HTMLDivElement>(html`<div lang="fr-CA"><catalogue-list api-base=${API_BASE}></catalogue-list></div>`);
    const el = page.firstElementChild as CatalogueList;
    await el.localeReady;
    await settled(el);
    expect(countText(el)).to.equal(frCount(ids.total));
    const legends = $$(el, 'legend').map((l) => l.textContent);
    expect(legends).to.include('Clientèle visée');
    // Québec readers get French API text: no lang switch is needed, but it is harmless.
    expect($(el, 'label[for="search"]')!.textContent).to.equal('Rechercher une formation');
  });
});

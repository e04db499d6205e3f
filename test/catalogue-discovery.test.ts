/**
 * Finding a course in <catalogue-list> (issue 20, « Discovery »): the active
 * filters as removable chips, search suggestions, synonyms, and the filters on
 * sessions (date, place, open), against the test service.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { encodeQuery, type CourseQuery } from '../src/api/query.js';
import { clientFor } from '../src/api/client.js';
import { loadReference } from '../src/api/reference.js';
import { CatalogueList } from '../src/catalogue-list/catalogue-list.js';
import { trackCampusEvents, type AnalyticsEvent } from '../src/analytics/analytics.js';
import { API_BASE, freshCache, stillness, until } from './helpers.js';

if (!customElements.get('catalogue-list')) customElements.define('catalogue-list', CatalogueList);

const shadow = (el: Element) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => shadow(el).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...shadow(el).querySelectorAll<T>(selector)];
const countText = (el: Element) => $(el, '[part="count"]')!.textContent!.trim();
const busy = (el: Element) => $(el, '[part="results"]')?.getAttribute('aria-busy') === 'true';
const box = (el: Element, facet: string, id: string) => $<HTMLInputElement>(el, `input[type="checkbox"][name="${facet}"][value="${id}"]`);
const searchInput = (el: Element) => $<HTMLInputElement>(el, 'input[type="search"]')!;
const chipNames = (el: Element) => $$(el, '[part="chip"]').map((c) => c.getAttribute('aria-label'));
const focused = (el: Element) => shadow(el).activeElement;
const frCount = (n: number) => (n === 0 ? 'Aucune formation' : `${new Intl.NumberFormat('fr').format(n)} formation${n > 1 ? 's' : ''}`);

async function settled(el: Element): Promise<void> {
  await until(() => !busy(el) && $(el, '[part="list"], [part="empty"], [part="error"]'), 'the list to settle');
  await (el as CatalogueList).updateComplete;
  // The results fade back from their busy look: axe would read blended colours.
  await stillness(el);
}

async function apiCourses(query: CourseQuery): Promise<{ total: number; items: { id: string; title: string }[]; facets: Record<string, { id: string; count: number }[]> }> {
  return (await fetch(`${API_BASE}/v1/courses?${encodeQuery(query)}`)).json();
}

/** Two values of a facet that each narrow the catalogue, taken from the service. */
async function narrowing(facet: string, under: CourseQuery = {}): Promise<string[]> {
  const all = await apiCourses(under);
  return all.facets[facet].filter((v) => v.count > 0 && v.count < all.total).map((v) => v.id);
}

const startUrl = location.href;
beforeEach(() => freshCache());
afterEach(() => history.replaceState(null, '', startUrl));

describe('catalogue-list: active filters as chips', function () {
  this.timeout(30000);

  it('shows each choice of the reader as a chip named « Retirer : … », presets apart; passes axe', async () => {
    const reference = await loadReference(clientFor(API_BASE));
    const [kind] = await narrowing('kind');
    const [expertise] = await narrowing('expertise', { kind: [kind] });
    const [mode] = [...(await narrowing('mode', { kind: [kind], expertise: [expertise] })), ...(await narrowing('mode', { kind: [kind] }))];
    // A word of a course that all these choices keep: the list stays non-empty (« Tout effacer » shows).
    const kept = await apiCourses({ kind: [kind], expertise: [expertise], mode: [mode] });
    const word = kept.items[0].title.split(/[\s’']+/).find((w) => /^\p{L}{5,}$/u.test(w))!.toLowerCase();
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} kind=${kind}></catalogue-list>`);
    await settled(el);
    // Only the preset: no chip, no « Tout effacer ».
    expect($(el, '[part="chips"]')).to.equal(null);
    box(el, 'expertise', expertise)!.click();
    await until(() => el.query.expertise, 'expertise applied');
    box(el, 'mode', mode)!.click();
    await until(() => el.query.mode, 'mode applied');
    searchInput(el).focus();
    await sendKeys({ type: word });
    await sendKeys({ press: 'Enter' });
    await until(() => el.query.q === word, 'search applied');
    await settled(el);
    const group = $(el, '[part="chips"]')!;
    expect(group.getAttribute('role')).to.equal('group');
    expect(group.getAttribute('aria-label')).to.equal('Filtres actifs');
    expect(chipNames(el)).to.deep.equal([
      `Retirer : Recherche : « ${word} »`,
      `Retirer : ${reference.label('expertises', expertise)}`,
      `Retirer : ${reference.label('modes', mode)}`,
    ]);
    expect($$(el, '[part="chip"]').every((c) => c.localName === 'button')).to.equal(true);
    // The visible text is part of the name (WCAG 2.5.3).
    expect($$(el, '[part="chip"]')[1].textContent).to.contain(reference.label('expertises', expertise));
    expect($(el, '[part="chips"] [part="clear"]')!.textContent!.trim()).to.equal('Tout effacer');
    await expect(el).to.be.accessible();
  });

  it('removes a chip by keyboard: the list follows, the count is announced, focus goes to the next chip, then the search field', async () => {
    const [a, b] = await narrowing('audience');
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} sync-url></catalogue-list>`);
    await settled(el);
    const live = $(el, '[part="count"]')!;
    box(el, 'audience', a)!.click();
    await until(() => el.query.audience?.length === 1, 'first audience');
    box(el, 'audience', b)!.click();
    await until(() => el.query.audience?.length === 2, 'second audience');
    await settled(el);
    expect(chipNames(el)).to.have.length(2);
    const first = $$(el, '[part="chip"]')[0];
    first.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.query.audience?.length === 1, 'the first chip removed');
    await settled(el);
    const remaining = (await apiCourses({ audience: [b] })).total;
    expect(countText(el)).to.equal(frCount(remaining));
    expect($(el, '[part="count"]')).to.equal(live);
    expect(live.getAttribute('aria-live')).to.equal('polite');
    expect(box(el, 'audience', a)!.checked).to.equal(false);
    expect(new URLSearchParams(location.search).getAll('audience')).to.deep.equal([b]);
    // The chip that took its place has the focus.
    expect(chipNames(el)).to.have.length(1);
    expect(focused(el)).to.equal($$(el, '[part="chip"]')[0]);
    await sendKeys({ press: ' ' });
    await until(() => !el.query.audience, 'the last chip removed');
    await settled(el);
    expect($(el, '[part="chips"]')).to.equal(null);
    expect(focused(el)).to.equal(searchInput(el));
    expect(countText(el)).to.equal(frCount((await apiCourses({})).total));
    // Back brings the chip back.
    history.back();
    await until(() => el.query.audience?.length === 1, 'back');
    await el.updateComplete;
    expect(chipNames(el)).to.have.length(1);
  });

  it('removing the search chip empties the search field; removing an expertise drops its sub-themes', async () => {
    const expertises = (await (await fetch(`${API_BASE}/v1/expertises`)).json()).items as { id: string; parentId?: string }[];
    const all = await apiCourses({});
    const counts = new Map(all.facets.expertise.map((v) => [v.id, v.count]));
    const sub = expertises.find((e) => e.parentId && (counts.get(e.id) ?? 0) > 0)!;
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE}></catalogue-list>`);
    await settled(el);
    box(el, 'expertise', sub.parentId!)!.click();
    await until(() => box(el, 'expertise', sub.id), 'sub-theme offered');
    box(el, 'expertise', sub.id)!.click();
    await until(() => el.query.expertise?.join() === sub.id, 'sub-theme applied');
    searchInput(el).value = 'donnees';
    searchInput(el).dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await until(() => el.query.q === 'donnees', 'search applied');
    await settled(el);
    expect(chipNames(el)).to.have.length(3);
    $$(el, '[part="chip"]')[0].click();
    await until(() => !el.query.q, 'search removed');
    expect(searchInput(el).value).to.equal('');
    // The expertise (now first): its sub-theme goes with it, as unticking it does.
    $$(el, '[part="chip"]')[0].click();
    await until(() => !el.query.expertise, 'expertise and sub-theme removed');
    await settled(el);
    expect($(el, '[part="chips"]')).to.equal(null);
    expect(countText(el)).to.equal(frCount(all.total));
  });

  it('« Tout effacer » removes every choice, keeps the presets, and moves focus to the results’ heading', async () => {
    const [kind] = await narrowing('kind');
    const [mode] = await narrowing('mode', { kind: [kind] });
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} kind=${kind}></catalogue-list>`);
    await settled(el);
    box(el, 'mode', mode)!.click();
    await until(() => el.query.mode, 'mode applied');
    await settled(el);
    $(el, '[part="chips"] [part="clear"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => focused(el) === $(el, '.heading'), 'focus on the heading');
    await settled(el);
    expect(el.query.mode).to.equal(undefined);
    expect(el.query.kind).to.deep.equal([kind]);
    expect(countText(el)).to.equal(frCount((await apiCourses({ kind: [kind] })).total));
  });

  it('speaks English; a value is the service’s French text, marked so', async () => {
    const [mode] = await narrowing('mode');
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} lang="en"></catalogue-list>`);
    await settled(el);
    box(el, 'mode', mode)!.click();
    await until(() => el.query.mode, 'mode applied');
    await settled(el);
    expect($(el, '[part="chips"]')!.getAttribute('aria-label')).to.equal('Active filters');
    expect(chipNames(el)[0]).to.match(/^Remove: /);
    expect($(el, '[part="chips"] [part="clear"]')!.textContent!.trim()).to.equal('Clear all');
    // The value is the service's French text, marked as such.
    expect($(el, '[part="chip"] bdi')!.getAttribute('lang')).to.equal('fr');
  });
});

describe('catalogue-list: filters on sessions (date, place, open)', function () {
  this.timeout(30000);

  const monthName = (m: string) => new Intl.DateTimeFormat('fr', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${m}-15T12:00:00Z`));
  const optionText = (label: string, n: number) => `${label} (${new Intl.NumberFormat('fr').format(n)})`;
  const labelOf = (input: HTMLInputElement) => input.closest('label')!.textContent!.replace(/\s+/g, ' ').trim();
  const monthSelect = (el: Element) => $<HTMLSelectElement>(el, 'select[name="month"]')!;

  it('offers the starting months with their counts in a labelled select; a month filters, is in the URL, a chip, and restored', async () => {
    const all = await apiCourses({});
    const months = all.facets.month.filter((v) => v.count > 0 && v.count < all.total);
    expect(months.length).to.be.greaterThan(1);
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} sync-url></catalogue-list>`);
    await settled(el);
    const select = monthSelect(el);
    expect(select.labels![0].textContent!.trim()).to.equal('Mois de début');
    expect(select.closest('fieldset')!.querySelector('legend')!.textContent!.trim()).to.equal('Sessions');
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal([
      'Tous les mois',
      ...all.facets.month.map((v) => optionText(monthName(v.id), v.count)),
    ]);
    const month = months[1];
    select.focus();
    select.value = month.id;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => el.query.month?.[0] === month.id, 'month applied');
    await settled(el);
    expect(countText(el)).to.equal(frCount(month.count));
    expect(new URLSearchParams(location.search).get('month')).to.equal(month.id);
    expect(chipNames(el)).to.deep.equal([`Retirer : ${monthName(month.id)}`]);
    expect(focused(el)).to.equal(select);
    // The other filters' counts are now those of that month's sessions.
    const under = await apiCourses({ month: [month.id] });
    const online = $<HTMLInputElement>(el, 'input[name="online"]')!;
    expect(labelOf(online)).to.equal(optionText('En ligne', under.facets.online?.[0]?.count ?? 0));
    await expect(el).to.be.accessible();
    // A shared address opens the same list.
    const shared = location.search;
    history.replaceState(null, '', startUrl);
    freshCache();
    history.replaceState(null, '', shared);
    const again = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} sync-url></catalogue-list>`);
    await settled(again);
    expect(monthSelect(again).value).to.equal(month.id);
    expect(countText(again)).to.equal(frCount(month.count));
  });

  it('filters by a period (« À partir du », « Jusqu’au »): labelled day fields that bound each other, in the URL as from/to, shown as chips', async () => {
    const all = await apiCourses({});
    const month = all.facets.month.filter((v) => v.count > 0)[1].id;
    const [year, m] = month.split('-').map(Number);
    const from = `${month}-01`;
    const to = `${month}-${new Date(Date.UTC(year, m, 0)).getUTCDate()}`;
    const within = await apiCourses({ from, to });
    expect(within.total).to.be.greaterThan(0).and.lessThan(all.total);
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} sync-url></catalogue-list>`);
    await settled(el);
    const field = (name: 'from' | 'to') => $<HTMLInputElement>(el, `input[type="date"][name="${name}"]`)!;
    const labelFor = (input: HTMLInputElement) => $(el, `label[for="${input.id}"]`)!.textContent!.trim();
    expect(labelFor(field('from'))).to.equal('À partir du');
    expect(labelFor(field('to'))).to.equal('Jusqu’au');
    const set = (name: 'from' | 'to', value: string) => {
      const input = field(name);
      input.focus();
      input.value = value;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    };
    set('from', from);
    await until(() => el.query.from === from, 'first day applied');
    await settled(el);
    expect(field('to').min).to.equal(from, 'the last day cannot come before the first');
    set('to', to);
    await until(() => el.query.to === to, 'last day applied');
    await settled(el);
    expect(field('from').max).to.equal(to);
    expect(countText(el)).to.equal(frCount(within.total));
    const params = new URLSearchParams(location.search);
    expect([params.get('from'), params.get('to')]).to.deep.equal([from, to]);
    // French writes the first of the month « 1er ».
    const long = (day: string) => new Intl.DateTimeFormat('fr', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`)).replace(/^1 /, '1er ');
    expect(chipNames(el)).to.deep.equal([`Retirer : À partir du ${long(from)}`, `Retirer : Jusqu’au ${long(to)}`]);
    expect(focused(el)).to.equal(field('to'), 'the focus stays in the field');
    await expect(el).to.be.accessible();
    // Emptied, a field lets its bound go.
    set('from', '');
    await until(() => el.query.from === undefined, 'first day removed');
    await settled(el);
    expect(chipNames(el)).to.deep.equal([`Retirer : Jusqu’au ${long(to)}`]);
    expect(field('to').hasAttribute('min')).to.equal(false);
  });

  it('filters « dans les 3 prochains mois », in the URL as withinMonths=3, shown as a chip', async () => {
    const within = await apiCourses({ withinMonths: 3 });
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} sync-url></catalogue-list>`);
    await settled(el);
    const input = $<HTMLInputElement>(el, 'input[name="withinMonths"]')!;
    // Counted by the service, as every other filter.
    expect((await apiCourses({})).facets.withinMonths).to.deep.equal([{ id: '3', count: within.total }]);
    expect(labelOf(input)).to.equal(optionText('Dans les 3 prochains mois', within.total));
    input.click();
    await until(() => el.query.withinMonths === 3, 'period applied');
    await settled(el);
    expect(within.total).to.be.greaterThan(0).and.lessThan((await apiCourses({})).total);
    expect(countText(el)).to.equal(frCount(within.total));
    expect(new URLSearchParams(location.search).get('withinMonths')).to.equal('3');
    expect(chipNames(el)).to.deep.equal(['Retirer : Dans les 3 prochains mois']);
    expect(labelOf($<HTMLInputElement>(el, 'input[name="withinMonths"]')!)).to.equal(optionText('Dans les 3 prochains mois', within.total));
    // The months offered are those of the period, with their counts.
    expect([...monthSelect(el).options].filter((o) => !o.disabled).map((o) => o.value)).to.deep.equal(['', ...within.facets.month.filter((v) => v.count > 0).map((v) => v.id)]);
  });

  it('filters by region, city and online — any of these places — with their counts, URL and chips', async () => {
    const reference = await loadReference(clientFor(API_BASE));
    const all = await apiCourses({});
    const [region] = all.facets.region.filter((v) => v.count > 0 && v.count < all.total);
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} sync-url></catalogue-list>`);
    await settled(el);
    const regionBox = box(el, 'region', region.id)!;
    expect(regionBox.closest('fieldset')!.querySelector('legend')!.textContent!.trim()).to.equal('Région');
    expect(labelOf(regionBox)).to.equal(optionText(reference.label('regions', region.id), region.count));
    for (const city of all.facets.city.slice(0, 8)) expect(labelOf(box(el, 'city', city.id)!)).to.equal(optionText(city.id, city.count));
    const online = $<HTMLInputElement>(el, 'input[name="online"]')!;
    expect(labelOf(online)).to.equal(optionText('En ligne', all.facets.online[0].count));
    regionBox.click();
    await until(() => el.query.region?.[0] === region.id, 'region applied');
    await settled(el);
    expect(countText(el)).to.equal(frCount(region.count));
    // A city elsewhere: either place, so the list grows.
    let elsewhere = '';
    let both = 0;
    for (const c of all.facets.city.slice(0, 8)) {
      both = (await apiCourses({ region: [region.id], city: [c.id] })).total;
      if (both > region.count) {
        elsewhere = c.id;
        break;
      }
    }
    expect(elsewhere, 'a city outside the region').to.not.equal('');
    box(el, 'city', elsewhere)!.click();
    await until(() => el.query.city?.[0] === elsewhere, 'city applied');
    await settled(el);
    expect(countText(el)).to.equal(frCount(both));
    online.click();
    await until(() => el.query.online, 'online applied');
    await settled(el);
    const either = await apiCourses({ region: [region.id], city: [elsewhere], online: true });
    expect(countText(el)).to.equal(frCount(either.total));
    expect(either.total).to.be.greaterThan(both);
    const params = new URLSearchParams(location.search);
    expect([params.get('region'), params.get('city'), params.get('online')]).to.deep.equal([region.id, elsewhere, 'true']);
    expect(chipNames(el)).to.deep.equal([`Retirer : ${reference.label('regions', region.id)}`, `Retirer : ${elsewhere}`, 'Retirer : En ligne']);
    await expect(el).to.be.accessible();
  });

  it('filters « inscriptions ouvertes » with its count', async () => {
    const all = await apiCourses({});
    const open = all.facets.open[0];
    expect(open.count).to.be.greaterThan(0).and.lessThan(all.total);
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} sync-url></catalogue-list>`);
    await settled(el);
    const input = $<HTMLInputElement>(el, 'input[name="open"]')!;
    expect(labelOf(input)).to.equal(optionText('Inscriptions ouvertes', open.count));
    input.focus();
    await sendKeys({ press: ' ' });
    await until(() => el.query.open, 'open applied');
    await settled(el);
    expect(countText(el)).to.equal(frCount(open.count));
    expect(new URLSearchParams(location.search).get('open')).to.equal('true');
    expect(chipNames(el)).to.deep.equal(['Retirer : Inscriptions ouvertes']);
    expect(focused(el)).to.equal(input);
  });

  it('tells analytics which session filters were chosen, as codes, never a city’s name', async () => {
    const all = await apiCourses({});
    const [region] = all.facets.region;
    const [city] = all.facets.city;
    const tracked: AnalyticsEvent[] = [];
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE}></catalogue-list>`);
    const stop = trackCampusEvents({ track: (e) => tracked.push(e) }, { target: el });
    try {
      await settled(el);
      const month = all.facets.month[0].id;
      const select = monthSelect(el);
      select.value = month;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      for (const input of [box(el, 'region', region.id)!, box(el, 'city', city.id)!, $<HTMLInputElement>(el, 'input[name="withinMonths"]')!, $<HTMLInputElement>(el, 'input[name="open"]')!]) {
        input.click();
        await el.updateComplete;
      }
      await until(() => el.query.open, 'every choice applied');
      const last = tracked.filter((e) => e.action === 'Filtres').at(-1)!;
      expect(last.name).to.equal(['city', `month:${month}`, 'open', `region:${region.id.toLowerCase()}`, 'withinMonths:3'].sort().join(' '));
      expect(JSON.stringify(tracked).toLowerCase()).not.to.contain(city.id.toLowerCase());
    } finally {
      stop();
    }
  });

  /** Runs `fn` with a service that does not count these facets (an older one). */
  async function withoutFacets(names: readonly string[], fn: () => Promise<void>): Promise<void> {
    const original = window.fetch;
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await original.call(window, input, init);
      if (!String(input).includes('/v1/courses?') && !String(input).endsWith('/v1/courses')) return response;
      const body = await response.json();
      for (const name of names) delete body.facets[name];
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    };
    try {
      await fn();
    } finally {
      window.fetch = original;
    }
  }

  it('offers « dans les 3 prochains mois » without a count when the service does not count it (an older one)', () =>
    withoutFacets(['withinMonths'], async () => {
      const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE}></catalogue-list>`);
      await settled(el);
      const input = $<HTMLInputElement>(el, 'input[name="withinMonths"]')!;
      expect(labelOf(input)).to.equal('Dans les 3 prochains mois');
      expect(input.hasAttribute('aria-disabled')).to.equal(false, 'not offered as empty');
    }));

  it('offers no session filter when the service counts no sessions (an older one)', () =>
    withoutFacets(['month', 'city', 'region', 'online', 'open', 'withinMonths'], async () => {
      const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE}></catalogue-list>`);
      await settled(el);
      expect($(el, 'fieldset')).to.exist;
      expect($(el, 'select[name="month"]')).to.equal(null);
      expect($(el, 'input[name="online"], input[name="open"], input[name="withinMonths"], input[name="city"], input[name="region"]')).to.equal(null);
    }));
});

describe('catalogue-list: search suggestions (ARIA 1.2 combobox)', function () {
  this.timeout(30000);

  const listbox = (el: Element) => $(el, '[role="listbox"]');
  const options = (el: Element) => $$(el, '[role="listbox"] [role="option"]');
  const expanded = (el: Element) => searchInput(el).getAttribute('aria-expanded') === 'true';
  const status = (el: Element) => $(el, '[part="search"] [role="status"]');
  async function suggestions(q: string, base = API_BASE) {
    return ((await (await fetch(`${base}/v1/suggest?q=${encodeURIComponent(q)}`)).json()) as { items: { kind: string; label: string; courseId?: string; filter?: { name: string; value: string } }[] }).items;
  }
  async function typeInto(el: CatalogueList, text: string) {
    searchInput(el).focus();
    await sendKeys({ type: text });
  }

  it('suggests as one types, announces how many, moves through them with the arrows; passes axe with the list open', async () => {
    const expected = await suggestions('cyber');
    expect(expected.length).to.be.greaterThan(2);
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE}></catalogue-list>`);
    await settled(el);
    const input = searchInput(el);
    expect(input.getAttribute('role')).to.equal('combobox');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(input.getAttribute('aria-autocomplete')).to.equal('list');
    await typeInto(el, 'cyber');
    await until(() => expanded(el), 'the suggestions shown');
    const list = listbox(el)!;
    expect(list.hidden).to.equal(false);
    expect(input.getAttribute('aria-controls')).to.equal(list.id);
    expect(list.getAttribute('aria-label')).to.equal('Suggestions');
    expect(options(el).map((o) => o.querySelector('bdi')!.textContent)).to.deep.equal(expected.map((s) => s.label));
    expect(options(el)[0].textContent).to.contain(expected[0].kind === 'expertise' ? 'Expertise' : 'Formation');
    expect(status(el)!.textContent).to.equal(`${expected.length} suggestions, flèches haut et bas pour les parcourir`);
    expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
    // The arrows: the active option is named by aria-activedescendant, in the field's own root; focus stays in the field.
    const active = () => (input.getRootNode() as ShadowRoot).getElementById(input.getAttribute('aria-activedescendant') ?? '');
    await sendKeys({ press: 'ArrowDown' });
    expect(active()).to.equal(options(el)[0]);
    expect(options(el)[0].getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'ArrowDown' });
    expect(active()).to.equal(options(el)[1]);
    expect(options(el)[0].getAttribute('aria-selected')).to.equal('false');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    expect(active(), 'ArrowUp wraps round to the last').to.equal(options(el).at(-1));
    expect(focused(el)).to.equal(input);
    expect(input.value).to.equal('cyber');
    await expect(el).to.be.accessible();
  });

  it('Enter on an expertise applies it as a filter in place of the words typed; the chip shows it', async () => {
    const expected = await suggestions('cyber');
    const index = expected.findIndex((s) => s.kind === 'expertise');
    const { value } = expected[index].filter!;
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} sync-url></catalogue-list>`);
    await settled(el);
    await typeInto(el, 'cyber');
    await until(() => expanded(el), 'the suggestions shown');
    for (let i = 0; i <= index; i++) await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await until(() => el.query.expertise?.includes(value), 'the expertise applied');
    await settled(el);
    expect(el.query.q).to.equal(undefined);
    expect(searchInput(el).value).to.equal('');
    expect(expanded(el)).to.equal(false);
    expect(focused(el)).to.equal(searchInput(el));
    expect(chipNames(el)).to.deep.equal([`Retirer : ${expected[index].label}`]);
    expect(new URLSearchParams(location.search).getAll('expertise')).to.deep.equal([value]);
    expect(countText(el)).to.equal(frCount((await apiCourses({ expertise: [value] })).total));
  });

  it('Enter on a course opens it as the list does (campus-course-select, then the dialog); closing it brings focus back to the field', async () => {
    const [course] = (await suggestions('hameco')).filter((s) => s.kind === 'course');
    expect(course.courseId).to.be.a('string');
    const selected: string[] = [];
    const el = await fixture<CatalogueList>(
      html`<catalogue-list api-base=${API_BASE} @campus-course-select=${(e: CustomEvent) => selected.push(e.detail.course.id)}></catalogue-list>`,
    );
    await settled(el);
    await typeInto(el, 'hameco');
    await until(() => options(el).some((o) => o.textContent!.includes(course.label)), 'the course suggested');
    const index = options(el).findIndex((o) => o.textContent!.includes(course.label));
    for (let i = 0; i <= index; i++) await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    const dialog = await until(() => $<HTMLDialogElement>(el, 'dialog[open]'), 'the dialog open');
    expect(selected).to.deep.equal([course.courseId]);
    expect(dialog.querySelector('[course-id]')!.getAttribute('course-id')).to.equal(course.courseId);
    expect(dialog.getAttribute('aria-label')).to.equal(course.label);
    await sendKeys({ press: 'Escape' });
    await until(() => !$(el, 'dialog'), 'the dialog closed');
    await until(() => focused(el) === searchInput(el), 'focus back in the field');
  });

  it('a cancelled campus-course-select leaves a suggested course to the host', async () => {
    const [course] = (await suggestions('hameco')).filter((s) => s.kind === 'course');
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} @campus-course-select=${(e: Event) => e.preventDefault()}></catalogue-list>`);
    await settled(el);
    await typeInto(el, 'hameco');
    await until(() => options(el).some((o) => o.textContent!.includes(course.label)), 'the course suggested');
    options(el).find((o) => o.textContent!.includes(course.label))!.click();
    await new Promise((r) => setTimeout(r, 300));
    expect($(el, 'dialog')).to.equal(null);
    expect(expanded(el)).to.equal(false);
  });

  it('Escape closes the list, then empties the field', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE}></catalogue-list>`);
    await settled(el);
    await typeInto(el, 'cyber');
    await until(() => expanded(el), 'the suggestions shown');
    await until(() => el.query.q === 'cyber', 'the search applied');
    await sendKeys({ press: 'Escape' });
    expect(expanded(el)).to.equal(false);
    expect(listbox(el)!.hidden).to.equal(true);
    expect(status(el)!.textContent).to.equal('');
    expect(searchInput(el).value).to.equal('cyber');
    await sendKeys({ press: 'Escape' });
    expect(searchInput(el).value).to.equal('');
    await until(() => el.query.q === undefined, 'the search emptied');
    // ArrowDown brings back nothing for an empty field.
    await sendKeys({ press: 'ArrowDown' });
    expect(expanded(el)).to.equal(false);
  });

  it('asks once per pause and cancels a superseded question', async () => {
    const base = `${API_BASE.replace(/\/api$/, '')}/test/delay=800,only=suggest/api`;
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${base}></catalogue-list>`);
    await settled(el);
    const asked: { url: string; signal?: AbortSignal | null }[] = [];
    const original = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).includes('/v1/suggest')) asked.push({ url: String(input), signal: init?.signal });
      return original.call(window, input, init);
    };
    try {
      const input = searchInput(el);
      input.focus();
      // Faster than the pause: one question.
      for (const text of ['c', 'cy', 'cyb', 'cybe']) {
        input.value = text;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
        await new Promise((r) => setTimeout(r, 40));
      }
      await until(() => asked.length === 1, 'one question');
      expect(new URL(asked[0].url).searchParams.get('q')).to.equal('cybe');
      // More words while it is pending: it is cancelled, the new one answers.
      input.value = 'donnees';
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await until(() => asked[0].signal?.aborted, 'the first question cancelled');
      await until(() => expanded(el), 'the new suggestions shown', 8000);
      expect(asked).to.have.length(2);
      const expected = await suggestions('donnees');
      expect(options(el).map((o) => o.querySelector('bdi')!.textContent)).to.deep.equal(expected.map((s) => s.label));
    } finally {
      window.fetch = original;
    }
  });

  it('stays a plain search field, silently, on a service without suggestions (404)', async () => {
    const base = `${API_BASE.replace(/\/api$/, '')}/test/status=404,only=suggest/api`;
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.error);
    const consoleError = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    window.addEventListener('error', onError);
    const asked: string[] = [];
    const original = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).includes('/v1/suggest')) asked.push(String(input));
      return original.call(window, input, init);
    };
    try {
      const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${base}></catalogue-list>`);
      await settled(el);
      await typeInto(el, 'cyber');
      await until(() => el.query.q === 'cyber' && asked.length === 1, 'the search applied');
      await settled(el);
      await until(() => !searchInput(el).hasAttribute('role'), 'no combobox');
      const input = searchInput(el);
      for (const name of ['aria-expanded', 'aria-controls', 'aria-activedescendant', 'aria-autocomplete']) expect(input.hasAttribute(name), name).to.equal(false);
      expect(listbox(el)).to.equal(null);
      expect(status(el)).to.equal(null);
      expect($(el, '[part="error"]')).to.equal(null);
      await sendKeys({ type: ' securite' });
      await sendKeys({ press: 'ArrowDown' });
      await until(() => el.query.q === 'cyber securite', 'the search goes on');
      expect(asked, 'not asked again').to.have.length(1);
      expect(errors).to.deep.equal([]);
    } finally {
      window.fetch = original;
      console.error = consoleError;
      window.removeEventListener('error', onError);
    }
  });

  it('works inside another component’s shadow root: the active option is in the field’s own root', async () => {
    class Host extends HTMLElement {
      constructor() {
        super();
        this.attachShadow({ mode: 'open' }).innerHTML = `<catalogue-list api-base="${API_BASE}"></catalogue-list>`;
      }
    }
    if (!customElements.get('discovery-host')) customElements.define('discovery-host', Host);
    const host = await fixture<HTMLElement>(html`<discovery-host></discovery-host>`);
    const el = host.shadowRoot!.querySelector<CatalogueList>('catalogue-list')!;
    await settled(el);
    await typeInto(el, 'cyber');
    await until(() => expanded(el), 'the suggestions shown');
    await sendKeys({ press: 'ArrowDown' });
    const input = searchInput(el);
    const root = input.getRootNode() as ShadowRoot;
    expect(root.host).to.equal(el);
    expect(root.getElementById(input.getAttribute('aria-activedescendant')!)).to.equal(options(el)[0]);
    expect(root.getElementById(input.getAttribute('aria-controls')!)).to.equal(listbox(el));
    await expect(host).to.be.accessible();
  });
});

describe('catalogue-list: synonyms', function () {
  this.timeout(30000);

  it('finds the hameçonnage course when the reader types « phishing »', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE}></catalogue-list>`);
    await settled(el);
    searchInput(el).focus();
    await sendKeys({ type: 'phishing' });
    await sendKeys({ press: 'Enter' });
    await until(() => el.query.q === 'phishing', 'the search applied');
    await settled(el);
    const titles = el.shownCourses.map((c) => c.title);
    expect(titles.some((t) => /hameçonnage/i.test(t)), titles.join(' | ')).to.equal(true);
    expect(titles.every((t) => !/phishing/i.test(t)), 'found through the synonym, not the word').to.equal(true);
    expect(countText(el)).to.equal(frCount((await apiCourses({ q: 'phishing' })).total));
  });

  it('suggests the hameçonnage course for « phish »', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE}></catalogue-list>`);
    await settled(el);
    searchInput(el).focus();
    await sendKeys({ type: 'phish' });
    await until(() => $$(el, '[role="option"]').some((o) => /hameçonnage/i.test(o.textContent!)), 'the suggestion');
  });
});

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
import { API_BASE, freshCache, until } from './helpers.js';

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

/**
 * What the widgets cost the network, counted: fetch calls (`spyFetch`) and
 * what the browser really requested (resource timing entries).
 *
 * - One request per distinct query, whatever the number of widgets.
 * - A revisit is answered from the page-wide cache; after `clearCache()`, from
 *   the browser's HTTP cache (the API sends ETag and `max-age=60`).
 * - A French page fetches no other locale; an English widget fetches its
 *   catalogue once.
 *
 * The API is on another origin without `Timing-Allow-Origin`: resource
 * entries give URLs and (Chromium) `responseStatus`, but no sizes. Whether an
 * answer came from the HTTP cache is therefore shown with the reference
 * server's `delay` fault: the server answers after 1.5 s, the cache at once.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { clearCache } from '../src/api/client.js';
import { CatalogueList } from '../src/catalogue-list/catalogue-list.js';
import { CourseCard } from '../src/course-card/course-card.js';
import { API_BASE, API_ORIGIN, faultBase, spyFetch, until } from './helpers.js';

if (!customElements.get('catalogue-list')) customElements.define('catalogue-list', CatalogueList);
if (!customElements.get('course-card')) customElements.define('course-card', CourseCard);

// Every resource the page loads, from the start (the buffer of 250 entries fills up with the test's modules).
performance.setResourceTimingBufferSize(100_000);
const resources: PerformanceResourceTiming[] = [];
new PerformanceObserver((list) => resources.push(...(list.getEntries() as PerformanceResourceTiming[]))).observe({ type: 'resource', buffered: true });
/** Resource entries are queued: let the observer catch up. */
const flushed = () => new Promise((resolve) => setTimeout(resolve, 50));

const realFetch = window.fetch.bind(window);
/** The path of an API URL after its version, query string included: `/courses?pageSize=4`. */
const apiPath = (url: string) => {
  const u = new URL(url);
  return `${u.pathname.replace(/^.*\/api\/v1/, '')}${u.search}`;
};
/** How many of `urls` are GET `path` (without its query string). */
const countOf = (urls: string[], path: string) => urls.filter((url) => apiPath(url).split('?')[0] === path).length;
const REFERENCE_PATHS = ['/vocabularies', '/expertises', '/audiences', '/organisations'];
/** The API requests among resource entries (images under /media/ are not API requests). */
const apiEntries = (entries: PerformanceResourceTiming[]) =>
  entries.filter((e) => e.name.startsWith(`${API_ORIGIN}/`) && new URL(e.name).pathname.includes('/api/v1/'));
/** The index from which entries are new (after the observer caught up with earlier ones). */
const mark = async () => {
  await flushed();
  return resources.length;
};

type List = CatalogueList & { updateComplete: Promise<boolean> };
const shadow = (el: Element) => el.shadowRoot!;

/** A list showed its cards (or its empty state) and is no longer busy. */
async function listSettled(el: List): Promise<void> {
  await until(
    () =>
      shadow(el).querySelector('[part="results"]')?.getAttribute('aria-busy') === 'false' &&
      shadow(el).querySelector('[part="list"], [part="empty"], [part="error"]'),
    'the list to settle',
  );
  await el.updateComplete;
}

/** A card showed its course (title) with its labels (kind badge). */
async function cardSettled(el: CourseCard): Promise<void> {
  await until(() => el.shadowRoot?.querySelector('[part="title"]') && el.shadowRoot.querySelector('[part="kind"]'), 'the card to show its course');
}

interface Seed {
  courseId: string;
  expertises: string[];
}
let seed: Seed;
/** Values from the seed, fetched outside any spy (and outside the page-wide cache). */
async function seedValues(): Promise<Seed> {
  if (seed) return seed;
  const body = (await (await realFetch(`${API_BASE}/v1/courses?pageSize=1`)).json()) as {
    items: { id: string }[];
    facets: { expertise: { id: string; count: number }[] };
  };
  seed = {
    courseId: body.items[0].id,
    expertises: body.facets.expertise.filter((v) => v.count > 0).map((v) => v.id),
  };
  return seed;
}

describe('network: one request per distinct query', () => {
  it('three lists with the same presets and several cards of one course: one /courses, one /courses/{id}, reference data once', async () => {
    const { courseId, expertises } = await seedValues();
    clearCache();
    const firstResource = await mark();
    const spy = spyFetch();
    try {
      const page = await fixture<HTMLDivElement>(html`<div>
        <catalogue-list api-base=${API_BASE} expertise=${expertises[0]} page-size="4"></catalogue-list>
        <catalogue-list api-base=${API_BASE} expertise=${expertises[0]} page-size="4"></catalogue-list>
        <catalogue-list api-base=${API_BASE} expertise=${expertises[0]} page-size="4"></catalogue-list>
        <catalogue-list api-base=${API_BASE} expertise=${expertises[1]} page-size="4" hide-filters></catalogue-list>
        <catalogue-list api-base=${API_BASE} expertise=${expertises[1]} page-size="4" hide-filters></catalogue-list>
        <course-card api-base=${API_BASE} course-id=${courseId}></course-card>
        <course-card api-base=${API_BASE} course-id=${courseId}></course-card>
        <course-card api-base=${API_BASE} course-id=${courseId}></course-card>
        <course-card api-base=${API_BASE} course-id=${courseId}></course-card>
      </div>`);
      const lists = [...page.querySelectorAll<List>('catalogue-list')];
      const cards = [...page.querySelectorAll<CourseCard>(':scope > course-card')];
      await Promise.all([...lists.map(listSettled), ...cards.map(cardSettled)]);
      expect(shadow(lists[0]).querySelectorAll('[part="card"]').length).to.be.greaterThan(0);

      // Two distinct queries for five lists; one course for four cards; each reference list once.
      const courseQueries = spy.calls.filter((url) => apiPath(url).startsWith('/courses?'));
      expect(courseQueries.length, courseQueries.join('\n')).to.equal(2);
      expect(new Set(courseQueries).size).to.equal(2);
      expect(countOf(spy.calls, `/courses/${encodeURIComponent(courseId)}`)).to.equal(1);
      for (const path of REFERENCE_PATHS) expect(countOf(spy.calls, path), path).to.equal(1);
      expect(spy.calls.length, spy.calls.join('\n')).to.equal(2 + 1 + REFERENCE_PATHS.length);

      // What the browser requested: the same, nothing more (the cards in the lists fetch nothing).
      await flushed();
      const requested = apiEntries(resources.slice(firstResource));
      expect(requested.map((e) => e.name).sort()).to.deep.equal([...spy.calls].sort());
    } finally {
      spy.restore();
    }
  });
});

describe('network: revisits', () => {
  it('a revisit is answered from the page-wide cache: no request at all', async () => {
    const { courseId, expertises } = await seedValues();
    clearCache();
    await fixture(html`<div>
      <catalogue-list api-base=${API_BASE} expertise=${expertises[2]} page-size="4"></catalogue-list>
      <course-card api-base=${API_BASE} course-id=${courseId}></course-card>
    </div>`).then(async (page) => {
      await listSettled(page.querySelector<List>('catalogue-list')!);
      await cardSettled(page.querySelector<CourseCard>('course-card')!);
    });

    // The reader comes back to the same list and card (another view of a single-page app).
    const firstResource = await mark();
    const spy = spyFetch();
    try {
      const page = await fixture<HTMLDivElement>(html`<div>
        <catalogue-list api-base=${API_BASE} expertise=${expertises[2]} page-size="4"></catalogue-list>
        <course-card api-base=${API_BASE} course-id=${courseId}></course-card>
      </div>`);
      await listSettled(page.querySelector<List>('catalogue-list')!);
      await cardSettled(page.querySelector<CourseCard>('course-card')!);
      expect(spy.calls, 'fetch calls').to.deep.equal([]);
      await flushed();
      expect(apiEntries(resources.slice(firstResource)).map((e) => e.name)).to.deep.equal([]);
    } finally {
      spy.restore();
    }
  });

  it('after clearCache(), the browser’s HTTP cache answers (ETag, max-age): the server is not waited for', async function () {
    this.timeout(20000);
    const { expertises } = await seedValues();
    // Every answer of this API root comes 1.5 s late from the server; a cached one comes at once.
    // (`key` only makes the URLs this run's own, so no other test filled the HTTP cache for them.)
    const slow = faultBase(`delay=1500,key=network-${Date.now().toString(36)}`);
    const visit = async () => {
      const firstResource = await mark();
      const spy = spyFetch();
      const start = performance.now();
      try {
        const el = await fixture<List>(html`<catalogue-list api-base=${slow} expertise=${expertises[3]} page-size="4"></catalogue-list>`);
        await listSettled(el);
        const ms = performance.now() - start;
        await flushed();
        const entries = apiEntries(resources.slice(firstResource));
        return { ms, calls: [...spy.calls], entries };
      } finally {
        spy.restore();
      }
    };

    clearCache();
    const first = await visit();
    expect(first.ms, 'the first visit waits for the server').to.be.at.least(1400);
    expect(countOf(first.calls, '/courses')).to.equal(1);

    clearCache();
    const second = await visit();
    // The client asked again (its own cache was emptied)…
    expect(countOf(second.calls, '/courses')).to.equal(1);
    for (const path of REFERENCE_PATHS) expect(countOf(second.calls, path), path).to.equal(1);
    // …and the browser answered from its HTTP cache, without waiting for the server.
    expect(second.ms, 'the second visit does not wait for the server').to.be.below(1000);
    const entry = second.entries.find((e) => apiPath(e.name).startsWith('/courses?'));
    expect(entry, 'a resource entry for /courses').to.exist;
    expect(entry!.duration).to.be.below(1000);
    const status = (entry as PerformanceResourceTiming & { responseStatus?: number }).responseStatus;
    // Chromium exposes the status (200 from the cache, 304 revalidated shows as 200 too); Firefox does not for this origin.
    if (status) expect([200, 304]).to.include(status);
    // Sizes are visible only with Timing-Allow-Origin: then a cached answer moved no body.
    if (entry!.encodedBodySize > 0) expect(entry!.transferSize).to.be.below(entry!.encodedBodySize);
  });
});

describe('network: locales', () => {
  const localeModules = (locale: 'en' | 'fr-CA') =>
    resources.filter((e) => {
      const path = new URL(e.name).pathname;
      return path === `/src/locales/${locale}.ts` || path.startsWith(`/src/locales/${locale}/`);
    });

  it('a French page loads no other locale; an English widget loads its catalogue once', async () => {
    const { courseId } = await seedValues();
    // Widgets have rendered in French in the tests above (html lang="fr").
    expect(document.documentElement.lang).to.equal('fr');
    const french = await fixture<HTMLDivElement>(html`<div>
      <catalogue-list api-base=${API_BASE} page-size="2"></catalogue-list>
      <course-card api-base=${API_BASE} course-id=${courseId}></course-card>
    </div>`);
    await listSettled(french.querySelector<List>('catalogue-list')!);
    await cardSettled(french.querySelector<CourseCard>('course-card')!);
    await flushed();
    expect(localeModules('en').map((e) => e.name), 'en modules').to.deep.equal([]);
    expect(localeModules('fr-CA').map((e) => e.name), 'fr-CA modules').to.deep.equal([]);

    // Two English widgets: the catalogue is fetched once, the French page's other widgets stay French.
    const english = await fixture<HTMLDivElement>(html`<div lang="en">
      <catalogue-list api-base=${API_BASE} page-size="2"></catalogue-list>
      <course-card api-base=${API_BASE} course-id=${courseId}></course-card>
    </div>`);
    const list = english.querySelector<List>('catalogue-list')!;
    const card = english.querySelector<CourseCard>('course-card')!;
    await Promise.all([list.localeReady, card.localeReady]);
    await listSettled(list);
    await cardSettled(card);
    expect(shadow(list).querySelector('[part="heading"]')!.textContent).to.match(/course/i);
    await flushed();
    const en = localeModules('en').map((e) => new URL(e.name).pathname);
    expect(en.filter((p) => p === '/src/locales/en.ts'), 'en.ts').to.have.length(1);
    expect(new Set(en).size, 'each en module once').to.equal(en.length);
    expect(localeModules('fr-CA').map((e) => e.name), 'fr-CA modules').to.deep.equal([]);
  });
});

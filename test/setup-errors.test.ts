/**
 * Set-up errors said as set-up errors (issue 19): an `api-base` pasted with its
 * version is the same root; a root where no campus API answers (404 on the
 * catalogue or its vocabularies, or a web page) makes every widget say the
 * catalogue is unavailable — never that a course was withdrawn — and writes one
 * console error naming the setting and the URL tried.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { CatalogueList } from '../src/catalogue-list/catalogue-list.js';
import { CourseCard } from '../src/course-card/course-card.js';
import { CourseDetail } from '../src/course-detail/course-detail.js';
import { EnrolForm } from '../src/enrol-form/enrol-form.js';
import { TrainerSignup } from '../src/trainer-signup/trainer-signup.js';
import { resolveApiBase } from '../src/core/config.js';
import { API_BASE, freshCache, text, unique, until } from './helpers.js';

for (const [tag, ctor] of [
  ['catalogue-list', CatalogueList],
  ['course-card', CourseCard],
  ['course-detail', CourseDetail],
  ['enrol-form', EnrolForm],
  ['trainer-signup', TrainerSignup],
] as const) {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}

const UNAVAILABLE = 'Le catalogue du Campus du numérique public est indisponible sur ce site pour le moment.';

/** Console output of one kind, captured while a test runs. */
function capture(kind: 'error' | 'info') {
  const original = console[kind];
  const lines: string[] = [];
  console[kind] = (...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
  };
  return { lines, restore: () => void (console[kind] = original) };
}

const shown = (el: Element) => text(el.shadowRoot);

describe('set-up errors', () => {
  let errors: ReturnType<typeof capture>;
  let infos: ReturnType<typeof capture>;
  beforeEach(() => {
    freshCache();
    errors = capture('error');
    infos = capture('info');
  });
  afterEach(() => {
    errors.restore();
    infos.restore();
  });

  it('takes an api-base ending in /v1 or /v1/ as the same root, with one console note per value', async () => {
    expect(resolveApiBase(`${API_BASE}/v1`)).to.equal(API_BASE);
    expect(resolveApiBase(`${API_BASE}/v1/`)).to.equal(API_BASE);
    expect(resolveApiBase(`${API_BASE}/v1/`)).to.equal(API_BASE);
    expect(infos.lines.filter((l) => l.includes('/v1'))).to.have.length(2);
    expect(infos.lines[0]).to.contain('api-base').and.contain(API_BASE);
    // The address `npm run api` prints, pasted as is: the list loads.
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base="${API_BASE}/v1/" page-size="3"></catalogue-list>`);
    await until(() => el.shownCourses.length === 3, 'the list loaded');
    expect(el.resolvedApiBase).to.equal(API_BASE);
    expect(errors.lines).to.deep.equal([]);
  });

  it('a list on a root where the API answers 404: « indisponible », one console error naming api-base and the URL', async () => {
    const root = `${API_BASE}/nulle-part-${unique()}`;
    const container = await fixture<HTMLDivElement>(html`<div>
      <catalogue-list api-base=${root} page-size="3"></catalogue-list>
      <catalogue-list api-base=${root} page-size="3" expertise="data"></catalogue-list>
    </div>`);
    const [a, b] = [...container.querySelectorAll('catalogue-list')];
    await until(() => shown(a).includes(UNAVAILABLE) && shown(b).includes(UNAVAILABLE), 'both lists say the catalogue is unavailable');
    expect(shown(a)).not.to.contain('retirée');
    // Nothing to retry: the setting must change.
    expect(a.shadowRoot!.querySelector('[part="retry"]')).to.equal(null);
    const setup = errors.lines.filter((l) => l.includes('[campus-widgets]'));
    expect(setup, setup.join('\n')).to.have.length(1);
    expect(setup[0]).to.contain('api-base').and.contain(`${root}/v1/`).and.contain('HTTP 404');
  });

  it('a course page on a wrong root says the catalogue is unavailable, not that the course was withdrawn', async () => {
    const root = `${API_BASE}/nulle-part-${unique()}`;
    const el = await fixture<CourseDetail>(html`<course-detail api-base=${root} course-id="piloter-produit-numerique-public"></course-detail>`);
    await until(() => shown(el).includes(UNAVAILABLE), 'the detail says the catalogue is unavailable').catch((e) => {
      throw new Error(`${e} — shown: ${shown(el)}`);
    });
    expect(el.shadowRoot!.querySelector('[part="not-found"]')).to.equal(null);
    expect(shown(el)).not.to.contain('retirée');
    expect(errors.lines.filter((l) => l.includes(`${root}/v1/`))).to.have.length(1);
  });

  it('a course that does not exist, on the right root, is still « introuvable »', async () => {
    const el = await fixture<CourseDetail>(html`<course-detail api-base=${API_BASE} course-id="n-existe-pas-${unique()}"></course-detail>`);
    await until(() => el.shadowRoot!.querySelector('[part="not-found"]'), 'the not-found state');
    expect(shown(el)).not.to.contain(UNAVAILABLE);
    expect(errors.lines.filter((l) => l.includes('[campus-widgets]'))).to.deep.equal([]);
  });

  it('a card, an enrolment form and the trainer form on a wrong root: the same words, the form not replaced by « retirée »', async () => {
    const root = `${API_BASE}/nulle-part-${unique()}`;
    const container = await fixture<HTMLDivElement>(html`<div>
      <course-card api-base=${root} course-id="hameconnage-exercice"></course-card>
      <enrol-form api-base=${root} course-id="piloter-produit-numerique-public"></enrol-form>
      <trainer-signup api-base=${root}></trainer-signup>
    </div>`);
    for (const el of container.children) {
      await until(() => shown(el).includes(UNAVAILABLE), `<${el.localName}> says the catalogue is unavailable`).catch((e) => {
        throw new Error(`${e} — shown: ${shown(el)}`);
      });
      expect(shown(el)).not.to.contain('retirée');
    }
    // One error for the page's one wrong root, naming the first widget that met it.
    expect(errors.lines.filter((l) => l.includes(root))).to.have.length(1);
  });

  it('a root that answers a web page (not a campus API): the same', async () => {
    const original = window.fetch;
    const root = `${location.origin}/site-${unique()}`;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.startsWith(root)) {
        return Promise.resolve(new Response('<!doctype html><title>Accueil</title><h1>Bienvenue</h1>', { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } }));
      }
      return original.call(window, input, init);
    };
    try {
      const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${root}></catalogue-list>`);
      await until(() => shown(el).includes(UNAVAILABLE), 'the list says the catalogue is unavailable');
      const setup = errors.lines.filter((l) => l.includes(root));
      expect(setup).to.have.length(1);
      expect(setup[0]).to.contain('web page').and.contain('api-base');
    } finally {
      window.fetch = original;
    }
  });

  it('names the <meta> when the root came from it', async () => {
    const root = `${API_BASE}/nulle-part-${unique()}`;
    const meta = Object.assign(document.createElement('meta'), { name: 'campus-api-base', content: root });
    document.head.append(meta);
    try {
      const el = await fixture<CatalogueList>(html`<catalogue-list page-size="3"></catalogue-list>`);
      await until(() => shown(el).includes(UNAVAILABLE), 'the list says the catalogue is unavailable');
      const setup = errors.lines.filter((l) => l.includes(root));
      expect(setup).to.have.length(1);
      expect(setup[0]).to.contain('<meta name="campus-api-base">');
    } finally {
      meta.remove();
    }
  });
});

import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { html as litHtml } from 'lit';
import { html as staticHtml } from 'lit/static-html.js';
import { CampusElement } from '../src/core/campus-element.js';
import { configure, DEFAULT_API_BASE, resetConfig, resolveApiBase } from '../src/core/config.js';
import { emit } from '../src/core/events.js';
import { matchLocale, resolveLangTag } from '../src/core/locale.js';
import { defineSet, DEFAULT_TAGS, type WidgetClass } from '../src/core/registry.js';
import { until } from './helpers.js';

declare global {
  interface HTMLElementEventMap {
    'campus-test-ping': CustomEvent<{ n: number }>;
  }
}

/** A minimal widget: speaks its locale and shows its API root. */
class ProbeElement extends CampusElement {
  protected renderContent() {
    return litHtml`<p id="msg">${this.i18n.t('core.retry')}</p>
      <p id="count">${this.i18n.t('core.partial', { count: 2 })}</p>
      <p id="api">${this.api.baseUrl}</p>`;
  }
}
customElements.define('probe-element', ProbeElement);

const text = (el: Element, id: string) => el.shadowRoot!.getElementById(id)!.textContent!.trim();

describe('locale', () => {
  afterEach(() => {
    document.documentElement.lang = 'fr';
    resetConfig();
  });

  // First in the file: fr-CA must not be loaded yet, so its load is still pending when lang changes.
  it('renders when lang changes again while a locale is still loading', async () => {
    const el = document.createElement('probe-element') as ProbeElement;
    el.lang = 'fr-CA';
    document.body.append(el);
    el.lang = 'fr';
    try {
      await until(() => el.shadowRoot?.getElementById('msg')?.textContent === 'Réessayer', 'French text');
      el.lang = 'en';
      await until(() => text(el, 'msg') === 'Try again', 'a later update still renders');
    } finally {
      el.remove();
    }
  });

  it('matches BCP 47 tags with fallback', () => {
    expect(matchLocale('fr')).to.equal('fr');
    expect(matchLocale('fr-FR')).to.equal('fr');
    expect(matchLocale('fr-BE')).to.equal('fr');
    expect(matchLocale('FR-ca')).to.equal('fr-CA');
    expect(matchLocale('fr_CA')).to.equal('fr-CA');
    expect(matchLocale('en')).to.equal('en');
    expect(matchLocale('en-GB')).to.equal('en');
    expect(matchLocale('de-DE')).to.equal('fr');
    expect(matchLocale('')).to.equal('fr');
    expect(matchLocale(undefined)).to.equal('fr');
  });

  it('resolves lang from the element, its ancestors across shadow roots, then <html>', async () => {
    const el = await fixture<HTMLDivElement>(html`<div lang="en-GB"><section><span id="a"></span></section></div>`);
    expect(resolveLangTag(el.querySelector('#a')!)).to.equal('en-GB');

    const host = await fixture<HTMLDivElement>(html`<div lang="fr-CA"></div>`);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<div><b id="deep"></b></div>';
    expect(resolveLangTag(root.getElementById('deep')!)).to.equal('fr-CA');

    document.documentElement.lang = 'en';
    const bare = await fixture<HTMLDivElement>(html`<div></div>`);
    expect(resolveLangTag(bare)).to.equal('en');
    document.documentElement.removeAttribute('lang');
    expect(resolveLangTag(bare)).to.equal('fr');
  });

  it('renders in the resolved locale and follows a lang change on the element and on <html>', async () => {
    const el = await fixture<ProbeElement>(html`<probe-element></probe-element>`);
    expect(text(el, 'msg')).to.equal('Réessayer');

    el.lang = 'en';
    await until(() => text(el, 'msg') === 'Try again', 'English text');

    el.removeAttribute('lang');
    await until(() => text(el, 'msg') === 'Réessayer', 'French text again');

    document.documentElement.lang = 'en-GB';
    await until(() => text(el, 'msg') === 'Try again', 'English from <html lang>');
  });

  it('lets two widgets on one page speak different languages', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <probe-element lang="en" id="en"></probe-element>
      <div lang="fr-CA"><probe-element id="qc"></probe-element></div>
      <probe-element id="fr"></probe-element>
    </div>`);
    const [en, qc, fr] = ['#en', '#qc', '#fr'].map((s) => page.querySelector<ProbeElement>(s)!);
    await Promise.all([en, qc, fr].map((e) => e.localeReady));
    expect(text(en, 'msg')).to.equal('Try again');
    expect(text(fr, 'msg')).to.equal('Réessayer');
    // fr-CA falls back to French for what it does not redefine.
    expect(text(qc, 'msg')).to.equal('Réessayer');
    expect(text(en, 'count')).to.equal('2 unreadable items could not be shown.');
    expect(text(fr, 'count')).to.equal('2 éléments illisibles n’ont pas pu être affichés.');
  });

  it('follows the lang of a host component across its shadow root', async () => {
    const host = await fixture<HTMLDivElement>(html`<div lang="en"></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const probe = document.createElement('probe-element') as ProbeElement;
    root.append(probe);
    await until(() => probe.shadowRoot?.getElementById('msg')?.textContent === 'Try again', 'English inside a shadow root');
    host.lang = 'fr';
    await until(() => text(probe, 'msg') === 'Réessayer', 'French after the host changed');
  });

  it('applies text overrides per locale, in one call, to widgets already shown', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <probe-element id="fr"></probe-element><probe-element lang="en" id="en"></probe-element>
    </div>`);
    const fr = page.querySelector<ProbeElement>('#fr')!;
    const en = page.querySelector<ProbeElement>('#en')!;
    await en.localeReady;
    configure({ messages: { fr: { 'core.retry': 'Relancer' }, en: { 'core.partial': { one: 'one bad', other: '{count} bad' } } } });
    await until(() => text(fr, 'msg') === 'Relancer', 'French override');
    await until(() => text(en, 'count') === '2 bad', 'English plural override');
    expect(text(en, 'msg')).to.equal('Try again');
  });
});

describe('configuration', () => {
  afterEach(() => {
    resetConfig();
    document.querySelectorAll('meta[name="campus-api-base"]').forEach((m) => m.remove());
  });

  it('uses the campus API by default and appends the contract version', async () => {
    expect(resolveApiBase(undefined)).to.equal(DEFAULT_API_BASE);
    const el = await fixture<ProbeElement>(html`<probe-element></probe-element>`);
    expect(text(el, 'api')).to.equal(`${DEFAULT_API_BASE}/v1`);
  });

  it('takes the page default from a <meta>, then configure(), then the element attribute', async () => {
    const meta = Object.assign(document.createElement('meta'), { name: 'campus-api-base', content: 'https://meta.example/api/' });
    document.head.append(meta);
    const el = await fixture<ProbeElement>(html`<probe-element></probe-element>`);
    expect(text(el, 'api')).to.equal('https://meta.example/api/v1');

    configure({ apiBase: 'https://page.example/campus' });
    await until(() => text(el, 'api') === 'https://page.example/campus/v1', 'configure() applied');

    el.setAttribute('api-base', 'https://own.example/api');
    await el.updateComplete;
    expect(text(el, 'api')).to.equal('https://own.example/api/v1');
  });

  it('resolves a relative api-base against the page', () => {
    expect(resolveApiBase('/campus/api')).to.equal(`${location.origin}/campus/api`);
  });
});

describe('events', () => {
  it('dispatches typed events that bubble out of shadow roots and can be cancelled', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const inner = document.createElement('span');
    host.attachShadow({ mode: 'open' }).append(inner);

    setTimeout(() => emit(inner, 'campus-test-ping', { n: 1 }));
    const event = await oneEvent(host, 'campus-test-ping');
    expect(event.detail.n).to.equal(1);
    expect(event.bubbles && event.composed).to.equal(true);

    document.addEventListener('campus-test-ping', (e) => e.preventDefault(), { once: true });
    expect(emit(inner, 'campus-test-ping', { n: 2 }, { cancelable: true })).to.equal(false);
    expect(emit(inner, 'campus-test-ping', { n: 3 }, { cancelable: true })).to.equal(true);
  });
});

describe('registration', () => {
  // Two stand-in widgets: a list that renders a card of its own set.
  class FakeList extends CampusElement {
    protected renderContent() {
      return staticHtml`<${this.tagOf('course-card')} id="child"></${this.tagOf('course-card')}>`;
    }
  }
  class FakeCard extends CampusElement {
    protected renderContent() {
      return litHtml`<span>card</span>`;
    }
  }
  const set = { 'catalogue-list': FakeList, 'course-card': FakeCard } as unknown as Record<string, WidgetClass>;

  it('defines the default set and a prefixed set side by side, each rendering its own children', async () => {
    defineSet(set);
    const tags = defineSet(set, { prefix: 'campus' });
    expect(tags['course-card']).to.equal('campus-course-card');
    expect(customElements.get('catalogue-list')).to.equal(FakeList);
    expect(customElements.get('campus-catalogue-list')!.prototype).to.be.instanceOf(FakeList);

    const page = await fixture<HTMLDivElement>(html`<div><catalogue-list></catalogue-list><campus-catalogue-list></campus-catalogue-list></div>`);
    const plain = page.querySelector('catalogue-list') as CampusElement;
    const prefixed = page.querySelector('campus-catalogue-list') as CampusElement;
    await plain.updateComplete;
    await prefixed.updateComplete;
    expect(plain.shadowRoot!.getElementById('child')!.localName).to.equal('course-card');
    expect(prefixed.shadowRoot!.getElementById('child')!.localName).to.equal('campus-course-card');
    expect(prefixed.shadowRoot!.getElementById('child')).to.be.instanceOf(FakeCard);
    expect(DEFAULT_TAGS['course-card']).to.equal('course-card');
  });

  it('never throws when defining twice or meeting a name taken by another element, and warns once', () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      customElements.define('other-course-detail', class extends HTMLElement {});
      customElements.define('x-course-detail', class extends HTMLElement {});
      const other = { 'course-detail': FakeCard } as unknown as Record<string, WidgetClass>;
      expect(() => defineSet(set)).not.to.throw();
      expect(() => defineSet(set)).not.to.throw();
      expect(() => defineSet(other, { prefix: 'x' })).not.to.throw();
      expect(() => defineSet(other, { prefix: 'x' })).not.to.throw();
    } finally {
      console.warn = warn;
    }
    const text = warnings.map((w) => String(w[0]));
    expect(text.filter((t) => t.includes('<catalogue-list> is already defined'))).to.have.length(1);
    expect(text.filter((t) => t.includes('<x-course-detail> is already used by another element'))).to.have.length(1);
  });
});

describe('theme', () => {
  it('inherits the host text size: 16 px on a page whose root is 62.5 % and body 1.6rem', async () => {
    const style = document.createElement('style');
    style.textContent = 'html { font-size: 62.5% } body { font-size: 1.6rem }';
    document.head.append(style);
    try {
      const el = await fixture<ProbeElement>(html`<probe-element></probe-element>`);
      expect(getComputedStyle(el).fontSize).to.equal('16px');
      expect(getComputedStyle(el.shadowRoot!.getElementById('msg')!).fontSize).to.equal('16px');
    } finally {
      style.remove();
    }
  });

  it('takes colours from --campus-* tokens, falling back to the host DSFR tokens', async () => {
    const el = await fixture<ProbeElement>(html`<probe-element></probe-element>`);
    expect(getComputedStyle(el).color).to.equal('rgb(58, 58, 58)');
    el.style.setProperty('--text-default-grey', 'rgb(1, 2, 3)');
    expect(getComputedStyle(el).color).to.equal('rgb(1, 2, 3)');
    el.style.setProperty('--campus-color-text', 'rgb(4, 5, 6)');
    expect(getComputedStyle(el).color).to.equal('rgb(4, 5, 6)');
  });
});

describe('robustness', () => {
  class Broken extends CampusElement {
    protected renderContent(): never {
      throw new Error('boom');
    }
  }
  customElements.define('broken-probe', Broken);

  it('shows a message instead of throwing into the page when rendering fails', async () => {
    const errors: unknown[] = [];
    const onError = (e: Event) => errors.push(e);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    const error = console.error;
    console.error = () => {};
    try {
      const el = await fixture<Broken>(html`<broken-probe></broken-probe>`);
      expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('ne peut pas s’afficher');
    } finally {
      console.error = error;
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    }
    expect(errors).to.have.length(0);
  });
});

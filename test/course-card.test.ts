import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { CampusClient } from '../src/api/client.js';
import { Reference } from '../src/api/reference.js';
import { Course, type Organisation } from '../src/api/schemas.js';
import { CourseCard } from '../src/course-card/course-card.js';
import { API_BASE, API_ORIGIN, faultBase, freshCache, spyFetch, unique, until, watchSignals } from './helpers.js';

if (!customElements.get('course-card')) customElements.define('course-card', CourseCard);

/** A card whose client gives up after 300 ms, to see the timeout state. */
class ImpatientCard extends CourseCard {
  static client = new CampusClient(faultBase('hang'), { timeout: 300, retries: 0 });
  protected override get api(): CampusClient {
    return ImpatientCard.client;
  }
}
customElements.define('impatient-card', ImpatientCard);

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const text = (el: Element, selector: string) => $(el, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

const organisationsSeed: Organisation[] = [
  { id: 'dinum', name: 'DINUM', kind: 'administration' },
  { id: 'inria', name: 'Inria', kind: 'ecole', logoUrl: `${API_ORIGIN}/media/test/inria.svg` },
  { id: 'atn', name: 'Académie de la transformation numérique', kind: 'international', logoUrl: 'https://example.org/atn.png' },
  { id: 'evil', name: 'Partenaire douteux', kind: 'x', logoUrl: 'javascript:alert(1)' },
];

const reference = new Reference(
  {
    kinds: [{ id: 'parcours', label: 'Parcours métier' }],
    modes: [
      { id: 'en-ligne', label: 'En ligne' },
      { id: 'presentiel', label: 'Présentiel' },
    ],
    levels: [{ id: 'initiation', label: 'Initiation' }],
    sessionStatuses: [
      { id: 'open', label: 'Inscriptions ouvertes' },
      { id: 'closed', label: 'Inscriptions closes' },
    ],
    organisationKinds: [],
    trainerSkills: [],
    trainerStatuses: [],
    trainerIntents: [],
  },
  [
    { id: 'data', label: 'Data' },
    { id: 'cyber', label: 'Cybersécurité' },
  ],
  [],
  organisationsSeed,
);

function makeCourse(overrides: Record<string, unknown> = {}): Course {
  return Course.parse({
    id: 'parcours-data/2026',
    title: 'Piloter un projet data',
    kind: 'parcours',
    summary: 'Trois demi-journées pour cadrer un projet de données.',
    expertiseIds: ['data', 'cyber'],
    modes: ['en-ligne', 'presentiel'],
    duration: { minutes: 90, label: '' },
    level: 'initiation',
    providerId: 'dinum',
    partnerIds: ['inria', 'atn', 'evil'],
    isFree: false,
    price: { amount: 1250.5, currency: 'EUR' },
    imageUrl: `${API_ORIGIN}/media/test/image.svg`,
    nextSession: { id: 's1', start: '2026-12-10T09:00:00+01:00', end: '2026-12-10T17:00:00+01:00', mode: 'presentiel', city: 'Paris', seatsLeft: 3, status: 'open' },
    ...overrides,
  });
}

async function cardFor(course: Course, attrs: { href?: string; level?: number; lang?: string } = {}): Promise<CourseCard> {
  const el = await fixture<CourseCard>(html`<course-card
    .course=${course}
    .reference=${reference}
    course-href=${attrs.href ?? ''}
    heading-level=${attrs.level ?? 3}
    lang=${attrs.lang ?? ''}
    api-base=${API_BASE}
  ></course-card>`);
  if (!attrs.href) el.removeAttribute('course-href');
  if (!attrs.lang) el.removeAttribute('lang');
  await el.localeReady;
  return el;
}

/** A course of the reference server, read the way the widgets read it. */
async function serverCourses(): Promise<Course[]> {
  const response = await fetch(`${API_BASE}/v1/courses?pageSize=100`);
  const body = (await response.json()) as { items: unknown[] };
  return body.items.map((item) => Course.parse(item));
}

/** Records what a click did: the campus event, and whether the link was left to the browser. */
function clickOn(target: HTMLElement, init: MouseEventInit = {}) {
  const seen = { selected: 0, prevented: false };
  const onSelect = () => seen.selected++;
  const onClick = (e: Event) => {
    seen.prevented = e.defaultPrevented;
    // The test page must stay: stop any navigation once the card had its say.
    e.preventDefault();
  };
  document.addEventListener('campus-course-select', onSelect);
  document.addEventListener('click', onClick);
  try {
    target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, button: 0, ...init }));
  } finally {
    document.removeEventListener('campus-course-select', onSelect);
    document.removeEventListener('click', onClick);
  }
  return seen;
}

describe('course-card', () => {
  beforeEach(freshCache);

  describe('from the `course` property', () => {
    it('renders at once, without fetching the course or the reference data', async () => {
      const spy = spyFetch();
      try {
        const el = await cardFor(makeCourse());
        expect(text(el, '.title')).to.equal('Piloter un projet data');
        expect(spy.calls.filter((u) => u.includes('/v1/'))).to.deep.equal([]);
      } finally {
        spy.restore();
      }
    });

    it('loads the reference data itself when not given, never the course', async () => {
      const spy = spyFetch();
      try {
        const base = faultBase(`delay=1,key=${unique()}`);
        const course = makeCourse({ kind: 'parcours', providerId: 'campus', expertiseIds: ['data'] });
        const el = await fixture<CourseCard>(html`<course-card .course=${course} api-base=${base}></course-card>`);
        // The course is there at once; the labels that need the reference data follow.
        expect(text(el, '[part="title"]')).to.equal(course.title);
        await until(() => $(el, '[part="provider"]'), 'the provider');
        expect(text(el, '[part="provider"]')).to.equal('Proposé par Campus du numérique public – DINUM');
        expect(text(el, '[part="kind"] .badge')).to.equal('Parcours');
        expect(spy.calls.filter((u) => u.includes('/courses'))).to.deep.equal([]);
        expect(spy.calls.filter((u) => u.includes('/vocabularies'))).to.have.length(1);
      } finally {
        spy.restore();
      }
    });

    it('shows every field: kind, tags, modes, duration, level, provider, partners, price, next session, seats, image', async () => {
      const el = await cardFor(makeCourse());
      expect(text(el, '[part="kind"] .badge')).to.equal('Parcours métier');
      expect($$(el, '[part="tag"]').map((t) => t.textContent!.trim())).to.deep.equal(['Data', 'Cybersécurité']);
      expect(text(el, '.modes')).to.contain('En ligne, Présentiel');
      expect(text(el, '.duration')).to.match(/1\s?h 30\s?min/);
      expect(text(el, '.level')).to.contain('Initiation');
      expect(text(el, '[part="provider"]')).to.equal('Proposé par DINUM');
      const logos = $$(el, 'img[part="partner-logo"]') as HTMLImageElement[];
      expect(logos.map((img) => img.alt)).to.deep.equal(['Inria', 'Académie de la transformation numérique']);
      expect(logos.map((img) => img.getAttribute('src'))).to.deep.equal([`${API_ORIGIN}/media/test/inria.svg`, 'https://example.org/atn.png']);
      // A partner whose logo is not an http(s) URL is named instead.
      expect(text(el, '[part="partner-name"]')).to.equal('Partenaire douteux');
      expect(text(el, '[part="price"]')).to.match(/1\s?250,50\s?€/);
      expect(text(el, '[part="session"]')).to.contain('Prochaine session : 10 décembre 2026');
      expect(text(el, '[part="session"]')).to.contain('Paris');
      expect(text(el, '[part="seats"]')).to.equal('3 places restantes');
      const image = $<HTMLImageElement>(el, '[part="image"] img')!;
      expect(image.getAttribute('alt')).to.equal('');
      expect(image.getAttribute('src')).to.equal(`${API_ORIGIN}/media/test/image.svg`);
      await expect(el).to.be.accessible();
    });

    it('shows a free course, a duration label, a single seat, full and waiting-list sessions', async () => {
      const base = { start: '2026-12-10T09:00:00+01:00', id: 's', mode: 'en-ligne', online: true };
      const el = await cardFor(
        makeCourse({ isFree: true, price: undefined, duration: { label: '3 demi-journées' }, nextSession: { ...base, seatsLeft: 1, status: 'open' } }),
      );
      expect(text(el, '[part="price"]')).to.equal('Tarif : Gratuit');
      expect($(el, '[part="price"]')!.lastChild!.textContent).to.equal('Gratuit');
      expect(text(el, '.duration')).to.contain('3 demi-journées');
      expect(text(el, '[part="seats"]')).to.equal('1 place restante');
      expect(text(el, '[part="session"]')).to.contain('En ligne');

      el.course = makeCourse({ nextSession: { ...base, seatsLeft: 0, status: 'open' } });
      await el.updateComplete;
      expect(text(el, '[part="seats"]')).to.equal('Complet');
      el.course = makeCourse({ nextSession: { ...base, status: 'full' } });
      await el.updateComplete;
      expect(text(el, '[part="seats"]')).to.equal('Complet');
      el.course = makeCourse({ nextSession: { ...base, status: 'waitlist' } });
      await el.updateComplete;
      expect(text(el, '[part="seats"]')).to.equal('Liste d’attente');
      el.course = makeCourse({ nextSession: undefined, imageUrl: undefined });
      await el.updateComplete;
      expect($(el, '[part="session"]')).to.equal(null);
      expect($(el, '[part="image"]')).to.equal(null);
    });

    it('shows the next session on its own date whatever the reader’s time zone', async () => {
      // 23:30 in Paris is already the next day in UTC and still the same day in Montréal.
      const el = await cardFor(makeCourse({ nextSession: { id: 's', start: '2026-12-10T23:30:00+01:00', mode: 'x', status: 'open' } }));
      expect(text(el, '[part="session"]')).to.contain('10 décembre 2026');
    });

    it('shows unknown kinds, expertises, modes, levels, organisations and statuses by their id', async () => {
      const el = await cardFor(
        makeCourse({
          kind: 'hackathon',
          expertiseIds: ['quantique'],
          modes: ['metavers'],
          level: 'expert',
          providerId: 'inconnu',
          partnerIds: ['autre'],
          nextSession: { id: 's', start: '2026-12-10T09:00:00+01:00', mode: 'x', status: 'reporte' },
        }),
      );
      expect(text(el, '[part="kind"] .badge')).to.equal('hackathon');
      expect(text(el, '[part="tag"]')).to.equal('quantique');
      expect(text(el, '.modes')).to.contain('metavers');
      expect(text(el, '.level')).to.contain('expert');
      expect(text(el, '[part="provider"]')).to.equal('Proposé par inconnu');
      expect(text(el, '[part="partner-name"]')).to.equal('autre');
      expect(text(el, '[part="seats"]')).to.equal('reporte');
      // A known status other than open shows its label.
      el.course = makeCourse({ nextSession: { id: 's', start: '2026-12-10T09:00:00+01:00', mode: 'x', status: 'closed' } });
      await el.updateComplete;
      expect(text(el, '[part="seats"]')).to.equal('Inscriptions closes');
    });

    it('renders API text as text and never turns a non-http URL into a link or an image', async () => {
      const title = '<img src=x onerror=alert(1)>';
      const course = makeCourse({ title, summary: '<script>alert(1)</script>' });
      // What the schema would drop, forced in: the card checks again.
      const forced = { ...course, imageUrl: 'javascript:alert(1)' } as Course;
      const el = await cardFor(forced, { href: 'javascript:alert({id})' });
      expect(text(el, '.title')).to.equal(title);
      expect($(el, '.title img')).to.equal(null);
      expect($(el, '.summary script')).to.equal(null);
      expect($$(el, 'img').map((i) => i.getAttribute('src'))).to.not.include('javascript:alert(1)');
      expect($(el, '[part="image"]')).to.equal(null);
      // A host template that is not http(s) falls back to the button.
      expect($(el, 'a')).to.equal(null);
      expect($(el, 'button[part="link"]')).to.not.equal(null);
    });

    it('puts the title at heading-level (default 3, clamped to 1–6)', async () => {
      const el = await cardFor(makeCourse());
      expect($(el, '[part="title"]')!.getAttribute('role')).to.equal('heading');
      expect($(el, '[part="title"]')!.getAttribute('aria-level')).to.equal('3');
      el.headingLevel = 5;
      await el.updateComplete;
      expect($(el, '[part="title"]')!.getAttribute('aria-level')).to.equal('5');
      el.setAttribute('heading-level', '9');
      await el.updateComplete;
      expect($(el, '[part="title"]')!.getAttribute('aria-level')).to.equal('3');
    });
  });

  describe('selection and navigation', () => {
    it('has one interactive element, the title, with a URL from course-href', async () => {
      const el = await cardFor(makeCourse(), { href: '#/formations/{id}' });
      const interactive = $$(el, 'a, button, input, select, textarea, [tabindex]');
      expect(interactive).to.have.length(1);
      const link = interactive[0] as HTMLAnchorElement;
      expect(link.localName).to.equal('a');
      expect(link.getAttribute('href')).to.equal('#/formations/parcours-data%2F2026');
      expect(link.textContent!.trim()).to.equal('Piloter un projet data');
      // The whole card is the link's target: its stretched pseudo-element covers the card.
      const card = $(el, '[part="card"]')!.getBoundingClientRect();
      const after = getComputedStyle(link, '::after');
      expect(after.position).to.equal('absolute');
      expect(card.height).to.be.greaterThan(100);
      await expect(el).to.be.accessible();
    });

    it('fires campus-course-select; a cancelled event keeps the link from being followed', async () => {
      const course = makeCourse();
      const el = await cardFor(course, { href: '#/formations/{id}' });
      const link = $(el, 'a')!;

      const cancel = (e: Event) => e.preventDefault();
      el.addEventListener('campus-course-select', cancel);
      const cancelled = clickOn(link);
      el.removeEventListener('campus-course-select', cancel);
      expect(cancelled).to.deep.equal({ selected: 1, prevented: true });

      const followed = clickOn(link);
      expect(followed).to.deep.equal({ selected: 1, prevented: false });

      setTimeout(() => clickOn(link));
      const event = await oneEvent(el, 'campus-course-select');
      expect(event.detail.course).to.equal(course);
      expect(event.cancelable && event.bubbles && event.composed).to.equal(true);
    });

    it('leaves ctrl, cmd, shift and middle clicks to the browser', async () => {
      const el = await cardFor(makeCourse(), { href: '#/formations/{id}' });
      const link = $(el, 'a')!;
      el.addEventListener('campus-course-select', (e) => e.preventDefault());
      for (const init of [{ ctrlKey: true }, { metaKey: true }, { shiftKey: true }, { button: 1 }]) {
        expect(clickOn(link, init), JSON.stringify(init)).to.deep.equal({ selected: 0, prevented: false });
      }
    });

    it('without course-href, the title is a button that fires the event', async () => {
      const el = await cardFor(makeCourse());
      const button = $<HTMLButtonElement>(el, 'button[part="link"]')!;
      expect(button.type).to.equal('button');
      expect($(el, 'a')).to.equal(null);
      setTimeout(() => button.click());
      const event = await oneEvent(el, 'campus-course-select');
      expect(event.detail.course.id).to.equal('parcours-data/2026');
      await expect(el).to.be.accessible();
    });
  });

  describe('layout and styling', () => {
    it('keeps the illustration a band, not the card: half as tall as wide stacked, under a third of the width beside the text', async () => {
      const page = await fixture<HTMLDivElement>(html`<div>
        <div class="narrow"><course-card .course=${makeCourse()} .reference=${reference}></course-card></div>
        <div class="wide"><course-card .course=${makeCourse()} .reference=${reference}></course-card></div>
      </div>`);
      page.querySelector<HTMLElement>('.narrow')!.style.width = '20em';
      page.querySelector<HTMLElement>('.wide')!.style.width = '50em';
      const [narrow, wide] = [...page.querySelectorAll<CourseCard>('course-card')];
      await Promise.all([narrow.updateComplete, wide.updateComplete]);
      const media = (el: CourseCard) => $(el, '[part="image"]')!.getBoundingClientRect();
      const card = (el: CourseCard) => $(el, '[part="card"]')!.getBoundingClientRect();
      expect(media(narrow).height / media(narrow).width).to.be.closeTo(0.5, 0.02);
      expect(media(narrow).height / card(narrow).height, 'stacked: share of the card’s height').to.be.below(0.35);
      expect(media(wide).width / card(wide).width, 'beside the text: share of the card’s width').to.be.at.most(0.31);
    });

    it('dims its illustration and logos in DSFR’s dark mode (themes/dsfr.css), not in light mode', async () => {
      const style = document.createElement('style');
      style.textContent = await (await fetch('/themes/dsfr.css')).text();
      document.head.append(style);
      try {
        const el = await cardFor(makeCourse());
        const images = [$<HTMLImageElement>(el, '[part="image"] img')!, $<HTMLImageElement>(el, '[part="partner-logo"]')!];
        for (const img of images) expect(getComputedStyle(img).filter, 'light').to.equal('none');
        document.documentElement.setAttribute('data-fr-theme', 'dark');
        for (const img of images) expect(getComputedStyle(img).filter, 'dark').to.equal('brightness(0.8) contrast(1.2)');
      } finally {
        document.documentElement.removeAttribute('data-fr-theme');
        style.remove();
      }
    });

    it('stacks when narrow and puts the image beside the text when wide (container queries)', async () => {
      const page = await fixture<HTMLDivElement>(html`<div>
        <div class="narrow"><course-card .course=${makeCourse()} .reference=${reference}></course-card></div>
        <div class="wide"><course-card .course=${makeCourse()} .reference=${reference}></course-card></div>
      </div>`);
      const narrowBox = page.querySelector<HTMLElement>('.narrow')!;
      const wideBox = page.querySelector<HTMLElement>('.wide')!;
      narrowBox.style.width = '20em';
      wideBox.style.width = '50em';
      const [narrow, wide] = [...page.querySelectorAll<CourseCard>('course-card')];
      await Promise.all([narrow.updateComplete, wide.updateComplete]);
      const box = (el: CourseCard, sel: string) => $(el, sel)!.getBoundingClientRect();

      const nImage = box(narrow, '[part="image"]');
      const nBody = box(narrow, '.body');
      expect(nImage.bottom).to.be.at.most(nBody.top + 1);
      expect(Math.abs(nImage.left - nBody.left)).to.be.lessThan(2);

      const wImage = box(wide, '[part="image"]');
      const wBody = box(wide, '.body');
      expect(Math.abs(wImage.top - wBody.top)).to.be.lessThan(2);
      expect(wImage.right).to.be.at.most(wBody.left + 1);
      expect(wImage.width).to.be.lessThan(wide.getBoundingClientRect().width / 2);
    });

    it('lists its parts, and they can be styled from the page', async () => {
      const style = document.createElement('style');
      style.textContent = 'course-card::part(title) { color: rgb(1, 2, 3) } course-card::part(tag) { color: rgb(4, 5, 6) }';
      document.head.append(style);
      try {
        const el = await cardFor(makeCourse({ partnerIds: ['inria', 'dinum'] }), { href: '/f/{id}' });
        expect(getComputedStyle($(el, '[part="title"]')!).color).to.equal('rgb(1, 2, 3)');
        expect(getComputedStyle($(el, '[part="tag"]')!).color).to.equal('rgb(4, 5, 6)');
        const used = new Set($$(el, '[part]').flatMap((n) => n.getAttribute('part')!.split(/\s+/)));
        for (const part of used) expect(CourseCard.parts, part).to.include(part);
        for (const part of ['card', 'image', 'title', 'link', 'kind', 'tags', 'tag', 'meta', 'provider', 'partners', 'partner-logo', 'price', 'session', 'seats']) {
          expect(used.has(part), part).to.equal(true);
        }
      } finally {
        style.remove();
      }
    });
  });

  describe('from `course-id`, through the reference server', () => {
    it('fetches the course and the reference data, then shows them', async () => {
      const [course] = (await serverCourses()).filter((c) => c.kind && c.providerId);
      const el = await fixture<CourseCard>(html`<course-card course-id=${course.id} api-base=${API_BASE}></course-card>`);
      await until(() => $(el, '[part="title"]'), 'the title');
      expect(text(el, '[part="title"]')).to.equal(course.title);
      await until(() => $(el, '[part="provider"]'), 'the provider');
      expect(text(el, '[part="provider"]')).to.not.contain(`par ${course.providerId}`);
      expect(text(el, '[part="kind"] .badge')).to.not.equal('');
      await expect(el).to.be.accessible();
    });

    it('loads the reference data once for many cards, and not at all when given', async () => {
      const courses = (await serverCourses()).slice(0, 6);
      freshCache();
      const spy = spyFetch();
      try {
        // A root of its own, so nothing is cached yet for it.
        const base = faultBase(`delay=1,key=${unique()}`);
        const page = await fixture<HTMLDivElement>(html`<div>
          ${courses.map((c) => html`<course-card course-id=${c.id} api-base=${base}></course-card>`)}
        </div>`);
        const cards = [...page.querySelectorAll<CourseCard>('course-card')];
        await until(() => cards.every((c) => $(c, '[part="provider"]')), 'every card with its provider');
        expect(spy.calls.filter((u) => u.includes('/vocabularies'))).to.have.length(1);
        expect(spy.calls.filter((u) => u.includes('/organisations'))).to.have.length(1);

        spy.calls.length = 0;
        await fixture(html`<course-card .course=${courses[0]} .reference=${reference} api-base=${faultBase(`other=${unique()}`)}></course-card>`);
        expect(spy.calls).to.deep.equal([]);
      } finally {
        spy.restore();
      }
    });

    it('shows a skeleton with an accessible loading text while waiting', async () => {
      const el = await fixture<CourseCard>(html`<course-card course-id="x" api-base=${faultBase(`hang,key=${unique()}`)}></course-card>`);
      expect($(el, '[aria-busy="true"]')).to.not.equal(null);
      expect(text(el, '.visually-hidden')).to.equal('Chargement…');
      expect($$(el, '[part="skeleton"]').length).to.be.greaterThan(0);
      await expect(el).to.be.accessible();
      el.remove();
    });

    it('aborts its request when removed from the page', async () => {
      const { signals, restore } = watchSignals();
      try {
        const el = await fixture<CourseCard>(html`<course-card course-id="x" api-base=${faultBase(`hang,key=${unique()}`)}></course-card>`);
        await until(() => signals.length > 0, 'the request');
        expect(signals.every((s) => !s.aborted)).to.equal(true);
        el.remove();
        await until(() => signals.every((s) => s.aborted), 'aborted requests');
      } finally {
        restore();
      }
    });

    it('shows an error with a retry on a server error, and the retry works', async () => {
      const [course] = await serverCourses();
      const key = unique();
      const el = await fixture<CourseCard>(html`<course-card course-id=${course.id} api-base=${faultBase(`status=500,times=1,key=${key},only=courses`)}></course-card>`);
      await until(() => $(el, '[part="error"]'), 'the error');
      expect($(el, '[part="error"]')!.getAttribute('role')).to.equal('alert');
      expect(text(el, '[part="error"]')).to.contain('rencontre un problème');
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, '[part="retry"]')!.click();
      await until(() => $(el, '[part="title"]'), 'the course after retrying');
      expect(text(el, '[part="title"]')).to.equal(course.title);
    });

    it('says so when the answer is unreadable', async () => {
      const [course] = await serverCourses();
      const el = await fixture<CourseCard>(html`<course-card course-id=${course.id} api-base=${faultBase(`malformed,key=${unique()}`)}></course-card>`);
      await until(() => $(el, '[part="error"]'), 'the error');
      expect(text(el, '[part="error"]')).to.contain('réponse illisible');
      expect($(el, '[part="retry"]')).to.not.equal(null);
      await expect(el).to.be.accessible();
    });

    it('says so when the service takes too long', async () => {
      const el = await fixture<ImpatientCard>(html`<impatient-card course-id="x"></impatient-card>`);
      await until(() => $(el, '[part="error"]'), 'the timeout', 5000);
      expect(text(el, '[part="error"]')).to.contain('met trop de temps');
      await expect(el).to.be.accessible();
    });

    it('says a course that does not exist cannot be found', async () => {
      const el = await fixture<CourseCard>(html`<course-card course-id="formation-qui-n-existe-pas" api-base=${API_BASE}></course-card>`);
      await until(() => $(el, '[part="not-found"]'), 'the not-found message');
      expect(text(el, '[part="not-found"]')).to.contain('introuvable');
      expect($(el, '[part="retry"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });
  });

  describe('locales', () => {
    it('speaks English, with API text marked as French', async () => {
      const el = await cardFor(makeCourse({ isFree: true, price: undefined }), { lang: 'en' });
      expect(text(el, '[part="provider"]')).to.equal('Offered by DINUM');
      expect($(el, '[part="price"]')!.lastChild!.textContent).to.equal('Free');
      expect(text(el, '[part="seats"]')).to.equal('3 seats left');
      expect(text(el, '[part="session"]')).to.contain('Next session: December 10, 2026');
      expect(text(el, '.duration')).to.match(/1 hr,? 30 min/);
      expect($(el, '[part="title"]')!.getAttribute('lang')).to.equal('fr');
      expect($(el, '[part="tag"]')!.getAttribute('lang')).to.equal('fr');
      expect($(el, '[part="price"]')!.hasAttribute('lang')).to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('speaks Québec French where it differs', async () => {
      const el = await cardFor(makeCourse(), { lang: 'fr-CA' });
      expect(text(el, '[part="provider"]')).to.equal('Offert par DINUM');
      expect(text(el, '[part="session"]')).to.contain('Prochaine date : 10 décembre 2026');
      expect(text(el, '[part="seats"]')).to.equal('3 places restantes');
      // The API's French is France's: marked as such on a Québec page.
      expect($(el, '[part="title"]')!.getAttribute('lang')).to.equal('fr');
      await expect(el).to.be.accessible();
    });
  });
});

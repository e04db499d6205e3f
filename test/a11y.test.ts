/**
 * Accessibility (RGAA 4.1 / WCAG 2.1 AA), the evidence behind docs/accessibilite.md:
 *
 * - axe on every element in every state (loading, loaded, empty, error,
 *   partial, form errors, sending, receipt) with each theme (DSFR light and
 *   dark, Québec, neutral);
 * - two keyboard-only journeys with real key presses, the focus visible at
 *   every step and never lost after an update;
 * - status messages announced through live regions present before their text changes;
 * - reflow: no horizontal scroll at 320 px nor at 200 % zoom, long words included;
 * - prefers-reduced-motion honoured.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import '../src/define.js';
import type { Course, Session } from '../src/api/schemas.js';
import type { CatalogueList } from '../src/catalogue-list/catalogue-list.js';
import type { CourseCard } from '../src/course-card/course-card.js';
import type { CourseDetail } from '../src/course-detail/course-detail.js';
import type { EnrolForm } from '../src/enrol-form/enrol-form.js';
import type { TrainerSignup } from '../src/trainer-signup/trainer-signup.js';
import { choose, field, options, submitButton, typeInto } from './form-helpers.js';
import { API_BASE, apiGet, faultBase, freshCache, sr, stillness, text, unique, uniqueEmail, until } from './helpers.js';

type Widget = HTMLElement & { updateComplete: Promise<unknown> };

const q = <T extends Element = HTMLElement>(el: Element, selector: string) => sr(el).querySelector<T>(selector);
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

// ------------------------------------------------------------ the seed's courses

interface Picked {
  /** A course that takes requests, with a session open to them. */
  course: Course;
  session: string;
  /** A word of its title (without accents) that brings it into the first page of a search. */
  word: string;
}
let picked: Picked | undefined;
let EXTERNAL_COURSE = '';


async function pick(): Promise<Picked> {
  if (picked) return picked;
  const { items } = await apiGet<{ items: Course[] }>('/courses?pageSize=100&sort=title');
  EXTERNAL_COURSE = items.find((c) => c.enrolment.mode === 'external' && c.enrolment.url)?.id ?? '';
  const now = Date.now();
  let best: (Picked & { seats: number }) | undefined;
  for (const course of items) {
    if (course.enrolment.mode !== 'request' || course.managerApproval) continue;
    const sessions = (await apiGet<{ items: Session[] }>(`/courses/${encodeURIComponent(course.id)}/sessions`)).items
      .filter((s) => Date.parse(s.slots[0].start) > now && !['closed', 'cancelled'].includes(s.status))
      .sort((a, b) => Date.parse(a.slots[0].start) - Date.parse(b.slots[0].start));
    // course-detail's first enrol button is its first session's: it must take requests now.
    const first = sessions[0];
    if (!first || first.status !== 'open' || (first.registrationOpens && Date.parse(first.registrationOpens) > now)) continue;
    if (first.registrationCloses && Date.parse(first.registrationCloses) < now) continue;
    const seats = first.seatsLeft ?? 10000;
    if (best && seats <= best.seats) continue;
    const words = fold(course.title)
      .split(/[^a-z]+/)
      .filter((w) => w.length >= 6)
      .sort((a, b) => b.length - a.length);
    for (const word of words) {
      const found = await apiGet<{ items: Course[] }>(`/courses?q=${encodeURIComponent(word)}&pageSize=6`);
      if (found.items.some((c) => c.id === course.id)) {
        best = { course, session: first.id, word, seats };
        break;
      }
    }
  }
  if (!best || !EXTERNAL_COURSE) throw new Error('The seed data has no course for the accessibility tests');
  picked = best;
  return picked;
}

// ------------------------------------------------------------ themes

const THEMES = [
  { name: 'DSFR (clair)', file: 'dsfr', dark: false },
  { name: 'DSFR (sombre)', file: 'dsfr', dark: true },
  { name: 'Québec', file: 'quebec', dark: false },
  { name: 'neutre', file: 'neutral', dark: false },
] as const;

const sheets = new Map<string, string>();
async function applyTheme(theme: (typeof THEMES)[number]): Promise<void> {
  if (!sheets.has(theme.file)) {
    const response = await fetch(`/themes/${theme.file}.css`);
    expect(response.ok, theme.file).to.equal(true);
    sheets.set(theme.file, await response.text());
  }
  const style = document.createElement('style');
  style.dataset.a11yTheme = '';
  // The host page follows the same palette, as a DSFR or SDG page does (in dark mode DSFR paints
  // the body dark): the widgets have no background of their own and show the page's.
  style.textContent = `${sheets.get(theme.file)!}
    body { background: var(--campus-color-background); color: var(--campus-color-text); }`;
  document.head.append(style);
  if (theme.dark) document.documentElement.setAttribute('data-fr-theme', 'dark');
}
function removeTheme(): void {
  for (const style of document.querySelectorAll('style[data-a11y-theme]')) style.remove();
  document.documentElement.removeAttribute('data-fr-theme');
}

// ------------------------------------------------------------ helpers

/** The focused element, down through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Whether `node` is `ancestor` or inside it, across shadow roots. */
function inside(node: Node | null, ancestor: Node): boolean {
  while (node) {
    if (node === ancestor) return true;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return false;
}

/** A visible focus indicator: an outline (on the element or the pseudo-element that draws it) or a box-shadow. */
function focusIndicator(el: Element): string | undefined {
  for (const pseudo of [null, '::after', '::before'] as const) {
    const s = getComputedStyle(el, pseudo);
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) return `outline ${s.outlineWidth} ${s.outlineStyle}${pseudo ?? ''}`;
  }
  const shadow = getComputedStyle(el).boxShadow;
  return shadow && shadow !== 'none' && !el.closest('.group--error') ? `box-shadow ${shadow}` : undefined;
}

function describe_(el: Element | null): string {
  if (!el) return 'nothing';
  const part = el.getAttribute('part');
  return `<${el.localName}${el.id ? `#${el.id}` : ''}${part ? ` part=${part}` : ''}${(el as HTMLInputElement).name ? ` name=${(el as HTMLInputElement).name}` : ''}>`;
}

/** The focused element is in the page, inside `widget`, matches :focus-visible and shows it. */
function expectVisibleFocus(widget: Element, step: string): Element {
  const active = deepActive();
  expect(active, `${step}: something has focus`).to.exist;
  expect(active!.isConnected, `${step}: focus on a connected element`).to.equal(true);
  expect(inside(active, widget), `${step}: focus inside the widget, not ${describe_(active)}`).to.equal(true);
  // A day field is the exception: Chromium focuses its own parts, and the field never matches :focus-visible.
  const visible = active!.matches(':focus-visible') || (active!.matches('input[type="date"]') && active!.matches(':focus-within'));
  expect(visible, `${step}: ${describe_(active)} matches :focus-visible`).to.equal(true);
  expect(focusIndicator(active!), `${step}: a visible focus indicator on ${describe_(active)}`).to.be.a('string');
  return active!;
}

/** After an update: the focus is still on a connected element inside the widget. */
function expectFocusKept(widget: Element, step: string): void {
  const active = deepActive();
  expect(active?.isConnected, `${step}: focus still on a connected element (${describe_(active)})`).to.equal(true);
  expect(inside(active, widget), `${step}: focus still inside the widget (${describe_(active)})`).to.equal(true);
}

/** Presses Tab (or Shift+Tab) until `isTarget(deepActive())`, checking the focus is visible at each stop inside `widget`. */
async function tabTo(widget: Element, isTarget: (el: Element | null) => boolean, what: string, max = 60, back = false): Promise<Element> {
  for (let i = 0; i < max; i++) {
    if (back) await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    if (back) await sendKeys({ up: 'Shift' });
    const active = deepActive();
    if (inside(active, widget)) expectVisibleFocus(widget, `Tab to ${what}, stop ${i + 1}`);
    if (isTarget(active)) return active!;
  }
  throw new Error(`${what} not reached with ${max} presses of Tab (focus on ${describe_(deepActive())})`);
}

const isField = (name: string) => (el: Element | null) => (el as HTMLInputElement | null)?.dataset?.field === name;
const hasPart = (part: string) => (el: Element | null) => el?.getAttribute('part')?.split(' ').includes(part) ?? false;

async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => {};
  try {
    return await run();
  } finally {
    console.warn = warn;
  }
}

beforeEach(() => {
  freshCache();
  sessionStorage.clear();
});
afterEach(async () => {
  removeTheme();
  document.documentElement.style.fontSize = '';
});

// ------------------------------------------------------------ mounting in a state

const listSettled = (el: Element) =>
  until(() => q(el, '[part="results"]')?.getAttribute('aria-busy') === 'false' && q(el, '[part="list"], [part="empty"], [part="error"]'), 'the list', 15000);

async function formIn(el: Element): Promise<void> {
  await until(() => q(el, 'form [data-field="givenName"]'), 'the form', 15000);
}

async function fillEnrol(el: EnrolForm, session: string): Promise<void> {
  if (options(el, 'sessionId').length) await choose(el, 'sessionId', session);
  await typeInto(el, 'givenName', 'Camille');
  await typeInto(el, 'familyName', 'Martin');
  await typeInto(el, 'email', uniqueEmail('a11y'));
  await typeInto(el, 'organisation', 'Direction générale des finances publiques');
}

async function fillTrainer(el: TrainerSignup): Promise<void> {
  await typeInto(el, 'givenName', 'Alex');
  await typeInto(el, 'familyName', 'Dupont');
  await typeInto(el, 'email', uniqueEmail('a11y-trainer'));
  await typeInto(el, 'organisation', 'Direction interministérielle du numérique');
  await typeInto(el, 'jobTitle', 'Coach produit');
  await typeInto(el, 'availability', '2 jours par trimestre');
  await choose(el, 'status', 'agent-interne');
  await choose(el, 'skills', 'coaching-produit');
  await choose(el, 'intent', 'idea');
}

/** Every state of every element, each checked by `check` (axe, or reflow). */
const STATES: Record<string, Array<{ state: string; run: (check: (el: Element, state: string) => Promise<void>) => Promise<void> }>> = {
  'catalogue-list': [
    {
      state: 'loading',
      run: async (check) => {
        const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${faultBase(`delay=3000,only=courses,key=${unique()}`)}></catalogue-list>`);
        await el.updateComplete;
        expect(q(el, '.placeholder')).to.exist;
        await check(el, 'loading');
        el.remove();
      },
    },
    {
      state: 'loaded, filters open, a filter checked',
      run: async (check) => {
        const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE}></catalogue-list>`);
        await listSettled(el);
        q<HTMLButtonElement>(el, '[part="filters-toggle"]')!.click();
        q<HTMLInputElement>(el, '[part="filters"] input[type="checkbox"]')!.click();
        await until(() => el.query.expertise?.length || el.query.audience?.length || el.query.mode?.length || el.query.kind?.length, 'a filter');
        await listSettled(el);
        await check(el, 'loaded');
      },
    },
    {
      state: 'empty',
      run: async (check) => {
        const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} q="zzqxwv"></catalogue-list>`);
        await listSettled(el);
        expect(q(el, '[part="empty"]')).to.exist;
        await check(el, 'empty');
      },
    },
    {
      state: 'error',
      run: async (check) => {
        const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${faultBase('status=500,only=courses')}></catalogue-list>`);
        await listSettled(el);
        expect(q(el, '[part="error"]')).to.exist;
        await check(el, 'error');
      },
    },
    {
      state: 'partial',
      run: (check) =>
        quietly(async () => {
          const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${faultBase('invalid,only=courses')}></catalogue-list>`);
          await listSettled(el);
          expect(q(el, '[part="partial-note"]')).to.exist;
          await check(el, 'partial');
        }),
    },
  ],
  'course-card': [
    {
      state: 'loading',
      run: async (check) => {
        const { course } = await pick();
        const el = await fixture<CourseCard>(html`<course-card course-id=${course.id} api-base=${faultBase(`delay=3000,key=${unique()}`)}></course-card>`);
        await el.updateComplete;
        expect(q(el, '.card.loading')).to.exist;
        await check(el, 'loading');
        el.remove();
      },
    },
    {
      state: 'loaded (link and button titles)',
      run: async (check) => {
        const { course } = await pick();
        const page = await fixture<HTMLDivElement>(html`<div>
          <course-card course-id=${course.id} api-base=${API_BASE} course-href="/formations/{id}"></course-card>
          <course-card course-id=${course.id} api-base=${API_BASE}></course-card>
        </div>`);
        const cards = [...page.querySelectorAll('course-card')];
        await until(() => cards.every((c) => q(c, '[part="card"]:not(.loading) [part="title"]')), 'the cards');
        for (const card of cards) await check(card, 'loaded');
      },
    },
    {
      state: 'error and not found',
      run: async (check) => {
        const page = await fixture<HTMLDivElement>(html`<div>
          <course-card course-id="x" api-base=${faultBase('status=500')}></course-card>
          <course-card course-id="inexistante-${unique()}" api-base=${API_BASE}></course-card>
        </div>`);
        const [failed, missing] = [...page.querySelectorAll('course-card')];
        await until(() => q(failed, '[part="error"]') && q(missing, '[part="not-found"]'), 'the error and not-found states');
        await check(failed, 'error');
        await check(missing, 'not found');
      },
    },
  ],
  'course-detail': [
    {
      state: 'loading',
      run: async (check) => {
        const { course } = await pick();
        const el = await fixture<CourseDetail>(html`<course-detail course-id=${course.id} api-base=${faultBase(`delay=3000,key=${unique()}`)}></course-detail>`);
        await el.updateComplete;
        expect(q(el, '.loading')).to.exist;
        await check(el, 'loading');
        el.remove();
      },
    },
    {
      state: 'loaded, enrolment form revealed',
      run: async (check) => {
        const { course } = await pick();
        const el = await fixture<CourseDetail>(html`<course-detail course-id=${course.id} api-base=${API_BASE}></course-detail>`);
        await until(() => q(el, '[part="course"] [part="sessions"]'), 'the course');
        await check(el, 'loaded');
        q<HTMLButtonElement>(el, '[part="enrol-button"]')!.click();
        const form = await until(() => q(el, 'enrol-form'), 'the enrol form');
        await formIn(form);
        await check(el, 'enrolment form revealed');
      },
    },
    {
      state: 'external enrolment',
      run: async (check) => {
        await pick();
        const el = await fixture<CourseDetail>(html`<course-detail course-id=${EXTERNAL_COURSE} api-base=${API_BASE}></course-detail>`);
        await until(() => q(el, '[part="enrol-link"], [part="enrol"]'), 'the external enrolment');
        await check(el, 'external');
      },
    },
    {
      state: 'error, partial (sessions left out or failed)',
      run: (check) =>
        quietly(async () => {
          const { course } = await pick();
          const page = await fixture<HTMLDivElement>(html`<div>
            <course-detail course-id=${course.id} api-base=${faultBase('status=500,only=courses')}></course-detail>
            <course-detail course-id=${course.id} api-base=${faultBase('invalid,only=sessions')}></course-detail>
            <course-detail course-id=${course.id} api-base=${faultBase('status=500,only=sessions')}></course-detail>
          </div>`);
          const [failed, partial, sessionsFailed] = [...page.querySelectorAll('course-detail')];
          await until(
            () => q(failed, '[part="error"]') && q(partial, '[part="partial-note"]') && q(sessionsFailed, '[part="course"] [part="error"]'),
            'the error and partial states',
          );
          await check(failed, 'error');
          await check(partial, 'partial');
          await check(sessionsFailed, 'sessions failed');
        }),
    },
  ],
  'enrol-form': [
    {
      state: 'loading, loading error',
      run: async (check) => {
        const { course } = await pick();
        const page = await fixture<HTMLDivElement>(html`<div>
          <enrol-form course-id=${course.id} api-base=${faultBase(`delay=3000,key=${unique()}`)}></enrol-form>
          <enrol-form course-id=${course.id} api-base=${faultBase('status=500')}></enrol-form>
        </div>`);
        const [loading, failed] = [...page.querySelectorAll('enrol-form')];
        await until(() => q(failed, '[part="error"]'), 'the loading error');
        expect(q(loading, '[part="loading"]')).to.exist;
        await check(loading, 'loading');
        await check(failed, 'loading error');
        loading.remove();
      },
    },
    {
      state: 'form errors, sending, sending error, receipt',
      run: async (check) => {
        const { course, session } = await pick();
        const el = await fixture<EnrolForm>(html`<enrol-form course-id=${course.id} api-base=${faultBase(`status=500,only=enrolments,times=1,key=${unique()}`)}></enrol-form>`);
        await formIn(el);
        await check(el, 'empty form');
        submitButton(el).click();
        await until(() => q(el, '.error-summary'), 'the error summary');
        await check(el, 'form errors');
        await fillEnrol(el, session);
        submitButton(el).click();
        await el.updateComplete;
        expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
        await check(el, 'sending');
        const error = await until(() => q(el, '[part="send-error"]'), 'the sending error', 12000);
        await check(el, 'sending error');
        error.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
        await until(() => q(el, '.receipt'), 'the receipt', 12000);
        await check(el, 'receipt');
      },
    },
    {
      state: 'external course',
      run: async (check) => {
        await pick();
        const el = await fixture<EnrolForm>(html`<enrol-form course-id=${EXTERNAL_COURSE} api-base=${API_BASE}></enrol-form>`);
        await until(() => q(el, '[part="external"]'), 'the external block');
        await check(el, 'external');
      },
    },
  ],
  'trainer-signup': [
    {
      state: 'loading, loading error',
      run: async (check) => {
        const page = await fixture<HTMLDivElement>(html`<div>
          <trainer-signup api-base=${faultBase(`delay=3000,key=${unique()}`)}></trainer-signup>
          <trainer-signup api-base=${faultBase('status=500')}></trainer-signup>
        </div>`);
        const [loading, failed] = [...page.querySelectorAll('trainer-signup')];
        await until(() => q(failed, '[part="error"]'), 'the loading error');
        await check(loading, 'loading');
        await check(failed, 'loading error');
        loading.remove();
      },
    },
    {
      state: 'form errors (training listed), sending, receipt',
      run: async (check) => {
        const el = await fixture<TrainerSignup>(html`<trainer-signup api-base=${faultBase(`delay=1500,only=trainer-applications,key=${unique()}`)}></trainer-signup>`);
        await formIn(el);
        await choose(el, 'intent', 'list');
        await check(el, 'training fieldset');
        submitButton(el).click();
        await until(() => q(el, '.error-summary'), 'the error summary');
        await check(el, 'form errors');
        await fillTrainer(el);
        submitButton(el).click();
        await el.updateComplete;
        await check(el, 'sending');
        await until(() => q(el, '.receipt'), 'the receipt', 12000);
        await check(el, 'receipt');
      },
    },
  ],
};

// ------------------------------------------------------------ 1. axe, every state, every theme

describe('a11y: axe on every element in every state, with each theme', function () {
  this.timeout(120000);
  before(pick);

  for (const theme of THEMES) {
    describe(theme.name, () => {
      beforeEach(() => applyTheme(theme));
      for (const [element, states] of Object.entries(STATES)) {
        it(`${element}: ${states.map((s) => s.state).join(' · ')}`, async () => {
          for (const { run } of states) {
            await run(async (el, state) => {
              await stillness(el);
              try {
                await expect(el).to.be.accessible();
              } catch (error) {
                throw new Error(`${element} (${state}, ${theme.name}): ${(error as Error).message}`);
              }
            });
          }
        });
      }
    });
  }
});

// ------------------------------------------------------------ 2. keyboard-only journeys

describe('a11y: keyboard-only journeys, focus always visible and never lost', function () {
  this.timeout(120000);
  before(pick);

  it('search → filter → open a course → reveal the enrolment form → fill and send → the receipt has focus', async () => {
    const { course, word } = await pick();
    const page = await fixture<HTMLDivElement>(html`<div>
      <button id="before">Début de la page</button>
      <catalogue-list api-base=${API_BASE} course-href="/formations/{id}" page-size="6"></catalogue-list>
      <section id="course" tabindex="-1" aria-label="Formation choisie"></section>
    </div>`);
    page.style.width = '64em';
    const list = page.querySelector<CatalogueList>('catalogue-list')!;
    const region = page.querySelector<HTMLElement>('#course')!;
    // The host shows the course itself, as a host page would: cancel, render a <course-detail>, move focus to it.
    list.addEventListener('campus-course-select', (event) => {
      event.preventDefault();
      const detail = document.createElement('course-detail');
      detail.setAttribute('course-id', event.detail.course.id);
      detail.setAttribute('api-base', API_BASE);
      region.replaceChildren(detail);
      region.focus();
    });
    await listSettled(list);
    const count = q(list, '[part="count"]')!;
    const countBefore = text(count);

    // Search: Tab from the page into the search box, type, Enter.
    page.querySelector<HTMLButtonElement>('#before')!.focus();
    await tabTo(list, (el) => el === q(list, 'input[type="search"]'), 'the search box', 5);
    await sendKeys({ type: word });
    await sendKeys({ press: 'Enter' });
    await until(() => list.query.q === word, 'the search applied');
    await listSettled(list);
    expectFocusKept(list, 'after the results of the search');
    // The count was announced by the region that was already there.
    expect(q(list, '[part="count"]')).to.equal(count);
    expect(text(count)).to.not.equal(countBefore);

    // Filter: Tab to a checkbox that keeps the course, Space.
    const keeps = (el: Element | null) => {
      const box = el as HTMLInputElement | null;
      if (box?.type !== 'checkbox') return false;
      return (
        (box.name === 'expertise' && course.expertiseIds.includes(box.value)) ||
        (box.name === 'mode' && course.modes.includes(box.value)) ||
        (box.name === 'kind' && box.value === course.kind)
      );
    };
    const box = (await tabTo(list, keeps, 'a filter that keeps the course', 40)) as HTMLInputElement;
    await sendKeys({ press: ' ' });
    await until(() => (list.query[box.name as 'expertise'] ?? []).includes(box.value), 'the filter applied');
    await listSettled(list);
    expectFocusKept(list, 'after the results of the filter');
    expect(deepActive()).to.equal(box);
    expectVisibleFocus(list, 'the checked filter');

    // Open the course: Tab to its card's title link, Enter.
    // The list renders its cards itself: the course's link is the one in its card's <li>.
    const isCourseLink = (el: Element | null) => {
      if (el?.localName !== 'a' || el.getAttribute('part') !== 'card-link') return false;
      const item = el.closest('li');
      const index = item?.parentElement ? [...item.parentElement.children].indexOf(item) : -1;
      return list.shownCourses[index]?.id === course.id;
    };
    await tabTo(list, isCourseLink, 'the course’s card', 80);
    await sendKeys({ press: 'Enter' });
    const detail = await until(() => region.querySelector<CourseDetail>('course-detail'), 'the course detail');
    expect(location.pathname).to.not.contain('/formations/');
    await until(() => q(detail, '[part="course"] [part="sessions"]'), 'the course loaded');

    // Reveal the enrolment form: Tab to the first session's button, Enter.
    const button = (await tabTo(detail, hasPart('enrol-button'), 'the enrol button', 40)) as HTMLButtonElement;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    await sendKeys({ press: 'Enter' });
    await until(() => button.getAttribute('aria-expanded') === 'true', 'the panel open');
    const form = await until(() => q<EnrolForm>(detail, 'enrol-form'), 'the enrol form');
    await formIn(form);
    expectFocusKept(detail, 'after the form loaded');
    expect(deepActive()).to.equal(button);

    // Fill it in: the session is preselected; Tab through the fields, typing.
    const who = { givenName: 'Camille', familyName: 'Martin', email: uniqueEmail('journey'), organisation: 'Direction générale des finances publiques' };
    for (const [name, value] of Object.entries(who)) {
      await tabTo(form, isField(name), name, 20);
      await sendKeys({ type: value });
    }
    const live = [...sr(form).children].find((c) => c.getAttribute('role') === 'status')!;
    expect(live, 'the form’s live region, there before sending').to.exist;
    await tabTo(form, hasPart('submit'), 'the send button', 30);
    await sendKeys({ press: 'Enter' });
    const receipt = await until(() => q(form, '.receipt'), 'the receipt', 15000);
    await until(() => deepActive() === receipt, 'focus on the receipt');
    expectFocusKept(form, 'after the receipt');
    expect(focusIndicator(receipt), 'the focused receipt shows it').to.be.a('string');
    // Announced through the same live region.
    expect([...sr(form).children].find((c) => c.getAttribute('role') === 'status')).to.equal(live);
    expect(text(live)).to.equal('Votre demande a été envoyée.');
    expect(text(receipt)).to.contain(course.title.replace(/\s+/g, ' ').trim());
  });

  it('a trainer application, from the first field to the receipt, through the error summary', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <button id="before">Début de la page</button>
      <trainer-signup api-base=${API_BASE}></trainer-signup>
    </div>`);
    const el = page.querySelector<TrainerSignup>('trainer-signup')!;
    await formIn(el);
    page.querySelector<HTMLButtonElement>('#before')!.focus();
    await tabTo(el, isField('givenName'), 'the first field', 5);
    const who = {
      givenName: 'Alex',
      familyName: 'Dupont',
      email: uniqueEmail('journey-trainer'),
      organisation: 'Direction interministérielle du numérique',
      jobTitle: 'Coach produit',
    };
    await sendKeys({ type: who.givenName });
    for (const name of ['familyName', 'email', 'organisation', 'jobTitle'] as const) {
      await tabTo(el, isField(name), name, 10);
      await sendKeys({ type: who[name] });
    }
    // Send too early: the summary takes focus; its first link leads to the first missing field.
    await tabTo(el, hasPart('submit'), 'the send button', 60);
    await sendKeys({ press: 'Enter' });
    const summary = await until(() => q(el, '.error-summary'), 'the error summary');
    await until(() => deepActive() === summary, 'focus on the summary');
    expect(focusIndicator(summary), 'the focused summary shows it').to.be.a('string');
    await tabTo(el, (a) => a?.localName === 'a' && inside(a, summary), 'the summary’s first link', 3);
    await sendKeys({ press: 'Enter' });
    expect(isField('status')(deepActive()), `focus on the status field, not ${describe_(deepActive())}`).to.equal(true);
    expectVisibleFocus(el, 'the field reached from the summary');
    await sendKeys({ press: ' ' });
    await el.updateComplete;
    expect((deepActive() as HTMLInputElement).checked).to.equal(true);
    await tabTo(el, (a) => (a as HTMLInputElement | null)?.value === 'coaching-produit', 'a skill', 30);
    await sendKeys({ press: ' ' });
    await tabTo(el, isField('intent'), 'the intent', 30);
    await sendKeys({ press: 'ArrowDown' });
    await tabTo(el, isField('availability'), 'the availability', 10);
    await sendKeys({ type: '2 jours par trimestre' });
    // Shift+Tab goes back the same way (RGAA 12.8: a coherent order).
    const availability = deepActive();
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expectVisibleFocus(el, 'Shift+Tab');
    expect(deepActive()).to.not.equal(availability);
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(availability);
    const live = [...sr(el).children].find((c) => c.getAttribute('role') === 'status')!;
    await tabTo(el, hasPart('submit'), 'the send button', 30);
    await sendKeys({ press: 'Enter' });
    const receipt = await until(() => q(el, '.receipt'), 'the receipt', 15000);
    await until(() => deepActive() === receipt, 'focus on the receipt');
    expect([...sr(el).children].find((c) => c.getAttribute('role') === 'status')).to.equal(live);
    expect(text(live)).to.equal('Votre demande a été envoyée.');
  });
});

// ------------------------------------------------------------ 3. live regions

describe('a11y: status messages through live regions that exist before their text changes', function () {
  this.timeout(60000);
  before(pick);

  it('catalogue-list: loading, result count and sort in one polite region', async () => {
    const base = faultBase(`delay=1500,only=courses,key=${unique()}`);
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${base}></catalogue-list>`);
    await el.updateComplete;
    const region = q(el, '[part="count"]')!;
    expect(region.getAttribute('role')).to.equal('status');
    expect(region.getAttribute('aria-live')).to.equal('polite');
    expect(text(region)).to.equal('Chargement des formations…');
    await listSettled(el);
    expect(q(el, '[part="count"]')).to.equal(region);
    expect(text(region)).to.match(/^\d[\d\s  ]* formations?$/);
    const select = q<HTMLSelectElement>(el, '#sort')!;
    select.value = 'title';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => text(region).includes('Tri :'), 'the sort announced');
    expect(q(el, '[part="count"]')).to.equal(region);
  });

  it('forms: sending and sent in the region present from the start; character counts in their own region', async () => {
    const { course, session } = await pick();
    const el = await fixture<EnrolForm>(html`<enrol-form course-id=${course.id} api-base=${faultBase(`delay=1000,only=enrolments,key=${unique()}`)}></enrol-form>`);
    const live = [...sr(el).children].find((c) => c.getAttribute('role') === 'status')!;
    expect(live, 'present while loading').to.exist;
    expect(live.getAttribute('aria-live')).to.equal('polite');
    await formIn(el);
    expect([...sr(el).children].find((c) => c.getAttribute('role') === 'status')).to.equal(live);
    // The character count of a long text: its live region is there before the count nears the end.
    const comment = field(el, 'comment') as unknown as HTMLTextAreaElement;
    const countRegion = q(el, `#${comment.id}-count + [aria-live="polite"]`)!;
    expect(countRegion, 'the count’s live region').to.exist;
    expect(text(countRegion)).to.equal('');
    await fillEnrol(el, session);
    comment.focus();
    comment.value = 'x'.repeat(1900);
    comment.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await until(() => text(countRegion) !== '', 'the count announced', 5000);
    expect(q(el, `#${comment.id}-count + [aria-live="polite"]`)).to.equal(countRegion);
    comment.value = '';
    comment.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    submitButton(el).click();
    await until(() => text(live) === 'Envoi de votre demande en cours, veuillez patienter.', 'sending announced');
    await until(() => q(el, '.receipt'), 'the receipt', 12000);
    expect([...sr(el).children].find((c) => c.getAttribute('role') === 'status')).to.equal(live);
    expect(text(live)).to.equal('Votre demande a été envoyée.');
  });

  it('course-detail: the loading message is a status; errors are alerts', async () => {
    const { course } = await pick();
    const el = await fixture<CourseDetail>(html`<course-detail course-id=${course.id} api-base=${faultBase(`status=500,times=1,key=${unique()}`)}></course-detail>`);
    await el.updateComplete;
    expect(q(el, '[role="status"]')).to.exist;
    const error = await until(() => q(el, '[part="error"]'), 'the error');
    expect(error.getAttribute('role')).to.equal('alert');
  });
});

// ------------------------------------------------------------ 4. reflow

/** No horizontal scroll: the page, the widget, and every scroll container inside it (across shadow roots). */
function expectNoHorizontalScroll(widget: Element, where: string): void {
  const root = document.documentElement;
  expect(root.scrollWidth, `${where}: the page scrolls sideways`).to.be.at.most(root.clientWidth);
  expect(widget.scrollWidth, `${where}: <${widget.localName}> ${widget.scrollWidth} > ${widget.clientWidth}`).to.be.at.most(widget.clientWidth);
  const offenders: string[] = [];
  const visit = (node: Element | ShadowRoot) => {
    for (const el of node.querySelectorAll('*')) {
      if (el.shadowRoot) visit(el.shadowRoot);
      const overflow = getComputedStyle(el).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth) {
        offenders.push(`${describe_(el)} ${el.scrollWidth} > ${el.clientWidth}`);
      }
    }
  };
  if (widget.shadowRoot) visit(widget.shadowRoot);
  expect(offenders, `${where}: inner scroll containers`).to.deep.equal([]);
}

const LONG = 'Interopérabilitédesdonnéesgouvernementalesetcybersécuritédessystèmesdinformation';

/** Puts very long words in every course's title and summary, as the API could send. */
function longWords(): () => void {
  const original = window.fetch;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await original.call(window, input, init);
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (!/\/v1\/courses(\/[^/]+)?$/.test(url.pathname) || !response.ok) return response;
    const body = await response.json();
    const patch = (course: { title?: string; summary?: string }) => {
      if (!course || typeof course !== 'object') return;
      course.title = `${LONG} ${course.title ?? ''}`;
      course.summary = `${LONG}${LONG} ${course.summary ?? ''}`;
    };
    if (Array.isArray(body.items)) body.items.forEach(patch);
    else patch(body);
    return new Response(JSON.stringify(body), { status: response.status, headers: { 'Content-Type': 'application/json' } });
  };
  return () => void (window.fetch = original);
}

describe('a11y: reflow at 320 px and at 200 % zoom, long words included (RGAA 10.11, 10.4)', function () {
  this.timeout(180000);
  before(pick);
  let restore: (() => void) | undefined;
  beforeEach(() => (restore = longWords()));
  afterEach(async () => {
    restore?.();
    await setViewport({ width: 800, height: 600 });
  });

  const cases = [
    { name: '320 px wide', width: 320, zoom: false },
    { name: '200 % zoom (640 px, root font size 200 %)', width: 640, zoom: true },
  ];
  for (const c of cases) {
    for (const [element, states] of Object.entries(STATES)) {
      it(`${c.name}: ${element} in every state`, async () => {
        await setViewport({ width: c.width, height: 800 });
        if (c.zoom) document.documentElement.style.fontSize = '200%';
        await applyTheme(THEMES[0]);
        for (const { run } of states) {
          await run(async (el, state) => {
            await new Promise((r) => requestAnimationFrame(() => r(undefined)));
            expectNoHorizontalScroll(el, `${element} (${state})`);
          });
        }
      });
    }
    it(`${c.name}: long words reach the cards and the course page`, async () => {
      const { course } = await pick();
      const page = await fixture<HTMLDivElement>(html`<div>
        <catalogue-list api-base=${API_BASE} page-size="3"></catalogue-list>
        <course-detail course-id=${course.id} api-base=${API_BASE}></course-detail>
      </div>`);
      const list = page.querySelector('catalogue-list')!;
      const detail = page.querySelector('course-detail')!;
      await until(() => q(list, '[part="card-title"]') && q(detail, '[part="title"]'), 'the list and the course');
      expect(text(q(list, '[part="card-title"]'))).to.contain(LONG);
      expect(text(q(detail, '[part="title"]'))).to.contain(LONG);
    });
  }
});

/** Text clipped by a box that hides its overflow (a card's summary is clamped on purpose: its full text is on the course page). */
function clippedText(widget: Element): string[] {
  const offenders: string[] = [];
  const visit = (node: Element | ShadowRoot) => {
    for (const el of node.querySelectorAll('*')) {
      if (el.shadowRoot) visit(el.shadowRoot);
      if (el.closest('.visually-hidden, .honeypot, .busy-bar, [part~="summary"], [part~="card-summary"]') || el.classList.contains('skeleton')) continue;
      const s = getComputedStyle(el);
      const hides = (v: string) => v === 'hidden' || v === 'clip';
      if (!hides(s.overflowX) && !hides(s.overflowY)) continue;
      if (!el.textContent?.trim()) continue;
      if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) {
        offenders.push(`${describe_(el)} ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`);
      }
    }
  };
  if (widget.shadowRoot) visit(widget.shadowRoot);
  return offenders;
}

describe('a11y: text spacing (RGAA 10.12, WCAG 1.4.12)', function () {
  this.timeout(180000);
  before(pick);
  afterEach(async () => {
    document.documentElement.removeAttribute('style');
    await setViewport({ width: 800, height: 600 });
  });

  for (const [element, states] of Object.entries(STATES)) {
    it(`text spacing (WCAG 1.4.12): ${element} in every state`, async () => {
      await setViewport({ width: 640, height: 800 });
      // The WCAG 1.4.12 values a reader may set; letter and word spacing inherit into shadow roots,
      // the line height through --campus-line-height.
      document.documentElement.setAttribute('style', 'letter-spacing: 0.12em; word-spacing: 0.16em; line-height: 1.5; --campus-line-height: 1.5');
      await applyTheme(THEMES[0]);
      for (const { run } of states) {
        await run(async (el, state) => {
          await stillness(el);
          const sample = [...sr(el).querySelectorAll('*')].find((e) => e.textContent?.trim()) ?? el;
          expect(parseFloat(getComputedStyle(sample).letterSpacing), `${element} (${state}): letter spacing reaches the widget`).to.be.greaterThan(0);
          expectNoHorizontalScroll(el, `${element} (${state})`);
          expect(clippedText(el), `${element} (${state}): clipped text`).to.deep.equal([]);
        });
      }
    });
  }
});

// ------------------------------------------------------------ 5. reduced motion

describe('a11y: prefers-reduced-motion (RGAA 13.8)', function () {
  this.timeout(60000);
  before(pick);
  /** Chromium emulates the media feature (CDP); Firefox over WebDriver BiDi cannot. */
  const emulate = (reduce: boolean) =>
    emulateMedia({ reducedMotion: reduce ? 'reduce' : 'no-preference' }).then(
      () => true,
      () => false,
    );
  afterEach(() => emulate(false));

  async function skeletons(): Promise<Element[]> {
    const { course } = await pick();
    const slow = () => faultBase(`delay=3000,key=${unique()}`);
    const page = await fixture<HTMLDivElement>(html`<div>
      <catalogue-list api-base=${slow()}></catalogue-list>
      <course-card course-id=${course.id} api-base=${slow()}></course-card>
      <course-detail course-id=${course.id} api-base=${slow()}></course-detail>
      <enrol-form course-id=${course.id} api-base=${slow()}></enrol-form>
      <trainer-signup api-base=${slow()}></trainer-signup>
    </div>`);
    const widgets = [...page.children] as Widget[];
    await Promise.all(widgets.map((w) => w.updateComplete));
    const found = widgets.map((w) => q(w, '.skeleton'));
    expect(found.every(Boolean), 'a skeleton in every widget').to.equal(true);
    const bar = q(widgets[0], '.busy-bar');
    return [...(found as Element[]), ...(bar ? [bar] : [])];
  }

  const moving = (el: Element) => {
    const s = getComputedStyle(el, el.classList.contains('busy-bar') ? '::before' : null);
    return s.animationName !== 'none' && parseFloat(s.animationDuration) > 0;
  };

  /** The widget's own style sheets stop every animation under (prefers-reduced-motion: reduce). */
  const stopsAnimations = (el: Element) =>
    (el.shadowRoot!.adoptedStyleSheets ?? []).some((sheet) =>
      [...sheet.cssRules].some(
        (rule) =>
          rule instanceof CSSMediaRule &&
          /prefers-reduced-motion:\s*reduce/.test(rule.conditionText) &&
          [...rule.cssRules].some((inner) => inner instanceof CSSStyleRule && /^\*/.test(inner.selectorText) && inner.style.animationDuration === '0s'),
      ),
    );

  it('skeletons pulse by default and stand still when the reader asks for less motion', async () => {
    const emulated = await emulate(false);
    const shown = await skeletons();
    expect(shown.filter((s) => !s.classList.contains('busy-bar')).every(moving), 'animated by default').to.equal(true);
    if (!emulated) {
      // Firefox: no media emulation without CDP; check the rule every widget carries instead.
      const hosts = shown.map((s) => (s.getRootNode() as ShadowRoot).host);
      expect(hosts.filter((h) => !stopsAnimations(h)).map((h) => h.localName)).to.deep.equal([]);
      return;
    }
    await emulate(true);
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches).to.equal(true);
    const still = await skeletons();
    expect(still.filter(moving).map((s) => describe_(s))).to.deep.equal([]);
  });

  it('scrolls to the results’ heading without smooth scrolling when the reader asks for less motion', async () => {
    const calls: (ScrollIntoViewOptions | boolean | undefined)[] = [];
    const original = Element.prototype.scrollIntoView;
    const originalMatchMedia = window.matchMedia;
    Element.prototype.scrollIntoView = function (options?: ScrollIntoViewOptions | boolean) {
      calls.push(options);
      return original.call(this, options as ScrollIntoViewOptions);
    };
    try {
      for (const reduce of [false, true]) {
        if (!(await emulate(reduce))) {
          // Firefox: the preference as the page reads it.
          window.matchMedia = (query: string) => {
            const list = originalMatchMedia.call(window, query);
            return /prefers-reduced-motion:\s*reduce/.test(query) ? (Object.defineProperty(Object.create(list), 'matches', { value: reduce }) as MediaQueryList) : list;
          };
        }
        calls.length = 0;
        const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} page-size="3" hide-filters></catalogue-list>`);
        await listSettled(el);
        q<HTMLButtonElement>(el, '[part="pagination"] [aria-label="Page suivante"]')!.click();
        await until(() => calls.length > 0, 'the scroll to the heading');
        expect((calls[0] as ScrollIntoViewOptions).behavior, reduce ? 'reduced' : 'default').to.equal(reduce ? 'auto' : 'smooth');
        expect(sr(el).activeElement).to.equal(q(el, '.heading'));
      }
    } finally {
      Element.prototype.scrollIntoView = original;
      window.matchMedia = originalMatchMedia;
    }
  });
});

/**
 * <catalogue-list> opens a course in place (issue 19): without `course-href`, activating a
 * course's title opens its page in a modal dialog, with the detail and form elements of the
 * list's own set, loaded on the first opening. Only the list is registered here: the dialog's
 * chunk registers the rest.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { CatalogueList } from '../src/catalogue-list/catalogue-list.js';
import { define } from '../src/index.js';
import type { CourseDetail } from '../src/course-detail/course-detail.js';
import { API_BASE, freshCache, q, requestableCourse, sr, uniqueEmail, until } from './helpers.js';
import { typeInto } from './form-helpers.js';
import type { EnrolForm } from '../src/enrol-form/enrol-form.js';

if (!customElements.get('catalogue-list')) customElements.define('catalogue-list', CatalogueList);

const busy = (el: Element) => q(el, '[part="results"]')?.getAttribute('aria-busy') === 'true';
async function settled(el: CatalogueList): Promise<void> {
  await until(() => !busy(el) && q(el, '[part="list"], [part="empty"], [part="error"]'), 'the list to settle');
  await el.updateComplete;
}
/** The title (a button without course-href) of the card of the `index`-th shown course. */
const titleOf = (el: CatalogueList, index = 0) => sr(el).querySelectorAll('.grid.shown > li')[index].querySelector<HTMLElement>('.title > .link')!;
const dialogOf = (el: Element) => q<HTMLDialogElement>(el, 'dialog[part="dialog"]');
/** The element of every shadow root that has the focus. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
/** The list's dialog, open, with its course page loaded. */
async function openedPage(el: CatalogueList, tag = 'course-detail'): Promise<CourseDetail> {
  const dialog = await until(() => (dialogOf(el)?.open ? dialogOf(el) : null), 'the dialog open');
  const detail = await until(() => dialog.querySelector<CourseDetail>(tag), `<${tag}> in the dialog`);
  await until(() => detail.shadowRoot && q(detail, '[part="course"]'), 'the course page loaded');
  return detail;
}

const startUrl = location.href;
afterEach(() => history.replaceState(null, '', startUrl));
beforeEach(() => freshCache());

describe('catalogue-list: a course opens in a dialog', function () {
  this.timeout(30000);

  it('opens the course in a modal dialog named by its title, focus inside; Escape closes it and focus returns to the title; passes axe', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} page-size="4"></catalogue-list>`);
    await settled(el);
    expect(customElements.get('course-detail'), 'not loaded before the first opening').to.equal(undefined);
    const course = el.shownCourses[1];
    const title = titleOf(el, 1);
    expect(title.localName).to.equal('button');
    const loads: Event[] = [];
    el.addEventListener('campus-load', (e) => loads.push(e));
    title.focus();
    await sendKeys({ press: 'Enter' });
    const detail = await openedPage(el);
    const dialog = dialogOf(el)!;
    expect(dialog.matches(':modal'), 'modal').to.equal(true);
    expect(dialog.getAttribute('aria-label')).to.equal(course.title);
    expect(detail.getAttribute('course-id')).to.equal(course.id);
    expect(detail.shownCourse?.id).to.equal(course.id);
    expect(dialog.contains(deepActive()) || detail.shadowRoot!.contains(deepActive()), 'focus in the dialog').to.equal(true);
    expect(deepActive()).to.equal(q(el, '[part="dialog-close"]'));
    expect(loads, 'the course page’s campus-load stays in the dialog').to.have.length(0);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await until(() => !dialogOf(el), 'the dialog gone');
    await until(() => deepActive() === titleOf(el, 1), 'focus back on the course’s title');
  });

  it('closes with its button; the same course opens again without a new chunk', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} page-size="4"></catalogue-list>`);
    await settled(el);
    titleOf(el, 0).click();
    await openedPage(el);
    q<HTMLButtonElement>(el, '[part="dialog-close"]')!.click();
    await until(() => !dialogOf(el), 'the dialog gone');
    expect(deepActive()).to.equal(titleOf(el, 0));
    titleOf(el, 2).click();
    const detail = await openedPage(el);
    expect(detail.shownCourse?.id).to.equal(el.shownCourses[2].id);
  });

  it('course-open="none" keeps today’s behaviour: the event fires, no dialog opens', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} page-size="4" course-open="none"></catalogue-list>`);
    await settled(el);
    setTimeout(() => titleOf(el, 0).click());
    const event = await oneEvent(el, 'campus-course-select');
    expect(event.detail.course.id).to.equal(el.shownCourses[0].id);
    await new Promise((r) => setTimeout(r, 300));
    expect(dialogOf(el)).to.equal(null);
  });

  it('a host that cancels campus-course-select keeps full control: no dialog', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} page-size="4"></catalogue-list>`);
    await settled(el);
    el.addEventListener('campus-course-select', (e) => e.preventDefault(), { once: true });
    titleOf(el, 0).click();
    await new Promise((r) => setTimeout(r, 300));
    expect(dialogOf(el)).to.equal(null);
    // The next activation, not cancelled, opens it.
    titleOf(el, 0).click();
    await openedPage(el);
  });

  it('with course-href, the title is a link and no dialog opens', async () => {
    const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} page-size="4" course-href="/formations/{id}"></catalogue-list>`);
    await settled(el);
    const link = titleOf(el, 0);
    expect(link.localName).to.equal('a');
    const net = (e: Event) => e.preventDefault();
    document.addEventListener('click', net);
    try {
      link.click();
      await new Promise((r) => setTimeout(r, 300));
      expect(dialogOf(el)).to.equal(null);
    } finally {
      document.removeEventListener('click', net);
    }
  });

  describe('with sync-url', () => {
    it('puts the course in the URL under the prefix; the back button closes it', async () => {
      const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} page-size="4" sync-url url-prefix="c1-"></catalogue-list>`);
      await settled(el);
      const course = el.shownCourses[0];
      const before = history.length;
      titleOf(el, 0).click();
      await openedPage(el);
      expect(new URLSearchParams(location.search).get('c1-course')).to.equal(course.id);
      expect(history.length).to.equal(before + 1);
      history.back();
      await until(() => !dialogOf(el), 'the dialog closed by the back button');
      expect(new URLSearchParams(location.search).has('c1-course')).to.equal(false);
      await until(() => deepActive() === titleOf(el, 0), 'focus back on the title');
      // Forward opens it again.
      history.forward();
      await openedPage(el);
      expect(dialogOf(el)!.getAttribute('aria-label')).to.equal(course.title);
    });

    it('closing it with Escape goes back to the list’s URL', async () => {
      const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} page-size="4" sync-url url-prefix="c1-"></catalogue-list>`);
      await settled(el);
      const url = location.href;
      titleOf(el, 0).click();
      await openedPage(el);
      await sendKeys({ press: 'Escape' });
      await until(() => location.href === url, 'the URL without the course');
      expect(dialogOf(el)).to.equal(null);
    });

    it('a shared URL opens the course, named once it is loaded; closing removes it from the URL', async () => {
      const { course } = await requestableCourse();
      const params = new URLSearchParams(location.search);
      params.set('c1-course', course.id);
      params.set('other', 'kept');
      history.replaceState(null, '', `?${params}`);
      const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} page-size="4" sync-url url-prefix="c1-"></catalogue-list>`);
      const detail = await openedPage(el);
      expect(detail.shownCourse?.id).to.equal(course.id);
      await until(() => dialogOf(el)!.getAttribute('aria-label') === course.title, 'the dialog named by the course');
      q<HTMLButtonElement>(el, '[part="dialog-close"]')!.click();
      await until(() => !new URLSearchParams(location.search).has('c1-course'), 'the course out of the URL');
      expect(new URLSearchParams(location.search).get('other')).to.equal('kept');
      expect(dialogOf(el)).to.equal(null);
    });

    it('without sync-url the URL is left alone, and a course in it is not opened', async () => {
      history.replaceState(null, '', `?course=x&c1-course=x`);
      const el = await fixture<CatalogueList>(html`<catalogue-list api-base=${API_BASE} page-size="4"></catalogue-list>`);
      await settled(el);
      expect(dialogOf(el)).to.equal(null);
      const url = location.href;
      titleOf(el, 0).click();
      await openedPage(el);
      expect(location.href).to.equal(url);
    });
  });

  it('a prefixed set, inside another component’s shadow root: the dialog shows its own detail and form, up to the receipt', async () => {
    define({ prefix: 'journey', tags: ['catalogue-list'] });
    expect(customElements.get('journey-course-detail'), 'only the list registered').to.equal(undefined);
    const { course } = await requestableCourse();
    const shell = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = shell.attachShadow({ mode: 'open' });
    const list = document.createElement('journey-catalogue-list') as CatalogueList;
    list.setAttribute('api-base', API_BASE);
    list.setAttribute('q', course.title);
    root.append(list);
    await settled(list);
    const index = list.shownCourses.findIndex((c) => c.id === course.id);
    expect(index).to.be.at.least(0);
    titleOf(list, index).click();
    const detail = await openedPage(list, 'journey-course-detail');
    expect(dialogOf(list)!.querySelector('course-detail'), 'never the default tag').to.equal(null);
    const button = await until(() => detail.shadowRoot!.querySelector<HTMLButtonElement>('[part="enrol-button"]'), 'an enrol button');
    button.click();
    const form = await until(() => detail.shadowRoot!.querySelector<EnrolForm>('journey-enrol-form'), 'the set’s own form');
    expect(detail.shadowRoot!.querySelector('enrol-form')).to.equal(null);
    await until(() => sr(form).querySelector('[data-field="email"]'), 'the form ready');
    const successes: Event[] = [];
    shell.addEventListener('campus-enrol-success', (e) => successes.push(e));
    await typeInto(form, 'givenName', 'Camille');
    await typeInto(form, 'familyName', 'Martin');
    await typeInto(form, 'email', uniqueEmail('dialog'));
    await typeInto(form, 'organisation', 'Préfecture du Nord');
    sr(form).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => sr(form).querySelector('.receipt'), 'the receipt', 15000);
    await until(() => successes.length === 1, 'campus-enrol-success out of the list and the host’s shadow root');
  });
});

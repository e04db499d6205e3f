/**
 * The framework examples (examples/react, examples/vue), rendered as they are,
 * against the reference server on another origin: the widgets render with the
 * example's preset and API root, get their object properties as properties,
 * and the example's handlers receive their events (a real mouse click on a
 * card's link, an enrolment sent through the form inside the detail).
 */
import { expect } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import { flushSync } from 'react-dom';
import type { Course, EnrolmentReceipt, Session } from '../src/api/schemas.js';
import type { CatalogueList, CourseCard, CourseDetail, EnrolForm } from '../src/index.js';
import { isFull, isOffered } from '../src/api/sessions.js';
import { mountCatalogue as mountReact } from '../examples/react/main.js';
import { mountCatalogue as mountVue } from '../examples/vue/main.js';
import { $, receiptOf, submit, typeInto } from './form-helpers.js';
import { API_BASE, freshCache, records, text, uniqueEmail, until } from './helpers.js';

const PRESET = { expertise: 'cybersecurite' };

interface Mounted {
  container: HTMLElement;
  enrolled: { receipt: EnrolmentReceipt; course: Course }[];
  unmount(): void;
}

type Mount = (container: HTMLElement, onEnrolled: (receipt: EnrolmentReceipt, course: Course) => void) => () => void;

const frameworks: { name: string; mount: Mount }[] = [
  {
    name: 'React 19',
    mount: (container, onEnrolled) => {
      let root!: ReturnType<typeof mountReact>;
      flushSync(() => {
        root = mountReact(container, { apiBase: API_BASE, preset: PRESET, onEnrolled });
      });
      return () => root.unmount();
    },
  },
  {
    name: 'Vue 3',
    mount: (container, onEnrolled) => {
      const app = mountVue(container, { apiBase: API_BASE, preset: PRESET, onEnrolled });
      return () => app.unmount();
    },
  },
];


/** A card of the catalogue (rendered in the list's own shadow root) and its course. */
type ShownCard = { course: Course; box: HTMLElement };

/** The catalogue's cards once a page of results is shown. */
async function shownCards(list: CatalogueList): Promise<ShownCard[]> {
  return until(() => {
    const boxes = [...(list.shadowRoot?.querySelectorAll<HTMLElement>('[part="card"]') ?? [])];
    const courses = list.shownCourses;
    return boxes.length && boxes.length === courses.length ? boxes.map((box, i) => ({ course: courses[i], box })) : null;
  }, 'the catalogue’s cards');
}

/** A card's title link, once rendered: a list's card, or a <course-card>. */
const linkOf = (card: ShownCard | CourseCard) =>
  until(
    () =>
      'box' in card
        ? card.box.querySelector<HTMLAnchorElement>('a[part~="card-link"][href]')
        : card.shadowRoot?.querySelector<HTMLAnchorElement>('a[part~="link"][href]'),
    'the card’s link',
  );

/** Scrolls `element` to the middle of the viewport and waits until it stays put (lazy images above may move it). */
async function settle(element: HTMLElement): Promise<DOMRect> {
  let last = '';
  for (let stable = 0, frames = 0; stable < 5 && frames < 300; frames++) {
    element.scrollIntoView({ block: 'center' });
    await new Promise(requestAnimationFrame);
    const box = element.getBoundingClientRect();
    const key = [box.left, box.top, box.width, box.height].join();
    stable = key === last ? stable + 1 : 0;
    last = key;
  }
  return element.getBoundingClientRect();
}

/**
 * Clicks `element` with the mouse, as a person does (a trusted click inside
 * it), and says whether the page cancelled the click (a cancelled click on a
 * link is not followed). A click that lands elsewhere, because the layout moved
 * at the last moment, is stopped before anything sees it and made again. A net
 * on the document keeps the test page in any case.
 */
async function realClick(element: HTMLElement): Promise<{ cancelled: boolean }> {
  let hit: boolean | undefined;
  let cancelled: boolean | undefined;
  const guard = (e: MouseEvent) => {
    hit = e.composedPath().includes(element);
    if (!hit) {
      e.stopPropagation();
      e.preventDefault();
    }
  };
  const net = (e: MouseEvent) => {
    cancelled = e.defaultPrevented;
    e.preventDefault();
  };
  window.addEventListener('click', guard, { capture: true });
  document.addEventListener('click', net);
  try {
    for (let attempt = 1; ; attempt++) {
      hit = undefined;
      const box = await settle(element);
      await sendMouse({ type: 'click', position: [Math.round(box.left + Math.min(box.width / 2, 40)), Math.round(box.top + box.height / 2)] });
      await until(() => hit !== undefined, 'the click to reach the page');
      if (hit) break;
      if (attempt === 5) throw new Error('The mouse never landed on the element');
    }
    await until(() => cancelled !== undefined, 'the click to reach the document');
    return { cancelled: cancelled! };
  } finally {
    window.removeEventListener('click', guard, { capture: true });
    document.removeEventListener('click', net);
  }
}

/** The detail the example shows, loaded with `course`. */
async function detailFor(container: HTMLElement, course: Course): Promise<CourseDetail> {
  const detail = await until(() => container.querySelector<CourseDetail>('course-detail'), 'the course detail');
  await until(() => detail.getAttribute('course-id') === course.id, 'the detail of the chosen course');
  await until(() => text(detail.shadowRoot?.querySelector('[part~="title"]')) === course.title, 'the detail’s title');
  return detail;
}

/** Among the cards shown, a course that takes requests without the manager's approval and has room. */
async function enrollableCard(cards: ShownCard[]): Promise<ShownCard> {
  let best: { card: ShownCard; seats: number } | undefined;
  for (const card of cards) {
    const course = card.course!;
    if (course.enrolment.mode !== 'request' || course.managerApproval) continue;
    const response = await fetch(`${API_BASE}/v1/courses/${encodeURIComponent(course.id)}/sessions`);
    const sessions = ((await response.json()) as { items: Session[] }).items.filter((s) => isOffered(s) && !isFull(s));
    const seats = Math.max(0, ...sessions.map((s) => s.seatsLeft ?? 10000));
    if (seats > (best?.seats ?? 0)) best = { card, seats };
  }
  if (!best) throw new Error('No course on the first page of the preset takes a request: see server/data.');
  return best.card;
}

for (const { name, mount } of frameworks) {
  describe(`framework examples: ${name}`, () => {
    let app: Mounted;

    beforeEach(() => {
      freshCache();
      sessionStorage.clear();
      const container = document.createElement('div');
      document.body.append(container);
      const enrolled: Mounted['enrolled'] = [];
      const unmount = mount(container, (receipt, course) => enrolled.push({ receipt, course }));
      app = { container, enrolled, unmount };
    });

    afterEach(async () => {
      app.unmount();
      app.container.remove();
      await resetMouse();
    });

    const list = () => until(() => app.container.querySelector<CatalogueList>('catalogue-list'), 'the catalogue');

    it('renders <catalogue-list> with the preset and the API root, against the reference API', async () => {
      const el = await list();
      expect(el.getAttribute('api-base')).to.equal(API_BASE);
      expect(el.expertise).to.equal('cybersecurite');
      expect(el.getAttribute('course-href')).to.equal('/formations/{id}');
      const cards = await shownCards(el);
      const response = await fetch(`${API_BASE}/v1/courses?expertise=cybersecurite&pageSize=100`);
      const preset = new Set(((await response.json()) as { items: Course[] }).items.map((c) => c.id));
      expect(preset.size).to.be.greaterThan(0);
      for (const card of cards) expect(preset.has(card.course!.id), card.course!.id).to.equal(true);
      // The fallback link is light DOM, not shown once the element is upgraded.
      expect(el.querySelector('a')?.getAttribute('href')).to.equal('https://campus.numerique.gouv.fr/catalogue');
    });

    it('a real click on a card’s link: the example’s handler cancels it and shows the course', async () => {
      const el = await list();
      const [card] = await shownCards(el);
      const course = card.course!;
      const link = await linkOf(card);
      expect(link.getAttribute('href')).to.equal(`/formations/${encodeURIComponent(course.id)}`);
      const page = location.href;

      const selects: CustomEvent[] = [];
      const spy = (e: Event) => selects.push(e as CustomEvent);
      document.addEventListener('campus-course-select', spy);
      try {
        expect(await realClick(link)).to.deep.equal({ cancelled: true });
      } finally {
        document.removeEventListener('campus-course-select', spy);
      }
      expect(selects).to.have.length(1);
      expect(selects[0].defaultPrevented, 'cancelled by the example').to.equal(true);
      expect(location.href).to.equal(page);

      const detail = await detailFor(app.container, course);
      expect(detail.getAttribute('api-base')).to.equal(API_BASE);
      // Focus moved to the chosen course.
      await until(() => document.activeElement === detail.parentElement, 'the focus on the chosen course');

      // The course seen, as a card given the very object of the event: a property, not an attribute.
      const recent = await until(() => app.container.querySelector<CourseCard>('.campus-recent course-card'), 'the recent card');
      expect(recent.course).to.equal(selects[0].detail.course);
      expect(recent.course).to.equal(course);
      expect(recent.hasAttribute('course')).to.equal(false);
      await until(() => text(recent.shadowRoot?.querySelector('[part~="title"]')) === course.title, 'the recent card’s title');
      expect(recent.getAttribute('heading-level')).to.equal('3');
    });

    it('a card shown from its object fires campus-course-select to the example, too', async () => {
      const el = await list();
      const [first, second] = await shownCards(el);
      expect(await realClick(await linkOf(first))).to.deep.equal({ cancelled: true });
      await detailFor(app.container, first.course!);
      expect(await realClick(await linkOf(second))).to.deep.equal({ cancelled: true });
      await detailFor(app.container, second.course!);
      const recent = () => [...app.container.querySelectorAll<CourseCard>('.campus-recent course-card')];
      await until(() => recent().length === 2, 'two recent cards');
      expect(recent().map((c) => c.course)).to.deep.equal([second.course, first.course]);

      // Back to the first course through its recent card.
      const again = recent()[1];
      expect(await realClick(await linkOf(again))).to.deep.equal({ cancelled: true });
      await detailFor(app.container, first.course!);
      await until(() => recent()[0].course === first.course, 'the first course on top of the recent cards');
    });

    it('receives campus-enrol-success from the form inside the detail', async () => {
      const el = await list();
      const card = await enrollableCard(await shownCards(el));
      const course = card.course!;
      expect(await realClick(await linkOf(card))).to.deep.equal({ cancelled: true });
      const detail = await detailFor(app.container, course);

      const request = await until(
        () => [...detail.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="enrol-button"]')].find((b) => b.textContent?.includes('Demander une place')),
        'a “request a seat” button',
      );
      request.click();
      const form = await until(() => detail.shadowRoot!.querySelector<EnrolForm>('enrol-form'), 'the enrolment form');
      await until(() => $(form, 'form'), 'the form’s fields');
      const email = uniqueEmail(name.startsWith('React') ? 'react' : 'vue');
      await typeInto(form, 'givenName', 'Camille');
      await typeInto(form, 'familyName', 'Martin');
      await typeInto(form, 'email', email);
      await typeInto(form, 'organisation', 'Agence nationale de la sécurité des systèmes d’information');
      await submit(form);
      await receiptOf(form);

      await until(() => app.enrolled.length, 'the example’s onEnrolled');
      const [{ receipt, course: enrolledIn }] = app.enrolled;
      expect(enrolledIn).to.equal(course);
      expect(receipt.courseId).to.equal(course.id);
      expect(receipt.sessionId).to.equal(form.getAttribute('session-id'));
      const status = app.container.querySelector('.campus-selection [role="status"]')!;
      await until(() => text(status).includes(receipt.reference), 'the example’s status message');
      expect(text(status)).to.equal(`Demande enregistrée, référence ${receipt.reference}.`);
      const stored = await records<{ receipt: EnrolmentReceipt }>('enrolments', email);
      expect(stored.map((r) => r.receipt.reference)).to.deep.equal([receipt.reference]);
    });

    it('is accessible with a course shown', async () => {
      const el = await list();
      const [card] = await shownCards(el);
      await realClick(await linkOf(card));
      await detailFor(app.container, card.course!);
      await expect(app.container).to.be.accessible();
    });
  });
}

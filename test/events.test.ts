/**
 * Every documented event fires with its documented detail. The list of events
 * is docs/public-api.md's (CI keeps it equal to the manifest generated from the
 * code): an event documented without a case here fails, and each case checks
 * the detail against the type its documentation names (the contract's schemas
 * for requests and receipts), through the reference service.
 */
import { expect, fixture, html as litHtml } from '@open-wc/testing';
import '../src/define.js';
import type { CampusErrorDetail, CampusLoadDetail } from '../src/core/events.js';
import { Course, EnrolmentReceipt, EnrolmentRequest, TrainerApplication, TrainerApplicationReceipt } from '../src/api/schemas.js';
import { CampusApiError } from '../src/api/errors.js';
import type { CourseQuery } from '../src/api/query.js';
import { choose, field, options, submitButton, typeInto } from './form-helpers.js';
import { API_BASE, faultBase, freshCache, requestableCourse, text, unique, uniqueEmail, until } from './helpers.js';

/** The events of each tag, as docs/public-api.md lists them: `event -> detail type`. */
async function documentedEvents(): Promise<Map<string, Map<string, string>>> {
  const report = await (await fetch('/docs/public-api.md')).text();
  const found = new Map<string, Map<string, string>>();
  for (const section of report.split(/\n## /).slice(1)) {
    const tag = /^`<([a-z-]+)>`/.exec(section)?.[1];
    const events = /### Events\n\n([\s\S]*?)\n\n###/.exec(section)?.[1] ?? '';
    if (!tag) continue;
    found.set(tag, new Map([...events.matchAll(/^- `([a-z-]+)`: `(.+)`$/gm)].map((m) => [m[1], m[2]])));
  }
  return found;
}

/** Checks a detail against the type its documentation names; throws with the reason. */
const DETAIL_CHECKS: Record<string, (detail: unknown) => void> = {
  'CustomEvent<{course: Course}>': (detail) => {
    expect(Course.safeParse((detail as { course: unknown }).course).success, 'detail.course is a Course').to.equal(true);
  },
  'CustomEvent<CourseQuery>': (detail) => {
    const query = detail as CourseQuery;
    expect(query.pageSize, 'a CourseQuery has its page size').to.be.a('number');
    for (const key of Object.keys(query)) expect(['expertise', 'audience', 'mode', 'kind', 'organisation', 'partner', 'level', 'q', 'free', 'sort', 'page', 'pageSize']).to.include(key);
  },
  'CustomEvent<CampusLoadDetail>': (detail) => {
    const load = detail as CampusLoadDetail;
    expect(load.dropped, 'dropped').to.be.a('number');
    expect(load.course !== undefined || load.total !== undefined, 'a course or a total').to.equal(true);
    if (load.course) expect(Course.safeParse(load.course).success).to.equal(true);
    if (load.total !== undefined) expect(load.total).to.be.a('number');
  },
  'CustomEvent<CampusErrorDetail>': (detail) => {
    const { error, message } = detail as CampusErrorDetail;
    expect(error, 'error').to.be.instanceOf(CampusApiError);
    expect(message, 'message').to.be.a('string').and.not.equal('');
  },
  'CustomEvent<EnrolmentRequest>': (detail) => expect(EnrolmentRequest.safeParse(detail).success, 'an EnrolmentRequest').to.equal(true),
  'CustomEvent<EnrolmentReceipt>': (detail) => expect(EnrolmentReceipt.safeParse(detail).success, 'an EnrolmentReceipt').to.equal(true),
  'CustomEvent<TrainerApplication>': (detail) => expect(TrainerApplication.safeParse(detail).success, 'a TrainerApplication').to.equal(true),
  'CustomEvent<TrainerApplicationReceipt>': (detail) =>
    expect(TrainerApplicationReceipt.safeParse(detail).success, 'a TrainerApplicationReceipt').to.equal(true),
};

/** Adds `markup` to the page with listeners for `events` already there; gives the element and what each event carried. */
async function mount(markup: string, events: readonly string[]): Promise<{ el: HTMLElement; fired: Map<string, CustomEvent> }> {
  const host = await fixture<HTMLDivElement>(litHtml`<div></div>`);
  const fired = new Map<string, CustomEvent>();
  for (const name of events) host.addEventListener(name, (event) => fired.set(name, event as CustomEvent));
  host.innerHTML = markup;
  return { el: host.firstElementChild as HTMLElement, fired };
}

const shadow = (el: Element) => el.shadowRoot!;
const firedOf = (fired: Map<string, CustomEvent>, name: string) => until(() => fired.get(name), name, 15000);

/** Fills an enrol form (in the page or in a detail's shadow root) and submits it. */
async function sendEnrolment(form: HTMLElement & { updateComplete: Promise<unknown> }, sessionId: string): Promise<void> {
  const el = form as never;
  await until(() => field(el, 'givenName'), 'the enrolment form', 15000);
  if (options(el, 'sessionId').length) await choose(el, 'sessionId', sessionId);
  await typeInto(el, 'givenName', 'Camille');
  await typeInto(el, 'familyName', 'Martin');
  await typeInto(el, 'email', uniqueEmail('events'));
  await typeInto(el, 'organisation', 'DGFiP');
  submitButton(el).click();
}

async function sendApplication(form: HTMLElement): Promise<void> {
  const el = form as never;
  await until(() => field(el, 'givenName'), 'the application form', 15000);
  for (const [name, value] of Object.entries({
    givenName: 'Alex',
    familyName: 'Dupont',
    email: uniqueEmail('events'),
    organisation: 'DINUM',
    jobTitle: 'Coach produit',
    availability: '2 jours par trimestre',
  }))
    await typeInto(el, name, value);
  await choose(el, 'status', 'agent-interne');
  await choose(el, 'skills', 'coaching-produit');
  await choose(el, 'intent', 'idea');
  submitButton(el).click();
}

/** What makes each documented event fire: returns the event and the text the widget shows about it, if any. */
type Trigger = () => Promise<{ event: CustomEvent; shown?: string }>;

let course: Course;
let sessionId: string;

/**
 * The enrolment form's three events as a page holding a course shows them: `open` mounts
 * that page (against `base`) and gives the <course-detail>; its first session that takes
 * requests is asked for.
 */
function enrolEvents(open: (base: string, name: string) => Promise<{ detail: HTMLElement; fired: Map<string, CustomEvent> }>): Record<string, Trigger> {
  return Object.fromEntries(
    (['campus-enrol-submit', 'campus-enrol-success', 'campus-enrol-error'] as const).map((name) => [
      name,
      async () => {
        const failing = name === 'campus-enrol-error';
        const base = failing ? faultBase(`status=500,only=enrolments,key=${unique()}`) : API_BASE;
        const { detail, fired } = await open(base, name);
        const index = await until(() => {
          const sessions = [...shadow(detail).querySelectorAll('[part="session"]')];
          return sessions.length ? sessions.findIndex((s) => s.querySelector('[part="enrol-button"]')) + 1 : 0;
        }, 'the sessions', 15000);
        const button = await until(() => shadow(detail).querySelector<HTMLElement>(`[aria-controls="enrol-panel-${index}"]`), 'the enrol button');
        button.click();
        const form = await until(() => shadow(detail).querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('enrol-form'), 'the form');
        const session = (form as unknown as { sessionId?: string }).sessionId || sessionId;
        await sendEnrolment(form, session);
        const event = await firedOf(fired, name);
        const shown = failing ? text(await until(() => shadow(form).querySelector('[part="send-error"] p'), 'the sending error')) : undefined;
        return { event, shown };
      },
    ]),
  );
}

const TRIGGERS: Record<string, Record<string, Trigger>> = {
  'catalogue-list': {
    'campus-load': async () => {
      const { fired } = await mount(`<catalogue-list api-base="${API_BASE}" page-size="4"></catalogue-list>`, ['campus-load']);
      return { event: await firedOf(fired, 'campus-load') };
    },
    'campus-error': async () => {
      const { el, fired } = await mount(`<catalogue-list api-base="${faultBase(`status=500,only=courses,key=${unique()}`)}"></catalogue-list>`, ['campus-error']);
      const event = await firedOf(fired, 'campus-error');
      return { event, shown: text(await until(() => shadow(el).querySelector('[part="error"] p'), 'the error')) };
    },
    'campus-filters-change': async () => {
      const { el, fired } = await mount(`<catalogue-list api-base="${API_BASE}" page-size="4"></catalogue-list>`, ['campus-load', 'campus-filters-change']);
      await firedOf(fired, 'campus-load');
      const sort = shadow(el).querySelector<HTMLSelectElement>('#sort')!;
      sort.value = 'title';
      sort.dispatchEvent(new Event('change', { bubbles: true }));
      const event = await firedOf(fired, 'campus-filters-change');
      expect((event.detail as CourseQuery).sort).to.equal('title');
      return { event };
    },
    // The form in the dialog where the list opens a course: its events bubble out of the list.
    ...enrolEvents(async (base, name) => {
      const { el, fired } = await mount(`<catalogue-list api-base="${base}" q="${course.title.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"></catalogue-list>`, [name]);
      const links = () => [...shadow(el).querySelectorAll<HTMLElement>('[part="card-link"]')];
      (await until(() => links().find((a) => a.textContent?.trim() === course.title), 'the course’s card', 15000)).click();
      return { detail: await until(() => shadow(el).querySelector<HTMLElement>('dialog[open] course-detail'), 'the course in its dialog', 15000), fired };
    }),
    'campus-course-select': async () => {
      const { el, fired } = await mount(`<catalogue-list api-base="${API_BASE}" page-size="4"></catalogue-list>`, ['campus-course-select']);
      const title = await until(() => shadow(el).querySelector<HTMLElement>('[part="card-link"]'), 'a card');
      title.click();
      const event = await firedOf(fired, 'campus-course-select');
      expect((event.detail as { course: Course }).course.title).to.equal(title.textContent);
      return { event };
    },
  },
  'course-card': {
    'campus-course-select': async () => {
      const { el, fired } = await mount(`<course-card course-id="${course.id}" api-base="${API_BASE}"></course-card>`, ['campus-course-select']);
      (await until(() => shadow(el).querySelector<HTMLElement>('[part="link"]'), 'the title')).click();
      const event = await firedOf(fired, 'campus-course-select');
      expect((event.detail as { course: Course }).course.id).to.equal(course.id);
      return { event };
    },
  },
  'course-detail': {
    'campus-load': async () => {
      const { fired } = await mount(`<course-detail course-id="${course.id}" api-base="${API_BASE}"></course-detail>`, ['campus-load']);
      const event = await firedOf(fired, 'campus-load');
      expect((event.detail as CampusLoadDetail).course?.id).to.equal(course.id);
      return { event };
    },
    'campus-error': async () => {
      const { el, fired } = await mount(`<course-detail course-id="${course.id}" api-base="${faultBase(`status=500,key=${unique()}`)}"></course-detail>`, ['campus-error']);
      const event = await firedOf(fired, 'campus-error');
      return { event, shown: text(await until(() => shadow(el).querySelector('[part="error"] p'), 'the error')) };
    },
    ...enrolEvents(async (base, name) => {
      const { el, fired } = await mount(`<course-detail course-id="${course.id}" api-base="${base}"></course-detail>`, [name]);
      return { detail: el, fired };
    }),
  },
  'enrol-form': Object.fromEntries(
    (['campus-enrol-submit', 'campus-enrol-success', 'campus-enrol-error'] as const).map((name) => [
      name,
      async () => {
        const failing = name === 'campus-enrol-error';
        const base = failing ? faultBase(`status=500,only=enrolments,key=${unique()}`) : API_BASE;
        const { el, fired } = await mount(`<enrol-form course-id="${course.id}" session-id="${sessionId}" api-base="${base}"></enrol-form>`, [name]);
        await sendEnrolment(el as never, sessionId);
        const event = await firedOf(fired, name);
        const shown = failing ? text(await until(() => shadow(el).querySelector('[part="send-error"] p'), 'the sending error')) : undefined;
        return { event, shown };
      },
    ]),
  ),
  'trainer-signup': Object.fromEntries(
    (['campus-trainer-submit', 'campus-trainer-success', 'campus-trainer-error'] as const).map((name) => [
      name,
      async () => {
        const failing = name === 'campus-trainer-error';
        const base = failing ? faultBase(`status=500,only=trainer-applications,key=${unique()}`) : API_BASE;
        const { el, fired } = await mount(`<trainer-signup api-base="${base}"></trainer-signup>`, [name]);
        await sendApplication(el);
        const event = await firedOf(fired, name);
        const shown = failing ? text(await until(() => shadow(el).querySelector('[part="send-error"] p'), 'the sending error')) : undefined;
        return { event, shown };
      },
    ]),
  ),
};

describe('events: each documented event fires with its documented detail', function () {
  this.timeout(60000);
  let documented: Map<string, Map<string, string>>;

  before(async () => {
    documented = await documentedEvents();
    ({ course, session: { id: sessionId } } = await requestableCourse());
  });
  beforeEach(() => {
    freshCache();
    sessionStorage.clear();
  });

  it('has a case for every documented event, and none that is not documented', () => {
    expect([...documented.keys()].sort()).to.deep.equal(['catalogue-list', 'course-card', 'course-detail', 'enrol-form', 'trainer-signup']);
    for (const [tag, events] of documented) {
      expect(Object.keys(TRIGGERS[tag] ?? {}).sort(), tag).to.deep.equal([...events.keys()].sort());
      for (const type of events.values()) expect(DETAIL_CHECKS, `a check for ${type}`).to.have.property(type);
    }
  });

  for (const [tag, triggers] of Object.entries(TRIGGERS)) {
    for (const [name, trigger] of Object.entries(triggers)) {
      it(`<${tag}> ${name}`, async () => {
        const type = documented.get(tag)?.get(name);
        expect(type, `${name} is documented for <${tag}>`).to.be.a('string');
        const { event, shown } = await trigger();
        expect(event.bubbles && event.composed, 'bubbles out of shadow roots').to.equal(true);
        DETAIL_CHECKS[type!](event.detail);
        // An error's message is the text the widget shows (the sending failure's own lead included).
        if (shown !== undefined) expect((event.detail as CampusErrorDetail).message).to.equal(shown);
      });
    }
  }
});

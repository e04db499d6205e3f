import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { Course, Organisation, Session } from '../src/api/schemas.js';
import { CourseDetail } from '../src/course-detail/course-detail.js';
import { EnrolForm } from '../src/enrol-form/enrol-form.js';
import { byStart } from '../src/api/sessions.js';
import { API_BASE, faultBase, freshCache, requestableCourse, text, unique, until, watchSignals } from './helpers.js';

if (!customElements.get('course-detail')) customElements.define('course-detail', CourseDetail);
if (!customElements.get('enrol-form')) customElements.define('enrol-form', EnrolForm);

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const $$ = (el: Element, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
/** The practical information as "label: value" lines. */
const factsOf = (el: Element) =>
  $$(el, '[part="facts"] .fact')
    .map((f) => `${text(f.querySelector('dt'))}: ${text(f.querySelector('dd'))}`)
    .join('\n');
const readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
/** A zone as every widget names it: by its city, the same in the course page, the form and the e-mails. */
const zoneName = (timeZone: string) => `heure de ${({ 'America/Montreal': 'Montréal' } as Record<string, string>)[timeZone] ?? timeZone.split('/').pop()!.replace(/_/g, ' ')}`;
/** A day in words, the first of the month as French writes it (« 1er »). */
const longDay = (tag: string, timeZone: string, iso: string) =>
  new Intl.DateTimeFormat(tag, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone })
    .format(new Date(iso))
    .replace(/(^|\D)1 (?=\D)/, tag.startsWith('fr') ? '$11er ' : '$11 ');

// ------------------------------------------------------------ stubbed API

const stubCourse = {
  id: 'stub-cycle-ia',
  title: 'Cycle « IA générative » pour les cadres',
  kind: 'cycle',
  summary: 'Deux jours pour comprendre et encadrer l’IA générative.',
  objectives: ['Comprendre les modèles de langage', 'Encadrer leurs usages', 'Évaluer les risques'],
  content: 'Jour 1 : les modèles.\nJour 2 : les usages.',
  expertiseIds: ['data'],
  audienceIds: ['cadres-inconnus'],
  modes: ['presentiel'],
  duration: { minutes: 780, label: '' },
  level: 'approfondissement',
  prerequisites: 'Aucun prérequis technique.',
  language: 'en',
  providerId: 'org-inconnue',
  partnerIds: ['partenaire-a'],
  isFree: true,
  enrolment: { mode: 'request' },
  managerApproval: true,
  privacyNoticeId: 'enrolment',
  updatedAt: '2026-01-05T10:00:00Z',
};

const paris = 'Europe/Paris';
const montreal = readerZone === 'America/Toronto' || readerZone === 'America/Montreal' ? 'Asia/Tokyo' : 'America/Montreal';

const stubSessions = [
  {
    id: 's-multi',
    courseId: stubCourse.id,
    mode: 'presentiel',
    slots: [
      { start: '2027-03-15T09:00:00+01:00', end: '2027-03-15T17:00:00+01:00' },
      { start: '2027-03-16T09:30:00+01:00', end: '2027-03-16T12:30:00+01:00' },
    ],
    timezone: paris,
    location: { name: 'INSP', address: '1 rue Sainte-Marguerite', city: 'Strasbourg', country: 'FR' },
    online: false,
    capacity: 20,
    seatsLeft: 5,
    status: 'open',
  },
  {
    id: 's-full',
    courseId: stubCourse.id,
    mode: 'en-ligne',
    slots: [{ start: '2027-04-01T14:00:00-04:00', end: '2027-04-01T16:00:00-04:00' }],
    timezone: montreal,
    online: true,
    capacity: 30,
    seatsLeft: 0,
    status: 'full',
  },
  {
    id: 's-local',
    courseId: stubCourse.id,
    mode: 'en-ligne',
    slots: [{ start: '2027-05-03T09:00:00Z', end: '2027-05-03T10:00:00Z' }],
    timezone: readerZone,
    online: true,
    status: 'waitlist',
  },
  {
    id: 's-reporte',
    courseId: stubCourse.id,
    mode: 'presentiel',
    slots: [{ start: '2027-06-01T09:00:00+02:00', end: '2027-06-01T17:00:00+02:00' }],
    timezone: paris,
    location: { name: '', city: 'Lyon' },
    status: 'reporte',
  },
  {
    id: 's-closed',
    courseId: stubCourse.id,
    mode: 'presentiel',
    slots: [{ start: '2027-07-01T09:00:00+02:00', end: '2027-07-01T17:00:00+02:00' }],
    timezone: paris,
    location: { name: 'DINUM', city: 'Paris' },
    status: 'closed',
  },
];

let restoreFetch: (() => void) | undefined;

/** Answers the course and sessions of stubbed ids; everything else goes to the reference server. */
function stubApi(courses: Record<string, { course: Record<string, unknown>; sessions: unknown[] }>) {
  const original = window.fetch;
  const json = (body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } }));
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    for (const [id, { course, sessions }] of Object.entries(courses)) {
      const path = `/v1/courses/${encodeURIComponent(id)}`;
      if (url.endsWith(path)) return json(course);
      if (url.endsWith(`${path}/sessions`)) return json({ items: sessions });
    }
    return original.call(window, input, init);
  };
  restoreFetch = () => (window.fetch = original);
}

async function detailOf(id: string, attrs: { lang?: string; level?: number; base?: string } = {}): Promise<CourseDetail> {
  const el = await fixture<CourseDetail>(html`<course-detail
    course-id=${id}
    api-base=${attrs.base ?? API_BASE}
    heading-level=${attrs.level ?? 2}
    lang=${attrs.lang ?? ''}
  ></course-detail>`);
  if (!attrs.lang) el.removeAttribute('lang');
  await el.localeReady;
  await until(() => el.shownCourse || $(el, '[part="error"], [part="not-found"]'), 'the course or an error');
  await el.updateComplete;
  return el;
}

const stubbed = () => detailOf(stubCourse.id);

/** Where a session is among its course's, in the detail's order (by start). */
function seedIndex(courseId: string, sessionId: string): number {
  const sessions = [...(seed.find((e) => e.course.id === courseId)?.sessions ?? [])].sort(byStart);
  return sessions.findIndex((s) => s.id === sessionId);
}

// -------------------------------------------------------- reference server

interface Entry {
  course: Course;
  sessions: Session[];
}
let seed: Entry[] = [];
let organisations: Organisation[] = [];

async function loadSeed(): Promise<void> {
  if (seed.length) return;
  const get = async (path: string) => (await (await fetch(`${API_BASE}/v1${path}`)).json()) as { items: unknown[] };
  const pages = await Promise.all([1, 2].map((page) => get(`/courses?pageSize=100&page=${page}`)));
  const courses = pages.flatMap((p) => p.items).map((c) => Course.parse(c));
  organisations = (await get('/organisations')).items.map((o) => Organisation.parse(o));
  seed = await Promise.all(
    courses.map(async (course) => ({
      course,
      sessions: (await get(`/courses/${encodeURIComponent(course.id)}/sessions`)).items.map((s) => Session.parse(s)),
    })),
  );
}

function find(what: string, predicate: (e: Entry) => unknown): Entry {
  const found = seed.find(predicate);
  if (!found) throw new Error(`No course in the seed data with ${what}`);
  return found;
}

// ------------------------------------------------------------------ tests

describe('course-detail', () => {
  before(loadSeed);
  beforeEach(freshCache);
  afterEach(() => {
    restoreFetch?.();
    restoreFetch = undefined;
  });

  describe('the course', () => {
    it('shows the whole course from the reference server, with its provider and partner logos', async () => {
      const { course } = find('partners, objectives and audiences', (e) => e.course.partnerIds.length && e.course.objectives.length && e.course.audienceIds.length);
      const el = await detailOf(course.id);
      expect(text($(el, '[part="title"]'))).to.equal(course.title);
      expect(text($(el, '[part="summary"]'))).to.equal(course.summary);
      expect($$(el, '[part="objectives"] li').map(text)).to.deep.equal(course.objectives);
      const facts = factsOf(el);
      for (const label of ['Public', 'Tarif', 'Organisme de formation', 'Partenaires']) expect(facts).to.contain(label);
      const provider = organisations.find((o) => o.id === course.providerId);
      if (provider) expect(facts).to.contain(provider.name);
      const partners = course.partnerIds.map((id) => organisations.find((o) => o.id === id)!);
      const shown = [...$$(el, '[part="partner-logo"]').map((img) => img.getAttribute('alt')), ...$$(el, '[part="partner-name"]').map(text)];
      expect(shown.sort()).to.deep.equal(partners.map((p) => p.name).sort());
      for (const img of $$(el, '[part="partner-logo"]')) expect(img.getAttribute('src')).to.match(/^https?:\/\//);
      await expect(el).to.be.accessible();
    });

    it('shows objectives, programme, prerequisites, duration, price, language, and unknown ids as they are', async () => {
      stubApi({ [stubCourse.id]: { course: stubCourse, sessions: stubSessions } });
      const el = await stubbed();
      expect($$(el, '[part="objectives"] li')).to.have.length(3);
      expect(text($(el, '[part="content"]'))).to.contain('Jour 2 : les usages.');
      const facts = factsOf(el);
      expect(facts).to.contain('Prérequis: Aucun prérequis technique.');
      expect(facts).to.match(/Durée: 13\s?h/);
      expect(facts).to.contain('Tarif: Gratuit');
      expect(facts).to.contain('Langue d’enseignement: anglais');
      expect(facts).to.contain('Public: cadres-inconnus');
      expect(facts).to.contain('Organisme de formation: org-inconnue');
      expect(facts).to.contain('Niveau: approfondissement');
      expect(text($(el, '[part="kind"]'))).to.not.equal('');
      expect(text(el.shadowRoot!.querySelector('.course'))).to.contain('L’accord de votre responsable hiérarchique est nécessaire.');
      await expect(el).to.be.accessible();
    });

    it('puts the title at heading-level (default 2) and its sections below it', async () => {
      stubApi({ [stubCourse.id]: { course: stubCourse, sessions: stubSessions } });
      const el = await stubbed();
      const levels = () => ({
        title: $(el, '[part="title"]')!.getAttribute('aria-level'),
        section: $(el, '.section-title')!.getAttribute('aria-level'),
        session: $(el, '.session-title')!.getAttribute('aria-level'),
      });
      expect(levels()).to.deep.equal({ title: '2', section: '3', session: '4' });
      el.headingLevel = 4;
      await el.updateComplete;
      expect(levels()).to.deep.equal({ title: '4', section: '5', session: '6' });
    });

    it('renders API text as text, and a javascript: enrolment URL never becomes a link', async () => {
      const title = '<img src=x onerror=alert(1)></script>';
      stubApi({
        'stub-xss': {
          course: { ...stubCourse, id: 'stub-xss', title, enrolment: { mode: 'external', url: 'javascript:alert(1)' } },
          sessions: [],
        },
      });
      const el = await detailOf('stub-xss');
      expect(text($(el, '[part="title"]'))).to.equal(title);
      expect($(el, '[part="title"] img')).to.equal(null);
      expect($(el, '[part="enrol-link"]')).to.equal(null);
      expect($$(el, 'a').filter((a) => a.getAttribute('href')?.startsWith('javascript'))).to.have.length(0);
      expect(text($(el, '[part="enrol"]'))).to.contain('Les inscriptions se font auprès de l’organisme de formation.');
      const script = el.querySelector('script[type="application/ld+json"]')!;
      expect(script.textContent).to.not.contain('</script');
      expect(script.textContent).to.not.contain('<img');
      expect(JSON.parse(script.textContent!).name).to.equal(title);
      await expect(el).to.be.accessible();
    });
  });

  describe('sessions', () => {
    it('lists every day in the session’s time zone, with the zone’s name when it is not the reader’s', async () => {
      stubApi({ [stubCourse.id]: { course: stubCourse, sessions: stubSessions } });
      const el = await stubbed();
      const sessions = $$(el, '[part="session"]');
      expect(sessions).to.have.length(5);

      const [multi, full, local, reporte, closed] = sessions;
      expect(text(multi.querySelector('.session-title'))).to.equal('Session du 15 mars 2027 au 16 mars 2027');
      const days = [...multi.querySelectorAll('.days li')].map(text);
      expect(days).to.have.length(2);
      expect(days[0]).to.contain(longDay('fr', paris, '2027-03-15T09:00:00+01:00'));
      expect(days[0]).to.match(/09:00\s?–\s?17:00/);
      expect(days[1]).to.contain(longDay('fr', paris, '2027-03-16T09:30:00+01:00'));
      expect(days[1]).to.match(/09:30\s?–\s?12:30/);
      if (readerZone !== paris) expect(days[0]).to.contain('(heure de Paris)');
      expect(text(multi)).to.contain('INSP, 1 rue Sainte-Marguerite, Strasbourg');
      expect(text(multi.querySelector('[part="seats"]'))).to.equal('5 places restantes');

      const fullDay = text(full.querySelector('.days li'));
      expect(fullDay).to.contain(longDay('fr', montreal, '2027-04-01T14:00:00-04:00'));
      expect(fullDay).to.contain(`(${zoneName(montreal)})`);
      // The first of the month in French: « 1er ».
      if (montreal === 'America/Montreal') expect(fullDay).to.contain('jeudi 1er avril 2027').and.contain('(heure de Montréal)');
      expect(text(full)).to.contain('En ligne');
      expect(text(full.querySelector('[part="seats"]'))).to.equal('Complet');

      // In the reader's own zone, no zone name.
      expect(text(local.querySelector('.days li'))).to.not.contain('(');
      expect(text(local.querySelector('[part="seats"]'))).to.equal('Liste d’attente');

      // An unknown status shows its id; a known one its label from the vocabulary.
      expect(text(reporte.querySelector('[part="status"]'))).to.equal('reporte');
      expect(text(reporte)).to.contain('Lyon');
      expect(text(closed.querySelector('[part="status"]'))).to.not.equal('closed');
      await expect(el).to.be.accessible();
    });

    it('shows multi-day, other time zone and full sessions of the reference server', async () => {
      const multi = find('a multi-day session', (e) => e.sessions.some((s) => s.slots.length > 1));
      const el = await detailOf(multi.course.id);
      const session = multi.sessions.find((s) => s.slots.length > 1)!;
      const index = multi.sessions.indexOf(session);
      const days = $$(el, '[part="session"]')[index].querySelectorAll('.days li');
      expect(days).to.have.length(session.slots.length);
      expect(text(days[0])).to.contain(longDay('fr', session.timezone, session.slots[0].start));

      const abroad = find('a session in another time zone', (e) => e.sessions.some((s) => s.timezone !== 'Europe/Paris' && s.timezone !== readerZone));
      const abroadEl = await detailOf(abroad.course.id);
      const far = abroad.sessions.findIndex((s) => s.timezone !== 'Europe/Paris' && s.timezone !== readerZone);
      const farSession = abroad.sessions[far];
      const farDay = text($$(abroadEl, '[part="session"]')[far].querySelector('.days li'));
      expect(farDay).to.contain(longDay('fr', farSession.timezone, farSession.slots[0].start));
      expect(farDay).to.contain(`(${zoneName(farSession.timezone)})`);

      const full = find('a full session', (e) => e.course.enrolment.mode === 'request' && e.sessions.some((s) => s.status === 'full' || s.seatsLeft === 0));
      const fullEl = await detailOf(full.course.id);
      const fullIndex = full.sessions.findIndex((s) => s.status === 'full' || s.seatsLeft === 0);
      const fullItem = $$(fullEl, '[part="session"]')[fullIndex];
      expect(text(fullItem.querySelector('[part="seats"]'))).to.equal('Complet');
      expect(text(fullItem.querySelector('[part="enrol-button"]'))).to.contain('S’inscrire sur liste d’attente');
      await expect(fullEl).to.be.accessible();
    });

    it('notes sessions left out as unreadable', async () => {
      const { course } = find('sessions', (e) => e.sessions.length > 0);
      const loaded = new Promise<CustomEvent>((resolve) => document.addEventListener('campus-load', (e) => resolve(e as CustomEvent), { once: true }));
      const el = await detailOf(course.id, { base: faultBase(`invalid,only=sessions,key=${unique()}`) });
      expect(text($(el, '[part="partial-note"]'))).to.equal('2 éléments illisibles n’ont pas pu être affichés.');
      expect((await loaded).detail.dropped).to.equal(2);
      await expect(el).to.be.accessible();
    });

    it('shows the course when only its sessions fail, with a retry for them', async () => {
      const { course } = find('sessions', (e) => e.sessions.length > 0);
      const el = await detailOf(course.id, { base: faultBase(`status=500,times=1,only=sessions,key=${unique()}`) });
      expect(text($(el, '[part="title"]'))).to.equal(course.title);
      expect(text($(el, '[part="error"]'))).to.contain('rencontre un problème');
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, '[part="retry"]')!.click();
      await until(() => $(el, '[part="session"]'), 'the sessions after retrying');
      expect($(el, '[part="error"]')).to.equal(null);
    });
  });

  describe('enrolment', () => {
    it('on a phone, the enrolment form spans the course’s width (its text fields at least 90 % of it)', async () => {
      const { course } = await requestableCourse();
      const phone = await fixture<HTMLDivElement>(html`<div><course-detail course-id=${course.id} api-base=${API_BASE}></course-detail></div>`);
      // A 375 px screen less the page's margins.
      phone.style.width = '343px';
      const el = phone.querySelector('course-detail')!;
      await until(() => el.shownCourse, 'the course');
      await el.updateComplete;
      $(el, '[part="enrol-button"]')!.click();
      await el.updateComplete;
      const form = $(el, '[part="enrol-panel"]:not([hidden]) enrol-form')!;
      const fields = await until(() => {
        const found = [...(form.shadowRoot?.querySelectorAll<HTMLElement>('input[type="text"]:not([data-honeypot]), input[type="email"], textarea') ?? [])];
        return found.length ? found : undefined;
      }, 'the form’s fields');
      expect(fields.length).to.be.greaterThan(2);
      const width = el.getBoundingClientRect().width;
      for (const field of fields) {
        const share = field.getBoundingClientRect().width / width;
        expect(share, `${field.getAttribute('name') ?? field.id}: ${Math.round(share * 100)} % of the course’s width`).to.be.at.least(0.9);
      }
      phone.remove();
    });

    it('reveals an <enrol-form> for a session, with aria-expanded and the right attributes', async () => {
      stubApi({ [stubCourse.id]: { course: stubCourse, sessions: stubSessions } });
      const el = await stubbed();
      const buttons = $$(el, '[part="enrol-button"]');
      // Open, full, waiting list, unknown status: a button each; closed: none.
      expect(buttons).to.have.length(4);
      expect(text(buttons[0])).to.contain('Demander une place');
      expect(text(buttons[1])).to.contain('S’inscrire sur liste d’attente');
      expect(text(buttons[2])).to.contain('S’inscrire sur liste d’attente');
      expect(text($$(el, '[part="session"]')[4])).to.contain('Inscriptions closes');

      const button = buttons[0];
      const panel = el.shadowRoot!.getElementById(button.getAttribute('aria-controls')!)!;
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(panel.hidden).to.equal(true);
      expect(panel.querySelector('enrol-form')).to.equal(null);

      button.click();
      await el.updateComplete;
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(panel.hidden).to.equal(false);
      const form = panel.querySelector('enrol-form')!;
      expect(form.getAttribute('course-id')).to.equal(stubCourse.id);
      expect(form.getAttribute('session-id')).to.equal('s-multi');
      // The detail's client reaches the form through context, not an attribute pushed into it.
      expect(form.hasAttribute('api-base')).to.equal(false);
      expect((form as EnrolForm).resolvedApiBase).to.equal(API_BASE);
      expect(form.hasAttribute('lang')).to.equal(false);
      await expect(el).to.be.accessible();

      button.click();
      await el.updateComplete;
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(panel.hidden).to.equal(true);
      // Hidden, not removed: what was typed stays.
      expect(panel.querySelector('enrol-form')).to.equal(form);
    });

    it('renders the enrol-form of its own set, in its own language', async () => {
      stubApi({ [stubCourse.id]: { course: stubCourse, sessions: stubSessions } });
      class PrefixedDetail extends CourseDetail {
        static override tags = { ...CourseDetail.tags, 'enrol-form': 'campus-enrol-form' };
      }
      customElements.define('prefixed-course-detail', PrefixedDetail);
      if (!customElements.get('campus-enrol-form')) customElements.define('campus-enrol-form', class extends EnrolForm {});
      const el = await fixture<CourseDetail>(html`<prefixed-course-detail lang="en" course-id=${stubCourse.id} api-base=${API_BASE}></prefixed-course-detail>`);
      await until(() => $(el, '[part="enrol-button"]'), 'the buttons');
      $(el, '[part="enrol-button"]')!.click();
      await el.updateComplete;
      const form = $(el, 'campus-enrol-form') as EnrolForm;
      expect(form).to.not.equal(null);
      // Its language is the detail's, found up the tree across the detail's shadow root.
      await form.localeReady;
      // Loading, or the stub course's missing notice: in English either way.
      expect(text(form.shadowRoot!)).to.match(/^(Loading…|This item cannot be found\.)/);
      expect($(el, 'enrol-form')).to.equal(null);
    });

    it('a draft kept through a reload opens its form again, which says « Brouillon restauré » with « Recommencer »', async () => {
      const { course, session } = await requestableCourse();
      sessionStorage.clear();
      const first = await detailOf(course.id);
      const index = seedIndex(course.id, session.id);
      const button = $$(first, '[part="session"]')[index].querySelector<HTMLButtonElement>('[part="enrol-button"]')!;
      button.click();
      const form = await until(() => first.shadowRoot!.querySelector<EnrolForm>('enrol-form'), 'the form');
      const input = await until(() => form.shadowRoot!.querySelector<HTMLInputElement>('#f-givenName'), 'the form’s fields');
      input.value = 'Camille';
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      // As a reload does: the page goes (the draft is saved), a new page comes.
      window.dispatchEvent(new PageTransitionEvent('pagehide'));
      first.remove();

      const again = await detailOf(course.id);
      const reopened = $$(again, '[part="session"]')[index].querySelector<HTMLButtonElement>('[part="enrol-button"]')!;
      expect(reopened.getAttribute('aria-expanded')).to.equal('true');
      const restored = await until(() => again.shadowRoot!.querySelector<EnrolForm>('enrol-form'), 'the form, open');
      const notice = await until(() => restored.shadowRoot!.querySelector('[part="draft-notice"]'), 'the draft notice');
      expect(text(notice)).to.contain('Brouillon restauré').and.contain('Recommencer');
      expect(restored.shadowRoot!.querySelector<HTMLInputElement>('#f-givenName')!.value).to.equal('Camille');
      // Only the session the draft was for: the others stay closed.
      expect($$(again, '[part="enrol-button"][aria-expanded="true"]')).to.have.length(1);
      await expect(again).to.be.accessible();

      notice.querySelector<HTMLButtonElement>('[part="restart"]')!.click();
      await until(() => !restored.shadowRoot!.querySelector('[part="draft-notice"]'), 'the notice gone');
      expect(restored.shadowRoot!.querySelector<HTMLInputElement>('#f-givenName')!.value).to.equal('');
      sessionStorage.clear();
    });

    it('without a draft, every form stays closed', async () => {
      const { course } = await requestableCourse();
      sessionStorage.clear();
      const el = await detailOf(course.id);
      expect($$(el, '[part="enrol-button"][aria-expanded="true"]')).to.have.length(0);
      expect($(el, 'enrol-form')).to.equal(null);
    });

    it('offers one request for a course without sessions', async () => {
      stubApi({ 'stub-sans-session': { course: { ...stubCourse, id: 'stub-sans-session', managerApproval: false }, sessions: [] } });
      const el = await detailOf('stub-sans-session');
      expect(text(el.shadowRoot!.querySelector('.empty'))).to.equal('Aucune session programmée pour le moment.');
      const buttons = $$(el, '[part="enrol-button"]');
      expect(buttons).to.have.length(1);
      expect(text(buttons[0])).to.equal('Demander une place');
      buttons[0].click();
      await el.updateComplete;
      const form = $(el, 'enrol-form')!;
      expect(form.getAttribute('course-id')).to.equal('stub-sans-session');
      expect(form.hasAttribute('session-id')).to.equal(false);
      expect(JSON.parse(el.querySelector('script[type="application/ld+json"]')!.textContent!).hasCourseInstance).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });

    it('links to the external platform, its domain shown, in a new window', async () => {
      const { course } = find('external enrolment', (e) => e.course.enrolment.mode === 'external' && e.course.enrolment.url);
      const el = await detailOf(course.id);
      const link = $<HTMLAnchorElement>(el, '[part="enrol-link"]')!;
      const domain = new URL(course.enrolment.url!).hostname.replace(/^www\./, '');
      expect(link.getAttribute('href')).to.equal(new URL(course.enrolment.url!).href);
      expect(link.target).to.equal('_blank');
      expect(link.rel).to.contain('noopener');
      expect(text(link)).to.contain(`S’inscrire sur ${domain}`);
      expect(text(link)).to.contain('nouvelle fenêtre');
      expect($(el, '[part="enrol-button"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('links to mentor.gouv.fr for a stubbed external course', async () => {
      stubApi({
        'stub-mentor': { course: { ...stubCourse, id: 'stub-mentor', enrolment: { mode: 'external', url: 'https://www.mentor.gouv.fr/course/view.php?id=42' } }, sessions: stubSessions },
      });
      const el = await detailOf('stub-mentor');
      expect(text($(el, '[part="enrol-link"]'))).to.equal('S’inscrire sur mentor.gouv.fr (nouvelle fenêtre)');
      expect($(el, '[part="enrol-button"]')).to.equal(null);
    });
  });

  describe('JSON-LD', () => {
    it('adds a schema.org Course with a CourseInstance per session to the light DOM, and removes it on disconnect', async () => {
      stubApi({ [stubCourse.id]: { course: stubCourse, sessions: stubSessions } });
      const el = await stubbed();
      const scripts = el.querySelectorAll('script[type="application/ld+json"]');
      expect(scripts).to.have.length(1);
      const data = JSON.parse(scripts[0].textContent!);
      expect(data['@context']).to.equal('https://schema.org');
      expect(data['@type']).to.equal('Course');
      expect(data.name).to.equal(stubCourse.title);
      expect(data.timeRequired).to.equal('PT13H');
      expect(data.inLanguage).to.equal('en');
      expect(data.isAccessibleForFree).to.equal(true);
      expect(data.url).to.equal(location.href.split('#')[0]);
      expect(data.provider['@type']).to.equal('Organization');
      expect(data.hasCourseInstance).to.have.length(5);
      const [multi, full] = data.hasCourseInstance;
      expect(multi).to.include({ '@type': 'CourseInstance', courseMode: 'onsite', startDate: '2027-03-15T09:00:00+01:00', endDate: '2027-03-16T12:30:00+01:00' });
      expect(multi.maximumAttendeeCapacity).to.equal(20);
      expect(multi.remainingAttendeeCapacity).to.equal(5);
      expect(multi.location['@type']).to.equal('Place');
      expect(multi.location.address).to.include({ '@type': 'PostalAddress', addressLocality: 'Strasbourg', streetAddress: '1 rue Sainte-Marguerite' });
      expect(multi.offers).to.include({ '@type': 'Offer', price: 0 });
      expect(full.courseMode).to.equal('online');
      expect(full.location['@type']).to.equal('VirtualLocation');
      expect(full.remainingAttendeeCapacity).to.equal(0);

      el.remove();
      expect(el.querySelector('script')).to.equal(null);
      document.body.append(el);
      await until(() => el.querySelector('script[type="application/ld+json"]'), 'the JSON-LD back');
      el.remove();
    });

    it('is valid JSON for every course of the reference server it is tried on, and follows a course change', async () => {
      const [a, b] = seed.filter((e) => e.sessions.length > 0);
      const el = await detailOf(a.course.id);
      const read = () => JSON.parse(el.querySelector('script[type="application/ld+json"]')!.textContent!);
      expect(read().courseCode).to.equal(a.course.id);
      expect(read().hasCourseInstance).to.have.length(a.sessions.length);
      el.courseId = b.course.id;
      await until(() => el.querySelector('script[type="application/ld+json"]') && read().courseCode === b.course.id, 'the new course');
      expect(el.querySelectorAll('script[type="application/ld+json"]')).to.have.length(1);
    });

    it('goes through the campus-widgets policy under Trusted Types, and skips a second copy', async () => {
      const frame = document.createElement('iframe');
      frame.srcdoc = `<!doctype html><html lang="fr"><head><meta http-equiv="Content-Security-Policy"
        content="require-trusted-types-for 'script'; trusted-types lit-html campus-widgets test-loader"></head><body><div id="a"></div><div id="b"></div></body></html>`;
      const loaded = new Promise((resolve) => (frame.onload = resolve));
      document.body.append(frame);
      try {
        await loaded;
        const win = frame.contentWindow as Window & typeof globalThis & { trustedTypes?: { createPolicy: (n: string, r: object) => { createScriptURL(s: string): string } } };
        const module = new URL('/src/course-detail/json-ld.ts', location.href).href;
        const code = `
          const [first, second] = await Promise.all([import('${module}?copy=1'), import('${module}?copy=2')]);
          const warn = console.warn; console.warn = () => {};
          let direct = 'allowed';
          try { document.createElement('script').text = '{}'; } catch { direct = 'blocked'; }
          const a = first.writeJsonLd(document.getElementById('a'), { name: '</script>' });
          let b, threw = false;
          try { b = second.writeJsonLd(document.getElementById('b'), { name: 'copie' }); } catch { threw = true; }
          console.warn = warn;
          window.result = { direct, a: a && a.text, inA: !!document.querySelector('#a script'), b: !!b, threw };`;
        const blob = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
        const script = win.document.createElement('script');
        script.type = 'module';
        const src = win.trustedTypes ? win.trustedTypes.createPolicy('test-loader', { createScriptURL: (s: string) => s }).createScriptURL(blob) : blob;
        script.src = src as string;
        win.document.body.append(script);
        const result = await until(() => (win as unknown as { result?: Record<string, unknown> }).result, 'the module in the frame');
        expect(result.a).to.equal('{"name":"\\u003c/script\\u003e"}');
        expect(result.inA).to.equal(true);
        expect(result.threw).to.equal(false);
        if (win.trustedTypes) {
          // Enforced: a plain assignment is refused, the library's policy passes, a second policy of that name cannot be made.
          expect(result.direct).to.equal('blocked');
          expect(result.b).to.equal(false);
        } else {
          expect(result.direct).to.equal('allowed');
          expect(result.b).to.equal(true);
        }
      } finally {
        frame.remove();
      }
    });
  });

  describe('states and events', () => {
    it('shows a skeleton and a live loading message while waiting', async () => {
      const el = await fixture<CourseDetail>(html`<course-detail course-id="x" api-base=${faultBase(`hang,key=${unique()}`)}></course-detail>`);
      await el.updateComplete;
      expect(text($(el, '[role="status"]'))).to.equal('Chargement…');
      expect($$(el, '[part="skeleton"]').length).to.be.greaterThan(0);
      expect($(el, '[part="skeleton"]')!.getAttribute('aria-hidden'), 'the placeholder is not read out').to.equal('true');
      await expect(el).to.be.accessible();
      el.remove();
    });

    it('keeps the room of the course while loading: the placeholder is about as tall as a typical course, wide and phone-wide', async () => {
      // A course of the catalogue's usual size: title, summary, seven facts, three objectives, one session of two days.
      const typical = {
        ...stubCourse,
        id: 'stub-typical',
        title: 'Piloter un produit numérique dans l’administration',
        summary:
          'Trois jours pour apprendre à conduire un service public numérique centré sur ses usagers, de l’idée à la mise en production, avec une équipe resserrée.',
        objectives: ['Définir le problème à résoudre avec les usagers', 'Mesurer l’impact d’un service et décider avec', 'Organiser une équipe produit autonome'],
        content: '',
        prerequisites: '',
        language: 'fr',
        managerApproval: false,
      };
      const session = {
        id: 's-typical',
        courseId: typical.id,
        mode: 'presentiel',
        slots: [
          { start: '2027-05-18T09:30:00+02:00', end: '2027-05-18T17:00:00+02:00' },
          { start: '2027-05-19T09:30:00+02:00', end: '2027-05-19T17:00:00+02:00' },
        ],
        timezone: paris,
        location: { name: 'Préfecture de la région Pays de la Loire – salle de formation', address: '6 quai Ceineray', city: 'Nantes' },
        status: 'open',
        capacity: 16,
        seatsLeft: 2,
      };
      stubApi({ [typical.id]: { course: typical, sessions: [session] } });
      // The widths of a course page's column on a laptop and on a phone (demo/intranet-dsfr-formation.html).
      for (const width of ['75em', '21.5em']) {
        const box = await fixture<HTMLDivElement>(html`<div>
          <course-detail course-id="waiting" api-base=${faultBase(`hang,key=${unique()}`)}></course-detail>
          <course-detail course-id=${typical.id} api-base=${API_BASE}></course-detail>
        </div>`);
        box.style.width = width;
        const [waiting, loaded] = box.querySelectorAll('course-detail');
        await until(() => loaded.shownCourse && $(waiting, '[part="skeleton"]'), 'the placeholder and the course');
        await loaded.updateComplete;
        const placeholder = waiting.getBoundingClientRect().height;
        const course = loaded.getBoundingClientRect().height;
        expect(placeholder / course, `${width}: placeholder ${Math.round(placeholder)} px, course ${Math.round(course)} px`).to.be.within(0.85, 1.15);
        box.remove();
      }
    });

    it('fires campus-load with the course', async () => {
      const { course } = seed[0];
      setTimeout(() => fixture(html`<course-detail course-id=${course.id} api-base=${API_BASE}></course-detail>`));
      const event = await oneEvent(document, 'campus-load');
      expect(event.detail.course!.id).to.equal(course.id);
      expect(event.detail.dropped).to.equal(0);
    });

    it('shows an error with a retry and fires campus-error; the retry works', async () => {
      const { course } = seed[0];
      const errors: CustomEvent[] = [];
      const onError = (e: Event) => void errors.push(e as CustomEvent);
      document.addEventListener('campus-error', onError);
      try {
        const el = await detailOf(course.id, { base: faultBase(`status=500,times=2,only=courses,key=${unique()}`) });
        expect($(el, '[part="error"]')!.getAttribute('role')).to.equal('alert');
        expect(text($(el, '[part="error"]'))).to.contain('rencontre un problème');
        expect(errors).to.have.length(1);
        expect(errors[0].detail.message).to.equal(text($(el, '[part="error"] p')));
        await expect(el).to.be.accessible();
        $(el, '[part="retry"]')!.click();
        await until(() => el.shownCourse, 'the course after retrying');
        await el.updateComplete;
        expect(text($(el, '[part="title"]'))).to.equal(course.title);
      } finally {
        document.removeEventListener('campus-error', onError);
      }
    });

    it('says so when the answer is unreadable', async () => {
      const el = await detailOf(seed[0].course.id, { base: faultBase(`malformed,key=${unique()}`) });
      expect(text($(el, '[part="error"]'))).to.contain('réponse illisible');
      await expect(el).to.be.accessible();
    });

    it('says a course that does not exist cannot be found', async () => {
      const el = await detailOf('formation-qui-n-existe-pas');
      expect(text($(el, '[part="not-found"]'))).to.contain('introuvable');
      expect($(el, '[part="retry"]')).to.equal(null);
      expect(el.querySelector('script')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('aborts its requests when removed', async () => {
      const { signals, restore } = watchSignals();
      try {
        const el = await fixture<CourseDetail>(html`<course-detail course-id="x" api-base=${faultBase(`hang,key=${unique()}`)}></course-detail>`);
        await until(() => signals.length >= 2, 'the requests');
        el.remove();
        await until(() => signals.every((s) => s.aborted), 'aborted requests');
      } finally {
        restore();
      }
    });
  });

  describe('locales', () => {
    it('speaks English, API text marked as French', async () => {
      stubApi({ [stubCourse.id]: { course: stubCourse, sessions: stubSessions } });
      const el = await detailOf(stubCourse.id, { lang: 'en' });
      const facts = factsOf(el);
      expect(facts).to.contain('Price: Free');
      expect(facts).to.contain('Language of instruction: English');
      expect(text(el.shadowRoot!.querySelector('.section-title'))).to.equal('Key information');
      const [multi] = $$(el, '[part="session"]');
      expect(text(multi.querySelector('.session-title'))).to.equal('Session from March 15, 2027 to March 16, 2027');
      expect(text(multi.querySelector('.days li'))).to.contain(longDay('en', paris, '2027-03-15T09:00:00+01:00'));
      expect(text($(el, '[part="enrol-button"]'))).to.contain('Request a seat');
      expect($(el, '[part="title"]')!.getAttribute('lang')).to.equal('fr');
      expect($(el, '[part="objectives"]')!.getAttribute('lang')).to.equal('fr');
      await expect(el).to.be.accessible();
    });

    it('speaks Québec French where it differs', async () => {
      stubApi({ [stubCourse.id]: { course: stubCourse, sessions: stubSessions } });
      const el = await detailOf(stubCourse.id, { lang: 'fr-CA' });
      const facts = factsOf(el);
      expect(facts).to.contain('Préalables');
      expect(facts).to.contain('Clientèle visée');
      expect(text($(el, '[part="enrol-button"]'))).to.contain('Demander une inscription');
      expect(text(el.shadowRoot!.querySelector('.course'))).to.contain('L’autorisation de votre gestionnaire est requise.');
      await expect(el).to.be.accessible();
    });
  });
});

describe('course-detail: its course from the page’s URL (course-id-param)', () => {
  const startUrl = location.href;
  let warnings: string[] = [];
  const warn = console.warn;
  beforeEach(() => {
    freshCache();
    warnings = [];
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  });
  afterEach(() => {
    console.warn = warn;
    history.replaceState(null, '', startUrl);
  });

  it('reads the course’s id from ?id= with course-id-param="id"', async () => {
    const { course } = await requestableCourse();
    history.replaceState(null, '', `?id=${encodeURIComponent(course.id)}&other=1`);
    const el = await fixture<CourseDetail>(html`<course-detail api-base=${API_BASE} course-id-param="id"></course-detail>`);
    await until(() => $(el, '[part="title"]'), 'the course');
    expect(text($(el, '[part="title"]'))).to.equal(course.title);
    expect(warnings).to.deep.equal([]);
  });

  it('course-id wins over the URL', async () => {
    const { course } = await requestableCourse();
    history.replaceState(null, '', '?id=does-not-exist');
    const el = await fixture<CourseDetail>(html`<course-detail api-base=${API_BASE} course-id=${course.id} course-id-param="id"></course-detail>`);
    await until(() => $(el, '[part="title"]'), 'the course');
    expect(el.shownCourse?.id).to.equal(course.id);
  });

  it('without an id, says so once in the console, naming the attribute', async () => {
    const el = await fixture<CourseDetail>(html`<course-detail api-base=${API_BASE}></course-detail>`);
    el.headingLevel = 3;
    await el.updateComplete;
    el.requestUpdate();
    await el.updateComplete;
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('<course-detail>').and.to.contain('course-id=').and.to.contain('course-id-param="id"');
    expect(el.shadowRoot!.textContent!.trim()).to.equal('');
  });

  it('with course-id-param and no such parameter in the URL, names the parameter once', async () => {
    history.replaceState(null, '', '?other=1');
    const el = await fixture<CourseDetail>(html`<course-detail api-base=${API_BASE} course-id-param="id"></course-detail>`);
    el.requestUpdate();
    await el.updateComplete;
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('course-id-param="id"').and.to.contain('"id" parameter').and.to.contain('?id=');
  });
});

/**
 * Dates in correct French and one way of naming a time zone (issue 19): the
 * first of the month is « 1er » in every format the widgets use (card, course
 * page, form, receipt), and a session's zone, when it is not at the reader's
 * offset, is named the same way — « heure de Montréal » — in the course page, the
 * form and the receipt.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { Course, Session } from '../src/api/schemas.js';
import { loadReference } from '../src/api/reference.js';
import { clientFor } from '../src/api/client.js';
import { CourseCard } from '../src/course-card/course-card.js';
import { CourseDetail } from '../src/course-detail/course-detail.js';
import { EnrolForm } from '../src/enrol-form/enrol-form.js';
import { formatDate, slotText } from '../src/core/datetime.js';
import { API_BASE, freshCache, text, until } from './helpers.js';

for (const [tag, ctor] of [
  ['course-card', CourseCard],
  ['course-detail', CourseDetail],
  ['enrol-form', EnrolForm],
] as const) {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}

const readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
/** A zone at another offset than the reader's on 1 April 2027. */
const far = readerZone.startsWith('America/') ? 'Asia/Tokyo' : 'America/Montreal';
const farName = far === 'Asia/Tokyo' ? 'heure de Tokyo' : 'heure de Montréal';
/** 1 April 2027, 10:00 to 12:00 in that zone. */
const slot = far === 'Asia/Tokyo' ? { start: '2027-04-01T10:00:00+09:00', end: '2027-04-01T12:00:00+09:00' } : { start: '2027-04-01T10:00:00-04:00', end: '2027-04-01T12:00:00-04:00' };

const course = {
  id: 'stub-premier-avril',
  title: 'Atelier du premier avril',
  kind: 'module',
  summary: 'Un atelier.',
  objectives: [],
  expertiseIds: ['data'],
  audienceIds: [],
  modes: ['presentiel'],
  partnerIds: [],
  isFree: true,
  enrolment: { mode: 'request' },
  managerApproval: false,
  privacyNoticeId: 'inscription-campus',
  updatedAt: '2026-01-05T10:00:00Z',
  nextSession: { id: 's-avril', start: slot.start, city: 'Montréal', online: false, status: 'open', seatsLeft: 12 },
};
const session = {
  id: 's-avril',
  courseId: course.id,
  mode: 'presentiel',
  slots: [slot],
  timezone: far,
  location: { name: 'Maison de la francophonie', city: 'Montréal', country: 'CA' },
  online: false,
  capacity: 20,
  seatsLeft: 12,
  status: 'open',
  registrationOpens: '2026-01-01T00:00:00Z',
};

let restore: (() => void) | undefined;
function stubApi(): void {
  const original = window.fetch;
  const json = (body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } }));
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.endsWith(`/v1/courses/${course.id}`)) return json(course);
    if (url.endsWith(`/v1/courses/${course.id}/sessions`)) return json({ items: [session] });
    return original.call(window, input, init);
  };
  restore = () => (window.fetch = original);
}

describe('French dates: « 1er »', () => {
  it('in every date format the widgets use, in fr and fr-CA; never in numeric dates, other days or English', () => {
    const first = '2027-04-01T10:00:00+02:00';
    const zone = 'Europe/Paris';
    expect(formatDate('fr', first, { dateStyle: 'long' }, zone)).to.equal('1er avril 2027');
    expect(formatDate('fr', first, { dateStyle: 'full' }, zone)).to.equal('jeudi 1er avril 2027');
    expect(formatDate('fr', first, { dateStyle: 'medium' }, zone)).to.equal('1er avr. 2027');
    expect(formatDate('fr', first, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, zone)).to.equal('jeudi 1er avril 2027');
    expect(formatDate('fr-CA', first, { dateStyle: 'long' }, zone)).to.equal('1er avril 2027');
    expect(formatDate('fr', first, { dateStyle: 'full', timeStyle: 'short' }, zone)).to.match(/^jeudi 1er avril 2027 (?:à )?10:00$/);
    expect(formatDate('fr', first, { dateStyle: 'short' }, zone)).to.equal('01/04/2027');
    for (const [iso, expected] of [
      ['2027-04-11T10:00:00+02:00', '11 avril 2027'],
      ['2027-04-21T10:00:00+02:00', '21 avril 2027'],
      ['2027-03-31T10:00:00+02:00', '31 mars 2027'],
      ['2001-04-10T10:00:00+02:00', '10 avril 2001'],
    ]) {
      expect(formatDate('fr', iso, { dateStyle: 'long' }, zone)).to.equal(expected);
    }
    expect(formatDate('en-GB', first, { dateStyle: 'long' }, zone)).to.equal('1 April 2027');
  });

  it('names a zone by its city, only when it is not at the reader’s offset that day', () => {
    expect(slotText('fr', slot, far).zone?.city).to.equal(far === 'Asia/Tokyo' ? 'Tokyo' : 'Montréal');
    expect(slotText('en', slot, far).zone?.city).to.equal(far === 'Asia/Tokyo' ? 'Tokyo' : 'Montreal');
    expect(slotText('fr', slot, readerZone).zone).to.equal(undefined);
  });
});

describe('one date and one zone text in the card, the course page, the form and the receipt', () => {
  beforeEach(() => {
    freshCache();
    stubApi();
  });
  afterEach(() => restore?.());

  it('the card’s next session', async () => {
    const reference = await loadReference(clientFor(API_BASE));
    const el = await fixture<CourseCard>(html`<course-card api-base=${API_BASE} .course=${Course.parse(course)} .reference=${reference}></course-card>`);
    await el.updateComplete;
    expect(text(el.shadowRoot!.querySelector('[part="session"]'))).to.contain('1er avril 2027');
  });

  it('the course page, the form it reveals and its receipt write the day and the zone alike', async () => {
    const detail = await fixture<CourseDetail>(html`<course-detail api-base=${API_BASE} course-id=${course.id}></course-detail>`);
    await until(() => detail.shownCourse, 'the course');
    await detail.updateComplete;
    const root = detail.shadowRoot!;
    expect(text(root.querySelector('.session-title'))).to.equal('Session du 1er avril 2027');
    const day = text(root.querySelector('.days li'));
    expect(day).to.contain('jeudi 1er avril 2027').and.contain(`(${farName})`);

    root.querySelector<HTMLButtonElement>('[part="enrol-button"]')!.click();
    const form = await until(() => root.querySelector<EnrolForm>('enrol-form'), 'the form');
    await until(() => form.shadowRoot!.querySelector('[data-field="sessionId"]'), 'the form’s sessions').catch((e) => {
      throw new Error(`${e}: ${text(form.shadowRoot)}`);
    });
    const option = text(form.shadowRoot!.querySelector('label[for="f-sessionId"] bdi'));
    expect(option).to.equal(day);

    expect(Session.safeParse(session).success).to.equal(true);
    form.showReceipt({ reference: 'CNP-1ER-AVRIL', status: 'submitted', courseId: course.id, sessionId: session.id, createdAt: new Date().toISOString() });
    const receipt = await until(() => form.shadowRoot!.querySelector('.receipt'), 'the receipt');
    expect(text(receipt)).to.contain(day);
  });
});

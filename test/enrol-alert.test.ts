/**
 * « Être prévenu·e de la prochaine session »: on a course with no session
 * open, the form offers an alert (confirmed by a link the service sends), and
 * leaves the offer out, silently, on a server without alerts.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { Session } from '../src/api/schemas.js';
import { EnrolForm } from '../src/enrol-form/enrol-form.js';
import { API_BASE, freshCache, q, requestableCourse, sleep, until } from './helpers.js';

if (!customElements.get('enrol-form')) customElements.define('enrol-form', EnrolForm);

const original = window.fetch;
/** Every session closed; `subscriptions`: what the server answers to the alert requests (undefined: the real one). */
function closedSessions(subscriptions?: number): string[] {
  const posted: string[] = [];
  window.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.endsWith('/subscriptions')) {
      posted.push(String(init?.body ?? ''));
      if (subscriptions) return new Response(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: subscriptions }), { status: subscriptions, headers: { 'Content-Type': 'application/problem+json' } });
    }
    if (!url.endsWith('/sessions')) return original(input, init);
    const response = await original(input, init);
    const body = (await response.json()) as { items: Session[] };
    return new Response(JSON.stringify({ items: body.items.map((s) => ({ ...s, status: 'closed' })) }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  return posted;
}

beforeEach(() => freshCache());
afterEach(() => void (window.fetch = original));

describe('enrol-form: the alert of the next session', () => {
  it('is offered on a course with no open session; a bad address is said on the field; a good one gets the confirmation message', async () => {
    const { course } = await requestableCourse();
    const posted = closedSessions();
    const el = await fixture<EnrolForm>(html`<enrol-form course-id=${course.id} api-base=${API_BASE} lang="fr"></enrol-form>`);
    const offer = await until(() => q(el, '[part="alert-form"]'), 'the offer');
    expect(offer.textContent).to.contain('Être prévenu·e de la prochaine session');
    await expect(el).to.be.accessible();
    const input = q<HTMLInputElement>(el, '#alert-email')!;
    expect(input.getAttribute('autocomplete')).to.equal('email');
    input.value = 'pas une adresse';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    q<HTMLButtonElement>(el, '[part="alert-form"] button')!.click();
    await until(() => q(el, '#alert-email[aria-invalid="true"]'), 'the field’s error');
    expect(q(el, '#alert-email-error')!.textContent).to.match(/adresse électronique valide/);
    expect(el.shadowRoot!.activeElement?.id).to.equal('alert-email');
    await expect(el).to.be.accessible();
    const sent = posted.length;
    input.value = 'alerte.navigateur@finances.gouv.fr';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    q<HTMLButtonElement>(el, '[part="alert-form"] button')!.click();
    const done = await until(() => q(el, '[part="alert-sent"]'), 'the confirmation');
    expect(done.getAttribute('role')).to.equal('status');
    expect(done.textContent).to.contain('alerte.navigateur@finances.gouv.fr');
    expect(JSON.parse(posted[sent])).to.deep.include({ courseId: course.id, email: 'alerte.navigateur@finances.gouv.fr', locale: 'fr' });
    await expect(el).to.be.accessible();
  });

  it('is left out, silently, on a server without alerts (404)', async () => {
    const { course } = await requestableCourse();
    const posted = closedSessions(404);
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.error);
    window.addEventListener('error', onError);
    try {
      const el = await fixture<EnrolForm>(html`<enrol-form course-id=${course.id} api-base=${API_BASE}></enrol-form>`);
      await until(() => q(el, '[part="no-session"]'), 'the note');
      await until(() => posted.length > 0, 'the probe');
      await sleep(100);
      expect(q(el, '[part="alert-form"]')).to.equal(null);
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });
});

/**
 * The text rules in the forms: a value the server would refuse (control
 * characters, bidi overrides, nothing visible) is said in French before
 * sending, and nothing is sent; what names need (ZWJ, an apostrophe) is kept.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { EnrolForm } from '../src/enrol-form/enrol-form.js';
import { TrainerSignup } from '../src/trainer-signup/trainer-signup.js';
import { $, describedBy, field, submit, summaryOf, typeInto } from './form-helpers.js';
import { API_BASE, freshCache, records, requestableCourse, spyFetch, uniqueEmail, until } from './helpers.js';

if (!customElements.get('enrol-form')) customElements.define('enrol-form', EnrolForm);
if (!customElements.get('trainer-signup')) customElements.define('trainer-signup', TrainerSignup);

beforeEach(() => {
  freshCache();
  sessionStorage.clear();
});

async function enrolForm(): Promise<EnrolForm> {
  const { course, session } = await requestableCourse();
  const el = await fixture<EnrolForm>(html`<enrol-form course-id=${course.id} session-id=${session.id} api-base=${API_BASE} lang="fr"></enrol-form>`);
  await until(() => $(el, 'form'), 'the form');
  return el;
}

describe('text rules in the forms', () => {
  it('say a bidi override or a control character in French on the field, and send nothing', async () => {
    const el = await enrolForm();
    const email = uniqueEmail('regles');
    await typeInto(el, 'givenName', 'Cam\u202Eille');
    await typeInto(el, 'familyName', 'Martin');
    await typeInto(el, 'email', email);
    await typeInto(el, 'organisation', 'DINUM\u0007');
    const given = field(el, 'givenName');
    expect(given.getAttribute('aria-invalid')).to.equal('true');
    expect(describedBy(el, given, '-error')!.textContent).to.match(/caractères invisibles ou de contrôle/);
    const spy = spyFetch();
    try {
      await submit(el);
      const summary = await summaryOf(el);
      expect(summary.textContent).to.match(/Prénom/);
      expect(summary.textContent).to.match(/Administration|organisme/i);
      expect(spy.calls.filter((u) => u.includes('/enrolments'))).to.have.length(0);
    } finally {
      spy.restore();
    }
    await expect(el).to.be.accessible();
    expect(await records('enrolments', email)).to.have.length(0);
  });

  it('say a text with no visible character in French', async () => {
    const el = await enrolForm();
    await typeInto(el, 'familyName', '\u200B\u200B');
    const input = field(el, 'familyName');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(describedBy(el, input, '-error')!.textContent).to.match(/aucun caractère visible/);
  });

  it('keep line breaks in a comment, a ZWJ and typographic apostrophes in names', async () => {
    const el = await enrolForm();
    await typeInto(el, 'givenName', 'Anne-Éloïse 👩‍💻');
    await typeInto(el, 'familyName', 'd’Arc');
    await typeInto(el, 'comment', 'ligne 1\nligne 2');
    for (const name of ['givenName', 'familyName', 'comment']) expect(field(el, name).getAttribute('aria-invalid'), name).to.not.equal('true');
  });

  it('apply in the trainer form too, in English when the page is', async () => {
    const el = await fixture<TrainerSignup>(html`<trainer-signup api-base=${API_BASE} lang="en"></trainer-signup>`);
    await until(() => $(el, 'form'), 'the form');
    await typeInto(el, 'givenName', 'Dominique\u2066');
    const input = field(el, 'givenName');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(describedBy(el, input, '-error')!.textContent).to.match(/invisible or control characters/);
  });
});

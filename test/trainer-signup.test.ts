/**
 * <trainer-signup> through the reference server, on another origin, in test mode.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TrainerApplication, TrainerApplicationReceipt } from '../src/api/schemas.js';
import { TrainerSignup } from '../src/trainer-signup/trainer-signup.js';
import {
  $,
  choose,
  describedBy,
  field,
  fillHoneypot,
  options,
  receiptOf,
  root,
  sendErrorOf,
  submit,
  submitButton,
  summaryOf,
  tabTo,
  typeInto,
} from './form-helpers.js';
import { API_BASE, faultBase, freshCache, records, uniqueEmail, until } from './helpers.js';

if (!customElements.get('trainer-signup')) customElements.define('trainer-signup', TrainerSignup);

interface StoredApplication {
  request: TrainerApplication;
  receipt: TrainerApplicationReceipt;
  privacyNoticeVersion: string;
  idempotencyKey?: string;
}

async function mount(attrs: { apiBase?: string; skills?: string; intent?: string; lang?: string } = {}): Promise<TrainerSignup> {
  const el = await fixture<TrainerSignup>(html`<trainer-signup
    api-base=${attrs.apiBase ?? API_BASE}
    skills=${attrs.skills ?? ''}
    intent=${attrs.intent ?? ''}
    lang=${attrs.lang ?? 'fr'}
  ></trainer-signup>`);
  await until(() => $(el, 'form, .state.error'), 'the form');
  return el;
}

interface Candidate {
  givenName: string;
  familyName: string;
  email: string;
  organisation: string;
  jobTitle: string;
  availability: string;
}

const candidate = (name = 'trainer'): Candidate => ({
  givenName: 'Alex',
  familyName: 'Dupont',
  email: uniqueEmail(name),
  organisation: 'Direction interministérielle du numérique',
  jobTitle: 'Coach produit',
  availability: '2 jours par trimestre',
});

async function fill(el: TrainerSignup, who: Candidate, intent = 'idea'): Promise<void> {
  for (const [name, value] of Object.entries(who)) await typeInto(el, name, value);
  await choose(el, 'status', 'agent-interne');
  await choose(el, 'skills', 'coaching-produit');
  await choose(el, 'intent', intent);
}

function expectKept(el: TrainerSignup, who: Candidate): void {
  for (const [name, value] of Object.entries(who)) expect(field(el, name).value, name).to.equal(value);
  expect(options(el, 'status').find((i) => i.checked)?.value).to.equal('agent-interne');
  expect(options(el, 'skills').filter((i) => i.checked).map((i) => i.value)).to.include('coaching-produit');
}

beforeEach(() => {
  freshCache();
  sessionStorage.clear();
});

describe('trainer-signup: the happy path', () => {
  it('sends one application with its training when the intent is to list one', async () => {
    const el = await mount();
    await expect(el).to.be.accessible();
    const who = candidate('list');
    await fill(el, who, 'list');
    await choose(el, 'skills', 'intelligence-artificielle');
    // The training fieldset appears with the intent.
    await until(() => field(el, 'training.title'), 'the training fields');
    await typeInto(el, 'training.title', 'Découvrir l’IA générative au bureau');
    await typeInto(el, 'training.summary', 'Une demi-journée pour comprendre, essayer et cadrer les usages.');
    await choose(el, 'training.modes', 'presentiel');
    await choose(el, 'training.modes', 'distanciel');
    await typeInto(el, 'training.duration', 'Une demi-journée');
    await choose(el, 'training.audienceIds', 'tous-agents');
    await typeInto(el, 'places', 'Paris, Lyon');
    await choose(el, 'remote', 'on');
    await typeInto(el, 'links.0', 'https://example.org/ma-conference');
    await expect(el).to.be.accessible();

    setTimeout(() => submitButton(el).click());
    const submitted = await oneEvent(el, 'campus-trainer-submit');
    expect(submitted.cancelable).to.equal(true);
    const success = await oneEvent(el, 'campus-trainer-success');
    const receipt = await receiptOf(el);
    expect(root(el).activeElement).to.equal(receipt);
    expect(receipt.textContent).to.contain(success.detail.reference);
    await expect(el).to.be.accessible();

    const stored = await records<StoredApplication>('trainer-applications', who.email);
    expect(stored).to.have.length(1);
    const { request } = stored[0];
    expect(request).to.include({
      givenName: who.givenName,
      jobTitle: who.jobTitle,
      status: 'agent-interne',
      intent: 'list',
      availability: who.availability,
      places: 'Paris, Lyon',
      remote: true,
    });
    expect(request.skills).to.have.members(['coaching-produit', 'intelligence-artificielle']);
    expect(request.links).to.deep.equal(['https://example.org/ma-conference']);
    expect(request.training).to.include({
      title: 'Découvrir l’IA générative au bureau',
      summary: 'Une demi-journée pour comprendre, essayer et cadrer les usages.',
      duration: 'Une demi-journée',
    });
    expect(request.training!.audienceIds).to.deep.equal(['tous-agents']);
    expect(request.training!.modes).to.have.members(['presentiel', 'distanciel']);
    expect(stored[0].privacyNoticeVersion).to.be.a('string').and.not.equal('');
    expect(Object.keys(sessionStorage).filter((k) => k.includes('trainer-signup'))).to.have.length(0);
  });

  it('sends no training for another intent, even if one was typed before', async () => {
    const el = await mount();
    const who = candidate('idea');
    await fill(el, who, 'list');
    await typeInto(el, 'training.title', 'Un titre tapé puis abandonné');
    await choose(el, 'intent', 'idea');
    expect(field(el, 'training.title')).to.equal(undefined);
    await submit(el);
    await receiptOf(el);
    const stored = await records<StoredApplication>('trainer-applications', who.email);
    expect(stored).to.have.length(1);
    expect(stored[0].request.intent).to.equal('idea');
    expect(stored[0].request).not.to.have.property('training');
  });

  it('presets skills and intent from its attributes, ignoring unknown ids', async () => {
    const el = await mount({ skills: 'intelligence-artificielle, data, not-a-skill', intent: 'list' });
    expect(options(el, 'skills').filter((i) => i.checked).map((i) => i.value)).to.have.members(['intelligence-artificielle', 'data']);
    expect(options(el, 'intent').find((i) => i.checked)?.value).to.equal('list');
    expect(field(el, 'training.title')).to.exist;
  });

  it('shows the privacy notice for applications, with no consent checkbox', async () => {
    const el = await mount();
    const notice = $(el, '[part="privacy-notice"]')!;
    expect(notice.textContent).to.contain('candidature');
    expect(notice.textContent).to.contain('Base légale');
    expect(notice.querySelector('input')).to.equal(null);
    expect(field(el, 'jobTitle').required).to.equal(true);
    expect(field(el, 'jobTitle').getAttribute('autocomplete')).to.equal('organization-title');
  });
});

describe('trainer-signup: inclusive words', () => {
  it('names the statuses and offers for women and men alike (« Formatrice ou formateur externe »)', async () => {
    const el = await mount();
    const labelOf = (name: string, value: string) => options(el, name).find((i) => i.value === value)!.labels![0].textContent!.replace(/\s+/g, ' ').trim();
    expect(labelOf('status', 'externe-interet-general')).to.equal('Formatrice ou formateur externe d’intérêt général');
    expect(labelOf('status', 'agent-interne')).to.equal('Agente ou agent public, formatrice ou formateur interne rémunéré·e');
    expect(labelOf('intent', 'help')).to.equal('Être accompagnée ou accompagné pour construire une formation');
    expect(root(el).textContent).to.contain('Vous êtes agente ou agent public, experte ou expert d’intérêt général');
  });
});

describe('trainer-signup: validation', () => {
  it('requires the training’s fields when listing one, with a summary that takes focus', async () => {
    const el = await mount({ intent: 'list' });
    await submit(el);
    const summary = await summaryOf(el);
    expect(root(el).activeElement).to.equal(summary);
    const targets = [...summary.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    for (const id of ['#f-givenName', '#f-status', '#f-skills', '#f-training-title', '#f-training-summary', '#f-training-modes', '#f-training-duration', '#f-availability']) {
      expect(targets, id).to.include(id);
    }
    expect(targets.indexOf('#f-givenName')).to.be.lessThan(targets.indexOf('#f-training-title'));
    await expect(el).to.be.accessible();
    const hash = location.hash;
    summary.querySelector<HTMLAnchorElement>('a[href="#f-skills"]')!.click();
    expect(root(el).activeElement).to.equal(options(el, 'skills')[0]);
    expect(location.hash).to.equal(hash);
    const group = $(el, '#f-skills-group')!;
    expect(describedBy(el, group, '-error')!.textContent).to.match(/^Erreur : /);
  });

  it('counts the summary’s characters against its 2,000 limit and refuses more', async () => {
    const el = await mount({ intent: 'list' });
    await typeInto(el, 'training.summary', 'x'.repeat(2005));
    const input = field(el, 'training.summary');
    expect(describedBy(el, input, '-count')!.textContent).to.contain('5 caractères en trop');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(describedBy(el, input, '-error')!.textContent).to.match(/ne doit pas dépasser 2\s?000 caractères/);
  });

  it('accepts up to 3 links, http(s) only, with focus following additions and removals', async () => {
    const el = await mount();
    const add = () => $<HTMLButtonElement>(el, '[part="add-link"]');
    add()!.click();
    await el.updateComplete;
    await until(() => root(el).activeElement === field(el, 'links.1'), 'focus on the new link');
    add()!.click();
    await el.updateComplete;
    await until(() => root(el).activeElement === field(el, 'links.2'), 'focus on the third link');
    expect(add()).to.equal(null);
    expect(root(el).textContent).to.contain('nombre maximal de liens (3)');

    await typeInto(el, 'links.0', 'javascript:alert(1)');
    expect(field(el, 'links.0').getAttribute('aria-invalid')).to.equal('true');
    expect(describedBy(el, field(el, 'links.0'), '-error')!.textContent).to.contain('https://');
    await typeInto(el, 'links.1', 'ftp://example.org/fichier');
    expect(field(el, 'links.1').getAttribute('aria-invalid')).to.equal('true');
    await typeInto(el, 'links.2', 'https://example.org/support');
    expect(field(el, 'links.2').getAttribute('aria-invalid')).to.equal('false');

    // Removing the second link: its error goes with it, focus goes to the link that took its place.
    const removes = root(el).querySelectorAll<HTMLButtonElement>('[part="remove-link"]');
    expect(removes).to.have.length(3);
    expect(removes[1].textContent).to.contain('Retirer le lien 2');
    removes[1].click();
    await el.updateComplete;
    await until(() => root(el).activeElement === field(el, 'links.1'), 'focus on the next link');
    expect(field(el, 'links.1').value).to.equal('https://example.org/support');
    expect(field(el, 'links.1').getAttribute('aria-invalid')).to.equal('false');
    expect(field(el, 'links.0').getAttribute('aria-invalid')).to.equal('true');
    expect(add()).to.exist;
    await expect(el).to.be.accessible();

    const who = candidate('links');
    await fill(el, who);
    await submit(el);
    const summary = await summaryOf(el);
    expect([...summary.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal(['#f-links-0']);
    await typeInto(el, 'links.0', 'http://example.org/talk');
    await submit(el);
    await receiptOf(el);
    const [stored] = await records<StoredApplication>('trainer-applications', who.email);
    expect(stored.request.links).to.deep.equal(['http://example.org/talk', 'https://example.org/support']);
  });
});

describe('trainer-signup: failures keep every value and a retry records exactly one', () => {
  const cases: { name: string; faults: (key: string) => string }[] = [
    { name: 'a 500', faults: (k) => `status=500,only=trainer-applications,times=1,key=${k}` },
    { name: 'a 503 with Retry-After', faults: (k) => `status=503,retry-after=1,only=trainer-applications,times=3,key=${k}` },
    { name: 'a 429', faults: (k) => `status=429,only=trainer-applications,times=3,key=${k}` },
    { name: 'a malformed answer (the application was recorded)', faults: (k) => `malformed,only=trainer-applications,times=1,key=${k}` },
  ];
  for (const c of cases) {
    it(`after ${c.name}`, async () => {
      const el = await mount({ apiBase: faultBase(c.faults(`t-${Math.random().toString(36).slice(2)}`)) });
      const who = candidate('fault');
      await fill(el, who);
      setTimeout(() => submitButton(el).click());
      await oneEvent(el, 'campus-trainer-error');
      const error = await sendErrorOf(el);
      expectKept(el, who);
      await expect(el).to.be.accessible();
      error.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
      await receiptOf(el);
      expect(await records('trainer-applications', who.email)).to.have.length(1);
    });
  }

  it('after a timeout, then when the API cannot be reached', async () => {
    const el = await mount({ apiBase: faultBase(`hang,only=trainer-applications,times=1,key=th-${Math.random()}`) });
    el.timeout = 400;
    const who = candidate('timeout');
    await fill(el, who);
    await submit(el);
    let error = await sendErrorOf(el);
    expect(error.textContent).to.contain('met trop de temps');
    el.apiBase = 'http://127.0.0.1:9/api';
    error.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
    await until(() => $(el, '[part="send-error"]')?.textContent?.includes('injoignable'), 'the network error', 12000);
    expectKept(el, who);
    el.apiBase = API_BASE;
    el.timeout = 10000;
    await el.updateComplete;
    error = $(el, '[part="send-error"]')!;
    error.querySelector<HTMLButtonElement>('[part="retry"]')!.click();
    await receiptOf(el);
    expect(await records('trainer-applications', who.email)).to.have.length(1);
  });

  it('shows the loading state, then a loading error with a retry', async () => {
    const loading = await fixture<TrainerSignup>(html`<trainer-signup api-base=${faultBase('hang,only=vocabularies')}></trainer-signup>`);
    await loading.updateComplete;
    expect($(loading, '[part="loading"]')).to.exist;
    await expect(loading).to.be.accessible();
    loading.remove();

    const el = await mount({ apiBase: faultBase('status=500,only=privacy-notices') });
    const error = await until(() => $(el, '.state.error'), 'the loading error');
    expect(error.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
  });

  it('a double click stores one application', async () => {
    const el = await mount({ apiBase: faultBase(`delay=600,only=trainer-applications,times=1,key=td-${Math.random()}`) });
    const who = candidate('double');
    await fill(el, who);
    submitButton(el).click();
    submitButton(el).click();
    await el.updateComplete;
    expect(submitButton(el).getAttribute('aria-disabled')).to.equal('true');
    submitButton(el).click();
    await receiptOf(el);
    expect(await records('trainer-applications', who.email)).to.have.length(1);
  });
});

describe('trainer-signup: draft, events, locales', () => {
  it('restores the draft after a reload, and "Recommencer" erases it', async () => {
    const first = await mount();
    const who = candidate('draft');
    await fill(first, who, 'list');
    await typeInto(first, 'training.title', 'Atelier données');
    await typeInto(first, 'links.0', 'https://example.org/x');
    fillHoneypot(first);
    const key = await until(() => Object.keys(sessionStorage).find((k) => k.includes('trainer-signup')), 'the draft');
    await until(() => sessionStorage.getItem(key)!.includes('example.org/x'), 'the whole draft');
    expect(sessionStorage.getItem(key)).not.to.contain('spam.example');
    first.remove();

    const el = await mount();
    expectKept(el, who);
    expect(field(el, 'training.title').value).to.equal('Atelier données');
    expect(field(el, 'links.0').value).to.equal('https://example.org/x');
    const notice = $(el, '[part="draft-notice"]')!;
    await expect(el).to.be.accessible();
    notice.querySelector<HTMLButtonElement>('button')!.click();
    await until(() => !$(el, '[part="draft-notice"]'), 'the notice gone');
    expect(field(el, 'givenName').value).to.equal('');
    expect(sessionStorage.getItem(key)).to.equal(null);
  });

  it('lets a host take over the sending', async () => {
    const el = await mount();
    const who = candidate('host');
    await fill(el, who);
    el.addEventListener('campus-trainer-submit', (e) => e.preventDefault(), { once: true });
    await submit(el);
    expect($(el, '.receipt')).to.equal(null);
    expect(await records('trainer-applications', who.email)).to.have.length(0);
  });

  it('speaks English and Québec French, keeping every value', async () => {
    const el = await mount();
    const who = candidate('locale');
    await fill(el, who);
    el.lang = 'en';
    await until(() => submitButton(el).textContent!.includes('Send my application'), 'English');
    expectKept(el, who);
    await expect(el).to.be.accessible();
    el.lang = 'fr-CA';
    await until(() => root(el).textContent!.includes('Courriel professionnel'), 'Québec French');
    expectKept(el, who);
  });

  it('is filled in and sent with the keyboard only', async () => {
    const el = await mount();
    const who = candidate('keyboard');
    field(el, 'givenName').focus();
    await sendKeys({ type: who.givenName });
    for (const name of ['familyName', 'email', 'organisation', 'jobTitle'] as const) {
      await tabTo(el, (a) => (a as HTMLInputElement | null)?.dataset?.field === name, sendKeys);
      await sendKeys({ type: who[name] });
    }
    await tabTo(el, (a) => (a as HTMLInputElement | null)?.dataset?.field === 'status', sendKeys);
    await sendKeys({ press: ' ' });
    await tabTo(el, (a) => (a as HTMLInputElement | null)?.value === 'coaching-produit', sendKeys, 30);
    await sendKeys({ press: ' ' });
    await tabTo(el, (a) => (a as HTMLInputElement | null)?.dataset?.field === 'intent', sendKeys, 30);
    await sendKeys({ press: 'ArrowDown' });
    await tabTo(el, (a) => (a as HTMLInputElement | null)?.dataset?.field === 'availability', sendKeys);
    await sendKeys({ type: who.availability });
    await tabTo(el, (a) => a === submitButton(el), sendKeys);
    await sendKeys({ press: 'Enter' });
    const receipt = await receiptOf(el);
    await until(() => root(el).activeElement === receipt, 'focus on the receipt');
    const [stored] = await records<StoredApplication>('trainer-applications', who.email);
    expect(stored.request).to.include({ status: 'agent-interne', intent: 'idea', availability: who.availability });
    expect(stored.request.skills).to.deep.equal(['coaching-produit']);
  });
});

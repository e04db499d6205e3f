/**
 * The forms' model, in Node without a browser: values, validation with the
 * shared validators (src/api/validate.ts, the server's own), errors by field,
 * the Idempotency-Key of a payload, and the draft's format.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EnrolmentRequest, TrainerApplication } from '../../src/api/schemas.js';
import { validateEnrolment, validateTrainerApplication } from '../../src/api/validate.js';
import { FormModel, serialiseDraft, type FormSpec, type ModelChange } from '../../src/core/form/form-model.js';
import { list, optional, text, type FormValues } from '../../src/core/form/values.js';

/** An enrolment form's description, as `<enrol-form>` makes it for a course with sessions. */
const enrolSpec = (managerApproval = false): FormSpec<EnrolmentRequest> => ({
  publicEmailFields: ['email'],
  request: (v) => {
    const request: Record<string, unknown> = {
      courseId: 'cours-ia',
      sessionId: text(v, 'sessionId') || undefined,
      givenName: text(v, 'givenName').trim(),
      familyName: text(v, 'familyName').trim(),
      email: text(v, 'email').trim(),
      organisation: text(v, 'organisation').trim(),
      privacyNoticeVersion: '2026-01',
    };
    const manager = optional(v, 'managerEmail');
    if (manager) request.managerEmail = manager;
    const comment = optional(v, 'comment');
    if (comment) request.comment = comment;
    return request;
  },
  validate: (input) => validateEnrolment(input, { managerApproval }),
});

const initial: FormValues = { sessionId: '', givenName: '', familyName: '', email: '', organisation: '', managerEmail: '', comment: '' };
const filled: FormValues = {
  sessionId: 's-1',
  givenName: 'Camille',
  familyName: 'Martin',
  email: 'camille.martin@finances.gouv.fr',
  organisation: 'DGFiP',
};

function started(spec = enrolSpec(), draft?: FormValues): { model: FormModel<EnrolmentRequest>; changes: ModelChange[] } {
  const model = new FormModel<EnrolmentRequest>();
  const changes: ModelChange[] = [];
  model.subscribe((change) => changes.push(change));
  model.start(spec, initial, draft);
  changes.length = 0;
  return { model, changes };
}

describe('FormModel: values', () => {
  it('starts from the starting values, then the draft, and says a draft was restored', () => {
    const { model } = started(enrolSpec(), { givenName: 'Camille', comment: 'Salle accessible ?' });
    assert.deepEqual(model.values, { ...initial, givenName: 'Camille', comment: 'Salle accessible ?' });
    assert.equal(model.restored, true);
    assert.equal(model.ready, true);
    assert.equal(started().model.restored, false);
  });

  it('never lets an empty draft value erase a starting one, nor a draft add an unknown field', () => {
    const model = new FormModel<EnrolmentRequest>();
    model.start(enrolSpec(), { ...initial, sessionId: 's-host' }, { sessionId: '', givenName: 'Camille', evil: 'x' });
    assert.equal(model.values.sessionId, 's-host');
    assert.equal(model.values.givenName, 'Camille');
    assert.equal('evil' in model.values, false);
  });

  it('keeps what was typed when it starts again for reloaded data (and then restores no draft)', () => {
    const { model } = started();
    model.set({ givenName: 'Camille' });
    model.start(enrolSpec(), initial, { givenName: 'Ancien brouillon' });
    assert.equal(model.values.givenName, 'Camille');
    assert.equal(model.restored, false);
  });

  it('changes values as a new object, tells its listeners, and ignores a change to the same value', () => {
    const { model, changes } = started();
    const before = model.values;
    model.set({ givenName: 'Camille' });
    assert.notEqual(model.values, before);
    assert.equal(before.givenName, '');
    assert.deepEqual(changes, ['values']);
    const after = model.values;
    model.set({ givenName: 'Camille', comment: '' });
    assert.equal(model.values, after);
    assert.deepEqual(changes, ['values']);
    model.set({ sessionId: 's-1' });
    model.set({ sessionId: 's-1' });
    assert.deepEqual(changes, ['values', 'values']);
  });

  it('goes back to the starting values without a draft to save, errors and warnings gone', () => {
    const { model, changes } = started(enrolSpec(), { givenName: 'Camille' });
    model.set({ email: 'x@gmail.com' });
    model.leave('email');
    model.honeypot = 'spam';
    model.check();
    changes.length = 0;
    model.reset();
    assert.deepEqual(model.values, initial);
    assert.deepEqual([model.errors, model.warnings, model.showSummary, model.restored, model.honeypot], [{}, {}, false, false, '']);
    assert.deepEqual(changes, ['state'], 'the starting values are not a draft');
  });
});

describe('FormModel: validation with the shared validators', () => {
  it('leaves an empty field untouched, and words nothing until it holds something', () => {
    const { model } = started();
    model.leave('givenName');
    assert.deepEqual(model.errors, {});
    model.set({ email: 'pas-une-adresse' });
    model.leave('email');
    assert.deepEqual(model.errors, { email: { code: 'invalid_email' } });
  });

  it('checks a field in error again as it changes, and clears it once right', () => {
    const { model } = started();
    model.set({ email: 'pas-une-adresse' });
    model.leave('email');
    model.set({ email: 'camille@finances.gouv.fr' });
    assert.deepEqual(model.errors, {});
    // An emptied field that showed an error shows the new one at once.
    model.set({ email: 'x' });
    model.leave('email');
    model.set({ email: '' });
    assert.equal(model.errors.email?.code, 'required');
  });

  it('warns (never blocks) for an address that does not look like an administration’s', () => {
    const { model } = started();
    model.set({ email: 'camille@gmail.com' });
    model.leave('email');
    assert.deepEqual(model.warnings, { email: true });
    assert.deepEqual(model.errors, {});
    model.set({ email: 'camille@finances.gouv.fr' });
    model.leave('email');
    assert.deepEqual(model.warnings, { email: false });
  });

  it('refuses a submission with every error on its field and the summary, and gives the request when valid', () => {
    const { model } = started(enrolSpec(true));
    assert.equal(model.check(), undefined);
    assert.equal(model.showSummary, true);
    assert.deepEqual(
      Object.fromEntries(Object.entries(model.errors).map(([name, e]) => [name, e.code])),
      { givenName: 'required', familyName: 'required', email: 'required', organisation: 'required', managerEmail: 'required' },
    );
    model.set({ ...filled, managerEmail: 'cheffe@finances.gouv.fr' });
    const request = model.check();
    assert.deepEqual(request, {
      courseId: 'cours-ia',
      sessionId: 's-1',
      givenName: 'Camille',
      familyName: 'Martin',
      email: 'camille.martin@finances.gouv.fr',
      organisation: 'DGFiP',
      managerEmail: 'cheffe@finances.gouv.fr',
      privacyNoticeVersion: '2026-01',
    });
    assert.deepEqual(model.errors, {});
    assert.equal(model.showSummary, false);
  });

  it('applies the text rules the server applies: control characters, text with nothing visible', () => {
    const { model } = started();
    model.set({ ...filled, givenName: 'Camille\u202E', familyName: '\u200B\u200B' });
    assert.equal(model.check(), undefined);
    assert.equal(model.errors.givenName?.code, 'control_characters');
    assert.equal(model.errors.familyName?.code, 'no_visible_text');
    // A line break belongs in a comment, not in a name.
    model.set({ givenName: 'Camille', familyName: 'Martin', comment: 'Ligne 1\nLigne 2' });
    assert.ok(model.check());
  });

  it('puts the server’s errors (a 422) on their fields, first one per field, with its message', () => {
    const { model } = started();
    model.showErrors([
      { field: 'sessionId', code: 'closed', message: 'Session fermée' },
      { field: 'sessionId', code: 'invalid', message: 'second' },
      { field: 'other', code: 'weird', message: 'Texte du serveur' },
    ]);
    assert.deepEqual(model.errors, { sessionId: { code: 'closed', message: 'Session fermée' }, other: { code: 'weird', message: 'Texte du serveur' } });
    assert.equal(model.showSummary, true);
  });

  it('maps an error path to the field that shows it (a list item sent without the empty ones)', () => {
    const sent = (v: FormValues) => list(v, 'links').flatMap((link, i) => (link.trim() ? [i] : []));
    const spec: FormSpec<TrainerApplication> = {
      request: (v) => ({ links: sent(v).map((i) => list(v, 'links')[i]) }),
      validate: (input) => validateTrainerApplication(input),
      fieldOf: (path, v) => {
        const link = /^links\.(\d+)$/.exec(path);
        return link ? `links.${sent(v)[Number(link[1])]}` : path;
      },
    };
    const model = new FormModel<TrainerApplication>();
    model.start(spec, { links: [''] });
    model.set({ links: ['', 'https://ok.example', 'pas une adresse'] });
    model.check();
    assert.equal(model.errors['links.2']?.code, 'invalid_url');
    assert.ok(!('links.1' in model.errors));
    model.moveErrors((name) => (name === 'links.2' ? 'links.1' : name));
    assert.equal(model.errors['links.1']?.code, 'invalid_url');
  });

  it('sends the honeypot as `website` when a bot filled it', () => {
    const { model } = started();
    model.set(filled);
    model.honeypot = 'http://spam.example';
    assert.equal(model.check()?.website, 'http://spam.example');
  });
});

describe('FormModel: Idempotency-Key', () => {
  it('keeps one key per payload through retries, and makes another when a value changed', () => {
    const { model } = started();
    model.set(filled);
    const first = model.check()!;
    const key = model.idempotencyKey(first);
    assert.match(key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(model.idempotencyKey(model.check()!), key, 'a retry of the same request');
    model.set({ comment: 'Une précision' });
    const other = model.idempotencyKey(model.check()!);
    assert.notEqual(other, key);
    model.set({ comment: '' });
    assert.notEqual(model.idempotencyKey(model.check()!), other, 'back to the first payload is a new request');
  });
});

describe('FormModel: draft format', () => {
  it('round-trips the values, never the honeypot', () => {
    const { model } = started();
    model.set({ ...filled, comment: 'Bonjour' });
    model.honeypot = 'spam';
    const raw = model.serialise(new Date('2026-12-03T10:00:00Z'));
    assert.deepEqual(JSON.parse(raw), { v: 1, savedAt: '2026-12-03T10:00:00.000Z', values: model.values });
    assert.deepEqual(FormModel.parseDraft(raw, initial), { ...initial, ...filled, comment: 'Bonjour' });
    assert.equal(raw.includes('spam'), false);
  });

  it('keeps only known fields of the expected shape, and ignores what it cannot read', () => {
    const raw = serialiseDraft({ a: 'x', b: true, c: ['1', '2'], d: 3 as never, evil: '<script>' });
    assert.deepEqual(FormModel.parseDraft(raw, { a: '', b: false, c: [], d: '' }), { a: 'x', b: true, c: ['1', '2'] });
    assert.equal(FormModel.parseDraft(raw, { a: [], b: '' }), undefined);
    assert.equal(FormModel.parseDraft('{not json', { a: '' }), undefined);
    assert.equal(FormModel.parseDraft(JSON.stringify({ v: 99, values: { a: 'x' } }), { a: '' }), undefined);
    assert.equal(FormModel.parseDraft(null, { a: '' }), undefined);
    assert.equal(FormModel.parseDraft(serialiseDraft({ c: ['1', 2 as never] }), { c: [] }), undefined);
  });
});

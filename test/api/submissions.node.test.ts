/**
 * POST /enrolments and /trainer-applications: bad inputs, reference checks,
 * idempotency, repeats, the honeypot, and what reaches the store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EnrolmentReceipt, Problem, TrainerApplicationReceipt } from '../../src/api/schemas.js';
import { ORIGIN, enrolment, get, json, makeApp, post, trainerApplication } from './fixture.js';

async function fieldErrors(response: Response): Promise<Record<string, string>> {
  assert.equal(response.status, 422);
  assert.match(response.headers.get('Content-Type') ?? '', /^application\/problem\+json/);
  const problem = Problem.parse(await response.json());
  assert.ok(problem.errors?.length);
  const fields = problem.errors!.map((e) => e.field);
  assert.equal(new Set(fields).size, fields.length, 'one entry per field');
  for (const e of problem.errors!) assert.ok(e.message.length > 0 && !/Invalid input/.test(e.message), e.message);
  return Object.fromEntries(problem.errors!.map((e) => [e.field, e.code]));
}

const REFERENCE = /^CNP-\d{4}-[A-Z2-9]{6}$/;

describe('POST /enrolments', () => {
  it('records a valid request and answers a receipt', async () => {
    const { app, records } = await makeApp();
    const response = await post(app, '/api/v1/enrolments', enrolment({ comment: 'Merci' }), { 'Idempotency-Key': 'k-1' });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('Cache-Control'), 'no-store');
    const receipt = EnrolmentReceipt.parse(await response.json());
    assert.match(receipt.reference, REFERENCE);
    assert.equal(receipt.status, 'submitted');
    assert.equal(receipt.courseId, 'matinee-ia');
    assert.equal(receipt.sessionId, 'ia-open');
    assert.ok(!Number.isNaN(Date.parse(receipt.createdAt)));

    const [record] = await records();
    assert.deepEqual(record.receipt, receipt);
    assert.equal(record.request.email, 'camille.martin@example.gouv.fr');
    assert.equal(record.request.comment, 'Merci');
    assert.equal(record.privacyNoticeVersion, '2026-01');
    assert.ok(record.storedAt);
    assert.equal((await records()).length, 1);
  });

  it('takes a seat, then waitlists once the session is full', async () => {
    const { app } = await makeApp();
    const before = await get(app, '/api/v1/courses/matinee-ia');
    const first = await json(post(app, '/api/v1/enrolments', enrolment()));
    assert.equal(first.status, 'submitted');
    const course = await json(get(app, '/api/v1/courses/matinee-ia', { 'If-None-Match': before.headers.get('ETag')! }));
    assert.equal(course.nextSession.seatsLeft, 0, 'the ETag changed with the seats');
    assert.equal(course.nextSession.status, 'full');
    const second = await json(post(app, '/api/v1/enrolments', enrolment({ email: 'autre@example.gouv.fr' })));
    assert.equal(second.status, 'waitlisted');
  });

  it('waitlists on a full or waitlisted session, and asks the manager when the course says so', async () => {
    const { app } = await makeApp();
    assert.equal((await json(post(app, '/api/v1/enrolments', enrolment({ sessionId: 'ia-full' })))).status, 'waitlisted');
    const waitlist = enrolment({ courseId: 'donnees-personnelles', sessionId: 'dp-1' });
    assert.equal((await json(post(app, '/api/v1/enrolments', waitlist))).status, 'waitlisted');

    const noManager = enrolment({ courseId: 'piloter-donnee', sessionId: 'data-1' });
    assert.deepEqual(await fieldErrors(await post(app, '/api/v1/enrolments', noManager)), { managerEmail: 'required' });
    const withManager = { ...noManager, managerEmail: 'cheffe@example.gouv.fr' };
    assert.equal((await json(post(app, '/api/v1/enrolments', withManager))).status, 'pending_manager');
  });

  it('accepts a request for a course without choosing a session', async () => {
    const { app } = await makeApp();
    const { sessionId: _, ...body } = enrolment({ courseId: 'design-accessibilite' });
    const receipt = await json(post(app, '/api/v1/enrolments', body));
    assert.equal(receipt.status, 'submitted');
    assert.equal(receipt.sessionId, undefined);
  });

  it('wants JSON: 415 otherwise', async () => {
    const { app, records } = await makeApp();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=iso-8859-1', '']) {
      const response = await app.fetch(
        new Request(`${ORIGIN}/api/v1/enrolments`, {
          method: 'POST',
          headers: type ? { 'Content-Type': type } : {},
          body: new TextEncoder().encode(JSON.stringify(enrolment())),
        }),
      );
      assert.equal(response.status, 415, type);
      assert.equal(Problem.parse(await response.json()).status, 415);
    }
    const ok = await post(app, '/api/v1/enrolments', enrolment(), { 'Content-Type': 'Application/JSON; charset=UTF-8' });
    assert.equal(ok.status, 201);
    assert.equal((await records()).length, 1);
  });

  it('refuses a body over 32 KiB: 413, with or without Content-Length', async () => {
    const { app, records } = await makeApp();
    const big = JSON.stringify(enrolment({ comment: 'x'.repeat(33 * 1024) }));
    const declared = await post(app, '/api/v1/enrolments', big);
    assert.equal(declared.status, 413);
    assert.equal(Problem.parse(await declared.json()).status, 413);

    const chunks = [big.slice(0, 20_000), big.slice(20_000)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const streamed = await app.fetch(
      new Request(`${ORIGIN}/api/v1/enrolments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    assert.equal(streamed.status, 413);

    // Counted in bytes, not characters: 20,000 "é" are 40,000 bytes.
    const accents = await post(app, '/api/v1/enrolments', JSON.stringify(enrolment({ comment: 'é'.repeat(20_000) })));
    assert.equal(accents.status, 413);
    assert.equal((await records()).length, 0);
  });

  it('answers malformed JSON with 400', async () => {
    const { app } = await makeApp();
    for (const body of ['{"courseId": ', '', 'undefined', '{"a":1}}']) {
      const response = await post(app, '/api/v1/enrolments', body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(Problem.parse(await response.json()).status, 400);
    }
    const invalidUtf8 = await app.fetch(
      new Request(`${ORIGIN}/api/v1/enrolments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]),
      }),
    );
    assert.equal(invalidUtf8.status, 400);
  });

  it('answers 422 with one French entry per bad field', async () => {
    const { app, records } = await makeApp();
    const errors = await fieldErrors(
      await post(app, '/api/v1/enrolments', enrolment({ email: 'pas-une-adresse', givenName: '  ', extra: 1, comment: 'c'.repeat(1001) })),
    );
    assert.deepEqual(errors, { email: 'invalid_email', givenName: 'required', extra: 'unknown_field', comment: 'too_long' });

    const response = await post(app, '/api/v1/enrolments', enrolment({ email: 'x@' }));
    const problem = await response.json();
    assert.equal(problem.title, 'Données invalides');
    assert.match(problem.errors[0].message, /Adresse électronique invalide/);
    assert.equal((await fieldErrors(await post(app, '/api/v1/enrolments', [1, 2])))._, 'invalid');
    assert.equal((await records()).length, 0);
  });

  it('checks references: course, session, enrolment mode, privacy notice version', async () => {
    const { app, records } = await makeApp();
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ courseId: 'inconnue' }, { courseId: 'not_found' }],
      [{ sessionId: 'data-1' }, { sessionId: 'not_found' }],
      [{ sessionId: 'inconnue' }, { sessionId: 'not_found' }],
      [{ sessionId: 'ia-closed' }, { sessionId: 'closed' }],
      [{ sessionId: 'ia-cancelled' }, { sessionId: 'closed' }],
      [{ sessionId: 'ia-past' }, { sessionId: 'closed' }],
      [{ courseId: 'cyber-fondamentaux', sessionId: undefined }, { courseId: 'external' }],
      [{ privacyNoticeVersion: '2025-01' }, { privacyNoticeVersion: 'stale_notice' }],
      [{ privacyNoticeVersion: '2025-01', email: 'x' }, { privacyNoticeVersion: 'stale_notice', email: 'invalid_email' }],
    ];
    for (const [overrides, expected] of cases) {
      assert.deepEqual(await fieldErrors(await post(app, '/api/v1/enrolments', enrolment(overrides))), expected, JSON.stringify(overrides));
    }
    assert.equal((await records()).length, 0);
  });

  it('stores HTML as plain text, exactly as typed', async () => {
    const { app, records } = await makeApp();
    const response = await post(app, '/api/v1/enrolments', enrolment({ comment: '<b>x</b><script>alert(1)</script>', jobTitle: '<i>cheffe</i>' }));
    assert.equal(response.status, 201);
    assert.match(response.headers.get('Content-Type') ?? '', /^application\/json/);
    const [record] = await records();
    assert.equal(record.request.comment, '<b>x</b><script>alert(1)</script>');
    assert.equal(record.request.jobTitle, '<i>cheffe</i>');
  });

  it('replays an Idempotency-Key with the same body: the first receipt, nothing stored', async () => {
    const { app, records } = await makeApp();
    const body = enrolment();
    const first = await post(app, '/api/v1/enrolments', body, { 'Idempotency-Key': 'abc' });
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const replay = await post(app, '/api/v1/enrolments', reordered, { 'Idempotency-Key': 'abc' });
    assert.equal(first.status, 201);
    assert.equal(replay.status, 201);
    assert.deepEqual(await replay.json(), await first.json());
    assert.equal((await records()).length, 1);
    const course = await json(get(app, '/api/v1/courses/matinee-ia'));
    assert.equal(course.nextSession.seatsLeft, 0, 'one seat taken, not two');
  });

  it('refuses an Idempotency-Key reused with another body (422), and a malformed key (400)', async () => {
    const { app, records } = await makeApp();
    await post(app, '/api/v1/enrolments', enrolment(), { 'Idempotency-Key': 'abc' });
    const reused = await post(app, '/api/v1/enrolments', enrolment({ email: 'autre@example.gouv.fr' }), { 'Idempotency-Key': 'abc' });
    assert.equal(reused.status, 422);
    const problem = Problem.parse(await reused.json());
    assert.match(problem.type, /idempotency-key-reused$/);
    assert.equal((await records()).length, 1);

    const badKey = await post(app, '/api/v1/enrolments', enrolment(), { 'Idempotency-Key': 'é'.repeat(3) });
    assert.equal(badKey.status, 400);
    const longKey = await post(app, '/api/v1/enrolments', enrolment(), { 'Idempotency-Key': 'k'.repeat(256) });
    assert.equal(longKey.status, 400);
  });

  it('answers a repeat by the same e-mail like a first request, and stores nothing new', async () => {
    const { app, records } = await makeApp();
    const first = await post(app, '/api/v1/enrolments', enrolment({ sessionId: 'ia-full' }));
    const firstReceipt = await first.json();
    const repeat = await post(
      app,
      '/api/v1/enrolments',
      enrolment({ sessionId: 'ia-full', email: 'Camille.MARTIN@example.gouv.fr', givenName: 'Cam' }),
    );
    assert.equal(repeat.status, first.status);
    assert.deepEqual([...repeat.headers.keys()].sort(), [...first.headers.keys()].sort());
    const repeatReceipt = await repeat.json();
    assert.deepEqual(Object.keys(repeatReceipt), Object.keys(firstReceipt));
    assert.equal(repeatReceipt.reference, firstReceipt.reference, 'the earlier reference');
    assert.equal(repeatReceipt.status, 'waitlisted');
    assert.equal((await records()).length, 1);

    // Another session is another request.
    assert.equal((await post(app, '/api/v1/enrolments', enrolment())).status, 201);
    assert.equal((await records()).length, 2);

    // Without a session, the course is what is repeated.
    const { sessionId: _, ...noSession } = enrolment({ courseId: 'design-accessibilite' });
    const a = await json(post(app, '/api/v1/enrolments', noSession));
    const b = await json(post(app, '/api/v1/enrolments', { ...noSession, email: noSession.email.toUpperCase() }));
    assert.equal(b.reference, a.reference);
    assert.equal((await records()).length, 3);
  });

  it('gives back a key whose request was refused inside the transaction (the session closed meanwhile): the retry is a first attempt', async () => {
    const { app, service, records } = await makeApp();
    // Closed in the store, still open in this instance's index (another instance closed it a second ago).
    await service.database.db.updateTable('sessions').set({ status: 'closed' }).where('id', '=', 'ia-open').execute();
    const refused = await post(app, '/api/v1/enrolments', enrolment(), { 'Idempotency-Key': 'k-closed' });
    assert.equal(refused.status, 422);
    assert.deepEqual((await refused.json()).errors.map((e: { code: string }) => e.code), ['closed']);
    assert.equal((await service.database.db.selectFrom('idempotency_keys').selectAll().execute()).length, 0);
    await service.database.db.updateTable('sessions').set({ status: 'open' }).where('id', '=', 'ia-open').execute();
    const retried = await post(app, '/api/v1/enrolments', enrolment(), { 'Idempotency-Key': 'k-closed' });
    assert.equal(retried.status, 201);
    assert.equal((await records()).length, 1);
  });

  it('answers a filled honeypot like any request, and keeps nothing', async () => {
    const { app, records } = await makeApp();
    const response = await post(app, '/api/v1/enrolments', enrolment({ website: 'https://spam.example' }), { 'Idempotency-Key': 'bot' });
    assert.equal(response.status, 201);
    const receipt = EnrolmentReceipt.parse(await response.json());
    assert.match(receipt.reference, REFERENCE);
    assert.equal(receipt.status, 'submitted');
    assert.equal((await records()).length, 0);
    const course = await json(get(app, '/api/v1/courses/matinee-ia'));
    assert.equal(course.nextSession.seatsLeft, 1, 'no seat taken');
    const replay = await json(post(app, '/api/v1/enrolments', enrolment({ website: 'https://spam.example' }), { 'Idempotency-Key': 'bot' }));
    assert.deepEqual(replay, receipt);

    // An empty honeypot is a person: recorded, without the field.
    assert.equal((await post(app, '/api/v1/enrolments', enrolment({ website: '' }))).status, 201);
    const [record] = await records();
    assert.ok(!('website' in record.request));
  });
});

describe('POST /trainer-applications', () => {
  it('records a valid application', async () => {
    const { app, records } = await makeApp();
    const response = await post(app, '/api/v1/trainer-applications', trainerApplication());
    assert.equal(response.status, 201);
    const receipt = TrainerApplicationReceipt.parse(await response.json());
    assert.match(receipt.reference, REFERENCE);
    assert.equal(receipt.status, 'submitted');
    const [record] = await records('trainer-applications');
    assert.deepEqual(record.receipt, receipt);
    assert.equal(record.privacyNoticeVersion, '2026-02');
    assert.deepEqual(record.request.skills, ['coaching-produit', 'ia']);
  });

  it('checks the vocabularies, the training offered and the notice version', async () => {
    const { app, records } = await makeApp();
    const training = { title: 'Atelier', summary: 'Un atelier.', modes: ['presentiel'], duration: '1 jour', audienceIds: ['agents'] };
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ skills: ['ia', 'astrologie'] }, { skills: 'unknown_value' }],
      [{ skills: [] }, { skills: 'required' }],
      [{ status: 'inconnu' }, { status: 'unknown_value' }],
      [{ intent: 'inconnue' }, { intent: 'unknown_value' }],
      [{ intent: 'list' }, { training: 'required' }],
      [{ intent: 'list', training: { ...training, modes: ['teleportation'] } }, { 'training.modes': 'unknown_value' }],
      [{ intent: 'list', training: { ...training, audienceIds: ['martiens'] } }, { 'training.audienceIds': 'unknown_value' }],
      [{ intent: 'list', training: { ...training, extra: true } }, { 'training.extra': 'unknown_field' }],
      [{ links: ['javascript:alert(1)'] }, { 'links.0': 'invalid_url' }],
      [{ privacyNoticeVersion: '2026-01' }, { privacyNoticeVersion: 'stale_notice' }],
      [{ remote: 'oui' }, { remote: 'invalid' }],
    ];
    for (const [overrides, expected] of cases) {
      const errors = await fieldErrors(await post(app, '/api/v1/trainer-applications', trainerApplication(overrides)));
      assert.deepEqual(errors, expected, JSON.stringify(overrides));
    }
    assert.equal((await records('trainer-applications')).length, 0);
    const ok = await post(app, '/api/v1/trainer-applications', trainerApplication({ intent: 'list', training }));
    assert.equal(ok.status, 201);
  });

  it('shares the request rules: 415, 413, 400, honeypot, idempotency', async () => {
    const { app, records } = await makeApp();
    assert.equal((await post(app, '/api/v1/trainer-applications', trainerApplication(), { 'Content-Type': 'text/plain' })).status, 415);
    assert.equal((await post(app, '/api/v1/trainer-applications', trainerApplication({ availability: 'x'.repeat(40_000) }))).status, 413);
    assert.equal((await post(app, '/api/v1/trainer-applications', '{')).status, 400);
    assert.equal((await post(app, '/api/v1/trainer-applications', trainerApplication({ website: 'x' }))).status, 201);
    assert.equal((await records('trainer-applications')).length, 0);
    const a = await json(post(app, '/api/v1/trainer-applications', trainerApplication(), { 'Idempotency-Key': 't1' }));
    const b = await json(post(app, '/api/v1/trainer-applications', trainerApplication(), { 'Idempotency-Key': 't1' }));
    assert.deepEqual(a, b);
    assert.equal((await records('trainer-applications')).length, 1);
    // Keys are per endpoint.
    assert.equal((await post(app, '/api/v1/enrolments', enrolment(), { 'Idempotency-Key': 't1' })).status, 201);
  });
});

/**
 * The test harness: faults chosen by a path prefix, and the records endpoint.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Course, CoursePage, Problem } from '../../src/api/schemas.js';
import { parseFaults } from '../support/faults.js';
import { enrolment, get, json, makeApp, post } from './fixture.js';

const { app } = await makeApp({ harness: true });

describe('fault injection (test harness only)', () => {
  it('is absent from the service itself', async () => {
    const plain = (await makeApp()).app;
    assert.equal((await get(plain, '/test/status=500/api/v1/courses')).status, 404);
    assert.equal((await get(plain, '/test/records/enrolments')).status, 404);
  });

  it('parses modifiers, ignoring unknown ones', () => {
    assert.deepEqual(parseFaults('status=503,retry-after=1,times=2,key=k,only=enrolments,data=hostile,foo'), {
      status: 503,
      retryAfter: '1',
      times: 2,
      key: 'k',
      only: ['enrolments'],
      hang: false,
      malformed: false,
      invalid: false,
    });
    assert.equal(parseFaults('status=200').status, undefined);
  });

  it('passes requests through normally without a fault', async () => {
    const page = await json(get(app, '/test/reserved=1/api/v1/courses?kind=module'));
    assert.equal(page.total, 4);
    assert.equal(page.items[0].imageUrl, 'http://api.test/media/courses/cyber.svg');
  });

  it('answers a chosen status as a problem, with Retry-After and CORS', async () => {
    for (const [modifiers, status, retryAfter] of [
      ['status=500', 500, null],
      ['status=503,retry-after=1', 503, '1'],
      ['status=429,retry-after=2', 429, '2'],
    ] as const) {
      const response = await get(app, `/test/${modifiers}/api/v1/courses`, { Origin: 'https://site.example' });
      assert.equal(response.status, status);
      assert.equal(response.headers.get('Retry-After'), retryAfter);
      assert.equal(response.headers.get('Access-Control-Allow-Origin'), '*');
      assert.equal(response.headers.get('Cache-Control'), 'no-store');
      assert.equal(Problem.parse(await response.json()).status, status);
    }
  });

  it('delays an answer', async () => {
    const started = performance.now();
    const response = await get(app, '/test/delay=150/api/v1/expertises');
    assert.equal(response.status, 200);
    assert.ok(performance.now() - started >= 140);
  });

  it('sends a truncated body with malformed', async () => {
    const response = await get(app, '/test/malformed/api/v1/courses');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('Content-Type') ?? '', /^application\/json/);
    assert.equal(response.headers.get('ETag'), null);
    const text = await response.text();
    assert.ok(text.startsWith('{"items":'));
    assert.throws(() => JSON.parse(text));
  });

  it('mixes unshowable items with good ones with invalid', async () => {
    const page = await json(get(app, '/test/invalid/api/v1/courses'));
    assert.ok(CoursePage.safeParse(page).success, 'the envelope still holds');
    const results = page.items.map((item: unknown) => Course.safeParse(item).success);
    assert.equal(results.filter((ok: boolean) => !ok).length, 2);
    assert.equal(results.filter(Boolean).length, 6);

    const expertises = await json(get(app, '/test/invalid/api/v1/expertises'));
    assert.ok(expertises.items.some((e: { id?: string }) => !e.id));
    const course = await json(get(app, '/test/invalid/api/v1/courses/matinee-ia'));
    assert.equal(course.id, undefined);
    assert.equal(course.title, undefined);
    assert.ok(!Course.safeParse(course).success);
  });

  it('hangs until the client aborts', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const pending = get(app, '/test/hang/api/v1/courses', {}, { signal: controller.signal });
    let settled = false;
    void pending.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(settled, false);
    controller.abort();
    await pending;
    assert.ok(performance.now() - started < 2000);
  });

  it('applies a fault to the first N requests with a key, then lets them pass', async () => {
    const path = '/test/status=503,times=2,key=retry-1/api/v1/audiences';
    assert.equal((await get(app, path)).status, 503);
    assert.equal((await get(app, path)).status, 503);
    assert.equal((await get(app, path)).status, 200);
    assert.equal((await get(app, path)).status, 200);
    // Another key counts on its own.
    assert.equal((await get(app, '/test/status=503,times=1,key=retry-2/api/v1/audiences')).status, 503);
  });

  it('limits a fault to one endpoint with only=', async () => {
    const prefix = '/test/status=503,times=1,key=post-1,only=enrolments/api/v1';
    assert.equal((await get(app, `${prefix}/courses`)).status, 200, 'other paths pass and do not count');
    const before = (await json(get(app, '/test/records/enrolments'))).items.length;
    const failed = await post(app, `${prefix}/enrolments`, enrolment({ email: 'retry@example.gouv.fr' }), { 'Idempotency-Key': 'r1' });
    assert.equal(failed.status, 503);
    assert.equal((await json(get(app, '/test/records/enrolments'))).items.length, before, 'nothing stored on a fault');
    const retried = await post(app, `${prefix}/enrolments`, enrolment({ email: 'retry@example.gouv.fr' }), { 'Idempotency-Key': 'r1' });
    assert.equal(retried.status, 201);
    assert.equal((await json(get(app, '/test/records/enrolments'))).items.length, before + 1);
  });
});

describe('GET /test/records', () => {
  it('lists what arrived, filtered by e-mail', async () => {
    const { app: fresh } = await makeApp({ harness: true });
    await post(fresh, '/api/v1/enrolments', enrolment());
    await post(fresh, '/api/v1/enrolments', enrolment({ email: 'autre@example.gouv.fr', sessionId: 'ia-full' }));
    const all = await get(fresh, '/test/records/enrolments');
    assert.equal(all.headers.get('Cache-Control'), 'no-store');
    assert.equal((await all.json()).items.length, 2);
    const one = await json(get(fresh, '/test/records/enrolments?email=AUTRE@example.gouv.fr'));
    assert.equal(one.items.length, 1);
    assert.equal(one.items[0].receipt.status, 'waitlisted');
    assert.deepEqual((await json(get(fresh, '/test/records/trainer-applications'))).items, []);
    assert.equal((await get(fresh, '/test/records/autre')).status, 404);
  });
});

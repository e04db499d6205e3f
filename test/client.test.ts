/**
 * The one client (src/api/client.ts), from a real browser page, against the
 * reference server on another origin: retries and Retry-After, abort, timeout,
 * page-wide de-duplication and cache, tolerant reading, typed errors, and what
 * the browser itself puts on the wire (no preflight for a GET, one preflight
 * for a POST, ETag revalidation).
 *
 * Attempts are counted where they arrive: the server's test-mode request log
 * (`GET /test/requests`), filtered by a key unique to the test and the browser
 * (Chromium and Firefox run at the same time against the same server).
 */
import type { LoggedRequest } from './support/faults.js';
import { expect } from '@open-wc/testing';
import { CampusClient, clearCache, parseRetryAfter } from '../src/api/client.js';
import { CampusApiError } from '../src/api/errors.js';
import { cachedReference, loadReference } from '../src/api/reference.js';
import type { Course, EnrolmentRequest } from '../src/api/schemas.js';
import { API_BASE, API_ORIGIN, faultBase, records, sleep, unique, uniqueEmail, until } from './helpers.js';

const CLOSED_PORT_BASE = 'http://127.0.0.1:9/api';

// ---------------------------------------------------------------- the server's log


/** What reached the server whose path contains `marker`, in arrival order. */
async function arrived(marker: string): Promise<LoggedRequest[]> {
  const response = await fetch(`${API_ORIGIN}/test/requests`, { cache: 'no-store' });
  const { items } = (await response.json()) as { items: LoggedRequest[] };
  return items.filter((e) => e.path.includes(marker));
}
const attempts = async (marker: string, method = 'GET') => (await arrived(marker)).filter((e) => e.method === method);

// ---------------------------------------------------------------- spies

interface FetchCall {
  url: string;
  init: RequestInit;
}
let restoreFetch: (() => void) | undefined;
/** Records every fetch; `stub` may answer a call itself (return undefined to let it through). */
function spyFetch(stub?: (url: string) => Response | undefined): FetchCall[] {
  const original = window.fetch;
  const calls: FetchCall[] = [];
  window.fetch = (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    calls.push({ url, init });
    const answer = stub?.(url);
    return answer ? Promise.resolve(answer) : original.call(window, input, init);
  };
  restoreFetch = () => {
    window.fetch = original;
    restoreFetch = undefined;
  };
  return calls;
}
const callsTo = (calls: FetchCall[], marker: string) => calls.filter((c) => c.url.includes(marker));

let restoreWarn: (() => void) | undefined;
function spyWarn(): unknown[][] {
  const original = console.warn;
  const warnings: unknown[][] = [];
  console.warn = (...args: unknown[]) => void warnings.push(args);
  restoreWarn = () => {
    console.warn = original;
    restoreWarn = undefined;
  };
  return warnings;
}

/** The CampusApiError a promise rejects with (fails if it resolves or throws something else). */
async function failure(promise: Promise<unknown>): Promise<CampusApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(CampusApiError);
    return error as CampusApiError;
  }
  throw new Error('expected the call to fail');
}

// ---------------------------------------------------------------- an enrolment

let COURSE = '';
let NOTICE_VERSION = '';
/** A course of the seed taking requests without a manager's approval (enrolled without a session). */
async function pickCourse(): Promise<void> {
  if (COURSE) return;
  const get = async (path: string) => (await fetch(`${API_BASE}/v1${path}`)).json();
  for (let page = 1; !COURSE; page++) {
    const body = (await get(`/courses?pageSize=100&sort=title&page=${page}`)) as { items: Course[] };
    if (!body.items.length) throw new Error('The seed has no course taking requests');
    const course = body.items.find((c) => c.enrolment.mode === 'request' && !c.managerApproval && c.privacyNoticeId);
    if (course) {
      COURSE = course.id;
      NOTICE_VERSION = ((await get(`/privacy-notices/${course.privacyNoticeId}`)) as { version: string }).version;
    }
  }
}
const enrolment = (email: string): EnrolmentRequest => ({
  courseId: COURSE,
  givenName: 'Camille',
  familyName: 'Martin',
  email,
  organisation: 'Préfecture du Bas-Rhin',
  privacyNoticeVersion: NOTICE_VERSION,
});

beforeEach(() => clearCache());
afterEach(() => {
  restoreFetch?.();
  restoreWarn?.();
});

// ================================================================== retries

describe('client: retries', function () {
  this.timeout(20000);

  it('retries a GET on 503 and succeeds on the third attempt', async () => {
    const key = unique();
    const list = await new CampusClient(faultBase(`status=503,times=2,key=${key}`)).expertises();
    expect(list.items.length).to.be.greaterThan(0);
    expect((await attempts(key)).map((e) => e.status)).to.deep.equal([503, 503, 200]);
  });

  it('gives up after exactly three attempts: kind http, status 503, with the problem', async () => {
    const key = unique();
    const error = await failure(new CampusClient(faultBase(`status=503,times=3,key=${key}`)).expertises());
    expect(error.kind).to.equal('http');
    expect(error.status).to.equal(503);
    expect(error.problem?.status).to.equal(503);
    expect(error.retryable).to.equal(true);
    await sleep(300);
    expect((await attempts(key)).map((e) => e.status)).to.deep.equal([503, 503, 503]);
  });

  for (const status of [502, 504, 429]) {
    it(`retries a GET on ${status}`, async () => {
      const key = unique();
      const list = await new CampusClient(faultBase(`status=${status},times=1,key=${key}`)).audiences();
      expect(list.items.length).to.be.greaterThan(0);
      expect((await attempts(key)).map((e) => e.status)).to.deep.equal([status, 200]);
    });
  }

  for (const status of [500, 404, 422]) {
    it(`does not retry a GET on ${status}`, async () => {
      const key = unique();
      // The fault happens once only: a retry would have succeeded.
      const error = await failure(new CampusClient(faultBase(`status=${status},times=1,key=${key}`)).audiences());
      // A 404 on a path every campus API answers says the root is wrong (a set-up error).
      expect(error.kind).to.equal(status === 404 ? 'setup' : 'http');
      expect(error.status).to.equal(status);
      await sleep(1200); // longer than the first backoff (at most 375 ms)
      expect((await attempts(key)).map((e) => e.status)).to.deep.equal([status]);
    });
  }

  it('retries a network error with backoff, then fails with kind network', async () => {
    const calls = spyFetch();
    const start = performance.now();
    const error = await failure(new CampusClient(CLOSED_PORT_BASE).expertises());
    const elapsed = performance.now() - start;
    expect(error.kind).to.equal('network');
    expect(error.retryable).to.equal(true);
    expect(callsTo(calls, '127.0.0.1:9/')).to.have.length(3);
    // Two backoffs (300 ms then 900 ms, ±25 %) were waited for.
    expect(elapsed).to.be.at.least(850);
  });

  it('honours Retry-After in seconds: 503 with 1 s, 429 with 2 s', async () => {
    for (const [status, seconds] of [
      [503, 1],
      [429, 2],
    ]) {
      const key = unique();
      const start = performance.now();
      const list = await new CampusClient(faultBase(`status=${status},retry-after=${seconds},times=1,key=${key}`)).expertises();
      const elapsed = performance.now() - start;
      expect(list.items.length).to.be.greaterThan(0);
      expect(elapsed, `${status} Retry-After ${seconds}`).to.be.at.least(seconds * 1000 - 100);
      expect((await attempts(key)).map((e) => e.status)).to.deep.equal([status, 200]);
    }
  });

  it('does not wait for a Retry-After longer than its maximum (10 s): fails at once with details.retryAfter', async () => {
    const key = unique();
    const start = performance.now();
    const error = await failure(new CampusClient(faultBase(`status=503,retry-after=30,times=1,key=${key}`)).expertises());
    expect(performance.now() - start).to.be.below(3000);
    expect(error.kind).to.equal('http');
    expect(error.status).to.equal(503);
    expect(error.details.retryAfter).to.equal(30);
    expect((await attempts(key)).map((e) => e.status)).to.deep.equal([503]);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-28T15:00:00Z');
    expect(parseRetryAfter('120', now)).to.equal(120);
    expect(parseRetryAfter(' 7 ', now)).to.equal(7);
    expect(parseRetryAfter('Sat, 28 Nov 2026 15:00:30 GMT', now)).to.equal(30);
    expect(parseRetryAfter('Sat, 28 Nov 2026 14:00:00 GMT', now)).to.equal(0);
    expect(parseRetryAfter('bientôt', now)).to.equal(undefined);
    expect(parseRetryAfter(null, now)).to.equal(undefined);
  });

  describe('POST', () => {
    before(pickCourse);

    it('is not retried on 503 without an Idempotency-Key: nothing recorded', async () => {
      const key = unique();
      const email = uniqueEmail('sans-cle');
      const client = new CampusClient(faultBase(`status=503,times=1,key=${key},only=enrolments`));
      // The fault happens once only: a retry would have succeeded.
      const error = await failure(client.enrol(enrolment(email)));
      expect(error.kind).to.equal('http');
      expect(error.status).to.equal(503);
      await sleep(1200);
      expect((await attempts(key, 'POST')).map((e) => e.status)).to.deep.equal([503]);
      expect(await records('enrolments', email)).to.have.length(0);
    });

    it('is retried on 503 with an Idempotency-Key, and the server records it once', async () => {
      const key = unique();
      const email = uniqueEmail('avec-cle');
      const client = new CampusClient(faultBase(`status=503,times=1,key=${key},only=enrolments`));
      const receipt = await client.enrol(enrolment(email), { idempotencyKey: `k-${key}` });
      expect(receipt.courseId).to.equal(COURSE);
      const posts = await attempts(key, 'POST');
      expect(posts.map((e) => e.status)).to.deep.equal([503, 201]);
      expect(posts.map((e) => e.headers['idempotency-key'])).to.deep.equal([`k-${key}`, `k-${key}`]);
      const stored = await records<{ receipt: { reference: string } }>('enrolments', email);
      expect(stored).to.have.length(1);
      expect(stored[0].receipt.reference).to.equal(receipt.reference);
    });
  });
});

// ================================================================== abort and timeout

describe('client: abort', function () {
  this.timeout(20000);

  it('rejects at once with kind aborted when the signal is already aborted, without a request', async () => {
    const calls = spyFetch();
    const controller = new AbortController();
    controller.abort();
    const error = await failure(new CampusClient(API_BASE).course('x', { signal: controller.signal }));
    expect(error.kind).to.equal('aborted');
    expect(error.retryable).to.equal(false);
    expect(callsTo(calls, '/courses/x')).to.have.length(0);
  });

  it('aborts a GET during a hang: kind aborted, and the request is cut on the wire', async () => {
    const key = unique();
    const controller = new AbortController();
    const call = new CampusClient(faultBase(`hang,key=${key}`)).expertises({ signal: controller.signal });
    await until(async () => (await attempts(key)).length === 1, 'the request to reach the server');
    const start = performance.now();
    controller.abort();
    const error = await failure(call);
    expect(error.kind).to.equal('aborted');
    expect(performance.now() - start).to.be.below(1000);
    // The hang ends (with a 504 nobody reads) only when the browser closes the request.
    const [request] = await until(async () => {
      const seen = await attempts(key);
      return seen[0]?.status ? seen : undefined;
    }, 'the server to see the request end');
    expect(request.status).to.equal(504);
  });

  it('aborts a POST during a hang', async () => {
    await pickCourse();
    const key = unique();
    const email = uniqueEmail('abandon');
    const controller = new AbortController();
    const call = new CampusClient(faultBase(`hang,key=${key},only=enrolments`)).enrol(enrolment(email), {
      signal: controller.signal,
      idempotencyKey: key,
    });
    await until(async () => (await attempts(key, 'POST')).length === 1, 'the POST to reach the server');
    controller.abort();
    expect((await failure(call)).kind).to.equal('aborted');
    expect(await records('enrolments', email)).to.have.length(0);
  });

  it('aborts during a Retry-After wait, and makes no further attempt', async () => {
    const key = unique();
    const controller = new AbortController();
    const call = new CampusClient(faultBase(`status=503,retry-after=2,key=${key}`)).expertises({ signal: controller.signal });
    await until(async () => (await attempts(key))[0]?.status === 503, 'the first 503');
    await sleep(100);
    const start = performance.now();
    controller.abort();
    const error = await failure(call);
    expect(error.kind).to.equal('aborted');
    expect(performance.now() - start).to.be.below(1000);
    await sleep(2500);
    expect(await attempts(key)).to.have.length(1);
  });

  it('aborts a POST (with its Idempotency-Key) during a Retry-After wait, at once', async () => {
    await pickCourse();
    const key = unique();
    const email = uniqueEmail('patience');
    const controller = new AbortController();
    const call = failure(
      new CampusClient(faultBase(`status=503,retry-after=3,key=${key},only=enrolments`)).enrol(enrolment(email), {
        signal: controller.signal,
        idempotencyKey: key,
      }),
    );
    await until(async () => (await attempts(key, 'POST'))[0]?.status === 503, 'the first 503');
    await sleep(100);
    const start = performance.now();
    controller.abort();
    expect((await call).kind).to.equal('aborted');
    expect(performance.now() - start).to.be.below(1000);
    await sleep(3200);
    expect(await attempts(key, 'POST')).to.have.length(1);
    expect(await records('enrolments', email)).to.have.length(0);
  });

  it('two callers share one GET: one aborting leaves the other running and resolving', async () => {
    const key = unique();
    const base = faultBase(`delay=800,key=${key}`);
    const calls = spyFetch();
    const leaving = new AbortController();
    // Two client instances: the sharing is page-wide.
    const first = new CampusClient(base).expertises({ signal: leaving.signal });
    const second = new CampusClient(base).expertises({ signal: new AbortController().signal });
    await sleep(100);
    leaving.abort();
    expect((await failure(first)).kind).to.equal('aborted');
    const list = await second;
    expect(list.items.length).to.be.greaterThan(0);
    const fetches = callsTo(calls, key);
    expect(fetches).to.have.length(1);
    expect(fetches[0].init.signal?.aborted).to.equal(false);
    expect((await attempts(key)).map((e) => e.status)).to.deep.equal([200]);
  });

  it('when every caller aborts, the underlying fetch is aborted, and the next call starts afresh', async () => {
    const key = unique();
    const base = faultBase(`hang,times=1,key=${key}`);
    const calls = spyFetch();
    const a = new AbortController();
    const b = new AbortController();
    const first = failure(new CampusClient(base).expertises({ signal: a.signal }));
    const second = failure(new CampusClient(base).expertises({ signal: b.signal }));
    await until(async () => (await attempts(key)).length === 1, 'the request to reach the server');
    expect(callsTo(calls, key)).to.have.length(1);
    a.abort();
    await sleep(50);
    expect(callsTo(calls, key)[0].init.signal?.aborted, 'still wanted by the second caller').to.equal(false);
    b.abort();
    expect((await first).kind).to.equal('aborted');
    expect((await second).kind).to.equal('aborted');
    expect(callsTo(calls, key)[0].init.signal?.aborted).to.equal(true);
    await until(async () => (await attempts(key))[0]?.status === 504, 'the server to see the request end');
    // Nothing is left in flight: a new call makes a new request (the hang was for the first only).
    const list = await new CampusClient(base).expertises();
    expect(list.items.length).to.be.greaterThan(0);
    expect(callsTo(calls, key)).to.have.length(2);
  });
  it('gives a caller arriving just after every other caller left a request of its own', async () => {
    // A widget moved in the page aborts its request and asks again at once.
    const key = unique();
    const base = faultBase(`delay=300,key=${key}`);
    const calls = spyFetch();
    const leaving = new AbortController();
    const first = failure(new CampusClient(base).expertises({ signal: leaving.signal }));
    await until(async () => (await attempts(key)).length === 1, 'the request to reach the server');
    leaving.abort();
    const list = await new CampusClient(base).expertises();
    expect(list.items.length).to.be.greaterThan(0);
    expect((await first).kind).to.equal('aborted');
    expect(callsTo(calls, key)).to.have.length(2);
  });
});

describe('client: timeout', function () {
  this.timeout(20000);

  it('gives up on a hang after the call timeout: kind timeout', async () => {
    const key = unique();
    const start = performance.now();
    const error = await failure(new CampusClient(faultBase(`hang,key=${key}`)).expertises({ timeout: 400 }));
    const elapsed = performance.now() - start;
    expect(error.kind).to.equal('timeout');
    expect(error.retryable).to.equal(true);
    expect(elapsed).to.be.at.least(350);
    expect(elapsed).to.be.below(5000);
    await until(async () => (await attempts(key)).every((e) => e.status === 504), 'the server to see the requests end');
  });

  it('applies the timeout given to the client', async () => {
    const key = unique();
    const error = await failure(new CampusClient(faultBase(`delay=3000,key=${key}`), { timeout: 300 }).audiences());
    expect(error.kind).to.equal('timeout');
  });
});

// ================================================================== de-duplication and cache

describe('client: de-duplication and cache', () => {
  it('makes one fetch for N simultaneous equal GETs, from any client instance, all given the same answer', async () => {
    const marker = unique();
    const calls = spyFetch();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => new CampusClient(API_BASE).courses({ q: marker, page: 1 }, i % 2 ? {} : { signal: new AbortController().signal })),
    );
    expect(callsTo(calls, marker)).to.have.length(1);
    for (const result of results) expect(result).to.equal(results[0]);
    expect(results[0].total).to.equal(0);
  });

  it('answers from its cache within the TTL, and fetches again after clearCache()', async () => {
    const marker = unique();
    const calls = spyFetch();
    const client = new CampusClient(API_BASE);
    const first = await client.courses({ q: marker });
    const again = await new CampusClient(API_BASE).courses({ q: marker });
    expect(again).to.equal(first);
    expect(callsTo(calls, marker)).to.have.length(1);
    clearCache();
    const fresh = await client.courses({ q: marker });
    expect(fresh).to.not.equal(first);
    expect(fresh).to.deep.equal(first);
    expect(callsTo(calls, marker)).to.have.length(2);
  });

  it('fetches again once the TTL is over', async () => {
    const marker = unique();
    const calls = spyFetch();
    const client = new CampusClient(API_BASE, { cacheTtl: 200 });
    await client.courses({ q: marker });
    await client.courses({ q: marker });
    expect(callsTo(calls, marker)).to.have.length(1);
    await sleep(300);
    await client.courses({ q: marker });
    expect(callsTo(calls, marker)).to.have.length(2);
  });

  it('makes different fetches for different queries', async () => {
    const marker = unique();
    const calls = spyFetch();
    const client = new CampusClient(API_BASE);
    await Promise.all([
      client.courses({ q: marker }),
      client.courses({ q: marker, mode: ['presentiel'] }),
      client.courses({ q: marker, page: 2 }),
      client.courses({ q: `${marker} data` }),
    ]);
    expect(new Set(callsTo(calls, marker).map((c) => c.url)).size).to.equal(4);
    expect(callsTo(calls, marker)).to.have.length(4);
  });

  it('makes one fetch for equal queries written in different orders (canonical encoding)', async () => {
    const marker = unique();
    const calls = spyFetch();
    const client = new CampusClient(API_BASE);
    const [a, b, c] = await Promise.all([
      client.courses({ q: ` ${marker}   data `, expertise: ['data', 'cybersecurite'], mode: ['presentiel'], sort: 'relevance', page: 1 }),
      client.courses({ mode: ['presentiel'], expertise: ['cybersecurite', 'data', 'data'], q: `${marker} data` }),
      client.courses({ expertise: ['cybersecurite', ' data'], q: `${marker} data`, mode: ['presentiel', ''] }),
    ]);
    expect(callsTo(calls, marker)).to.have.length(1);
    expect(b).to.equal(a);
    expect(c).to.equal(a);
  });

  it('peeks at fresh cached answers without fetching, and builds the reference data once per set of them', async () => {
    clearCache();
    const marker = unique();
    const client = new CampusClient(API_BASE);
    expect(client.cachedCourses({ q: marker })).to.equal(undefined);
    const result = await client.courses({ q: marker });
    const calls = spyFetch();
    expect(client.cachedCourses({ q: marker })).to.equal(result);
    expect(new CampusClient(API_BASE).cachedCourses({ q: ` ${marker} ` })).to.equal(result);
    expect(client.cachedCourses({ q: marker, page: 2 })).to.equal(undefined);
    expect(cachedReference(client)).to.equal(undefined);
    expect(calls).to.have.length(0);
    const reference = await loadReference(client);
    expect(cachedReference(client)).to.equal(reference);
    expect(cachedReference(new CampusClient(API_BASE))).to.equal(reference);
    expect(await loadReference(new CampusClient(API_BASE))).to.equal(reference);
    clearCache();
    expect(client.cachedCourses({ q: marker })).to.equal(undefined);
    expect(cachedReference(client)).to.equal(undefined);
  });

  it('does not remember reference data of which a part failed', async () => {
    const client = new CampusClient(faultBase(`status=500,only=organisations,key=${unique()}`));
    const reference = await loadReference(client);
    expect(reference.organisations).to.deep.equal([]);
    expect(reference.terms('kinds').length).to.be.greaterThan(0);
    expect(cachedReference(client)).to.equal(undefined);
    expect(await loadReference(client)).to.not.equal(reference);
  });

  it('does not cache a failure', async () => {
    const key = unique();
    const client = new CampusClient(faultBase(`status=500,times=1,key=${key}`));
    expect((await failure(client.expertises())).status).to.equal(500);
    const list = await client.expertises();
    expect(list.items.length).to.be.greaterThan(0);
  });
});

// ================================================================== tolerant reading

describe('client: tolerant reading', () => {
  it('keeps a course with an unknown kind, mode and session status, with its value', async () => {
    const [real] = ((await (await fetch(`${API_BASE}/v1/courses?pageSize=1`)).json()) as { items: Course[] }).items;
    const marker = unique();
    const changed = {
      ...real,
      kind: 'hackathon',
      modes: ['metavers', ...real.modes],
      level: 'expert',
      nextSession: { id: 's1', start: '2027-03-02T09:00:00+01:00', mode: 'metavers', online: true, status: 'reporte' },
    };
    const session = {
      id: 's1',
      courseId: real.id,
      mode: 'metavers',
      slots: [{ start: '2027-03-02T09:00:00+01:00', end: '2027-03-02T12:00:00+01:00' }],
      status: 'reporte',
    };
    const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    spyFetch((url) => {
      if (!url.includes(marker)) return undefined;
      if (url.includes('/sessions')) return json({ items: [session] });
      return json({ items: [changed], total: 1, page: 1, pageSize: 12, facets: { kind: [{ id: 'hackathon', count: 1 }] } });
    });
    const warnings = spyWarn();
    const client = new CampusClient(API_BASE);
    const page = await client.courses({ q: marker });
    expect(page.dropped).to.equal(0);
    expect(page.items).to.have.length(1);
    const [course] = page.items;
    expect(course.kind).to.equal('hackathon');
    expect(course.modes).to.deep.equal(['metavers', ...real.modes]);
    expect(course.level).to.equal('expert');
    expect(course.nextSession?.status).to.equal('reporte');
    expect(page.facets.kind).to.deep.equal([{ id: 'hackathon', count: 1 }]);
    const sessions = await client.sessions(marker);
    expect(sessions.items.map((s) => [s.mode, s.status])).to.deep.equal([['metavers', 'reporte']]);
    expect(warnings).to.have.length(0);
  });

  it('drops and counts list items missing an id or a title, with exactly one console warning', async () => {
    const key = unique();
    const warnings = spyWarn();
    // `invalid` slips an item without id and one without title among the real ones.
    const page = await new CampusClient(faultBase(`invalid,key=${key}`)).courses({ pageSize: 5 });
    expect(page.items).to.have.length(5);
    expect(page.dropped).to.equal(2);
    expect(page.items.every((c) => c.id && c.title)).to.equal(true);
    expect(warnings).to.have.length(1);
    expect(String(warnings[0][0])).to.contain('2 courses');
  });

  it('drops unshowable items of the other lists too (expertises, organisations)', async () => {
    const key = unique();
    const warnings = spyWarn();
    const client = new CampusClient(faultBase(`invalid,key=${key}`));
    const [expertises, organisations] = await Promise.all([client.expertises(), client.organisations()]);
    expect(expertises.dropped).to.equal(2);
    expect(organisations.dropped).to.equal(2);
    expect(expertises.items.every((e) => e.id && e.label)).to.equal(true);
    expect(warnings).to.have.length(2);
  });

  it('fails with kind invalid-response on malformed JSON, and on a single resource it cannot show', async () => {
    const key = unique();
    const malformed = await failure(new CampusClient(faultBase(`malformed,key=${key}`)).courses({}));
    expect(malformed.kind).to.equal('invalid-response');
    expect(malformed.retryable).to.equal(true);
    const [real] = ((await (await fetch(`${API_BASE}/v1/courses?pageSize=1`)).json()) as { items: Course[] }).items;
    const spoilt = await failure(new CampusClient(faultBase(`invalid,key=${key}`)).course(real.id));
    expect(spoilt.kind).to.equal('invalid-response');
    // Not retried: the answer would be the same.
    expect(await attempts(key)).to.have.length(2);
  });

  it('parses a 4xx problem+json body into error.problem, with its field errors', async () => {
    await pickCourse();
    const client = new CampusClient(API_BASE);
    const error = await failure(client.enrol({ ...enrolment('pas-une-adresse'), comment: 'x'.repeat(1001) }));
    expect(error.kind).to.equal('http');
    expect(error.status).to.equal(422);
    expect(error.retryable).to.equal(false);
    expect(error.problem?.status).to.equal(422);
    expect(error.problem?.title).to.equal('Données invalides');
    const codes = Object.fromEntries((error.problem?.errors ?? []).map((e) => [e.field, e.code]));
    expect(codes).to.deep.equal({ email: 'invalid_email', comment: 'too_long' });
    expect(error.problem?.errors?.every((e) => e.message.length > 0)).to.equal(true);

    const missing = await failure(client.course(`n-existe-pas-${unique()}`));
    expect(missing.status).to.equal(404);
    expect(missing.problem?.status).to.equal(404);
    expect(missing.problem?.detail).to.be.a('string');
  });
});

// ================================================================== cross-origin, on the wire

describe('client: cross-origin requests as the browser sends them', function () {
  this.timeout(20000);

  it('runs the test page on another origin than the API', () => {
    expect(new URL(API_BASE).origin).to.equal(API_ORIGIN);
    expect(location.origin).to.not.equal(API_ORIGIN);
  });

  it('sends a GET with no custom header, so no preflight', async () => {
    const marker = unique();
    const calls = spyFetch();
    const page = await new CampusClient(API_BASE).courses({ q: marker });
    expect(page.total).to.equal(0);
    const [call] = callsTo(calls, marker);
    // Only Accept, whose value is CORS-safelisted.
    expect(new Headers(call.init.headers).get('Accept')).to.equal('application/json');
    expect([...new Headers(call.init.headers).keys()]).to.deep.equal(['accept']);
    expect(call.init.credentials).to.equal('omit');

    const seen = await arrived(marker);
    expect(seen.map((e) => e.method)).to.deep.equal(['GET']);
    expect(seen[0].origin).to.equal(location.origin);
    for (const name of ['content-type', 'idempotency-key', 'cookie', 'authorization']) {
      expect(seen[0].headerNames, name).to.not.include(name);
    }
    expect(seen[0].headerNames.filter((n) => n.startsWith('x-'))).to.deep.equal([]);
  });

  it('sends a POST with Content-Type: application/json and Idempotency-Key after exactly one preflight, then reuses it (Max-Age)', async () => {
    await pickCourse();
    const key = unique();
    // A path no earlier test used, so no preflight is cached for it yet.
    const client = new CampusClient(faultBase(`key=${key}`));
    const receipt = await client.enrol(enrolment(uniqueEmail('preflight')), { idempotencyKey: `a-${key}` });
    expect(receipt.reference).to.match(/^CNP-/);

    const seen = await arrived(key);
    expect(seen.map((e) => e.method)).to.deep.equal(['OPTIONS', 'POST']);
    const [preflight, post] = seen;
    expect(preflight.origin).to.equal(location.origin);
    expect(preflight.headers['access-control-request-method']).to.equal('POST');
    const asked = preflight.headers['access-control-request-headers'].split(',').map((h) => h.trim().toLowerCase());
    expect(asked).to.include.members(['content-type', 'idempotency-key']);
    expect(preflight.status).to.equal(204);
    const answer = preflight.responseHeaders!;
    expect(answer['access-control-allow-methods']).to.contain('POST');
    expect(answer['access-control-allow-headers'].toLowerCase()).to.contain('content-type').and.to.contain('idempotency-key');
    expect(Number(answer['access-control-max-age'])).to.be.greaterThan(0);
    expect(post.headers['content-type']).to.match(/^application\/json/);
    expect(post.headers['idempotency-key']).to.equal(`a-${key}`);
    expect(post.status).to.equal(201);

    // Within Max-Age the browser keeps the preflight's answer: later POSTs go alone.
    for (const n of [2, 3, 4]) await client.enrol(enrolment(uniqueEmail('preflight')), { idempotencyKey: `${n}-${key}` });
    const methods = (await arrived(key)).map((e) => e.method);
    expect(methods.filter((m) => m === 'POST')).to.have.length(4);
    expect(methods.join(' '), 'each preflight followed by its POST').to.not.contain('OPTIONS OPTIONS');
    expect(methods.slice(-2), 'the preflight reused').to.deep.equal(['POST', 'POST']);
    // Chromium reuses the first preflight at once. Firefox 153 (headless, WebDriver BiDi) was
    // seen, every run, to preflight the second POST to a URL again and only then reuse it:
    // ['OPTIONS','POST','OPTIONS','POST','POST','POST']. Still never more than one per request.
    const preflights = methods.filter((m) => m === 'OPTIONS').length;
    if (navigator.userAgent.includes('Firefox/')) expect(preflights).to.be.within(1, 2);
    else expect(preflights).to.equal(1);
  });

  it('revalidates through the browser cache: fresh answers within max-age, then If-None-Match and a 304', async () => {
    const marker = unique();
    const client = new CampusClient(API_BASE);
    const calls = spyFetch();
    const first = await client.courses({ q: marker });
    const url = callsTo(calls, marker)[0].url;
    let seen = await arrived(marker);
    expect(seen).to.have.length(1);
    expect(seen[0].status).to.equal(200);
    expect(seen[0].headers['if-none-match']).to.equal(undefined);
    const etag = seen[0].responseHeaders?.etag;
    expect(etag).to.match(/^"[^"]+"$/);
    expect(seen[0].responseHeaders?.['cache-control']).to.match(/max-age=60\b/);

    // The client's own cache emptied, the same call goes to fetch again; the answer is
    // still fresh in the browser's HTTP cache (max-age=60), which serves it without asking.
    clearCache();
    expect(await client.courses({ q: marker })).to.deep.equal(first);
    expect(callsTo(calls, marker)).to.have.length(2);
    expect(await arrived(marker)).to.have.length(1);

    // Past max-age the browser revalidates the entry the client's request stored (during
    // stale-while-revalidate, in the background). A test cannot wait 60 s: `cache: 'no-cache'`
    // makes the browser revalidate that same entry now (same URL, same credentials mode).
    const response = await window.fetch(url, { credentials: 'omit', cache: 'no-cache', headers: { Accept: 'application/json' } });
    expect(response.status).to.equal(200); // the page sees the cached body
    expect(await response.json()).to.have.property('total', 0);
    seen = await arrived(marker);
    expect(seen).to.have.length(2);
    expect(seen[1].method).to.equal('GET');
    expect(seen[1].headers['if-none-match']).to.equal(etag);
    expect(seen[1].status).to.equal(304);
  });
});


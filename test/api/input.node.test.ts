/**
 * Hostile input, one finding of the probe at a time: deep JSON, characters
 * that must never be stored (and those that must be kept), a long `q` read in
 * linear time, a compressed body, `nosniff` on every answer, the client
 * address behind proxies, and the request log that never holds personal data.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Context } from 'hono';
import { queryWords } from '../../server/catalogue.js';
import { clientAddress } from '../../server/client-address.js';
import { MULTILINE_FIELDS, textProblem, validateEnrolment } from '../../src/api/validate.js';
import type { RequestLogEntry } from '../../server/app.js';
import { enrolment, get, json, makeApp, ORIGIN, post, trainerApplication } from './fixture.js';

describe('a body nested too deep', () => {
  it('is refused with 400 before anything hashes it, whatever its depth', async () => {
    const { app, records } = await makeApp();
    for (const depth of [33, 3_100, 15_000]) {
      const body = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const response = await post(app, '/api/v1/enrolments', body);
      assert.equal(response.status, 400, `depth ${depth}`);
      assert.match((await response.json()).type, /too-deep$/);
    }
    const nested = enrolment({ comment: 'x' }) as Record<string, unknown>;
    let deep: unknown = 'fond';
    for (let i = 0; i < 40; i++) deep = { deep };
    assert.equal((await post(app, '/api/v1/enrolments', { ...nested, extra: deep })).status, 400);
    assert.equal((await records()).length, 0);
    // The contract's own nesting passes.
    assert.equal((await post(app, '/api/v1/trainer-applications', trainerApplication({ intent: 'list', training: { title: 'T', summary: 'S', modes: ['e-learning'], duration: '2 h', audienceIds: ['agents'] } }))).status, 201);
  });
});

describe('text rules (the forms and the server apply the same ones)', () => {
  const REJECTED: [string, string][] = [
    ['NUL', 'Cam\u0000ille'],
    ['ESC', 'Cam\u001B[31mille'],
    ['CR', 'Camille\r\nBcc: victime@example.org'],
    ['LF in a one-line field', 'Camille\nMartin'],
    ['vertical tab', 'Cam\u000Bille'],
    ['DEL', 'Cam\u007Fille'],
    ['C1 (NEL)', 'Cam\u0085ille'],
    ['C1 (CSI)', 'Cam\u009Bille'],
    ['lone high surrogate', 'Cam\uD83Dille'],
    ['lone low surrogate', 'Cam\uDE00ille'],
    ['LRE', 'Cam\u202Aille'],
    ['RLO', 'Cam\u202Eille'],
    ['PDF', 'Cam\u202Cille'],
    ['LRI', 'Cam\u2066ille'],
    ['PDI', 'Cam\u2069ille'],
    ['only zero-width spaces', '\u200B\u200B\u200B'],
    ['only a soft hyphen and spaces', ' \u00AD '],
    ['only Hangul fillers', '\u3164\u3164'],
  ];
  const KEPT: [string, string][] = [
    ['a tab', 'Camille\tMartin'],
    ['ZWJ in an emoji', 'Camille 👩‍💻'],
    ['ZWNJ (Persian)', 'می‌خواهم'],
    ['LRM', 'Camille\u200E'],
    ['RLM', 'שלום\u200F'],
    ['an astral character', 'Camille 𝔐'],
    ['accents and apostrophes', 'Anne-Éloïse d’Arc'],
  ];

  for (const [name, value] of REJECTED) {
    it(`rejects ${name}, in the browser and on the server`, async () => {
      const { errors } = validateEnrolment(enrolment({ givenName: value }), { managerApproval: false });
      assert.deepEqual(errors.map((e) => e.field), ['givenName']);
      assert.match(errors[0].code, /^(control_characters|no_visible_text)$/);
    });
  }
  for (const [name, value] of KEPT) {
    it(`keeps ${name}`, () => {
      assert.equal(textProblem(value), undefined);
      assert.deepEqual(validateEnrolment(enrolment({ givenName: value }), { managerApproval: false }).errors, []);
    });
  }

  it('allows line breaks only in multi-line fields', () => {
    assert.deepEqual([...MULTILINE_FIELDS], ['comment', 'accommodation', 'training.summary']);
    assert.equal(textProblem('ligne 1\nligne 2', true), undefined);
    assert.equal(textProblem('ligne 1\r\nligne 2', true), 'control_characters');
    assert.deepEqual(validateEnrolment(enrolment({ comment: 'ligne 1\nligne 2' }), { managerApproval: false }).errors, []);
    assert.deepEqual(validateEnrolment(enrolment({ organisation: 'DINUM\nBcc: x@example.org' }), { managerApproval: false }).errors.map((e) => e.code), ['control_characters']);
  });

  it('answers 422 with the field and stores nothing, for every field of both requests', async () => {
    const { app, records } = await makeApp();
    for (const field of ['givenName', 'familyName', 'organisation', 'jobTitle', 'accommodation', 'comment']) {
      const response = await post(app, '/api/v1/enrolments', enrolment({ [field]: 'A\u202EB' }));
      assert.equal(response.status, 422, field);
      const problem = await response.json();
      assert.deepEqual(problem.errors.map((e: { field: string; code: string }) => [e.field, e.code]), [[field, 'control_characters']]);
      assert.ok(problem.errors[0].message.length > 0);
    }
    for (const field of ['givenName', 'jobTitle', 'availability', 'places']) {
      const response = await post(app, '/api/v1/trainer-applications', trainerApplication({ [field]: '\u200B' }));
      assert.equal(response.status, 422, field);
      assert.equal((await response.json()).errors[0].code, 'no_visible_text');
    }
    const nested = await post(app, '/api/v1/trainer-applications', trainerApplication({ intent: 'list', training: { title: 'T\u0000', summary: 'S', modes: ['e-learning'], duration: '2 h', audienceIds: [] } }));
    assert.deepEqual((await nested.json()).errors.map((e: { field: string }) => e.field), ['training.title']);
    assert.equal((await records()).length, 0);
    assert.equal((await records('trainer-applications')).length, 0);
  });
});

describe('the search words', () => {
  it('keep at most 10 distinct words of at most 64 characters; a longer q is truncated, never refused', async () => {
    const { app } = await makeApp();
    const long = Array.from({ length: 3_000 }, (_, i) => `mot${i}`).join(' ');
    assert.ok(long.length > 15_000);
    const words = queryWords(long);
    assert.equal(words.length, 10);
    assert.deepEqual(queryWords(`${'x'.repeat(200)} cyber`).map((w) => w.length).sort((a, b) => a - b), [5, 64]);
    assert.equal((await get(app, `/api/v1/courses?q=${encodeURIComponent(long)}`)).status, 200);
  });

  it('are read in linear time (a work counter, not a clock)', () => {
    const work = (q: string) => {
      const counter = { steps: 0 };
      queryWords(q, counter);
      return counter.steps;
    };
    // The worst case for an early stop: few distinct words, repeated.
    const repeated = (n: number) => Array.from({ length: n }, (_, i) => `securite${i % 3}`).join(' ');
    const small = work(repeated(1_000));
    const large = work(repeated(4_000));
    assert.ok(large <= small * 4.2, `4x the words, ${(large / small).toFixed(2)}x the work`);
    // Many distinct words: read until ten, then stopped.
    const distinct = work(Array.from({ length: 3_000 }, (_, i) => `mot${i}`).join(' '));
    assert.ok(distinct < 200, `${distinct} steps for a 15 KB query of distinct words`);
  });
});

describe('requests the server cannot read as sent', () => {
  it('answers 415 to a Content-Encoding it does not decode', async () => {
    const { app, records } = await makeApp();
    for (const encoding of ['gzip', 'deflate', 'br', 'x-unknown']) {
      const response = await post(app, '/api/v1/enrolments', enrolment(), { 'Content-Encoding': encoding });
      assert.equal(response.status, 415, encoding);
      assert.match(response.headers.get('Content-Type') ?? '', /^application\/problem\+json/);
    }
    assert.equal((await post(app, '/api/v1/enrolments', enrolment(), { 'Content-Encoding': 'identity' })).status, 201);
    assert.equal((await records()).length, 1);
  });
});

describe('headers', () => {
  it('send nosniff and no framing on every answer; the API and images stay readable from any origin', async () => {
    const { app } = await makeApp();
    const answers = [
      await get(app, '/api/v1/courses'),
      await get(app, '/api/v1/courses/inconnue'),
      await get(app, '/api/v1/nulle-part'),
      await get(app, '/media/logos/insp.svg'),
      await get(app, '/media/absent.svg'),
      await post(app, '/api/v1/enrolments', '{'),
      await post(app, '/api/v1/enrolments', enrolment()),
      await get(app, '/health'),
      await get(app, '/ready'),
      await get(app, '/autre'),
    ];
    for (const response of answers) {
      assert.equal(response.headers.get('X-Content-Type-Options'), 'nosniff', `${response.url} ${response.status}`);
      assert.equal(response.headers.get('X-Frame-Options'), 'DENY');
      assert.match(response.headers.get('Content-Security-Policy') ?? '', /default-src 'none'/);
      assert.ok(response.headers.get('X-Request-Id'));
    }
    for (const response of answers.slice(0, 5)) assert.equal(response.headers.get('Cross-Origin-Resource-Policy'), 'cross-origin');
    assert.match(answers[0].headers.get('Content-Security-Policy')!, /frame-ancestors 'none'/);
  });
});

describe('the client address', () => {
  const context = (forwarded: string | undefined, socket: string) =>
    ({ env: { incoming: { socket: { remoteAddress: socket } } }, req: { header: () => forwarded } }) as unknown as Context;
  it('is the socket’s without trusted proxies, whatever X-Forwarded-For claims', () => {
    assert.equal(clientAddress(0)(context('1.2.3.4', '10.0.0.9')), '10.0.0.9');
  });
  it('is read TRUSTED_PROXY_HOPS entries from the end behind proxies: entries a client wrote are ignored', () => {
    assert.equal(clientAddress(1)(context('6.6.6.6, 203.0.113.7', '10.0.0.1')), '203.0.113.7');
    assert.equal(clientAddress(2)(context('6.6.6.6, 203.0.113.7, 10.0.0.2', '10.0.0.1')), '203.0.113.7');
    assert.equal(clientAddress(2)(context('203.0.113.7', '10.0.0.1')), '10.0.0.1', 'fewer entries than proxies: not through them');
  });
});

describe('the request log', () => {
  it('holds one line per request with method, route, status, duration and request id — never an e-mail, a name or a body', async () => {
    const lines: RequestLogEntry[] = [];
    const { app } = await makeApp({ log: (entry) => lines.push(entry) });
    const email = 'journal.secret@example.gouv.fr';
    await post(app, '/api/v1/enrolments', enrolment({ email, givenName: 'Prénom-Secret', comment: 'Commentaire secret' }));
    await post(app, '/api/v1/enrolments', enrolment({ email, givenName: 'Prénom-Secret\u0000' }));
    await get(app, `/api/v1/courses?q=${encodeURIComponent(email)}`);
    await get(app, `/api/v1/courses/${encodeURIComponent(email)}`);
    assert.equal(lines.length, 4);
    for (const line of lines) assert.deepEqual(Object.keys(line).sort(), ['durationMs', 'method', 'requestId', 'route', 'status']);
    assert.deepEqual(lines.map((l) => [l.method, l.route, l.status]), [
      ['POST', '/api/v1/enrolments', 201],
      ['POST', '/api/v1/enrolments', 422],
      ['GET', '/api/v1/courses', 200],
      ['GET', '/api/v1/courses/:id', 404],
    ]);
    const text = JSON.stringify(lines);
    for (const secret of [email, 'journal.secret', 'Prénom-Secret', 'Commentaire secret']) assert.ok(!text.includes(secret), secret);
  });
});

describe('public URLs', () => {
  it('come from PUBLIC_URL in every answer that carries one', async () => {
    const { app } = await makeApp({ publicUrl: 'https://campus.numerique.gouv.fr' });
    const course = await json(app.fetch(new Request('http://attacker.example/api/v1/courses/cyber-fondamentaux', { headers: { Host: 'attacker.example', 'X-Forwarded-Host': 'attacker.example' } })));
    assert.match(course.imageUrl, /^https:\/\/campus\.numerique\.gouv\.fr\/media\//);
    assert.ok(!JSON.stringify(course).includes('attacker'));
    assert.ok(ORIGIN);
  });
});

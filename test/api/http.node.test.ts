/**
 * The service over real HTTP: persistence across a restart, a chunked
 * oversize body, graceful shutdown (requests in flight finish, a hung one is
 * cut after the grace period), and the middlewares that mount the service in
 * vite (Connect) and web-test-runner (Koa).
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { handlesPath } from '../../server/app.js';
import { connectMiddleware, koaMiddleware, listen as listenService } from '../../server/node.js';
import { harnessHandles } from '../support/harness.js';
import { enrolment, makeApp, trainerApplication } from './fixture.js';

function postTo(url: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('the service over HTTP', () => {
  it('keeps every submission across a restart, and exactly those', async () => {
    const first = await makeApp();
    let server = await listenService(first.app);
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    let receipt: { reference: string };
    try {
      const list = await fetch(`${server.url}/api/v1/courses`);
      assert.equal(list.status, 200);
      const response = await postTo(server.url, '/api/v1/enrolments', enrolment(), { 'Idempotency-Key': 'persist-1' });
      assert.equal(response.status, 201);
      receipt = await response.json();
      await postTo(server.url, '/api/v1/enrolments', enrolment({ email: 'b@example.gouv.fr', sessionId: 'ia-full' }));
      await postTo(server.url, '/api/v1/enrolments', enrolment(), { 'Idempotency-Key': 'persist-1' }); // replay
      await postTo(server.url, '/api/v1/enrolments', enrolment({ email: 'CAMILLE.martin@example.gouv.fr' })); // repeat
      await postTo(server.url, '/api/v1/enrolments', enrolment({ email: 'bot@example.com', website: 'x' })); // honeypot
      await postTo(server.url, '/api/v1/trainer-applications', trainerApplication());
    } finally {
      await server.close();
      await first.service.close();
    }

    const second = await makeApp({ keepData: true, harness: true });
    assert.deepEqual(
      (await second.records('enrolments')).map((r) => [r.request.email, r.receipt.status]),
      [
        ['camille.martin@example.gouv.fr', 'submitted'],
        ['b@example.gouv.fr', 'waitlisted'],
      ],
    );
    assert.equal((await second.records('trainer-applications')).length, 1);
    server = await listenService(second.app);
    try {
      const replay = await postTo(server.url, '/api/v1/enrolments', enrolment(), { 'Idempotency-Key': 'persist-1' });
      assert.equal(replay.status, 201);
      assert.deepEqual(await replay.json(), receipt, 'the key survived the restart');
      const repeat = await (await postTo(server.url, '/api/v1/enrolments', enrolment())).json();
      assert.equal(repeat.reference, receipt.reference, 'so did the repeat check');
      const course = await (await fetch(`${server.url}/api/v1/courses/matinee-ia`)).json();
      assert.equal(course.nextSession.seatsLeft, 0, 'so did the seat taken');
      const records = await (await fetch(`${server.url}/test/records/enrolments`)).json();
      assert.equal(records.items.length, 2);
    } finally {
      await server.close();
    }
  });

  it('refuses a chunked body over 32 KiB', async () => {
    const server = await listenService((await makeApp()).app);
    try {
      const big = new TextEncoder().encode(JSON.stringify(enrolment({ comment: 'x'.repeat(40_000) })));
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < big.length; i += 8192) controller.enqueue(big.slice(i, i + 8192));
          controller.close();
        },
      });
      const response = await fetch(`${server.url}/api/v1/enrolments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit);
      assert.equal(response.status, 413);
    } finally {
      await server.close();
    }
  });

  it('shuts down gracefully: a request in flight is answered, a hung one cut after the grace period', async () => {
    const server = await listenService((await makeApp({ harness: true })).app);
    await assert.rejects(fetch(`${server.url}/test/hang/api/v1/courses`, { signal: AbortSignal.timeout(200) }), /abort|timeout/i);
    const slow = fetch(`${server.url}/test/delay=400/api/v1/courses`).then((r) => r.status);
    const hung = fetch(`${server.url}/test/hang/api/v1/courses`).catch(() => 'closed');
    await new Promise((r) => setTimeout(r, 100));
    const started = performance.now();
    await server.close(800);
    const took = performance.now() - started;
    assert.equal(await slow, 200, 'the request in flight got its answer');
    assert.equal(await hung, 'closed');
    assert.ok(took >= 700 && took < 3000, `closed after the grace period (${Math.round(took)} ms)`);
    await assert.rejects(fetch(`${server.url}/api/v1/courses`), 'no new connection once closing');
  });
});

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

describe('mounting the app in another server', () => {
  it('Connect-style: API and media paths go to the app, the rest to next()', async () => {
    const middleware = connectMiddleware((await makeApp({ harness: true })).app, harnessHandles);
    const server = await listen((req, res) => middleware(req, res, () => res.end('next')));
    try {
      assert.equal((await fetch(`${server.url}/api/v1/expertises`)).status, 200);
      assert.equal((await fetch(`${server.url}/media/logos/none.svg`)).status, 404);
      assert.equal((await fetch(`${server.url}/test/status=503/api/v1/courses`)).status, 503);
      assert.equal((await fetch(`${server.url}/test/records/enrolments`)).status, 200);
      assert.equal(await (await fetch(`${server.url}/test/widgets/catalogue.test.ts`)).text(), 'next');
      assert.equal(await (await fetch(`${server.url}/index.html`)).text(), 'next');
      assert.equal(await (await fetch(`${server.url}/apifoo`)).text(), 'next');
    } finally {
      await server.close();
    }
    assert.equal(globalThis.Response.name, 'Response', 'the global Response was left alone');
  });

  it('Koa-style: respond is switched off and the app answers', async () => {
    const middleware = koaMiddleware((await makeApp()).app, handlesPath);
    const server = await listen(async (req, res) => {
      const ctx = { path: (req.url ?? '/').split('?')[0], req, res, respond: true };
      await middleware(ctx, async () => {
        res.end('next');
      });
      if (ctx.respond && !res.writableEnded) res.end('koa');
    });
    try {
      const response = await fetch(`${server.url}/api/v1/courses?kind=module`);
      assert.equal(response.status, 200);
      assert.equal((await response.json()).total, 4);
      assert.equal(await (await fetch(`${server.url}/test/status=503/api/v1/courses`)).text(), 'next', 'no test harness here');
      assert.equal((await fetch(`${server.url}/health`)).status, 200);
      assert.equal(await (await fetch(`${server.url}/src/index.ts`)).text(), 'next');
    } finally {
      await server.close();
    }
  });
});

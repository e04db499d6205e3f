/**
 * The test harness around the campus service: what browser tests and fault
 * stories reach besides the service itself.
 *
 * - `/test/<modifiers>/api/v1/…`: the same API with a fault chosen by path
 *   (`status=503,retry-after=1`, `delay=3000`, `malformed`, `invalid`, `hang`,
 *   `times=N,key=K`, `only=enrolments`), or the hostile corpus (`data=hostile`);
 * - `/test/records/<kind>?email=`: what the store kept;
 * - `/test/requests?since=N`: what reached the server (preflights included).
 *
 * Everything else goes to the service untouched. No Node import: the static
 * Storybook runs this in the browser.
 */
import { Hono, type Context } from 'hono';
import { createApp, handlesPath, type MediaSource } from '../../server/app.js';
import { apiCors, jsonResponse, problem } from '../../server/http.js';
import { LiveCatalogue } from '../../server/live-catalogue.js';
import { faultInjection, RequestLog } from './faults.js';
import { hostileData, HOSTILE_IDS } from './hostile.js';
import { MemoryStorage, type StoredRecord } from './memory-storage.js';

export type { LoggedRequest } from './faults.js';
export type { StoredRecord } from './memory-storage.js';

export interface FetchHandler {
  fetch(request: Request): Response | Promise<Response>;
}

export interface HarnessTarget {
  /** The service's app. */
  app: FetchHandler;
  /** What the store kept, for `/test/records`. */
  records(kind: StoredRecord['kind'], email?: string): Promise<StoredRecord[]> | StoredRecord[];
  /** Media for the hostile corpus's relative image paths. */
  media?: MediaSource;
  /** The service's public address, for the hostile corpus's absolute URLs. */
  publicUrl: string | (() => string);
}

const KINDS = ['enrolments', 'trainer-applications'] as const;

/** Whether a path goes to the harness (the service's own paths included). */
export function harnessHandles(path: string): boolean {
  return handlesPath(path) || /^\/test\/(records\/|requests$|[^/]+\/api\/)/.test(path);
}

/** The same request, sent to `path` (query kept). */
async function forward(c: Context, target: FetchHandler, path: string): Promise<Response> {
  const url = new URL(c.req.url);
  const method = c.req.method;
  return target.fetch(
    new Request(new URL(path + url.search, url.origin), {
      method,
      headers: c.req.raw.headers,
      body: method === 'GET' || method === 'HEAD' ? undefined : await c.req.raw.arrayBuffer(),
      signal: c.req.raw.signal,
    }),
  );
}

/** An app on the hostile corpus, its store in memory. */
async function hostileApp(data: ConstructorParameters<typeof MemoryStorage>[0], target: HarnessTarget): Promise<FetchHandler> {
  const storage = new MemoryStorage(data);
  const catalogue = new LiveCatalogue(storage, { trainerPrivacyNoticeId: HOSTILE_IDS.trainerNotice });
  await catalogue.load();
  return createApp({ storage, catalogue, media: target.media, publicUrl: target.publicUrl });
}

export function createHarness(target: HarnessTarget): Hono {
  const harness = new Hono();
  const log = new RequestLog();
  const counters = new Map<string, number>();
  // Every request, preflights included: logged before anything answers.
  harness.use('*', log.middleware());
  // Fault answers carry CORS headers like the service's own (the browser must read them).
  harness.use('/test/*', apiCors('*'));
  harness.get('/test/requests', (c) => jsonResponse(c, log.since(Number(c.req.query('since') ?? 0)), 'no-store'));
  harness.get('/test/records/:kind', async (c) => {
    const kind = c.req.param('kind') as StoredRecord['kind'];
    if (!KINDS.includes(kind)) return problem(404);
    return jsonResponse(c, { items: await target.records(kind, c.req.query('email') || undefined) }, 'no-store');
  });
  harness.use('/test/:modifiers/api/v1/*', faultInjection(counters));
  harness.use('/test/:modifiers/api/v1/*', hostileData((data) => hostileApp(data, target)));
  harness.all('/test/:modifiers/api/v1/*', (c) => forward(c, target.app, new URL(c.req.url).pathname.replace(/^\/test\/[^/]+/, '')));
  harness.all('*', (c) => target.app.fetch(c.req.raw));
  return harness;
}

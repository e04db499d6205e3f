/**
 * Test machinery around the campus service: fault injection by path and the
 * request log. Mounted by the test harness (harness.ts), never by the service.
 * No Node import: the static Storybook runs it in the browser for its fault stories.
 */
import type { MiddlewareHandler } from 'hono';
import { JSON_TYPE, problem } from '../../server/http.js';

/** Caps a `hang` fault, so a test that forgets to abort does not leak a request forever. */
const HANG_LIMIT_MS = 5 * 60 * 1000;

interface Faults {
  status?: number;
  retryAfter?: string;
  delay?: number;
  hang: boolean;
  malformed: boolean;
  invalid: boolean;
  times?: number;
  key?: string;
  only: string[];
}

/** `status=503,retry-after=1,times=2,key=k1`; unknown modifiers are ignored (reserved for later). */
export function parseFaults(modifiers: string): Faults {
  const faults: Faults = { hang: false, malformed: false, invalid: false, only: [] };
  for (const part of modifiers.split(',')) {
    const [name, value = ''] = part.split('=', 2).map((s) => s.trim());
    const n = Number(value);
    if (name === 'status' && Number.isInteger(n) && n >= 400 && n <= 599) faults.status = n;
    else if (name === 'retry-after' && value) faults.retryAfter = value;
    else if (name === 'delay' && n >= 0) faults.delay = Math.min(n, HANG_LIMIT_MS);
    else if (name === 'times' && Number.isInteger(n) && n >= 0) faults.times = n;
    else if (name === 'key' && value) faults.key = value;
    else if (name === 'only' && value) faults.only.push(value);
    else if (name === 'hang') faults.hang = true;
    else if (name === 'malformed') faults.malformed = true;
    else if (name === 'invalid') faults.invalid = true;
  }
  return faults;
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

const BAD_ITEMS = [{ title: 'Sans identifiant', label: 'Sans identifiant', name: 'Sans identifiant' }, { id: 'sans-titre' }];

/** Valid JSON the schemas reject: unshowable items slipped between good ones, or a record stripped of its id. */
function spoil(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { items: 'invalide' };
  const out: Record<string, unknown> = { ...value };
  let lists = 0;
  for (const [key, v] of Object.entries(out)) {
    const records = Array.isArray(v) && (key === 'items' || v.length > 0) && v.every((x) => x && typeof x === 'object');
    if (!records) continue;
    out[key] = [v[0], BAD_ITEMS[0], ...v.slice(1, 2), BAD_ITEMS[1], ...v.slice(2)].filter((x) => x !== undefined);
    lists++;
  }
  if (!lists) for (const key of ['id', 'title', 'label', 'name', 'reference']) delete out[key];
  return out;
}


export function faultInjection(counters: Map<string, number>): MiddlewareHandler {
  return async (c, next) => {
    const modifiers = c.req.param('modifiers') ?? '';
    const faults = parseFaults(modifiers);
    // Path segments after /test/<modifiers>/api/v1.
    const segments = c.req.path.split('/').slice(5);
    let applies = faults.only.length === 0 || faults.only.some((s) => segments.includes(s));
    if (applies && faults.times !== undefined) {
      const counter = faults.key ?? modifiers;
      const used = counters.get(counter) ?? 0;
      applies = used < faults.times;
      if (applies) counters.set(counter, used + 1);
    }
    if (!applies) return next();

    const signal = c.req.raw.signal;
    if (faults.delay) await wait(faults.delay, signal);
    if (faults.hang) {
      await wait(HANG_LIMIT_MS, signal);
      return problem(504, { detail: 'Réponse jamais envoyée (panne simulée).' });
    }
    if (faults.status) {
      return problem(faults.status, {
        detail: 'Panne simulée.',
        headers: faults.retryAfter ? { 'Retry-After': faults.retryAfter } : {},
      });
    }
    await next();
    if (!faults.malformed && !faults.invalid) return;
    const status = c.res.ok ? c.res.status : 200;
    const text = await c.res.text();
    let body: string;
    if (faults.malformed) {
      body = text.length > 2 ? text.slice(0, Math.floor(text.length / 2)) : '{"items": [';
    } else {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = {};
      }
      body = JSON.stringify(spoil(value));
    }
    // The old answer's headers but those that describe its body (CORS, set before, stay).
    const headers = new Headers(c.res.headers);
    for (const name of ['ETag', 'Content-Length', 'Content-Encoding']) headers.delete(name);
    headers.set('Content-Type', JSON_TYPE);
    headers.set('Cache-Control', 'no-store');
    // Hono would merge the old response's headers into the new one: drop it first.
    c.res = undefined as unknown as Response;
    c.res = new Response(body, { status, headers });
  };
}

// ------------------------------------------------------------ request log

/** Request headers the log keeps the value of (the rest: names only). */
const LOGGED_REQUEST_HEADERS = [
  'accept',
  'content-type',
  'idempotency-key',
  'if-none-match',
  'if-modified-since',
  'cache-control',
  'access-control-request-method',
  'access-control-request-headers',
];
const LOGGED_RESPONSE_HEADERS = [
  'etag',
  'cache-control',
  'access-control-allow-origin',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-max-age',
];

export interface LoggedRequest {
  /** 1, 2, 3… in arrival order. */
  n: number;
  method: string;
  /** Path and query string. */
  path: string;
  origin: string | null;
  /** The names of every request header, lower case. */
  headerNames: string[];
  headers: Record<string, string>;
  /** Set once answered (a `hang` stays unanswered until the client goes away). */
  status?: number;
  responseHeaders?: Record<string, string>;
}

/**
 * What reached the server, so a browser test can see what the browser itself sent
 * (a CORS preflight, a revalidation with If-None-Match). Bounded to the last 1,000.
 */
export class RequestLog {
  private readonly entries: LoggedRequest[] = [];
  private count = 0;

  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const url = new URL(c.req.url);
      if (url.pathname === '/test/requests') return next();
      const pick = (headers: Headers, names: string[]) =>
        Object.fromEntries(names.flatMap((name) => (headers.has(name) ? [[name, headers.get(name)!]] : [])));
      const entry: LoggedRequest = {
        n: ++this.count,
        method: c.req.method,
        path: url.pathname + url.search,
        origin: c.req.header('Origin') ?? null,
        headerNames: [...c.req.raw.headers.keys()],
        headers: pick(c.req.raw.headers, LOGGED_REQUEST_HEADERS),
      };
      this.entries.push(entry);
      if (this.entries.length > 1000) this.entries.shift();
      await next();
      entry.status = c.res.status;
      entry.responseHeaders = pick(c.res.headers, LOGGED_RESPONSE_HEADERS);
    };
  }

  /** The requests after number `since`, and the last number given. */
  since(since: number): { items: LoggedRequest[]; last: number } {
    const from = Number.isFinite(since) ? since : 0;
    return { items: this.entries.filter((e) => e.n > from), last: this.count };
  }
}

/**
 * The one client every widget uses. Requests are shared page-wide: equal GETs
 * in flight are made once, and answers stay in a small in-memory cache, so
 * ten widgets on a page cost one request per distinct query. GETs carry no
 * custom header, so cross-origin reads need no preflight and revalidate
 * through the browser's HTTP cache (ETag → 304).
 */
import type * as z from 'zod/mini';
import { CampusApiError } from './errors.js';
import { encodeQuery, type CourseQuery } from './query.js';
import {
  API_VERSION,
  Audience,
  Course,
  CoursePage,
  EnrolmentReceipt,
  Expertise,
  ItemList,
  Organisation,
  PrivacyNotice,
  Problem,
  Session,
  TrainerApplicationReceipt,
  Vocabularies,
  type EnrolmentRequest,
  type FacetValue,
  type TrainerApplication,
  SubscriptionReceipt,
  type SubscriptionRequest,
} from './schemas.js';

export interface CallOptions {
  signal?: AbortSignal;
  /** Milliseconds before one attempt gives up; defaults to the client's. */
  timeout?: number;
}

export interface SendOptions extends CallOptions {
  /** Makes a POST safe to repeat: the server records one submission per key. */
  idempotencyKey?: string;
}

/** A list read tolerantly: items that cannot be shown are left out and counted. */
export interface ListResult<T> {
  items: T[];
  dropped: number;
}

/** The answers reference data is built from: vocabularies, expertises, audiences, organisations. */
export type ReferenceData = [Vocabularies, ListResult<Expertise>, ListResult<Audience>, ListResult<Organisation>];

export interface CoursePageResult extends ListResult<Course> {
  total: number;
  page: number;
  pageSize: number;
  facets: Record<string, FacetValue[]>;
}

export interface ClientOptions {
  timeout?: number;
  /** Extra attempts after a failed one, for requests that may be repeated. */
  retries?: number;
  /** Longest Retry-After (seconds) the client waits for by itself. */
  maxRetryAfter?: number;
  /** Milliseconds an answer stays in the page-wide cache. */
  cacheTtl?: number;
}

const RETRY_STATUSES = new Set([429, 502, 503, 504]);
/** Paths every campus API answers: a 404 there means the root is wrong, not that data is missing. */
const ROOT_PATHS = /\/(?:courses|courses\.csv|vocabularies|expertises|audiences|organisations)$/;
const DEFAULT_TIMEOUT = 15000;

/** The page-level timeout set by `configure({ timeout })`, for clients not given their own. */
let pageTimeout: number | undefined;

/** Sets (or, with undefined, forgets) the page-level timeout; see `configure()`. */
export function setPageTimeout(ms: number | undefined): void {
  pageTimeout = ms !== undefined && Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

const CACHE_SIZE = 100;

interface CacheEntry {
  expires: number;
  value: unknown;
}
interface Flight {
  promise: Promise<unknown>;
  controller: AbortController;
  users: number;
}

// Page-wide, whatever the number of widgets or client instances.
const cache = new Map<string, CacheEntry>();
const inflight = new Map<string, Flight>();

/** Empties the page-wide cache (tests, or a host that knows the catalogue changed). */
export function clearCache(): void {
  cache.clear();
}

const aborted = (signal?: AbortSignal) =>
  new CampusApiError('aborted', 'The request was aborted', { cause: signal?.reason });

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(aborted(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Retry-After as seconds: either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function parseItems<T>(schema: z.ZodMiniType<T>, raw: unknown[], what: string): ListResult<T> {
  const items: T[] = [];
  let dropped = 0;
  for (const item of raw) {
    const parsed = schema.safeParse(item);
    if (parsed.success) items.push(parsed.data);
    else dropped++;
  }
  if (dropped) console.warn(`[campus-widgets] ${dropped} ${what} left out: they cannot be shown.`);
  return { items, dropped };
}

/** Length and two independent 32-bit hashes (FNV-1a, murmur-style) of a string. */
function fingerprint(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9 ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  return `${s.length}.${a >>> 0}.${b >>> 0}`;
}

function parseWith<T>(schema: z.ZodMiniType<T>, json: unknown, url: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new CampusApiError('invalid-response', `Unexpected answer from ${url}`, { url, cause: parsed.error });
  }
  return parsed.data;
}

export class CampusClient {
  /** The versioned root, e.g. `https://campus.numerique.gouv.fr/api/v1`. */
  readonly baseUrl: string;
  private readonly options: Required<Omit<ClientOptions, 'timeout'>>;
  /** The timeout given to this client, if any (else the page's, else 15 s), read at each call. */
  private readonly ownTimeout?: number;

  constructor(
    /** The API's root without its version. */
    readonly root: string,
    options: ClientOptions = {},
  ) {
    this.baseUrl = `${root.replace(/\/+$/, '')}/${API_VERSION}`;
    const { timeout, ...rest } = options;
    this.ownTimeout = timeout;
    this.options = { retries: 2, maxRetryAfter: 10, cacheTtl: 60000, ...rest };
  }

  url(path: string, params?: URLSearchParams): string {
    const search = params?.toString();
    return `${this.baseUrl}${path}${search ? `?${search}` : ''}`;
  }

  expertises(options?: CallOptions): Promise<ListResult<Expertise>> {
    return this.list('/expertises', Expertise, 'expertises', options);
  }

  audiences(options?: CallOptions): Promise<ListResult<Audience>> {
    return this.list('/audiences', Audience, 'audiences', options);
  }

  organisations(options?: CallOptions): Promise<ListResult<Organisation>> {
    return this.list('/organisations', Organisation, 'organisations', options);
  }

  vocabularies(options?: CallOptions): Promise<Vocabularies> {
    const url = this.url('/vocabularies');
    return this.get(url, (json) => parseWith(Vocabularies, json, url), options);
  }

  courses(query: CourseQuery, options?: CallOptions): Promise<CoursePageResult> {
    const url = this.url('/courses', encodeQuery(query));
    return this.get(
      url,
      (json) => {
        const page = parseWith(CoursePage, json, url);
        return { ...page, ...this.#courseItems(page.items) };
      },
      options,
    );
  }

  // Courses already read, by a fingerprint of their JSON (length and two 32-bit
  // hashes; the JSON itself is not kept): a course that comes back unchanged in
  // another page or query is the same object, so a list's cards that stay shown
  // after a filter change see no new property and do not render again.
  readonly #courseMemo = new Map<string, Course>();

  #courseItems(raw: unknown[]): ListResult<Course> {
    const memo = this.#courseMemo;
    const items: Course[] = [];
    let dropped = 0;
    for (const item of raw) {
      const key = fingerprint(JSON.stringify(item) ?? '');
      let course = memo.get(key);
      if (!course) {
        const parsed = Course.safeParse(item);
        if (!parsed.success) {
          dropped++;
          continue;
        }
        course = parsed.data;
        if (memo.size >= 2000) memo.delete(memo.keys().next().value as string);
        memo.set(key, course);
      }
      items.push(course);
    }
    if (dropped) console.warn(`[campus-widgets] ${dropped} courses left out: they cannot be shown.`);
    return { items, dropped };
  }

  /** The answer to `courses(query)` if the page-wide cache holds it fresh; never fetches. */
  cachedCourses(query: CourseQuery): CoursePageResult | undefined {
    return this.peek(this.url('/courses', encodeQuery(query)));
  }

  /** The four answers reference data is built from, if the page-wide cache holds them all fresh. */
  cachedReferenceData(): ReferenceData | undefined {
    const parts = ['/vocabularies', '/expertises', '/audiences', '/organisations'].map((path) => this.peek(this.url(path)));
    return parts.every(Boolean) ? (parts as ReferenceData) : undefined;
  }

  /** The CSV export of the same query, for a download link. */
  csvUrl(query: CourseQuery): string {
    const { page: _page, pageSize: _size, ...rest } = query;
    return this.url('/courses.csv', encodeQuery(rest));
  }

  course(id: string, options?: CallOptions): Promise<Course> {
    const url = this.url(`/courses/${encodeURIComponent(id)}`);
    return this.get(url, (json) => parseWith(Course, json, url), options);
  }

  sessions(courseId: string, options?: CallOptions): Promise<ListResult<Session>> {
    return this.list(`/courses/${encodeURIComponent(courseId)}/sessions`, Session, 'sessions', options);
  }

  /**
   * What a 404 on one item means: the item is missing, unless the root itself
   * is wrong — then the vocabularies fail too, and their `setup` error is returned.
   */
  async explainNotFound(error: unknown, options?: CallOptions): Promise<unknown> {
    if (!(error instanceof CampusApiError) || error.kind !== 'http' || error.status !== 404) return error;
    try {
      await this.vocabularies(options);
      return error;
    } catch (rootError) {
      return rootError instanceof CampusApiError && rootError.kind === 'setup' ? rootError : error;
    }
  }

  privacyNotice(id: string, options?: CallOptions): Promise<PrivacyNotice> {
    const url = this.url(`/privacy-notices/${encodeURIComponent(id)}`);
    return this.get(url, (json) => parseWith(PrivacyNotice, json, url), options);
  }

  enrol(request: EnrolmentRequest, options: SendOptions = {}): Promise<EnrolmentReceipt> {
    return this.post('/enrolments', request, EnrolmentReceipt, options);
  }

  applyAsTrainer(application: TrainerApplication, options: SendOptions = {}): Promise<TrainerApplicationReceipt> {
    return this.post('/trainer-applications', application, TrainerApplicationReceipt, options);
  }

  /** Asks to be told when a session of a course opens (confirmed by a link sent to the address). */
  subscribe(request: SubscriptionRequest, options: SendOptions = {}): Promise<SubscriptionReceipt> {
    return this.post('/subscriptions', request, SubscriptionReceipt, options);
  }

  private list<T>(path: string, schema: z.ZodMiniType<T>, what: string, options?: CallOptions) {
    return this.items(path, schema, what, options);
  }

  /**
   * Any list of the API (`{ items: [...] }`) read tolerantly, through the same
   * shared, cached GET as every call: for modules that add an endpoint without
   * weighing on every widget (`discovery.ts`). `retry: false` for answers a
   * newer request soon replaces (suggestions as one types).
   */
  items<T>(path: string, schema: z.ZodMiniType<T>, what: string, options?: CallOptions, params?: URLSearchParams, retry = true): Promise<ListResult<T>> {
    const url = this.url(path, params);
    return this.get(url, (json) => parseItems(schema, parseWith(ItemList, json, url).items, what), options, retry);
  }

  /** A fresh answer from the page-wide cache, if any: a use, so it moves up in the LRU order. */
  private peek<T>(url: string): T | undefined {
    const hit = cache.get(url);
    if (!hit || hit.expires <= Date.now()) return undefined;
    cache.delete(url);
    cache.set(url, hit);
    return hit.value as T;
  }

  /** A shared, cached GET: callers that abort leave the others' request running. */
  private get<T>(url: string, parse: (json: unknown) => T, options: CallOptions = {}, mayRepeat = true): Promise<T> {
    // A call whose signal is already aborted starts nothing. (It used to create a flight, start
    // its fetch, abort it at once and leave the flight's rejection unhandled: found by
    // test/client.test.ts.)
    if (options.signal?.aborted) return Promise.reject(aborted(options.signal));
    const hit = this.peek<T>(url);
    if (hit !== undefined) return Promise.resolve(hit);
    let flight = inflight.get(url);
    // Every user left this flight, so it is being aborted (it stays in the map until it settles):
    // a new caller joining it would only get the abort, which widgets ignore, and stay loading
    // forever (found by test/faults.test.ts: <trainer-signup> retried while a request was in flight).
    if (flight?.controller.signal.aborted) flight = undefined;
    if (!flight) {
      const controller = new AbortController();
      const promise = this.fetchJson(url, { method: 'GET', headers: { Accept: 'application/json' } }, controller.signal, options.timeout, mayRepeat)
        .then((json) => {
          const value = parse(json);
          cache.set(url, { value, expires: Date.now() + this.options.cacheTtl });
          if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
          return value;
        })
        .finally(() => {
          if (inflight.get(url) === created) inflight.delete(url);
        });
      const created: Flight = { promise, controller, users: 0 };
      inflight.set(url, created);
      flight = created;
    }
    return this.join(flight, options.signal) as Promise<T>;
  }

  private join(flight: Flight, signal?: AbortSignal): Promise<unknown> {
    flight.users++;
    if (!signal) return flight.promise;
    return new Promise((resolve, reject) => {
      const leave = () => {
        if (--flight.users === 0) flight.controller.abort();
        reject(aborted(signal));
      };
      if (signal.aborted) return leave();
      signal.addEventListener('abort', leave, { once: true });
      flight.promise.then(
        (value) => {
          signal.removeEventListener('abort', leave);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', leave);
          reject(error);
        },
      );
    });
  }

  private async post<T>(path: string, body: unknown, schema: z.ZodMiniType<T>, options: SendOptions): Promise<T> {
    const url = this.url(path);
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    const json = await this.fetchJson(
      url,
      { method: 'POST', headers, body: JSON.stringify(body) },
      options.signal,
      options.timeout,
      // Without a key, a repeat could record the submission twice.
      Boolean(options.idempotencyKey),
    );
    return parseWith(schema, json, url);
  }

  private async fetchJson(
    url: string,
    init: RequestInit,
    signal: AbortSignal | undefined,
    callTimeout: number | undefined,
    mayRepeat: boolean,
  ): Promise<unknown> {
    const timeout = callTimeout ?? this.ownTimeout ?? pageTimeout ?? DEFAULT_TIMEOUT;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(url, init, signal, timeout);
      } catch (error) {
        if (!(error instanceof CampusApiError) || !mayRepeat || attempt >= this.options.retries) throw error;
        const again = error.kind === 'network' || (error.kind === 'http' && RETRY_STATUSES.has(error.status ?? 0));
        if (!again) throw error;
        const retryAfter = error.details.retryAfter;
        // The server asked for more patience than a reader has: let the widget say so.
        if (retryAfter !== undefined && retryAfter > this.options.maxRetryAfter) throw error;
        const backoff = 300 * 3 ** attempt * (0.75 + Math.random() / 2);
        await sleep(retryAfter !== undefined ? retryAfter * 1000 : backoff, signal);
      }
    }
  }

  private async attempt(url: string, init: RequestInit, signal: AbortSignal | undefined, timeout: number): Promise<unknown> {
    if (signal?.aborted) throw aborted(signal);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeout);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      let response: Response;
      try {
        response = await globalThis.fetch(url, { ...init, signal: controller.signal, credentials: 'omit' });
      } catch (cause) {
        if (signal?.aborted) throw aborted(signal);
        if (timedOut) throw new CampusApiError('timeout', `No answer from ${url} within ${timeout} ms`, { url, cause });
        throw new CampusApiError('network', `Cannot reach ${url}`, { url, cause });
      }
      let json: unknown;
      let readError: unknown;
      try {
        json = response.status === 204 ? undefined : await response.json();
      } catch (cause) {
        if (signal?.aborted) throw aborted(signal);
        if (timedOut) throw new CampusApiError('timeout', `No answer from ${url} within ${timeout} ms`, { url, cause });
        readError = cause;
      }
      const type = response.headers.get('Content-Type') ?? '';
      // A web page (the site's home page, its 404 page…) where the API should be. A proxy's
      // 502 or 503 page is an outage, not a wrong root: those stay HTTP errors, retried.
      if (/^text\/html/i.test(type) && (response.ok || response.status === 404)) {
        throw new CampusApiError('setup', `${url} answered a web page (${type}), not the campus API`, { url, status: response.status });
      }
      if (!response.ok) {
        const problem = json === undefined ? undefined : Problem.safeParse(json);
        if (response.status === 404 && ROOT_PATHS.test(new URL(url).pathname)) {
          throw new CampusApiError('setup', `HTTP 404 from ${url}: no campus API at this root`, { url, status: 404 });
        }
        throw new CampusApiError('http', `HTTP ${response.status} from ${url}`, {
          url,
          status: response.status,
          problem: problem?.success ? problem.data : undefined,
          retryAfter: parseRetryAfter(response.headers.get('Retry-After')),
        });
      }
      if (readError !== undefined) {
        throw new CampusApiError('invalid-response', `Unreadable answer from ${url}`, { url, cause: readError });
      }
      return json;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

const clients = new Map<string, CampusClient>();

/** The shared client for an API root. */
export function clientFor(root: string): CampusClient {
  let client = clients.get(root);
  if (!client) clients.set(root, (client = new CampusClient(root)));
  return client;
}

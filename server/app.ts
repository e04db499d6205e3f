/**
 * The campus service's public side: contract v1 under `/api/v1/…`, course
 * images and logos under `/media/…`, and `/health` and `/ready` for load
 * balancers. A Hono app (web-standard Request → Response) over a `Storage`,
 * with the catalogue's index kept in step by a `LiveCatalogue`.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { etag } from 'hono/etag';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { decodeQuery, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../src/api/query.js';
import { HONEYPOT, SubscriptionRequest, type EnrolmentRequest, type FieldError, type TrainerApplication } from '../src/api/schemas.js';
import { isOffered } from '../src/api/sessions.js';
import { fieldErrors, validateEnrolment, validateTrainerApplication } from '../src/api/validate.js';
import { publicSession, sessionSummary, type Catalogue, type IndexedSession } from './catalogue.js';
import { coursesCsv, CSV_CONTENT_TYPE, CSV_FILENAME, type CsvLabels } from './csv.js';
import { apiCors, BODY_LIMIT, DATA_CACHE, dataResponse, JSON_TYPE, jsonResponse, MEDIA_CACHE, problem, readJson, tooLarge, unavailable } from './http.js';
import type { LiveCatalogue } from './live-catalogue.js';
import { frenchMessage } from './messages.js';
import { buildOpenApi } from './openapi.js';
import { StorageUnavailable, type Receipt, type Storage, type Submission, type SubmitOutcome } from './storage/types.js';
import { hashOf, stableJson } from './util.js';
import { webmasterPath, type Webmaster } from './webmaster.js';

export { BODY_LIMIT } from './http.js';

/** Reads a media file by its checked relative path (`courses/data.svg`). */
export type MediaSource = (path: string) => Uint8Array | undefined;

export interface RateLimits {
  /** Submissions per client address per minute; 0: no limit. */
  perMinute: number;
  /** New requests per e-mail address per hour; 0: no limit. */
  perEmailPerHour: number;
}

/** One line of the request log: never a value from the request (no path parameters, query or body). */
export interface RequestLogEntry {
  method: string;
  /** The route's pattern, e.g. `/api/v1/courses/:id`. */
  route: string;
  status: number;
  durationMs: number;
  requestId: string;
}

export interface AppOptions {
  storage: Storage;
  catalogue: LiveCatalogue;
  /** Origins allowed to call the API from a browser; `*` (the default) allows all. */
  corsOrigins?: '*' | string[];
  media?: MediaSource;
  /**
   * The service's public address (`PUBLIC_URL`), for absolute image and logo
   * URLs; a function when it is known only once listening. Never the Host header.
   */
  publicUrl: string | (() => string);
  /** The client's address, as the server and `TRUSTED_PROXY_HOPS` tell it. */
  clientAddress?: (c: Context) => string | undefined;
  limits?: RateLimits;
  log?: (entry: RequestLogEntry) => void;
  /** The pages for the public (agent's space, manager's decision, alerts), under their own content security policy. */
  pages?: { app: Hono; contentSecurityPolicy: Record<string, string[]> };
  /** The staff office (`/office/…`), under its own content security policy. */
  office?: { app: Hono<any>; contentSecurityPolicy: Record<string, string[]> };
  /** The webmasters' routes (`/widgets/`, `/embed/`, `/integrer/`), with their own headers. */
  webmaster?: Webmaster;
  /** Settings the service cannot run without here (production): `/ready` names them while missing. */
  requiredSettings?: () => string[];
  now?: () => Date;
}

export const NO_LIMITS: RateLimits = { perMinute: 0, perEmailPerHour: 0 };

/** The public pages' paths (pages/index.ts). */
export const PAGE_PREFIXES = ['/mes-demandes/', '/decision/', '/alertes/', '/dsfr/'] as const;

/** Whether a request path belongs to the service (for mounting it inside another server). */
export function handlesPath(path: string): boolean {
  return path.startsWith('/api/') || path.startsWith('/office/api/') || path.startsWith('/media/') || path === '/health' || path === '/ready' || PAGE_PREFIXES.some((p) => path.startsWith(p)) || webmasterPath(path);
}

const MEDIA_TYPES: Record<string, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

const absolute = (origin: string, url: string | undefined) => (url?.startsWith('/') ? origin + url : url);

/**
 * What the routes derive from one catalogue index: labels, vocabularies, and
 * each course's JSON written once but for its image URL (absolute) and its
 * next session (whose seats change), so a page is mostly string joins.
 */
class View {
  readonly csvLabels: CsvLabels;
  readonly vocab: Record<'modes' | 'audiences' | 'skills' | 'statuses' | 'intents', Set<string>>;
  readonly courseHeads: string[];

  constructor(readonly catalogue: Catalogue) {
    const term = (list: { id: string; label: string }[]) => {
      const map = new Map(list.map((t) => [t.id, t.label]));
      return (id: string) => map.get(id) ?? id;
    };
    const orgNames = new Map(catalogue.organisations.map((o) => [o.id, o.name]));
    this.csvLabels = {
      kind: term(catalogue.vocabularies.kinds),
      mode: term(catalogue.vocabularies.modes),
      audience: term(catalogue.audiences),
      expertise: term(catalogue.expertises),
      organisation: (id) => orgNames.get(id) ?? id,
    };
    const ids = (list: { id: string }[]) => new Set(list.map((t) => t.id));
    this.vocab = {
      modes: ids(catalogue.vocabularies.modes),
      audiences: ids(catalogue.audiences),
      skills: new Set([...ids(catalogue.vocabularies.trainerSkills), ...ids(catalogue.expertises)]),
      statuses: ids(catalogue.vocabularies.trainerStatuses),
      intents: ids(catalogue.vocabularies.trainerIntents),
    };
    this.courseHeads = catalogue.courses.map(({ imageUrl: _image, nextSession: _next, ...rest }) => JSON.stringify(rest).slice(0, -1));
  }
}

interface Checked<T> {
  errors: FieldError[];
  value?: T;
}

export function createApp(options: AppOptions): Hono {
  const { storage } = options;
  const corsOrigins = options.corsOrigins ?? '*';
  const now = options.now ?? (() => new Date());
  const views = new WeakMap<Catalogue, View>();
  const view = (): View => {
    const catalogue = options.catalogue.current;
    let v = views.get(catalogue);
    if (!v) views.set(catalogue, (v = new View(catalogue)));
    return v;
  };
  const publicUrl = options.publicUrl;
  const originOf = (_c: Context) => (typeof publicUrl === 'function' ? publicUrl() : publicUrl);
  const limits = options.limits ?? NO_LIMITS;

  /** The sessions as served: seats counted now. */
  async function liveSessions(sessions: readonly IndexedSession[]) {
    const held = await storage.seatsHeld(sessions.filter((s) => s.capacity !== undefined).map((s) => s.id));
    return sessions.map((s) => publicSession(s, held.get(s.id) ?? 0));
  }

  /** Each course's JSON; `matched`: the session to show as next (the one a session filter found), per index. */
  async function courseJsons(v: View, indices: number[], origin: string, matched?: (IndexedSession | undefined)[]): Promise<string[]> {
    const nexts = indices.map((i, k) => matched?.[k] ?? v.catalogue.nextSessionAt(i));
    const live = await liveSessions(nexts.filter((s): s is IndexedSession => !!s));
    const byId = new Map(live.map((s) => [s.id, s]));
    return indices.map((index, k) => {
      const { imageUrl } = v.catalogue.courseAt(index);
      const next = nexts[k] && byId.get(nexts[k].id);
      let json = v.courseHeads[index];
      if (imageUrl) json += `,"imageUrl":${JSON.stringify(absolute(origin, imageUrl))}`;
      if (next) json += `,"nextSession":${JSON.stringify(sessionSummary(next))}`;
      return `${json}}`;
    });
  }

  // ------------------------------------------------------------- API
  const api = new Hono();
  const allow = new Map<string, string>();
  const route = (method: 'GET' | 'POST', path: string, handler: (c: Context) => Response | Promise<Response>) => {
    if (method === 'GET') api.get(path, handler);
    else api.post(path, handler);
    allow.set(path, [allow.get(path), method === 'GET' ? 'GET, HEAD' : method].filter(Boolean).join(', '));
  };

  route('GET', '/expertises', (c) => jsonResponse(c, { items: view().catalogue.expertises }));
  route('GET', '/audiences', (c) => jsonResponse(c, { items: view().catalogue.audiences }));
  route('GET', '/vocabularies', (c) => jsonResponse(c, view().catalogue.vocabularies));
  route('GET', '/organisations', (c) => {
    const origin = originOf(c);
    const items = view().catalogue.organisations.map((o) => (o.logoUrl ? { ...o, logoUrl: absolute(origin, o.logoUrl) } : o));
    return jsonResponse(c, { items });
  });

  route('GET', '/synonyms', (c) => jsonResponse(c, { items: view().catalogue.synonyms }));
  route('GET', '/suggest', (c) => jsonResponse(c, { items: view().catalogue.suggest(c.req.query('q') ?? '') }));

  route('GET', '/courses', async (c) => {
    const v = view();
    const query = decodeQuery(new URL(c.req.url).searchParams);
    const result = v.catalogue.search(query, { now: now().getTime() });
    const items = (await courseJsons(v, result.page, originOf(c), result.sessions)).join(',');
    const rest = JSON.stringify({
      total: result.total,
      page: query.page ?? 1,
      pageSize: Math.min(query.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
      facets: result.facets,
    });
    return dataResponse(`{"items":[${items}],${rest.slice(1)}`, JSON_TYPE);
  });

  route('GET', '/courses.csv', (c) => {
    const v = view();
    const query = decodeQuery(new URL(c.req.url).searchParams);
    const result = v.catalogue.search(query, { all: true, now: now().getTime() });
    const csv = coursesCsv(
      result.page.map((i) => v.catalogue.courseAt(i)),
      v.csvLabels,
    );
    return dataResponse(csv, CSV_CONTENT_TYPE, DATA_CACHE, {
      'Content-Disposition': `attachment; filename="${CSV_FILENAME}"`,
    });
  });

  route('GET', '/courses/:id', async (c) => {
    const v = view();
    const index = v.catalogue.indexOf(c.req.param('id') ?? '');
    if (index === undefined) return problem(404, { detail: "Cette formation n'existe pas ou plus." });
    const [json] = await courseJsons(v, [index], originOf(c));
    return dataResponse(json, JSON_TYPE);
  });
  route('GET', '/courses/:id/sessions', async (c) => {
    const catalogue = view().catalogue;
    const course = catalogue.course(c.req.param('id') ?? '');
    if (!course) return problem(404, { detail: "Cette formation n'existe pas ou plus." });
    return jsonResponse(c, { items: await liveSessions(catalogue.sessionsOf(course.id, now().getTime())) });
  });
  route('GET', '/privacy-notices/:id', (c) => {
    const notice = view().catalogue.privacyNotice(c.req.param('id') ?? '');
    if (!notice) return problem(404, { detail: "Cette notice d'information n'existe pas." });
    return jsonResponse(c, notice);
  });
  route('GET', '/openapi.json', (c) => jsonResponse(c, buildOpenApi()));

  // ------------------------------------------------------- submissions

  const invalid = (errors: FieldError[]) =>
    problem(422, {
      type: 'validation',
      detail: 'Certains champs sont à corriger.',
      errors: errors.map(frenchMessage),
    });

  const addError = (errors: FieldError[], field: string, code: string) => {
    if (!errors.some((e) => e.field === field || e.field.startsWith(`${field}.`))) errors.push({ field, code, message: '' });
  };

  function checkEnrolment(body: unknown): Checked<EnrolmentRequest> {
    const catalogue = view().catalogue;
    const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const course = typeof raw.courseId === 'string' ? catalogue.course(raw.courseId.trim()) : undefined;
    const { value, errors } = validateEnrolment(body, { managerApproval: course?.managerApproval ?? false });
    if (!course) {
      if (typeof raw.courseId === 'string' && raw.courseId.trim()) addError(errors, 'courseId', 'not_found');
      return { errors };
    }
    if (course.enrolment.mode === 'external') addError(errors, 'courseId', 'external');
    if (typeof raw.sessionId === 'string' && raw.sessionId.trim()) {
      const session = catalogue.session(raw.sessionId.trim());
      if (!session || session.courseId !== course.id) addError(errors, 'sessionId', 'not_found');
      else if (!isOffered(session, now().getTime())) addError(errors, 'sessionId', 'closed');
    }
    const notice = catalogue.privacyNotice(course.privacyNoticeId);
    if (notice && typeof raw.privacyNoticeVersion === 'string' && raw.privacyNoticeVersion.trim() !== notice.version) {
      addError(errors, 'privacyNoticeVersion', 'stale_notice');
    }
    return errors.length || !value ? { errors } : { errors, value };
  }

  function checkTrainerApplication(body: unknown): Checked<TrainerApplication> {
    const { catalogue, vocab } = view();
    const { value, errors } = validateTrainerApplication(body);
    const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const known = (set: Set<string>, v: unknown) => set.size === 0 || (typeof v === 'string' && set.has(v.trim()));
    const allKnown = (set: Set<string>, v: unknown) => !Array.isArray(v) || v.every((x) => known(set, x));
    if (!known(vocab.statuses, raw.status)) addError(errors, 'status', 'unknown_value');
    if (!known(vocab.intents, raw.intent)) addError(errors, 'intent', 'unknown_value');
    if (!allKnown(vocab.skills, raw.skills)) addError(errors, 'skills', 'unknown_value');
    const training = (raw.training && typeof raw.training === 'object' ? raw.training : {}) as Record<string, unknown>;
    if (!allKnown(vocab.modes, training.modes)) addError(errors, 'training.modes', 'unknown_value');
    if (!allKnown(vocab.audiences, training.audienceIds)) addError(errors, 'training.audienceIds', 'unknown_value');
    const notice = catalogue.trainerNoticeId ? catalogue.privacyNotice(catalogue.trainerNoticeId) : undefined;
    if (notice && typeof raw.privacyNoticeVersion === 'string' && raw.privacyNoticeVersion.trim() !== notice.version) {
      addError(errors, 'privacyNoticeVersion', 'stale_notice');
    }
    return errors.length || !value ? { errors } : { errors, value };
  }

  const created = (receipt: Receipt) =>
    new Response(JSON.stringify(receipt), {
      status: 201,
      headers: { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store' },
    });

  const rateLimited = (retryAfter: number) =>
    problem(429, {
      type: 'rate-limited',
      detail: 'Trop de demandes en peu de temps. Réessayez dans un moment.',
      headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfter))) },
    });

  function answer(outcome: SubmitOutcome): Response {
    switch (outcome.kind) {
      case 'rate_limited':
        return rateLimited(outcome.retryAfter);
      case 'key_reused':
        return problem(422, {
          type: 'idempotency-key-reused',
          detail: "Cette clé d'idempotence a déjà servi pour une autre demande.",
        });
      case 'closed':
        return invalid([{ field: 'sessionId', code: 'closed', message: '' }]);
      default:
        return created(outcome.receipt);
    }
  }

  function submission<T extends Record<string, unknown>>(
    check: (body: unknown) => Checked<T>,
    submit: (s: Submission<T>) => Promise<SubmitOutcome>,
  ) {
    return async (c: Context): Promise<Response> => {
      const address = options.clientAddress?.(c);
      if (limits.perMinute > 0 && address) {
        const at = now();
        const hits = await storage.hitRateLimit(`address:${address}`, 60_000, at);
        if (hits > limits.perMinute) return rateLimited(60 - (at.getTime() % 60_000) / 1000);
      }
      const key = c.req.header('Idempotency-Key');
      if (key !== undefined && !/^[\x21-\x7e]{1,255}$/.test(key)) {
        return problem(400, { type: 'invalid-idempotency-key', detail: "L'en-tête Idempotency-Key doit faire de 1 à 255 caractères ASCII visibles." });
      }
      const read = await readJson(c);
      if (read instanceof Response) return read;
      const bodyHash = await hashOf(stableJson(read.body));
      const checked = check(read.body);
      if (!checked.value) return invalid(checked.errors);
      const { [HONEYPOT]: trap, ...request } = checked.value;
      const outcome = await submit({
        request: request as T,
        bodyHash,
        ...(key ? { idempotencyKey: key } : {}),
        // A bot that filled the hidden field gets an ordinary answer and leaves no trace.
        honeypot: typeof trap === 'string' && trap.trim() !== '',
        emailLimitPerHour: limits.perEmailPerHour,
        now: now(),
      });
      return answer(outcome);
    };
  }

  route('POST', '/subscriptions', async (c) => {
    const address = options.clientAddress?.(c);
    if (limits.perMinute > 0 && address) {
      const at = now();
      if ((await storage.hitRateLimit(`address:${address}`, 60_000, at)) > limits.perMinute) return rateLimited(60 - (at.getTime() % 60_000) / 1000);
    }
    const read = await readJson(c);
    if (read instanceof Response) return read;
    const parsed = SubscriptionRequest.safeParse(read.body);
    const errors = parsed.success ? [] : fieldErrors(parsed.error.issues, read.body);
    const courseId = parsed.success ? parsed.data.courseId : undefined;
    if (courseId && !view().catalogue.course(courseId)) errors.push({ field: 'courseId', code: 'not_found', message: '' });
    if (errors.length || !parsed.success) return invalid(errors);
    const { [HONEYPOT]: trap, ...request } = parsed.data;
    await storage.subscribe({ courseId: request.courseId, email: request.email, locale: request.locale ?? 'fr', honeypot: typeof trap === 'string' && trap.trim() !== '', now: now() });
    // The same answer whatever the address: nothing is said of what it asked before.
    return new Response(JSON.stringify({ status: 'pending_confirmation' }), { status: 202, headers: { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store' } });
  });

  route('POST', '/enrolments', submission(checkEnrolment, (s) => storage.submitEnrolment(s)));
  route('POST', '/trainer-applications', submission(checkTrainerApplication, (s) => storage.submitTrainerApplication(s)));

  for (const [path, methods] of allow) {
    api.all(path, () => problem(405, { headers: { Allow: `${methods}, OPTIONS` } }));
  }

  // ------------------------------------------------------------ root
  const app = new Hono();
  app.use('*', requestId());
  // Hono's requestId() puts its header on answers built through the context; ours are plain Responses.
  app.use('*', async (c, next) => {
    await next();
    if (!c.res.headers.has('X-Request-Id')) c.res.headers.set('X-Request-Id', String(c.get('requestId')));
  });
  if (options.log) app.use('*', requestLog(options.log));
  // nosniff and no framing on every answer; answers of the API and images stay readable
  // from any intranet (Cross-Origin-Resource-Policy: cross-origin), as CORS allows.
  // Registered first, the images' policy is written last: an SVG opened directly runs no script.
  const headers = (contentSecurityPolicy: Record<string, string[]>): MiddlewareHandler =>
    secureHeaders({ crossOriginResourcePolicy: 'cross-origin', crossOriginOpenerPolicy: false, xFrameOptions: 'DENY', contentSecurityPolicy });
  app.use('/media/*', headers({ defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"] }));
  if (options.pages) {
    const pageHeaders = secureHeaders({ crossOriginResourcePolicy: 'same-origin', xFrameOptions: 'DENY', referrerPolicy: 'no-referrer', contentSecurityPolicy: options.pages.contentSecurityPolicy });
    for (const prefix of PAGE_PREFIXES) app.use(`${prefix}*`, pageHeaders);
  }
  if (options.office) {
    // The office is for this origin alone: its pages run their own scripts, nothing is shared across sites.
    const policy = options.office.contentSecurityPolicy;
    app.use('/office/*', secureHeaders({ crossOriginResourcePolicy: 'same-origin', xFrameOptions: 'DENY', contentSecurityPolicy: policy }));
    app.use('/office', secureHeaders({ crossOriginResourcePolicy: 'same-origin', xFrameOptions: 'DENY', contentSecurityPolicy: policy }));
  }
  if (options.webmaster) app.use('*', options.webmaster.headers);
  app.use('*', headers({ defaultSrc: ["'none'"], frameAncestors: ["'none'"] }));

  app.get('/health', () => new Response(JSON.stringify({ status: 'ok' }), { headers: { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store' } }));
  app.get('/ready', async () => {
    const missing = options.requiredSettings?.() ?? [];
    const state = missing.length ? { ok: false, reason: `missing settings: ${missing.join(', ')}` } : await storage.readiness();
    const ready = state.ok && options.catalogue.loaded;
    const body = ready ? { status: 'ready' } : { status: 'unavailable', reason: state.reason ?? 'catalogue not loaded' };
    return new Response(JSON.stringify(body), { status: ready ? 200 : 503, headers: { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store' } });
  });

  app.use('/api/*', apiCors(corsOrigins));
  app.use('/media/*', apiCors(corsOrigins));
  app.use('/api/*', etag());
  app.use('/media/*', etag());
  app.post('/api/*', bodyLimit({ maxSize: BODY_LIMIT, onError: () => tooLarge() }));
  app.notFound(() => problem(404));
  app.onError((err) => {
    if (err instanceof StorageUnavailable) return unavailable();
    // The error's name and code only: a message may quote a request's values.
    const code = (err as { code?: unknown }).code;
    console.error(
      JSON.stringify({ level: 'error', message: 'unhandled error', error: err instanceof Error ? err.name : 'unknown', ...(typeof code === 'string' ? { code } : {}) }),
    );
    return problem(500);
  });

  app.get('/media/*', (c) => {
    const encoded = new URL(c.req.url).pathname.slice('/media/'.length);
    let path: string;
    try {
      path = decodeURIComponent(encoded);
    } catch {
      return problem(404);
    }
    // Plain names only: no "..", no hidden files, no backslashes, no absolute paths.
    const type = MEDIA_TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()];
    const bytes =
      type && options.media && /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)*$/i.test(path) && !path.includes('..')
        ? options.media(path)
        : undefined;
    if (!bytes) return problem(404);
    return dataResponse(bytes, type, MEDIA_CACHE);
  });
  app.all('/media/*', () => problem(405, { headers: { Allow: 'GET, HEAD, OPTIONS' } }));

  app.route('/api/v1', api);
  if (options.pages) app.route('/', options.pages.app);
  if (options.webmaster) app.route('/', options.webmaster.app);
  if (options.office) {
    app.get('/office', () => new Response(null, { status: 308, headers: { Location: '/office/' } }));
    app.route('/office', options.office.app);
  }
  return app;
}

/** One JSON line per request, after it is answered. */
function requestLog(log: (entry: RequestLogEntry) => void): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      log({
        method: c.req.method,
        route: c.req.routePath || 'unmatched',
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        requestId: String(c.get('requestId') ?? ''),
      });
    }
  };
}

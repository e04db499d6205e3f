/**
 * The reference server of contract v1: a Hono app (web-standard Request →
 * Response) serving `/api/v1/...` and `/media/...`, and in test mode the same
 * API under `/test/<faults>/api/v1/...` so a browser test picks a fault just
 * by choosing the widget's `api-base`.
 */
import { createHash } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { decodeQuery, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../src/api/query.js';
import { HONEYPOT, type FieldError, type Session } from '../../src/api/schemas.js';
import { validateEnrolment, validateTrainerApplication } from '../../src/api/validate.js';
import { coursesCsv, CSV_CONTENT_TYPE, CSV_FILENAME, type CsvLabels } from './csv.js';
import { buildOpenApi } from './openapi.js';
import { Catalogue, loadSeed, readMedia, sessionSummary, type SeedData } from './seed.js';
import { SubmissionStore, SUBMISSION_KINDS, type Receipt, type SubmissionKind } from './store.js';
import { hostileData } from './hostile.js';

export type { SeedData } from './seed.js';

export interface AppOptions {
  /** The catalogue; read from `demo/api/data` when left out. */
  data?: SeedData;
  /** Where submissions are kept (JSON lines). */
  dataDir: string;
  /** Origins allowed to call the API from a browser; `*` (the default) allows all. */
  corsOrigins?: '*' | string[];
  /** Fault injection under `/test/...` and the records endpoint. Never in the demo. */
  testMode?: boolean;
}

export const BODY_LIMIT = 32 * 1024;
const DATA_CACHE = 'public, max-age=60, stale-while-revalidate=300';
const MEDIA_CACHE = 'public, max-age=86400';
const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';
const PROBLEM_BASE = 'urn:campus-numerique:problem:';
const ALLOWED_HEADERS = 'Content-Type, Idempotency-Key, Accept-Language';
const EXPOSED_HEADERS = 'ETag, Retry-After, Location, Content-Disposition';
/** Caps a `hang` fault, so a test that forgets to abort does not leak a request forever. */
const HANG_LIMIT_MS = 5 * 60 * 1000;

const testModeApps = new WeakMap<Hono, boolean>();

/** Whether a request path belongs to this app (for mounting it inside another server). */
export function handlesPath(app: Hono, path: string): boolean {
  if (path.startsWith('/api/') || path.startsWith('/media/')) return true;
  return testModeApps.get(app) === true && /^\/test\/(records\/|requests$|[^/]+\/api\/)/.test(path);
}

// --------------------------------------------------------------- helpers

/** A short digest of a body, for ETags and idempotency: native, since bodies reach 100 KB. */
function hash(input: string | Uint8Array): string {
  return createHash('sha1').update(input).digest('base64url').slice(0, 22);
}

/** JSON with sorted keys, so two equal bodies hash the same whatever their key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/** A GET answer: ETag from the body, and 304 when the client already has it. */
function cachedResponse(
  c: Context,
  body: string | Uint8Array,
  contentType: string,
  cacheControl = DATA_CACHE,
  extra: Record<string, string> = {},
): Response {
  const etag = `"${hash(body)}"`;
  if (etagMatches(c.req.header('If-None-Match'), etag)) {
    return new Response(null, { status: 304, headers: { ETag: etag, 'Cache-Control': cacheControl } });
  }
  const headers = { 'Content-Type': contentType, 'Cache-Control': cacheControl, ETag: etag, ...extra };
  return new Response(body as BodyInit, { status: 200, headers });
}

const jsonResponse = (c: Context, value: unknown, cacheControl = DATA_CACHE) =>
  cachedResponse(c, JSON.stringify(value), JSON_TYPE, cacheControl);

const TITLES: Record<number, string> = {
  400: 'Requête invalide',
  404: 'Ressource introuvable',
  405: 'Méthode non autorisée',
  408: "Délai d'attente dépassé",
  413: 'Requête trop volumineuse',
  415: 'Type de contenu non pris en charge',
  422: 'Données invalides',
  429: 'Trop de requêtes',
  500: 'Erreur interne du serveur',
  502: 'Passerelle en erreur',
  503: 'Service indisponible',
  504: "Délai d'attente de la passerelle dépassé",
};

interface ProblemInit {
  detail?: string;
  type?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

function problem(status: number, init: ProblemInit = {}): Response {
  const body = {
    type: init.type ? PROBLEM_BASE + init.type : 'about:blank',
    title: TITLES[status] ?? (status >= 500 ? 'Erreur du serveur' : 'Requête refusée'),
    status,
    ...(init.detail ? { detail: init.detail } : {}),
    ...(init.errors ? { errors: init.errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': PROBLEM_TYPE, 'Cache-Control': 'no-store', ...init.headers },
  });
}

const absolute = (origin: string, url: string | undefined) => (url?.startsWith('/') ? origin + url : url);

// ------------------------------------------------------ French messages

const FIELD_LABELS: Record<string, string> = {
  courseId: 'formation',
  sessionId: 'session',
  givenName: 'prénom',
  familyName: 'nom',
  email: 'adresse électronique',
  organisation: 'administration ou organisme',
  jobTitle: 'fonction',
  managerEmail: 'adresse électronique de votre responsable',
  accommodation: "besoins d'aménagement",
  comment: 'commentaire',
  privacyNoticeVersion: "version de la notice d'information",
  locale: 'langue',
  status: 'statut',
  skills: 'compétences',
  intent: 'proposition',
  training: 'formation proposée',
  'training.title': 'intitulé de la formation proposée',
  'training.summary': 'description de la formation proposée',
  'training.modes': 'modalités de la formation proposée',
  'training.duration': 'durée de la formation proposée',
  'training.audienceIds': 'publics de la formation proposée',
  availability: 'disponibilités',
  places: 'lieux',
  remote: 'intervention à distance',
  links: 'liens',
  [HONEYPOT]: 'site web',
};

function labelOf(field: string): string {
  const path = field.split('.').filter((part) => !/^\d+$/.test(part)).join('.');
  return FIELD_LABELS[path] ?? FIELD_LABELS[path.split('.')[0]] ?? field;
}

/** One French sentence per error code; the codes stay the contract, the words are the server's. */
function frenchMessage(error: FieldError): FieldError {
  const label = labelOf(error.field);
  const messages: Record<string, string> = {
    required: `Ce champ est obligatoire : ${label}.`,
    too_long: `Ce texte est trop long : ${label}.`,
    too_many: `Trop de valeurs : ${label}.`,
    too_few: `Pas assez de valeurs : ${label}.`,
    invalid_email: `Adresse électronique invalide (${label}). Exemple : prenom.nom@exemple.gouv.fr.`,
    invalid_url: `Adresse web invalide (${label}) : elle doit commencer par https:// ou http://.`,
    unknown_field: `Champ inconnu : « ${error.field} ».`,
    not_found: error.field === 'sessionId' ? "Cette session n'existe pas pour cette formation." : 'Formation introuvable.',
    closed: 'Les inscriptions à cette session sont closes.',
    external: "L'inscription à cette formation se fait sur le site de l'organisme.",
    stale_notice: "La notice d'information a changé : relisez-la avant d'envoyer votre demande.",
    unknown_value: `Valeur inconnue : ${label}.`,
  };
  return { ...error, message: messages[error.code] ?? `Valeur invalide : ${label}.` };
}

// ------------------------------------------------------- fault injection

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

// ------------------------------------------------------------ the app

export function createApp(options: AppOptions): Hono {
  const catalogue = new Catalogue(options.data ?? loadSeed());
  const store = new SubmissionStore(options.dataDir);
  const corsOrigins = options.corsOrigins ?? '*';
  const faultCounters = new Map<string, number>();

  // Seats taken before a restart are taken again.
  for (const record of store.list('enrolments')) {
    const session = record.receipt.sessionId ? catalogue.session(record.receipt.sessionId) : undefined;
    if (session && record.receipt.status !== 'waitlisted') catalogue.takeSeat(session);
  }

  const term = (list: { id: string; label: string }[]) => {
    const map = new Map(list.map((t) => [t.id, t.label]));
    return (id: string) => map.get(id) ?? id;
  };
  const orgNames = new Map(catalogue.organisations.map((o) => [o.id, o.name]));
  const csvLabels: CsvLabels = {
    kind: term(catalogue.vocabularies.kinds),
    mode: term(catalogue.vocabularies.modes),
    audience: term(catalogue.audiences),
    expertise: term(catalogue.expertises),
    organisation: (id) => orgNames.get(id) ?? id,
  };
  const ids = (list: { id: string }[]) => new Set(list.map((t) => t.id));
  const vocab = {
    modes: ids(catalogue.vocabularies.modes),
    audiences: ids(catalogue.audiences),
    skills: new Set([...ids(catalogue.vocabularies.trainerSkills), ...ids(catalogue.expertises)]),
    statuses: ids(catalogue.vocabularies.trainerStatuses),
    intents: ids(catalogue.vocabularies.trainerIntents),
  };

  const originOf = (c: Context) => new URL(c.req.url).origin;

  // Each course's JSON is written once, but for its image URL (absolute on the request's
  // origin) and its next session (whose seats change): a page is then mostly string joins.
  const courseHeads = catalogue.courses.map(({ imageUrl: _image, nextSession: _next, ...rest }) =>
    JSON.stringify(rest).slice(0, -1),
  );
  const courseJson = (index: number, origin: string): string => {
    const { imageUrl } = catalogue.courseAt(index);
    const next = catalogue.nextSessionAt(index);
    let json = courseHeads[index];
    if (imageUrl) json += `,"imageUrl":${JSON.stringify(absolute(origin, imageUrl))}`;
    if (next) json += `,"nextSession":${JSON.stringify(sessionSummary(next))}`;
    return `${json}}`;
  };

  // ------------------------------------------------------------- API
  const api = new Hono();
  const allow = new Map<string, string>();
  const route = (method: 'GET' | 'POST', path: string, handler: (c: Context) => Response | Promise<Response>) => {
    if (method === 'GET') api.get(path, handler);
    else api.post(path, handler);
    allow.set(path, [allow.get(path), method === 'GET' ? 'GET, HEAD' : method].filter(Boolean).join(', '));
  };

  route('GET', '/expertises', (c) => jsonResponse(c, { items: catalogue.expertises }));
  route('GET', '/audiences', (c) => jsonResponse(c, { items: catalogue.audiences }));
  route('GET', '/vocabularies', (c) => jsonResponse(c, catalogue.vocabularies));
  route('GET', '/organisations', (c) => {
    const origin = originOf(c);
    const items = catalogue.organisations.map((o) => (o.logoUrl ? { ...o, logoUrl: absolute(origin, o.logoUrl) } : o));
    return jsonResponse(c, { items });
  });

  route('GET', '/courses', (c) => {
    const url = new URL(c.req.url);
    const query = decodeQuery(url.searchParams);
    const result = catalogue.search(query);
    const items = result.page.map((i) => courseJson(i, url.origin)).join(',');
    const rest = JSON.stringify({
      total: result.total,
      page: query.page ?? 1,
      pageSize: Math.min(query.pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
      facets: result.facets,
    });
    return cachedResponse(c, `{"items":[${items}],${rest.slice(1)}`, JSON_TYPE);
  });

  route('GET', '/courses.csv', (c) => {
    const query = decodeQuery(new URL(c.req.url).searchParams);
    const result = catalogue.search(query, { all: true });
    const csv = coursesCsv(
      result.page.map((i) => catalogue.courseAt(i)),
      csvLabels,
    );
    return cachedResponse(c, csv, CSV_CONTENT_TYPE, DATA_CACHE, {
      'Content-Disposition': `attachment; filename="${CSV_FILENAME}"`,
    });
  });

  route('GET', '/courses/:id', (c) => {
    const index = catalogue.indexOf(c.req.param('id') ?? '');
    if (index === undefined) return problem(404, { detail: "Cette formation n'existe pas ou plus." });
    return cachedResponse(c, courseJson(index, originOf(c)), JSON_TYPE);
  });
  route('GET', '/courses/:id/sessions', (c) => {
    const course = catalogue.course(c.req.param('id') ?? '');
    if (!course) return problem(404, { detail: "Cette formation n'existe pas ou plus." });
    return jsonResponse(c, { items: catalogue.sessionsOf(course.id) });
  });
  route('GET', '/privacy-notices/:id', (c) => {
    const notice = catalogue.privacyNotice(c.req.param('id') ?? '');
    if (!notice) return problem(404, { detail: "Cette notice d'information n'existe pas." });
    return jsonResponse(c, notice);
  });
  route('GET', '/openapi.json', (c) => jsonResponse(c, buildOpenApi()));

  // ------------------------------------------------------- submissions

  /** The JSON body, or the problem answering why it cannot be read. */
  async function readJson(c: Context): Promise<{ body: unknown } | Response> {
    const [mediaType, ...params] = (c.req.header('Content-Type') ?? '').split(';').map((s) => s.trim().toLowerCase());
    const charset = params.find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '');
    if (mediaType !== 'application/json' || (charset && charset !== 'utf-8')) {
      return problem(415, { detail: 'Le corps de la requête doit être du JSON (Content-Type: application/json).' });
    }
    const tooLarge = () => problem(413, { detail: `Le corps de la requête dépasse ${BODY_LIMIT / 1024} Kio.` });
    const declared = Number(c.req.header('Content-Length'));
    if (declared > BODY_LIMIT) return tooLarge();
    // Counted on the bytes received: a chunked body has no Content-Length to trust.
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = c.req.raw.body?.getReader();
    if (reader) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > BODY_LIMIT) {
          await reader.cancel().catch(() => undefined);
          return tooLarge();
        }
        chunks.push(value);
      }
    }
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    try {
      return { body: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
    } catch {
      return problem(400, { type: 'malformed-json', detail: "Le corps de la requête n'est pas un JSON valide." });
    }
  }

  const invalid = (errors: FieldError[]) =>
    problem(422, {
      type: 'validation',
      detail: 'Certains champs sont à corriger.',
      errors: errors.map(frenchMessage),
    });

  const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  function newReference(now: Date): string {
    for (;;) {
      const random = crypto.getRandomValues(new Uint8Array(6));
      const code = [...random].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join('');
      const reference = `CNP-${now.getUTCFullYear()}-${code}`;
      if (!store.isReferenceTaken(reference)) return reference;
    }
  }

  interface Checked {
    errors: FieldError[];
    value?: Record<string, unknown>;
    noticeVersion?: string;
    /** Builds the receipt of a new request. */
    receipt?: (reference: string, createdAt: string) => Receipt;
    /** Called when the request is really recorded. */
    commit?: () => void;
  }

  function checkEnrolment(body: unknown): Checked {
    const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const course = typeof raw.courseId === 'string' ? catalogue.course(raw.courseId.trim()) : undefined;
    const { value, errors } = validateEnrolment(body, { managerApproval: course?.managerApproval ?? false });
    const add = (field: string, code: string) => {
      if (!errors.some((e) => e.field === field)) errors.push({ field, code, message: '' });
    };
    if (!course) {
      if (typeof raw.courseId === 'string' && raw.courseId.trim()) add('courseId', 'not_found');
      return { errors };
    }
    if (course.enrolment.mode === 'external') add('courseId', 'external');
    let session: Session | undefined;
    if (typeof raw.sessionId === 'string' && raw.sessionId.trim()) {
      session = catalogue.session(raw.sessionId.trim());
      if (!session || session.courseId !== course.id) add('sessionId', 'not_found');
      else if (!catalogue.isSessionOpen(session)) add('sessionId', 'closed');
    }
    const notice = catalogue.privacyNotice(course.privacyNoticeId);
    if (notice && typeof raw.privacyNoticeVersion === 'string' && raw.privacyNoticeVersion.trim() !== notice.version) {
      add('privacyNoticeVersion', 'stale_notice');
    }
    if (errors.length || !value) return { errors };
    const status =
      session && catalogue.isSessionFull(session) ? 'waitlisted' : course.managerApproval ? 'pending_manager' : 'submitted';
    return {
      errors,
      value: value as Record<string, unknown>,
      noticeVersion: value.privacyNoticeVersion,
      receipt: (reference, createdAt) => ({
        reference,
        status,
        courseId: course.id,
        ...(session ? { sessionId: session.id } : {}),
        createdAt,
      }),
      commit: () => {
        if (session && status !== 'waitlisted') catalogue.takeSeat(session);
      },
    };
  }

  function checkTrainerApplication(body: unknown): Checked {
    const { value, errors } = validateTrainerApplication(body);
    const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const add = (field: string, code: string) => {
      if (!errors.some((e) => e.field === field || e.field.startsWith(`${field}.`))) errors.push({ field, code, message: '' });
    };
    const known = (set: Set<string>, v: unknown) => set.size === 0 || (typeof v === 'string' && set.has(v.trim()));
    const allKnown = (set: Set<string>, v: unknown) => !Array.isArray(v) || v.every((x) => known(set, x));
    if (!known(vocab.statuses, raw.status)) add('status', 'unknown_value');
    if (!known(vocab.intents, raw.intent)) add('intent', 'unknown_value');
    if (!allKnown(vocab.skills, raw.skills)) add('skills', 'unknown_value');
    const training = (raw.training && typeof raw.training === 'object' ? raw.training : {}) as Record<string, unknown>;
    if (!allKnown(vocab.modes, training.modes)) add('training.modes', 'unknown_value');
    if (!allKnown(vocab.audiences, training.audienceIds)) add('training.audienceIds', 'unknown_value');
    const notice = catalogue.trainerNoticeId ? catalogue.privacyNotice(catalogue.trainerNoticeId) : undefined;
    if (notice && typeof raw.privacyNoticeVersion === 'string' && raw.privacyNoticeVersion.trim() !== notice.version) {
      add('privacyNoticeVersion', 'stale_notice');
    }
    if (errors.length || !value) return { errors };
    return {
      errors,
      value: value as Record<string, unknown>,
      noticeVersion: value.privacyNoticeVersion,
      receipt: (reference, createdAt) => ({ reference, status: 'submitted', createdAt }),
    };
  }

  const created = (receipt: Receipt) =>
    new Response(JSON.stringify(receipt), {
      status: 201,
      headers: { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store' },
    });

  function submission(kind: SubmissionKind, check: (body: unknown) => Checked) {
    return async (c: Context): Promise<Response> => {
      const key = c.req.header('Idempotency-Key');
      if (key !== undefined && !/^[\x21-\x7e]{1,255}$/.test(key)) {
        return problem(400, { type: 'invalid-idempotency-key', detail: "L'en-tête Idempotency-Key doit faire de 1 à 255 caractères ASCII visibles." });
      }
      const read = await readJson(c);
      if (read instanceof Response) return read;
      // From here on no await: checking and recording happen in one turn of the event loop.
      const bodyHash = hash(stableJson(read.body));
      if (key) {
        const earlier = store.answerFor(kind, key);
        if (earlier && earlier.bodyHash === bodyHash) return created(earlier.receipt);
        if (earlier) {
          return problem(422, {
            type: 'idempotency-key-reused',
            detail: "Cette clé d'idempotence a déjà servi pour une autre demande.",
          });
        }
      }
      const checked = check(read.body);
      if (!checked.value || !checked.receipt) return invalid(checked.errors);

      const now = new Date();
      const createdAt = now.toISOString();
      const raw = read.body as Record<string, unknown>;
      const remember = (receipt: Receipt) => {
        if (key) store.rememberKey(kind, key, { bodyHash, receipt });
        return created(receipt);
      };
      // A bot that filled the hidden field gets an ordinary answer and leaves no trace.
      if (typeof raw[HONEYPOT] === 'string' && raw[HONEYPOT].trim() !== '') {
        return remember(checked.receipt(newReference(now), createdAt));
      }
      const { [HONEYPOT]: _honeypot, ...request } = checked.value;
      // A repeat is answered as a first request would be now (status included), carrying the
      // earlier reference: the answer tells nothing of what someone with this e-mail asked before.
      const earlier = kind === 'enrolments' ? store.findEnrolment(request) : undefined;
      if (earlier) return remember(checked.receipt(earlier.receipt.reference, createdAt));

      const receipt = checked.receipt(newReference(now), createdAt);
      store.append({
        kind,
        request,
        receipt,
        ...(key ? { idempotencyKey: key } : {}),
        bodyHash,
        privacyNoticeVersion: checked.noticeVersion ?? '',
        storedAt: createdAt,
      });
      checked.commit?.();
      return created(receipt);
    };
  }

  route('POST', '/enrolments', submission('enrolments', checkEnrolment));
  route('POST', '/trainer-applications', submission('trainer-applications', checkTrainerApplication));

  for (const [path, methods] of allow) {
    api.all(path, () => problem(405, { headers: { Allow: `${methods}, OPTIONS` } }));
  }

  // ------------------------------------------------------------ root
  const app = new Hono();
  testModeApps.set(app, options.testMode === true);
  // Test mode: log every request (preflights included, so before cors) for GET /test/requests.
  const requestLog = options.testMode ? new RequestLog() : undefined;
  if (requestLog) app.use('*', requestLog.middleware());

  app.use('*', cors(corsOrigins));
  app.notFound(() => problem(404));
  app.onError((err) => {
    console.error(err);
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
      type && catalogue.mediaDir && /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)*$/i.test(path) && !path.includes('..')
        ? readMedia(catalogue.mediaDir, path)
        : undefined;
    if (!bytes) return problem(404);
    return cachedResponse(c, bytes, type, MEDIA_CACHE, {
      // An SVG opened directly must not run scripts.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
  });
  app.all('/media/*', () => problem(405, { headers: { Allow: 'GET, HEAD, OPTIONS' } }));

  app.route('/api/v1', api);

  if (requestLog) {
    app.get('/test/requests', (c) => jsonResponse(c, requestLog.since(Number(c.req.query('since') ?? 0)), 'no-store'));
  }
  if (options.testMode) {
    app.get('/test/records/:kind', (c) => {
      const kind = c.req.param('kind') as SubmissionKind;
      if (!SUBMISSION_KINDS.includes(kind)) return problem(404);
      const email = c.req.query('email')?.trim().toLowerCase();
      const items = store
        .list(kind)
        .filter((r) => !email || String(r.request.email ?? '').toLowerCase() === email);
      return jsonResponse(c, { items }, 'no-store');
    });
    app.use('/test/:modifiers/api/v1/*', faultInjection(faultCounters));
    // `data=hostile`: the hostile corpus (demo/api/hostile.ts) instead of the seed, faults still applying.
    app.use('/test/:modifiers/api/v1/*', hostileData((data) => createApp({ ...options, data: { ...data, mediaDir: catalogue.mediaDir }, dataDir: `${options.dataDir}/hostile`, testMode: false })));
    app.route('/test/:modifiers/api/v1', api);
  }
  return app;
}

const MEDIA_TYPES: Record<string, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

function cors(origins: '*' | string[]): MiddlewareHandler {
  const allowed = (origin: string | undefined) =>
    origins === '*' ? '*' : origin && origins.includes(origin) ? origin : undefined;
  return async (c, next) => {
    const allowOrigin = allowed(c.req.header('Origin'));
    if (c.req.method === 'OPTIONS') {
      const headers: Record<string, string> = { Allow: 'GET, HEAD, POST, OPTIONS', Vary: 'Origin' };
      if (allowOrigin) {
        Object.assign(headers, {
          'Access-Control-Allow-Origin': allowOrigin,
          'Access-Control-Allow-Methods': 'GET, POST',
          'Access-Control-Allow-Headers': ALLOWED_HEADERS,
          'Access-Control-Max-Age': '86400',
        });
      }
      return new Response(null, { status: 204, headers });
    }
    await next();
    const headers = c.res.headers;
    headers.append('Vary', 'Origin');
    if (allowOrigin) {
      headers.set('Access-Control-Allow-Origin', allowOrigin);
      headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
  };
}

function faultInjection(counters: Map<string, number>): MiddlewareHandler {
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
    // Hono merges the old response's headers into a new one (ETag, caching): drop it first.
    c.res = undefined as unknown as Response;
    c.res = new Response(body, { status, headers: { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-store' } });
  };
}

// ------------------------------------------------------- request log (test mode)

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
class RequestLog {
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

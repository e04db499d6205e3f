/**
 * HTTP building blocks of the public API: problem details (RFC 9457), data
 * answers, the JSON body reader, CORS. Web APIs only (the routes
 * also run in the browser for the static Storybook).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { FieldError } from '../src/api/schemas.js';

export const BODY_LIMIT = 32 * 1024;
export const DATA_CACHE = 'public, max-age=60, stale-while-revalidate=300';
export const MEDIA_CACHE = 'public, max-age=86400';
export const JSON_TYPE = 'application/json; charset=utf-8';
export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';
const PROBLEM_BASE = 'urn:campus-numerique:problem:';
const ALLOWED_HEADERS = 'Content-Type, Idempotency-Key, Accept-Language';
const EXPOSED_HEADERS = 'ETag, Retry-After, Location, Content-Disposition';

/** A GET answer with its ETag; Hono's `etag()` middleware answers 304 for a matching If-None-Match. */
export function dataResponse(
  body: string | Uint8Array,
  contentType: string,
  cacheControl = DATA_CACHE,
  extra: Record<string, string> = {},
): Response {
  return new Response(body as BodyInit, { status: 200, headers: { 'Content-Type': contentType, 'Cache-Control': cacheControl, ETag: etagOf(body), ...extra } });
}

/**
 * A strong validator computed from the body the route already holds: two
 * 32-bit multiplicative hashes (FNV-1a and a MurmurHash2 multiplier) and the length. Hono's `etag()`
 * would otherwise clone the answer's stream and digest it again (about 1 ms
 * an answer, measured); an ETag only tells versions of one URL apart.
 */
export function etagOf(body: string | Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  if (typeof body === 'string') {
    for (let i = 0; i < body.length; i++) {
      const unit = body.charCodeAt(i);
      a = Math.imul(a ^ unit, 0x01000193);
      b = Math.imul(b ^ unit, 0x5bd1e995);
    }
  } else {
    for (let i = 0; i < body.length; i++) {
      a = Math.imul(a ^ body[i], 0x01000193);
      b = Math.imul(b ^ body[i], 0x5bd1e995);
    }
  }
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  return `"${body.length.toString(36)}-${(a >>> 0).toString(36)}-${((b ^ (b >>> 16)) >>> 0).toString(36)}"`;
}

export const jsonResponse = (_c: Context, value: unknown, cacheControl = DATA_CACHE) => dataResponse(JSON.stringify(value), JSON_TYPE, cacheControl);

const TITLES: Record<number, string> = {
  400: 'Requête invalide',
  404: 'Ressource introuvable',
  405: 'Méthode non autorisée',
  408: "Délai d'attente dépassé",
  409: 'Conflit',
  413: 'Requête trop volumineuse',
  415: 'Type de contenu non pris en charge',
  422: 'Données invalides',
  429: 'Trop de requêtes',
  500: 'Erreur interne du serveur',
  502: 'Passerelle en erreur',
  503: 'Service indisponible',
  504: "Délai d'attente de la passerelle dépassé",
};

export interface ProblemInit {
  detail?: string;
  type?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

export function problem(status: number, init: ProblemInit = {}): Response {
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

/** The store could not take the request: nothing was acknowledged, the client may retry. */
export const unavailable = () =>
  problem(503, {
    type: 'storage-unavailable',
    detail: "Le service ne peut pas enregistrer de demande pour l'instant. Rien n'a été enregistré : réessayez dans un moment.",
    headers: { 'Retry-After': '5' },
  });

/** How deep a request body may nest: the contract's requests nest three levels. */
export const MAX_DEPTH = 32;

/** Whether a parsed value nests deeper than `max` (walked without recursion). */
export function nestsDeeper(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

export const tooLarge = () => problem(413, { detail: `Le corps de la requête dépasse ${BODY_LIMIT / 1024} Kio.` });

/**
 * The JSON body, or the problem answering why it cannot be read. Its size is
 * held by Hono's `bodyLimit()` in front of the route (chunked bodies included).
 */
export async function readJson(c: Context): Promise<{ body: unknown } | Response> {
  const [mediaType, ...params] = (c.req.header('Content-Type') ?? '').split(';').map((s) => s.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '');
  if (mediaType !== 'application/json' || (charset && charset !== 'utf-8')) {
    return problem(415, { detail: 'Le corps de la requête doit être du JSON (Content-Type: application/json).' });
  }
  // No encoding is decoded here: a compressed body would be read as garbage, or never checked.
  const encoding = (c.req.header('Content-Encoding') ?? '').trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    return problem(415, { type: 'unsupported-encoding', detail: 'Le corps de la requête doit être envoyé sans compression (Content-Encoding).' });
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer()));
  } catch {
    return problem(400, { type: 'malformed-json', detail: "Le corps de la requête n'est pas un JSON valide." });
  }
  if (nestsDeeper(body, MAX_DEPTH)) {
    return problem(400, { type: 'too-deep', detail: `Le corps de la requête imbrique plus de ${MAX_DEPTH} niveaux.` });
  }
  return { body };
}

/**
 * CORS for the public API (Hono's middleware). The open cross-origin POST is
 * intended: any intranet may embed the forms; `CORS_ORIGINS` restricts it.
 * Lists are given as one pre-joined value so the headers keep the exact
 * wording clients already cache (`GET, POST`); the origin is a function so
 * that `Vary: Origin` is always sent.
 */
export function apiCors(origins: '*' | string[]): MiddlewareHandler {
  const allowed = (origin: string) => (origins === '*' ? '*' : origins.includes(origin) ? origin : null);
  return cors({
    origin: allowed,
    allowMethods: (origin) => (allowed(origin) ? ['GET, POST'] : []),
    allowHeaders: [ALLOWED_HEADERS],
    exposeHeaders: [EXPOSED_HEADERS],
    maxAge: 86400,
  });
}

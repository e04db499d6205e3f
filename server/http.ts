/**
 * HTTP building blocks of the public API: problem details (RFC 9457), cached
 * answers with ETags, the JSON body reader, CORS. Web APIs only (the routes
 * also run in the browser for the static Storybook).
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { FieldError } from '../src/api/schemas.js';
import { hashOf } from './util.js';

export const BODY_LIMIT = 32 * 1024;
export const DATA_CACHE = 'public, max-age=60, stale-while-revalidate=300';
export const MEDIA_CACHE = 'public, max-age=86400';
export const JSON_TYPE = 'application/json; charset=utf-8';
export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';
const PROBLEM_BASE = 'urn:campus-numerique:problem:';
const ALLOWED_HEADERS = 'Content-Type, Idempotency-Key, Accept-Language';
const EXPOSED_HEADERS = 'ETag, Retry-After, Location, Content-Disposition';

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/** A GET answer: ETag from the body, and 304 when the client already has it. */
export async function cachedResponse(
  c: Context,
  body: string | Uint8Array,
  contentType: string,
  cacheControl = DATA_CACHE,
  extra: Record<string, string> = {},
): Promise<Response> {
  const etag = `"${(await hashOf(body)).slice(0, 22)}"`;
  if (etagMatches(c.req.header('If-None-Match'), etag)) {
    return new Response(null, { status: 304, headers: { ETag: etag, 'Cache-Control': cacheControl } });
  }
  const headers = { 'Content-Type': contentType, 'Cache-Control': cacheControl, ETag: etag, ...extra };
  return new Response(body as BodyInit, { status: 200, headers });
}

export const jsonResponse = (c: Context, value: unknown, cacheControl = DATA_CACHE) =>
  cachedResponse(c, JSON.stringify(value), JSON_TYPE, cacheControl);

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

/** The JSON body, or the problem answering why it cannot be read. */
export async function readJson(c: Context): Promise<{ body: unknown } | Response> {
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

export function cors(origins: '*' | string[]): MiddlewareHandler {
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

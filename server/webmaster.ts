/**
 * What the service offers webmasters:
 *
 * - `/widgets/…` — the widgets' built files (`npm run build`: the drop-in, its
 *   language files, the loader and its chunks, `campus-matomo.js`,
 *   `campus-frame.js`) and the themes, readable from any site (CORS), and
 *   `/widgets/release.json`: each file's address and SRI hash (sha384 of the
 *   bytes served), for snippets;
 * - `/embed/catalogue?…` — a catalogue for an `<iframe>`, for CMSs that strip
 *   scripts: the list's presets as query parameters (checked; unknown ones
 *   ignored), a page that loads the widgets from this service, may be framed
 *   by the origins of `FRAME_ANCESTORS` only, and tells its height to
 *   `campus-frame.js`;
 * - `/integrer/` — the embed builder (demo/integrer.html), as built into
 *   `dist-site/` by `npm run build`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';
import { LIST_FILTERS, MAX_PAGE_SIZE, SORTS, type ListFilter } from '../src/api/query.js';
import { textProblem } from '../src/api/validate.js';
import type { Catalogue } from './catalogue.js';
import { problem } from './http.js';
import { html, type PageLocale } from './pages/html.js';

/** Paths this module answers (for mounting the service inside another server). */
export const WEBMASTER_PREFIXES = ['/widgets/', '/embed/', '/integrer'] as const;

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DEFAULT_WIDGETS_DIR = resolve(ROOT, 'dist');
export const DEFAULT_SITE_DIR = resolve(ROOT, 'dist-site');
const THEMES_DIR = resolve(ROOT, 'themes');
const VERSION = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Reads a file by its checked relative path; undefined when there is none. */
export type FileSource = (path: string) => Uint8Array | undefined;

/** Files below `dir` (a function: tests build the widgets into a folder chosen later), never outside it. */
export function folder(dir: string | (() => string | undefined)): FileSource {
  return (path) => {
    const base = typeof dir === 'function' ? dir() : dir;
    if (!base) return undefined;
    const root = resolve(base);
    const file = resolve(root, path);
    if (!file.startsWith(root + sep)) return undefined;
    try {
      return readFileSync(file);
    } catch {
      return undefined;
    }
  };
}

export interface WebmasterOptions {
  catalogue: () => Catalogue;
  /** The service's public origin (`PUBLIC_URL`). */
  publicUrl: () => string;
  /** `FRAME_ANCESTORS`: who may frame `/embed/…`; empty: nobody. */
  frameAncestors: readonly string[];
  /** The widgets' built files (`dist/` by default). */
  widgets?: FileSource;
  /** The built builder page (`dist-site/` by default). */
  site?: FileSource;
}

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  map: 'application/json; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
  svg: 'image/svg+xml',
  woff2: 'font/woff2',
  woff: 'font/woff',
};
const typeOf = (path: string) => TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()];

/** The widgets' files a host may load: the drop-in and what it loads beside it, and the small helpers. */
const WIDGET_FILE = /^campus-[a-z0-9][a-zA-Z0-9_.-]*\.js(\.map)?$/;
const THEMES = ['dsfr', 'quebec', 'neutral'] as const;
/** Files listed in release.json, with their hash. */
const RELEASED = ['campus-widgets.min.js', 'campus-widgets.loader.js', 'campus-matomo.js', 'campus-frame.js'] as const;

export const sri = (bytes: Uint8Array) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

const TRUSTED_TYPES = { requireTrustedTypesFor: ["'script'"], trustedTypes: ['lit-html', 'campus-widgets'] };

/** The embed page's policy: its own files only; framed by `FRAME_ANCESTORS`' origins. */
export function embedPolicy(frameAncestors: readonly string[]): Record<string, string[]> {
  return {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    connectSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: frameAncestors.length ? [...frameAncestors] : ["'none'"],
    ...TRUSTED_TYPES,
  };
}

/** The builder's policy: the guide's strict one for its own origin, never framed. */
export const BUILDER_CSP: Record<string, string[]> = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  connectSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
  ...TRUSTED_TYPES,
};

const cspText = (policy: Record<string, string[]>) =>
  Object.entries(policy)
    .map(([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`)
    .join('; ');

// ------------------------------------------------------------ the embed page's presets

/** A checked preset: the attribute and its value ('' for a boolean attribute). */
type Attributes = [string, string][];

export interface EmbedRequest {
  attributes: Attributes;
  lang: PageLocale;
  theme: (typeof THEMES)[number];
  errors: { param: string; message: string }[];
}

const MAX_VALUES = 20;
const BOOLEAN: Record<string, boolean> = { '': true, true: true, '1': true, false: false, '0': false };

/** The list's attributes accepted as query parameters (the same names), and how each is checked. */
export function readEmbedQuery(params: URLSearchParams, catalogue: Catalogue): EmbedRequest {
  const ids = (list: { id: string }[]) => new Set(list.map((t) => t.id));
  const orgs = ids(catalogue.organisations);
  const known: Record<ListFilter, Set<string>> = {
    expertise: ids(catalogue.expertises),
    audience: ids(catalogue.audiences),
    mode: ids(catalogue.vocabularies.modes),
    kind: ids(catalogue.vocabularies.kinds),
    organisation: orgs,
    partner: orgs,
    level: ids(catalogue.vocabularies.levels),
  };
  const out: EmbedRequest = { attributes: [], lang: 'fr', theme: 'dsfr', errors: [] };
  const fail = (param: string, message: string) => out.errors.push({ param, message });
  // Only the first of a repeated parameter counts, as for an attribute.
  const get = (name: string) => params.get(name);

  for (const name of LIST_FILTERS) {
    const raw = get(name);
    if (raw === null) continue;
    const values = [...new Set(raw.split(',').map((v) => v.trim()).filter(Boolean))];
    const unknown = values.filter((v) => !known[name].has(v));
    if (!values.length || values.length > MAX_VALUES) fail(name, `de 1 à ${MAX_VALUES} valeurs séparées par des virgules`);
    else if (unknown.length) fail(name, `valeur inconnue du catalogue : ${unknown.join(', ')}`);
    else out.attributes.push([name, values.join(',')]);
  }
  const text = (name: string, max: number) => {
    const raw = get(name);
    if (raw === null) return;
    const value = raw.trim();
    if (!value || value.length > max || textProblem(value)) fail(name, `un texte de 1 à ${max} caractères visibles`);
    else out.attributes.push([name, value]);
  };
  text('q', 200);
  text('label', 100);
  const flag = (name: string) => {
    const raw = get(name);
    if (raw === null) return;
    const value = BOOLEAN[raw.trim().toLowerCase()];
    if (value === undefined) fail(name, 'true ou false');
    else if (value) out.attributes.push([name, '']);
  };
  flag('free');
  flag('hide-filters');
  const integer = (name: string, min: number, max: number) => {
    const raw = get(name);
    if (raw === null) return;
    if (!/^\d{1,3}$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) fail(name, `un entier de ${min} à ${max}`);
    else out.attributes.push([name, String(Number(raw))]);
  };
  integer('page-size', 1, MAX_PAGE_SIZE);
  integer('heading-level', 1, 6);
  const sort = get('sort');
  if (sort !== null) {
    if ((SORTS as readonly string[]).includes(sort)) out.attributes.push(['sort', sort]);
    else fail('sort', SORTS.join(', '));
  }
  const href = get('course-href');
  if (href !== null) {
    let ok = false;
    try {
      const url = new URL(href.replaceAll('{id}', 'x'));
      ok = (url.protocol === 'https:' || url.protocol === 'http:') && href.length <= 500 && !textProblem(href);
    } catch {
      ok = false;
    }
    // A frame has no address of its host to resolve a relative link against.
    if (ok) out.attributes.push(['course-href', href.trim()]);
    else fail('course-href', 'une adresse absolue http(s), par exemple https://intranet.exemple.gouv.fr/formations/{id}');
  }
  const lang = get('lang');
  if (lang !== null) {
    if (lang === 'fr' || lang === 'en' || lang === 'fr-CA') out.lang = lang;
    else fail('lang', 'fr, en ou fr-CA');
  }
  const theme = get('theme');
  if (theme !== null) {
    if ((THEMES as readonly string[]).includes(theme)) out.theme = theme as EmbedRequest['theme'];
    else fail('theme', THEMES.join(', '));
  }
  return out;
}

const EMBED_WORDS = {
  fr: { title: 'Catalogue des formations – Campus du numérique public', fallback: 'Voir le catalogue du Campus du numérique public', invalid: 'Ce catalogue intégré est mal réglé', fix: 'Paramètres à corriger dans l’adresse du cadre :' },
  en: { title: 'Training catalogue – Campus du numérique public', fallback: 'See the Campus du numérique public’s catalogue', invalid: 'This embedded catalogue is misconfigured', fix: 'Parameters to fix in the frame’s address:' },
  'fr-CA': { title: 'Catalogue des formations – Campus du numérique public', fallback: 'Voir le catalogue du Campus du numérique public', invalid: 'Ce catalogue intégré est mal configuré', fix: 'Paramètres à corriger dans l’adresse du cadre :' },
};

const CAMPUS_URL = 'https://campus.numerique.gouv.fr/';

/** The frame's page: no inline script or style; every value from the query escaped. */
function embedPage(request: EmbedRequest): string {
  const w = EMBED_WORDS[request.lang];
  const attributes = request.attributes.map(([name, value]) => (value === '' ? html` ${name}` : html` ${name}="${value}"`));
  const body = request.errors.length
    ? html`<h1>${w.invalid}</h1>
<p>${w.fix}</p>
<ul>${request.errors.map((e) => html`<li><code>${e.param}</code> : ${e.message}</li>`)}</ul>
<p><a href="${CAMPUS_URL}">${w.fallback}</a></p>`
    : html`<catalogue-list${attributes}><a href="${CAMPUS_URL}">${w.fallback}</a></catalogue-list>`;
  const scripts = request.errors.length
    ? html``
    : html`<script type="module" src="/widgets/campus-widgets.min.js"></script>
<script type="module" src="/widgets/campus-embed.js"></script>`;
  // <base target="_top">: a link followed in the frame (a course page, the fallback) opens in the host's window.
  return `<!doctype html>\n${html`<html lang="${request.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.title}</title>
<base target="_top">
<meta name="campus-api-base" content="/api">
<link rel="stylesheet" href="/widgets/themes/${request.theme}.css">
<link rel="stylesheet" href="/embed/embed.css">
${scripts}
</head>
<body>
<main>
${body}
</main>
</body>
</html>`.value}\n`;
}

const EMBED_CSS = `body{margin:0;background:var(--campus-color-background,#fff);color:var(--campus-color-text,#3a3a3a);font-family:system-ui,sans-serif;line-height:1.5}
main{padding:0.5em}
catalogue-list:not(:defined){display:block;min-height:20em}
`;

const unavailable = (text: string) =>
  new Response(`<!doctype html>\n${html`<html lang="fr"><head><meta charset="utf-8"><title>Indisponible</title></head><body><main><h1>Page indisponible</h1><p>${text}</p></main></body></html>`.value}`, {
    status: 503,
    headers: { 'Content-Type': TYPES.html, 'Cache-Control': 'no-store', 'Retry-After': '3600' },
  });

export interface Webmaster {
  app: Hono;
  /** Registered before the service's catch-all headers: the last word on this module's answers. */
  headers: MiddlewareHandler;
}

export function createWebmaster(options: WebmasterOptions): Webmaster {
  const widgets = options.widgets ?? folder(DEFAULT_WIDGETS_DIR);
  const site = options.site ?? folder(DEFAULT_SITE_DIR);
  const themes = folder(THEMES_DIR);
  const embedCsp = cspText(embedPolicy(options.frameAncestors));
  const builderCsp = cspText(BUILDER_CSP);
  const app = new Hono();
  app.use('/widgets/*', etag());

  const file = (bytes: Uint8Array | undefined, type: string | undefined, cache = 'no-cache') =>
    bytes && type ? new Response(bytes as BodyInit, { headers: { 'Content-Type': type, 'Cache-Control': cache } }) : problem(404);

  app.get('/widgets/release.json', () => {
    const origin = options.publicUrl();
    const files: Record<string, { url: string; integrity: string }> = {};
    for (const name of RELEASED) {
      const bytes = widgets(name);
      if (bytes) files[name] = { url: `${origin}/widgets/${name}`, integrity: sri(bytes) };
    }
    const body = { version: VERSION, origin, apiBase: `${origin}/api`, embed: `${origin}/embed/catalogue`, files };
    return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' } });
  });
  app.get('/widgets/themes/:name', (c) => {
    const name = c.req.param('name');
    const theme = THEMES.find((t) => `${t}.css` === name);
    return theme ? file(themes(`${theme}.css`), TYPES.css) : problem(404);
  });
  app.get('/widgets/:name', (c) => {
    const name = c.req.param('name');
    return WIDGET_FILE.test(name) ? file(widgets(name), typeOf(name)) : problem(404);
  });

  app.get('/embed/embed.css', () => file(new TextEncoder().encode(EMBED_CSS), TYPES.css));
  app.get('/embed/catalogue', (c) => {
    const request = readEmbedQuery(new URL(c.req.url).searchParams, options.catalogue());
    return new Response(embedPage(request), {
      status: request.errors.length ? 400 : 200,
      headers: { 'Content-Type': TYPES.html, 'Cache-Control': 'no-cache' },
    });
  });

  app.get('/integrer', () => new Response(null, { status: 308, headers: { Location: '/integrer/' } }));
  app.get('/integrer/*', (c) => {
    const path = new URL(c.req.url).pathname.slice('/integrer/'.length);
    if (path === '' || path === 'index.html') {
      const page = site('demo/integrer.html');
      return page ? file(page, TYPES.html) : unavailable('Le générateur d’intégration n’est pas construit sur ce serveur : npm run build.');
    }
    // Vite's hashed assets: named by their content, cached for good.
    if (!/^assets\/[a-zA-Z0-9_.-]+$/.test(path)) return problem(404);
    return file(site(path), typeOf(path), 'public, max-age=31536000, immutable');
  });
  for (const prefix of ['/widgets/*', '/embed/*', '/integrer', '/integrer/*']) {
    app.all(prefix, () => problem(405, { headers: { Allow: 'GET, HEAD' } }));
  }

  const headers: MiddlewareHandler = async (c, next) => {
    await next();
    const path = c.req.path;
    const h = c.res.headers;
    if (path.startsWith('/widgets/')) {
      // Public files, loaded by module scripts of any site (CORS is required for them).
      h.set('Access-Control-Allow-Origin', '*');
      h.set('Cross-Origin-Resource-Policy', 'cross-origin');
      h.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
      h.set('X-Frame-Options', 'DENY');
    } else if (path.startsWith('/embed/')) {
      h.set('Content-Security-Policy', embedCsp);
      // X-Frame-Options cannot name origins: frame-ancestors decides; with none, DENY for older browsers too.
      if (options.frameAncestors.length) h.delete('X-Frame-Options');
      else h.set('X-Frame-Options', 'DENY');
      h.set('Cross-Origin-Resource-Policy', 'cross-origin');
      h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    } else if (path === '/integrer' || path.startsWith('/integrer/')) {
      h.set('Content-Security-Policy', builderCsp);
      h.set('X-Frame-Options', 'DENY');
      h.set('Cross-Origin-Resource-Policy', 'same-origin');
      h.set('Referrer-Policy', 'no-referrer');
    }
  };
  return { app, headers };
}

/** Whether a path is this module's. */
export const webmasterPath = (path: string) => WEBMASTER_PREFIXES.some((p) => path.startsWith(p));

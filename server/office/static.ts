/**
 * The office's pages as built by `npm run build:office` (`office/dist`):
 * `index.html` never cached (it names the current assets), the hashed assets
 * cached for a year. Only plain relative names below the folder are served.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { problem } from '../http.js';

export const DEFAULT_OFFICE_DIR = fileURLToPath(new URL('../../office/dist/', import.meta.url));

export type PageSource = (path: string) => Uint8Array | undefined;

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  woff2: 'font/woff2',
  woff: 'font/woff',
  json: 'application/json; charset=utf-8',
  ico: 'image/x-icon',
  map: 'application/json; charset=utf-8',
};

/** Whether the office has been built in `dir`. */
export const officeBuilt = (dir: string = DEFAULT_OFFICE_DIR) => existsSync(resolve(dir, 'index.html'));

/** Files below `dir`, read once each. */
export function officeFolder(dir: string = DEFAULT_OFFICE_DIR): PageSource {
  const root = resolve(dir);
  const cache = new Map<string, Uint8Array | undefined>();
  return (path) => {
    if (cache.has(path)) return cache.get(path);
    const file = resolve(root, path);
    let bytes: Uint8Array | undefined;
    if (file.startsWith(root + sep)) {
      try {
        bytes = readFileSync(file);
      } catch {
        bytes = undefined;
      }
    }
    cache.set(path, bytes);
    return bytes;
  };
}

export function officePages(source: PageSource): Hono {
  const pages = new Hono();
  const serve = (path: string, cache: string) => {
    const type = TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()];
    const bytes = type && /^[a-z0-9][a-z0-9_.-]*(\/[a-z0-9][a-z0-9_.-]*)*$/i.test(path) && !path.includes('..') ? source(path) : undefined;
    if (!bytes) return problem(404);
    return new Response(bytes as BodyInit, { headers: { 'Content-Type': type, 'Cache-Control': cache } });
  };
  pages.get('*', (c) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname.replace(/^\/office\/?/, ''));
    } catch {
      return problem(404);
    }
    if (path === '' || path === 'index.html') return serve('index.html', 'no-cache');
    return serve(path, path.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  return pages;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** What `/office/` answers when it cannot run: a page that says why (text written by the service). */
export function unavailablePage(reason: string): Response {
  const html = `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Bureau du campus indisponible</title></head>
<body>
<main>
<h1>Le bureau du campus n’est pas disponible</h1>
<p>${escape(reason)}</p>
</main>
</body>
</html>`;
  return new Response(html, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Retry-After': '3600' } });
}

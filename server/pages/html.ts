/**
 * Server-rendered pages of the service for the public (the agent's space,
 * the manager's decision, alerts): a tagged template that escapes every
 * value, and the DSFR layout with the public-service links. No script: the
 * pages work with forms and links alone, under a strict CSP.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve, sep } from 'node:path';

/** Markup that is already safe (built by `html`). */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function show(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(show).join('');
  return escape(String(value));
}

/** Escapes every interpolated value but nested `html` fragments. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0];
  values.forEach((v, i) => (out += show(v) + strings[i + 1]));
  return new Html(out);
}

export type PageLocale = 'fr' | 'en' | 'fr-CA';

/** The page's language: `?lang=`, else the browser's first known one, else French. */
export function pageLocale(query: string | undefined, acceptLanguage: string | undefined): PageLocale {
  const pick = (tag: string) => {
    const t = tag.trim().toLowerCase();
    if (t === 'fr-ca') return 'fr-CA';
    if (t.startsWith('en')) return 'en';
    if (t.startsWith('fr')) return 'fr';
    return undefined;
  };
  if (query) return pick(query) ?? 'fr';
  for (const part of (acceptLanguage ?? '').split(',')) {
    const found = pick(part.split(';')[0]);
    if (found) return found;
  }
  return 'fr';
}

/** The public-service links every page carries (settings of the campus). */
export interface PublicLinks {
  legalNotice: string;
  accessibility: string;
  personalData: string;
}

const FOOTER = {
  fr: { legal: 'Mentions légales', a11y: 'Accessibilité : partiellement conforme', data: 'Données personnelles', home: 'Accueil du Campus du numérique public', skip: 'Aller au contenu', lang: 'English' },
  en: { legal: 'Legal notice', a11y: 'Accessibility: partially compliant', data: 'Personal data', home: 'Campus du numérique public home', skip: 'Skip to content', lang: 'Français' },
  'fr-CA': { legal: 'Mentions légales', a11y: 'Accessibilité : partiellement conforme', data: 'Renseignements personnels', home: 'Accueil du Campus du numérique public', skip: 'Aller au contenu', lang: 'English' },
};

/** A whole page, DSFR-styled, in its language. */
export function layout(locale: PageLocale, title: string, links: PublicLinks, body: Html, path: string): string {
  const f = FOOTER[locale];
  const other = locale === 'en' ? 'fr' : 'en';
  return `<!doctype html>\n${html`<html lang="${locale}" data-fr-scheme="system">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} – Campus du numérique public</title>
<link rel="stylesheet" href="/dsfr/dsfr.min.css">
</head>
<body>
<div class="fr-skiplinks"><nav class="fr-container" aria-label="${f.skip}"><ul class="fr-skiplinks__list"><li><a class="fr-link" href="#contenu">${f.skip}</a></li></ul></nav></div>
<header class="fr-header">
  <div class="fr-header__body"><div class="fr-container"><div class="fr-header__body-row">
    <div class="fr-header__brand fr-enlarge-link"><div class="fr-header__brand-top"><div class="fr-header__logo"><p class="fr-logo">République<br>française</p></div></div>
      <div class="fr-header__service"><a href="https://campus.numerique.gouv.fr/" title="${f.home}"><p class="fr-header__service-title">Campus du numérique public</p></a></div></div>
    <div class="fr-header__tools"><div class="fr-header__tools-links"><ul class="fr-btns-group"><li><a class="fr-btn" href="${path}?lang=${other}" lang="${other}" hreflang="${other}">${f.lang}</a></li></ul></div></div>
  </div></div></div>
</header>
<main id="contenu" class="fr-container fr-py-6w" tabindex="-1">
${body}
</main>
<footer class="fr-footer" id="pied">
  <div class="fr-container"><div class="fr-footer__bottom"><ul class="fr-footer__bottom-list">
    <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="${links.legalNotice}">${f.legal}</a></li>
    <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="${links.accessibility}">${f.a11y}</a></li>
    <li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="${links.personalData}">${f.data}</a></li>
  </ul></div></div>
</footer>
</body>
</html>`.value}`;
}

/** The pages' policy: their own styles and fonts, forms to themselves, no script, never framed. */
export const PAGES_CSP: Record<string, string[]> = {
  defaultSrc: ["'none'"],
  styleSrc: ["'self'"],
  fontSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
};

const DSFR_TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', woff2: 'font/woff2', woff: 'font/woff', svg: 'image/svg+xml' };

/** The DSFR's stylesheet, fonts and icons, from the package the service depends on. */
export function dsfrFile(path: string): { bytes: Uint8Array; type: string } | undefined {
  const type = DSFR_TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()];
  if (!type || !/^[a-z0-9][a-z0-9_.-]*(\/[a-z0-9][a-z0-9_.-]*)*$/i.test(path) || path.includes('..')) return undefined;
  const root = dirname(createRequire(import.meta.url).resolve('@gouvfr/dsfr/dist/dsfr.min.css'));
  const file = resolve(root, path);
  if (!file.startsWith(root + sep)) return undefined;
  try {
    return { bytes: readFileSync(file), type };
  } catch {
    return undefined;
  }
}

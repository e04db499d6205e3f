/**
 * The embed builder's model (demo/integrer.html): which attributes each element
 * offers, and the snippet and the Content-Security-Policy written from a choice.
 * No DOM: test/unit/integrer-model.node.test.ts checks every attribute against
 * the public API (docs/public-api.md, from the custom elements manifest) and the
 * policy against the README's.
 */

export const ELEMENTS = ['catalogue-list', 'course-detail', 'enrol-form', 'trainer-signup'] as const;
export type ElementName = (typeof ELEMENTS)[number];
export const THEMES = ['dsfr', 'quebec', 'neutral'] as const;
export type Theme = (typeof THEMES)[number];
export const LANGS = ['fr', 'en', 'fr-CA'] as const;
export type Lang = (typeof LANGS)[number];

/** Where a preset's values come from: a vocabulary of the API, the courses, a number, a flag or a text. */
export type Source = 'expertises' | 'audiences' | 'organisations' | 'modes' | 'kinds' | 'levels' | 'courses' | 'number' | 'flag' | 'text';

export interface Preset {
  attribute: string;
  source: Source;
  /** Several values, comma-separated. */
  multiple?: boolean;
  label: string;
  hint?: string;
  min?: number;
  max?: number;
}

/** The presets offered for each element; each attribute is one of the element's public attributes. */
export const PRESETS: Record<ElementName, readonly Preset[]> = {
  'catalogue-list': [
    { attribute: 'expertise', source: 'expertises', multiple: true, label: 'Expertises' },
    { attribute: 'partner', source: 'organisations', multiple: true, label: 'Partenaire (cobranding)' },
    { attribute: 'organisation', source: 'organisations', multiple: true, label: 'Organisme de formation' },
    { attribute: 'audience', source: 'audiences', multiple: true, label: 'Public' },
    { attribute: 'mode', source: 'modes', multiple: true, label: 'Modalité' },
    { attribute: 'kind', source: 'kinds', multiple: true, label: 'Type de formation' },
    { attribute: 'level', source: 'levels', multiple: true, label: 'Niveau' },
    { attribute: 'free', source: 'flag', label: 'Formations gratuites seulement' },
    { attribute: 'hide-filters', source: 'flag', label: 'Liste simple, sans recherche ni filtres' },
    { attribute: 'page-size', source: 'number', min: 1, max: 100, label: 'Formations par page', hint: 'De 1 à 100 ; 12 par défaut.' },
  ],
  'course-detail': [{ attribute: 'course-id', source: 'courses', label: 'Formation' }],
  'enrol-form': [{ attribute: 'course-id', source: 'courses', label: 'Formation' }],
  'trainer-signup': [{ attribute: 'skills', source: 'expertises', multiple: true, label: 'Compétences recherchées' }],
};

/** How a course opens from the list: in place (the element's default), or on a page of the host's site. */
export type Opening = { kind: 'dialog' } | { kind: 'href'; template: string };

/** Attributes the builder writes itself, besides the presets. */
export const COMMON_ATTRIBUTES = ['api-base', 'lang'] as const;
export const LIST_ONLY_ATTRIBUTES = ['course-href'] as const;

export interface Choice {
  element: ElementName;
  /** attribute → value ('' for a flag that is set); an empty or missing value is left out. */
  values: Record<string, string | undefined>;
  theme: Theme;
  lang: Lang;
  opening: Opening;
}

/** What the service publishes (its /widgets/release.json). */
export interface Release {
  version: string;
  origin: string;
  apiBase: string;
  files: Record<string, { url: string; integrity: string } | undefined>;
}

const FALLBACK: Record<ElementName, string> = {
  'catalogue-list': 'Voir le catalogue du Campus du numérique public',
  'course-detail': 'Voir cette formation sur le site du Campus du numérique public',
  'enrol-form': 'S’inscrire sur le site du Campus du numérique public',
  'trainer-signup': 'Proposer sa candidature sur le site du Campus du numérique public',
};
const CAMPUS_URL = 'https://campus.numerique.gouv.fr/';

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A course page template the element accepts: `{id}` in an http(s) URL or a path of the host's site. */
export function validTemplate(template: string): boolean {
  const t = template.trim();
  if (!t.includes('{id}') || /\s/.test(t)) return false;
  try {
    const url = new URL(t.replaceAll('{id}', 'x'), 'https://host.invalid/');
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The element's attributes, in a stable order: presets, then course opening, language and API. */
export function attributesOf(choice: Choice, release: Release): [string, string][] {
  const out: [string, string][] = [];
  for (const preset of PRESETS[choice.element]) {
    const value = choice.values[preset.attribute];
    if (value === undefined) continue;
    if (preset.source === 'flag') {
      if (value !== '') continue;
    } else if (!value.trim()) continue;
    out.push([preset.attribute, value.trim()]);
  }
  if (choice.element === 'catalogue-list' && choice.opening.kind === 'href' && validTemplate(choice.opening.template)) {
    out.push(['course-href', choice.opening.template.trim()]);
  }
  if (choice.lang !== 'fr') out.push(['lang', choice.lang]);
  out.push(['api-base', release.apiBase]);
  return out;
}

const themeUrl = (theme: Theme, release: Release) => `${release.origin}/widgets/themes/${theme}.css`;

/** The HTML to paste: the script with its SRI hash, the theme's style sheet, the element and its fallback link. */
export function snippet(choice: Choice, release: Release): string {
  const script = release.files['campus-widgets.min.js'];
  if (!script) throw new Error('release without campus-widgets.min.js');
  const lines = [`<script type="module" src="${escapeAttribute(script.url)}"\n  integrity="${script.integrity}" crossorigin="anonymous"></script>`];
  // The widgets' own look is the DSFR's: its sheet adds nothing a page without DSFR needs.
  if (choice.theme !== 'dsfr') lines.push(`<link rel="stylesheet" href="${escapeAttribute(themeUrl(choice.theme, release))}">`);
  const attributes = attributesOf(choice, release)
    .map(([name, value]) => (value === '' ? `\n  ${name}` : `\n  ${name}="${escapeAttribute(value)}"`))
    .join('');
  lines.push(`<${choice.element}${attributes}>\n  <a href="${CAMPUS_URL}">${FALLBACK[choice.element]}</a>\n</${choice.element}>`);
  return `${lines.join('\n')}\n`;
}

/**
 * The policy the snippet needs, the guide's (README « La politique de sécurité des contenus »):
 * the script's origin, the API's for requests and images, Trusted Types; the theme's origin
 * for styles when a theme sheet is linked. One directive a line, as the README prints it.
 */
export function policy(choice: Choice, release: Release): string {
  const script = new URL(release.files['campus-widgets.min.js']!.url).origin;
  const api = new URL(release.apiBase).origin;
  const lines = [`default-src 'none';`, `script-src ${script};`];
  if (choice.theme !== 'dsfr') lines.push(`style-src ${new URL(themeUrl(choice.theme, release)).origin};`);
  lines.push(`connect-src ${api};`, `img-src ${api};`, `require-trusted-types-for 'script';`, 'trusted-types lit-html campus-widgets');
  return lines.join('\n');
}

/** The service's root from the page's `campus-api-base` (`…/api`): where /widgets/ is. */
export function serviceRoot(apiBase: string, pageUrl: string): string {
  return new URL(apiBase, pageUrl).href.replace(/\/+$/, '').replace(/\/api$/, '');
}

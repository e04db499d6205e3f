/**
 * Page-level configuration: one call (or one `<meta>`) for every widget on
 * the page, overridden per element by its attributes.
 */
import { setPageTimeout } from '../api/client.js';
import type { LocaleId, MessageOverrides } from '../locales/types.js';

/** The campus's production API root, without the contract version. */
export const DEFAULT_API_BASE = 'https://campus.numerique.gouv.fr/api';

export interface CampusConfig {
  /** The API's root without its version, e.g. `https://campus.numerique.gouv.fr/api`. */
  apiBase?: string;
  /** Text overrides per locale, e.g. `{ fr: { 'catalogue.title': 'Nos formations' } }`. */
  messages?: Partial<Record<LocaleId, MessageOverrides>>;
  /**
   * Milliseconds before one request attempt gives up, for every widget of the
   * page (default 15000). A form's `timeout` attribute still wins for its sending.
   */
  timeout?: number;
}

const state: { apiBase?: string; messages: Partial<Record<LocaleId, MessageOverrides>> } = { messages: {} };

// Connected widgets, told when the configuration changes so it applies at once.
// A Set rather than EventTarget listeners: removing one of thousands of
// listeners is linear, and a catalogue mounts and unmounts hundreds of cards.
const subscribers = new Set<() => void>();

/** Calls `onChange` after every `configure()`; returns the unsubscribe function. */
export function onConfigChange(onChange: () => void): () => void {
  subscribers.add(onChange);
  return () => subscribers.delete(onChange);
}

let version = 0;

/** A number that changes with every `configure()` (what was rendered before it may be stale). */
export const configVersion = (): number => version;

function notify(): void {
  version++;
  for (const subscriber of [...subscribers]) subscriber();
}

/**
 * Sets page-level defaults; later calls merge into earlier ones.
 * @example configure({ apiBase: 'https://intranet.example/campus-api' })
 */
export function configure(config: CampusConfig): void {
  if (config.apiBase !== undefined) state.apiBase = config.apiBase;
  // Added for the fault tests (a hung answer must not take 15 s) and for hosts on slow networks.
  if (config.timeout !== undefined) setPageTimeout(config.timeout);
  for (const [locale, overrides] of Object.entries(config.messages ?? {}) as [LocaleId, MessageOverrides][]) {
    state.messages[locale] = { ...state.messages[locale], ...overrides };
  }
  notify();
}

/** Forgets every page-level setting (for tests and single-page hosts that reset). */
export function resetConfig(): void {
  state.apiBase = undefined;
  state.messages = {};
  setPageTimeout(undefined);
  notify();
}

export function messageOverrides(locale: LocaleId): MessageOverrides | undefined {
  return state.messages[locale];
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');
/** A root pasted with the contract's version (`…/api/v1/`, as `npm run api` prints it). */
const VERSIONED = /\/v1\/*$/i;
const noted = new Set<string>();

/** The configured root in force for an element, and where it was set (for set-up messages). */
export function apiBaseSetting(own: string | null | undefined): { raw: string; source: string } {
  const meta = globalThis.document?.querySelector<HTMLMetaElement>('meta[name="campus-api-base"]')?.content;
  const candidates: [string | null | undefined, string][] = [
    [own, 'the api-base attribute'],
    [state.apiBase, 'configure({ apiBase })'],
    [meta, '<meta name="campus-api-base">'],
  ];
  for (const [value, source] of candidates) if (value?.trim()) return { raw: value.trim(), source };
  return { raw: DEFAULT_API_BASE, source: 'the default API root' };
}

/**
 * The API root for an element: its `api-base`, else `configure({ apiBase })`,
 * else `<meta name="campus-api-base">`, else the campus's own. Relative
 * values resolve against the page. A root given with its version (`…/v1`)
 * is the same root: the version is dropped, with one console note.
 */
export function resolveApiBase(own: string | null | undefined): string {
  const { raw, source } = apiBaseSetting(own);
  let url: string;
  try {
    url = trimSlash(new URL(raw, globalThis.document?.baseURI).href);
  } catch {
    return DEFAULT_API_BASE;
  }
  if (!VERSIONED.test(url)) return url;
  const root = trimSlash(url.replace(VERSIONED, ''));
  if (!noted.has(raw)) {
    noted.add(raw);
    console.info(`[campus-widgets] ${source} is "${raw}": the widgets add /v1 themselves, so the API root "${root}" is used.`);
  }
  return root;
}

/**
 * Locales: each widget resolves its own (two widgets on one page may differ),
 * loads the catalogue it needs on demand, and formats through `Intl`.
 */
import { core } from '../locales/fr/core.js';
import type { Catalogue, LocaleId, Message, MessageKey, MessageOverrides, MessageParams } from '../locales/types.js';
import { messageOverrides } from './config.js';
import { cachedFormat, formatDate, formatTimeRange, slotText } from './datetime.js';

export type { Catalogue, LocaleId, Message, MessageKey, MessageOverrides, MessageParams, PluralMessage } from '../locales/types.js';

/**
 * Matches a BCP 47 tag to a supported locale: `fr-CA` → fr-CA, any other
 * `fr-*` → fr, `en-*` → en; anything else falls back to French, the source.
 */
export function matchLocale(tag: string | null | undefined): LocaleId {
  const t = (tag ?? '').trim().toLowerCase().replace(/_/g, '-');
  if (t === 'fr-ca' || t.startsWith('fr-ca-')) return 'fr-CA';
  if (t === 'en' || t.startsWith('en-')) return 'en';
  return 'fr';
}

/**
 * The language in force for an element: its own `lang`, else the closest
 * ancestor's across shadow boundaries, else `<html lang>`, else `fr`.
 */
export function resolveLangTag(el: Element): string {
  let node: Element | null = el;
  while (node) {
    const found: Element | null = node.closest('[lang]');
    const lang = found?.getAttribute('lang')?.trim();
    if (lang) return lang;
    const root = (found ?? node).getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return document.documentElement.lang?.trim() || 'fr';
}

// One observer for the whole page: a `lang` change anywhere re-checks the
// watching widgets, which re-render only when their own locale changed.
const watchers = new Set<() => void>();
let observer: MutationObserver | undefined;
const observedRoots = new WeakSet<Node>();
const notifyLangWatchers = () => {
  for (const watcher of [...watchers]) watcher();
};

/** Calls `onChange` whenever a `lang` attribute changes in any root above `el`. */
export function watchLang(el: Element, onChange: () => void): () => void {
  // The callback is module-level: a closure made here would keep the first
  // watcher's element alive after it left the page (found by the benchmark's heap count).
  observer ??= new MutationObserver(notifyLangWatchers);
  let root: Node = el.getRootNode();
  for (;;) {
    if (!observedRoots.has(root)) {
      observer.observe(root, { attributes: true, attributeFilter: ['lang'], subtree: true });
      observedRoots.add(root);
    }
    if (!(root instanceof ShadowRoot)) break;
    root = root.host.getRootNode();
  }
  watchers.add(onChange);
  return () => watchers.delete(onChange);
}

const frenchOf = new WeakMap<readonly Partial<Catalogue>[], Catalogue>();

/**
 * The French messages of an element: the core's and those of the areas it
 * speaks (its class's `static messages`), so a page with only cards does not
 * carry the forms' texts. Built once per list of areas; never changed after.
 */
export function frenchCatalogue(areas: readonly Partial<Catalogue>[]): Catalogue {
  let catalogue = frenchOf.get(areas);
  if (!catalogue) {
    catalogue = Object.freeze(Object.assign({}, core, ...areas)) as Catalogue;
    frenchOf.set(areas, catalogue);
  }
  return catalogue;
}

const catalogues: Partial<Record<LocaleId, MessageOverrides | Promise<MessageOverrides>>> = {};

/**
 * A locale's own messages (French is the element's own catalogue, given to the
 * Localizer); the others are separate files fetched on first use.
 */
export function loadCatalogue(locale: LocaleId): MessageOverrides | Promise<MessageOverrides> {
  if (locale === 'fr') return {};
  let entry = catalogues[locale];
  if (!entry) {
    const load = locale === 'en' ? import('../locales/en.js') : import('../locales/fr-CA.js');
    entry = load
      .then((module) => (catalogues[locale] = module.default as MessageOverrides))
      .catch((error: unknown) => {
        // A missing locale file must not break the widget: it speaks French.
        console.warn(`[campus-widgets] locale ${locale} could not be loaded`, error);
        delete catalogues[locale];
        return {};
      });
    catalogues[locale] = entry;
  }
  return entry;
}

/**
 * The catalogue of the page's language (`<html lang>`), for the entries that register
 * the tags to await first: the widgets then draw in that language from their first
 * frame, and the room a page reserves for them (`:not(:defined)`) holds until they do.
 */
export function pageCatalogue(): MessageOverrides | Promise<MessageOverrides> {
  return globalThis.document ? loadCatalogue(matchLocale(document.documentElement.lang)) : {};
}

const localizers = new WeakMap<Catalogue, Map<string, { messages: MessageOverrides; localizer: Localizer }>>();

/**
 * The page-wide Localizer of a locale, its messages, a French fallback and a
 * tag: a Localizer holds no state of its own (overrides are read when a message
 * is asked for), so the widgets share one instead of each canonicalising its tag again.
 */
export function localizerFor(locale: LocaleId, messages: MessageOverrides, french: Catalogue, sourceTag: string = locale): Localizer {
  let byTag = localizers.get(french);
  if (!byTag) localizers.set(french, (byTag = new Map()));
  const key = `${locale}|${sourceTag}`;
  const hit = byTag.get(key);
  if (hit?.messages === messages) return hit.localizer;
  const localizer = new Localizer(locale, french, sourceTag, messages);
  if (byTag.size >= 50) byTag.delete(byTag.keys().next().value as string);
  byTag.set(key, { messages, localizer });
  return localizer;
}

/** Everything a widget needs to speak one locale. */
export class Localizer {
  /** The tag used by `Intl`: the page's own tag when it belongs to this locale (fr-BE, en-GB…). */
  readonly intlTag: string;

  /**
   * @param french The French catalogue: the messages of `fr`, the fallback of the others.
   * @param messages The locale's own messages (none for French).
   */
  constructor(
    readonly locale: LocaleId,
    private readonly french: Catalogue,
    sourceTag: string = locale,
    private readonly messages: MessageOverrides = {},
  ) {
    let tag: string = locale;
    try {
      if (matchLocale(sourceTag) === locale) tag = Intl.getCanonicalLocales(sourceTag)[0] ?? locale;
    } catch {
      // An invalid tag keeps the supported locale's own.
    }
    this.intlTag = tag;
  }

  /** The `lang` to put on API text (always French) when the widget speaks another language. */
  get apiLang(): 'fr' | undefined {
    // The API writes France's French: on a fr-CA page that is marked too, so speech
    // synthesis and translation tools use the right variant.
    return this.locale === 'fr' ? undefined : 'fr';
  }

  /** A message, with host overrides, `{name}` placeholders and plural forms by `{count}`. */
  t(key: MessageKey, params?: MessageParams): string {
    const message: Message | undefined =
      messageOverrides(this.locale)?.[key] ??
      (this.locale === 'fr-CA' ? messageOverrides('fr')?.[key] : undefined) ??
      this.messages[key] ??
      this.french[key];
    if (message === undefined) return key;
    let text: string;
    if (typeof message === 'string') {
      text = message;
    } else {
      const count = Number(params?.count ?? 0);
      const rules = cachedFormat(Intl.PluralRules, this.intlTag);
      text = (count === 0 ? message.zero : undefined) ?? message[rules.select(count)] ?? message.other;
    }
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? this.number(value) : value;
    });
  }

  number(value: number, options?: Intl.NumberFormatOptions): string {
    return cachedFormat(Intl.NumberFormat, this.intlTag, options).format(value);
  }

  price(amount: number, currency: string): string {
    try {
      return this.number(amount, { style: 'currency', currency });
    } catch {
      return `${this.number(amount)} ${currency}`;
    }
  }

  /** A date in the reader's language, in the time zone where the event takes place. */
  date(value: string | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }, timeZone?: string): string {
    return formatDate(this.intlTag, value, options, timeZone);
  }

  /** A time range on one day, e.g. "9 h 30 – 12 h 30". */
  timeRange(start: string, end: string, timeZone?: string): string {
    return formatTimeRange(this.intlTag, start, end, timeZone);
  }

  /**
   * One day of a session in its own time zone, with the zone named — "heure de Paris" — when
   * the reader's differs that day: the same text in the course page, the form and the receipt.
   */
  slot(slot: { start: string; end: string }, timeZone: string): string {
    const { time, zone } = slotText(this.intlTag, slot, timeZone);
    if (!zone) return time;
    return this.t('core.slot.zone', { time, zone: zone.city ? this.t('core.zone', { city: zone.city }) : zone.offset });
  }

  /** A duration in minutes, e.g. "1 h 30 min" / "1 hr, 30 min". */
  duration(minutes: number): string {
    const h = Math.floor(minutes / 60);
    const m = Math.round(minutes % 60);
    const parts: string[] = [];
    if (h) parts.push(this.number(h, { style: 'unit', unit: 'hour', unitDisplay: 'short' }));
    if (m || !h) parts.push(this.number(m, { style: 'unit', unit: 'minute', unitDisplay: 'short' }));
    return parts.join(' ');
  }

  list(values: readonly string[], type: 'conjunction' | 'disjunction' | 'unit' = 'conjunction'): string {
    return cachedFormat(Intl.ListFormat, this.intlTag, { style: 'long', type }).format(values);
  }
}

/**
 * Web analytics from the widgets' `campus-*` events, for any tool: each event
 * is turned into a category, an action and, at most, a non-personal label,
 * and handed to an adapter (`matomo()` in ./matomo.ts; an Eulerian tag, or
 * another, takes the same shape).
 *
 * What may leave the page, and nothing else:
 * - the vocabulary codes of the filters a reader chose (`expertise:cybersecurite`,
 *   `month:2027-03`, `region:fr-ara`), whether a search was made (the word « recherche »,
 *   never the words) and whether a city was chosen (`city`, never which);
 * - the id of a catalogue course (public catalogue data, the same for every reader);
 * - the widget's tag name for a failure, a result count of zero.
 * Never a search word, a receipt's reference, a name, an e-mail, an organisation,
 * a comment or any other text a person typed: the details of the forms' events
 * are read for their `courseId` only, and a code that is not a plain
 * lower-case slug is dropped rather than sent.
 */
import type { CampusEventName } from '../core/events.js';
import { LIST_FILTERS } from '../api/query.js';

/** What an adapter receives: Matomo's event fields (category, action, name, value). */
export interface AnalyticsEvent {
  category: string;
  action: string;
  /** A non-personal label: filter codes, or a catalogue course id. */
  name?: string;
  /** A number (Matomo's event value), e.g. a count. */
  value?: number;
}

/** Sends an event to an analytics tool. */
export interface AnalyticsAdapter {
  track(event: AnalyticsEvent): void;
}

export interface TrackOptions {
  /** Where the events are heard (`document` by default): every `campus-*` event bubbles there, shadow roots included. */
  target?: EventTarget;
  /** Category names, to fit a site's own tagging plan. */
  categories?: Partial<typeof CATEGORIES>;
}

/** Default category of each widget's events. */
export const CATEGORIES = {
  catalogue: 'Campus – catalogue',
  course: 'Campus – formation',
  enrol: 'Campus – inscription',
  trainer: 'Campus – formateurs',
  error: 'Campus – erreurs',
};

/** Vocabulary codes and course ids as the catalogue writes them; anything else is not sent. */
const CODE = /^[a-z0-9][a-z0-9_-]{0,79}$/;
const code = (value: unknown): string | undefined => (typeof value === 'string' && CODE.test(value) ? value : undefined);
const read = (detail: unknown, key: string): unknown =>
  detail && typeof detail === 'object' ? (detail as Record<string, unknown>)[key] : undefined;
/** The tag a composed event came from (the outermost widget it crossed, as the document sees it). */
const tagOf = (event: Event): string | undefined => code((event.target as Element | null)?.localName);

/** The filters of a `campus-filters-change` as codes: `expertise:cybersecurite mode:en-ligne recherche`. */
function filterLabel(detail: unknown): string | undefined {
  const parts: string[] = [];
  for (const name of LIST_FILTERS) {
    const values = read(detail, name);
    if (!Array.isArray(values)) continue;
    for (const value of values) {
      const c = code(value);
      if (c) parts.push(`${name}:${c}`);
    }
  }
  for (const name of ['month', 'region'] as const) {
    const values = read(detail, name);
    if (!Array.isArray(values)) continue;
    // Months are `2027-03`; regions ISO 3166-2 codes, sent in lower case (`fr-ara`).
    for (const value of values) {
      const c = code(typeof value === 'string' ? value.toLowerCase() : value);
      if (c) parts.push(`${name}:${c}`);
    }
  }
  // A city is written as a place is, not a code: only that one was chosen.
  const cities = read(detail, 'city');
  if (Array.isArray(cities) && cities.length) parts.push('city');
  const within = read(detail, 'withinMonths');
  if (Number.isInteger(within)) parts.push(`withinMonths:${within as number}`);
  for (const flag of ['free', 'online', 'open'] as const) if (read(detail, flag) === true) parts.push(flag);
  const sort = code(read(detail, 'sort'));
  if (sort && sort !== 'relevance') parts.push(`sort:${sort}`);
  const q = read(detail, 'q');
  if (typeof q === 'string' && q.trim()) parts.push('recherche');
  return parts.length ? parts.sort().join(' ') : undefined;
}

type Mapper = (event: Event, c: typeof CATEGORIES) => AnalyticsEvent | undefined;
/** The widgets' events (test files declare `campus-test-*` events of their own). */
type WidgetEvent = Exclude<CampusEventName, `campus-test-${string}`>;
const detailOf = (event: Event): unknown => (event as CustomEvent).detail;
const courseOf = (event: Event): string | undefined => code(read(detailOf(event), 'courseId'));

/**
 * Every campus event and what is sent for it; `undefined` sends nothing. Typed by the
 * widgets' own event map: a new `campus-*` event does not compile until it is listed here.
 */
const MAPPERS: Record<WidgetEvent, Mapper> = {
  'campus-filters-change': (e, c) => ({ category: c.catalogue, action: 'Filtres', name: filterLabel(detailOf(e)) }),
  'campus-load': (e, c) => {
    const course = code(read(read(detailOf(e), 'course'), 'id'));
    if (course) return { category: c.course, action: 'Fiche affichée', name: course };
    // A list's load: only an empty result is worth a signal (which filters: see the last « Filtres »).
    return read(detailOf(e), 'total') === 0 ? { category: c.catalogue, action: 'Aucun résultat', value: 0 } : undefined;
  },
  'campus-error': (e, c) => ({ category: c.error, action: 'Chargement impossible', name: tagOf(e) }),
  'campus-course-select': (e, c) => ({ category: c.catalogue, action: 'Formation choisie', name: code(read(read(detailOf(e), 'course'), 'id')) }),
  'campus-enrol-submit': (e, c) => ({ category: c.enrol, action: 'Envoi', name: courseOf(e) }),
  'campus-enrol-success': (e, c) => ({ category: c.enrol, action: 'Demande enregistrée', name: courseOf(e) }),
  'campus-enrol-error': (e, c) => ({ category: c.enrol, action: 'Envoi impossible', name: tagOf(e) }),
  'campus-trainer-submit': (_e, c) => ({ category: c.trainer, action: 'Envoi' }),
  'campus-trainer-success': (_e, c) => ({ category: c.trainer, action: 'Candidature enregistrée' }),
  'campus-trainer-error': (e, c) => ({ category: c.trainer, action: 'Envoi impossible', name: tagOf(e) }),
};

/** The campus events analytics listens to. */
export const TRACKED_EVENTS = Object.keys(MAPPERS) as WidgetEvent[];

/**
 * Listens to the widgets' events on `target` (the document by default) and hands each,
 * reduced to non-personal fields, to `adapter`. Returns a function that stops listening.
 * An adapter that throws never reaches the widgets: the error is reported on the console.
 */
export function trackCampusEvents(adapter: AnalyticsAdapter, options: TrackOptions = {}): () => void {
  const target = options.target ?? globalThis.document;
  const categories = { ...CATEGORIES, ...options.categories };
  const listeners = TRACKED_EVENTS.map((type) => {
    const listener = (event: Event) => {
      const tracked = MAPPERS[type](event, categories);
      if (!tracked) return;
      const clean: AnalyticsEvent = { category: tracked.category, action: tracked.action };
      if (tracked.name !== undefined) clean.name = tracked.name;
      if (tracked.value !== undefined) clean.value = tracked.value;
      try {
        adapter.track(clean);
      } catch (error) {
        console.error('[campus-widgets] analytics adapter failed', error);
      }
    };
    target.addEventListener(type, listener);
    return [type, listener] as const;
  });
  return () => {
    for (const [type, listener] of listeners) target.removeEventListener(type, listener);
  };
}

/**
 * The course card's markup, in one place: `<course-card>` renders it in its own
 * shadow root, and `<catalogue-list>` renders it for each of its cards in the
 * list's shadow root (no element, shadow root or style scope per card). Pure
 * functions of their arguments: no side effect while rendering.
 *
 * One flat template per card and per optional part, no whitespace text between
 * tags: each text node and marker is built for every card of a list (see README,
 * Performance).
 */
import { html as litHtml, nothing, type TemplateResult } from 'lit';
import type { Reference } from '../api/reference.js';
import type { Course, SessionSummary } from '../api/schemas.js';
import { availability, clampLevel, durationText, organisations, priceText } from '../core/course-format.js';
import { zoneFromOffset } from '../core/datetime.js';
import { configVersion } from '../core/config.js';
import { emit } from '../core/events.js';
import type { Localizer } from '../core/locale.js';
import { safeUrl } from '../core/states.js';

/** The card's CSS parts; a list exports them as `card-<part>` (the box keeps `card`). */
export const CARD_PARTS = [
  'card',
  'image',
  'title',
  'link',
  'kind',
  'summary',
  'tags',
  'tag',
  'meta',
  'provider',
  'partners',
  'partner-logo',
  'partner-name',
  'price',
  'session',
  'seats',
  'skeleton',
  'error',
  'retry',
  'not-found',
] as const;

type Html = typeof litHtml;
const renamed = new WeakMap<TemplateStringsArray, TemplateStringsArray>();

/**
 * Lit's `html` for a list's cards: each part name of the card's markup gets the
 * `card-` prefix (the box keeps `card`), rewritten once per template (Lit keys
 * its template cache on the strings' identity), so parts stay static attributes.
 */
export const listCardHtml: Html = (strings, ...values) => {
  let strs = renamed.get(strings);
  if (!strs) {
    const rename = (s: string) => s.replace(/\bpart="([a-z-]+)"/g, (_, name: string) => `part="${name === 'card' ? name : `card-${name}`}"`);
    const raw = strings.raw.map(rename);
    strs = Object.assign(strings.map(rename), { raw }) as unknown as TemplateStringsArray;
    renamed.set(strings, strs);
  }
  return litHtml(strs, ...values);
};

export interface CardOptions {
  i18n: Localizer;
  /** Labels of kinds, expertises, modes, levels, organisations; until known, those parts are left out. */
  reference: Reference | undefined;
  /** The title's heading level (1–6; another value gives 3). */
  level: number;
  /** The `course-href` template: `{id}` replaced by the URL-encoded id; only http(s) results make a link. */
  hrefTemplate: string | undefined;
  /** The title's click listener; a list leaves it out and listens once on its grid. */
  onSelect?: (event: MouseEvent) => void;
  /** Lit's `html` for a card alone, `listCardHtml` for a list's cards (its parts renamed). */
  html: Html;
  /** Makes the ids inside the card unique in a shadow root holding many cards. */
  idPrefix: string;
  /** The card as an item of a list: `<li>` around it, in the same template. */
  item?: boolean;
}

/** The link's target for a course, from a `course-href` template; only http(s). */
export function courseHref(template: string | undefined, course: Pick<Course, 'id'>): string | undefined {
  const t = template?.trim();
  if (!t) return undefined;
  const href = t.replaceAll('{id}', encodeURIComponent(course.id));
  try {
    return safeUrl(new URL(href, document.baseURI).href) ? href : undefined;
  } catch {
    return undefined;
  }
}

declare global {
  interface HTMLElementEventMap {
    /** A card's title was activated; cancelable: cancelled, a title link is not followed. */
    'campus-course-select': CustomEvent<{ course: Course }>;
  }
}

/** Whether a click on the title is the plain activation the widget handles (not a new tab or window). */
export const isPlainActivation = (event: MouseEvent, link: boolean): boolean =>
  !link || (event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey);

/**
 * A click on a card's title, from `<course-card>` or a list's card: a title link's plain click
 * fires the cancelable `campus-course-select` from `host` (cancelled: the link is not followed);
 * a title button always fires it; opening in a new tab or window stays the browser's business.
 * Returns whether the widget may act on it (a plain activation that no listener cancelled).
 */
export function selectCourse(host: EventTarget, course: Course, event: MouseEvent, link: boolean): boolean {
  if (!isPlainActivation(event, link)) return false;
  const allowed = emit(host, 'campus-course-select', { course }, { cancelable: true });
  if (!allowed && link) event.preventDefault();
  return allowed;
}

/** The strings of each card shape seen, by their text; at most this many kept (Lit's own cache is weak). */
const SHAPES_KEPT = 300;
const shapes = new Map<string, TemplateStringsArray>();

/**
 * Builds one card as one template: the parts a course has (kind, summary, so many tags, a
 * session…) are static text of the template, only the values are bindings. Courses with the
 * same parts share the same strings array, so Lit prepares each card shape once and renders a
 * card as one template instance, not one per optional part (see README, Performance).
 */
class CardShape {
  readonly #strings: string[] = [''];
  readonly #values: unknown[] = [];

  /** Static markup: only this module's string literals, never data (data goes through `v`). */
  s(markup: string): this {
    this.#strings[this.#strings.length - 1] += markup;
    return this;
  }

  /** A binding (attribute, property, event or text, by what precedes it). */
  v(value: unknown): this {
    this.#values.push(value);
    this.#strings.push('');
    return this;
  }

  render(tag: Html): TemplateResult {
    const key = this.#strings.join('\u0000');
    let strings = shapes.get(key);
    if (!strings) {
      if (shapes.size >= SHAPES_KEPT) shapes.delete(shapes.keys().next().value as string);
      strings = Object.assign([...this.#strings], { raw: [...this.#strings] }) as unknown as TemplateStringsArray;
      shapes.set(key, strings);
    }
    return tag(strings, ...this.#values);
  }
}

/** The last card made for a course object, with what it was made with: a list re-rendered after a filter reuses its kept cards. */
const made = new WeakMap<Course, { o: CardOptions; version: number; result: TemplateResult }>();
const sameOptions = (a: CardOptions, b: CardOptions): boolean =>
  a.i18n === b.i18n &&
  a.reference === b.reference &&
  a.level === b.level &&
  a.hrefTemplate === b.hrefTemplate &&
  a.onSelect === b.onSelect &&
  a.html === b.html &&
  a.idPrefix === b.idPrefix &&
  a.item === b.item;

/**
 * A course as a card: `<div class="container"><div class="card" part="card">…</div></div>` (in an
 * `<li>` for a list's item), one template. The same course object with the same options, and no
 * `configure()` since (texts may have changed), gives the same result again.
 */
export function cardTemplate(course: Course, o: CardOptions): TemplateResult {
  const last = made.get(course);
  const version = configVersion();
  if (last && last.version === version && sameOptions(last.o, o)) return last.result;
  const result = buildCard(course, o);
  made.set(course, { o, version, result });
  return result;
}

function buildCard(course: Course, o: CardOptions): TemplateResult {
  const { i18n, reference } = o;
  const apiLang = i18n.apiLang;
  const lang = apiLang ?? nothing;
  const href = courseHref(o.hrefTemplate, course);
  const image = safeUrl(course.imageUrl);
  const c = new CardShape();
  if (o.item) c.s('<li>');
  c.s('<div class="container"><div class="card" part="card"><div class="body"><div role="heading" aria-level=').v(clampLevel(o.level, 3));
  c.s(' class="title" part="title" lang=').v(lang).s('>');
  // The title's link or button is named by its text (a .textContent binding, which lit-a11y cannot see).
  if (href) c.s('<a class="link" part="link" href=').v(href);
  else c.s('<button class="link" part="link" type="button"');
  if (o.onSelect) c.s(' @click=').v(o.onSelect);
  c.s(' .textContent=').v(course.title).s(href ? '></a></div>' : '></button></div>');
  if (reference && course.kind) {
    c.s('<p class="kind" part="kind"><span class="visually-hidden" .textContent=').v(`${i18n.t('card.kind')} : `);
    c.s('></span><span class="badge" lang=').v(lang).s(' .textContent=').v(reference.label('kinds', course.kind)).s('></span></p>');
  }
  if (course.summary) c.s('<p class="summary" part="summary" lang=').v(lang).s(' .textContent=').v(course.summary).s('></p>');
  if (reference && course.expertiseIds.length) {
    c.s('<ul class="tags" part="tags" aria-label=').v(i18n.t('card.tags')).s('>');
    for (const id of course.expertiseIds) c.s('<li class="tag" part="tag" lang=').v(lang).s(' .textContent=').v(reference.label('expertises', id)).s('></li>');
    c.s('</ul>');
  }
  meta(c, course, o);
  if (reference) organisationsOf(c, course, reference, o);
  c.s('<p class="price" part="price"><span class="visually-hidden" .textContent=').v(`${i18n.t('card.price')} `).s('></span>').v(priceText(i18n, course)).s('</p>');
  if (course.nextSession) session(c, course.nextSession, o);
  c.s('</div>');
  if (image) c.s('<div class="media" part="image"><img src=').v(image).s(' alt="" loading="lazy" decoding="async" /></div>');
  return c.s(o.item ? '</div></div></li>' : '</div></div>').render(o.html);
}

/** Modes, duration and level; API text in <bdi>: a right-to-left override in it cannot reorder the line (hostile-data suite). */
function meta(c: CardShape, course: Course, { i18n, reference }: CardOptions): void {
  const apiLang = i18n.apiLang;
  const duration = durationText(i18n, course);
  const modes = reference ? course.modes.map((m) => reference.label('modes', m)) : [];
  const level = reference && course.level ? reference.label('levels', course.level) : undefined;
  if (!duration && !modes.length && !level) return;
  const lang = apiLang ?? nothing;
  c.s('<ul class="meta" part="meta">');
  if (modes.length) c.s('<li class="modes"><span class="visually-hidden" .textContent=').v(`${i18n.t('card.modes')} `).s('></span><bdi lang=').v(lang).s(' .textContent=').v(modes.join(', ')).s('></bdi></li>');
  if (duration) {
    c.s('<li class="duration"><span class="visually-hidden" .textContent=').v(`${i18n.t('card.duration')} `);
    c.s('></span><bdi lang=').v((duration.api && apiLang) || nothing).s(' .textContent=').v(duration.text).s('></bdi></li>');
  }
  if (level) c.s('<li class="level"><span class="visually-hidden" .textContent=').v(`${i18n.t('card.level')} `).s('></span><bdi lang=').v(lang).s(' .textContent=').v(level).s('></bdi></li>');
  c.s('</ul>');
}

/** The provider, and the partners with their logos (or names). */
function organisationsOf(c: CardShape, course: Course, reference: Reference, { i18n, idPrefix }: CardOptions): void {
  const provider = course.providerId ? (reference.organisation(course.providerId)?.name ?? course.providerId) : undefined;
  const partners = course.partnerIds.length ? organisations(reference, course.partnerIds) : undefined;
  if (provider) c.s('<p class="provider" part="provider" .textContent=').v(i18n.t('card.provider', { name: provider })).s('></p>');
  if (!partners) return;
  const labelId = `${idPrefix}partners-label`;
  const lang = i18n.apiLang ?? nothing;
  c.s('<div class="co-branding"><span class="partners-label" id=').v(labelId).s(' .textContent=').v(i18n.t('card.partners')).s('></span>');
  if (partners.length) {
    c.s('<ul class="partners" part="partners" aria-labelledby=').v(labelId).s('>');
    for (const org of partners) {
      const logo = safeUrl(org.logoUrl);
      if (logo) c.s('<li class="partner"><img class="logo" part="partner-logo" src=').v(logo).s(' alt=').v(org.name).s(' lang=').v(lang).s(' loading="lazy" decoding="async" /></li>');
      else c.s('<li class="partner"><span class="partner-name" part="partner-name" lang=').v(lang).s(' .textContent=').v(org.name).s('></span></li>');
    }
    c.s('</ul>');
  }
  c.s('</div>');
}

/** The next session: its date in its own time zone, where, and its seats. */
function session(c: CardShape, next: SessionSummary, { i18n, reference }: CardOptions): void {
  const apiLang = i18n.apiLang;
  const zone = (next as SessionSummary & { timezone?: string }).timezone ?? zoneFromOffset(next.start);
  const date = i18n.date(next.start, { dateStyle: 'long' }, zone);
  const seats = availability(i18n, reference, next.status, next.seatsLeft);
  const where = next.online ? i18n.t('card.online') : next.city;
  c.s('<p class="session" part="session"><span .textContent=').v(i18n.t('card.nextSession', { date })).s('></span>');
  if (where) c.s('<span class="where" lang=').v((!next.online && apiLang) || nothing).s(' .textContent=').v(where).s('></span>');
  if (seats) c.s('<span class="seats ').v(seats.state).s('" part="seats" lang=').v((seats.state === 'status' && apiLang) || nothing).s(' .textContent=').v(seats.text).s('></span>');
  c.s('</p>');
}

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
import { availability, clampLevel, durationText, organisations, partnerList, priceText } from '../core/course-format.js';
import { zoneFromOffset } from '../core/datetime.js';
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
}

/** The link's target for a course, from a `course-href` template; only http(s). */
export function courseHref(template: string | undefined, course: Course): string | undefined {
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
 */
export function selectCourse(host: EventTarget, course: Course, event: MouseEvent, link: boolean): void {
  if (!isPlainActivation(event, link)) return;
  if (!emit(host, 'campus-course-select', { course }, { cancelable: true }) && link) event.preventDefault();
}

/* eslint-disable lit-a11y/accessible-name -- the title's link and button are named by their .textContent binding, which the rule cannot see */
/** A course as a card: `<div class="container"><div class="card" part="card">…</div></div>`. */
export function cardTemplate(course: Course, o: CardOptions): TemplateResult {
  const { i18n, reference, html } = o;
  const apiLang = i18n.apiLang;
  const lang = apiLang ?? nothing;
  const href = courseHref(o.hrefTemplate, course);
  const image = safeUrl(course.imageUrl);
  return html`<div class="container"><div class="card" part="card"><div class="body"><div role="heading" aria-level=${clampLevel(o.level, 3)} class="title" part="title" lang=${lang}>${href
    ? html`<a class="link" part="link" href=${href} @click=${o.onSelect} .textContent=${course.title}></a>`
    : html`<button class="link" part="link" type="button" @click=${o.onSelect} .textContent=${course.title}></button>`}</div>${reference && course.kind
    ? html`<p class="kind" part="kind"><span class="visually-hidden" .textContent=${`${i18n.t('card.kind')} : `}></span><span class="badge" lang=${lang} .textContent=${reference.label('kinds', course.kind)}></span></p>`
    : nothing}${course.summary ? html`<p class="summary" part="summary" lang=${lang} .textContent=${course.summary}></p>` : nothing}${reference && course.expertiseIds.length
    ? html`<ul class="tags" part="tags" aria-label=${i18n.t('card.tags')}>${course.expertiseIds.map(
        (id) => html`<li class="tag" part="tag" lang=${lang} .textContent=${reference.label('expertises', id)}></li>`,
      )}</ul>`
    : nothing}${metaTemplate(course, o)}${reference ? organisationsTemplate(course, reference, o) : nothing}<p class="price" part="price"><span class="visually-hidden" .textContent=${`${i18n.t('card.price')} `}></span>${priceText(i18n, course)}</p>${course.nextSession
    ? sessionTemplate(course.nextSession, o)
    : nothing}</div>${image ? html`<div class="media" part="image"><img src=${image} alt="" loading="lazy" decoding="async" /></div>` : nothing}</div></div>`;
}
/* eslint-enable lit-a11y/accessible-name */

function metaTemplate(course: Course, { i18n, reference, html }: CardOptions): TemplateResult | typeof nothing {
  const apiLang = i18n.apiLang;
  const duration = durationText(i18n, course);
  const modes = reference ? course.modes.map((m) => reference.label('modes', m)) : [];
  const level = reference && course.level ? reference.label('levels', course.level) : undefined;
  if (!duration && !modes.length && !level) return nothing;
  const lang = apiLang ?? nothing;
  // API text in <bdi>: a right-to-left override in it cannot reorder the line (hostile-data suite).
  return html`<ul class="meta" part="meta">${modes.length
    ? html`<li class="modes"><span class="visually-hidden" .textContent=${`${i18n.t('card.modes')} `}></span><bdi lang=${lang} .textContent=${modes.join(', ')}></bdi></li>`
    : nothing}${duration
    ? html`<li class="duration"><span class="visually-hidden" .textContent=${`${i18n.t('card.duration')} `}></span><bdi lang=${(duration.api && apiLang) || nothing} .textContent=${duration.text}></bdi></li>`
    : nothing}${level
    ? html`<li class="level"><span class="visually-hidden" .textContent=${`${i18n.t('card.level')} `}></span><bdi lang=${lang} .textContent=${level}></bdi></li>`
    : nothing}</ul>`;
}

function organisationsTemplate(course: Course, reference: Reference, { i18n, html, idPrefix }: CardOptions): TemplateResult | typeof nothing {
  const provider = course.providerId ? (reference.organisation(course.providerId)?.name ?? course.providerId) : undefined;
  const partners = course.partnerIds.length ? organisations(reference, course.partnerIds) : undefined;
  if (!provider && !partners) return nothing;
  const labelId = `${idPrefix}partners-label`;
  return html`${provider
    ? html`<p class="provider" part="provider" .textContent=${i18n.t('card.provider', { name: provider })}></p>`
    : nothing}${partners
    ? html`<div class="co-branding"><span class="partners-label" id=${labelId} .textContent=${i18n.t('card.partners')}></span>${partnerList(partners, i18n.apiLang, labelId, html)}</div>`
    : nothing}`;
}

function sessionTemplate(session: SessionSummary, { i18n, reference, html }: CardOptions): TemplateResult {
  const apiLang = i18n.apiLang;
  const zone = (session as SessionSummary & { timezone?: string }).timezone ?? zoneFromOffset(session.start);
  const date = i18n.date(session.start, { dateStyle: 'long' }, zone);
  const seats = availability(i18n, reference, session.status, session.seatsLeft);
  const where = session.online ? i18n.t('card.online') : session.city;
  return html`<p class="session" part="session"><span .textContent=${i18n.t('card.nextSession', { date })}></span>${where
    ? html`<span class="where" lang=${(!session.online && apiLang) || nothing} .textContent=${where}></span>`
    : nothing}${seats
    ? html`<span class="seats ${seats.state}" part="seats" lang=${(seats.state === 'status' && apiLang) || nothing} .textContent=${seats.text}></span>`
    : nothing}</p>`;
}

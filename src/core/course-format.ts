/**
 * What the course card, the list's cards and the course detail show alike:
 * headings at a host-chosen level, labels from the reference data, price,
 * seats, partner logos.
 */
import { html, html as litHtml, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Reference } from '../api/reference.js';
import type { Course, Organisation } from '../api/schemas.js';
import { seatState, type SeatState } from '../api/sessions.js';
import type { Localizer } from './locale.js';
import { safeUrl } from './states.js';

/** A heading level from an attribute: 1 to 6, else the element's default. */
export function clampLevel(value: unknown, fallback: number): number {
  const n = Math.round(Number(value));
  return Number.isFinite(n) && n >= 1 && n <= 6 ? n : fallback;
}

/**
 * A heading at a level the host chooses (a widget cannot know the page's
 * outline). `role="heading"` keeps one template: no tag is built from data.
 */
export function heading(level: number, content: unknown, options: { cls: string; part?: string; id?: string; lang?: string }): TemplateResult {
  return html`<div
    role="heading"
    aria-level=${level}
    class=${options.cls}
    part=${ifDefined(options.part)}
    id=${ifDefined(options.id)}
    lang=${ifDefined(options.lang)}
  >
    ${content}
  </div>`;
}

/** The course's price, or "Gratuit". */
export function priceText(i18n: Localizer, course: Course): string {
  if (course.isFree || !course.price) return i18n.t('core.free');
  return i18n.price(course.price.amount, course.price.currency);
}

/** The duration: the campus's own wording, else the minutes through Intl. */
export function durationText(i18n: Localizer, course: Course): { text: string; api: boolean } | undefined {
  const d = course.duration;
  if (d?.label) return { text: d.label, api: true };
  if (d?.minutes !== undefined) return { text: i18n.duration(d.minutes), api: false };
  return undefined;
}

export type Availability = { text: string; state: SeatState };

/**
 * What a session offers: "Complet", "Liste d'attente", "N places restantes",
 * or the label of another status (an unknown one shows the server's id).
 */
export function availability(
  i18n: Localizer,
  reference: Reference | undefined,
  status: string,
  seatsLeft: number | undefined,
): Availability | undefined {
  const state = seatState(status, seatsLeft);
  if (state === 'waitlist') return { text: i18n.t('card.waitlist'), state };
  if (state === 'full') return { text: i18n.t('card.full'), state };
  if (state === 'seats') return { text: i18n.t('card.seats', { count: seatsLeft! }), state };
  if (!state) return undefined;
  return { text: reference?.label('sessionStatuses', status) ?? status, state: 'status' };
}

/** The host name of a URL without `www.`, e.g. "mentor.gouv.fr". */
export function domainOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** The organisations behind ids, unknown ones shown by their id. */
export function organisations(reference: Reference, ids: readonly string[]): Organisation[] {
  return ids.map((id) => reference.organisation(id) ?? { id, name: id, kind: '' });
}

/** Partner logos (alt = the name); a partner without an http(s) logo shows its name. One flat template per item. */
export function partnerList(
  orgs: readonly Organisation[],
  apiLang: string | undefined,
  labelledBy: string,
  tag: (strings: TemplateStringsArray, ...values: unknown[]) => TemplateResult = litHtml,
): TemplateResult | typeof nothing {
  // `html` by name, so the build minifies these templates; a list passes its renaming tag.
  const html = tag;
  if (!orgs.length) return nothing;
  const lang = apiLang ?? nothing;
  return html`<ul class="partners" part="partners" aria-labelledby=${labelledBy}>${orgs.map((org) => {
    const logo = safeUrl(org.logoUrl);
    return logo
      ? html`<li class="partner"><img class="logo" part="partner-logo" src=${logo} alt=${org.name} lang=${lang} loading="lazy" decoding="async" /></li>`
      : html`<li class="partner"><span class="partner-name" part="partner-name" lang=${lang} .textContent=${org.name}></span></li>`;
  })}</ul>`;
}

/**
 * What the course card and the course detail show alike: headings at a
 * host-chosen level, labels from the reference data, price, seats, partner
 * logos.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { Task, TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Reference } from '../api/reference.js';
import type { Course, Organisation } from '../api/schemas.js';
import type { Localizer } from '../core/locale.js';
import { safeUrl } from '../core/states.js';

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

export type Availability = { text: string; state: 'full' | 'waitlist' | 'seats' | 'status' };

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
  if (status === 'waitlist') return { text: i18n.t('card.waitlist'), state: 'waitlist' };
  if (status === 'full' || (status === 'open' && seatsLeft === 0)) return { text: i18n.t('card.full'), state: 'full' };
  if (status === 'open') {
    return seatsLeft === undefined ? undefined : { text: i18n.t('card.seats', { count: seatsLeft }), state: 'seats' };
  }
  return { text: reference?.label('sessionStatuses', status) ?? status, state: 'status' };
}

/**
 * The time zone to show a date in when only an ISO timestamp is known: its
 * offset as an `Etc/GMT` zone (whole hours), so a session on 10 March at
 * 23:30 in Paris stays on 10 March for a reader in Montréal.
 */
export function zoneFromOffset(iso: string): string | undefined {
  if (/z$/i.test(iso)) return 'UTC';
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (!m || m[3] !== '00') return undefined;
  const hours = Number(m[2]);
  if (hours === 0) return 'UTC';
  // Etc/GMT zones count the other way round: UTC+1 is Etc/GMT-1.
  return `Etc/GMT${m[1] === '+' ? '-' : '+'}${hours}`;
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

/** Partner logos (alt = the name); a partner without an http(s) logo shows its name. */
export function partnerList(orgs: readonly Organisation[], apiLang: string | undefined, labelledBy: string): TemplateResult | typeof nothing {
  if (!orgs.length) return nothing;
  return html`<ul class="partners" part="partners" aria-labelledby=${labelledBy}>
    ${orgs.map((org) => {
      const logo = safeUrl(org.logoUrl);
      return html`<li class="partner">
        ${logo
          ? html`<img class="logo" part="partner-logo" src=${logo} alt=${org.name} lang=${ifDefined(apiLang)} loading="lazy" decoding="async" />`
          : html`<span class="partner-name" part="partner-name" lang=${ifDefined(apiLang)}>${org.name}</span>`}
      </li>`;
    })}
  </ul>`;
}

/**
 * Aborts a task's pending run when its element leaves the page, and runs it
 * again when the element comes back: nothing is fetched for a removed widget.
 */
export class AbortOnDisconnect implements ReactiveController {
  #resume = false;

  constructor(
    host: ReactiveControllerHost,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    private readonly task: Task<any, any>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.#resume) return;
    this.#resume = false;
    void this.task.run();
  }

  hostDisconnected(): void {
    if (this.task.status !== TaskStatus.PENDING) return;
    this.#resume = true;
    this.task.abort();
  }
}

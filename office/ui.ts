/**
 * What every view of the office shares: the base element (light DOM, so the
 * DSFR's styles apply), announcements for screen readers, focus on a new
 * view's heading, dates in a session's own time zone, status badges, the
 * error alert and the history of a record.
 */
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { ApiError, type HistoryEntry } from './api.js';
import { href } from './router.js';
import { CANCELLED_BY_LABELS, MANAGER_DECISION_LABELS, REVIEW_LABELS, SESSION_STATUS_LABELS, STATUS_LABELS } from '../server/office/vocabulary.js';

export const ANNOUNCE_EVENT = 'office-announce';

/** Light DOM: the DSFR's classes style the office's markup directly. */
export class OfficeElement extends LitElement {
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Says something to screen readers through the page's status region. */
  protected announce(text: string): void {
    window.dispatchEvent(new CustomEvent(ANNOUNCE_EVENT, { detail: text }));
  }

  /** Moves focus to this view's heading (after a route change, or a result the person must read). */
  protected async focusHeading(selector = 'h1'): Promise<void> {
    await this.updateComplete;
    const target = this.querySelector<HTMLElement>(selector);
    if (target) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    }
  }
}

const PARIS = 'Europe/Paris';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(options: Intl.DateTimeFormatOptions, timeZone = PARIS): Intl.DateTimeFormat {
  const key = JSON.stringify([options, timeZone]);
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('fr-FR', { ...options, timeZone });
    } catch {
      f = new Intl.DateTimeFormat('fr-FR', { ...options, timeZone: PARIS });
    }
    formatters.set(key, f);
  }
  return f;
}

export const formatDate = (iso: string, timeZone?: string) => formatter({ dateStyle: 'long' }, timeZone).format(new Date(iso));
export const formatShortDate = (iso: string, timeZone?: string) => formatter({ dateStyle: 'short' }, timeZone).format(new Date(iso));
export const formatDateTime = (iso: string, timeZone?: string) => formatter({ dateStyle: 'short', timeStyle: 'short' }, timeZone).format(new Date(iso));
export const formatTime = (iso: string, timeZone?: string) => formatter({ timeStyle: 'short' }, timeZone).format(new Date(iso));

/** The zone's name as a reader knows it, when it is not Paris's. */
export function zoneNote(timeZone: string): string {
  if (timeZone === PARIS) return '';
  try {
    const name = new Intl.DateTimeFormat('fr-FR', { timeZone, timeZoneName: 'long' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value;
    return ` (heure de ${timeZone.split('/').pop()!.replace(/_/g, ' ')}${name ? `, ${name}` : ''})`;
  } catch {
    return '';
  }
}

/** The zone's city, briefly, when it is not Paris's: « (heure de Montreal) ». */
export const zoneCity = (timeZone: string) => (timeZone === PARIS ? '' : ` (heure de ${timeZone.split('/').pop()!.replace(/_/g, ' ')})`);

/** A session's days: « 10 mars 2030, 9:00–12:00 » for each slot. */
export function slotsText(slots: readonly { start: string; end: string }[], timeZone: string): string[] {
  return slots.map((s) => `${formatDate(s.start, timeZone)}, ${formatTime(s.start, timeZone)}–${formatTime(s.end, timeZone)}`);
}

/** The first day of a session, briefly. */
export const sessionLabel = (start: string, timeZone: string, city?: string | null, online?: boolean) =>
  `${formatDateTime(start, timeZone)}${online ? ' · en ligne' : city ? ` · ${city}` : ''}`;

const BADGES: Record<string, string> = {
  submitted: 'fr-badge--info',
  accepted: 'fr-badge--success',
  pending_manager: 'fr-badge--warning',
  waitlisted: 'fr-badge--new',
  refused: 'fr-badge--error',
  cancelled: '',
};

export const statusLabel = (status: string) => STATUS_LABELS[status] ?? status;

export function statusBadge(status: string): TemplateResult {
  return html`<span class="fr-badge fr-badge--sm fr-badge--no-icon ${BADGES[status] ?? ''}">${statusLabel(status)}</span>`;
}

export const sessionStatusLabel = (status: string) => SESSION_STATUS_LABELS[status] ?? status;
/** The manager's decision, and how far the office can trust who made it. */
export function managerDecisionLabel(d: string | null, verified?: boolean | null): string {
  if (!d) return 'Non demandé';
  const label = MANAGER_DECISION_LABELS[d] ?? d;
  if (verified === true) return `${label} (identité du responsable vérifiée)`;
  if (verified === false) return `${label} (par lien seulement)`;
  return label;
}
export const cancelledByLabel = (by: string | null) => (by ? (CANCELLED_BY_LABELS[by] ?? by) : '');
export const reviewLabel = (state: string) => REVIEW_LABELS[state as keyof typeof REVIEW_LABELS] ?? state;

/** An error worth a sentence: the server's own detail, else a general one. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 404) return error.problem.detail ?? 'Introuvable, ou hors de votre périmètre.';
    return error.problem.detail ?? `Le service a répondu ${error.status}.`;
  }
  return 'Une erreur inattendue est survenue. Réessayez.';
}

/** A DSFR alert; `role="alert"` for what just went wrong. */
export function alert(kind: 'error' | 'success' | 'info' | 'warning', title: string, text?: string, live = true): TemplateResult {
  return html`<div class="fr-alert fr-alert--${kind} fr-alert--sm fr-mb-3w" role=${live ? (kind === 'error' ? 'alert' : 'status') : nothing}>
    <p><strong>${title}</strong>${text ? html` ${text}` : nothing}</p>
  </div>`;
}

/** Field errors of a 422, as the DSFR shows them under a field. */
export function fieldError(error: unknown, field: string, id: string): TemplateResult | typeof nothing {
  const message = error instanceof ApiError ? error.fieldMessage(field) : undefined;
  return message ? html`<p class="fr-error-text" id=${id}>${message}</p>` : nothing;
}

export const hasFieldError = (error: unknown, field: string) => error instanceof ApiError && !!error.fieldMessage(field);

const ACTIONS: Record<string, string> = {
  created: 'Reçue',
  confirmed: 'Confirmée par la personne',
  imported: 'Importée',
  transition: 'Changement d’état',
  placed: 'Placée dans une session',
  manager_decision: 'Accord du responsable enregistré',
  attendance: 'Présence enregistrée',
  rectified: 'Données rectifiées',
  erased: 'Données effacées',
  exported: 'Export',
  updated: 'Modification',
  cancelled: 'Annulation',
  reviewed: 'Suivi mis à jour',
  granted: 'Accès donné',
  removed: 'Accès retiré',
  bound: 'Accès lié à une identité',
  unbound: 'Accès délié',
  retried: 'Renvoyé',
  signed_in: 'Connexion',
  signed_out: 'Déconnexion',
  sign_in_refused: 'Connexion refusée',
};
export const actionLabel = (action: string) => ACTIONS[action] ?? action;

const ACTOR_KINDS: Record<string, string> = { agent: 'l’agent', manager: 'le responsable', system: 'le service', staff: 'l’équipe' };
export const actorLabel = (actor: HistoryEntry['actor']) => actor.name ?? (actor.id?.startsWith('cli:') ? `ligne de commande (${actor.id.slice(4)})` : (ACTOR_KINDS[actor.kind] ?? actor.kind));

/** A state in the history: a request's status, a session's, or an application's review. */
function stateLabel(state: string): string {
  return STATUS_LABELS[state] ?? SESSION_STATUS_LABELS[state] ?? REVIEW_LABELS[state as keyof typeof REVIEW_LABELS] ?? state;
}

/** The history of a record, oldest first: when, what, by whom, which fields (names only). */
export function historyList(entries: readonly HistoryEntry[], headingLevel: 2 | 3 = 2, labels: Record<string, string> = {}): TemplateResult {
  const heading = headingLevel === 2 ? html`<h2 class="fr-h4">Historique</h2>` : html`<h3 class="fr-h5">Historique</h3>`;
  if (!entries.length) return html`${heading}<p>Aucune action enregistrée.</p>`;
  return html`${heading}
    <ol class="office-history">
      ${entries.map(
        (e) => html`<li>
          <time datetime=${e.at}>${formatDateTime(e.at)}</time> — ${labels[e.action] ?? actionLabel(e.action)}${e.from && e.to
            ? html` : ${stateLabel(e.from)} → ${stateLabel(e.to)}`
            : e.to && e.action !== 'created'
              ? html` : ${stateLabel(e.to)}`
              : nothing}${e.fields.length && e.action !== 'transition' && e.action !== 'created' ? html` <span class="office-muted">(${e.fields.join(', ')})</span>` : nothing}
          — ${actorLabel(e.actor)}
        </li>`,
      )}
    </ol>`;
}

export { CANCELLED_BY_LABELS, MANAGER_DECISION_LABELS, REVIEW_LABELS, SESSION_STATUS_LABELS, STATUS_LABELS };

/** A DSFR table: its caption (visually hidden with `hideCaption`), header cells and rows. */
export function dataTable(caption: unknown, head: TemplateResult, rows: unknown, options: { hideCaption?: boolean } = {}): TemplateResult {
  return html`<div class=${`fr-table office-table${options.hideCaption ? ' fr-table--no-caption' : ''}`}>
    <div class="fr-table__wrapper">
      <div class="fr-table__container">
        <div class="fr-table__content">
          <table>
            <caption>
              ${caption}
            </caption>
            <thead>
              <tr>
                ${head}
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  </div>`;
}

/** A list's pages (first, last, and two either side of the current one), each an address of the view. */
export function pagination(path: string, query: URLSearchParams, list: { page: number; total: number; pageSize: number }, label: string): TemplateResult | typeof nothing {
  const pages = Math.ceil(list.total / list.pageSize);
  if (pages <= 1) return nothing;
  const link = (page: number) => {
    const q = new URLSearchParams(query);
    q.set('page', String(page));
    return href(path, q);
  };
  return html`<nav role="navigation" class="fr-pagination" aria-label=${label}>
    <ul class="fr-pagination__list">
      ${list.page > 1 ? html`<li><a class="fr-pagination__link fr-pagination__link--prev" href=${link(list.page - 1)}>Page précédente</a></li>` : nothing}
      ${Array.from({ length: pages }, (_, i) => i + 1)
        .filter((p) => p === 1 || p === pages || Math.abs(p - list.page) <= 2)
        .map(
          (p) => html`<li>
            <a class="fr-pagination__link" href=${link(p)} aria-current=${p === list.page ? 'page' : nothing} title=${`Page ${p}`}>${p}</a>
          </li>`,
        )}
      ${list.page < pages ? html`<li><a class="fr-pagination__link fr-pagination__link--next" href=${link(list.page + 1)}>Page suivante</a></li>` : nothing}
    </ul>
  </nav>`;
}

/** A filter form's non-empty fields among `keys`, trimmed: the query of the view it leads to. */
export function filledFields(form: FormData, keys: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of keys) {
    const v = String(form.get(key) ?? '').trim();
    if (v) params[key] = v;
  }
  return params;
}

/**
 * `#/demandes/ID`: one request — the person, the course and session, what
 * staff can do now (accept, waiting list, refuse with a reason, cancel; the
 * manager's decision; placing a course-level request; attendance), and its
 * history. A change made by someone else meanwhile answers 409: the fresh
 * state is shown with a warning, nothing is overwritten.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { api, ApiError, type Member, type RequestDetail } from '../api.js';
import { ACTION_LABELS, ATTENDANCE, ATTENDANCE_LABELS, type RequestAction } from '../../server/office/vocabulary.js';
import {
  alert,
  cancelledByLabel,
  errorText,
  formatDate,
  formatDateTime,
  historyList,
  managerDecisionLabel,
  OfficeElement,
  sessionStatusLabel,
  slotsText,
  statusBadge,
  statusLabel,
  zoneNote,
} from '../ui.js';

const PART = { am: 'matin', pm: 'après-midi' };

@customElement('office-request')
export class OfficeRequest extends OfficeElement {
  @property({ attribute: false }) requestId = '';
  @property({ attribute: false }) member?: Member;
  @state() private request?: RequestDetail;
  @state() private error = '';
  @state() private notice?: TemplateResult;
  @state() private busy = false;
  @state() private dialogAction?: 'refuse' | 'cancel' | 'declined';
  @state() private dialogError = '';
  @query('dialog') private dialog?: HTMLDialogElement;
  private opener?: HTMLElement;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('requestId')) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.request = await api.get<RequestDetail>(`/requests/${encodeURIComponent(this.requestId)}`);
      this.error = '';
    } catch (error) {
      this.error = errorText(error);
    }
  }

  /** Sends a change; the answer (or a conflict's fresh state) replaces what is shown. */
  private async act(label: string, send: () => Promise<RequestDetail>): Promise<boolean> {
    this.busy = true;
    try {
      this.request = await send();
      this.notice = alert('success', `${label} : c’est fait.`, `La demande est maintenant « ${statusLabel(this.request.status)} ».`);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.problem.current) {
        this.request = error.problem.current as RequestDetail;
        this.notice = alert('warning', 'Cette demande a changé entre-temps.', `${error.problem.detail ?? ''} Vérifiez son état actuel, puis recommencez si besoin.`);
      } else {
        this.notice = alert('error', `${label} : impossible.`, errorText(error));
      }
      return false;
    } finally {
      this.busy = false;
      await this.focusHeading('.office-notice-anchor');
    }
  }

  private action(action: RequestAction, reason?: string): Promise<boolean> {
    const r = this.request!;
    return this.act(ACTION_LABELS[action], () =>
      api.post<RequestDetail>(`/requests/${encodeURIComponent(r.id)}/actions`, { action, version: r.version, ...(reason ? { reason } : {}) }),
    );
  }

  private openDialog(kind: 'refuse' | 'cancel' | 'declined', event: Event): void {
    this.opener = event.currentTarget as HTMLElement;
    this.dialogAction = kind;
    this.dialogError = '';
    void this.updateComplete.then(() => {
      this.dialog?.showModal();
      this.dialog?.querySelector<HTMLTextAreaElement>('textarea')?.focus();
    });
  }

  private closeDialog(): void {
    this.dialog?.close();
    this.dialogAction = undefined;
    this.opener?.focus();
  }

  private async confirmDialog(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim();
    const kind = this.dialogAction!;
    if (kind === 'refuse' && !reason) {
      this.dialogError = 'Indiquez le motif du refus : il sera montré à la personne.';
      return;
    }
    this.dialog?.close();
    this.dialogAction = undefined;
    if (kind === 'declined') {
      const r = this.request!;
      await this.act('Refus du responsable enregistré', () =>
        api.post<RequestDetail>(`/requests/${encodeURIComponent(r.id)}/manager-decision`, { decision: 'declined', version: r.version, ...(reason ? { reason } : {}) }),
      );
    } else await this.action(kind, reason || undefined);
  }

  private async managerGiven(): Promise<void> {
    const r = this.request!;
    await this.act('Accord du responsable enregistré', () => api.post<RequestDetail>(`/requests/${encodeURIComponent(r.id)}/manager-decision`, { decision: 'given', version: r.version }));
  }

  private async place(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const sessionId = String(new FormData(event.target as HTMLFormElement).get('sessionId') ?? '');
    const r = this.request!;
    await this.act('Placement dans la session', () => api.post<RequestDetail>(`/requests/${encodeURIComponent(r.id)}/place`, { sessionId, version: r.version }));
  }

  private async saveAttendance(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const r = this.request!;
    const attendance: Record<string, string | null> = {};
    for (const day of r.halfDays.filter((d) => d.open)) attendance[day.key] = (form.get(`att-${day.key}`) as string | null) || null;
    await this.act('Présence', () => api.put<RequestDetail>(`/requests/${encodeURIComponent(r.id)}/attendance`, { version: r.version, attendance }));
  }

  private person(r: RequestDetail): TemplateResult {
    const row = (label: string, value: TemplateResult | string | null | undefined) =>
      value ? html`<div class="office-dl__row"><dt>${label}</dt><dd>${value}</dd></div>` : nothing;
    return html`<section aria-labelledby="person-title" class="fr-mb-4w">
      <h2 id="person-title" class="fr-h4">La personne</h2>
      ${r.erased ? alert('info', 'Données effacées.', 'Cette personne a demandé l’effacement de ses données : seuls l’état, la formation et les dates restent.', false) : nothing}
      <dl class="office-dl">
        ${row('Nom', `${r.givenName} ${r.familyName}`)} ${row('Adresse électronique', r.erased ? r.email : html`<a href=${`mailto:${r.email}`}>${r.email}</a>`)}
        ${row('Administration', r.organisation)} ${row('Fonction', r.jobTitle)} ${row('Responsable', r.managerEmail)}
        ${row('Besoins d’aménagement', r.accommodation)} ${row('Message', r.comment)} ${row('Langue du formulaire', r.locale)}
        ${row('Reçue le', formatDateTime(r.createdAt))} ${row('Référence', r.reference)}
      </dl>
    </section>`;
  }

  private courseAndSession(r: RequestDetail): TemplateResult {
    const s = r.session;
    return html`<section aria-labelledby="course-title" class="fr-mb-4w">
      <h2 id="course-title" class="fr-h4">Formation et session</h2>
      <p><strong>${r.course.title}</strong>${r.course.managerApproval ? html` — <span class="office-muted">demande l’accord du responsable</span>` : nothing}</p>
      ${s
        ? html`<p>
              <a class="fr-link" href=${`#/sessions/${encodeURIComponent(s.id)}`}>Session du ${formatDate(s.slots[0].start, s.timezone)}</a>
              — ${sessionStatusLabel(s.status)}${s.capacity !== null ? `, ${s.capacity} places` : ''}
            </p>
            <ul>
              ${slotsText(s.slots, s.timezone).map((t) => html`<li>${t}${zoneNote(s.timezone)}</li>`)}
            </ul>
            <p>${s.online ? 'En ligne' : s.location ? `${s.location.name}, ${s.location.address ? `${s.location.address}, ` : ''}${s.location.city}` : ''}</p>`
        : html`<p>Demande faite pour la formation, sans session choisie.</p>`}
    </section>`;
  }

  private decisions(r: RequestDetail): TemplateResult {
    const simple = (['accept', 'waitlist'] as const).filter((a) => r.actions.includes(a));
    return html`<section aria-labelledby="decide-title" class="fr-mb-4w">
      <h2 id="decide-title" class="fr-h4">Décider</h2>
      <p>
        État : ${statusBadge(r.status)}
        ${r.status === 'cancelled' && r.cancelledBy ? html` <span class="office-muted">(${cancelledByLabel(r.cancelledBy)})</span>` : nothing}
      </p>
      ${r.confirmedAt
        ? html`<p class="office-muted">Confirmée par la personne le ${formatDateTime(r.confirmedAt)}.</p>`
        : ['refused', 'cancelled'].includes(r.status)
          ? nothing
          : alert('info', 'Pas encore confirmée.', 'La personne n’a pas encore confirmé sa demande par le lien de son accusé de réception : on ne peut que l’annuler (par exemple un envoi frauduleux).', false)}
      ${r.reason ? html`<p>Motif donné à la personne : « ${r.reason} »</p>` : nothing}
      ${r.course.managerApproval ? html`<p>Accord du responsable : ${managerDecisionLabel(r.managerDecision, r.managerVerified)}</p>` : nothing}
      ${r.actions.length
        ? html`<ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
            ${simple.map(
              (a) => html`<li><button class="fr-btn ${a === 'accept' ? '' : 'fr-btn--secondary'}" type="button" ?disabled=${this.busy} @click=${() => this.action(a)}>${ACTION_LABELS[a]}</button></li>`,
            )}
            ${r.actions.includes('refuse')
              ? html`<li><button class="fr-btn fr-btn--secondary" type="button" ?disabled=${this.busy} @click=${(e: Event) => this.openDialog('refuse', e)}>Refuser…</button></li>`
              : nothing}
            ${r.actions.includes('cancel')
              ? html`<li><button class="fr-btn fr-btn--tertiary" type="button" ?disabled=${this.busy} @click=${(e: Event) => this.openDialog('cancel', e)}>Annuler la demande…</button></li>`
              : nothing}
          </ul>`
        : html`<p>Plus aucune décision à prendre sur cette demande.</p>`}
      ${r.canRecordManagerDecision
        ? html`<h3 class="fr-h6">Accord du responsable, reçu hors du service</h3>
            <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
              <li><button class="fr-btn fr-btn--secondary" type="button" ?disabled=${this.busy} @click=${() => this.managerGiven()}>Enregistrer l’accord</button></li>
              <li><button class="fr-btn fr-btn--tertiary" type="button" ?disabled=${this.busy} @click=${(e: Event) => this.openDialog('declined', e)}>Enregistrer un refus…</button></li>
            </ul>`
        : nothing}
      ${!r.sessionId && r.placeable.length && !['refused', 'cancelled'].includes(r.status)
        ? html`<form @submit=${this.place} class="office-inline-form">
            <div class="fr-select-group">
              <label class="fr-label" for="place-session">Placer dans une session <span class="fr-hint-text">Sur la liste d’attente si elle est complète.</span></label>
              <select class="fr-select" id="place-session" name="sessionId" required>
                ${r.placeable.map((s) => html`<option value=${s.id}>${slotsText(s.slots, s.timezone)[0]}${s.online ? ' — en ligne' : s.location ? ` — ${s.location.city}` : ''}</option>`)}
              </select>
            </div>
            <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit" ?disabled=${this.busy}>Placer</button>
          </form>`
        : nothing}
    </section>`;
  }

  private attendance(r: RequestDetail): TemplateResult | typeof nothing {
    if (!r.session || r.status !== 'accepted' || !r.halfDays.length) return nothing;
    return html`<section aria-labelledby="attendance-title" class="fr-mb-4w">
      <h2 id="attendance-title" class="fr-h4">Présence</h2>
      ${r.canRecordAttendance
        ? html`<form @submit=${this.saveAttendance}>
            ${r.halfDays.map(
              (d) => html`<fieldset class="fr-fieldset" ?disabled=${!d.open}>
                <legend class="fr-fieldset__legend fr-text--regular">${formatDate(d.start, r.session!.timezone)}, ${PART[d.part]}${d.open ? '' : ' (pas encore commencé)'}</legend>
                ${ATTENDANCE.map(
                  (mark) => html`<div class="fr-fieldset__element fr-fieldset__element--inline">
                    <div class="fr-radio-group fr-radio-group--sm">
                      <input type="radio" id=${`att-${d.key}-${mark}`} name=${`att-${d.key}`} value=${mark} ?checked=${r.attendance[d.key] === mark} />
                      <label class="fr-label" for=${`att-${d.key}-${mark}`}>${ATTENDANCE_LABELS[mark]}</label>
                    </div>
                  </div>`,
                )}
              </fieldset>`,
            )}
            <button class="fr-btn fr-btn--sm" type="submit" ?disabled=${this.busy}>Enregistrer la présence</button>
          </form>`
        : html`<p>La présence se saisit demi-journée par demi-journée, une fois la session commencée.</p>`}
    </section>`;
  }

  private dialogTemplate(): TemplateResult {
    const kind = this.dialogAction;
    const titles = { refuse: 'Refuser la demande', cancel: 'Annuler la demande', declined: 'Enregistrer le refus du responsable' };
    const hints = {
      refuse: 'Obligatoire. Il sera montré à la personne.',
      cancel: 'Facultatif. Il sera montré à la personne.',
      declined: 'Facultatif. Il sera montré à la personne ; la demande sera refusée.',
    };
    return html`<dialog class="office-dialog" aria-labelledby="dialog-title" @cancel=${() => this.closeDialog()}>
      ${kind
        ? html`<form @submit=${this.confirmDialog} novalidate>
            <h2 id="dialog-title" class="fr-h5">${titles[kind]}</h2>
            <div class="fr-input-group ${this.dialogError ? 'fr-input-group--error' : ''}">
              <label class="fr-label" for="dialog-reason">Motif <span class="fr-hint-text">${hints[kind]}</span></label>
              <textarea class="fr-input" id="dialog-reason" name="reason" rows="4" maxlength="1000" aria-describedby=${this.dialogError ? 'dialog-error' : nothing}></textarea>
              ${this.dialogError ? html`<p class="fr-error-text" id="dialog-error">${this.dialogError}</p>` : nothing}
            </div>
            <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
              <li><button class="fr-btn" type="submit">${kind === 'cancel' ? 'Annuler la demande' : 'Confirmer le refus'}</button></li>
              <li><button class="fr-btn fr-btn--secondary" type="button" @click=${() => this.closeDialog()}>Revenir sans rien changer</button></li>
            </ul>
          </form>`
        : nothing}
    </dialog>`;
  }

  override render(): TemplateResult {
    const r = this.request;
    return html`<div class="fr-container fr-my-4w">
      <p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="#/demandes">Toutes les demandes</a></p>
      <h1>${r ? `Demande de ${r.givenName} ${r.familyName}` : 'Demande'}</h1>
      <div class="office-notice-anchor" tabindex="-1">${this.notice ?? nothing}</div>
      ${this.error ? html`${alert('error', 'Cette demande n’a pas pu être chargée.', this.error)}<button class="fr-btn fr-btn--secondary" type="button" @click=${() => this.load()}>Réessayer</button>` : nothing}
      ${!r && !this.error ? html`<p role="status">Chargement…</p>` : nothing}
      ${r
        ? html`<p class="office-muted">${r.reference} · ${statusLabel(r.status)}</p>
            <div class="office-detail">
              <div>${this.decisions(r)} ${this.attendance(r)} ${this.courseAndSession(r)}</div>
              <div>${this.person(r)} <section aria-label="Historique de la demande">${historyList(r.history)}</section></div>
            </div>
            ${this.dialogTemplate()}`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-request': OfficeRequest;
  }
}

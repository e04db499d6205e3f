/**
 * `#/sessions/ID`: one session — capacity, seats taken, the waiting list in
 * the order promotion follows, the participants and their attendance per
 * half-day; promote the next person, edit, cancel (with the message the
 * people enrolled receive), export the participants and print the attendance
 * sheet; its history.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { api, ApiError, type Member, type Person, type SessionDetail } from '../api.js';
import { ATTENDANCE, ATTENDANCE_LABELS } from '../../server/office/vocabulary.js';
import { alert, dataTable, errorText, formatDate, formatDateTime, historyList, OfficeElement, sessionStatusLabel, slotsText, statusBadge, statusLabel, zoneNote } from '../ui.js';
import './session-form.js';

const PART = { am: 'matin', pm: 'après-midi' };

@customElement('office-session')
export class OfficeSession extends OfficeElement {
  @property({ attribute: false }) sessionId = '';
  @property({ attribute: false }) member?: Member;
  @state() private session?: SessionDetail;
  @state() private error = '';
  @state() private notice?: TemplateResult;
  @state() private editing = false;
  @state() private busy = false;
  @state() private cancelError = '';
  @query('#cancel-dialog') private cancelDialog?: HTMLDialogElement;
  private opener?: HTMLElement;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('sessionId')) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.session = await api.get<SessionDetail>(`/sessions/${encodeURIComponent(this.sessionId)}`);
      this.error = '';
    } catch (error) {
      this.error = errorText(error);
    }
  }

  private async show(notice: TemplateResult): Promise<void> {
    this.notice = notice;
    await this.focusHeading('.office-notice-anchor');
  }

  private async promote(): Promise<void> {
    this.busy = true;
    try {
      const result = await api.post<{ promoted: { id: string; status: string }[]; session: SessionDetail }>(`/sessions/${encodeURIComponent(this.sessionId)}/promote`, {});
      const promoted = this.session?.waiting.find((w) => w.id === result.promoted[0]?.id);
      this.session = result.session;
      await this.show(
        alert('success', 'Personne suivante promue.', promoted ? `${promoted.givenName} ${promoted.familyName} passe à « ${statusLabel(result.promoted[0].status)} ».` : ''),
      );
    } catch (error) {
      await this.show(alert('error', 'Personne n’a été promu·e.', errorText(error)));
    } finally {
      this.busy = false;
    }
  }

  private saved(event: CustomEvent<SessionDetail>): void {
    this.session = event.detail;
    this.editing = false;
    void this.show(alert('success', 'Session modifiée.', 'Les composants du catalogue affichent le changement dans les secondes qui viennent.'));
  }

  private conflict(event: CustomEvent<SessionDetail>): void {
    this.session = event.detail;
  }

  private openCancel(event: Event): void {
    this.opener = event.currentTarget as HTMLElement;
    this.cancelError = '';
    this.cancelDialog?.showModal();
    this.cancelDialog?.querySelector('textarea')?.focus();
  }

  private closeCancel(): void {
    this.cancelDialog?.close();
    this.opener?.focus();
  }

  private async confirmCancel(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const message = String(new FormData(event.target as HTMLFormElement).get('message') ?? '').trim();
    if (!message) {
      this.cancelError = 'Écrivez le message que recevront les personnes inscrites.';
      return;
    }
    this.cancelDialog?.close();
    try {
      this.session = await api.post<SessionDetail>(`/sessions/${encodeURIComponent(this.sessionId)}/cancel`, { version: this.session!.version, message });
      await this.show(alert('success', 'Session annulée.', 'Chaque demande de la session est annulée, avec votre message.'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.problem.current) this.session = error.problem.current as SessionDetail;
      await this.show(alert('error', 'La session n’a pas été annulée.', errorText(error)));
    }
  }

  private async saveAttendance(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const s = this.session!;
    const open = s.halfDays.filter((d) => d.open);
    const entries = s.participants
      .filter((p) => p.status === 'accepted')
      .map((p) => ({
        id: p.id,
        version: p.version,
        attendance: Object.fromEntries(open.map((d) => [d.key, (form.get(`att-${p.id}-${d.key}`) as string) || null])),
      }));
    try {
      const result = await api.put<{ results: { id: string; outcome: string }[]; session: SessionDetail }>(`/sessions/${encodeURIComponent(s.id)}/attendance`, { entries });
      this.session = result.session;
      const failed = result.results.filter((r) => r.outcome !== 'done').length;
      await this.show(
        failed
          ? alert('warning', `Présences enregistrées, sauf ${failed}.`, 'Ces demandes ont changé entre-temps : vérifiez-les et recommencez.')
          : alert('success', 'Présences enregistrées.'),
      );
    } catch (error) {
      await this.show(alert('error', 'Les présences n’ont pas été enregistrées.', errorText(error)));
    }
  }

  private people(list: Person[], caption: string, options: { position?: boolean } = {}): TemplateResult {
    if (!list.length) return html`<p>Personne.</p>`;
    return dataTable(
      html`${caption}`,
      html`${options.position ? html`<th scope="col">Rang</th>` : nothing}
          <th scope="col">Personne</th>
          <th scope="col">Administration</th>
          <th scope="col">État</th>
          <th scope="col">${options.position ? 'En attente depuis' : 'Reçue le'}</th>`,
      html`${list.map(
          (p, i) => html`<tr>
            ${options.position ? html`<td>${i + 1}</td>` : nothing}
            <td><a class="fr-link" href=${`#/demandes/${encodeURIComponent(p.id)}`}>${p.givenName} ${p.familyName}</a></td>
            <td>${p.organisation}</td>
            <td>${statusBadge(p.status)}</td>
            <td>${formatDateTime(options.position ? p.statusChangedAt : p.createdAt)}</td>
          </tr>`,
        )}`,
      { hideCaption: true },
    );
  }

  private attendance(s: SessionDetail): TemplateResult | typeof nothing {
    const open = s.halfDays.filter((d) => d.open);
    const accepted = s.participants.filter((p) => p.status === 'accepted');
    if (!open.length || !accepted.length) return nothing;
    return html`<section aria-labelledby="att-title" class="fr-mb-4w">
      <h2 id="att-title" class="fr-h4">Présence</h2>
      <form @submit=${this.saveAttendance}>
        ${accepted.map(
          (p) => html`<fieldset class="fr-fieldset">
            <legend class="fr-fieldset__legend">${p.givenName} ${p.familyName}</legend>
            ${open.map(
              (d) => html`<div class="fr-fieldset__element fr-fieldset__element--inline">
                <div class="fr-select-group">
                  <label class="fr-label" for=${`att-${p.id}-${d.key}`}>${formatDate(d.start, s.timezone)}, ${PART[d.part]}</label>
                  <select class="fr-select" id=${`att-${p.id}-${d.key}`} name=${`att-${p.id}-${d.key}`}>
                    <option value="">Non renseignée</option>
                    ${ATTENDANCE.map((m) => html`<option value=${m} ?selected=${p.attendance[d.key] === m}>${ATTENDANCE_LABELS[m]}</option>`)}
                  </select>
                </div>
              </div>`,
            )}
          </fieldset>`,
        )}
        <button class="fr-btn fr-btn--sm" type="submit">Enregistrer les présences</button>
      </form>
    </section>`;
  }

  private cancelDialogTemplate(): TemplateResult {
    return html`<dialog id="cancel-dialog" class="office-dialog" aria-labelledby="cancel-title" @cancel=${() => this.closeCancel()}>
      <form @submit=${this.confirmCancel} novalidate>
        <h2 id="cancel-title" class="fr-h5">Annuler la session</h2>
        <p>Chaque demande de la session sera annulée. Les personnes inscrites recevront votre message.</p>
        <div class="fr-input-group ${this.cancelError ? 'fr-input-group--error' : ''}">
          <label class="fr-label" for="cancel-message">Message aux personnes inscrites <span class="fr-hint-text">Obligatoire : pourquoi, et ce qui leur est proposé.</span></label>
          <textarea class="fr-input" id="cancel-message" name="message" rows="5" maxlength="1000" aria-describedby=${this.cancelError ? 'cancel-error' : nothing}></textarea>
          ${this.cancelError ? html`<p class="fr-error-text" id="cancel-error">${this.cancelError}</p>` : nothing}
        </div>
        <ul class="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
          <li><button class="fr-btn" type="submit">Annuler la session</button></li>
          <li><button class="fr-btn fr-btn--secondary" type="button" @click=${() => this.closeCancel()}>Revenir sans rien changer</button></li>
        </ul>
      </form>
    </dialog>`;
  }

  override render(): TemplateResult {
    const s = this.session;
    const cancelled = s?.status === 'cancelled';
    return html`<div class="fr-container fr-my-4w">
      <p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="#/sessions">Toutes les sessions</a></p>
      <h1>${s ? `${s.courseTitle} — session du ${formatDate(s.slots[0].start, s.timezone)}` : 'Session'}</h1>
      <div class="office-notice-anchor" tabindex="-1">${this.notice ?? nothing}</div>
      ${this.error ? html`${alert('error', 'Cette session n’a pas pu être chargée.', this.error)}<button class="fr-btn fr-btn--secondary" type="button" @click=${() => this.load()}>Réessayer</button>` : nothing}
      ${!s && !this.error ? html`<p role="status">Chargement…</p>` : nothing}
      ${s
        ? html`<div class="office-detail">
              <section aria-labelledby="summary-title">
                <h2 id="summary-title" class="fr-h4">La session</h2>
                <ul>
                  ${slotsText(s.slots, s.timezone).map((t) => html`<li>${t}${zoneNote(s.timezone)}</li>`)}
                </ul>
                <p>${s.online ? 'En ligne' : ''}${s.online && s.location ? ' — ' : ''}${s.location ? `${s.location.name}, ${s.location.address ? `${s.location.address}, ` : ''}${s.location.city}` : ''}</p>
                <dl class="office-dl">
                  <div class="office-dl__row"><dt>Inscriptions</dt><dd>${sessionStatusLabel(s.status)}</dd></div>
                  <div class="office-dl__row"><dt>Capacité</dt><dd>${s.capacity ?? 'sans limite'}</dd></div>
                  <div class="office-dl__row"><dt>Places prises</dt><dd>${s.seatsTaken}${s.seatsReserved ? ` (dont ${s.seatsReserved} réservées hors du service)` : ''}</dd></div>
                  <div class="office-dl__row"><dt>Places libres</dt><dd>${s.seatsLeft ?? '—'}</dd></div>
                  <div class="office-dl__row"><dt>Liste d’attente</dt><dd>${s.waiting.length}</dd></div>
                  <div class="office-dl__row"><dt>Promotion automatique</dt><dd>${s.autoPromote ? 'oui' : 'non'}</dd></div>
                  ${s.registrationOpens ? html`<div class="office-dl__row"><dt>Ouverture</dt><dd>${formatDateTime(s.registrationOpens, s.timezone)}</dd></div>` : nothing}
                  ${s.registrationCloses ? html`<div class="office-dl__row"><dt>Clôture</dt><dd>${formatDateTime(s.registrationCloses, s.timezone)}</dd></div>` : nothing}
                </dl>
              </section>
              <section aria-labelledby="tools-title">
                <h2 id="tools-title" class="fr-h4">Actions</h2>
                <ul class="fr-btns-group fr-btns-group--sm">
                  ${!cancelled && s.waiting.length
                    ? html`<li><button class="fr-btn" type="button" ?disabled=${this.busy} @click=${() => this.promote()}>Promouvoir la personne suivante</button></li>`
                    : nothing}
                  <li><a class="fr-btn fr-btn--secondary" href=${`/office/api/sessions/${encodeURIComponent(s.id)}/participants.csv`} download>Télécharger les participants (CSV)</a></li>
                  <li><a class="fr-btn fr-btn--secondary" href=${`#/sessions/${encodeURIComponent(s.id)}/emargement`}>Feuille d’émargement</a></li>
                  ${!cancelled
                    ? html`<li>
                          <button class="fr-btn fr-btn--secondary" type="button" aria-expanded=${this.editing ? 'true' : 'false'} aria-controls="edit-session" @click=${() => (this.editing = !this.editing)}>
                            Modifier la session
                          </button>
                        </li>
                        <li><button class="fr-btn fr-btn--tertiary" type="button" @click=${(e: Event) => this.openCancel(e)}>Annuler la session…</button></li>`
                    : nothing}
                </ul>
              </section>
            </div>
            <div id="edit-session" ?hidden=${!this.editing}>
              ${this.editing
                ? html`<h2 class="fr-h4">Modifier la session</h2>
                    <office-session-form .session=${s} @office-session-saved=${this.saved} @office-session-conflict=${this.conflict}></office-session-form>`
                : nothing}
            </div>
            <section aria-labelledby="participants-title" class="fr-mb-4w">
              <h2 id="participants-title" class="fr-h4">Participants (${s.participants.length})</h2>
              ${this.people(s.participants, 'Participants')}
            </section>
            <section aria-labelledby="waiting-title" class="fr-mb-4w">
              <h2 id="waiting-title" class="fr-h4">Liste d’attente (${s.waiting.length})</h2>
              <p class="office-muted">Dans l’ordre où les places libérées sont données.</p>
              ${this.people(s.waiting, 'Liste d’attente, dans l’ordre', { position: true })}
            </section>
            ${this.attendance(s)}
            ${s.others.length
              ? html`<section aria-labelledby="others-title" class="fr-mb-4w">
                  <h2 id="others-title" class="fr-h4">Refusées et annulées (${s.others.length})</h2>
                  ${this.people(s.others, 'Demandes refusées et annulées')}
                </section>`
              : nothing}
            <section aria-label="Historique de la session">${historyList(s.history, 2, { created: 'Session créée', updated: 'Session modifiée', cancelled: 'Session annulée' })}</section>
            ${this.cancelDialogTemplate()}`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-session': OfficeSession;
  }
}

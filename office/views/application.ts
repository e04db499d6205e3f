/**
 * `#/candidatures/ID` (campus only): one application, its review state and
 * internal notes (saved over the version read: 409 with the fresh state when
 * someone saved meanwhile), and its history.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError, type Application } from '../api.js';
import { REVIEW_LABELS, REVIEW_STATES } from '../../server/office/vocabulary.js';
import { alert, errorText, formatDateTime, historyList, OfficeElement } from '../ui.js';
import { labelOf, reference, type Reference } from './reference.js';

@customElement('office-application')
export class OfficeApplication extends OfficeElement {
  @property({ attribute: false }) applicationId = '';
  @state() private application?: Application;
  @state() private ref?: Reference;
  @state() private error = '';
  @state() private notice?: TemplateResult;

  override connectedCallback(): void {
    super.connectedCallback();
    void reference()
      .then((r) => (this.ref = r))
      .catch(() => undefined);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('applicationId')) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.application = await api.get<Application>(`/applications/${encodeURIComponent(this.applicationId)}`);
      this.error = '';
    } catch (error) {
      this.error = errorText(error);
    }
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const a = this.application!;
    try {
      this.application = await api.patch<Application>(`/applications/${encodeURIComponent(a.id)}`, {
        version: a.version,
        reviewState: String(form.get('reviewState')),
        notes: String(form.get('notes') ?? ''),
      });
      this.notice = alert('success', 'Suivi enregistré.');
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && error.problem.current) {
        this.application = error.problem.current as Application;
        this.notice = alert('warning', 'Quelqu’un a enregistré cette candidature entre-temps.', 'Voici son état actuel : relisez, puis enregistrez de nouveau si besoin.');
      } else this.notice = alert('error', 'Le suivi n’a pas été enregistré.', errorText(error));
    }
    await this.focusHeading('.office-notice-anchor');
  }

  override render(): TemplateResult {
    const a = this.application;
    const row = (label: string, value: TemplateResult | string | null | undefined) => (value ? html`<div class="office-dl__row"><dt>${label}</dt><dd>${value}</dd></div>` : nothing);
    const skills = [...(this.ref?.trainerSkills ?? []), ...(this.ref?.expertises ?? [])];
    return html`<div class="fr-container fr-my-4w">
      <p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="#/candidatures">Toutes les candidatures</a></p>
      <h1>${a ? `Candidature de ${a.givenName} ${a.familyName}` : 'Candidature'}</h1>
      <div class="office-notice-anchor" tabindex="-1">${this.notice ?? nothing}</div>
      ${this.error ? alert('error', 'Cette candidature n’a pas pu être chargée.', this.error) : nothing}
      ${!a && !this.error ? html`<p role="status">Chargement…</p>` : nothing}
      ${a
        ? html`<div class="office-detail">
            <div>
              <section aria-labelledby="review-title" class="fr-mb-4w">
                <h2 id="review-title" class="fr-h4">Suivi par le campus</h2>
                <form @submit=${this.save}>
                  <div class="fr-select-group">
                    <label class="fr-label" for="reviewState">État du suivi</label>
                    <select class="fr-select" id="reviewState" name="reviewState">
                      ${REVIEW_STATES.map((s) => html`<option value=${s} ?selected=${a.reviewState === s}>${REVIEW_LABELS[s]}</option>`)}
                    </select>
                  </div>
                  <div class="fr-input-group">
                    <label class="fr-label" for="notes">Notes internes <span class="fr-hint-text">Visibles de l’équipe du campus seulement ; jamais envoyées à la personne.</span></label>
                    <textarea class="fr-input" id="notes" name="notes" rows="6" maxlength="5000" .value=${a.notes ?? ''}></textarea>
                  </div>
                  <button class="fr-btn fr-btn--sm" type="submit">Enregistrer le suivi</button>
                </form>
              </section>
              <section aria-label="Historique de la candidature">${historyList(a.history ?? [])}</section>
            </div>
            <section aria-labelledby="who-title">
              <h2 id="who-title" class="fr-h4">La personne</h2>
              ${a.erased ? alert('info', 'Données effacées.', undefined, false) : nothing}
              <dl class="office-dl">
                ${row('Adresse électronique', html`<a href=${`mailto:${a.email}`}>${a.email}</a>`)} ${row('Organisation', a.organisation)} ${row('Fonction', a.jobTitle)}
                ${row('Statut', labelOf(this.ref?.trainerStatuses, a.status))} ${row('Compétences', a.skills.map((s) => labelOf(skills, s)).join(', '))}
                ${row('Intention', labelOf(this.ref?.trainerIntents, a.intent))} ${row('Disponibilités', a.availability)} ${row('Lieux', a.places)}
                ${row('À distance', a.remote ? 'oui' : 'non')} ${row('Reçue le', formatDateTime(a.createdAt))} ${row('Référence', a.reference)}
              </dl>
              ${a.links.length
                ? html`<h3 class="fr-h6">Liens</h3>
                    <ul>
                      ${a.links.filter((l) => /^https?:\/\//.test(l)).map((l) => html`<li><a href=${l} rel="noopener noreferrer" target="_blank">${l}<span class="fr-sr-only"> (nouvelle fenêtre)</span></a></li>`)}
                    </ul>`
                : nothing}
              ${a.training
                ? html`<h3 class="fr-h6">Formation proposée</h3>
                    <p><strong>${a.training.title}</strong> — ${a.training.duration}</p>
                    <p>${a.training.summary}</p>
                    <p class="office-muted">${(a.training.modes ?? []).map((m) => labelOf(this.ref?.modes, m)).join(', ')}</p>`
                : nothing}
            </section>
          </div>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-application': OfficeApplication;
  }
}

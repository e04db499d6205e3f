/**
 * `#/equipe` (campus only): who has access to the office. The campus grants
 * and removes partner organisations' staff here (audited); the campus's own
 * grants are made on the command line (`npm run staff`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type Member, type Organisation, type StaffEntry } from '../api.js';
import { ROLE_LABELS } from '../../server/office/vocabulary.js';
import { alert, dataTable, errorText, fieldError, formatDateTime, hasFieldError, OfficeElement } from '../ui.js';

@customElement('office-team')
export class OfficeTeam extends OfficeElement {
  @property({ attribute: false }) member?: Member;
  @state() private staff?: StaffEntry[];
  @state() private organisations: Organisation[] = [];
  @state() private error = '';
  @state() private addError?: unknown;
  @state() private notice?: TemplateResult;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.staff = (await api.get<{ items: StaffEntry[] }>('/staff')).items;
      this.organisations = (await api.get<{ items: Organisation[] }>('/organisations')).items;
      this.error = '';
    } catch (error) {
      this.error = errorText(error);
    }
  }

  private orgName = (id: string | null) => (id ? (this.organisations.find((o) => o.id === id)?.name ?? id) : '');

  private async add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    try {
      const added = await api.post<StaffEntry>('/staff', { email: String(form.get('email') ?? ''), organisationId: String(form.get('organisationId') ?? '') });
      this.addError = undefined;
      formElement.reset();
      this.notice = alert('success', `Accès donné à ${added.email}.`, 'Il sera lié à l’identité de sa première connexion.');
      await this.load();
    } catch (error) {
      this.addError = error;
      this.notice = alert('error', 'L’accès n’a pas été donné.', errorText(error));
    }
    await this.focusHeading('.office-notice-anchor');
  }

  private async removeGrant(entry: StaffEntry, trigger: HTMLElement): Promise<void> {
    if (!window.confirm(`Retirer l’accès de ${entry.email} ? Ses sessions en cours se ferment aussitôt.`)) {
      trigger.focus();
      return;
    }
    try {
      await api.delete(`/staff/${encodeURIComponent(entry.id)}`);
      this.notice = alert('success', `Accès de ${entry.email} retiré.`);
      await this.load();
    } catch (error) {
      this.notice = alert('error', 'L’accès n’a pas été retiré.', errorText(error));
    }
    await this.focusHeading('.office-notice-anchor');
  }

  override render(): TemplateResult {
    return html`<div class="fr-container fr-my-4w">
      <h1>Équipe</h1>
      <p>Les personnes qui ont accès au bureau. Un accès se lie à l’identité de la première connexion faite avec son adresse.</p>
      <div class="office-notice-anchor" tabindex="-1">${this.notice ?? nothing}</div>
      ${this.error ? alert('error', 'La liste n’a pas pu être chargée.', this.error) : nothing}
      <section aria-labelledby="add-title" class="fr-mb-4w office-narrow">
        <h2 id="add-title" class="fr-h4">Donner accès à un organisme partenaire</h2>
        <form @submit=${this.add} novalidate>
          <div class="fr-input-group ${hasFieldError(this.addError, 'email') ? 'fr-input-group--error' : ''}">
            <label class="fr-label" for="staff-email">Adresse électronique professionnelle</label>
            <input class="fr-input" id="staff-email" name="email" type="email" autocomplete="off" required aria-describedby=${hasFieldError(this.addError, 'email') ? 'staff-email-error' : nothing} />
            ${fieldError(this.addError, 'email', 'staff-email-error')}
          </div>
          <div class="fr-select-group ${hasFieldError(this.addError, 'organisationId') ? 'fr-select-group--error' : ''}">
            <label class="fr-label" for="staff-org">Organisme <span class="fr-hint-text">La personne verra les demandes des formations dont cet organisme est l’organisateur.</span></label>
            <select class="fr-select" id="staff-org" name="organisationId" required>
              ${this.organisations.filter((o) => o.id !== 'campus').map((o) => html`<option value=${o.id}>${o.name}</option>`)}
            </select>
            ${fieldError(this.addError, 'organisationId', 'staff-org-error')}
          </div>
          <button class="fr-btn fr-btn--sm" type="submit">Donner l’accès</button>
        </form>
        <p class="fr-mt-2w office-muted">Les accès de l’équipe du campus se donnent en ligne de commande : <code>npm run staff -- add --email X --role campus</code>.</p>
      </section>
      ${this.staff
        ? dataTable(
          html`Accès au bureau (${this.staff.length})`,
          html`<th scope="col">Personne</th>
              <th scope="col">Rôle</th>
              <th scope="col">Dernière connexion</th>
              <th scope="col">Action</th>`,
          html`${this.staff.map(
              (s) => html`<tr>
                <td>${s.name ?? '—'}<br /><span class="office-muted">${s.email}</span></td>
                <td>${ROLE_LABELS[s.role] ?? s.role}${s.organisationId ? html`<br /><span class="office-muted">${this.orgName(s.organisationId)}</span>` : nothing}</td>
                <td>${s.lastSignInAt ? formatDateTime(s.lastSignInAt) : 'jamais connecté·e'}</td>
                <td>
                  ${s.role === 'organisation'
                    ? html`<button class="fr-btn fr-btn--tertiary fr-btn--sm" type="button" @click=${(e: Event) => this.removeGrant(s, e.currentTarget as HTMLElement)}>
                        Retirer l’accès<span class="fr-sr-only"> de ${s.email}</span>
                      </button>`
                    : html`<span class="office-muted">en ligne de commande</span>`}
                </td>
              </tr>`,
            )}`,
        )
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-team': OfficeTeam;
  }
}

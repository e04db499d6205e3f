/**
 * `#/organisations` (campus only): each organisation's notification
 * addresses (the daily digest of new requests). Kept on the server only:
 * the public API never shows them.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api, type Organisation } from '../api.js';
import { alert, errorText, OfficeElement } from '../ui.js';

@customElement('office-organisations')
export class OfficeOrganisations extends OfficeElement {
  @state() private items?: Organisation[];
  @state() private error = '';
  @state() private notice?: TemplateResult;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.items = (await api.get<{ items: Organisation[] }>('/organisations')).items;
      this.error = '';
    } catch (error) {
      this.error = errorText(error);
    }
  }

  private async save(event: SubmitEvent, org: Organisation): Promise<void> {
    event.preventDefault();
    const text = String(new FormData(event.target as HTMLFormElement).get('emails') ?? '');
    const emails = text
      .split(/[\s,;]+/)
      .map((e) => e.trim())
      .filter(Boolean);
    try {
      const saved = await api.put<{ notificationEmails: string[] }>(`/organisations/${encodeURIComponent(org.id)}/notification-emails`, { emails });
      this.items = this.items?.map((o) => (o.id === org.id ? { ...o, notificationEmails: saved.notificationEmails } : o));
      this.notice = alert('success', `Adresses de ${org.name} enregistrées.`, saved.notificationEmails.length ? saved.notificationEmails.join(', ') : 'Aucune adresse.');
    } catch (error) {
      this.notice = alert('error', `Les adresses de ${org.name} n’ont pas été enregistrées.`, errorText(error));
    }
    await this.focusHeading('.office-notice-anchor');
  }

  override render(): TemplateResult {
    return html`<div class="fr-container fr-my-4w">
      <h1>Organisations</h1>
      <p>Les adresses qui reçoivent chaque jour le récapitulatif des nouvelles demandes de l’organisme. Elles restent sur le serveur : le catalogue public ne les montre jamais.</p>
      <div class="office-notice-anchor" tabindex="-1">${this.notice ?? nothing}</div>
      ${this.error ? alert('error', 'La liste n’a pas pu être chargée.', this.error) : nothing}
      ${!this.items && !this.error ? html`<p role="status">Chargement…</p>` : nothing}
      ${this.items?.map(
        (o) => html`<section class="office-card fr-mb-2w" aria-labelledby=${`org-${o.id}`}>
          <h2 class="fr-h6" id=${`org-${o.id}`}>${o.name}${o.shortName ? html` <span class="office-muted">(${o.shortName})</span>` : nothing}</h2>
          <form @submit=${(e: SubmitEvent) => this.save(e, o)} class="office-inline-form">
            <div class="fr-input-group">
              <label class="fr-label" for=${`emails-${o.id}`}>Adresses de notification <span class="fr-hint-text">Séparées par des virgules ; vingt au plus.</span></label>
              <input class="fr-input" id=${`emails-${o.id}`} name="emails" .value=${o.notificationEmails.join(', ')} autocomplete="off" />
            </div>
            <button class="fr-btn fr-btn--secondary fr-btn--sm" type="submit">Enregistrer<span class="fr-sr-only"> les adresses de ${o.name}</span></button>
          </form>
        </section>`,
      )}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-organisations': OfficeOrganisations;
  }
}

/**
 * `#/personnes` (campus only): a person's rights over their data, with the
 * address they used — export (right of access), rectification of a field,
 * erasure (typed twice: it cannot be undone). Each is audited with the staff
 * member as actor.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { api } from '../api.js';
import { alert, errorText, OfficeElement } from '../ui.js';

const FIELDS: Record<string, string> = {
  givenName: 'Prénom',
  familyName: 'Nom',
  email: 'Adresse électronique',
  organisation: 'Administration ou organisation',
  jobTitle: 'Fonction',
  managerEmail: 'Adresse du responsable',
  accommodation: 'Besoins d’aménagement',
  comment: 'Message',
};

@customElement('office-persons')
export class OfficePersons extends OfficeElement {
  @state() private notice?: TemplateResult;
  @state() private exported?: { enrolments: unknown[]; trainerApplications: unknown[] };
  private exportUrl?: string;

  override disconnectedCallback(): void {
    if (this.exportUrl) URL.revokeObjectURL(this.exportUrl);
    super.disconnectedCallback();
  }

  private async run(event: SubmitEvent, kind: 'export' | 'rectify' | 'erase'): Promise<void> {
    event.preventDefault();
    const formElement = event.target as HTMLFormElement;
    const form = Object.fromEntries(new FormData(formElement)) as Record<string, string>;
    try {
      if (kind === 'export') {
        const data = await api.post<{ enrolments: unknown[]; trainerApplications: unknown[] }>('/persons/export', { email: form.email });
        if (this.exportUrl) URL.revokeObjectURL(this.exportUrl);
        this.exportUrl = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
        this.exported = data;
        this.notice = alert('success', 'Export prêt.', `${data.enrolments.length} demande(s) et ${data.trainerApplications.length} candidature(s) trouvées.`);
      } else if (kind === 'rectify') {
        const { changed } = await api.post<{ changed: number }>('/persons/rectify', form);
        this.notice = alert('success', 'Rectification faite.', `${changed} enregistrement(s) corrigé(s).`);
        formElement.reset();
      } else {
        const erased = await api.post<{ enrolments: number; trainerApplications: number }>('/persons/erase', form);
        this.notice = alert('success', 'Effacement fait.', `${erased.enrolments} demande(s) et ${erased.trainerApplications} candidature(s) effacées.`);
        formElement.reset();
      }
    } catch (error) {
      this.notice = alert('error', 'Rien n’a été fait.', errorText(error));
    }
    await this.focusHeading('.office-notice-anchor');
  }

  private email(id: string, label = 'Adresse électronique de la personne'): TemplateResult {
    return html`<div class="fr-input-group">
      <label class="fr-label" for=${id}>${label} <span class="fr-hint-text">Celle qu’elle a saisie dans ses demandes.</span></label>
      <input class="fr-input" id=${id} name="email" type="email" required autocomplete="off" />
    </div>`;
  }

  override render(): TemplateResult {
    return html`<div class="fr-container fr-my-4w office-narrow">
      <h1>Droits des personnes</h1>
      <p>Pour répondre à une personne qui exerce ses droits sur ses données (RGPD, articles 15 à 17). Chaque action est tracée dans le journal.</p>
      <div class="office-notice-anchor" tabindex="-1">${this.notice ?? nothing}</div>
      <section aria-labelledby="export-title" class="fr-mb-5w">
        <h2 id="export-title" class="fr-h4">Accès : exporter ses données</h2>
        <form @submit=${(e: SubmitEvent) => this.run(e, 'export')}>
          ${this.email('export-email')}
          <button class="fr-btn fr-btn--sm" type="submit">Préparer l’export</button>
        </form>
        ${this.exported && this.exportUrl
          ? html`<p class="fr-mt-2w"><a class="fr-link fr-icon-download-line fr-link--icon-left" href=${this.exportUrl} download="donnees-personne.json">Télécharger l’export (JSON)</a></p>`
          : nothing}
      </section>
      <section aria-labelledby="rectify-title" class="fr-mb-5w">
        <h2 id="rectify-title" class="fr-h4">Rectification d’un champ</h2>
        <form @submit=${(e: SubmitEvent) => this.run(e, 'rectify')}>
          ${this.email('rectify-email')}
          <div class="fr-select-group">
            <label class="fr-label" for="rectify-field">Champ à corriger</label>
            <select class="fr-select" id="rectify-field" name="field">
              ${Object.entries(FIELDS).map(([id, label]) => html`<option value=${id}>${label}</option>`)}
            </select>
          </div>
          <div class="fr-input-group">
            <label class="fr-label" for="rectify-value">Nouvelle valeur</label>
            <input class="fr-input" id="rectify-value" name="value" autocomplete="off" />
          </div>
          <button class="fr-btn fr-btn--sm" type="submit">Corriger</button>
        </form>
      </section>
      <section aria-labelledby="erase-title" class="fr-mb-5w">
        <h2 id="erase-title" class="fr-h4">Effacement</h2>
        <p>Les champs personnels de chaque demande et candidature sont remplacés par une marque d’effacement ; l’état, la formation, la session et les dates restent. C’est définitif.</p>
        <form @submit=${(e: SubmitEvent) => this.run(e, 'erase')}>
          ${this.email('erase-email')}
          <div class="fr-input-group">
            <label class="fr-label" for="erase-confirm">Recopiez l’adresse pour confirmer</label>
            <input class="fr-input" id="erase-confirm" name="confirm" type="email" required autocomplete="off" />
          </div>
          <button class="fr-btn fr-btn--sm fr-btn--secondary" type="submit">Effacer définitivement</button>
        </form>
      </section>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-persons': OfficePersons;
  }
}

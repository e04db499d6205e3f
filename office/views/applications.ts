/**
 * `#/candidatures` (campus only): the people who answered the call for
 * trainers, with filters (skills, expertises, intent, region or online,
 * availability, review state, a search) and the CSV of what is shown.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type Application } from '../api.js';
import { navigate } from '../router.js';
import { REVIEW_LABELS, REVIEW_STATES } from '../../server/office/vocabulary.js';
import { alert, errorText, filledFields, formatDate, OfficeElement, reviewLabel } from '../ui.js';
import { labelOf, reference, type Reference } from './reference.js';

interface ApplicationList {
  items: Application[];
  total: number;
  counts: Record<string, number>;
}

@customElement('office-applications')
export class OfficeApplications extends OfficeElement {
  @property({ attribute: false }) query = new URLSearchParams();
  @state() private list?: ApplicationList;
  @state() private ref?: Reference;
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void reference()
      .then((r) => (this.ref = r))
      .catch(() => undefined);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('query')) void this.load();
  }

  private async load(): Promise<void> {
    try {
      const first = !this.list;
      const q = new URLSearchParams(this.query);
      q.set('pageSize', '100');
      this.list = await api.get<ApplicationList>(`/applications?${q}`);
      this.error = '';
      if (!first) this.announce(`${this.list.total} candidature${this.list.total > 1 ? 's' : ''} trouvée${this.list.total > 1 ? 's' : ''}.`);
    } catch (error) {
      this.error = errorText(error);
    }
  }

  private filter(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const params: Record<string, string | string[]> = filledFields(form, ['q', 'skill', 'expertise', 'intent', 'online', 'region', 'availability']);
    const states = form.getAll('reviewState').map(String);
    if (states.length) params.reviewState = states;
    navigate('candidatures', params);
  }

  private select(id: string, name: string, label: string, options: { id: string; label: string }[]): TemplateResult {
    return html`<div class="fr-select-group">
      <label class="fr-label" for=${id}>${label}</label>
      <select class="fr-select" id=${id} name=${name}>
        <option value="">Toutes</option>
        ${options.map((o) => html`<option value=${o.id} ?selected=${this.query.get(name) === o.id}>${o.label}</option>`)}
      </select>
    </div>`;
  }

  private filters(): TemplateResult {
    const q = this.query;
    const states = q.getAll('reviewState');
    return html`<form class="office-filters" @submit=${this.filter} aria-labelledby="app-filters-title">
      <h2 id="app-filters-title" class="fr-h5">Filtrer les candidatures</h2>
      <div class="fr-input-group">
        <label class="fr-label" for="a-q">Nom, adresse, organisation ou référence</label>
        <input class="fr-input" id="a-q" name="q" type="search" .value=${q.get('q') ?? ''} />
      </div>
      ${this.select('a-skill', 'skill', 'Compétence', this.ref?.trainerSkills ?? [])} ${this.select('a-expertise', 'expertise', 'Expertise', this.ref?.expertises ?? [])}
      ${this.select('a-intent', 'intent', 'Intention', this.ref?.trainerIntents ?? [])}
      <div class="fr-select-group">
        <label class="fr-label" for="a-online">À distance</label>
        <select class="fr-select" id="a-online" name="online">
          <option value="">Indifférent</option>
          <option value="yes" ?selected=${q.get('online') === 'yes'}>Oui</option>
          <option value="no" ?selected=${q.get('online') === 'no'}>Non</option>
        </select>
      </div>
      <div class="fr-input-group">
        <label class="fr-label" for="a-region">Région ou ville</label>
        <input class="fr-input" id="a-region" name="region" .value=${q.get('region') ?? ''} />
      </div>
      <div class="fr-input-group">
        <label class="fr-label" for="a-availability">Disponibilités (mot cherché)</label>
        <input class="fr-input" id="a-availability" name="availability" .value=${q.get('availability') ?? ''} />
      </div>
      <fieldset class="fr-fieldset">
        <legend class="fr-fieldset__legend fr-text--regular">Suivi</legend>
        ${REVIEW_STATES.map(
          (s) => html`<div class="fr-fieldset__element">
            <div class="fr-checkbox-group fr-checkbox-group--sm">
              <input type="checkbox" id=${`a-state-${s}`} name="reviewState" value=${s} ?checked=${states.includes(s)} />
              <label class="fr-label" for=${`a-state-${s}`}>${REVIEW_LABELS[s]} (${this.list?.counts[s] ?? 0})</label>
            </div>
          </div>`,
        )}
      </fieldset>
      <ul class="fr-btns-group fr-btns-group--sm">
        <li><button class="fr-btn" type="submit">Appliquer les filtres</button></li>
        <li><a class="fr-btn fr-btn--secondary" href="#/candidatures">Tout effacer</a></li>
      </ul>
    </form>`;
  }

  override render(): TemplateResult {
    const list = this.list;
    const csv = new URLSearchParams(this.query);
    return html`<div class="fr-container fr-my-4w">
      <h1>Candidatures de formateurs</h1>
      <div class="office-columns">
        <aside class="office-aside">${this.filters()}</aside>
        <section class="office-content" aria-labelledby="app-results">
          <h2 id="app-results" class="fr-h4">${list ? `${list.total} candidature${list.total > 1 ? 's' : ''}` : 'Candidatures'}</h2>
          ${list ? html`<p><a class="fr-link fr-icon-download-line fr-link--icon-left" href=${`/office/api/applications.csv?${csv}`} download>Télécharger ces candidatures (CSV)</a></p>` : nothing}
          ${this.error ? html`${alert('error', 'La liste n’a pas pu être chargée.', this.error)}<button class="fr-btn fr-btn--secondary" type="button" @click=${() => this.load()}>Réessayer</button>` : nothing}
          ${!list && !this.error ? html`<p role="status">Chargement…</p>` : nothing}
          ${list && !list.items.length ? html`<p>Aucune candidature ne correspond à ces filtres.</p>` : nothing}
          ${list?.items.length
            ? html`<ul class="office-cards">
                ${list.items.map(
                  (a) => html`<li class="office-card">
                    <h3 class="fr-h6"><a class="fr-link" href=${`#/candidatures/${encodeURIComponent(a.id)}`}>${a.givenName} ${a.familyName}</a></h3>
                    <p class="office-muted">${a.jobTitle} — ${a.organisation}</p>
                    <p>
                      <span class="fr-badge fr-badge--sm fr-badge--no-icon">${reviewLabel(a.reviewState)}</span>
                      ${labelOf(this.ref?.trainerIntents, a.intent)} · ${a.remote ? 'à distance possible' : 'sur place'}${a.places ? ` · ${a.places}` : ''}
                    </p>
                    <p>${a.skills.map((s) => labelOf([...(this.ref?.trainerSkills ?? []), ...(this.ref?.expertises ?? [])], s)).join(', ')}</p>
                    <p class="office-muted">Reçue le ${formatDate(a.createdAt)} · ${a.reference}</p>
                  </li>`,
                )}
              </ul>`
            : nothing}
        </section>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-applications': OfficeApplications;
  }
}

/**
 * `#/demandes`: the requests within the member's scope. Filters travel in the
 * address (a filtered list can be bookmarked) and apply when the form is
 * sent, never on change (RGAA 7.4); the number found is announced. Rows can
 * be selected for a bulk action; each request answers for itself.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type CourseOption, type Member, type Organisation, type RequestList } from '../api.js';
import { navigate } from '../router.js';
import { ACTION_LABELS, ACTIONS, MANAGER_DECISION_LABELS, type RequestAction } from '../../server/office/vocabulary.js';
import { alert, dataTable, errorText, filledFields, formatDateTime, managerDecisionLabel, OfficeElement, pagination, STATUS_LABELS, statusBadge, zoneCity } from '../ui.js';

const STATUSES = ['submitted', 'pending_manager', 'waitlisted', 'accepted', 'refused', 'cancelled'];
const SORTS: Record<string, string> = {
  received: 'Reçues récemment d’abord',
  received_asc: 'Reçues anciennement d’abord',
  name: 'Nom',
  status: 'État',
  session: 'Date de session',
};
const OUTCOMES: Record<string, string> = {
  done: 'fait',
  conflict: 'modifiée entre-temps',
  not_allowed: 'impossible depuis son état',
  no_seat: 'plus de place',
  not_found: 'introuvable',
};

@customElement('office-requests')
export class OfficeRequests extends OfficeElement {
  @property({ attribute: false }) query = new URLSearchParams();
  @property({ attribute: false }) member?: Member;
  @state() private list?: RequestList;
  @state() private error = '';
  @state() private courses: CourseOption[] = [];
  @state() private organisations: Organisation[] = [];
  @state() private selected = new Set<string>();
  @state() private bulkResult?: TemplateResult;
  @state() private busy = false;
  @state() private courseChoice = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadOptions();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('query')) {
      this.courseChoice = this.query.get('course') ?? '';
      void this.load();
    }
  }

  private async loadOptions(): Promise<void> {
    try {
      this.courses = (await api.get<{ items: CourseOption[] }>('/courses')).items;
      if (this.member?.role === 'campus') this.organisations = (await api.get<{ items: Organisation[] }>('/organisations')).items;
    } catch {
      // The filters then offer fewer choices; the list itself says what failed.
    }
  }

  private async load(): Promise<void> {
    this.error = '';
    try {
      const list = await api.get<RequestList>(`/requests?${this.query.toString()}`);
      const first = !this.list;
      this.list = list;
      this.selected = new Set([...this.selected].filter((id) => list.items.some((i) => i.id === id)));
      if (!first) this.announce(`${list.total} demande${list.total > 1 ? 's' : ''} trouvée${list.total > 1 ? 's' : ''}.`);
    } catch (error) {
      this.error = errorText(error);
    }
  }

  private applyFilters(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const params: Record<string, string | string[]> = filledFields(form, ['course', 'session', 'managerDecision', 'confirmed', 'organisation', 'from', 'to', 'q', 'sort']);
    // The default order stays out of the address.
    if (params.sort === 'received') delete params.sort;
    const statuses = form.getAll('status').map(String);
    if (statuses.length) params.status = statuses;
    navigate('demandes', params);
  }

  private toggle(id: string, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(id);
    else next.delete(id);
    this.selected = next;
  }

  private toggleAll(on: boolean): void {
    this.selected = on ? new Set(this.list?.items.map((i) => i.id)) : new Set();
  }

  private async bulk(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const action = String(form.get('action') ?? '') as RequestAction;
    const reason = String(form.get('reason') ?? '').trim();
    if (!this.list || !this.selected.size) return;
    if (action === 'refuse' && !reason) {
      this.bulkResult = alert('error', 'Un refus dit pourquoi.', 'Indiquez le motif, qui sera montré aux personnes concernées.');
      return;
    }
    const items = this.list.items.filter((i) => this.selected.has(i.id)).map((i) => ({ id: i.id, version: i.version }));
    this.busy = true;
    try {
      const { results } = await api.post<{ results: { id: string; outcome: string }[] }>('/requests/bulk', { action, items, ...(reason ? { reason } : {}) });
      const done = results.filter((r) => r.outcome === 'done').length;
      const failed = results.filter((r) => r.outcome !== 'done');
      const names = new Map(this.list.items.map((i) => [i.id, `${i.givenName} ${i.familyName}`]));
      this.bulkResult = html`<div class="fr-alert ${failed.length ? 'fr-alert--warning' : 'fr-alert--success'} fr-alert--sm fr-mb-3w" role="status">
        <p><strong>${ACTION_LABELS[action]} : ${done} demande${done > 1 ? 's' : ''} sur ${results.length}.</strong></p>
        ${failed.length
          ? html`<ul>
              ${failed.map((r) => html`<li>${names.get(r.id) ?? r.id} : ${OUTCOMES[r.outcome] ?? r.outcome}</li>`)}
            </ul>`
          : nothing}
      </div>`;
      this.selected = new Set();
      (event.target as HTMLFormElement).reset();
      await this.load();
    } catch (error) {
      this.bulkResult = alert('error', 'L’action n’a pas été appliquée.', errorText(error));
    } finally {
      this.busy = false;
    }
  }

  private filters(): TemplateResult {
    const q = this.query;
    const course = this.courses.find((c) => c.id === this.courseChoice);
    const statuses = q.getAll('status');
    const counts = this.list?.counts ?? {};
    return html`<form class="office-filters" @submit=${this.applyFilters} aria-labelledby="filters-title">
      <h2 id="filters-title" class="fr-h5">Filtrer les demandes</h2>
      <div class="fr-input-group">
        <label class="fr-label" for="f-q">Nom, adresse électronique ou référence</label>
        <input class="fr-input" id="f-q" name="q" type="search" .value=${q.get('q') ?? ''} autocomplete="off" />
      </div>
      <div class="fr-select-group">
        <label class="fr-label" for="f-course">Formation</label>
        <select class="fr-select" id="f-course" name="course" @change=${(e: Event) => (this.courseChoice = (e.target as HTMLSelectElement).value)}>
          <option value="">Toutes</option>
          ${this.courses
            .filter((c) => c.enrolmentMode !== 'external')
            .map((c) => html`<option value=${c.id} ?selected=${c.id === this.courseChoice}>${c.title}</option>`)}
        </select>
      </div>
      <div class="fr-select-group">
        <label class="fr-label" for="f-session">Session <span class="fr-hint-text">Choisissez d’abord une formation pour voir ses sessions.</span></label>
        <select class="fr-select" id="f-session" name="session">
          <option value="">Toutes</option>
          <option value="none" ?selected=${q.get('session') === 'none'}>Sans session (demande pour la formation)</option>
          ${course?.sessions.map((s) => html`<option value=${s.id} ?selected=${q.get('session') === s.id}>${formatDateTime(s.start)}</option>`)}
        </select>
      </div>
      <fieldset class="fr-fieldset">
        <legend class="fr-fieldset__legend fr-text--regular">État</legend>
        ${STATUSES.map(
          (s) => html`<div class="fr-fieldset__element">
            <div class="fr-checkbox-group fr-checkbox-group--sm">
              <input type="checkbox" id=${`f-status-${s}`} name="status" value=${s} ?checked=${statuses.includes(s)} />
              <label class="fr-label" for=${`f-status-${s}`}>${STATUS_LABELS[s]} (${counts[s] ?? 0})</label>
            </div>
          </div>`,
        )}
      </fieldset>
      <div class="fr-select-group">
        <label class="fr-label" for="f-manager">Accord du responsable</label>
        <select class="fr-select" id="f-manager" name="managerDecision">
          <option value="">Tous</option>
          ${Object.entries(MANAGER_DECISION_LABELS).map(([id, label]) => html`<option value=${id} ?selected=${q.get('managerDecision') === id}>${label}</option>`)}
          <option value="none" ?selected=${q.get('managerDecision') === 'none'}>Non demandé</option>
        </select>
      </div>
      <div class="fr-select-group">
        <label class="fr-label" for="f-confirmed">Confirmation par la personne</label>
        <select class="fr-select" id="f-confirmed" name="confirmed">
          <option value="">Toutes</option>
          <option value="yes" ?selected=${q.get('confirmed') === 'yes'}>Confirmées</option>
          <option value="no" ?selected=${q.get('confirmed') === 'no'}>Pas encore confirmées</option>
        </select>
      </div>
      ${this.member?.role === 'campus'
        ? html`<div class="fr-select-group">
            <label class="fr-label" for="f-org">Organisme organisateur</label>
            <select class="fr-select" id="f-org" name="organisation">
              <option value="">Tous</option>
              ${this.organisations.map((o) => html`<option value=${o.id} ?selected=${q.get('organisation') === o.id}>${o.name}</option>`)}
            </select>
          </div>`
        : nothing}
      <div class="office-dates">
        <div class="fr-input-group">
          <label class="fr-label" for="f-from">Reçue à partir du</label>
          <input class="fr-input" id="f-from" name="from" type="date" .value=${q.get('from') ?? ''} />
        </div>
        <div class="fr-input-group">
          <label class="fr-label" for="f-to">jusqu’au</label>
          <input class="fr-input" id="f-to" name="to" type="date" .value=${q.get('to') ?? ''} />
        </div>
      </div>
      <div class="fr-select-group">
        <label class="fr-label" for="f-sort">Trier par</label>
        <select class="fr-select" id="f-sort" name="sort">
          ${Object.entries(SORTS).map(([id, label]) => html`<option value=${id} ?selected=${(q.get('sort') ?? 'received') === id}>${label}</option>`)}
        </select>
      </div>
      <ul class="fr-btns-group fr-btns-group--sm">
        <li><button class="fr-btn" type="submit">Appliquer les filtres</button></li>
        <li><a class="fr-btn fr-btn--secondary" href="#/demandes">Tout effacer</a></li>
      </ul>
    </form>`;
  }

  private table(list: RequestList): TemplateResult {
    if (!list.items.length) return html`<p>Aucune demande ne correspond à ces filtres.</p>`;
    const all = list.items.every((i) => this.selected.has(i.id));
    return dataTable(
      html`Demandes, page ${list.page}`,
      html`<th scope="col">
            <div class="fr-checkbox-group fr-checkbox-group--sm">
              <input type="checkbox" id="select-all" .checked=${all} @change=${(e: Event) => this.toggleAll((e.target as HTMLInputElement).checked)} />
              <label class="fr-label" for="select-all"><span class="fr-sr-only">Tout sélectionner sur cette page</span></label>
            </div>
          </th>
          <th scope="col">Personne</th>
          <th scope="col">Formation et session</th>
          <th scope="col">État</th>`,
      html`${list.items.map((r) => {
          const name = `${r.givenName} ${r.familyName}`;
          return html`<tr>
            <td>
              <div class="fr-checkbox-group fr-checkbox-group--sm">
                <input type="checkbox" id=${`sel-${r.id}`} .checked=${this.selected.has(r.id)} @change=${(e: Event) => this.toggle(r.id, (e.target as HTMLInputElement).checked)} />
                <label class="fr-label" for=${`sel-${r.id}`}><span class="fr-sr-only">Sélectionner ${name}</span></label>
              </div>
            </td>
            <td>
              <a class="fr-link" href=${`#/demandes/${encodeURIComponent(r.id)}`}>${name}</a><br />
              <span class="office-muted">${r.email}</span><br />
              <span class="office-muted">${r.organisation}</span>
            </td>
            <td>${r.courseTitle}<br /><span class="office-muted">${r.sessionStart ? `${formatDateTime(r.sessionStart, r.sessionTimezone ?? undefined)}${r.sessionTimezone ? zoneCity(r.sessionTimezone) : ''}` : 'Sans session'}</span></td>
            <td>
              ${statusBadge(r.status)}
              ${r.confirmed || ['refused', 'cancelled'].includes(r.status) ? nothing : html`<br /><span class="office-muted">non confirmée</span>`}
              ${r.managerDecision ? html`<br /><span class="office-muted">Responsable : ${managerDecisionLabel(r.managerDecision, r.managerVerified)}</span>` : nothing}
              <br /><span class="office-muted">Reçue le <time datetime=${r.createdAt}>${formatDateTime(r.createdAt)}</time></span>
              <br /><span class="office-muted">${r.reference}</span>
            </td>
          </tr>`;
        })}`,
      { hideCaption: true },
    );
  }

  private bulkForm(): TemplateResult {
    const n = this.selected.size;
    return html`<form class="office-bulk" @submit=${this.bulk} aria-labelledby="bulk-title">
      <h2 id="bulk-title" class="fr-h6">Action sur la sélection <span class="office-muted">(${n} demande${n > 1 ? 's' : ''})</span></h2>
      <div class="office-bulk__row">
        <div class="fr-select-group">
          <label class="fr-label" for="bulk-action">Action</label>
          <select class="fr-select" id="bulk-action" name="action">
            ${(Object.keys(ACTIONS) as RequestAction[]).map((a) => html`<option value=${a}>${ACTION_LABELS[a]}</option>`)}
          </select>
        </div>
        <div class="fr-input-group">
          <label class="fr-label" for="bulk-reason">Motif <span class="fr-hint-text">Montré aux personnes ; obligatoire pour un refus.</span></label>
          <input class="fr-input" id="bulk-reason" name="reason" maxlength="1000" />
        </div>
        <button class="fr-btn fr-btn--secondary" type="submit" ?disabled=${!n || this.busy} aria-disabled=${!n ? 'true' : 'false'}>Appliquer à la sélection</button>
      </div>
    </form>`;
  }

  override render(): TemplateResult {
    const list = this.list;
    return html`<div class="fr-container fr-my-4w">
      <h1>Demandes d’inscription</h1>
      ${this.member?.role === 'organisation' ? html`<p>Les demandes pour les formations de ${this.member.organisationName}.</p>` : nothing}
      <div class="office-columns">
        <aside class="office-aside">${this.filters()}</aside>
        <section class="office-content" aria-labelledby="results-title">
          <h2 id="results-title" class="fr-h4">${list ? `${list.total} demande${list.total > 1 ? 's' : ''}` : 'Demandes'}</h2>
          ${this.error ? html`${alert('error', 'La liste n’a pas pu être chargée.', this.error)}<button class="fr-btn fr-btn--secondary" type="button" @click=${() => this.load()}>Réessayer</button>` : nothing}
          ${!list && !this.error ? html`<p role="status">Chargement des demandes…</p>` : nothing}
          ${this.bulkResult ?? nothing} ${list ? html`${this.bulkForm()} ${this.table(list)} ${pagination('demandes', this.query, list, 'Pages des demandes')}` : nothing}
        </section>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-requests': OfficeRequests;
  }
}

/**
 * `#/sessions`: the sessions of the member's courses (upcoming, past or
 * all), with seats taken and people waiting; `#/sessions/nouvelle` creates one.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type CourseOption, type Member, type SessionDetail, type SessionSummary } from '../api.js';
import { navigate } from '../router.js';
import { alert, dataTable, errorText, formatDateTime, OfficeElement, sessionStatusLabel, zoneNote } from '../ui.js';
import './session-form.js';

const PERIODS: Record<string, string> = { upcoming: 'À venir', past: 'Passées', all: 'Toutes' };

@customElement('office-sessions')
export class OfficeSessions extends OfficeElement {
  @property({ attribute: false }) query = new URLSearchParams();
  @property({ attribute: false }) member?: Member;
  @state() private items?: SessionSummary[];
  @state() private courses: CourseOption[] = [];
  @state() private error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void api
      .get<{ items: CourseOption[] }>('/courses')
      .then((r) => (this.courses = r.items.filter((c) => c.enrolmentMode !== 'external')))
      .catch(() => undefined);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('query') && this.query.get('vue') !== 'nouvelle') void this.load();
  }

  private async load(): Promise<void> {
    try {
      const q = new URLSearchParams();
      q.set('period', this.query.get('period') ?? 'upcoming');
      if (this.query.get('course')) q.set('course', this.query.get('course')!);
      const first = !this.items;
      this.items = (await api.get<{ items: SessionSummary[] }>(`/sessions?${q}`)).items;
      this.error = '';
      if (!first) this.announce(`${this.items.length} session${this.items.length > 1 ? 's' : ''}.`);
    } catch (error) {
      this.error = errorText(error);
    }
  }

  private filter(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    navigate('sessions', { period: String(form.get('period') ?? ''), course: String(form.get('course') ?? '') });
  }

  private created(event: CustomEvent<SessionDetail>): void {
    this.announce('Session créée.');
    navigate(`sessions/${encodeURIComponent(event.detail.id)}`);
  }

  override render(): TemplateResult {
    if (this.query.get('vue') === 'nouvelle') {
      return html`<div class="fr-container fr-my-4w office-narrow">
        <p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="#/sessions">Toutes les sessions</a></p>
        <h1>Nouvelle session</h1>
        <office-session-form @office-session-saved=${this.created}></office-session-form>
      </div>`;
    }
    const period = this.query.get('period') ?? 'upcoming';
    return html`<div class="fr-container fr-my-4w">
      <h1>Sessions</h1>
      <p><a class="fr-btn fr-btn--secondary fr-btn--sm" href="#/sessions?vue=nouvelle">Créer une session</a></p>
      <form class="office-inline-form" @submit=${this.filter} aria-label="Filtrer les sessions">
        <div class="fr-select-group">
          <label class="fr-label" for="s-period">Période</label>
          <select class="fr-select" id="s-period" name="period">
            ${Object.entries(PERIODS).map(([id, label]) => html`<option value=${id} ?selected=${period === id}>${label}</option>`)}
          </select>
        </div>
        <div class="fr-select-group">
          <label class="fr-label" for="s-course">Formation</label>
          <select class="fr-select" id="s-course" name="course">
            <option value="">Toutes</option>
            ${this.courses.map((c) => html`<option value=${c.id} ?selected=${this.query.get('course') === c.id}>${c.title}</option>`)}
          </select>
        </div>
        <button class="fr-btn fr-btn--sm" type="submit">Afficher</button>
      </form>
      ${this.error ? html`${alert('error', 'La liste n’a pas pu être chargée.', this.error)}<button class="fr-btn fr-btn--secondary" type="button" @click=${() => this.load()}>Réessayer</button>` : nothing}
      ${!this.items && !this.error ? html`<p role="status">Chargement des sessions…</p>` : nothing}
      ${this.items && !this.items.length ? html`<p>Aucune session pour ces choix.</p>` : nothing}
      ${this.items?.length
        ? dataTable(
          html`Sessions ${PERIODS[period]?.toLowerCase() ?? ''} (${this.items.length})`,
          html`<th scope="col">Session</th>
              <th scope="col">Formation</th>
              <th scope="col">Lieu</th>
              <th scope="col">Places prises</th>
              <th scope="col">En attente</th>
              <th scope="col">Inscriptions</th>`,
          html`${this.items.map(
              (s) => html`<tr>
                <td><a class="fr-link" href=${`#/sessions/${encodeURIComponent(s.id)}`}>${formatDateTime(s.start, s.timezone)}</a>${zoneNote(s.timezone)}</td>
                <td>${s.courseTitle}</td>
                <td>${s.online ? 'En ligne' : (s.city ?? '—')}</td>
                <td>${s.seatsTaken}${s.capacity !== null ? ` / ${s.capacity}` : ''}</td>
                <td>${s.waiting}</td>
                <td>${sessionStatusLabel(s.status)}</td>
              </tr>`,
            )}`,
        )
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-sessions': OfficeSessions;
  }
}

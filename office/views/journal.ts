/**
 * `#/journal` (campus only): the audit log, newest first — who did what to
 * which record and when (ids and field names, never values); filters, pages,
 * and its CSV export (itself audited).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, type AuditEntry } from '../api.js';
import { navigate } from '../router.js';
import { actionLabel, actorLabel, alert, dataTable, errorText, filledFields, formatDateTime, OfficeElement, pagination } from '../ui.js';

const ENTITIES: Record<string, string> = {
  enrolment: 'Demande',
  session: 'Session',
  trainer_application: 'Candidature',
  staff: 'Accès',
  organisation: 'Organisation',
  trainer_applications: 'Liste des candidatures',
  audit_log: 'Journal',
  message: 'Message',
};

interface AuditList {
  items: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
}

/** Where a record of the log is shown in the office, when it is. */
function recordLink(e: AuditEntry): TemplateResult | string {
  const paths: Record<string, string> = { enrolment: 'demandes', session: 'sessions', trainer_application: 'candidatures' };
  const path = paths[e.entity];
  return path ? html`<a class="fr-link" href=${`#/${path}/${encodeURIComponent(e.entityId)}`}>${e.entityId}</a>` : e.entityId;
}

@customElement('office-journal')
export class OfficeJournal extends OfficeElement {
  @property({ attribute: false }) query = new URLSearchParams();
  @state() private list?: AuditList;
  @state() private error = '';

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('query')) void this.load();
  }

  private async load(): Promise<void> {
    try {
      const first = !this.list;
      this.list = await api.get<AuditList>(`/audit?${this.query}`);
      this.error = '';
      if (!first) this.announce(`${this.list.total} entrée${this.list.total > 1 ? 's' : ''}.`);
    } catch (error) {
      this.error = errorText(error);
    }
  }

  private filter(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    navigate('journal', filledFields(form, ['entity', 'action', 'from', 'to']));
  }

  override render(): TemplateResult {
    const list = this.list;
    const q = this.query;
    const csv = new URLSearchParams(q);
    csv.delete('page');
    return html`<div class="fr-container fr-my-4w">
      <h1>Journal des actions</h1>
      <p>Chaque action du bureau, chaque export et chaque connexion : qui, quoi, quand, quels champs. Jamais de valeur personnelle.</p>
      <form class="office-inline-form" @submit=${this.filter} aria-label="Filtrer le journal">
        <div class="fr-select-group">
          <label class="fr-label" for="j-entity">Objet</label>
          <select class="fr-select" id="j-entity" name="entity">
            <option value="">Tous</option>
            ${Object.entries(ENTITIES).map(([id, label]) => html`<option value=${id} ?selected=${q.get('entity') === id}>${label}</option>`)}
          </select>
        </div>
        <div class="fr-input-group">
          <label class="fr-label" for="j-action">Action <span class="fr-hint-text">Par exemple transition, exported, signed_in.</span></label>
          <input class="fr-input" id="j-action" name="action" .value=${q.get('action') ?? ''} />
        </div>
        <div class="fr-input-group">
          <label class="fr-label" for="j-from">Du</label>
          <input class="fr-input" id="j-from" name="from" type="date" .value=${q.get('from') ?? ''} />
        </div>
        <div class="fr-input-group">
          <label class="fr-label" for="j-to">Au</label>
          <input class="fr-input" id="j-to" name="to" type="date" .value=${q.get('to') ?? ''} />
        </div>
        <button class="fr-btn fr-btn--sm" type="submit">Afficher</button>
      </form>
      <p><a class="fr-link fr-icon-download-line fr-link--icon-left" href=${`/office/api/audit.csv?${csv}`} download>Exporter ces entrées (CSV)</a></p>
      ${this.error ? alert('error', 'Le journal n’a pas pu être chargé.', this.error) : nothing}
      ${!list && !this.error ? html`<p role="status">Chargement…</p>` : nothing}
      ${list
        ? html`${dataTable(
              `${list.total} entrée${list.total > 1 ? 's' : ''}, page ${list.page}`,
              html`<th scope="col">Quand</th>
                <th scope="col">Qui</th>
                <th scope="col">Action</th>
                <th scope="col">Objet</th>
                <th scope="col">Champs</th>`,
              list.items.map(
                (e) => html`<tr>
                  <td><time datetime=${e.at}>${formatDateTime(e.at)}</time></td>
                  <td>${actorLabel(e.actor)}</td>
                  <td>${actionLabel(e.action)}${e.from || e.to ? html`<br /><span class="office-muted">${e.from ?? '∅'} → ${e.to ?? '∅'}</span>` : nothing}</td>
                  <td>${ENTITIES[e.entity] ?? e.entity}<br /><span class="office-muted">${recordLink(e)}</span></td>
                  <td>${e.fields.join(', ')}</td>
                </tr>`,
              ),
            )}
            ${pagination('journal', q, list, 'Pages du journal')}`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-journal': OfficeJournal;
  }
}

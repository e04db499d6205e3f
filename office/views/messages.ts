/**
 * `#/messages` and `#/messages/ID` (campus only): « Messages envoyés » — every
 * e-mail the service queued, what became of it, and its text as sent (links'
 * tokens masked in production). Without an SMTP server (development) messages
 * wait here, so a newcomer sees every e-mail the demo produced. A failed
 * delivery can be sent again.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../api.js';
import { navigate } from '../router.js';
import { MESSAGE_KIND_LABELS, MESSAGE_STATUS_LABELS, MESSAGE_STATUSES } from '../../server/office/vocabulary.js';
import { alert, dataTable, errorText, filledFields, formatDateTime, OfficeElement, pagination } from '../ui.js';

interface MessageSummary {
  id: string;
  kind: string;
  kindLabel: string;
  recipient: string;
  recipientName: string | null;
  subject: string;
  status: string;
  statusLabel: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
  erased: boolean;
  request: { id: string; reference: string | null } | null;
  application: { id: string; reference: string | null } | null;
  retryable: boolean;
}

interface MessageList {
  items: MessageSummary[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<string, number>;
  tokensMasked: boolean;
  sending: boolean;
}

interface MessageDetail extends MessageSummary {
  locale: string;
  messageId: string;
  text: string;
  calendarMethod: string | null;
  attachments: { filename: string; contentType: string }[];
  headers: { name: string; value: string }[];
  tokensMasked: boolean;
}

const BADGES: Record<string, string> = { pending: 'fr-badge--info', sent: 'fr-badge--success', failed: 'fr-badge--error', suppressed: 'fr-badge--warning' };
const statusBadge = (m: MessageSummary) => html`<p class=${`fr-badge fr-badge--sm ${BADGES[m.status] ?? ''}`}>${m.statusLabel}</p>`;

/** What the message is about, linked where the office shows it. */
function about(m: MessageSummary): TemplateResult | typeof nothing {
  if (m.request) return html`<a class="fr-link" href=${`#/demandes/${encodeURIComponent(m.request.id)}`}>Demande ${m.request.reference ?? ''}</a>`;
  if (m.application) return html`<a class="fr-link" href=${`#/candidatures/${encodeURIComponent(m.application.id)}`}>Candidature ${m.application.reference ?? ''}</a>`;
  return nothing;
}

function delivery(m: MessageSummary): string {
  if (m.status === 'sent' && m.sentAt) return `Envoyé le ${formatDateTime(m.sentAt)}`;
  if (m.status === 'pending' && m.attempts > 0 && m.nextAttemptAt) return `${m.attempts} tentative${m.attempts > 1 ? 's' : ''} ; prochaine le ${formatDateTime(m.nextAttemptAt)}`;
  if (m.status === 'failed') return `${m.attempts} tentative${m.attempts > 1 ? 's' : ''}${m.lastError ? ` : ${m.lastError}` : ''}`;
  return '';
}

@customElement('office-messages')
export class OfficeMessages extends OfficeElement {
  @property({ attribute: false }) query = new URLSearchParams();
  @state() private list?: MessageList;
  @state() private error = '';

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('query')) void this.load();
  }

  private async load(): Promise<void> {
    try {
      const first = !this.list;
      this.list = await api.get<MessageList>(`/messages?${this.query}`);
      this.error = '';
      if (!first) this.announce(`${this.list.total} message${this.list.total > 1 ? 's' : ''}.`);
    } catch (error) {
      this.error = errorText(error);
    }
  }

  private filter(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    navigate('messages', filledFields(form, ['status', 'kind', 'q', 'from', 'to']));
  }

  private setting(list: MessageList): TemplateResult {
    const waiting = list.sending
      ? nothing
      : alert('info', 'Aucun serveur d’envoi n’est configuré (SMTP_URL).', 'Les messages restent dans la file d’envoi : ils sont tous ici, tels qu’ils partiraient.', false);
    const masked = list.tokensMasked
      ? html`<p class="office-muted">Les liens personnels des messages (espace de l’agent, décision du responsable, alertes) sont masqués : ils sont la clé de leur destinataire.</p>`
      : nothing;
    const failed = list.counts.failed
      ? alert('warning', `${list.counts.failed} message${list.counts.failed > 1 ? 's n’ont' : ' n’a'} pas pu être envoyé${list.counts.failed > 1 ? 's' : ''}.`, 'Filtrez sur « Échec de l’envoi » pour les relire et les renvoyer.', false)
      : nothing;
    return html`${waiting}${failed}${masked}`;
  }

  override render(): TemplateResult {
    const list = this.list;
    const q = this.query;
    return html`<div class="fr-container fr-my-4w">
      <h1>Messages envoyés</h1>
      <p>Chaque courriel du service : à qui, à quel sujet, quand, et ce qu’il est devenu.</p>
      ${list ? this.setting(list) : nothing}
      <form class="office-inline-form" @submit=${this.filter} aria-label="Filtrer les messages">
        <div class="fr-select-group">
          <label class="fr-label" for="m-status">État</label>
          <select class="fr-select" id="m-status" name="status">
            <option value="">Tous</option>
            ${MESSAGE_STATUSES.map(
              (s) => html`<option value=${s} ?selected=${q.get('status') === s}>${MESSAGE_STATUS_LABELS[s]}${list?.counts[s] ? ` (${list.counts[s]})` : ''}</option>`,
            )}
          </select>
        </div>
        <div class="fr-select-group">
          <label class="fr-label" for="m-kind">Message</label>
          <select class="fr-select" id="m-kind" name="kind">
            <option value="">Tous</option>
            ${Object.entries(MESSAGE_KIND_LABELS).map(([id, label]) => html`<option value=${id} ?selected=${q.get('kind') === id}>${label}</option>`)}
          </select>
        </div>
        <div class="fr-input-group">
          <label class="fr-label" for="m-q">Adresse ou référence</label>
          <input class="fr-input" id="m-q" name="q" type="search" .value=${q.get('q') ?? ''} />
        </div>
        <div class="fr-input-group">
          <label class="fr-label" for="m-from">Du</label>
          <input class="fr-input" id="m-from" name="from" type="date" .value=${q.get('from') ?? ''} />
        </div>
        <div class="fr-input-group">
          <label class="fr-label" for="m-to">Au</label>
          <input class="fr-input" id="m-to" name="to" type="date" .value=${q.get('to') ?? ''} />
        </div>
        <button class="fr-btn fr-btn--sm" type="submit">Afficher</button>
      </form>
      ${this.error ? alert('error', 'Les messages n’ont pas pu être chargés.', this.error) : nothing}
      ${!list && !this.error ? html`<p role="status">Chargement…</p>` : nothing}
      ${list && list.total === 0 ? html`<p>Aucun message ne correspond à ces critères.</p>` : nothing}
      ${list && list.total > 0
        ? html`${dataTable(
              `${list.total} message${list.total > 1 ? 's' : ''}, page ${list.page}`,
              html`<th scope="col">Créé</th>
                <th scope="col">Destinataire</th>
                <th scope="col">Message</th>
                <th scope="col">Concerne</th>
                <th scope="col">État</th>`,
              list.items.map(
                (m) => html`<tr>
                  <td><time datetime=${m.createdAt}>${formatDateTime(m.createdAt)}</time></td>
                  <td>${m.erased ? html`<span class="office-muted">effacé</span>` : m.recipient}</td>
                  <td><a class="fr-link" href=${`#/messages/${encodeURIComponent(m.id)}`}>${m.subject}</a><br /><span class="office-muted">${m.kindLabel}</span></td>
                  <td>${about(m)}</td>
                  <td>${statusBadge(m)}${delivery(m) ? html`<span class="office-muted">${delivery(m)}</span>` : nothing}</td>
                </tr>`,
              ),
            )}
            ${pagination('messages', q, list, 'Pages des messages')}`
        : nothing}
    </div>`;
  }
}

@customElement('office-message')
export class OfficeMessage extends OfficeElement {
  @property({ attribute: false }) messageId = '';
  @state() private message?: MessageDetail;
  @state() private error = '';
  @state() private notice?: TemplateResult;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('messageId')) void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.message = await api.get<MessageDetail>(`/messages/${encodeURIComponent(this.messageId)}`);
      this.error = '';
    } catch (error) {
      this.error = errorText(error);
    }
  }

  private async retry(): Promise<void> {
    try {
      this.message = await api.post<MessageDetail>(`/messages/${encodeURIComponent(this.messageId)}/retry`);
      this.notice = alert('success', 'Le message est de nouveau dans la file d’envoi.');
    } catch (error) {
      this.notice = alert('error', 'Le message n’a pas été renvoyé.', errorText(error));
    }
    await this.focusHeading('.office-notice-anchor');
  }

  override render(): TemplateResult {
    const m = this.message;
    return html`<div class="fr-container fr-my-4w">
      <p><a class="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="#/messages">Tous les messages</a></p>
      ${this.error ? html`<h1>Message</h1>${alert('error', 'Ce message n’a pas pu être chargé.', this.error)}` : nothing}
      ${!m && !this.error ? html`<p role="status">Chargement…</p>` : nothing}
      ${m
        ? html`<h1>${m.subject}</h1>
            <div class="office-notice-anchor">${this.notice ?? nothing}</div>
            <dl class="office-dl">
              <dt>Message</dt>
              <dd>${m.kindLabel}</dd>
              <dt>Destinataire</dt>
              <dd>${m.erased ? 'effacé' : `${m.recipientName ? `${m.recipientName} ` : ''}<${m.recipient}>`}</dd>
              <dt>Concerne</dt>
              <dd>${about(m) === nothing ? '—' : about(m)}</dd>
              <dt>État</dt>
              <dd>${statusBadge(m)} ${delivery(m)}</dd>
              <dt>Créé</dt>
              <dd><time datetime=${m.createdAt}>${formatDateTime(m.createdAt)}</time></dd>
              <dt>Langue</dt>
              <dd>${m.locale}</dd>
              <dt>Message-ID</dt>
              <dd><code>${m.messageId}</code></dd>
              ${m.calendarMethod ? html`<dt>Invitation de calendrier</dt><dd>${m.calendarMethod === 'CANCEL' ? 'annulation' : 'invitation ou mise à jour'}</dd>` : nothing}
              ${m.attachments.length ? html`<dt>Pièces jointes</dt><dd>${m.attachments.map((a) => a.filename).join(', ')}</dd>` : nothing}
            </dl>
            ${m.retryable ? html`<p><button class="fr-btn fr-btn--secondary" type="button" @click=${this.retry}>Renvoyer ce message</button></p>` : nothing}
            <h2>En-têtes</h2>
            <ul>
              ${m.headers.map((h) => html`<li><code>${h.name}: ${h.value}</code></li>`)}
            </ul>
            <h2>Texte</h2>
            ${m.tokensMasked ? html`<p class="office-muted">Les liens personnels sont masqués.</p>` : nothing}
            <pre class="office-message-text">${m.text}</pre>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-messages': OfficeMessages;
    'office-message': OfficeMessage;
  }
}

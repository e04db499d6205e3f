/**
 * `<office-session-form>`: a session's fields, to create one (`#/sessions/nouvelle`)
 * or edit one (inside its page). Dates and times are typed in the session's
 * own time zone; the server turns them into instants. Field errors come from
 * the server's checks, shown under each field.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api, ApiError, type CourseOption, type SessionDetail, type Term } from '../api.js';
import { localInput } from '../../server/office/vocabulary.js';
import { alert, errorText, fieldError, hasFieldError, OfficeElement } from '../ui.js';
import { reference } from './reference.js';

const ZONES = ['Europe/Paris', 'America/Montreal', 'America/Cayenne', 'America/Guadeloupe', 'America/Martinique', 'Indian/Reunion', 'Indian/Mayotte', 'Pacific/Noumea', 'Pacific/Tahiti', 'Europe/Brussels', 'UTC'];

interface SlotInput {
  date: string;
  start: string;
  end: string;
}

export type SessionSaved = CustomEvent<SessionDetail>;

@customElement('office-session-form')
export class OfficeSessionForm extends OfficeElement {
  /** The session edited; none to create one. */
  @property({ attribute: false }) session?: SessionDetail;
  @state() private courses: CourseOption[] = [];
  @state() private modes: Term[] = [];
  @state() private regions: Term[] = [];
  @state() private slots: SlotInput[] = [{ date: '', start: '09:30', end: '12:30' }];
  @state() private online = false;
  @state() private error?: unknown;
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadOptions();
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('session') && this.session) {
      const s = this.session;
      this.online = s.online;
      this.slots = s.slots.map((slot) => {
        const start = localInput(slot.start, s.timezone);
        return { date: start.slice(0, 10), start: start.slice(11), end: localInput(slot.end, s.timezone).slice(11) };
      });
    }
  }

  private async loadOptions(): Promise<void> {
    try {
      const result = await api.get<{ items: CourseOption[]; modes: Term[] }>('/courses');
      this.courses = result.items.filter((c) => c.enrolmentMode !== 'external');
      this.modes = result.modes;
    } catch (error) {
      this.error = error;
    }
    // Without the regions the field is left out: a session is saved without one, as before.
    this.regions = await reference().then((r) => r.regions, () => []);
  }

  private slotField(i: number, key: keyof SlotInput, value: string): void {
    this.slots = this.slots.map((s, k) => (k === i ? { ...s, [key]: value } : s));
  }

  private addSlot(): void {
    const last = this.slots[this.slots.length - 1];
    this.slots = [...this.slots, { date: '', start: last?.start ?? '09:30', end: last?.end ?? '12:30' }];
    void this.updateComplete.then(() => this.querySelector<HTMLInputElement>(`#slot-date-${this.slots.length - 1}`)?.focus());
  }

  private removeSlot(i: number): void {
    this.slots = this.slots.filter((_, k) => k !== i);
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('#slots-legend')?.focus());
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const text = (key: string) => String(form.get(key) ?? '').trim();
    const capacity = text('capacity');
    const body: Record<string, unknown> = {
      mode: text('mode'),
      timezone: text('timezone'),
      online: this.online,
      slots: this.slots.map((s) => ({ start: s.date && s.start ? `${s.date}T${s.start}` : '', end: s.date && s.end ? `${s.date}T${s.end}` : '' })),
      location: this.online && !text('location-name') ? null : { name: text('location-name'), address: text('location-address'), city: text('location-city'), country: text('location-country'), ...(text('location-region') ? { region: text('location-region') } : {}) },
      capacity: capacity ? Number(capacity) : null,
      registrationOpens: text('opens') || null,
      registrationCloses: text('closes') || null,
      autoPromote: form.get('autoPromote') === 'on',
    };
    if (this.session) {
      body.version = this.session.version;
      body.status = text('status');
    } else body.courseId = text('courseId');
    this.busy = true;
    try {
      const saved = this.session
        ? await api.patch<SessionDetail>(`/sessions/${encodeURIComponent(this.session.id)}`, body)
        : await api.post<SessionDetail>('/sessions', body);
      this.error = undefined;
      this.dispatchEvent(new CustomEvent('office-session-saved', { detail: saved, bubbles: true }));
    } catch (error) {
      this.error = error;
      if (error instanceof ApiError && error.status === 409 && error.problem.current) {
        this.dispatchEvent(new CustomEvent('office-session-conflict', { detail: error.problem.current, bubbles: true }));
      }
      await this.updateComplete;
      this.querySelector<HTMLElement>('.office-form-error')?.focus();
    } finally {
      this.busy = false;
    }
  }

  private input(id: string, field: string, label: string, value: string, options: { type?: string; hint?: string; required?: boolean; autocomplete?: string } = {}): TemplateResult {
    const bad = hasFieldError(this.error, field);
    return html`<div class="fr-input-group ${bad ? 'fr-input-group--error' : ''}">
      <label class="fr-label" for=${id}>${label}${options.hint ? html` <span class="fr-hint-text">${options.hint}</span>` : nothing}</label>
      <input
        class="fr-input ${bad ? 'fr-input--error' : ''}"
        id=${id}
        name=${id}
        type=${options.type ?? 'text'}
        .value=${value}
        ?required=${options.required}
        autocomplete=${options.autocomplete ?? 'off'}
        aria-describedby=${bad ? `${id}-error` : nothing}
      />
      ${fieldError(this.error, field, `${id}-error`)}
    </div>`;
  }

  override render(): TemplateResult {
    const s = this.session;
    const zone = s?.timezone ?? 'Europe/Paris';
    const problem = this.error instanceof ApiError ? this.error : undefined;
    return html`<form @submit=${this.submit} novalidate class="office-session-form">
      <div class="office-form-error" tabindex="-1">
        ${this.error ? alert('error', s ? 'La session n’a pas été modifiée.' : 'La session n’a pas été créée.', problem?.status === 422 ? (problem.problem.detail ?? '') : errorText(this.error)) : nothing}
      </div>
      ${s
        ? nothing
        : html`<div class="fr-select-group ${hasFieldError(this.error, 'courseId') ? 'fr-select-group--error' : ''}">
            <label class="fr-label" for="courseId">Formation</label>
            <select class="fr-select" id="courseId" name="courseId" required aria-describedby=${hasFieldError(this.error, 'courseId') ? 'courseId-error' : nothing}>
              ${this.courses.map((c) => html`<option value=${c.id}>${c.title}</option>`)}
            </select>
            ${fieldError(this.error, 'courseId', 'courseId-error')}
          </div>`}
      <div class="fr-select-group">
        <label class="fr-label" for="timezone">Fuseau horaire <span class="fr-hint-text">Les dates et heures ci-dessous sont celles du lieu de la session.</span></label>
        <select class="fr-select" id="timezone" name="timezone">
          ${[...new Set([zone, ...ZONES])].map((z) => html`<option value=${z} ?selected=${z === zone}>${z}</option>`)}
        </select>
      </div>
      <fieldset class="fr-fieldset" aria-labelledby="slots-legend">
        <legend class="fr-fieldset__legend" id="slots-legend" tabindex="-1">Jours et horaires</legend>
        ${this.slots.map(
          (slot, i) => html`<div class="fr-fieldset__element office-slot">
            <div class="fr-input-group">
              <label class="fr-label" for=${`slot-date-${i}`}>Jour ${i + 1}</label>
              <input class="fr-input" type="date" id=${`slot-date-${i}`} .value=${slot.date} required @change=${(e: Event) => this.slotField(i, 'date', (e.target as HTMLInputElement).value)} />
            </div>
            <div class="fr-input-group">
              <label class="fr-label" for=${`slot-start-${i}`}>Début (jour ${i + 1})</label>
              <input class="fr-input" type="time" id=${`slot-start-${i}`} .value=${slot.start} required @change=${(e: Event) => this.slotField(i, 'start', (e.target as HTMLInputElement).value)} />
            </div>
            <div class="fr-input-group">
              <label class="fr-label" for=${`slot-end-${i}`}>Fin (jour ${i + 1})</label>
              <input class="fr-input" type="time" id=${`slot-end-${i}`} .value=${slot.end} required @change=${(e: Event) => this.slotField(i, 'end', (e.target as HTMLInputElement).value)} />
            </div>
            ${this.slots.length > 1
              ? html`<button class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm" type="button" @click=${() => this.removeSlot(i)}>Retirer le jour ${i + 1}</button>`
              : nothing}
            ${fieldError(this.error, `slots.${i}.start`, `slot-${i}-start-error`)} ${fieldError(this.error, `slots.${i}.end`, `slot-${i}-end-error`)}
          </div>`,
        )}
        ${fieldError(this.error, 'slots', 'slots-error')}
        <div class="fr-fieldset__element">
          <button class="fr-btn fr-btn--secondary fr-btn--sm" type="button" @click=${() => this.addSlot()}>Ajouter un jour</button>
        </div>
      </fieldset>
      <div class="fr-select-group ${hasFieldError(this.error, 'mode') ? 'fr-select-group--error' : ''}">
        <label class="fr-label" for="mode">Modalité</label>
        <select class="fr-select" id="mode" name="mode">
          ${this.modes.map((m) => html`<option value=${m.id} ?selected=${(s?.mode ?? 'presentiel') === m.id}>${m.label}</option>`)}
        </select>
        ${fieldError(this.error, 'mode', 'mode-error')}
      </div>
      <div class="fr-checkbox-group fr-mb-2w">
        <input type="checkbox" id="online" name="online" .checked=${this.online} @change=${(e: Event) => (this.online = (e.target as HTMLInputElement).checked)} />
        <label class="fr-label" for="online">En ligne</label>
      </div>
      <fieldset class="fr-fieldset">
        <legend class="fr-fieldset__legend">Lieu ${this.online ? html`<span class="fr-hint-text">Facultatif pour une session en ligne.</span>` : nothing}</legend>
        ${fieldError(this.error, 'location', 'location-error')}
        <div class="fr-fieldset__element">${this.input('location-name', 'location.name', 'Nom du lieu', s?.location?.name ?? '')}</div>
        <div class="fr-fieldset__element">${this.input('location-address', 'location.address', 'Adresse', s?.location?.address ?? '', { autocomplete: 'street-address' })}</div>
        <div class="fr-fieldset__element">${this.input('location-city', 'location.city', 'Ville', s?.location?.city ?? '', { autocomplete: 'address-level2' })}</div>
        <div class="fr-fieldset__element">${this.input('location-country', 'location.country', 'Pays', s?.location?.country ?? 'FR', { hint: 'Code à deux lettres : FR, CA…', autocomplete: 'country' })}</div>
        ${this.regions.length
          ? html`<div class="fr-fieldset__element">
              <div class="fr-select-group">
                <label class="fr-label" for="location-region">Région <span class="fr-hint-text">Pour le filtre par région du catalogue.</span></label>
                <select class="fr-select" id="location-region" name="location-region">
                  <option value="">Non précisée</option>
                  ${this.regions.map((r) => html`<option value=${r.id} ?selected=${s?.location?.region === r.id}>${r.label}</option>`)}
                </select>
              </div>
            </div>`
          : nothing}
      </fieldset>
      ${this.input('capacity', 'capacity', 'Capacité', s?.capacity != null ? String(s.capacity) : '', { type: 'number', hint: 'Nombre de places ; vide : sans limite.' })}
      ${this.input('opens', 'registrationOpens', 'Ouverture des inscriptions', s?.registrationOpens ? localInput(s.registrationOpens, zone) : '', { type: 'datetime-local', hint: 'Facultatif.' })}
      ${this.input('closes', 'registrationCloses', 'Clôture des inscriptions', s?.registrationCloses ? localInput(s.registrationCloses, zone) : '', { type: 'datetime-local', hint: 'Facultatif ; avant le premier jour.' })}
      ${s
        ? html`<div class="fr-select-group">
            <label class="fr-label" for="status">Inscriptions</label>
            <select class="fr-select" id="status" name="status">
              <option value="open" ?selected=${s.status === 'open' || s.status === 'full'}>Ouvertes</option>
              <option value="waitlist" ?selected=${s.status === 'waitlist'}>Liste d’attente seulement</option>
              <option value="closed" ?selected=${s.status === 'closed'}>Closes</option>
            </select>
          </div>`
        : nothing}
      <div class="fr-checkbox-group fr-mb-3w">
        <input type="checkbox" id="autoPromote" name="autoPromote" ?checked=${s ? s.autoPromote : true} />
        <label class="fr-label" for="autoPromote"
          >Promotion automatique <span class="fr-hint-text">Une place libérée va aussitôt à la première personne de la liste d’attente.</span></label
        >
      </div>
      <button class="fr-btn" type="submit" ?disabled=${this.busy}>${s ? 'Enregistrer les modifications' : 'Créer la session'}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'office-session-form': OfficeSessionForm;
  }
}

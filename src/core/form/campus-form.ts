/**
 * The machinery every campus form stands on (`<enrol-form>`, `<trainer-signup>`):
 *
 * - loading what the form needs, with a retry, and keeping every value typed
 *   across failures, retries, re-renders and locale changes;
 * - native inputs with visible labels, hints, inline errors and an error
 *   summary, all in the one shadow root, so every `for`, `aria-describedby`
 *   and summary link resolves (see AUTOFILL.md for autofill);
 * - validation with the request validators the server uses, on blur and on
 *   submit, error codes worded from the `form.*` catalogue (per field
 *   overrides possible);
 * - sending: one request per submission whatever the clicks, an
 *   Idempotency-Key per payload kept through every retry until a value
 *   changes; 422 → errors on their fields; other failures → a message with a
 *   retry, values kept;
 * - a sessionStorage draft (never the honeypot) restored with a notice and a
 *   "start again" action, erased on success;
 * - the privacy notice (GDPR art. 13) as text, its version sent with the
 *   request, no consent checkbox: the legal basis is a public-interest task;
 * - the warning for an e-mail that does not look like an administration's,
 *   the honeypot, and the receipt that takes focus.
 *
 * A form subclass describes its data, its fields and its request; it renders
 * its fields with `textField`, `choiceField` and `checkboxField`.
 */
import type { Catalogue } from '../locale.js';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { SendOptions } from '../../api/client.js';
import { CampusApiError, isAbort } from '../../api/errors.js';
import type { FieldError, PrivacyNotice } from '../../api/schemas.js';
import type { ValidationResult } from '../../api/validate.js';
import type { MessageKey } from '../../locales/types.js';
import { CampusElement } from '../campus-element.js';
import { emit, type CampusEventName } from '../events.js';
import { errorState } from '../states.js';
import { controls, tokens } from '../theme.js';
import { draftKey, eraseDraft, readDraft, writeDraft } from './draft.js';
import { formStyles } from './form.styles.js';
import { looksPublicEmail } from './public-email.js';
import { fieldId, newIdempotencyKey, type FieldValue, type FormValues } from './values.js';
import { form } from '../../locales/fr/form.js';

export { fieldId, type FieldValue, type FormValues } from './values.js';

/** What every field description carries. Texts are already translated. */
export interface FieldDef {
  /** The request path the field fills, e.g. `givenName`, `training.title`, `links.1`. */
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  /** For "too long" messages; never set as `maxlength` (a person must see what went past). */
  maxLength?: number;
  /** Message keys replacing the generic ones for some error codes of this field. */
  messages?: Partial<Record<string, MessageKey>>;
  /** `lang` of API texts in the field (labels of options from the API). */
  lang?: string;
}

export interface TextFieldDef extends FieldDef {
  type?: 'text' | 'email' | 'url' | 'tel';
  autocomplete?: string;
  /** The input's `name` for autofill; defaults to the field's name. */
  inputName?: string;
  multiline?: boolean;
  /** Shows a character count against `maxLength`, announced politely when the end nears. */
  counter?: boolean;
  /** Warns (never blocks) when the address does not look like an administration's. */
  warnPublicEmail?: boolean;
  /** For one input of a list value: the list's name and the index it edits. */
  listOf?: { name: string; index: number };
}

export interface ChoiceOption {
  value: string;
  label: unknown;
  /** A second line under the label (seats left, place…). */
  detail?: unknown;
  disabled?: boolean;
}

export interface ChoiceDef extends FieldDef {
  options: readonly ChoiceOption[];
  /** Checkboxes (a list value) rather than radios. */
  multiple?: boolean;
}

export interface FieldErrorState {
  code: string;
  /** The server's own message, used when the code is not one the library words. */
  message?: string;
}

type LoadState<T> =
  | { status: 'missing' }
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; data: T };

export type FormPhase = 'editing' | 'sending' | 'failed' | 'done';

const GENERIC_MESSAGES: Record<string, MessageKey> = {
  required: 'form.error.required',
  too_long: 'form.error.too_long',
  too_many: 'form.error.too_many',
  too_few: 'form.error.too_few',
  invalid_email: 'form.error.invalid_email',
  invalid_url: 'form.error.invalid_url',
  unknown_field: 'form.error.unknown_field',
  invalid: 'form.error.invalid',
  control_characters: 'form.error.control_characters',
  no_visible_text: 'form.error.no_visible_text',
  same_as_email: 'form.error.same_as_email',
  // Codes only the server knows (it checks the catalogue and the notice).
  closed: 'form.error.closed',
  not_found: 'form.error.not_found',
  stale_notice: 'form.error.stale_notice',
  unknown_value: 'form.error.unknown_value',
  external: 'form.error.external',
};

const DRAFT_DELAY = 400;
const COUNT_DELAY = 1200;

const isEmptyValue = (value: unknown): boolean =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

export abstract class CampusForm<TData, TRequest, TReceipt> extends CampusElement {
  static override styles = [tokens, controls, formStyles];
  protected static override messages: readonly Partial<Catalogue>[] = [form];

  /** Milliseconds before one sending attempt gives up (the client's default otherwise). */
  @property({ type: Number }) timeout?: number;

  /** What was loaded, or why not. */
  @state() protected loadState: LoadState<TData> = { status: 'loading' };
  /** The values typed so far, by field name. */
  @state() protected values: FormValues = {};
  @state() protected fieldErrors: Record<string, FieldErrorState> = {};
  /** Fields with an e-mail that does not look public. */
  @state() protected warnings: Record<string, boolean> = {};
  @state() protected phase: FormPhase = 'editing';
  @state() protected sendError?: unknown;
  @state() protected receipt?: TReceipt;
  @state() protected draftRestored = false;
  /** True after a submission was refused by validation: the summary is shown. */
  @state() protected showSummary = false;
  @state() private announcement = '';
  @state() private countAnnouncements: Record<string, string> = {};

  /** The form's name in draft keys and ids, e.g. `enrol-form`. */
  protected abstract readonly formName: string;

  /** What identifies the data to load (a course id…); null when the form lacks its configuration. */
  protected abstract loadKey(): string | null;
  protected abstract loadData(signal: AbortSignal): Promise<TData>;
  /** The draft's scope (per course…); undefined when this data takes no draft. */
  protected abstract draftScope(data: TData): string | undefined;
  /** Every field with its starting value; a draft only restores these names. */
  protected abstract initialValues(data: TData): FormValues;
  /** The request from the current values (strings trimmed, empty optional fields left out). */
  protected abstract buildRequest(data: TData): Record<string, unknown>;
  protected abstract validateRequest(data: TData, input: Record<string, unknown>): ValidationResult<TRequest>;
  protected abstract sendRequest(request: TRequest, options: SendOptions): Promise<TReceipt>;
  protected abstract privacyNotice(data: TData): PrivacyNotice | undefined;
  /** The fieldsets, rendered with the field helpers. */
  protected abstract renderFields(data: TData): unknown;
  protected abstract renderReceipt(data: TData, receipt: TReceipt): unknown;
  /**
   * The form's events (declared with their details in `HTMLElementEventMap` by the subclass):
   * `submit` (cancelable, detail: the request), `success` (the receipt), `error` (`{ error }`).
   */
  protected abstract readonly events: { submit: CampusEventName; success: CampusEventName; error: CampusEventName };

  /** The field an error path belongs to (validators report `training`, forms show `training.title`). */
  protected errorField(path: string): string {
    return path;
  }

  /** What the form shows once loaded; a subclass may show something else (an external link). */
  protected abstract renderReady(data: TData): unknown;

  #loadedKey?: string | null;
  #loadController?: AbortController;
  #sendController?: AbortController;
  #idempotencyKey?: string;
  #keyBody?: string;
  #honeypot = '';
  #draftTimer?: ReturnType<typeof setTimeout>;
  #countTimers = new Map<string, ReturnType<typeof setTimeout>>();
  #fields = new Map<string, FieldDef & { choice?: boolean }>();
  #firstField?: string;
  #receiptFocusPending = false;
  readonly #onPageHide = () => this.#flushDraft();

  override connectedCallback(): void {
    super.connectedCallback();
    globalThis.addEventListener?.('pagehide', this.#onPageHide);
    // A form moved in the page reloads what its removal aborted.
    if (this.loadState.status === 'loading') this.#loadedKey = undefined;
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    globalThis.removeEventListener?.('pagehide', this.#onPageHide);
    this.#flushDraft();
    this.#loadController?.abort();
    this.#sendController?.abort();
    for (const timer of this.#countTimers.values()) clearTimeout(timer);
    this.#countTimers.clear();
  }

  /** The current value of a field, for subclasses. */
  protected value(name: string): FieldValue | undefined {
    return this.values[name];
  }

  /** Sets values as if typed (draft, key and errors follow). */
  protected setValues(changes: FormValues): void {
    let changed = false;
    const next = { ...this.values };
    for (const [name, value] of Object.entries(changes)) {
      if (sameValue(next[name], value)) continue;
      next[name] = value;
      changed = true;
    }
    if (!changed) return;
    this.values = next;
    this.#scheduleDraft();
    for (const name of Object.keys(changes)) {
      if (this.fieldErrors[name]) this.#validateField(name);
    }
  }

  // ------------------------------------------------------------------ loading

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    const key = this.loadKey();
    if (key !== this.#loadedKey && this.isConnected) {
      this.#loadedKey = key;
      void this.#load(key);
    } else if (changed.has('apiBase') && this.loadState.status === 'error') {
      // A form already loaded keeps its data (and the values typed); a failed one tries the new root.
      void this.#load(key);
    }
  }

  protected override configChanged(): void {
    if (this.loadState.status === 'error') void this.#load(this.loadKey());
  }

  /** Loads again (the retry of the loading error). */
  protected reload(): void {
    void this.#load(this.loadKey());
  }

  async #load(key: string | null): Promise<void> {
    this.#loadController?.abort();
    if (key === null) {
      this.loadState = { status: 'missing' };
      return;
    }
    const controller = new AbortController();
    this.#loadController = controller;
    this.loadState = { status: 'loading' };
    try {
      const data = await this.loadData(controller.signal);
      if (controller.signal.aborted) return;
      this.#start(data);
      this.loadState = { status: 'ready', data };
    } catch (error) {
      if (controller.signal.aborted || isAbort(error)) return;
      this.loadState = { status: 'error', error };
    }
  }

  /** Starting values: the initial ones, then the draft; values already typed for the same data stay. */
  #start(data: TData): void {
    const initial = this.initialValues(data);
    const scope = this.draftScope(data);
    const draft = scope ? readDraft(draftKey(this.formName, scope), initial) : undefined;
    const kept: FormValues = {};
    for (const name of Object.keys(initial)) {
      if (name in this.values && !sameValue(this.values[name], initial[name])) kept[name] = this.values[name];
    }
    // An empty draft value never erases a non-empty starting one: a draft saved
    // before any session was chosen must not undo the host's `session-id`.
    const restored: FormValues = {};
    for (const [name, value] of Object.entries(draft ?? {})) {
      if (isEmptyValue(value) && !isEmptyValue(initial[name])) continue;
      restored[name] = value;
    }
    this.values = { ...initial, ...restored, ...kept };
    this.draftRestored = Boolean(draft) && !Object.keys(kept).length;
    this.#firstField = undefined;
  }

  // ------------------------------------------------------------------ drafts

  #draftKey(): string | undefined {
    if (this.loadState.status !== 'ready') return undefined;
    const scope = this.draftScope(this.loadState.data);
    return scope ? draftKey(this.formName, scope) : undefined;
  }

  #scheduleDraft(): void {
    clearTimeout(this.#draftTimer);
    this.#draftTimer = setTimeout(() => this.#flushDraft(), DRAFT_DELAY);
  }

  #flushDraft(): void {
    if (this.#draftTimer === undefined) return;
    clearTimeout(this.#draftTimer);
    this.#draftTimer = undefined;
    const key = this.#draftKey();
    if (key && !this.receipt) writeDraft(key, this.values);
  }

  #eraseDraft(): void {
    clearTimeout(this.#draftTimer);
    this.#draftTimer = undefined;
    const key = this.#draftKey();
    if (key) eraseDraft(key);
  }

  /** "Start again": forgets the draft and every value, back to the first field. */
  protected async startAgain(): Promise<void> {
    if (this.loadState.status !== 'ready' || this.phase === 'sending') return;
    this.#eraseDraft();
    this.values = this.initialValues(this.loadState.data);
    this.fieldErrors = {};
    this.warnings = {};
    this.showSummary = false;
    this.draftRestored = false;
    this.sendError = undefined;
    this.phase = 'editing';
    this.#honeypot = '';
    await this.updateComplete;
    if (this.#firstField) this.focusField(this.#firstField);
  }

  // ------------------------------------------------------------------ input

  readonly #onInput = (event: Event): void => {
    const el = event.target as HTMLInputElement;
    if (el.dataset.honeypot !== undefined) {
      this.#honeypot = el.value;
      return;
    }
    const name = el.dataset.field;
    if (!name) return;
    const changes = this.#readInput(el);
    if (changes) this.setValues(changes);
    if (el.dataset.counter !== undefined) this.#scheduleCount(name, el.value);
  };

  #readInput(el: HTMLInputElement | HTMLTextAreaElement): FormValues | undefined {
    const name = el.dataset.field!;
    const listName = el.dataset.list;
    if (listName) {
      const items = [...((this.values[listName] as string[] | undefined) ?? [])];
      items[Number(el.dataset.index)] = el.value;
      return { [listName]: items };
    }
    if (el instanceof HTMLInputElement && el.type === 'checkbox') {
      if (el.dataset.multiple === undefined) return { [name]: el.checked };
      const checked = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')]
        .filter((input) => input.dataset.field === name && input.checked)
        .map((input) => input.value);
      return { [name]: checked };
    }
    if (el instanceof HTMLInputElement && el.type === 'radio') return el.checked ? { [name]: el.value } : undefined;
    return { [name]: el.value };
  }

  /** Reads every field from the page: autofill that filled inputs without events is not lost. */
  #syncFromInputs(): void {
    const changes: FormValues = {};
    for (const el of this.renderRoot.querySelectorAll<HTMLInputElement>('input[data-field], textarea[data-field]')) {
      if (el.type === 'radio' && !el.checked) continue;
      Object.assign(changes, this.#readInputMerged(el, changes));
    }
    this.setValues(changes);
  }

  #readInputMerged(el: HTMLInputElement, pending: FormValues): FormValues | undefined {
    const listName = el.dataset.list;
    if (!listName) return this.#readInput(el);
    const items = [...((pending[listName] as string[] | undefined) ?? (this.values[listName] as string[] | undefined) ?? [])];
    items[Number(el.dataset.index)] = el.value;
    return { [listName]: items };
  }

  readonly #onFocusOut = (event: FocusEvent): void => {
    const el = event.target as HTMLInputElement;
    const name = el.dataset?.field;
    if (!name) return;
    // Moving between the radios or checkboxes of one group is not leaving it.
    if ((event.relatedTarget as HTMLElement | null)?.dataset?.field === name) return;
    const value = el.dataset.list ? el.value : this.values[name];
    const empty = value === undefined || value === '' || value === false || (Array.isArray(value) && !value.length);
    if (!empty || this.fieldErrors[name]) this.#validateField(name);
    if (el.dataset.warnPublic !== undefined) {
      const email = String(value ?? '').trim();
      const warn = Boolean(email) && !this.fieldErrors[name] && !looksPublicEmail(email);
      if (warn !== Boolean(this.warnings[name])) this.warnings = { ...this.warnings, [name]: warn };
    }
  };

  #validateField(name: string): void {
    if (this.loadState.status !== 'ready') return;
    const data = this.loadState.data;
    const { errors } = this.validateRequest(data, this.buildRequest(data));
    const found = errors.find((e) => this.errorField(e.field) === name);
    const current = this.fieldErrors[name];
    if (!found && !current) return;
    if (found && current?.code === found.code) return;
    const next = { ...this.fieldErrors };
    if (found) next[name] = { code: found.code };
    else delete next[name];
    this.fieldErrors = next;
  }

  #scheduleCount(name: string, value: string): void {
    clearTimeout(this.#countTimers.get(name));
    this.#countTimers.set(
      name,
      setTimeout(() => {
        const def = this.#fields.get(name);
        if (!def?.maxLength) return;
        const left = def.maxLength - value.length;
        // Announced only near the limit and once typing pauses: polite, not chatty.
        const text = left <= def.maxLength / 5 ? this.#countText(left, def.maxLength) : '';
        this.countAnnouncements = { ...this.countAnnouncements, [name]: text };
      }, COUNT_DELAY),
    );
  }

  #countText(left: number, max: number): string {
    return left >= 0 ? this.i18n.t('form.count.remaining', { count: left, max }) : this.i18n.t('form.count.over', { count: -left, max });
  }

  // ------------------------------------------------------------------ sending

  readonly #onSubmit = (event: Event): void => {
    event.preventDefault();
    void this.submit();
  };

  /** Validates and sends; a second call while one is sending does nothing. */
  async submit(): Promise<void> {
    if (this.phase === 'sending' || this.loadState.status !== 'ready' || this.receipt) return;
    const data = this.loadState.data;
    this.#syncFromInputs();
    const input = this.buildRequest(data);
    if (this.#honeypot) input.website = this.#honeypot;
    const { value, errors } = this.validateRequest(data, input);
    if (errors.length || value === undefined) {
      await this.#showErrors(errors);
      return;
    }
    this.fieldErrors = {};
    this.showSummary = false;
    const body = JSON.stringify(value);
    // One key per payload, kept through every retry; another payload is another request.
    if (body !== this.#keyBody || !this.#idempotencyKey) {
      this.#idempotencyKey = newIdempotencyKey();
      this.#keyBody = body;
    }
    // A host that cancels the event takes over the sending (and may call showReceipt).
    if (!emit(this, this.events.submit, value as never, { cancelable: true })) return;
    this.phase = 'sending';
    this.sendError = undefined;
    this.announcement = this.i18n.t('form.sending');
    const controller = new AbortController();
    this.#sendController = controller;
    try {
      const receipt = await this.sendRequest(value, {
        idempotencyKey: this.#idempotencyKey,
        signal: controller.signal,
        timeout: this.timeout,
      });
      this.showReceipt(receipt);
    } catch (error) {
      if (controller.signal.aborted || isAbort(error)) {
        this.phase = 'editing';
        this.announcement = '';
        return;
      }
      const serverErrors = error instanceof CampusApiError && error.status === 422 ? error.problem?.errors : undefined;
      if (serverErrors?.length) {
        this.phase = 'editing';
        this.announcement = '';
        await this.#showErrors(serverErrors);
      } else {
        this.phase = 'failed';
        this.sendError = error;
        this.announcement = '';
      }
      emit(this, this.events.error, { error } as never);
    } finally {
      if (this.#sendController === controller) this.#sendController = undefined;
    }
  }

  /** Shows a receipt: after a sending, or when a host that took over the sending got one. */
  showReceipt(receipt: TReceipt): void {
    this.#eraseDraft();
    this.receipt = receipt;
    this.phase = 'done';
    this.sendError = undefined;
    this.draftRestored = false;
    this.announcement = this.i18n.t('form.sent');
    this.#receiptFocusPending = true;
    emit(this, this.events.success, receipt as never);
  }

  async #showErrors(errors: readonly FieldError[]): Promise<void> {
    const next: Record<string, FieldErrorState> = {};
    for (const error of errors) {
      const name = this.errorField(error.field);
      next[name] ??= { code: error.code, message: error.message };
    }
    this.fieldErrors = next;
    this.showSummary = true;
    this.phase = 'editing';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
  }

  /** Moves focus to a field's input (the checked radio, or the group's first). */
  focusField(name: string): void {
    const inputs = [...this.renderRoot.querySelectorAll<HTMLInputElement>('[data-field]')].filter((el) => el.dataset.field === name);
    const target = inputs.find((el) => el.checked) ?? inputs[0];
    target?.focus();
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (this.#receiptFocusPending) {
      const receipt = this.renderRoot.querySelector<HTMLElement>('.receipt');
      if (receipt) {
        this.#receiptFocusPending = false;
        receipt.focus();
      }
    }
  }

  // ------------------------------------------------------------------ rendering

  protected override render(): unknown {
    // The live region stays in place whatever the state, so its changes are announced.
    return html`${super.render()}<div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
  }

  protected renderContent(): unknown {
    const state = this.loadState;
    switch (state.status) {
      case 'missing':
        return html`<p class="state error" part="error" role="alert">${this.i18n.t('form.missingConfig')}</p>`;
      case 'loading':
        return this.renderLoading();
      case 'error':
        return errorState(this.i18n, state.error, () => this.reload());
      case 'ready':
        if (this.receipt !== undefined) {
          return html`<div class="receipt" part="receipt" tabindex="-1">${this.renderReceipt(state.data, this.receipt)}</div>`;
        }
        return this.renderReady(state.data);
    }
  }

  protected renderLoading(): TemplateResult {
    return html`<div class="state" part="loading">
      <p>${this.i18n.t('core.loading')}</p>
      <span class="skeleton line"></span><span class="skeleton input"></span><span class="skeleton line"></span><span class="skeleton input"></span>
    </div>`;
  }

  /** The form: summary, draft notice, the subclass's fields, the privacy notice, the honeypot and the button. */
  protected renderForm(data: TData, options: { heading?: unknown; intro?: unknown; submitLabel: string }): TemplateResult {
    this.#fields.clear();
    const fields = this.renderFields(data);
    this.#firstField = this.#fields.keys().next().value;
    const notice = this.privacyNotice(data);
    const sending = this.phase === 'sending';
    return html`<form novalidate part="form" @submit=${this.#onSubmit} @input=${this.#onInput} @change=${this.#onInput} @focusout=${this.#onFocusOut}>
      ${options.heading ?? nothing} ${options.intro ?? nothing} ${this.#renderSummary()} ${this.#renderDraftNotice()}
      <p class="required-note">${this.i18n.t('form.requiredNote')}</p>
      ${fields} ${notice ? this.renderPrivacyNotice(notice) : nothing}
      <div class="honeypot" aria-hidden="true">
        <label for="f-hp">${this.i18n.t('form.honeypot')}</label>
        <input id="f-hp" name="campus-hp" type="text" tabindex="-1" autocomplete="off" data-honeypot .value=${live(this.#honeypot)} />
      </div>
      ${this.phase === 'failed' ? this.#renderSendError() : nothing}
      <div class="actions">
        <!-- aria-disabled, not disabled: a disabled button drops keyboard focus to the page body;
             submit() ignores every click while sending. -->
        <button type="submit" class="button" part="submit" aria-disabled=${sending ? 'true' : 'false'}>
          ${sending ? this.i18n.t('form.submit.busy') : options.submitLabel}
        </button>
      </div>
    </form>`;
  }

  #renderSendError(): TemplateResult {
    return errorState(this.i18n, this.sendError, () => void this.submit(), { part: 'send-error', lead: 'form.send.failed', retryLabel: 'form.send.retry' });
  }

  #renderSummary(): TemplateResult | typeof nothing {
    const names = Object.keys(this.fieldErrors);
    if (!this.showSummary || !names.length) return nothing;
    const order = [...this.#fields.keys()];
    const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
    names.sort((a, b) => rank(a) - rank(b));
    return html`<div class="error-summary" part="error-summary" tabindex="-1">
      <h3>${this.i18n.t('form.summary.title', { count: names.length })}</h3>
      <p>${this.i18n.t('form.summary.intro')}</p>
      <ul>
        ${names.map((name) => {
          const text = this.errorMessage(name);
          if (!this.#fields.has(name)) return html`<li>${text}</li>`;
          return html`<li>
            <a
              href="#${fieldId(name)}"
              @click=${(event: Event) => {
                // Never the page's URL or hash: hosts route on them.
                event.preventDefault();
                this.focusField(name);
              }}
              >${text}</a
            >
          </li>`;
        })}
      </ul>
    </div>`;
  }

  #renderDraftNotice(): TemplateResult | typeof nothing {
    if (!this.draftRestored) return nothing;
    return html`<div class="callout" part="draft-notice">
      <p>${this.i18n.t('form.draft.restored')}</p>
      <button type="button" class="button secondary small" part="restart" @click=${() => void this.startAgain()}>
        ${this.i18n.t('form.draft.restart')}<span class="visually-hidden"> (${this.i18n.t('form.draft.restartHint')})</span>
      </button>
    </div>`;
  }

  /** The GDPR art. 13 information, as text; the controller's own words, in French. */
  protected renderPrivacyNotice(notice: PrivacyNotice): TemplateResult {
    const t = (key: MessageKey) => this.i18n.t(key);
    const lang = ifDefined(this.i18n.apiLang);
    const entry = (key: MessageKey, value: unknown) => (value ? html`<dt>${t(key)}</dt><dd lang=${lang}>${value}</dd>` : nothing);
    const controller = [notice.controller, notice.controllerContact].filter(Boolean).join(' — ');
    return html`<div class="privacy" part="privacy-notice">
      <h3>${t('form.notice.title')}</h3>
      ${notice.title ? html`<p lang=${lang}>${notice.title}</p>` : nothing}
      <dl>
        ${entry('form.notice.controller', controller)} ${entry('form.notice.dpo', notice.dpoContact)}
        ${entry('form.notice.purpose', notice.purpose)} ${entry('form.notice.legalBasis', notice.legalBasis)}
        ${entry('form.notice.rights', notice.rights)}
      </dl>
      <details>
        <summary>${t('form.notice.more')}</summary>
        <dl>
          ${entry(
            'form.notice.recipients',
            notice.recipients.length ? html`<ul>${notice.recipients.map((r) => html`<li>${r}</li>`)}</ul>` : '',
          )}
          ${entry('form.notice.transfers', notice.transfers)} ${entry('form.notice.retention', notice.retention)}
          ${entry('form.notice.complaint', notice.complaint)}
        </dl>
        <p class="hint">${this.i18n.t('form.notice.version', { version: notice.version })}</p>
      </details>
    </div>`;
  }

  /** The receipt's title and reference, the same in every form. */
  protected receiptHeading(title: string, reference: string, entries: unknown = nothing): TemplateResult {
    return html`<h2>${title}</h2>
      <dl>
        <dt>${this.i18n.t('form.receipt.reference')}</dt>
        <dd class="reference">${reference}</dd>
        ${entries}
      </dl>`;
  }

  // ------------------------------------------------------------------ fields

  /** The message for a field's error, from its code (per-field keys first). */
  protected errorMessage(name: string): string {
    const error = this.fieldErrors[name];
    if (!error) return '';
    const def = this.#fields.get(name);
    const label = def?.label ?? name;
    let key = def?.messages?.[error.code];
    if (!key && error.code === 'required' && def?.choice) key = 'form.error.requiredChoice';
    key ??= GENERIC_MESSAGES[error.code];
    if (!def && error.message && !key) return this.i18n.t('form.error.general', { message: error.message });
    return this.i18n.t(key ?? 'form.error.invalid', { label, max: def?.maxLength ?? '' });
  }

  #register(def: FieldDef, choice = false): void {
    this.#fields.set(def.name, { ...def, choice });
  }

  #messages(def: FieldDef, id: string): { error?: TemplateResult; ids: string[] } {
    const error = this.fieldErrors[def.name];
    const ids: string[] = [];
    if (def.hint) ids.push(`${id}-hint`);
    if (!error) return { ids };
    ids.push(`${id}-error`);
    return {
      ids,
      error: html`<p class="message error" id="${id}-error" part="field-error">${this.i18n.t('form.errorPrefix')} ${this.errorMessage(def.name)}</p>`,
    };
  }

  #label(def: FieldDef): TemplateResult {
    return html`${def.label}${def.required ? html`<span class="required" aria-hidden="true">&nbsp;*</span>` : nothing}`;
  }

  /** A text input or a textarea, with its label, hint, count, warning and error. */
  protected textField(def: TextFieldDef): TemplateResult {
    this.#register(def);
    const id = fieldId(def.name);
    const value = def.listOf ? ((this.values[def.listOf.name] as string[] | undefined)?.[def.listOf.index] ?? '') : String(this.values[def.name] ?? '');
    const { error, ids } = this.#messages(def, id);
    let count: TemplateResult | typeof nothing = nothing;
    if (def.counter && def.maxLength) {
      const left = def.maxLength - value.length;
      ids.push(`${id}-count`);
      count = html`<p class="count ${left < 0 ? 'over' : ''}" id="${id}-count">${this.#countText(left, def.maxLength)}</p>
        <span class="visually-hidden" aria-live="polite">${this.countAnnouncements[def.name] ?? ''}</span>`;
    }
    const warn = this.warnings[def.name] && !error;
    if (warn) ids.push(`${id}-warning`);
    const common = {
      id,
      describedBy: ids.length ? ids.join(' ') : undefined,
      invalid: error ? 'true' : 'false',
    };
    const input = def.multiline
      ? html`<textarea
          id=${common.id}
          name=${def.inputName ?? def.name}
          rows="5"
          data-field=${def.name}
          ?data-counter=${def.counter}
          ?required=${def.required}
          aria-invalid=${common.invalid}
          aria-describedby=${ifDefined(common.describedBy)}
          .value=${live(value)}
        ></textarea>`
      : html`<input
          id=${common.id}
          name=${def.inputName ?? def.name}
          type=${def.type ?? 'text'}
          autocomplete=${ifDefined(def.autocomplete)}
          spellcheck=${ifDefined(def.type === 'email' || def.type === 'url' ? 'false' : undefined)}
          data-field=${def.name}
          data-list=${ifDefined(def.listOf?.name)}
          data-index=${ifDefined(def.listOf?.index)}
          ?data-warn-public=${def.warnPublicEmail}
          ?required=${def.required}
          aria-invalid=${common.invalid}
          aria-describedby=${ifDefined(common.describedBy)}
          .value=${live(value)}
        />`;
    return html`<div class="group ${error ? 'group--error' : ''}" part="field">
      <label for=${id}>${this.#label(def)}</label>
      ${def.hint ? html`<span class="hint" id="${id}-hint">${def.hint}</span>` : nothing} ${input} ${count}
      ${warn ? html`<p class="message warning" id="${id}-warning">${this.i18n.t('form.warning.publicEmail')}</p>` : nothing} ${error ?? nothing}
    </div>`;
  }

  /** A group of radios, or of checkboxes with `multiple`, in a fieldset with its legend. */
  protected choiceField(def: ChoiceDef): TemplateResult {
    this.#register(def, true);
    const id = fieldId(def.name);
    const { error, ids } = this.#messages(def, id);
    const current = this.values[def.name];
    const checked = (value: string) => (def.multiple ? Array.isArray(current) && current.includes(value) : current === value);
    const errorId = error ? `${id}-error` : undefined;
    return html`<fieldset
      class="group ${error ? 'group--error' : ''}"
      part="field"
      id="${id}-group"
      aria-describedby=${ifDefined(ids.length ? ids.join(' ') : undefined)}
    >
      <legend>${this.#label(def)}</legend>
      ${def.hint ? html`<span class="hint" id="${id}-hint">${def.hint}</span>` : nothing}
      ${def.options.map((option, index) => {
        const optionId = index === 0 ? id : `${id}-${index}`;
        return html`<div class="choice">
          <input
            id=${optionId}
            type=${def.multiple ? 'checkbox' : 'radio'}
            name=${def.name}
            value=${option.value}
            data-field=${def.name}
            ?data-multiple=${def.multiple}
            ?required=${def.required && !def.multiple}
            ?disabled=${option.disabled}
            aria-describedby=${ifDefined(errorId)}
            .checked=${live(checked(option.value))}
          />
          <label for=${optionId}
            ><bdi lang=${ifDefined(def.lang)}>${option.label}</bdi>${option.detail
              ? html`<span class="detail">${option.detail}</span>`
              : nothing}</label
          >
        </div>`;
      })}
      ${error ?? nothing}
    </fieldset>`;
  }

  /** One checkbox holding a boolean. */
  protected checkboxField(def: FieldDef): TemplateResult {
    this.#register(def);
    const id = fieldId(def.name);
    const { error, ids } = this.#messages(def, id);
    return html`<div class="group ${error ? 'group--error' : ''}" part="field">
      <div class="choice">
        <input
          id=${id}
          type="checkbox"
          name=${def.name}
          data-field=${def.name}
          aria-describedby=${ifDefined(ids.length ? ids.join(' ') : undefined)}
          .checked=${live(this.values[def.name] === true)}
        />
        <label for=${id}>${def.label}</label>
      </div>
      ${def.hint ? html`<span class="hint" id="${id}-hint">${def.hint}</span>` : nothing} ${error ?? nothing}
    </div>`;
  }

  /** The identity fieldset both forms share (autocomplete tokens for autofill, RGAA 11.13). */
  protected identityFields(options: { jobTitleRequired: boolean }): TemplateResult {
    const t = (key: MessageKey) => this.i18n.t(key);
    const optional = (label: string, required: boolean) => (required ? label : `${label} ${t('form.optional')}`);
    return html`<fieldset class="section">
      <legend>${t('form.identity.legend')}</legend>
      ${this.textField({ name: 'givenName', label: t('form.field.givenName'), required: true, autocomplete: 'given-name', maxLength: 100 })}
      ${this.textField({ name: 'familyName', label: t('form.field.familyName'), required: true, autocomplete: 'family-name', maxLength: 100 })}
      ${this.textField({
        name: 'email',
        label: t('form.field.email'),
        hint: t('form.field.email.hint'),
        type: 'email',
        required: true,
        autocomplete: 'email',
        maxLength: 254,
        warnPublicEmail: true,
      })}
      ${this.textField({
        name: 'organisation',
        label: t('form.field.organisation'),
        hint: t('form.field.organisation.hint'),
        required: true,
        autocomplete: 'organization',
        maxLength: 200,
      })}
      ${this.textField({
        name: 'jobTitle',
        label: optional(t('form.field.jobTitle'), options.jobTitleRequired),
        required: options.jobTitleRequired,
        autocomplete: 'organization-title',
        maxLength: 200,
      })}
    </fieldset>`;
  }
}

function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

/**
 * What the campus forms (`<enrol-form>`, `<trainer-signup>`) share as
 * elements: their public members (`timeout`, `submit()`, `showReceipt()`,
 * `focusField()`), the model and the reading of what is typed, and the focus
 * and announcements around sending. The rest is composed by each form:
 *
 * - `FormModel` (form-model.ts): values, validation with the server's
 *   validators, errors, the Idempotency-Key, the draft's format; plain TypeScript;
 * - `DraftController`: the sessionStorage draft, restored with a notice;
 * - `SubmitController`: one request per submission, retries with the same key,
 *   422 errors on their fields, other failures with a retry, values kept;
 * - `@lit/task` for what the form loads;
 * - fields.ts: the templates, pure functions of the model.
 */
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { CampusApiError } from '../../api/errors.js';
import type { Catalogue } from '../../locales/types.js';
import { CampusElement } from '../campus-element.js';
import { errorMessageKey } from '../states.js';
import { controls, tokens } from '../theme.js';
import { TaskStatus, type Task } from '@lit/task';
import type { DraftController } from './draft-controller.js';
import type { FormActions, FormView } from './fields.js';
import { formStyles } from './form.styles.js';
import { FormModel } from './form-model.js';
import { FormInputController } from './input-controller.js';
import type { SubmitController } from './submit-controller.js';
import { form } from '../../locales/fr/form.js';

/**
 * The base of the campus forms; not registered itself.
 *
 * @csspart form - The form.
 * @csspart field - Each field group.
 * @csspart field-error - An inline error.
 * @csspart error-summary - The error summary shown after a refused submission.
 * @csspart draft-notice - The notice of a restored draft, with its "start again" button (`restart`).
 * @csspart restart - The "start again" button of a restored draft.
 * @csspart privacy-notice - The personal-data information.
 * @csspart submit - The send button.
 * @csspart send-error - The sending failure, with its `retry` button.
 * @csspart receipt - The receipt shown after sending.
 * @csspart loading - The loading state.
 * @cssprop --campus-color-action - Buttons and links (DSFR `--text-action-high-blue-france`).
 * @cssprop --campus-color-error - Errors (DSFR `--text-default-error`).
 * @cssprop --campus-color-warning - The e-mail warning (DSFR `--text-default-warning`).
 * @cssprop --campus-color-success - The receipt's border (DSFR `--text-default-success`).
 * @cssprop --campus-color-focus - The focus ring.
 */
export abstract class CampusForm<TRequest, TReceipt> extends CampusElement {
  static override styles = [tokens, controls, formStyles];
  protected static override messages: readonly Partial<Catalogue>[] = [form];

  /** Milliseconds before one sending attempt gives up (the client's default otherwise). */
  @property({ type: Number }) timeout?: number;

  /** The values, their validation and errors. */
  protected readonly model = new FormModel<TRequest>();
  /** What is typed, read into the model. */
  protected readonly inputs = new FormInputController(this, this.model);
  /** The sending, made by each form (it knows its request and events). */
  protected abstract readonly sending: SubmitController<TRequest, TReceipt>;

  #receiptFocused = false;

  constructor() {
    super();
    this.model.subscribe(() => this.requestUpdate());
  }

  /** Validates and sends; a second call while one is sending does nothing. */
  async submit(): Promise<void> {
    // Autofill may have filled inputs without an event: read them first.
    this.inputs.readAll();
    await this.sending.submit();
  }

  /** Shows a receipt: after a sending, or when a host that took over the sending got one. */
  showReceipt(receipt: TReceipt): void {
    this.sending.showReceipt(receipt);
  }

  /** Moves focus to a field's input (the checked radio, or the group's first). */
  focusField(name: string): void {
    this.inputs.focus(name);
  }

  /** What the field templates read. */
  protected get view(): FormView {
    return { model: this.model, i18n: this.i18n, counts: this.inputs.counts };
  }

  /** What the form's controls call; `restart` is given the first field's name. */
  protected formActions(draft: DraftController, first: string | undefined): FormActions {
    return {
      submit: (event) => {
        event.preventDefault();
        void this.submit();
      },
      input: this.inputs.input,
      focusOut: this.inputs.focusOut,
      focus: (name) => this.focusField(name),
      restart: () => void this.#startAgain(draft, first),
      retry: () => void this.submit(),
    };
  }

  /** "Start again": forgets the draft and every value, back to the first field. */
  async #startAgain(draft: DraftController, first: string | undefined): Promise<void> {
    if (this.sending.phase === 'sending') return;
    draft.erase();
    this.model.reset();
    this.sending.reset();
    await this.updateComplete;
    if (first) this.focusField(first);
  }

  /** A form already loaded keeps its data (and the values typed) on a new API root; a failed load tries it. */
  protected reloadIfFailed(task: Pick<Task<readonly unknown[], unknown>, 'status' | 'run'>): void {
    if (task.status === TaskStatus.ERROR) void task.run();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    // A new api-base is, for the form, what a new configure({ apiBase }) is.
    if (changed.has('apiBase') && changed.get('apiBase') !== undefined) this.configChanged();
  }

  /** The error summary takes focus once shown. */
  protected async focusSummary(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
  }

  /** The text a sending failure shows (the detail's `message` of the form's error event). */
  protected sendingErrorMessage(error: unknown): string {
    const fieldErrors = error instanceof CampusApiError && error.status === 422 ? error.problem?.errors?.length : undefined;
    if (fieldErrors) return this.t('form.summary.title', { count: Object.keys(this.model.errors).length || fieldErrors });
    return `${this.t('form.send.failed')} ${this.t(errorMessageKey(error))}`;
  }

  protected override render(): unknown {
    const phase = this.sending.phase;
    const announcement = phase === 'sending' ? this.t('form.sending') : phase === 'done' ? this.t('form.sent') : '';
    // The live region stays in place whatever the state, so its changes are announced.
    return html`${super.render()}<div class="visually-hidden" role="status" aria-live="polite">${announcement}</div>`;
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (this.sending.receipt === undefined || this.#receiptFocused) return;
    const receipt = this.renderRoot.querySelector<HTMLElement>('.receipt');
    if (receipt) {
      this.#receiptFocused = true;
      receipt.focus();
    }
  }
}

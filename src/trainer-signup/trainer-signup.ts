import { html, nothing, type TemplateResult } from 'lit';
import type { Catalogue } from '../core/locale.js';
import { property } from 'lit/decorators.js';
import type { SendOptions } from '../api/client.js';
import { loadReference, type Reference } from '../api/reference.js';
import {
  MAX_LINKS,
  SUMMARY_MAX,
  TRAINER_INTENT_LIST,
  type PrivacyNotice,
  type Term,
  type TrainerApplication,
  type TrainerApplicationReceipt,
} from '../api/schemas.js';
import { validateTrainerApplication } from '../api/validate.js';
import { CampusForm, type ChoiceOption } from '../core/form/campus-form.js';
import { flag, list, optional, text, type FormValues } from '../core/form/values.js';
import type { MessageKey } from '../locales/types.js';
import { styles } from './trainer-signup.styles.js';
import { form } from '../locales/fr/form.js';
import { trainer } from '../locales/fr/trainer.js';

declare global {
  interface HTMLElementTagNameMap {
    'trainer-signup': TrainerSignup;
  }
  interface HTMLElementEventMap {
    /** Cancelable: a host that cancels it takes over the sending (then calls `showReceipt`). */
    'campus-trainer-submit': CustomEvent<TrainerApplication>;
    'campus-trainer-success': CustomEvent<TrainerApplicationReceipt>;
    'campus-trainer-error': CustomEvent<{ error: unknown }>;
  }
}

/** The privacy notice shown with trainer applications. */
export const TRAINER_NOTICE_ID = 'candidature-formateur';

export interface TrainerData {
  reference: Reference;
  notice: PrivacyNotice;
}

const ids = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The call for volunteer trainers: a public agent or a public-interest expert
 * offers a training they already give, an idea for a programme, or asks for
 * help to build one. Shares the form machinery of `<enrol-form>`: validation
 * shared with the server, error summary, one request per submission, values
 * kept on failure, a sessionStorage draft, a receipt that takes focus.
 *
 * No slots: every label, hint, error and summary link lives in the one shadow
 * root, so each reference resolves (see src/core/form/AUTOFILL.md for autofill).
 *
 * @tagname trainer-signup
 * @attr {string} skills - Skills to preset, comma-separated ids of the `trainerSkills` vocabulary (e.g. `intelligence-artificielle`).
 * @attr {string} intent - An intent to preset, an id of the `trainerIntents` vocabulary (e.g. `list`).
 * @attr {string} privacy-notice-id - The privacy notice to show; `candidature-formateur` by default.
 * @attr {string} api-base - The API root without its version (see `configure()`).
 * @attr {number} timeout - Milliseconds before a sending attempt gives up.
 * @fires {CustomEvent<TrainerApplication>} campus-trainer-submit - Before sending; cancelable: a host that cancels it sends the application itself.
 * @fires {CustomEvent<TrainerApplicationReceipt>} campus-trainer-success - The application was recorded; detail: the receipt.
 * @fires {CustomEvent<{error: unknown}>} campus-trainer-error - Sending failed (validation by the server included).
 * @csspart form - The form.
 * @csspart field - Each field group.
 * @csspart field-error - An inline error.
 * @csspart error-summary - The error summary shown after a refused submission.
 * @csspart draft-notice - The notice of a restored draft, with its "start again" button (`restart`).
 * @csspart privacy-notice - The personal-data information.
 * @csspart submit - The send button.
 * @csspart send-error - The sending failure, with its `retry` button.
 * @csspart restart - The "start again" button of a restored draft.
 * @csspart training - The fieldset of the training offered (intent `list`).
 * @csspart links - The links fieldset, with its `add-link` and `remove-link` buttons.
 * @csspart add-link - The button that adds a link.
 * @csspart remove-link - A link's remove button.
 * @csspart receipt - The receipt shown after sending.
 * @csspart loading - The loading state.
 * @csspart error - A loading failure.
 * @csspart retry - The retry button of a loading or sending failure.
 * @cssprop --campus-color-action - Buttons and links (DSFR `--text-action-high-blue-france`).
 * @cssprop --campus-color-error - Errors (DSFR `--text-default-error`).
 * @cssprop --campus-color-warning - The e-mail warning (DSFR `--text-default-warning`).
 * @cssprop --campus-color-success - The receipt's border (DSFR `--text-default-success`).
 * @cssprop --campus-color-focus - The focus ring.
 */
export class TrainerSignup extends CampusForm<TrainerData, TrainerApplication, TrainerApplicationReceipt> {
  static override styles = [...CampusForm.styles, styles];
  protected static override messages: readonly Partial<Catalogue>[] = [form, trainer];

  /** Skills to preset (comma-separated vocabulary ids). */
  @property() skills?: string;
  /** An intent to preset (a vocabulary id). */
  @property() intent?: string;
  /** The privacy notice shown before sending. */
  @property({ attribute: 'privacy-notice-id' }) privacyNoticeId = TRAINER_NOTICE_ID;

  protected readonly events = {
    submit: 'campus-trainer-submit',
    success: 'campus-trainer-success',
    error: 'campus-trainer-error',
  } as const;
  protected readonly formName = 'trainer-signup';
  /** For each link sent, the input it came from (empty inputs are not sent). */
  #linkInputs: number[] = [];

  protected loadKey(): string | null {
    return this.privacyNoticeId || TRAINER_NOTICE_ID;
  }

  protected async loadData(signal: AbortSignal): Promise<TrainerData> {
    const api = this.api;
    // The vocabularies are needed to answer: their failure is the form's (loadReference would hide it).
    const [notice] = await Promise.all([api.privacyNotice(this.privacyNoticeId || TRAINER_NOTICE_ID, { signal }), api.vocabularies({ signal })]);
    const reference = await loadReference(api, { signal });
    return { reference, notice };
  }

  protected draftScope(): string {
    return 'application';
  }

  protected initialValues(data: TrainerData): FormValues {
    const skills = new Set(data.reference.terms('trainerSkills').map((t) => t.id));
    const intents = new Set(data.reference.terms('trainerIntents').map((t) => t.id));
    const intent = this.intent?.trim() ?? '';
    return {
      givenName: '',
      familyName: '',
      email: '',
      organisation: '',
      jobTitle: '',
      status: '',
      skills: ids(this.skills).filter((id) => skills.has(id)),
      intent: intents.has(intent) ? intent : '',
      'training.title': '',
      'training.summary': '',
      'training.modes': [],
      'training.duration': '',
      'training.audienceIds': [],
      availability: '',
      places: '',
      remote: false,
      links: [''],
    };
  }

  protected buildRequest(data: TrainerData): Record<string, unknown> {
    const v = this.values;
    const links: string[] = [];
    this.#linkInputs = [];
    list(v, 'links').forEach((link, index) => {
      if (!link.trim()) return;
      links.push(link.trim());
      this.#linkInputs.push(index);
    });
    const request: Record<string, unknown> = {
      givenName: text(v, 'givenName').trim(),
      familyName: text(v, 'familyName').trim(),
      email: text(v, 'email').trim(),
      organisation: text(v, 'organisation').trim(),
      jobTitle: text(v, 'jobTitle').trim(),
      status: text(v, 'status'),
      skills: list(v, 'skills'),
      intent: text(v, 'intent'),
      availability: text(v, 'availability').trim(),
      remote: flag(v, 'remote'),
      links,
      privacyNoticeVersion: data.notice.version,
      locale: this.i18n.locale,
    };
    const places = optional(v, 'places');
    if (places) request.places = places;
    if (request.intent === TRAINER_INTENT_LIST) {
      request.training = {
        title: text(v, 'training.title').trim(),
        summary: text(v, 'training.summary').trim(),
        modes: list(v, 'training.modes'),
        duration: text(v, 'training.duration').trim(),
        audienceIds: list(v, 'training.audienceIds'),
      };
    }
    return request;
  }

  protected validateRequest(_data: TrainerData, input: Record<string, unknown>) {
    return validateTrainerApplication(input);
  }

  protected override errorField(path: string): string {
    if (path === 'training') return 'training.title';
    const link = /^links(?:\.(\d+))?$/.exec(path);
    if (link) return `links.${this.#linkInputs[Number(link[1] ?? 0)] ?? 0}`;
    return path;
  }

  protected sendRequest(request: TrainerApplication, options: SendOptions): Promise<TrainerApplicationReceipt> {
    return this.api.applyAsTrainer(request, options);
  }

  protected privacyNotice(data: TrainerData): PrivacyNotice {
    return data.notice;
  }


  // ------------------------------------------------------------------ links

  async #addLink(): Promise<void> {
    const links = list(this.values, 'links');
    if (links.length >= MAX_LINKS) return;
    this.setValues({ links: [...links, ''] });
    await this.updateComplete;
    this.focusField(`links.${links.length}`);
  }

  async #removeLink(index: number): Promise<void> {
    const links = list(this.values, 'links').filter((_, i) => i !== index);
    // Errors follow their input: shift those after the removed one.
    const errors = { ...this.fieldErrors };
    const shifted: typeof errors = {};
    for (const [name, error] of Object.entries(errors)) {
      const match = /^links\.(\d+)$/.exec(name);
      if (!match) shifted[name] = error;
      else if (Number(match[1]) < index) shifted[name] = error;
      else if (Number(match[1]) > index) shifted[`links.${Number(match[1]) - 1}`] = error;
    }
    this.fieldErrors = shifted;
    this.setValues({ links: links.length ? links : [''] });
    await this.updateComplete;
    // Focus goes to the input that took its place, else the one before.
    const next = Math.min(index, Math.max(links.length, 1) - 1);
    this.focusField(`links.${next}`);
  }

  // ------------------------------------------------------------------ rendering

  protected renderReady(data: TrainerData): unknown {
    return this.renderForm(data, {
      heading: html`<h2>${this.i18n.t('trainer.heading')}</h2>`,
      intro: html`<p class="intro">${this.i18n.t('trainer.intro')}</p>`,
      submitLabel: this.i18n.t('trainer.submit'),
    });
  }

  #options(terms: readonly Term[]): ChoiceOption[] {
    return terms.map((term) => ({ value: term.id, label: term.label, detail: term.description }));
  }

  protected renderFields(data: TrainerData): unknown {
    const t = (key: MessageKey, params?: Record<string, string | number>) => this.i18n.t(key, params);
    const ref = data.reference;
    const lang = this.i18n.apiLang;
    const opt = (label: string) => `${label} ${t('form.optional')}`;
    return html`${this.identityFields({ jobTitleRequired: true })}
      ${this.choiceField({ name: 'status', label: t('trainer.status.legend'), required: true, lang, options: this.#options(ref.terms('trainerStatuses')) })}
      ${this.choiceField({
        name: 'skills',
        label: t('trainer.skills.legend'),
        hint: t('trainer.skills.hint'),
        required: true,
        multiple: true,
        lang,
        maxLength: 30,
        options: this.#options(ref.terms('trainerSkills')),
      })}
      ${this.choiceField({ name: 'intent', label: t('trainer.intent.legend'), required: true, lang, options: this.#options(ref.terms('trainerIntents')) })}
      ${text(this.values, 'intent') === TRAINER_INTENT_LIST
        ? html`<fieldset class="section training" part="training">
            <legend>${t('trainer.training.legend')}</legend>
            ${this.textField({ name: 'training.title', label: t('trainer.field.trainingTitle'), required: true, maxLength: 200 })}
            ${this.textField({
              name: 'training.summary',
              label: t('trainer.field.trainingSummary'),
              hint: t('trainer.field.trainingSummary.hint'),
              required: true,
              multiline: true,
              counter: true,
              maxLength: SUMMARY_MAX,
            })}
            ${this.choiceField({
              name: 'training.modes',
              label: t('trainer.field.trainingModes'),
              required: true,
              multiple: true,
              lang,
              maxLength: 10,
              options: this.#options(ref.terms('modes')),
            })}
            ${this.textField({
              name: 'training.duration',
              label: t('trainer.field.trainingDuration'),
              hint: t('trainer.field.trainingDuration.hint'),
              required: true,
              maxLength: 100,
            })}
            ${this.choiceField({
              name: 'training.audienceIds',
              label: opt(t('trainer.field.trainingAudiences')),
              multiple: true,
              lang,
              maxLength: 20,
              options: this.#options(ref.audiences),
            })}
          </fieldset>`
        : nothing}
      <fieldset class="section">
        <legend>${t('trainer.availability.legend')}</legend>
        ${this.textField({
          name: 'availability',
          label: t('trainer.field.availability'),
          hint: t('trainer.field.availability.hint'),
          required: true,
          maxLength: 200,
        })}
        ${this.textField({ name: 'places', label: opt(t('trainer.field.places')), hint: t('trainer.field.places.hint'), maxLength: 200 })}
        ${this.checkboxField({ name: 'remote', label: t('trainer.field.remote') })}
      </fieldset>
      ${this.#renderLinks()}`;
  }

  #renderLinks(): TemplateResult {
    const t = (key: MessageKey, params?: Record<string, string | number>) => this.i18n.t(key, params);
    const links = list(this.values, 'links');
    return html`<fieldset class="section links" part="links" aria-describedby="links-hint">
      <legend>${t('trainer.links.legend')} ${t('form.optional')}</legend>
      <p class="hint" id="links-hint">${t('trainer.links.hint')}</p>
      ${links.map(
        (_, index) => html`<div class="link-row">
          ${this.textField({
            name: `links.${index}`,
            label: t('trainer.field.link', { n: index + 1 }),
            type: 'url',
            inputName: `link-${index + 1}`,
            autocomplete: 'url',
            maxLength: 500,
            listOf: { name: 'links', index },
          })}
          ${links.length > 1
            ? html`<button type="button" class="button secondary small" part="remove-link" @click=${() => void this.#removeLink(index)}>
                ${t('trainer.links.remove', { n: index + 1 })}
              </button>`
            : nothing}
        </div>`,
      )}
      ${links.length < MAX_LINKS
        ? html`<button type="button" class="button secondary small" part="add-link" @click=${() => void this.#addLink()}>${t('trainer.links.add')}</button>`
        : html`<p class="hint">${t('trainer.links.max')}</p>`}
    </fieldset>`;
  }

  protected renderReceipt(_data: TrainerData, receipt: TrainerApplicationReceipt): unknown {
    const email = text(this.values, 'email').trim();
    return html`${this.receiptHeading(this.i18n.t('trainer.receipt.title'), receipt.reference)}
      <p>${this.i18n.t('trainer.receipt.next', { email })}</p>
      <p>${this.i18n.t('form.receipt.keep')}</p>`;
  }
}

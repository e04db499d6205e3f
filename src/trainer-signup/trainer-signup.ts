import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { Task } from '@lit/task';
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
import { AbortOnDisconnect } from '../core/controllers.js';
import { emit, type CampusErrorDetail } from '../core/events.js';
import { CampusForm } from '../core/form/campus-form.js';
import { DraftController } from '../core/form/draft-controller.js';
import { draftKey } from '../core/form/draft.js';
import {
  checkboxField,
  choiceField,
  formLoading,
  formTemplate,
  identityDefs,
  identityFieldset,
  receiptHeading,
  textField,
  type ChoiceDef,
  type ChoiceOption,
  type FieldDef,
  type TextFieldDef,
} from '../core/form/fields.js';
import type { FormSpec } from '../core/form/form-model.js';
import { SubmitController } from '../core/form/submit-controller.js';
import { flag, list, optional, text, type FormValues } from '../core/form/values.js';
import { errorState } from '../core/states.js';
import type { Catalogue } from '../locales/types.js';
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
    /** Same detail as `campus-error`: `message` is the text the form shows. */
    'campus-trainer-error': CustomEvent<CampusErrorDetail>;
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

/** The index of the link input each sent link came from (empty inputs are not sent). */
const sentLinks = (values: FormValues): number[] =>
  list(values, 'links').flatMap((link, index) => (link.trim() ? [index] : []));

/** The fields of the form, in order. */
interface TrainerFields {
  identity: TextFieldDef[];
  status: ChoiceDef;
  skills: ChoiceDef;
  intent: ChoiceDef;
  training?: { title: TextFieldDef; summary: TextFieldDef; modes: ChoiceDef; duration: TextFieldDef; audiences: ChoiceDef };
  availability: TextFieldDef;
  places: TextFieldDef;
  remote: FieldDef;
  links: TextFieldDef[];
  all: FieldDef[];
}

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
 * @fires {CustomEvent<TrainerApplication>} campus-trainer-submit - Before sending; cancelable: a host that cancels it sends the application itself.
 * @fires {CustomEvent<TrainerApplicationReceipt>} campus-trainer-success - The application was recorded; detail: the receipt.
 * @fires {CustomEvent<CampusErrorDetail>} campus-trainer-error - Sending failed (validation by the server included); detail: `{ error, message }`, the message being the text shown.
 * @csspart training - The fieldset of the training offered (intent `list`).
 * @csspart links - The links fieldset, with its `add-link` and `remove-link` buttons.
 * @csspart add-link - The button that adds a link.
 * @csspart remove-link - A link's remove button.
 */
export class TrainerSignup extends CampusForm<TrainerApplication, TrainerApplicationReceipt> {
  static override styles = [...CampusForm.styles, styles];
  protected static override messages: readonly Partial<Catalogue>[] = [form, trainer];

  /**
   * Skills to preset: comma-separated ids of the `trainerSkills` vocabulary (e.g. `intelligence-artificielle`).
   */
  @property() skills?: string;
  /** An intent to preset: an id of the `trainerIntents` vocabulary (e.g. `list`). */
  @property() intent?: string;
  /** The privacy notice shown before sending; `candidature-formateur` by default. */
  @property({ attribute: 'privacy-notice-id' }) privacyNoticeId: string = TRAINER_NOTICE_ID;

  /** The notice and the vocabularies. */
  readonly #data = new Task<[string], TrainerData>(this, {
    args: () => [this.privacyNoticeId || TRAINER_NOTICE_ID],
    task: async ([noticeId], { signal }) => {
      const api = this.api;
      // The vocabularies are needed to answer: their failure is the form's (loadReference would hide it).
      const [notice] = await Promise.all([
        // A missing notice, or a wrong API root (then said as such)?
        api.privacyNotice(noticeId, { signal }).catch(async (error: unknown) => {
          throw await api.explainNotFound(error, { signal });
        }),
        api.vocabularies({ signal }),
      ]);
      const reference = await loadReference(api, { signal });
      return { reference, notice };
    },
    onComplete: (data) => this.#start(data),
    onError: (error) => this.reportLoadError(error),
  });

  readonly #draft = new DraftController(this, this.model);

  protected readonly sending = new SubmitController<TrainerApplication, TrainerApplicationReceipt>(this, this.model, {
    send: (request, options) => this.api.applyAsTrainer(request, options),
    timeout: () => this.timeout,
    submitting: (request) => emit(this, 'campus-trainer-submit', request, { cancelable: true }),
    refused: () => void this.focusSummary(),
    succeeded: (receipt) => {
      this.#draft.erase();
      emit(this, 'campus-trainer-success', receipt);
    },
    failed: (error) => emit(this, 'campus-trainer-error', { error, message: this.sendingErrorMessage(error) }),
  });

  constructor() {
    super();
    new AbortOnDisconnect(this, this.#data);
  }

  protected override configChanged(): void {
    this.reloadIfFailed(this.#data);
  }


  #start(data: TrainerData): void {
    const skills = new Set(data.reference.terms('trainerSkills').map((t) => t.id));
    const intents = new Set(data.reference.terms('trainerIntents').map((t) => t.id));
    const intent = this.intent?.trim() ?? '';
    const initial: FormValues = {
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
    this.model.start(this.#spec(data), initial, this.#draft.open(draftKey('trainer-signup', 'application'), initial));
  }

  #spec(data: TrainerData): FormSpec<TrainerApplication> {
    return {
      publicEmailFields: ['email'],
      request: (v) => {
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
          links: sentLinks(v).map((index) => list(v, 'links')[index].trim()),
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
      },
      validate: (input) => validateTrainerApplication(input),
      fieldOf: (path, values) => {
        if (path === 'training') return 'training.title';
        const link = /^links(?:\.(\d+))?$/.exec(path);
        if (link) return `links.${sentLinks(values)[Number(link[1] ?? 0)] ?? 0}`;
        return path;
      },
    };
  }

  // ------------------------------------------------------------------ links

  async #addLink(): Promise<void> {
    const links = list(this.model.values, 'links');
    if (links.length >= MAX_LINKS) return;
    this.model.set({ links: [...links, ''] });
    await this.updateComplete;
    this.focusField(`links.${links.length}`);
  }

  async #removeLink(index: number): Promise<void> {
    const links = list(this.model.values, 'links').filter((_, i) => i !== index);
    // Errors follow their input: those after the removed one move up.
    this.model.moveErrors((name) => {
      const match = /^links\.(\d+)$/.exec(name);
      if (!match || Number(match[1]) < index) return name;
      return Number(match[1]) > index ? `links.${Number(match[1]) - 1}` : undefined;
    });
    this.model.set({ links: links.length ? links : [''] });
    await this.updateComplete;
    // Focus goes to the input that took its place, else the one before.
    this.focusField(`links.${Math.min(index, Math.max(links.length, 1) - 1)}`);
  }

  // ------------------------------------------------------------------ rendering

  protected renderContent(): unknown {
    return this.#data.render({
      initial: () => formLoading(this.i18n),
      pending: () => formLoading(this.i18n),
      error: (error) => errorState(this.i18n, error, () => void this.#data.run()),
      complete: (data) => this.#renderReady(data),
    });
  }

  #renderReady(data: TrainerData): unknown {
    const receipt = this.sending.receipt;
    if (receipt !== undefined) return html`<div class="receipt" part="receipt" tabindex="-1">${this.#renderReceipt(receipt)}</div>`;
    const fields = this.#fields(data);
    return formTemplate(
      this.view,
      {
        heading: html`<h2>${this.t('trainer.heading')}</h2>`,
        intro: html`<p class="intro">${this.t('trainer.intro')}</p>`,
        fields: this.#renderFields(fields),
        defs: fields.all,
        notice: data.notice,
        submitLabel: this.t('trainer.submit'),
        phase: this.sending.phase,
        sendError: this.sending.error,
      },
      this.formActions(this.#draft, fields.all[0]?.name),
    );
  }

  #options(terms: readonly Term[]): ChoiceOption[] {
    return terms.map((term) => ({ value: term.id, label: term.label, detail: term.description }));
  }

  /** The fields for the values typed (the training's once offered, one per link). */
  #fields(data: TrainerData): TrainerFields {
    const t = this.t;
    const ref = data.reference;
    const lang = this.i18n.apiLang;
    const opt = (label: string) => `${label} ${t('form.optional')}`;
    const values = this.model.values;
    const identity = identityDefs(t, { jobTitleRequired: true });
    const status: ChoiceDef = { name: 'status', label: t('trainer.status.legend'), required: true, lang, options: this.#options(ref.terms('trainerStatuses')) };
    const skills: ChoiceDef = {
      name: 'skills',
      label: t('trainer.skills.legend'),
      hint: t('trainer.skills.hint'),
      required: true,
      multiple: true,
      lang,
      maxLength: 30,
      options: this.#options(ref.terms('trainerSkills')),
    };
    const intent: ChoiceDef = { name: 'intent', label: t('trainer.intent.legend'), required: true, lang, options: this.#options(ref.terms('trainerIntents')) };
    const training: TrainerFields['training'] =
      text(values, 'intent') === TRAINER_INTENT_LIST
        ? {
            title: { name: 'training.title', label: t('trainer.field.trainingTitle'), required: true, maxLength: 200 },
            summary: {
              name: 'training.summary',
              label: t('trainer.field.trainingSummary'),
              hint: t('trainer.field.trainingSummary.hint'),
              required: true,
              multiline: true,
              counter: true,
              maxLength: SUMMARY_MAX,
            },
            modes: {
              name: 'training.modes',
              label: t('trainer.field.trainingModes'),
              required: true,
              multiple: true,
              lang,
              maxLength: 10,
              options: this.#options(ref.terms('modes')),
            },
            duration: {
              name: 'training.duration',
              label: t('trainer.field.trainingDuration'),
              hint: t('trainer.field.trainingDuration.hint'),
              required: true,
              maxLength: 100,
            },
            audiences: {
              name: 'training.audienceIds',
              label: opt(t('trainer.field.trainingAudiences')),
              multiple: true,
              lang,
              maxLength: 20,
              options: this.#options(ref.audiences),
            },
          }
        : undefined;
    const availability: TextFieldDef = {
      name: 'availability',
      label: t('trainer.field.availability'),
      hint: t('trainer.field.availability.hint'),
      required: true,
      maxLength: 200,
    };
    const places: TextFieldDef = { name: 'places', label: opt(t('trainer.field.places')), hint: t('trainer.field.places.hint'), maxLength: 200 };
    const remote: FieldDef = { name: 'remote', label: t('trainer.field.remote') };
    const links: TextFieldDef[] = list(values, 'links').map((_, index) => ({
      name: `links.${index}`,
      label: t('trainer.field.link', { n: index + 1 }),
      type: 'url',
      inputName: `link-${index + 1}`,
      autocomplete: 'url',
      maxLength: 500,
      listOf: { name: 'links', index },
    }));
    const all: FieldDef[] = [
      ...identity,
      status,
      skills,
      intent,
      ...(training ? [training.title, training.summary, training.modes, training.duration, training.audiences] : []),
      availability,
      places,
      remote,
      ...links,
    ];
    return { identity, status, skills, intent, training, availability, places, remote, links, all };
  }

  #renderFields(fields: TrainerFields): TemplateResult {
    const view = this.view;
    const { training } = fields;
    return html`${identityFieldset(view, fields.identity)} ${choiceField(view, fields.status)} ${choiceField(view, fields.skills)}
      ${choiceField(view, fields.intent)}
      ${training
        ? html`<fieldset class="section training" part="training">
            <legend>${this.t('trainer.training.legend')}</legend>
            ${textField(view, training.title)} ${textField(view, training.summary)} ${choiceField(view, training.modes)}
            ${textField(view, training.duration)} ${choiceField(view, training.audiences)}
          </fieldset>`
        : nothing}
      <fieldset class="section">
        <legend>${this.t('trainer.availability.legend')}</legend>
        ${textField(view, fields.availability)} ${textField(view, fields.places)} ${checkboxField(view, fields.remote)}
      </fieldset>
      ${this.#renderLinks(fields.links)}`;
  }

  #renderLinks(links: readonly TextFieldDef[]): TemplateResult {
    const t = this.t;
    return html`<fieldset class="section links" part="links" aria-describedby="links-hint">
      <legend>${t('trainer.links.legend')} ${t('form.optional')}</legend>
      <p class="hint" id="links-hint">${t('trainer.links.hint')}</p>
      ${links.map(
        (def, index) => html`<div class="link-row">
          ${textField(this.view, def)}
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

  #renderReceipt(receipt: TrainerApplicationReceipt): unknown {
    const email = text(this.model.values, 'email').trim();
    return html`${receiptHeading(this.i18n, this.t('trainer.receipt.title'), receipt.reference)}
      <p>${this.t('trainer.receipt.next', { email })}</p>
      <p>${this.t('form.receipt.keep')}</p>`;
  }
}

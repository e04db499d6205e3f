/**
 * The forms' templates, as pure functions of a `FormView` (the model, the
 * words, the counts to announce): native inputs with visible labels, hints,
 * inline errors and an error summary, all in the one shadow root, so every
 * `for`, `aria-describedby` and summary link resolves (see AUTOFILL.md).
 * Rendering has no side effect: the summary is given the field definitions
 * the form renders, it does not collect them while rendering.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { PrivacyNotice } from '../../api/schemas.js';
import type { MessageKey, MessageParams } from '../../locales/types.js';
import type { Localizer } from '../locale.js';
import { errorState } from '../states.js';
import type { FormModel } from './form-model.js';
import type { FormPhase } from './submit-controller.js';
import { fieldId } from './values.js';

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

/** Everything a field template reads. */
export interface FormView {
  model: FormModel;
  i18n: Localizer;
  /** Character counts to announce, by field (set once typing pauses near the limit). */
  counts: Readonly<Record<string, number | undefined>>;
}

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

const isChoice = (def: FieldDef | undefined): def is ChoiceDef => Boolean(def && 'options' in def);

/** The message for a field's error, from its code (the field's own keys first). */
export function errorText(view: FormView, name: string, def?: FieldDef): string {
  const error = view.model.errors[name];
  if (!error) return '';
  const { i18n } = view;
  let key = def?.messages?.[error.code];
  if (!key && error.code === 'required' && isChoice(def)) key = 'form.error.requiredChoice';
  key ??= GENERIC_MESSAGES[error.code];
  if (!def && error.message && !key) return i18n.t('form.error.general', { message: error.message });
  return i18n.t(key ?? 'form.error.invalid', { label: def?.label ?? name, max: def?.maxLength ?? '' });
}

/** The count under a text field: characters left, or how many too many. */
export function countText(i18n: Localizer, left: number, max: number): string {
  return left >= 0 ? i18n.t('form.count.remaining', { count: left, max }) : i18n.t('form.count.over', { count: -left, max });
}

function messages(view: FormView, def: FieldDef, id: string): { error?: TemplateResult; ids: string[] } {
  const ids: string[] = [];
  if (def.hint) ids.push(`${id}-hint`);
  if (!view.model.errors[def.name]) return { ids };
  ids.push(`${id}-error`);
  return {
    ids,
    error: html`<p class="message error" id="${id}-error" part="field-error">${view.i18n.t('form.errorPrefix')} ${errorText(view, def.name, def)}</p>`,
  };
}

const label = (def: FieldDef): TemplateResult =>
  html`${def.label}${def.required ? html`<span class="required" aria-hidden="true">&nbsp;*</span>` : nothing}`;

/** A text input or a textarea, with its label, hint, count, warning and error. */
export function textField(view: FormView, def: TextFieldDef): TemplateResult {
  const { model, i18n } = view;
  const id = fieldId(def.name);
  const value = def.listOf ? ((model.values[def.listOf.name] as string[] | undefined)?.[def.listOf.index] ?? '') : String(model.values[def.name] ?? '');
  const { error, ids } = messages(view, def, id);
  let count: TemplateResult | typeof nothing = nothing;
  if (def.counter && def.maxLength) {
    const left = def.maxLength - value.length;
    const announced = view.counts[def.name];
    ids.push(`${id}-count`);
    count = html`<p class="count ${left < 0 ? 'over' : ''}" id="${id}-count">${countText(i18n, left, def.maxLength)}</p>
      <span class="visually-hidden" aria-live="polite">${announced === undefined ? '' : countText(i18n, announced, def.maxLength)}</span>`;
  }
  const warn = model.warnings[def.name] && !error;
  if (warn) ids.push(`${id}-warning`);
  const describedBy = ids.length ? ids.join(' ') : undefined;
  const invalid = error ? 'true' : 'false';
  const input = def.multiline
    ? html`<textarea
        id=${id}
        name=${def.inputName ?? def.name}
        rows="5"
        data-field=${def.name}
        data-counter=${ifDefined(def.counter ? def.maxLength : undefined)}
        ?required=${def.required}
        aria-invalid=${invalid}
        aria-describedby=${ifDefined(describedBy)}
        .value=${live(value)}
      ></textarea>`
    : html`<input
        id=${id}
        name=${def.inputName ?? def.name}
        type=${def.type ?? 'text'}
        autocomplete=${ifDefined(def.autocomplete)}
        spellcheck=${ifDefined(def.type === 'email' || def.type === 'url' ? 'false' : undefined)}
        data-field=${def.name}
        data-list=${ifDefined(def.listOf?.name)}
        data-index=${ifDefined(def.listOf?.index)}
        ?required=${def.required}
        aria-invalid=${invalid}
        aria-describedby=${ifDefined(describedBy)}
        .value=${live(value)}
      />`;
  return html`<div class="group ${error ? 'group--error' : ''}" part="field">
    <label for=${id}>${label(def)}</label>
    ${def.hint ? html`<span class="hint" id="${id}-hint">${def.hint}</span>` : nothing} ${input} ${count}
    ${warn ? html`<p class="message warning" id="${id}-warning">${i18n.t('form.warning.publicEmail')}</p>` : nothing} ${error ?? nothing}
  </div>`;
}

/** A group of radios, or of checkboxes with `multiple`, in a fieldset with its legend. */
export function choiceField(view: FormView, def: ChoiceDef): TemplateResult {
  const id = fieldId(def.name);
  const { error, ids } = messages(view, def, id);
  const current = view.model.values[def.name];
  const checked = (value: string) => (def.multiple ? Array.isArray(current) && current.includes(value) : current === value);
  const errorId = error ? `${id}-error` : undefined;
  return html`<fieldset
    class="group ${error ? 'group--error' : ''}"
    part="field"
    id="${id}-group"
    aria-describedby=${ifDefined(ids.length ? ids.join(' ') : undefined)}
  >
    <legend>${label(def)}</legend>
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
          ><bdi lang=${ifDefined(def.lang)}>${option.label}</bdi>${option.detail ? html`<span class="detail">${option.detail}</span>` : nothing}</label
        >
      </div>`;
    })}
    ${error ?? nothing}
  </fieldset>`;
}

/** One checkbox holding a boolean. */
export function checkboxField(view: FormView, def: FieldDef): TemplateResult {
  const id = fieldId(def.name);
  const { error, ids } = messages(view, def, id);
  return html`<div class="group ${error ? 'group--error' : ''}" part="field">
    <div class="choice">
      <input
        id=${id}
        type="checkbox"
        name=${def.name}
        data-field=${def.name}
        aria-describedby=${ifDefined(ids.length ? ids.join(' ') : undefined)}
        .checked=${live(view.model.values[def.name] === true)}
      />
      <label for=${id}>${def.label}</label>
    </div>
    ${def.hint ? html`<span class="hint" id="${id}-hint">${def.hint}</span>` : nothing} ${error ?? nothing}
  </div>`;
}

/** The identity fields both forms ask for (autocomplete tokens for autofill, RGAA 11.13), in order. */
export function identityDefs(t: (key: MessageKey) => string, options: { jobTitleRequired: boolean }): TextFieldDef[] {
  return [
    { name: 'givenName', label: t('form.field.givenName'), required: true, autocomplete: 'given-name', maxLength: 100 },
    { name: 'familyName', label: t('form.field.familyName'), required: true, autocomplete: 'family-name', maxLength: 100 },
    {
      name: 'email',
      label: t('form.field.email'),
      hint: t('form.field.email.hint'),
      type: 'email',
      required: true,
      autocomplete: 'email',
      maxLength: 254,
    },
    {
      name: 'organisation',
      label: t('form.field.organisation'),
      hint: t('form.field.organisation.hint'),
      required: true,
      autocomplete: 'organization',
      maxLength: 200,
    },
    {
      name: 'jobTitle',
      label: options.jobTitleRequired ? t('form.field.jobTitle') : `${t('form.field.jobTitle')} ${t('form.optional')}`,
      required: options.jobTitleRequired,
      autocomplete: 'organization-title',
      maxLength: 200,
    },
  ];
}

/** The identity fieldset, from `identityDefs`. */
export function identityFieldset(view: FormView, defs: readonly TextFieldDef[]): TemplateResult {
  return html`<fieldset class="section">
    <legend>${view.i18n.t('form.identity.legend')}</legend>
    ${defs.map((def) => textField(view, def))}
  </fieldset>`;
}

/** The summary of the errors, in the order of the fields, each linked to its field. */
export function errorSummary(view: FormView, fields: readonly FieldDef[], focus: (name: string) => void): TemplateResult | typeof nothing {
  const { model, i18n } = view;
  const names = Object.keys(model.errors);
  if (!model.showSummary || !names.length) return nothing;
  const order = fields.map((f) => f.name);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  names.sort((a, b) => rank(a) - rank(b));
  return html`<div class="error-summary" part="error-summary" tabindex="-1">
    <h3>${i18n.t('form.summary.title', { count: names.length })}</h3>
    <p>${i18n.t('form.summary.intro')}</p>
    <ul>
      ${names.map((name) => {
        const def = fields.find((f) => f.name === name);
        const text = errorText(view, name, def);
        if (!def) return html`<li>${text}</li>`;
        return html`<li>
          <a
            href="#${fieldId(name)}"
            @click=${(event: Event) => {
              // Never the page's URL or hash: hosts route on them.
              event.preventDefault();
              focus(name);
            }}
            >${text}</a
          >
        </li>`;
      })}
    </ul>
  </div>`;
}

/** The notice of a restored draft, with its "start again" button. */
export function draftNotice(view: FormView, restart: () => void): TemplateResult | typeof nothing {
  if (!view.model.restored) return nothing;
  const t = (key: MessageKey) => view.i18n.t(key);
  return html`<div class="callout" part="draft-notice">
    <p><strong>${t('form.draft.title')}.</strong> ${t('form.draft.restored')}</p>
    <button type="button" class="button secondary small" part="restart" @click=${restart}>
      ${t('form.draft.restart')}<span class="visually-hidden"> (${t('form.draft.restartHint')})</span>
    </button>
  </div>`;
}

/** The GDPR art. 13 information, as text; the controller's own words, in French. */
export function privacyNotice(i18n: Localizer, notice: PrivacyNotice): TemplateResult {
  const t = (key: MessageKey, params?: MessageParams) => i18n.t(key, params);
  const lang = ifDefined(i18n.apiLang);
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
        ${entry('form.notice.recipients', notice.recipients.length ? html`<ul>${notice.recipients.map((r) => html`<li>${r}</li>`)}</ul>` : '')}
        ${entry('form.notice.transfers', notice.transfers)} ${entry('form.notice.retention', notice.retention)}
        ${entry('form.notice.complaint', notice.complaint)}
      </dl>
      <p class="hint">${t('form.notice.version', { version: notice.version })}</p>
    </details>
  </div>`;
}

/** What `formTemplate` puts around the fields. */
export interface FormParts {
  heading?: unknown;
  intro?: unknown;
  fields: unknown;
  /** Every field definition rendered, in order (the summary's links and wording). */
  defs: readonly FieldDef[];
  notice?: PrivacyNotice;
  submitLabel: string;
  phase: FormPhase;
  sendError?: unknown;
}

/** What the form's controls call. */
export interface FormActions {
  submit: (event: Event) => void;
  input: (event: Event) => void;
  focusOut: (event: FocusEvent) => void;
  focus: (name: string) => void;
  restart: () => void;
  retry: () => void;
}

/** The form: summary, draft notice, the fields, the privacy notice, the honeypot and the button. */
export function formTemplate(view: FormView, parts: FormParts, on: FormActions): TemplateResult {
  const { i18n, model } = view;
  const sending = parts.phase === 'sending';
  return html`<form novalidate part="form" @submit=${on.submit} @input=${on.input} @change=${on.input} @focusout=${on.focusOut}>
    ${parts.heading ?? nothing} ${parts.intro ?? nothing} ${errorSummary(view, parts.defs, on.focus)} ${draftNotice(view, on.restart)}
    <p class="required-note">${i18n.t('form.requiredNote')}</p>
    ${parts.fields} ${parts.notice ? privacyNotice(i18n, parts.notice) : nothing}
    <div class="honeypot" aria-hidden="true">
      <label for="f-hp">${i18n.t('form.honeypot')}</label>
      <input id="f-hp" name="campus-hp" type="text" tabindex="-1" autocomplete="off" data-honeypot .value=${live(model.honeypot)} />
    </div>
    ${parts.phase === 'failed'
      ? errorState(i18n, parts.sendError, on.retry, { part: 'send-error', lead: 'form.send.failed', retryLabel: 'form.send.retry' })
      : nothing}
    <div class="actions">
      <!-- aria-disabled, not disabled: a disabled button drops keyboard focus to the page body;
           submit() ignores every click while sending. -->
      <button type="submit" class="button" part="submit" aria-disabled=${sending ? 'true' : 'false'}>
        ${sending ? i18n.t('form.submit.busy') : parts.submitLabel}
      </button>
    </div>
  </form>`;
}

/** The loading state of a form. */
export function formLoading(i18n: Localizer): TemplateResult {
  return html`<div class="state" part="loading">
    <p>${i18n.t('core.loading')}</p>
    <span class="skeleton line"></span><span class="skeleton input"></span><span class="skeleton line"></span><span class="skeleton input"></span>
  </div>`;
}

/** The receipt's title and reference, the same in every form. */
export function receiptHeading(i18n: Localizer, title: string, reference: string, entries: unknown = nothing): TemplateResult {
  return html`<h2>${title}</h2>
    <dl>
      <dt>${i18n.t('form.receipt.reference')}</dt>
      <dd class="reference">${reference}</dd>
      ${entries}
    </dl>`;
}

import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ContextConsumer } from '@lit/context';
import { initialState, Task } from '@lit/task';
import { loadReference, Reference } from '../api/reference.js';
import {
  ACCOMMODATION_MAX,
  COMMENT_MAX,
  ENROLMENT_EXTERNAL,
  SubscriptionRequest,
  type Course,
  type EnrolmentReceipt,
  type EnrolmentRequest,
  type PrivacyNotice,
  type Session,
} from '../api/schemas.js';
import { byStart, isFull, isOffered, placeParts } from '../api/sessions.js';
import { validateEnrolment } from '../api/validate.js';
import { referenceContext } from '../core/context.js';
import { AbortOnDisconnect } from '../core/controllers.js';
import { domainOf } from '../core/course-format.js';
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
  type FieldDef,
  type TextFieldDef,
} from '../core/form/fields.js';
import type { FormSpec } from '../core/form/form-model.js';
import { SubmitController } from '../core/form/submit-controller.js';
import { flag, optional, text, type FormValues } from '../core/form/values.js';
import { errorState, partialNote, safeUrl } from '../core/states.js';
import { buildIcs, icsStatus } from '../api/ics.js';
import type { Catalogue, MessageKey } from '../locales/types.js';
import { styles } from './enrol-form.styles.js';
import { form } from '../locales/fr/form.js';
import { enrol } from '../locales/fr/enrol.js';

declare global {
  interface HTMLElementTagNameMap {
    'enrol-form': EnrolForm;
  }
  interface HTMLElementEventMap {
    /** Cancelable: a host that cancels it takes over the sending (then calls `showReceipt`). */
    'campus-enrol-submit': CustomEvent<EnrolmentRequest>;
    'campus-enrol-success': CustomEvent<EnrolmentReceipt>;
    /** Same detail as `campus-error`: `message` is the text the form shows. */
    'campus-enrol-error': CustomEvent<CampusErrorDetail>;
  }
}

/** What the form needs: the course, its open sessions, the notice and the labels. */
export interface EnrolData {
  course: Course;
  /** The sessions that still take requests, by start. */
  sessions: Session[];
  /** Whether the course has sessions at all (none open then means: no request possible now). */
  hasSessions: boolean;
  /** Sessions left out because they could not be read (said in a note, like the other widgets). */
  dropped?: number;
  notice?: PrivacyNotice;
  reference: Reference;
}

const KNOWN_STATUSES = new Set(['submitted', 'waitlisted', 'pending_manager']);

// Kept where they were first published; their home is src/api/sessions.ts.
export { isFull, isOffered } from '../api/sessions.js';

/** The fields of the form for some data, in order. */
interface EnrolFields {
  sessionId?: ChoiceDef;
  identity: TextFieldDef[];
  managerEmail?: TextFieldDef;
  accommodationNeeded: FieldDef;
  accommodation?: TextFieldDef;
  comment: TextFieldDef;
  all: FieldDef[];
}

/**
 * A request for a place in a course of the Campus du numérique public,
 * without leaving the host page. Loads the course and its sessions; a course
 * that enrols on an external platform shows that link instead. Every value
 * typed survives failures, retries and reloads (a sessionStorage draft).
 *
 * No slots: every label, hint, error and summary link lives in the one shadow
 * root, so each reference resolves (see src/core/form/AUTOFILL.md for autofill).
 * Inside a `<course-detail>` it uses the detail's client and reference data.
 *
 * @tagname enrol-form
 * @fires {CustomEvent<EnrolmentRequest>} campus-enrol-submit - Before sending; cancelable: a host that cancels it sends the request itself.
 * @fires {CustomEvent<EnrolmentReceipt>} campus-enrol-success - The request was recorded; detail: the receipt.
 * @fires {CustomEvent<CampusErrorDetail>} campus-enrol-error - Sending failed (validation by the server included); detail: `{ error, message }`, the message being the text shown.
 * @csspart calendar-link - The "add to my calendar" link.
 * @csspart external - The external-enrolment block, with its `external-link`.
 * @csspart external-link - The link to the external enrolment platform.
 * @csspart no-session - Shown instead of the form when no session takes requests.
 * @csspart alert-form - In `no-session`: the offer to be told when a session opens (left out on a server without alerts).
 * @csspart alert-sent - What replaces the offer once sent: the confirmation link went by e-mail.
 * @csspart partial-note - The note for sessions left out because they could not be read.
 */
export class EnrolForm extends CampusForm<EnrolmentRequest, EnrolmentReceipt> {
  static override styles = [...CampusForm.styles, styles];
  protected static override messages: readonly Partial<Catalogue>[] = [form, enrol];

  /** The course to enrol in (required). */
  @property({ attribute: 'course-id' }) courseId?: string;
  /** A session to preselect. */
  @property({ attribute: 'session-id' }) sessionId?: string;

  #icsUrl?: string;
  /** The reference data of the widget that embeds this form (`<course-detail>`), if any. */
  #embedderReference?: Reference;

  /** The course, its sessions, the notice and the labels. */
  readonly #data = new Task<[string | undefined], EnrolData | typeof initialState>(this, {
    args: () => [this.courseId?.trim() || undefined],
    task: ([id], { signal }) => (id ? this.#load(id, signal) : Promise.resolve(initialState)),
    onComplete: (data) => {
      if (data !== initialState) this.#start(data);
    },
    onError: (error) => this.reportLoadError(error),
  });

  readonly #draft = new DraftController(this, this.model);

  protected readonly sending = new SubmitController<EnrolmentRequest, EnrolmentReceipt>(this, this.model, {
    send: (request, options) => this.api.enrol(request, options),
    timeout: () => this.timeout,
    submitting: (request) => emit(this, 'campus-enrol-submit', request, { cancelable: true }),
    refused: () => void this.focusSummary(),
    succeeded: (receipt) => {
      this.#draft.erase();
      emit(this, 'campus-enrol-success', receipt);
    },
    failed: (error) => emit(this, 'campus-enrol-error', { error, message: this.sendingErrorMessage(error) }),
  });

  constructor() {
    super();
    new AbortOnDisconnect(this, this.#data);
    new ContextConsumer(this, {
      context: referenceContext,
      subscribe: true,
      callback: (reference) => (this.#embedderReference = reference),
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#icsUrl) URL.revokeObjectURL(this.#icsUrl);
    this.#icsUrl = undefined;
  }

  protected override configChanged(): void {
    this.reloadIfFailed(this.#data);
  }


  async #load(id: string, signal: AbortSignal): Promise<EnrolData> {
    const api = this.api;
    const course = await api.course(id, { signal }).catch(async (error: unknown) => {
      throw await api.explainNotFound(error, { signal });
    });
    if (course.enrolment.mode === ENROLMENT_EXTERNAL) {
      return { course, sessions: [], hasSessions: false, reference: Reference.empty() };
    }
    const [sessions, notice, reference] = await Promise.all([
      api.sessions(course.id, { signal }),
      course.privacyNoticeId ? api.privacyNotice(course.privacyNoticeId, { signal }) : undefined,
      this.#embedderReference ?? loadReference(api, { signal }),
    ]);
    const offered = sessions.items.filter((s) => isOffered(s)).sort(byStart);
    return { course, sessions: offered, hasSessions: sessions.items.length > 0, dropped: sessions.dropped, notice, reference };
  }

  /** The model's starting point for new data: preselected session, then the draft. */
  #start(data: EnrolData): void {
    const preselected = data.sessions.find((s) => s.id === this.sessionId?.trim());
    const only = data.sessions.length === 1 ? data.sessions[0] : undefined;
    const initial: FormValues = {
      sessionId: (preselected ?? only)?.id ?? '',
      givenName: '',
      familyName: '',
      email: '',
      organisation: '',
      jobTitle: '',
      managerEmail: '',
      accommodationNeeded: false,
      accommodation: '',
      comment: '',
    };
    const key = data.course.enrolment.mode === ENROLMENT_EXTERNAL ? undefined : draftKey('enrol-form', data.course.id);
    this.model.start(this.#spec(data), initial, this.#draft.open(key, initial));
  }

  #spec(data: EnrolData): FormSpec<EnrolmentRequest> {
    return {
      publicEmailFields: ['email'],
      request: (v) => {
        const request: Record<string, unknown> = {
          courseId: data.course.id,
          givenName: text(v, 'givenName').trim(),
          familyName: text(v, 'familyName').trim(),
          email: text(v, 'email').trim(),
          organisation: text(v, 'organisation').trim(),
          privacyNoticeVersion: data.notice?.version ?? '',
          locale: this.i18n.locale,
        };
        if (data.sessions.length) request.sessionId = text(v, 'sessionId') || undefined;
        const optionals: Record<string, string | undefined> = {
          jobTitle: optional(v, 'jobTitle'),
          managerEmail: data.course.managerApproval ? optional(v, 'managerEmail') : undefined,
          accommodation: flag(v, 'accommodationNeeded') ? optional(v, 'accommodation') : undefined,
          comment: optional(v, 'comment'),
        };
        for (const [name, value] of Object.entries(optionals)) if (value !== undefined) request[name] = value;
        return request;
      },
      validate: (input) => {
        const result = validateEnrolment(input, { managerApproval: data.course.managerApproval });
        // A course with sessions needs one chosen (the schema leaves it optional for courses without).
        if (data.sessions.length && !input.sessionId && !result.errors.some((e) => e.field === 'sessionId')) {
          return { errors: [{ field: 'sessionId', code: 'required', message: '' }, ...result.errors] };
        }
        return result;
      },
    };
  }

  // ------------------------------------------------------------------ alert of the next session

  /** unknown (not asked yet), available, unavailable (an older server: no offer), sending, sent, invalid, failed. */
  #alert: 'unknown' | 'probing' | 'available' | 'unavailable' | 'sending' | 'sent' | 'invalid' | 'failed' = 'unknown';
  #alertEmail = '';

  /**
   * Whether the server takes alerts: an empty request is answered 422 by one
   * that does, 404 or 405 by one that does not — then the offer is left out, silently.
   */
  async #probeAlerts(courseId: string): Promise<void> {
    this.#alert = 'probing';
    try {
      await this.api.subscribe({ courseId, email: '' } as never, { timeout: this.timeout });
      this.#alert = 'available';
    } catch (error) {
      const status = (error as { status?: number; details?: { status?: number } }).details?.status;
      this.#alert = status === 422 ? 'available' : 'unavailable';
    }
    this.requestUpdate();
  }

  async #subscribe(event: Event, courseId: string): Promise<void> {
    event.preventDefault();
    const email = this.#alertEmail.trim();
    if (!SubscriptionRequest.safeParse({ courseId, email }).success) {
      this.#alert = 'invalid';
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#alert-email')?.focus();
      return;
    }
    this.#alert = 'sending';
    this.requestUpdate();
    try {
      await this.api.subscribe({ courseId, email, locale: this.i18n.locale }, { timeout: this.timeout });
      this.#alert = 'sent';
    } catch {
      this.#alert = 'failed';
    }
    this.requestUpdate();
  }

  #renderAlert(course: Course): unknown {
    if (this.#alert === 'unknown') void this.#probeAlerts(course.id);
    if (this.#alert === 'unknown' || this.#alert === 'probing' || this.#alert === 'unavailable') return nothing;
    const t = this.t;
    if (this.#alert === 'sent') return html`<p class="alert-sent" part="alert-sent" role="status">${t('enrol.alert.sent', { email: this.#alertEmail.trim() })}</p>`;
    const invalid = this.#alert === 'invalid';
    return html`<form class="alert" part="alert-form" novalidate @submit=${(e: Event) => void this.#subscribe(e, course.id)}>
      <h3>${t('enrol.alert.heading')}</h3>
      <p class="hint">${t('enrol.alert.intro')}</p>
      <div class="group${invalid ? ' group--error' : ''}">
        <label for="alert-email">${t('enrol.alert.email')}</label>
        <input
          id="alert-email"
          type="email"
          autocomplete="email"
          spellcheck="false"
          .value=${this.#alertEmail}
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${ifDefined(invalid ? 'alert-email-error' : undefined)}
          @input=${(e: Event) => (this.#alertEmail = (e.target as HTMLInputElement).value)}
        />
        ${invalid ? html`<p class="message error" id="alert-email-error">${t('form.error.invalid_email')}</p>` : nothing}
      </div>
      ${this.#alert === 'failed' ? html`<p class="message error" role="alert">${t('enrol.alert.failed')}</p>` : nothing}
      <button type="submit" class="button secondary" aria-disabled=${this.#alert === 'sending' ? 'true' : 'false'}>${t('enrol.alert.submit')}</button>
    </form>`;
  }

  // ------------------------------------------------------------------ rendering

  protected renderContent(): unknown {
    if (!this.courseId?.trim()) return html`<p class="state error" part="error" role="alert">${this.t('form.missingConfig')}</p>`;
    return this.#data.render({
      initial: () => formLoading(this.i18n),
      pending: () => formLoading(this.i18n),
      error: (error) => errorState(this.i18n, error, () => void this.#data.run()),
      complete: (data) => (data === initialState ? nothing : this.#renderReady(data)),
    });
  }

  #renderReady(data: EnrolData): unknown {
    const receipt = this.sending.receipt;
    if (receipt !== undefined) return html`<div class="receipt" part="receipt" tabindex="-1">${this.#renderReceipt(data, receipt)}</div>`;
    if (data.course.enrolment.mode === ENROLMENT_EXTERNAL) return this.#renderExternal(data.course);
    if (data.hasSessions && !data.sessions.length) {
      return html`<div class="state" part="no-session"><p>${this.t('enrol.session.none')}</p>${this.#renderAlert(data.course)}</div>`;
    }
    const lang = ifDefined(this.i18n.apiLang);
    const fields = this.#fields(data);
    return formTemplate(
      this.view,
      {
        heading: html`<h2>${this.t('enrol.heading')}</h2>`,
        // Unreadable sessions were left out: say so (found by the hostile-data suite).
        intro: html`<p class="course-title">${this.t('enrol.course')} <bdi lang=${lang}>${data.course.title}</bdi></p>
          ${partialNote(this.i18n, data.dropped ?? 0)}`,
        fields: this.#renderFields(data, fields),
        defs: fields.all,
        notice: data.notice,
        submitLabel: this.t('enrol.submit'),
        phase: this.sending.phase,
        sendError: this.sending.error,
      },
      this.formActions(this.#draft, fields.all[0]?.name),
    );
  }

  #renderExternal(course: Course): TemplateResult {
    const url = safeUrl(course.enrolment.url);
    const domain = url ? domainOf(url) : '';
    return html`<div class="external" part="external">
      <h2>${this.t('enrol.external.title')}</h2>
      <p><span lang=${ifDefined(this.i18n.apiLang)}>${course.title}</span></p>
      ${url
        ? html`<p>${this.t('enrol.external.text', { domain })}</p>
            <p>
              <a class="button" href=${url} target="_blank" rel="noopener noreferrer" part="external-link"
                >${this.t('enrol.external.link', { domain })} <span class="new-window">(${this.t('core.newWindow')})</span></a
              >
            </p>`
        : html`<p>${this.t('enrol.external.none')}</p>`}
    </div>`;
  }

  /** The fields for this data and the values typed (the accommodation's text once asked for). */
  #fields(data: EnrolData): EnrolFields {
    const t = this.t;
    const sessionId: ChoiceDef | undefined = data.sessions.length
      ? {
          name: 'sessionId',
          label: t('enrol.session.legend'),
          hint: t('enrol.session.hint'),
          required: true,
          messages: { required: 'enrol.session.required' },
          options: data.sessions.map((session) => ({
            value: session.id,
            label: this.#sessionDays(session),
            detail: this.#sessionDetail(session, data.reference),
          })),
        }
      : undefined;
    const identity = identityDefs(t, { jobTitleRequired: false });
    const managerEmail: TextFieldDef | undefined = data.course.managerApproval
      ? {
          name: 'managerEmail',
          label: t('enrol.field.managerEmail'),
          type: 'email',
          required: true,
          maxLength: 254,
          messages: { required: 'enrol.field.managerEmail.required' },
        }
      : undefined;
    const accommodationNeeded: FieldDef = { name: 'accommodationNeeded', label: t('enrol.field.accommodationNeeded') };
    const accommodation: TextFieldDef | undefined = flag(this.model.values, 'accommodationNeeded')
      ? {
          name: 'accommodation',
          label: `${t('enrol.field.accommodation')} ${t('form.optional')}`,
          hint: t('enrol.field.accommodation.hint'),
          multiline: true,
          counter: true,
          maxLength: ACCOMMODATION_MAX,
        }
      : undefined;
    const comment: TextFieldDef = {
      name: 'comment',
      label: `${t('enrol.field.comment')} ${t('form.optional')}`,
      hint: t('enrol.field.comment.hint'),
      multiline: true,
      counter: true,
      maxLength: COMMENT_MAX,
    };
    const all = [sessionId, ...identity, managerEmail, accommodationNeeded, accommodation, comment].filter((d): d is FieldDef => d !== undefined);
    return { sessionId, identity, managerEmail, accommodationNeeded, accommodation, comment, all };
  }

  #renderFields(data: EnrolData, fields: EnrolFields): TemplateResult {
    const view = this.view;
    return html`${fields.sessionId ? choiceField(view, fields.sessionId) : nothing} ${identityFieldset(view, fields.identity)}
      ${fields.managerEmail
        ? html`<fieldset class="section">
            <legend>${this.t('enrol.manager.legend')}</legend>
            <p class="hint">${this.t('enrol.manager.intro')}</p>
            ${textField(view, fields.managerEmail)}
          </fieldset>`
        : nothing}
      <fieldset class="section">
        <legend>${this.t('enrol.needs.legend')}</legend>
        ${checkboxField(view, fields.accommodationNeeded)} ${fields.accommodation ? textField(view, fields.accommodation) : nothing}
        ${textField(view, fields.comment)}
      </fieldset>`;
  }

  /** Every day of a session, in its own time zone (named when it is not the reader's). */
  #sessionDays(session: Session): TemplateResult {
    const days = session.slots.map((slot) => this.i18n.slot(slot, session.timezone));
    return days.length === 1 ? html`${days[0]}` : html`<span class="days">${days.map((d) => html`<span class="day">${d}</span>`)}</span>`;
  }

  #sessionDetail(session: Session, reference: Reference, withSeats = true): TemplateResult {
    const lang = ifDefined(this.i18n.apiLang);
    const mode = session.mode ? reference.label('modes', session.mode) : '';
    const place = session.online && !session.location ? this.t('enrol.session.online') : this.#place(session);
    const seats = !withSeats
      ? ''
      : isFull(session)
        ? this.t('enrol.session.full')
        : session.seatsLeft !== undefined
          ? this.t('enrol.session.seatsLeft', { count: session.seatsLeft })
          : '';
    // <bdi>: API text isolated, so a right-to-left override cannot reorder the line (hostile-data suite).
    return html`${mode ? html`<bdi lang=${lang}>${mode}</bdi>` : nothing}${mode && place ? ' · ' : ''}${place
        ? html`<bdi lang=${lang}>${place}</bdi>`
        : nothing}${seats ? html`<span class="seats ${isFull(session) ? 'full' : ''}">${seats}</span>` : nothing}`;
  }

  #place(session: Session): string {
    const l = session.location;
    if (!l) return session.online ? this.t('enrol.session.online') : '';
    return [l.name, l.city].filter(Boolean).join(', ');
  }

  #renderReceipt(data: EnrolData, receipt: EnrolmentReceipt): unknown {
    const t = this.t;
    const session = data.sessions.find((s) => s.id === receipt.sessionId);
    const status = KNOWN_STATUSES.has(receipt.status) ? receipt.status : 'other';
    const email = text(this.model.values, 'email').trim();
    const manager = text(this.model.values, 'managerEmail').trim();
    const lang = ifDefined(this.i18n.apiLang);
    const ics = session ? this.#icsHref(data, session, receipt) : undefined;
    return html`${receiptHeading(
        this.i18n,
        t('enrol.receipt.title'),
        receipt.reference,
        html`<dt>${t('enrol.receipt.course')}</dt>
          <dd lang=${lang}>${data.course.title}</dd>
          ${session
            ? html`<dt>${t('enrol.receipt.session')}</dt>
                <dd>${this.#sessionDays(session)} <span class="detail">${this.#sessionDetail(session, data.reference, false)}</span></dd>`
            : nothing}
          <dt>${t('enrol.receipt.status')}</dt>
          <dd class="status">${t(`enrol.status.${status}` as MessageKey)}</dd>`,
      )}
      <p class="next-confirm"><strong>${t('enrol.next.confirm', { email })}</strong></p>
      <p>${t(`enrol.next.${status}` as MessageKey, { email, manager })}</p>
      <p>${t('enrol.next.repeat')}</p>
      <p>${t('form.receipt.keep')}</p>
      ${ics
        ? html`<p>
              <a class="button secondary" part="calendar-link" href=${ics.href} download=${ics.file}
                >${t('enrol.ics.link')} <span class="hint-inline">${t('enrol.ics.hint')}</span></a
              >
            </p>
            ${icsStatus(receipt.status) === 'TENTATIVE' ? html`<p class="hint">${t('enrol.ics.tentative')}</p>` : nothing}`
        : nothing}`;
  }

  #icsHref(data: EnrolData, session: Session, receipt: EnrolmentReceipt): { href: string; file: string } | undefined {
    if (this.#icsUrl) return { href: this.#icsUrl, file: `campus-${receipt.reference}.ics` };
    try {
      const status = KNOWN_STATUSES.has(receipt.status) ? receipt.status : 'other';
      const content = buildIcs({
        reference: receipt.reference,
        status: receipt.status,
        stamp: receipt.createdAt,
        summary: data.course.title,
        location: session.online && !session.location ? this.t('enrol.session.online') : placeParts(session.location).join(', '),
        description: this.t('enrol.ics.description', { reference: receipt.reference, status: this.t(`enrol.status.${status}` as MessageKey) }),
        days: session.slots,
        sequence: session.version,
      });
      this.#icsUrl = URL.createObjectURL(new Blob([content], { type: 'text/calendar;charset=utf-8' }));
      return { href: this.#icsUrl, file: `campus-${receipt.reference}.ics` };
    } catch (error) {
      console.warn('[campus-widgets] the calendar file could not be made', error);
      return undefined;
    }
  }
}

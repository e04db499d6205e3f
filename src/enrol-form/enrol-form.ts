import { html, nothing, type TemplateResult } from 'lit';
import type { Catalogue } from '../core/locale.js';
import { property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { SendOptions } from '../api/client.js';
import { loadReference, Reference } from '../api/reference.js';
import {
  ACCOMMODATION_MAX,
  COMMENT_MAX,
  ENROLMENT_EXTERNAL,
  type Course,
  type EnrolmentReceipt,
  type EnrolmentRequest,
  type PrivacyNotice,
  type Session,
} from '../api/schemas.js';
import { byStart, isFull, isOffered } from '../api/sessions.js';
import { validateEnrolment } from '../api/validate.js';
import { domainOf } from '../core/course-format.js';
import { slotText } from '../core/datetime.js';
import { CampusForm } from '../core/form/campus-form.js';
import { flag, optional, text, type FormValues } from '../core/form/values.js';
import { partialNote, safeUrl } from '../core/states.js';
import { buildIcs, icsStatus } from '../api/ics.js';
import type { MessageKey } from '../locales/types.js';
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
    'campus-enrol-error': CustomEvent<{ error: unknown }>;
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

/**
 * A request for a place in a course of the Campus du numérique public,
 * without leaving the host page. Loads the course and its sessions; a course
 * that enrols on an external platform shows that link instead. Every value
 * typed survives failures, retries and reloads (a sessionStorage draft).
 *
 * No slots: every label, hint, error and summary link lives in the one shadow
 * root, so each reference resolves (see src/core/form/AUTOFILL.md for autofill).
 *
 * @tagname enrol-form
 * @attr {string} course-id - The course to enrol in (required).
 * @attr {string} session-id - A session to preselect.
 * @attr {string} api-base - The API root without its version (see `configure()`).
 * @attr {number} timeout - Milliseconds before a sending attempt gives up.
 * @fires {CustomEvent<EnrolmentRequest>} campus-enrol-submit - Before sending; cancelable: a host that cancels it sends the request itself.
 * @fires {CustomEvent<EnrolmentReceipt>} campus-enrol-success - The request was recorded; detail: the receipt.
 * @fires {CustomEvent<{error: unknown}>} campus-enrol-error - Sending failed (validation by the server included).
 * @csspart form - The form.
 * @csspart field - Each field group.
 * @csspart field-error - An inline error.
 * @csspart error-summary - The error summary shown after a refused submission.
 * @csspart draft-notice - The notice of a restored draft, with its "start again" button (`restart`).
 * @csspart privacy-notice - The personal-data information.
 * @csspart submit - The send button.
 * @csspart send-error - The sending failure, with its `retry` button.
 * @csspart restart - The "start again" button of a restored draft.
 * @csspart receipt - The receipt shown after sending.
 * @csspart calendar-link - The "add to my calendar" link.
 * @csspart external - The external-enrolment block, with its `external-link`.
 * @csspart external-link - The link to the external enrolment platform.
 * @csspart no-session - Shown instead of the form when no session takes requests.
 * @csspart partial-note - The note for sessions left out because they could not be read.
 * @csspart loading - The loading state.
 * @csspart error - A loading failure.
 * @csspart retry - The retry button of a loading or sending failure.
 * @cssprop --campus-color-action - Buttons and links (DSFR `--text-action-high-blue-france`).
 * @cssprop --campus-color-error - Errors (DSFR `--text-default-error`).
 * @cssprop --campus-color-warning - The e-mail warning (DSFR `--text-default-warning`).
 * @cssprop --campus-color-success - The receipt's border (DSFR `--text-default-success`).
 * @cssprop --campus-color-focus - The focus ring.
 */
export class EnrolForm extends CampusForm<EnrolData, EnrolmentRequest, EnrolmentReceipt> {
  static override styles = [...CampusForm.styles, styles];
  protected static override messages: readonly Partial<Catalogue>[] = [form, enrol];

  /** The course to enrol in. */
  @property({ attribute: 'course-id' }) courseId?: string;
  /** A session to preselect. */
  @property({ attribute: 'session-id' }) sessionId?: string;

  protected readonly events = {
    submit: 'campus-enrol-submit',
    success: 'campus-enrol-success',
    error: 'campus-enrol-error',
  } as const;
  protected readonly formName = 'enrol-form';
  #icsUrl?: string;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#icsUrl) URL.revokeObjectURL(this.#icsUrl);
    this.#icsUrl = undefined;
  }

  protected loadKey(): string | null {
    return this.courseId?.trim() || null;
  }

  protected async loadData(signal: AbortSignal): Promise<EnrolData> {
    const api = this.api;
    const course = await api.course(this.courseId!.trim(), { signal });
    if (course.enrolment.mode === ENROLMENT_EXTERNAL) {
      return { course, sessions: [], hasSessions: false, reference: Reference.empty() };
    }
    const [sessions, notice, reference] = await Promise.all([
      api.sessions(course.id, { signal }),
      course.privacyNoticeId ? api.privacyNotice(course.privacyNoticeId, { signal }) : undefined,
      loadReference(api, { signal }),
    ]);
    const offered = sessions.items
      .filter((s) => isOffered(s))
      .sort(byStart);
    return { course, sessions: offered, hasSessions: sessions.items.length > 0, dropped: sessions.dropped, notice, reference };
  }

  protected draftScope(data: EnrolData): string | undefined {
    return data.course.enrolment.mode === ENROLMENT_EXTERNAL ? undefined : data.course.id;
  }

  protected initialValues(data: EnrolData): FormValues {
    const preselected = data.sessions.find((s) => s.id === this.sessionId?.trim());
    const only = data.sessions.length === 1 ? data.sessions[0] : undefined;
    return {
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
  }

  protected buildRequest(data: EnrolData): Record<string, unknown> {
    const v = this.values;
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
  }

  protected validateRequest(data: EnrolData, input: Record<string, unknown>) {
    const result = validateEnrolment(input, { managerApproval: data.course.managerApproval });
    // A course with sessions needs one chosen (the schema leaves it optional for courses without).
    if (data.sessions.length && !input.sessionId && !result.errors.some((e) => e.field === 'sessionId')) {
      return { errors: [{ field: 'sessionId', code: 'required', message: '' }, ...result.errors] };
    }
    return result;
  }

  protected sendRequest(request: EnrolmentRequest, options: SendOptions): Promise<EnrolmentReceipt> {
    return this.api.enrol(request, options);
  }

  protected privacyNotice(data: EnrolData): PrivacyNotice | undefined {
    return data.notice;
  }


  // ------------------------------------------------------------------ rendering

  protected renderReady(data: EnrolData): unknown {
    if (data.course.enrolment.mode === ENROLMENT_EXTERNAL) return this.#renderExternal(data.course);
    if (data.hasSessions && !data.sessions.length) {
      return html`<div class="state" part="no-session"><p>${this.#t('enrol.session.none')}</p></div>`;
    }
    const lang = ifDefined(this.i18n.apiLang);
    return this.renderForm(data, {
      heading: html`<h2>${this.i18n.t('enrol.heading')}</h2>`,
      // Unreadable sessions were left out: say so (found by the hostile-data suite).
      intro: html`<p class="course-title">${this.#t('enrol.course')} <bdi lang=${lang}>${data.course.title}</bdi></p>
        ${partialNote(this.i18n, data.dropped ?? 0)}`,
      submitLabel: this.i18n.t('enrol.submit'),
    });
  }

  #t(key: MessageKey, params?: Record<string, string | number>): string {
    return this.i18n.t(key, params);
  }

  #renderExternal(course: Course): TemplateResult {
    const url = safeUrl(course.enrolment.url);
    const domain = url ? domainOf(url) : '';
    return html`<div class="external" part="external">
      <h2>${this.#t('enrol.external.title')}</h2>
      <p><span lang=${ifDefined(this.i18n.apiLang)}>${course.title}</span></p>
      ${url
        ? html`<p>${this.#t('enrol.external.text', { domain })}</p>
            <p>
              <a class="button" href=${url} target="_blank" rel="noopener noreferrer" part="external-link"
                >${this.#t('enrol.external.link', { domain })} <span class="new-window">(${this.#t('core.newWindow')})</span></a
              >
            </p>`
        : html`<p>${this.#t('enrol.external.none')}</p>`}
    </div>`;
  }

  protected renderFields(data: EnrolData): unknown {
    const t = (key: MessageKey) => this.#t(key);
    const { course } = data;
    const needs = flag(this.values, 'accommodationNeeded');
    return html`${this.#renderSessions(data)} ${this.identityFields({ jobTitleRequired: false })}
      ${course.managerApproval
        ? html`<fieldset class="section">
            <legend>${t('enrol.manager.legend')}</legend>
            <p class="hint">${t('enrol.manager.intro')}</p>
            ${this.textField({
              name: 'managerEmail',
              label: t('enrol.field.managerEmail'),
              type: 'email',
              required: true,
              maxLength: 254,
              messages: { required: 'enrol.field.managerEmail.required' },
            })}
          </fieldset>`
        : nothing}
      <fieldset class="section">
        <legend>${t('enrol.needs.legend')}</legend>
        ${this.checkboxField({ name: 'accommodationNeeded', label: t('enrol.field.accommodationNeeded') })}
        ${needs
          ? this.textField({
              name: 'accommodation',
              label: `${t('enrol.field.accommodation')} ${t('form.optional')}`,
              hint: t('enrol.field.accommodation.hint'),
              multiline: true,
              counter: true,
              maxLength: ACCOMMODATION_MAX,
            })
          : nothing}
        ${this.textField({
          name: 'comment',
          label: `${t('enrol.field.comment')} ${t('form.optional')}`,
          hint: t('enrol.field.comment.hint'),
          multiline: true,
          counter: true,
          maxLength: COMMENT_MAX,
        })}
      </fieldset>`;
  }

  #renderSessions(data: EnrolData): unknown {
    if (!data.sessions.length) return nothing;
    return this.choiceField({
      name: 'sessionId',
      label: this.#t('enrol.session.legend'),
      hint: this.#t('enrol.session.hint'),
      required: true,
      messages: { required: 'enrol.session.required' },
      options: data.sessions.map((session) => ({
        value: session.id,
        label: this.#sessionDays(session),
        detail: this.#sessionDetail(session, data.reference),
      })),
    });
  }

  /** Every day of a session, in its own time zone (named when it is not the reader's). */
  #sessionDays(session: Session): TemplateResult {
    const days = session.slots.map((slot) => {
      const { time, zone } = slotText(this.i18n.intlTag, slot, session.timezone, 'short');
      return zone ? `${time} ${zone}` : time;
    });
    return days.length === 1 ? html`${days[0]}` : html`<span class="days">${days.map((d) => html`<span class="day">${d}</span>`)}</span>`;
  }

  #sessionDetail(session: Session, reference: Reference, withSeats = true): TemplateResult {
    const lang = ifDefined(this.i18n.apiLang);
    const mode = session.mode ? reference.label('modes', session.mode) : '';
    const place = session.online && !session.location ? this.#t('enrol.session.online') : this.#place(session);
    const seats = !withSeats
      ? ''
      : isFull(session)
      ? this.#t('enrol.session.full')
      : session.seatsLeft !== undefined
        ? this.#t('enrol.session.seatsLeft', { count: session.seatsLeft })
        : '';
    // <bdi>: API text isolated, so a right-to-left override cannot reorder the line (hostile-data suite).
    return html`${mode ? html`<bdi lang=${lang}>${mode}</bdi>` : nothing}${mode && place ? ' · ' : ''}${place
        ? html`<bdi lang=${lang}>${place}</bdi>`
        : nothing}${seats ? html`<span class="seats ${isFull(session) ? 'full' : ''}">${seats}</span>` : nothing}`;
  }

  #place(session: Session): string {
    const l = session.location;
    if (!l) return session.online ? this.#t('enrol.session.online') : '';
    return [l.name, l.city].filter(Boolean).join(', ');
  }

  protected renderReceipt(data: EnrolData, receipt: EnrolmentReceipt): unknown {
    const t = (key: MessageKey, params?: Record<string, string | number>) => this.#t(key, params);
    const session = data.sessions.find((s) => s.id === receipt.sessionId);
    const status = KNOWN_STATUSES.has(receipt.status) ? receipt.status : 'other';
    const email = text(this.values, 'email').trim();
    const manager = text(this.values, 'managerEmail').trim();
    const lang = ifDefined(this.i18n.apiLang);
    const ics = session ? this.#icsHref(data, session, receipt) : undefined;
    return html`${this.receiptHeading(
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
        location: session.online && !session.location ? this.#t('enrol.session.online') : [session.location?.name, session.location?.address, session.location?.city].filter(Boolean).join(', '),
        description: this.#t('enrol.ics.description', { reference: receipt.reference, status: this.#t(`enrol.status.${status}` as MessageKey) }),
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

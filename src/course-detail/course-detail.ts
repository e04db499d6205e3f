import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Catalogue } from '../core/locale.js';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { html as staticHtml } from 'lit/static-html.js';
import { ContextProvider } from '@lit/context';
import { initialState, Task, TaskStatus } from '@lit/task';
import type { ListResult } from '../api/client.js';
import { CampusApiError, isAbort } from '../api/errors.js';
import { loadReference, type Reference } from '../api/reference.js';
import { ENROLMENT_EXTERNAL, ENROLMENT_REQUEST, type Course, type Session } from '../api/schemas.js';
import { CampusElement } from '../core/campus-element.js';
import { clientContext, referenceContext } from '../core/context.js';
import { emitError, emitLoad } from '../core/events.js';
import { errorMessageKey, errorState, partialNote, safeUrl } from '../core/states.js';
import { controls } from '../core/theme.js';
import { enrolState, byStart, placeParts, type EnrolState } from '../api/sessions.js';
import { AbortOnDisconnect } from '../core/controllers.js';
import { availability, clampLevel, domainOf, durationText, heading, organisations, partnerList, priceText } from '../core/course-format.js';
import { draftKey, readDraft } from '../core/form/draft.js';
import { detailStyles } from './course-detail.styles.js';
import { courseJsonLd, writeJsonLd } from './json-ld.js';
import { card } from '../locales/fr/card.js';
import { detail } from '../locales/fr/detail.js';

declare global {
  interface HTMLElementTagNameMap {
    'course-detail': CourseDetail;
  }
}

type Sessions = ListResult<Session> & { error?: unknown };
type Loaded = { course: Course; sessions: Sessions; reference: Reference };
/** The key of the enrolment panel of a course without sessions. */
const NO_SESSION = '';


/**
 * A whole course: its description, objectives, audiences, prerequisites and
 * practical information, provider and partners, its sessions (each day in the
 * reader's language and the session's time zone, place or online, seats and
 * status), and the enrolment action: a link to the external platform, or per
 * session a button that reveals an `<enrol-form>` of the same widget set.
 *
 * It also writes the course as schema.org JSON-LD (Course and its
 * CourseInstances) to a `<script type="application/ld+json">` in its light
 * DOM, for search engines; under Trusted Types through the `campus-widgets` policy.
 *
 * @tagname course-detail
 * @fires {CustomEvent<CampusLoadDetail>} campus-load - The course was loaded: `{ course, dropped }` (sessions left out).
 * @fires {CustomEvent<CampusErrorDetail>} campus-error - Loading failed: `{ error, message }`.
 * @fires {CustomEvent<EnrolmentRequest>} campus-enrol-submit - Bubbles from the `<enrol-form>` it reveals (see there); cancelable.
 * @fires {CustomEvent<EnrolmentReceipt>} campus-enrol-success - Bubbles from the `<enrol-form>` it reveals: the request was recorded.
 * @fires {CustomEvent<CampusErrorDetail>} campus-enrol-error - Bubbles from the `<enrol-form>` it reveals: sending failed; `{ error, message }`.
 * @csspart course - The course's content.
 * @csspart title - The course's title.
 * @csspart kind - The kind's badge.
 * @csspart summary - The short description.
 * @csspart facts - The practical information list.
 * @csspart objectives - The list of objectives.
 * @csspart content - The programme.
 * @csspart partners - The list of partners.
 * @csspart partner-logo - A partner's logo.
 * @csspart partner-name - A partner without a logo, by name.
 * @csspart sessions - The list of sessions.
 * @csspart session - One session.
 * @csspart seats - A session's seats left, "Complet" or "Liste d'attente".
 * @csspart status - A session's status.
 * @csspart enrol - The enrolment block.
 * @csspart enrol-button - A button that reveals an enrolment form.
 * @csspart enrol-link - The link to the external enrolment platform.
 * @csspart enrol-panel - The block holding an enrolment form.
 * @csspart skeleton - The placeholder while loading.
 * @csspart not-found - The message for a course that does not exist.
 * @csspart partial-note - The note for sessions left out.
 * @cssprop --campus-color-action - Buttons and links (default DSFR blue France).
 * @cssprop --campus-color-title - Headings.
 * @cssprop --campus-color-border - Separators.
 * @cssprop --campus-color-background-alt - Sessions' background.
 * @cssprop --campus-media-filter - A CSS filter on images and logos (none; themes/dsfr.css dims them in dark mode).
 */
export class CourseDetail extends CampusElement {
  static override styles = [...CampusElement.styles, controls, ...detailStyles];
  protected static override messages: readonly Partial<Catalogue>[] = [detail, card];

  /** The id of the course to show. */
  @property({ attribute: 'course-id' }) courseId?: string;

  /**
   * Without `course-id`, the parameter of the page's URL that holds the course's id, e.g.
   * `course-id-param="id"` on a page reached as `/formation.html?id=…`.
   */
  @property({ attribute: 'course-id-param' }) courseIdParam?: string;

  /** The level of the course title's heading, 1 to 6 (default 2); sections use the next levels. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** The enrolment panels open: session ids (an empty string for a course without sessions). */
  @state() private openPanels: ReadonlySet<string> = new Set();

  /** Panels opened once: their form stays in the page when hidden, so nothing typed is lost. */
  readonly #opened = new Set<string>();
  #script?: HTMLScriptElement;
  #scriptFor?: Loaded;
  #warnedNoId = false;

  readonly #task = new Task<[string | undefined, string], Loaded | typeof initialState>(this, {
    args: () => [this.#courseId(), this.resolvedApiBase],
    task: async ([id], { signal }) => {
      if (!id) {
        this.#warnNoId();
        return initialState;
      }
      // The sessions may fail alone: the course is shown, the sessions block says so.
      const sessions = this.api.sessions(id, { signal }).then(
        (list): Sessions => list,
        (error: unknown): Sessions => {
          if (isAbort(error)) throw error;
          return { items: [], dropped: 0, error };
        },
      );
      const [course, list, reference] = await Promise.all([
        // A missing course, or a wrong API root (then said as such)?
        this.api.course(id, { signal }).catch(async (error: unknown) => {
          throw await this.api.explainNotFound(error, { signal });
        }),
        sessions,
        loadReference(this.api, { signal }),
      ]);
      const items = [...list.items].sort(byStart);
      return { course, sessions: { ...list, items }, reference };
    },
    onComplete: (value) => {
      if (value === initialState) return;
      this.#openDraftPanel(value);
      emitLoad(this, { course: value.course, dropped: value.sessions.dropped });
    },
    onError: (error) => {
      if (isAbort(error)) return;
      this.reportLoadError(error);
      emitError(this, error, this.t(errorMessageKey(error)));
    },
  });

  /** What the `<enrol-form>`s it embeds use: its client and the reference data it loaded. */
  readonly #clientProvider = new ContextProvider(this, { context: clientContext });
  readonly #referenceProvider = new ContextProvider(this, { context: referenceContext });

  constructor() {
    super();
    new AbortOnDisconnect(this, this.#task);
  }

  /** The course shown, once loaded. */
  get shownCourse(): Course | undefined {
    return this.#loaded()?.course;
  }

  #courseId(): string | undefined {
    const param = this.courseIdParam?.trim();
    return this.courseId?.trim() || (param && new URLSearchParams(location.search).get(param)?.trim()) || undefined;
  }

  /** A page that shows nothing says why, once: the usual slip of a course page set up by hand. */
  #warnNoId(): void {
    if (this.#warnedNoId) return;
    this.#warnedNoId = true;
    const param = this.courseIdParam?.trim();
    console.warn(
      param
        ? `[campus-widgets] <${this.localName} course-id-param="${param}">: the page's URL has no "${param}" parameter (${location.search || 'no query string'}), so no course is shown. Link to this page with ?${param}=<course id>, or set course-id.`
        : `[campus-widgets] <${this.localName}> has no course to show: set course-id="<course id>", or course-id-param="id" to read it from the page's URL (?id=…).`,
    );
  }

  #loaded(): Loaded | undefined {
    const value = this.#task.value;
    return this.#task.status === TaskStatus.COMPLETE && value && value !== initialState ? value : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back on the page: its JSON-LD comes back with it.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#removeJsonLd();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#clientProvider.setValue(this.api);
    const reference = this.#loaded()?.reference;
    if (reference) this.#referenceProvider.setValue(reference);
    if (changed.has('courseId')) {
      this.openPanels = new Set();
      this.#opened.clear();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const loaded = this.#loaded();
    if (!loaded) return this.#removeJsonLd();
    if (loaded === this.#scriptFor && this.#script?.isConnected) return;
    const { course, sessions, reference } = loaded;
    const page = location.href.split('#')[0];
    this.#script = writeJsonLd(this, courseJsonLd(course, sessions.items, reference, page), this.#script);
    this.#scriptFor = loaded;
  }

  #removeJsonLd(): void {
    this.#script?.remove();
    this.#script = undefined;
    this.#scriptFor = undefined;
  }

  /**
   * A request begun earlier in this tab (its draft kept through a reload) opens again with
   * its form, which says it restored the draft: the person finds what they typed at once.
   */
  #openDraftPanel({ course, sessions }: Loaded): void {
    if (course.enrolment.mode !== ENROLMENT_REQUEST || this.openPanels.size) return;
    const draft = readDraft(draftKey('enrol-form', course.id), { sessionId: '' });
    if (!draft) return;
    const now = Date.now();
    const takes = sessions.items.filter((s) => {
      const state = enrolState(s, now);
      return state === 'request' || state === 'waitlist';
    });
    let key: string | undefined;
    if (!sessions.items.length) key = NO_SESSION;
    else key = (takes.find((s) => s.id === draft.sessionId) ?? takes[0])?.id;
    if (key !== undefined) this.openPanels = new Set([key]);
  }

  #toggle(key: string): void {
    const open = new Set(this.openPanels);
    if (!open.delete(key)) open.add(key);
    this.openPanels = open;
  }

  protected renderContent(): unknown {
    return this.#task.render({
      initial: () => nothing,
      pending: () => this.#renderSkeleton(),
      complete: (value) => (value === initialState ? nothing : this.#renderCourse(value)),
      error: (error) =>
        error instanceof CampusApiError && error.kind === 'http' && error.status === 404
          ? html`<p class="state" part="not-found">${this.t('detail.notFound')}</p>`
          : errorState(this.i18n, error, () => void this.#task.run()),
    });
  }

  /**
   * The course's layout with invisible text of typical lengths in place of its content: it
   * wraps as the course will at any width, so the page below does not jump when it arrives.
   */
  #renderSkeleton(): TemplateResult {
    const fact = html`<div class="fact"><dt class="ph"></dt><dd class="ph"></dd></div>`;
    const facts = (n: number) => Array.from({ length: n }, () => fact);
    const title = html`<p class="section-title ph"></p>`;
    return html`<div class="loading">
      <p class="visually-hidden" role="status">${this.t('core.loading')}</p>
      <div class="course skeleton" part="skeleton" aria-hidden="true">
        <p class="kind"><span class="badge ph"></span></p>
        <p class="title ph"></p>
        <p class="summary ph"></p>
        <div class="section">${title}<dl class="facts">${facts(7)}</dl></div>
        <div class="section">${title}<ul class="objectives"><li class="ph"></li><li class="ph"></li><li class="ph"></li></ul></div>
        <div class="section">
          ${title}
          <div class="session">
            <p class="session-title ph"></p>
            <dl class="session-facts">
              <div class="fact days-fact"><dt class="ph"></dt><dd class="ph"></dd><dd class="ph"></dd></div>
              ${facts(3)}
            </dl>
            <span class="action"></span>
          </div>
        </div>
      </div>
    </div>`;
  }

  #renderCourse({ course, sessions, reference }: Loaded): TemplateResult {
    const { i18n } = this;
    const apiLang = i18n.apiLang;
    const level = clampLevel(this.headingLevel, 2);
    const sub = Math.min(level + 1, 6);
    return html`<article class="course" part="course" aria-labelledby="course-title">
      ${heading(level, course.title, { cls: 'title', part: 'title', id: 'course-title', lang: apiLang })}
      ${course.kind
        ? html`<p class="kind" part="kind"><span class="badge" lang=${ifDefined(apiLang)}>${reference.label('kinds', course.kind)}</span></p>`
        : nothing}
      ${course.summary ? html`<p class="summary" part="summary" lang=${ifDefined(apiLang)}>${course.summary}</p>` : nothing}
      ${this.#renderFacts(course, reference, sub)}
      ${course.objectives.length
        ? html`<section class="section">
            ${heading(sub, this.t('detail.objectives'), { cls: 'section-title' })}
            <ul class="objectives" part="objectives" lang=${ifDefined(apiLang)}>
              ${course.objectives.map((o) => html`<li>${o}</li>`)}
            </ul>
          </section>`
        : nothing}
      ${course.content
        ? html`<section class="section">
            ${heading(sub, this.t('detail.content'), { cls: 'section-title' })}
            <p class="content" part="content" lang=${ifDefined(apiLang)}>${course.content}</p>
          </section>`
        : nothing}
      ${this.#renderSessions(course, sessions, reference, sub)}
    </article>`;
  }

  #renderFacts(course: Course, reference: Reference, level: number): TemplateResult {
    const { i18n } = this;
    const apiLang = i18n.apiLang;
    const duration = durationText(i18n, course);
    const fact = (label: string, value: unknown, lang?: string) =>
      html`<div class="fact"><dt>${label}</dt><dd lang=${ifDefined(lang)}>${value}</dd></div>`;
    const labels = (name: 'modes' | 'audiences', ids: string[]) => ids.map((id) => reference.label(name, id)).join(', ');
    const provider = course.providerId ? reference.organisation(course.providerId) : undefined;
    const partners = organisations(reference, course.partnerIds);
    let language: string | undefined;
    if (course.language && !/^fr(-|$)/i.test(course.language)) {
      try {
        language = new Intl.DisplayNames(i18n.intlTag, { type: 'language' }).of(course.language);
      } catch {
        language = course.language;
      }
    }
    return html`<section class="section">
      ${heading(level, this.t('detail.facts'), { cls: 'section-title' })}
      <dl class="facts" part="facts">
        ${duration ? fact(this.t('detail.duration'), duration.text, duration.api ? apiLang : undefined) : nothing}
        ${course.modes.length ? fact(this.t('detail.modes'), labels('modes', course.modes), apiLang) : nothing}
        ${course.level ? fact(this.t('detail.level'), reference.label('levels', course.level), apiLang) : nothing}
        ${course.audienceIds.length ? fact(this.t('detail.audiences'), labels('audiences', course.audienceIds), apiLang) : nothing}
        ${course.prerequisites ? fact(this.t('detail.prerequisites'), course.prerequisites, apiLang) : nothing}
        ${language ? fact(this.t('detail.language'), language) : nothing}
        ${fact(this.t('detail.price'), priceText(i18n, course))}
        ${course.providerId
          ? fact(
              this.t('detail.provider'),
              html`${provider?.name ?? course.providerId}${safeUrl(provider?.logoUrl)
                ? html`<img class="logo provider-logo" src=${safeUrl(provider?.logoUrl)!} alt="" loading="lazy" />`
                : nothing}`,
              apiLang,
            )
          : nothing}
        ${partners.length
          ? html`<div class="fact">
              <dt id="partners-label">${this.t('detail.partners')}</dt>
              <dd>${partnerList(partners, apiLang, 'partners-label')}</dd>
            </div>`
          : nothing}
      </dl>
    </section>`;
  }

  #renderSessions(course: Course, sessions: Sessions, reference: Reference, level: number): TemplateResult {
    const { i18n } = this;
    const now = Date.now();
    const request = course.enrolment.mode === ENROLMENT_REQUEST;
    let body: unknown;
    if (sessions.error) {
      body = errorState(i18n, sessions.error, () => void this.#task.run());
    } else if (!sessions.items.length) {
      body = html`<p class="empty">${this.t('detail.noSession')}</p>
        ${request ? this.#renderRequest(course.id, 'request') : nothing}`;
    } else {
      body = html`<ul class="sessions" part="sessions">
        ${repeat(
          sessions.items,
          (s) => s.id,
          (s, index) => this.#renderSession(s, index, reference, request ? enrolState(s, now) : undefined, level + 1),
        )}
      </ul>`;
    }
    const approval = request && course.managerApproval ? html`<p class="note">${this.t('detail.managerApproval')}</p>` : nothing;
    return html`<section class="section">
        ${heading(level, this.t('detail.sessions'), { cls: 'section-title' })} ${partialNote(i18n, sessions.dropped)} ${approval} ${body}
      </section>
      ${this.#renderEnrolment(course, level)}`;
  }

  /** The enrolment block for courses that do not enrol through the campus. */
  #renderEnrolment(course: Course, level: number): TemplateResult | typeof nothing {
    // A request is made per session, in the sessions block.
    if (course.enrolment.mode === ENROLMENT_REQUEST) return nothing;
    const note = course.managerApproval ? html`<p class="note">${this.t('detail.managerApproval')}</p>` : nothing;
    const url = safeUrl(course.enrolment.url);
    const action = url
      ? html`<a class="button" part="enrol-link" href=${url} target="_blank" rel="noopener"
          >${this.t('detail.enrol.external', { domain: domainOf(url) })}<span class="visually-hidden">
            (${this.t('core.newWindow')})</span
          ><span class="external-icon" aria-hidden="true"></span
        ></a>`
      : html`<p>${this.t('detail.enrol.elsewhere')}</p>`;
    // A mode the library does not know enrols elsewhere too, when it carries a link.
    if (course.enrolment.mode !== ENROLMENT_EXTERNAL && !url) return nothing;
    return html`<section class="section enrol" part="enrol">
      ${heading(level, this.t('detail.enrol'), { cls: 'section-title' })} ${note} ${action}
    </section>`;
  }

  #renderSession(session: Session, index: number, reference: Reference, enrol: EnrolState | undefined, level: number): TemplateResult {
    const { i18n } = this;
    const apiLang = i18n.apiLang;
    const tz = session.timezone;
    const first = session.slots[0];
    const last = session.slots[session.slots.length - 1];
    const dayOf = (iso: string) => i18n.date(iso, { dateStyle: 'long' }, tz);
    const title =
      dayOf(first.start) === dayOf(last.end)
        ? this.t('detail.session', { date: dayOf(first.start) })
        : this.t('detail.sessionRange', { start: dayOf(first.start), end: dayOf(last.end) });
    const seats = availability(i18n, reference, session.status, session.seatsLeft);
    const parts = placeParts(session.location);
    // Each part in a <bdi>: a right-to-left override in one cannot reorder the others or the UI (hostile-data suite).
    const where = parts.length ? parts.map((part, i) => html`${i ? ', ' : ''}<bdi>${part}</bdi>`) : '';
    const titleId = `session-${index}`;
    return html`<li class="session" part="session">
      ${heading(level, title, { cls: 'session-title', id: titleId })}
      <dl class="session-facts">
        <div class="fact days-fact">
          <dt>${this.t('detail.days')}</dt>
          <dd>
            <ul class="days">
              ${session.slots.map((slot) => html`<li>${i18n.slot(slot, tz)}</li>`)}
            </ul>
          </dd>
        </div>
        ${where || session.online
          ? html`<div class="fact">
              <dt>${this.t('detail.place')}</dt>
              <dd>
                ${where ? html`<span class="place" lang=${ifDefined(apiLang)}>${where}</span>` : nothing}
                ${session.online ? html`<span class="online">${this.t('card.online')}</span>` : nothing}
              </dd>
            </div>`
          : nothing}
        <div class="fact">
          <dt>${this.t('detail.status')}</dt>
          <dd class="status" part="status" lang=${ifDefined(apiLang)}>${reference.label('sessionStatuses', session.status)}</dd>
        </div>
        ${seats && seats.state !== 'status'
          ? html`<div class="fact">
              <dt>${this.t('detail.seats')}</dt>
              <dd class="seats ${seats.state}" part="seats">${seats.text}</dd>
            </div>`
          : nothing}
      </dl>
      ${enrol ? this.#renderRequest(session.courseId, enrol, session, index, title) : nothing}
    </li>`;
  }

  /** The button revealing an `<enrol-form>` for a session (or the course), or why there is none. */
  #renderRequest(courseId: string, enrol: EnrolState, session?: Session, index = -1, title?: string): TemplateResult {
    const { i18n } = this;
    const key = session?.id ?? NO_SESSION;
    if (enrol === 'closed') return html`<p class="note">${this.t('detail.enrol.closed')}</p>`;
    if (enrol === 'opens') {
      const date = i18n.date(session!.registrationOpens!, { dateStyle: 'long' }, session!.timezone);
      return html`<p class="note">${this.t('detail.enrol.opens', { date })}</p>`;
    }
    const open = this.openPanels.has(key);
    const panelId = `enrol-panel-${index + 1}`;
    const enrolForm = this.tagOf('enrol-form');
    return html`<div class="request">
      <button
        type="button"
        class="button enrol-button"
        part="enrol-button"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${panelId}
        @click=${() => this.#toggle(key)}
      >
        ${this.t(enrol === 'waitlist' ? 'detail.enrol.waitlist' : 'detail.enrol.request')}${title
          ? html`<span class="visually-hidden"> – ${title}</span>`
          : nothing}
      </button>
      <div class="enrol-panel" part="enrol-panel" id=${panelId} ?hidden=${!open}>
        ${this.#everOpened(key)
          ? // Its API and reference data come from this element (context), its language from the tree.
            staticHtml`<${enrolForm} course-id=${courseId} session-id=${ifDefined(session?.id)}></${enrolForm}>`
          : nothing}
      </div>
    </div>`;
  }

  #everOpened(key: string): boolean {
    if (this.openPanels.has(key)) this.#opened.add(key);
    return this.#opened.has(key);
  }
}

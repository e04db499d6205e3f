import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Catalogue } from '../core/locale.js';
import { property } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import { CampusApiError } from '../api/errors.js';
import { cachedReference, loadReference, type Reference } from '../api/reference.js';
import type { Course } from '../api/schemas.js';
import { CampusElement } from '../core/campus-element.js';
import { errorState } from '../core/states.js';
import { controls } from '../core/theme.js';
import { AbortOnDisconnect } from '../core/controllers.js';
import { CARD_PARTS, cardTemplate, selectCourse } from './card-template.js';
import { cardHolder, cardStyles } from './course-card.styles.js';
import { card } from '../locales/fr/card.js';

declare global {
  interface HTMLElementTagNameMap {
    'course-card': CourseCard;
  }
}

type Loaded = { course?: Course; reference?: Reference };

/**
 * One course of the catalogue, as a card: its title is the card's one link
 * (the whole card is clickable), with its kind, expertises, modes, duration,
 * level, provider and partner logos, price, and next session with its seats.
 * Laid out with container queries: stacked when narrow, the image beside the
 * text when the card is wider than about 28em.
 *
 * Given `course` (as catalogue-list does) it renders at once; given only
 * `course-id` it fetches the course. The reference data (labels of kinds,
 * modes, organisations…) comes from `reference`, or is loaded once per page;
 * until it arrives the labels that need it are left out rather than shown as ids.
 *
 * Activating the title fires `campus-course-select`. With `course-href` the
 * title is a link: if a listener cancels the event, the link is not followed
 * (the host shows the course itself); otherwise it is followed as usual, and
 * ctrl/cmd/shift/middle clicks open it elsewhere without the event. Without
 * `course-href` the title is a `<button>` styled as a title that only fires the event.
 *
 * @tagname course-card
 * @fires {CustomEvent<{ course: Course }>} campus-course-select - The title was activated; cancelable: cancel it to handle the navigation yourself.
 * @csspart card - The card's box.
 * @csspart image - The course's image (decorative).
 * @csspart title - The title's heading.
 * @csspart link - The title's link (or button without `course-href`).
 * @csspart kind - The kind's badge.
 * @csspart summary - The short description.
 * @csspart tags - The list of expertises.
 * @csspart tag - One expertise.
 * @csspart meta - Modes, duration and level.
 * @csspart provider - The organisation that runs the course.
 * @csspart partners - The list of partners.
 * @csspart partner-logo - A partner's logo.
 * @csspart partner-name - A partner without a logo, by name.
 * @csspart price - "Gratuit" or the price.
 * @csspart session - The next session's date.
 * @csspart seats - Seats left, "Complet" or "Liste d'attente".
 * @csspart skeleton - The placeholder while loading.
 * @csspart not-found - The message for a course that does not exist.
 * @cssprop --campus-color-action - Titles' hover, the card's bottom border, focus (default DSFR blue France).
 * @cssprop --campus-color-title - The title's colour.
 * @cssprop --campus-color-border - The card's border.
 * @cssprop --campus-color-background - The card's background.
 * @cssprop --campus-color-background-alt - The card's background on hover.
 * @cssprop --campus-color-tag-background - Tags' background.
 * @cssprop --campus-color-tag-text - Tags' text.
 * @cssprop --campus-media-filter - A CSS filter on images and logos (none; themes/dsfr.css dims them in dark mode).
 */
export class CourseCard extends CampusElement {
  static override styles = [...CampusElement.styles, controls, cardHolder(':host'), ...cardStyles];
  protected static override messages: readonly Partial<Catalogue>[] = [card];

  /** Its CSS part names, for a host that forwards them (`exportparts`). */
  static readonly parts: readonly string[] = Object.freeze([...CARD_PARTS]);

  /** The id of the course to fetch (not needed when `course` is set). */
  @property({ attribute: 'course-id' }) courseId?: string;

  /** The course to show, without fetching it. */
  @property({ attribute: false }) course?: Course;

  /** Vocabularies and organisations (a list shares its own); loaded by the card when not given. */
  @property({ attribute: false }) reference?: Reference;

  /** The level of the title's heading, 1 to 6 (default 3). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  /** A URL template for the title's link, `{id}` replaced by the URL-encoded course id, e.g. `/formations/{id}`. */
  @property({ attribute: 'course-href' }) courseHref?: string;

  #key = '';

  /** Fetches what was not given: the course (by id), the reference data. */
  readonly #task = new Task<[string | undefined, boolean], Loaded>(this, {
    autoRun: false,
    args: () => this.#needs(),
    task: async ([id, withReference], { signal }) => {
      const [course, reference] = await Promise.all([
        id
          ? this.api.course(id, { signal }).catch(async (error: unknown) => {
              throw await this.api.explainNotFound(error, { signal });
            })
          : undefined,
        withReference ? loadReference(this.api, { signal }) : undefined,
      ]);
      return { course, reference };
    },
    onError: (error) => this.reportLoadError(error),
  });

  constructor() {
    super();
    new AbortOnDisconnect(this, this.#task);
  }

  #needs(): [string | undefined, boolean] {
    const id = this.course ? undefined : this.courseId?.trim() || undefined;
    return [id, !this.reference && !cachedReference(this.api)];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const id = this.course ? undefined : this.courseId?.trim();
    // A list's cards are given everything: nothing to resolve (resolving the API root reads the page).
    if (!id && this.reference) {
      if (this.#key) this.#task.abort();
      this.#key = '';
      return;
    }
    // Whether the reference data is page-wide known is checked when a load starts, not here:
    // another card finishing first must not restart this one's request.
    const key = `${this.resolvedApiBase}\n${id ?? ''}`;
    if (key === this.#key) return;
    this.#key = key;
    const [needId, needReference] = this.#needs();
    if (needId || needReference) void this.#task.run([needId, needReference]);
    else this.#task.abort();
  }

  /** The course shown, given or fetched. */
  get shownCourse(): Course | undefined {
    if (this.course) return this.course;
    return this.#task.status === TaskStatus.COMPLETE ? this.#task.value?.course : undefined;
  }

  #reference(): Reference | undefined {
    return this.reference ?? this.#task.value?.reference ?? cachedReference(this.api);
  }

  /**
   * One listener for the title, whatever the course: a link's plain click fires the
   * cancelable event (cancelled: the link is not followed); the button always fires it.
   */
  readonly #onTitleClick = (event: MouseEvent): void => {
    const course = this.shownCourse;
    if (course) selectCourse(this, course, event, (event.currentTarget as Element).localName === 'a');
  };

  protected renderContent(): unknown {
    const course = this.shownCourse;
    if (course) return this.#renderCard(course, this.#reference());
    if (this.#task.status === TaskStatus.ERROR) return this.#renderError(this.#task.error);
    if (this.#task.status === TaskStatus.PENDING) return this.#renderSkeleton();
    return nothing;
  }

  #renderSkeleton(): TemplateResult {
    return html`<div class="container">
      <div class="card loading" part="card" aria-busy="true">
        <div class="body">
          <p class="visually-hidden">${this.t('core.loading')}</p>
          <span class="skeleton line short" part="skeleton"></span>
          <span class="skeleton line title" part="skeleton"></span>
          <span class="skeleton line" part="skeleton"></span>
          <span class="skeleton line" part="skeleton"></span>
        </div>
      </div>
    </div>`;
  }

  #renderError(error: unknown): TemplateResult {
    if (error instanceof CampusApiError && error.kind === 'http' && error.status === 404) {
      return html`<p class="state" part="not-found">${this.t('card.notFound')}</p>`;
    }
    return errorState(this.i18n, error, () => void this.#task.run());
  }

  #renderCard(course: Course, reference: Reference | undefined): TemplateResult {
    return cardTemplate(course, {
      i18n: this.i18n,
      reference,
      level: this.headingLevel,
      hrefTemplate: this.courseHref,
      onSelect: this.#onTitleClick,
      html,
      idPrefix: '',
    });
  }
}

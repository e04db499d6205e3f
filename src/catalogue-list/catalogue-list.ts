import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Catalogue } from '../core/locale.js';
import { property, query, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { guard } from 'lit/directives/guard.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { html as staticHtml, literal, type StaticValue } from 'lit/static-html.js';
import type { CampusClient, CoursePageResult } from '../api/client.js';
import { isAbort } from '../api/errors.js';
import { DEFAULT_PAGE_SIZE, encodeQuery, isDay, LIST_FILTERS, MAX_PAGE_SIZE, SESSION_FILTERS, SOON_MONTHS, SORTS, splitList, type CourseQuery, type ListFilter, type Sort } from '../api/query.js';
import { cachedReference, loadReference, type Reference } from '../api/reference.js';
import { SUGGESTION_KINDS, type Course, type FacetValue, type Suggestion } from '../api/schemas.js';
import { cardTemplate, courseHref, listCardHtml, selectCourse } from '../course-card/card-template.js';
import { cardHolder, cardStyles } from '../course-card/course-card.styles.js';
import { CampusElement } from '../core/campus-element.js';
import { clientContext } from '../core/context.js';
import { AbortOnDisconnect } from '../core/controllers.js';
import { emit, emitError, emitLoad, type CampusLoadDetail } from '../core/events.js';
import { clampLevel } from '../core/course-format.js';
import { controls } from '../core/theme.js';
import { errorMessageKey, errorState, partialNote } from '../core/states.js';
import { activeChips, FacetMemory, facetGroups, parentLookup, type Chip, type ChipWord, type FacetGroup, type FacetOption, type ShownFacet } from './facets.js';
import { styles } from './catalogue-list.styles.js';
import { Suggestions } from './suggestions.js';
import { activeCount, mergeQuery, pageItems, readCourse, readState, writeCourse, writeState } from './query-state.js';
import { card } from '../locales/fr/card.js';
import { catalogue } from '../locales/fr/catalogue.js';

declare global {
  interface HTMLElementEventMap {
    /** The reader changed the query (filters, search, sort or page); detail: the query sent, presets included. */
    'campus-filters-change': CustomEvent<CourseQuery>;
  }
}

const HEADINGS: readonly StaticValue[] = [literal`h1`, literal`h2`, literal`h3`, literal`h4`, literal`h5`, literal`h6`];
/** Options a group shows before "show more" (checked ones are always shown). */
const SHOWN_OPTIONS = 8;
const DEBOUNCE_MS = 300;
const SKELETONS = 6;
/** The reader's yes/no choices (and the period, a number), each one checkbox. */
const FLAGS = ['free', 'withinMonths', 'online', 'open'] as const;
type Flag = (typeof FLAGS)[number];
const isPlace = (group: FacetGroup): boolean => group.facet === 'region' || group.facet === 'city';


const cardPrefixes = new WeakMap<Course, string>();
let cardCount = 0;

/** How many pages a result has (at least one). */
const pages = (result: CoursePageResult): number => Math.max(1, Math.ceil(result.total / result.pageSize));

const reducedMotion = () => globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/**
 * The campus catalogue: search, filters with counts, sort, result count,
 * pagination, the course cards, and a CSV download of the same list.
 *
 * **Presets.** `expertise`, `audience`, `mode`, `kind`, `organisation`,
 * `partner`, `level` (several values comma-separated), `q` and `free` are fixed
 * constraints set by the host: they are always part of the query and are not
 * shown as removable. The reader's own choices narrow them: a filter with
 * several preset values offers those values (and, for an expertise, its
 * sub-themes); a filter with one preset value offers only that expertise's
 * sub-themes, or nothing; the reader's search words are added to the preset `q`.
 * "Clear the filters" clears the reader's choices only. `sort` is the initial
 * sort, which the reader may change.
 *
 * **Suggestions.** While the reader types, the search field is an ARIA 1.2
 * combobox fed by the service's `GET /suggest`: course titles, expertises and
 * organisations, their number announced; the arrows move through them, Enter
 * takes one (a course opens as from its card — `campus-course-select`, then
 * `course-href` or the dialog —, an expertise or an organisation becomes a
 * filter), Escape closes the list, then empties the field. On a service without
 * suggestions (an older one answers 404) the field stays a plain search field.
 *
 * **Sessions.** Besides the course's own filters, the reader filters on its
 * sessions: the month a session starts in (a select), « dans les 3 prochains mois »,
 * the place — a region, a city, or online, any of them — and « inscriptions
 * ouvertes », each with its count; a service that counts no sessions (an older one)
 * gets none of these filters.
 *
 * **Active filters.** The reader's choices (presets apart) are shown above the
 * results as chips, each a button named « Retirer : <value> », with « Tout effacer ».
 * Removing one moves focus to the chip that takes its place, or to the search field
 * when none is left; the new count is announced as for any other choice.
 *
 * **Before the script runs** the light DOM is shown, so give it a plain link:
 * `<catalogue-list><a href="https://campus.numerique.gouv.fr/catalogue">Voir le catalogue</a></catalogue-list>`.
 * Once upgraded it is not rendered (there is no default slot). Reserve the
 * room to avoid a jump: `catalogue-list:not(:defined) { display: block; min-height: 20em }`.
 *
 * **Opening a course.** Without `course-href`, activating a course's title opens
 * its page in place, in a modal dialog over the list: the course with its sessions
 * and the enrolment form, up to the receipt (`<course-detail>` and `<enrol-form>` of
 * the list's own set, loaded on the first opening). Focus moves into the dialog and
 * comes back to the course's title when it closes (its button, or Escape). The
 * dialog's `campus-load` and `campus-error` stay inside it (the list's own mean
 * its results); the form's `campus-enrol-*` events bubble out of the list.
 * `course-open="none"` leaves activating a course to the host, as does cancelling
 * `campus-course-select`. With `course-href`, the titles are links to that page.
 *
 * **Page URL.** With `sync-url`, the reader's choices (not the presets) are
 * written to the page's query string under `url-prefix` (`pushState` for each
 * choice; while typing, the first pause pushes and the next ones replace),
 * restored on load and followed on back and forward. Other parameters of the
 * page are kept. The course open in the dialog is there too, as `<prefix>course`:
 * the back button closes it, and the page's address opens it again.
 *
 * @tagname catalogue-list
 *
 *
 * @fires {CustomEvent<CourseQuery>} campus-filters-change - The reader changed the filters, search, sort or page. `detail`: the `CourseQuery` sent, presets included.
 * @fires {CustomEvent<CampusLoadDetail>} campus-load - A page of results arrived. `detail`: `{ total, dropped }` (`dropped`: unreadable items left out).
 * @fires {CustomEvent<CampusErrorDetail>} campus-error - Loading failed. `detail`: `{ error, message }`, the message being the text shown.
 * @fires {CustomEvent<{ course: Course }>} campus-course-select - A course's title was activated (see `<course-card>`); cancel it to handle the navigation yourself (no dialog opens, a link is not followed).
 * @fires {CustomEvent<EnrolmentRequest>} campus-enrol-submit - Bubbles from the dialog's `<enrol-form>` (see there); cancelable.
 * @fires {CustomEvent<EnrolmentReceipt>} campus-enrol-success - Bubbles from the dialog's `<enrol-form>`: the request was recorded.
 * @fires {CustomEvent<CampusErrorDetail>} campus-enrol-error - Bubbles from the dialog's `<enrol-form>`: sending failed.
 *
 * @slot header - The host's own header above the list (e.g. a co-branding banner).
 *
 * @csspart search - The search form.
 * @csspart suggestions - The search suggestions' listbox (each option has `role="option"`, the active one `aria-selected="true"`).
 * @csspart filters - The filters panel.
 * @csspart filters-toggle - The button that shows the filters on narrow containers.
 * @csspart filters-done - On narrow containers, the open filters' « Voir les N formations » button: closes them and moves focus to the results.
 * @csspart heading - The results' heading.
 * @csspart count - The result count (a polite live region).
 * @csspart sort - The sort field.
 * @csspart csv - The CSV download link.
 * @csspart chips - The active filters above the results (a group named « Filtres actifs »).
 * @csspart chip - One active filter: a button named « Retirer : <value> » that removes it.
 * @csspart clear - The buttons that clear the reader's choices: « Tout effacer » after the chips, « Effacer les filtres » in the empty state.
 * @csspart results - The results' area (carries `aria-busy`).
 * @csspart list - The list of cards.
 * @csspart empty - The empty state.
 * @csspart partial-note - The note about unreadable items left out.
 * @csspart pagination - The pagination `nav`.
 * @csspart dialog - The modal dialog showing a course's page.
 * @csspart dialog-close - The dialog's close button.
 * @csspart page - A page link or button (the current one has `aria-current="page"`).
 * @csspart card - A card (exported from `<course-card>`); its other parts are exported as `card-<part>`,
 *   e.g. `card-title`: `catalogue-list::part(card-title) { … }`.
 *
 * @cssprop --campus-color-action - Links, buttons, the current page, checkboxes.
 * @cssprop --campus-color-text - Body text.
 * @cssprop --campus-color-title - Headings and labels.
 * @cssprop --campus-color-text-mention - Counts and hints.
 * @cssprop --campus-color-border - Separators.
 * @cssprop --campus-color-background-contrast - Fields and placeholders.
 * @cssprop --campus-color-focus - The focus ring.
 * @cssprop --campus-radius - Corner radius.
 * @cssprop --campus-media-filter - A CSS filter on its cards' images and logos (none; themes/dsfr.css dims them in dark mode).
 */
export class CatalogueList extends CampusElement {
  static override styles = [...CampusElement.styles, controls, styles, cardHolder('.grid.shown > li'), ...cardStyles];
  protected static override messages: readonly Partial<Catalogue>[] = [catalogue, card];

  /** Preset expertises or sub-themes, comma-separated. */
  @property() expertise?: string;
  /** Preset audiences, comma-separated. */
  @property() audience?: string;
  /** Preset modes (en-ligne, presentiel, hybride…), comma-separated. */
  @property() mode?: string;
  /** Preset kinds of course, comma-separated. */
  @property() kind?: string;
  /** Preset organisers, comma-separated. */
  @property() organisation?: string;
  /** Preset partners (co-branding, e.g. `atn-quebec`), comma-separated. */
  @property() partner?: string;
  /** Preset levels, comma-separated. */
  @property() level?: string;
  /** Preset search words, all of which must match. */
  @property() q?: string;
  /** Free courses only (preset). */
  @property({ type: Boolean }) free = false;
  /**
   * The initial sort (default `relevance`).
   * @type {'relevance' | 'title' | 'start' | 'updated'}
   */
  @property() sort?: Sort;
  /** Courses per page (default 12, at most 100). */
  @property({ type: Number, attribute: 'page-size' }) pageSize: number = DEFAULT_PAGE_SIZE;
  /** A bare list: no search, no filters, no sort; count, pagination and CSV stay. */
  @property({ type: Boolean, attribute: 'hide-filters' }) hideFilters = false;
  /** Reflect the reader's choices in the page's query string. */
  @property({ type: Boolean, attribute: 'sync-url' }) syncUrl = false;
  /** Prefix of this list's parameters in the query string (e.g. `c1-`), for two lists on one page. */
  @property({ attribute: 'url-prefix' }) urlPrefix = '';
  /** URL template of a course's page, given to the cards, e.g. `/formations/{id}`. */
  @property({ attribute: 'course-href' }) courseHref?: string;
  /**
   * Without `course-href`, what activating a course does: `dialog` (the default) opens its
   * page in a modal dialog over the list; `none` does nothing but fire `campus-course-select`.
   * @type {'dialog' | 'none'}
   */
  @property({ attribute: 'course-open' }) courseOpen: 'dialog' | 'none' = 'dialog';
  /** Level of the results' heading (default 2); the cards' titles are one below. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;
  /**
   * A name for this catalogue, added to its landmarks (search, pagination) so that two
   * catalogues on one page have distinct landmark names (RGAA 12.6), e.g. `label="Cybersécurité"`.
   */
  @property() label?: string;

  /** The reader's own choices (presets apart); `page` included. */
  @state() private user: CourseQuery = {};
  @state() private reference?: Reference;
  @state() private result?: CoursePageResult;
  /** The query the shown result answers. */
  @state() private resultQuery?: CourseQuery;
  @state() private error?: unknown;
  @state() private filtersOpen = false;
  @state() private expandedGroups: ReadonlySet<ShownFacet> = new Set();
  @state() private headerFilled = false;
  /** The course open in the dialog: its id, and its title once known. */
  @state() private openCourse?: { id: string; title?: string };
  /** Why the dialog's course page could not be loaded. */
  @state() private pageError?: unknown;

  @query('.heading') private headingEl?: HTMLElement;
  @query('dialog') private dialogEl?: HTMLDialogElement;

  /** The search box's text, committed after a pause or on Enter. */
  #draft = '';
  #debounce?: ReturnType<typeof setTimeout>;
  /** Whether the next debounced search replaces the history entry (typing goes on). */
  #typing = false;
  #key = '';
  #referenceBase = '';
  #focusHeadingOnLoad = false;
  /** The facet values offered since the presets were set (see FacetMemory), and for which presets. */
  #facets = new FacetMemory();
  #facetKey = '';
  #freeOffered = false;
  /** Whether the history entry of the open course is the list's own (closing goes back). */
  #pushedCourse = false;
  /** Where focus goes back when the dialog closes, when not to a card's title (a suggestion opened it). */
  #returnFocus?: HTMLElement;
  readonly #suggestions = new Suggestions(this, () => this.api);

  /** The reference data (labels, the expertises' tree), when the page-wide cache does not hold it. */
  readonly #referenceTask = new Task<[CampusClient], Reference>(this, {
    autoRun: false,
    args: () => [this.api],
    task: ([api], { signal }) => loadReference(api, { signal }),
    onComplete: (reference) => (this.reference = reference),
    // Only a wrong API root fails the reference data (see loadReference): the list says so.
    onError: (error) => this.#failed(error),
  });

  /** A page of results, with the query it answers; a newer query aborts the one pending. */
  readonly #coursesTask = new Task<[CourseQuery], { query: CourseQuery; result: CoursePageResult }>(this, {
    autoRun: false,
    args: () => [this.query],
    task: async ([query], { signal }) => ({ query, result: await this.api.courses(query, { signal }) }),
    onComplete: ({ query, result }) => this.#answered(query, result),
    onError: (error) => this.#failed(error),
  });

  /** The client the course page in its dialog talks to: the list's own. */
  readonly #clientProvider = new ContextProvider(this, { context: clientContext });

  constructor() {
    super();
    // Removed from the page: nothing more is fetched; put back: what was pending is asked again.
    new AbortOnDisconnect(this, this.#referenceTask);
    new AbortOnDisconnect(this, this.#coursesTask);
  }

  /** Whether a page of results is on its way. */
  get #loading(): boolean {
    return this.#coursesTask.status === TaskStatus.PENDING;
  }

  readonly #onPopState = () => {
    if (!this.syncUrl) return;
    const prefix = this.urlPrefix ?? '';
    this.#pushedCourse = false;
    this.#followCourse(readCourse(location.search, prefix));
    // Another list's entry, or the host's own: nothing of ours changed.
    if (writeState('', prefix, readState(location.search, prefix)) === writeState('', prefix, this.user)) return;
    this.#restoreFromUrl();
    emit(this, 'campus-filters-change', this.query);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.syncUrl) {
      this.#restoreFromUrl();
      this.#followCourse(readCourse(location.search, this.urlPrefix ?? ''));
    }
    window.addEventListener('popstate', this.#onPopState);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.#onPopState);
    clearTimeout(this.#debounce);
  }

  /** The query sent to the API: the presets and the reader's choices. */
  get query(): CourseQuery {
    return this.#queryFor(this.user);
  }

  /** The courses whose cards are shown, in their order (empty while loading or after an error). */
  get shownCourses(): readonly Course[] {
    return this.error ? [] : (this.result?.items ?? []);
  }

  /** Clears the reader's filters and search words (the presets stay). */
  clearFilters(): void {
    this.#draft = '';
    this.#commit({ sort: this.user.sort }, 'push', true);
  }

  /**
   * One listener for every card's title: a link's plain click fires the cancelable
   * `campus-course-select` (cancelled: the link is not followed); a button always fires it.
   */
  readonly #onCardClick = (event: MouseEvent): void => {
    const title = (event.target as Element | null)?.closest?.('.title > .link');
    const item = title?.closest('li');
    if (!title || !item?.parentElement) return;
    const course = this.result?.items[Array.prototype.indexOf.call(item.parentElement.children, item)];
    const link = title.localName === 'a';
    if (course && selectCourse(this, course, event, link) && !link) this.#openCourse(course.id, course.title, true);
  };

  // ------------------------------------------------------------ the course dialog

  #openCourse(id: string, title: string | undefined, push: boolean): void {
    if (this.courseOpen === 'none') return;
    this.openCourse = { id, title: title ?? this.shownCourses.find((c) => c.id === id)?.title };
    void this.#loadCoursePage();
    if (push && this.syncUrl) {
      this.#setUrl(writeCourse(location.search, this.urlPrefix ?? '', id), 'push');
      this.#pushedCourse = true;
    }
  }

  /** The course page's chunk, with the list's own set's names; once per page, the browser keeps it. */
  async #loadCoursePage(): Promise<void> {
    this.pageError = undefined;
    try {
      const { defineCoursePage } = await import('./course-page.js');
      await defineCoursePage((this.constructor as typeof CatalogueList).tags);
    } catch (error) {
      console.error('[campus-widgets] the course page could not be loaded', error);
      this.pageError = error;
    }
  }

  /** Opens or closes the dialog as the page's URL says (a shared address, back and forward). */
  #followCourse(id: string | undefined): void {
    if (id === this.openCourse?.id) return;
    if (id) this.#openCourse(id, undefined, false);
    else if (this.dialogEl?.open) this.dialogEl.close();
    else this.openCourse = undefined;
  }

  /** The dialog closed (its button, Escape, or the URL): the URL and the focus follow. */
  readonly #onDialogClose = (): void => {
    const open = this.openCourse;
    if (!open) return;
    this.openCourse = undefined;
    this.pageError = undefined;
    const prefix = this.urlPrefix ?? '';
    if (this.syncUrl && readCourse(location.search, prefix) === open.id) {
      if (this.#pushedCourse) window.history.back();
      else this.#setUrl(writeCourse(location.search, prefix, undefined), 'replace');
    }
    this.#pushedCourse = false;
    const back = this.#returnFocus;
    this.#returnFocus = undefined;
    void this.updateComplete.then(() => {
      if (back?.isConnected) return back.focus();
      const index = this.shownCourses.findIndex((c) => c.id === open.id);
      const title = index < 0 ? null : this.renderRoot.querySelectorAll('.grid.shown > li')[index]?.querySelector<HTMLElement>('.title > .link');
      if (title) title.focus();
      else this.#focusHeading();
    });
  };

  /** The dialog's own loads and failures are not the list's (its `campus-load` means its results). */
  readonly #onPageEvent = (event: Event): void => {
    event.stopPropagation();
    const course = (event as CustomEvent<CampusLoadDetail>).detail?.course;
    if (event.type === 'campus-load' && course && course.id === this.openCourse?.id) this.openCourse = { id: course.id, title: course.title };
  };

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dialog = this.dialogEl;
    if (this.openCourse && dialog && !dialog.open && dialog.isConnected) dialog.showModal();
  }

  /** On a narrow container, the open filters' last button: closes them, focus to the results. */
  #showResults = async (): Promise<void> => {
    this.filtersOpen = false;
    await this.updateComplete;
    this.#focusHeading();
  };

  #showResultsLabel(): string {
    const result = this.error ? undefined : this.result;
    return result && !this.#loading ? this.t('catalogue.filters.show', { count: result.total }) : this.t('catalogue.filters.showLoading');
  }

  #chips(): Chip[] {
    return activeChips(this.user, this.reference!, this.#chipWord);
  }

  readonly #chipWord = (name: ChipWord, value: string): string => {
    if (name === 'q') return this.t('catalogue.chips.search', { q: value });
    if (name === 'month') return this.#monthLabel(value);
    if (name === 'from' || name === 'to') return this.t(`catalogue.chips.${name}`, { date: this.i18n.date(`${value}T12:00:00Z`, { dateStyle: 'long' }, 'UTC') });
    return this.#flagLabel(name, Number(value));
  };

  #flagLabel(name: Flag, months = SOON_MONTHS): string {
    return name === 'free' ? this.t('catalogue.filter.freeOnly') : this.t(`catalogue.filter.${name}`, { count: months });
  }

  /** « mars 2027 »: a month of the sessions' own calendar, named the same wherever the reader is. */
  #monthLabel(month: string): string {
    return this.i18n.date(`${month}-15T12:00:00Z`, { month: 'long', year: 'numeric' }, 'UTC');
  }

  /** Removes one choice; focus goes to the chip now in its place (or the one before), else to the search field or the heading. */
  async #removeChip(chip: Chip, index: number): Promise<void> {
    if (chip.key === 'q') this.#draft = '';
    this.#commit(chip.without, 'push', true);
    await this.updateComplete;
    const chips = this.renderRoot.querySelectorAll<HTMLElement>('.chip');
    const next = chips[Math.min(index, chips.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('#search');
    if (next) next.focus();
    else this.#focusHeading();
  }

  /** The clear button goes away with the filters: focus moves to the results' heading. */
  #onClear = (): void => {
    this.#focusHeadingOnLoad = true;
    this.clearFilters();
  };

  /**
   * Asks for the current query again, e.g. after an error. Answers stay in the
   * page-wide cache for a minute: call `clearCache()` first to force a new request.
   */
  reload(): void {
    this.#key = '';
    this.error = undefined;
    this.requestUpdate();
  }

  get #presets(): CourseQuery {
    const preset: CourseQuery = {};
    for (const name of LIST_FILTERS) {
      const values = splitList(this[name]);
      if (values.length) preset[name] = values;
    }
    if (this.q?.trim()) preset.q = this.q.trim();
    if (this.free) preset.free = true;
    return preset;
  }

  get #pageSize(): number {
    const n = Math.floor(Number(this.pageSize));
    return n >= 1 ? Math.min(n, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  }

  get #defaultSort(): Sort | undefined {
    return this.sort && (SORTS as readonly string[]).includes(this.sort) ? this.sort : undefined;
  }

  #queryFor(user: CourseQuery): CourseQuery {
    const parentOf = this.reference ? parentLookup(this.reference) : () => undefined;
    return mergeQuery(this.#presets, user, { sort: this.#defaultSort, pageSize: this.#pageSize }, parentOf);
  }

  protected override configChanged(): void {
    this.#key = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('syncUrl') && this.syncUrl && changed.get('syncUrl') === false) this.#restoreFromUrl();
    this.#clientProvider.setValue(this.api);
    this.#ensureReference();
    // Sub-themes picked in a restored URL narrow their expertise only once the reference says whose they are.
    if (!this.reference && this.user.expertise?.length) return;
    const query = this.query;
    const key = `${this.resolvedApiBase} ${encodeQuery(query)}`;
    if (key !== this.#key) {
      this.#key = key;
      this.#load(query);
    }
  }

  #ensureReference(): void {
    const base = this.resolvedApiBase;
    if (base === this.#referenceBase) return;
    this.#referenceBase = base;
    const cached = cachedReference(this.api);
    if (cached) {
      this.#referenceTask.abort();
      this.reference = cached;
    } else {
      void this.#referenceTask.run([this.api]);
    }
  }

  #load(query: CourseQuery): void {
    // Already in the page-wide cache (a revisit, another list with the same query): shown in
    // this very render, with no loading state in between.
    const cached = this.api.cachedCourses(query);
    if (cached && (query.page ?? 1) <= pages(cached)) {
      this.#coursesTask.abort();
      this.#show(query, cached);
      void this.updateComplete.then(() => this.#loaded(cached));
      return;
    }
    void this.#coursesTask.run([query]);
  }

  #answered(query: CourseQuery, result: CoursePageResult): void {
    const last = pages(result);
    if ((query.page ?? 1) > last) {
      // A page that no longer exists (an old link): show the last one.
      this.#commit({ ...this.user, page: last }, 'replace', false);
      return;
    }
    this.#show(query, result);
    this.#loaded(result);
  }

  #failed(error: unknown): void {
    // Aborted: removed from the page, or a newer query took over.
    if (isAbort(error)) return;
    this.error = error;
    this.reportLoadError(error);
    emitError(this, error, this.t(errorMessageKey(error)));
    void this.#afterLoad();
  }

  #show(query: CourseQuery, result: CoursePageResult): void {
    this.error = undefined;
    this.result = result;
    this.resultQuery = query;
    // The values offered under these presets, so one without result stays in place.
    const key = `${this.resolvedApiBase} ${this.#presetKey()}`;
    if (key !== this.#facetKey) {
      this.#facetKey = key;
      this.#facets = new FacetMemory();
    }
    this.#facets.remember(result.facets);
    if (result.facets.free?.some((v) => v.id === 'true' && v.count > 0)) this.#freeOffered = true;
  }

  #loaded(result: CoursePageResult): void {
    emitLoad(this, { total: result.total, dropped: result.dropped });
    void this.#afterLoad();
  }

  async #afterLoad(): Promise<void> {
    if (!this.#focusHeadingOnLoad) return;
    this.#focusHeadingOnLoad = false;
    await this.updateComplete;
    this.#focusHeading();
  }

  #focusHeading(): void {
    const heading = this.headingEl;
    if (!heading) return;
    heading.focus({ preventScroll: true });
    heading.scrollIntoView?.({ block: 'start', behavior: reducedMotion() ? 'auto' : 'smooth' });
  }

  // ------------------------------------------------------------ choices

  /**
   * Applies the reader's new choices: a new page of results without reloading
   * the page, in the query string when `sync-url` is on.
   */
  #commit(next: CourseQuery, history: 'push' | 'replace', resetPage: boolean): void {
    const user: CourseQuery = { ...next };
    if (resetPage) delete user.page;
    for (const name of [...LIST_FILTERS, ...SESSION_FILTERS]) if (!user[name]?.length) delete user[name];
    if (!user.q?.trim()) delete user.q;
    for (const name of [...FLAGS, 'from', 'to'] as const) if (!user[name]) delete user[name];
    if (!user.sort) delete user.sort;
    this.user = user;
    if (history === 'push') this.#typing = false;
    if (this.syncUrl) this.#writeUrl(history);
    emit(this, 'campus-filters-change', this.#queryFor(user));
  }

  #writeUrl(history: 'push' | 'replace'): void {
    this.#setUrl(writeState(location.search, this.urlPrefix ?? '', this.user), history);
  }

  #setUrl(search: string, history: 'push' | 'replace'): void {
    const url = `${location.pathname}${search ? `?${search}` : ''}${location.hash}`;
    if (url === `${location.pathname}${location.search}${location.hash}`) return;
    if (history === 'push') window.history.pushState(window.history.state, '', url);
    else window.history.replaceState(window.history.state, '', url);
  }

  #restoreFromUrl(): void {
    clearTimeout(this.#debounce);
    this.#typing = false;
    this.user = readState(location.search, this.urlPrefix ?? '');
    this.#draft = this.user.q ?? '';
  }

  #onSearchInput(event: Event): void {
    this.#draft = (event.target as HTMLInputElement).value;
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => this.#applySearch(this.#typing ? 'replace' : 'push', true), DEBOUNCE_MS);
    this.#suggestions.input(this.#draft);
  }

  #onSearchSubmit(event: Event): void {
    event.preventDefault();
    this.#suggestions.close(true);
    this.#applySearch('push', false);
  }

  /** The combobox's keys (see Suggestions); Escape with the list closed empties the field. */
  #onSearchKey(event: KeyboardEvent): void {
    const taken = this.#suggestions.key(event);
    if (taken === false && event.key === 'Escape' && this.#draft) {
      (event.target as HTMLInputElement).value = this.#draft = '';
      this.#suggestions.close(true);
      this.#applySearch('push', false);
    } else if (taken === false) {
      return;
    } else if (taken !== true) {
      void this.#choose(taken, event.target as HTMLElement);
    }
    event.preventDefault();
    event.stopPropagation();
  }

  /** A suggestion taken: a course opens as from its card; an expertise or an organisation becomes a filter, in place of the words typed. */
  async #choose(suggestion: Suggestion, field: HTMLElement): Promise<void> {
    const { courseId, filter, label } = suggestion;
    if (courseId) {
      let course = this.shownCourses.find((c) => c.id === courseId);
      try {
        course ??= await this.api.course(courseId);
      } catch {
        // Opened all the same: the course page says what failed.
      }
      if (course && !emit(this, 'campus-course-select', { course }, { cancelable: true })) return;
      const href = courseHref(this.courseHref, { id: courseId });
      if (href) return location.assign(href);
      this.#returnFocus = field;
      return this.#openCourse(courseId, course?.title ?? label, true);
    }
    const name = filter!.name as ListFilter;
    this.#draft = '';
    clearTimeout(this.#debounce);
    if (![...LIST_FILTERS, ...SESSION_FILTERS].includes(name)) {
      // A filter this list does not know: its words are searched instead.
      this.#draft = label;
      return this.#applySearch('push', false);
    }
    this.#commit({ ...this.user, q: undefined, [name]: [...(this.user[name] ?? []).filter((v) => v !== filter!.value), filter!.value] }, 'push', true);
  }

  #applySearch(history: 'push' | 'replace', typing: boolean): void {
    clearTimeout(this.#debounce);
    const q = this.#draft.trim();
    if (q === (this.user.q ?? '')) return;
    this.#commit({ ...this.user, q }, history, true);
    this.#typing = typing;
  }

  /** A value without result is announced as unavailable and stays focusable, but does not toggle. */
  readonly #onFilterClick = (event: Event): void => {
    const input = event.target as HTMLInputElement | null;
    if (input?.localName === 'input' && input.getAttribute('aria-disabled') === 'true') event.preventDefault();
  };

  #onFilterChange(event: Event): void {
    const input = event.target as HTMLInputElement;
    if (input.name === 'month') {
      this.#commit({ ...this.user, month: input.value ? [input.value] : [] }, 'push', true);
      return;
    }
    if (input.name === 'from' || input.name === 'to') {
      // A day being typed is not a day yet: the field fires again once it is whole, or empty.
      if (input.value && !isDay(input.value)) return;
      this.#commit({ ...this.user, [input.name]: input.value || undefined }, 'push', true);
      return;
    }
    if (input.type !== 'checkbox') return;
    const facet = input.name as ListFilter | 'region' | 'city' | Flag;
    if ((FLAGS as readonly string[]).includes(facet)) {
      this.#commit({ ...this.user, [facet]: input.checked && (facet === 'withinMonths' ? SOON_MONTHS : true) }, 'push', true);
      return;
    }
    let values = (this.user[facet as ListFilter] ?? []).filter((v) => v !== input.value);
    if (input.checked) values.push(input.value);
    else if (facet === 'expertise' && this.reference) {
      // Unchecking an expertise also drops the sub-themes picked under it.
      const parentOf = parentLookup(this.reference);
      values = values.filter((v) => parentOf(v) !== input.value);
    }
    this.#commit({ ...this.user, [facet]: values }, 'push', true);
  }

  #onSort(event: Event): void {
    const sort = (event.target as HTMLSelectElement).value as Sort;
    this.#commit({ ...this.user, sort }, 'push', true);
  }

  #goTo(page: number, event?: MouseEvent): void {
    if (event && (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)) return;
    event?.preventDefault();
    if (page === (this.resultQuery?.page ?? 1)) return;
    this.#focusHeadingOnLoad = true;
    this.#commit({ ...this.user, page }, 'push', false);
  }

  #retry = (): void => {
    this.#focusHeadingOnLoad = true;
    this.reload();
    // The retry button goes away with the error: focus the heading at once.
    void this.updateComplete.then(() => this.#focusHeading());
  };

  #toggleGroup(facet: ShownFacet): void {
    const next = new Set(this.expandedGroups);
    if (!next.delete(facet)) next.add(facet);
    this.expandedGroups = next;
  }

  #onHeaderSlotChange(event: Event): void {
    this.headerFilled = (event.target as HTMLSlotElement).assignedNodes({ flatten: true }).length > 0;
  }

  // ------------------------------------------------------------ render

  /* eslint-disable lit-a11y/click-events-have-key-events -- the filters' click listener only stops a checkbox without result from toggling; Space on a checkbox is a click */
  protected renderContent(): TemplateResult {
    const withFilters = !this.hideFilters;
    const active = activeCount(this.user);
    return html`<div class="layout ${withFilters ? 'with-filters' : ''}">
      <div class="header ${this.headerFilled ? 'filled' : ''}">
        <slot name="header" @slotchange=${this.#onHeaderSlotChange}></slot>
      </div>
      ${withFilters ? this.#renderSearch() : nothing}
      ${withFilters
        ? html`<div class="filters-area">
            <button
              type="button"
              class="button secondary filters-toggle"
              part="filters-toggle"
              aria-expanded=${this.filtersOpen ? 'true' : 'false'}
              aria-controls="filters"
              @click=${() => (this.filtersOpen = !this.filtersOpen)}
            >
              ${this.t('catalogue.filters.toggle', { count: active })}
            </button>
            <div
              id="filters"
              class="filters ${this.filtersOpen ? 'open' : ''}"
              part="filters"
              role="group"
              aria-label=${this.t('catalogue.filters.title')}
              @click=${this.#onFilterClick}
              @change=${this.#onFilterChange}>
              ${guard([this.result?.facets, this.reference, this.i18n, this.user, this.expandedGroups, this.#presetKey()], () =>
                this.#renderFilters(),
              )}
              <div class="filters-done">
                <button type="button" class="button" part="filters-done" @click=${this.#showResults}>${this.#showResultsLabel()}</button>
              </div>
            </div>
          </div>`
        : nothing}
      <div class="main">${this.#renderMain()}</div>
    </div>
    ${this.openCourse ? this.#renderDialog(this.openCourse) : nothing}`;
  }

  #renderDialog({ id, title }: { id: string; title?: string }): TemplateResult {
    const detail = this.tagOf('course-detail');
    // Named by the course's title (it is in the detail's own shadow root, out of aria-labelledby's reach).
    return html`<dialog
      class="course-dialog"
      part="dialog"
      aria-label=${title ?? this.t('catalogue.dialog.label')}
      @close=${this.#onDialogClose}
      @campus-load=${this.#onPageEvent}
      @campus-error=${this.#onPageEvent}
    >
      <div class="dialog-bar">
        <button type="button" class="button secondary" part="dialog-close" @click=${() => this.dialogEl?.close()}>${this.t('catalogue.dialog.close')}</button>
      </div>
      ${this.pageError
        ? errorState(this.i18n, this.pageError, () => void this.#loadCoursePage())
        : staticHtml`<${detail} course-id=${id} heading-level="2"></${detail}>`}
    </dialog>`;
  }

  /* eslint-enable lit-a11y/click-events-have-key-events */

  /** A prefix for the ids inside a course's card, stable while the course is (a filter keeps its cards as they are). */
  #cardIds = (course: Course): string => {
    let prefix = cardPrefixes.get(course);
    if (!prefix) cardPrefixes.set(course, (prefix = `c${++cardCount}-`));
    return prefix;
  };

  #presetKey(): string {
    return encodeQuery(this.#presets).toString();
  }

  /** A landmark's name, made distinct by the host's `label` when it gives one. */
  #landmark(name: string): string {
    const label = this.label?.trim();
    return label ? `${name} – ${label}` : name;
  }

  #renderSearch(): TemplateResult {
    // A combobox while the service suggests (an older one has no suggestions: a plain search field).
    const suggestions = this.#suggestions;
    const combo = suggestions.supported;
    return html`<form class="search" part="search" role="search" aria-label=${this.#landmark(this.t('catalogue.search.label'))} @submit=${this.#onSearchSubmit}>
      <div class="field">
        <label class="block" for="search">${this.t('catalogue.search.label')}</label>
        <span class="hint" id="search-hint">${this.t('catalogue.search.hint')}</span>
        <input
          id="search"
          type="search"
          name="q"
          autocomplete="off"
          enterkeyhint="search"
          aria-describedby="search-hint"
          .value=${live(this.#draft)}
          @input=${this.#onSearchInput}
          @keydown=${this.#onSearchKey}
          @blur=${() => suggestions.close()}
          role=${ifDefined(combo ? 'combobox' : undefined)}
          aria-autocomplete=${ifDefined(combo ? 'list' : undefined)}
          aria-expanded=${ifDefined(combo ? String(suggestions.open) : undefined)}
          aria-controls=${ifDefined(combo ? 'suggestions' : undefined)}
          aria-activedescendant=${ifDefined(combo && suggestions.open && suggestions.active >= 0 ? `suggestion-${suggestions.active}` : undefined)}
        />
        ${combo ? this.#renderSuggestions() : nothing}
      </div>
      <button type="submit" class="button">${this.t('catalogue.search.submit')}</button>
    </form>`;
  }

  /* eslint-disable lit-a11y/click-events-have-key-events -- the keyboard moves through the options from the field (aria-activedescendant), which keeps the focus */
  /** The suggestions' listbox, in the field's own shadow root (aria-activedescendant cannot cross one), and their number, announced. */
  #renderSuggestions(): TemplateResult {
    const { items, open, active } = this.#suggestions;
    return html`<ul id="suggestions" class="suggestions" part="suggestions" role="listbox" aria-label=${this.t('catalogue.suggest.label')} ?hidden=${!open}>
        ${repeat(
          items,
          (item) => `${item.kind} ${item.courseId ?? item.filter?.value}`,
          (item, i) => html`<li
            id="suggestion-${i}"
            role="option"
            aria-selected=${i === active ? 'true' : 'false'}
            @pointerdown=${(e: Event) => e.preventDefault()}
            @click=${(e: Event) => {
              this.#suggestions.close(true);
              void this.#choose(item, this.renderRoot.querySelector<HTMLElement>('#search') ?? (e.currentTarget as HTMLElement));
            }}
          >
            <bdi lang=${ifDefined(this.i18n.apiLang)}>${item.label}</bdi>
            <span class="kind">${(SUGGESTION_KINDS as readonly string[]).includes(item.kind) ? this.t(`catalogue.suggest.${item.kind as (typeof SUGGESTION_KINDS)[number]}`) : item.kind}</span>
          </li>`,
        )}
      </ul>
      <span class="visually-hidden" role="status">${open ? this.t('catalogue.suggest.count', { count: items.length }) : ''}</span>`;
  }
  /* eslint-enable lit-a11y/click-events-have-key-events */

  #renderFilters(): TemplateResult | typeof nothing {
    const facets = this.result?.facets;
    if (!facets || !this.reference) return nothing;
    const groups = facetGroups(facets, this.reference, this.user, this.#presets, this.#facets);
    const offerFree = !this.free && (this.#freeOffered || this.user.free);
    return html`${repeat(groups.filter((g) => !isPlace(g)), (g) => g.facet, (g) => this.#renderGroup(g))}
      ${this.#renderSessions(facets)} ${repeat(groups.filter(isPlace), (g) => g.facet, (g) => this.#renderGroup(g))}
      ${offerFree
        ? html`<fieldset>
            <legend>${this.t('catalogue.filter.free')}</legend>
            <div class="options">
              ${this.#flagOption('free', facets)}
            </div>
          </fieldset>`
        : nothing}`;
  }

  /**
   * The filters on sessions: their starting month (the months the service counted, in
   * their order), a period (first and last day), the next months, online, open for enrolment. A service without session
   * facets (an older one) gets none of them.
   */
  #renderSessions(facets: Readonly<Record<string, readonly FacetValue[]>>): TemplateResult | typeof nothing {
    if (!facets.month && !facets.online && !facets.open) return nothing;
    const counts = new Map(facets.month?.map((v) => [v.id, v.count]));
    const current = this.user.month?.[0] ?? '';
    return html`<fieldset>
      <legend>${this.t('catalogue.filter.sessions')}</legend>
      <label class="block" for="month">${this.t('catalogue.filter.month')}</label>
      <select id="month" name="month" .value=${live(current)}>
        <option value="">${this.t('catalogue.filter.anyMonth')}</option>
        ${this.#facets.values('month').map((month) => {
          const count = counts.get(month) ?? 0;
          return html`<option value=${month} ?selected=${month === current} ?disabled=${count === 0 && month !== current}>
            ${this.t('catalogue.option', { label: this.#monthLabel(month), count })}
          </option>`;
        })}
      </select>
      <div class="period">
        <span><label class="block" for="from">${this.t('catalogue.filter.from')}</label>
          <input id="from" name="from" type="date" .value=${live(this.user.from ?? '')} max=${ifDefined(this.user.to)} /></span>
        <span><label class="block" for="to">${this.t('catalogue.filter.to')}</label>
          <input id="to" name="to" type="date" .value=${live(this.user.to ?? '')} min=${ifDefined(this.user.from)} /></span>
      </div>
      <div class="options">
        ${this.#flagOption('withinMonths', facets)} ${facets.online ? this.#flagOption('online', facets) : nothing}
        ${facets.open ? this.#flagOption('open', facets) : nothing}
      </div>
    </fieldset>`;
  }

  #renderGroup(group: FacetGroup): TemplateResult {
    const expanded = this.expandedGroups.has(group.facet);
    const hasChecked = (o: FacetOption): boolean => o.checked || o.children.some(hasChecked);
    const extra = group.options.length - SHOWN_OPTIONS;
    const shown = expanded || extra <= 0 ? group.options : group.options.filter((o, i) => i < SHOWN_OPTIONS || hasChecked(o));
    const hidden = group.options.length - shown.length;
    return html`<fieldset>
      <legend>${this.t(`catalogue.filter.${group.facet}`)}</legend>
      <ul class="options" lang=${ifDefined(this.i18n.apiLang)}>
        ${repeat(
          shown,
          (o) => o.id,
          (o) =>
            this.#optionRow(
              group.facet,
              o,
              o.children.length && hasChecked(o)
                ? html`<div role="group" aria-label=${this.t('catalogue.filter.subthemes', { label: o.label })}>
                    <ul>
                      ${repeat(o.children, (c) => c.id, (c) => this.#optionRow(group.facet, c, nothing))}
                    </ul>
                  </div>`
                : nothing,
            ),
        )}
      </ul>
      ${extra > 0
        ? html`<button type="button" class="more" aria-expanded=${expanded ? 'true' : 'false'} @click=${() => this.#toggleGroup(group.facet)}>
            ${expanded ? this.t('catalogue.less') : this.t('catalogue.more', { count: hidden })}
          </button>`
        : nothing}
    </fieldset>`;
  }

  /**
   * One option of a facet's list: its checkbox, label and count, then its sub-themes, in one
   * template (a list may show a hundred options: no nested template instance per option).
   */
  #optionRow(facet: string, option: FacetOption, subthemes: unknown): TemplateResult {
    // <bdi>: a right-to-left override in a label must not reverse its count (hostile-data suite).
    return html`<li>
      <label class="option">
        <input type="checkbox" name=${facet} value=${option.id} .checked=${live(option.checked)} aria-disabled=${ifDefined(option.disabled ? 'true' : undefined)} />
        <span><bdi>${option.label}</bdi> <span class="n">(${this.i18n.number(option.count)})</span></span>
      </label>
      ${subthemes}
    </li>`;
  }

  /** A yes/no choice, not in a list; with its count when the service counts it (`value` true). */
  #flagOption(name: Flag, facets?: Readonly<Record<string, readonly FacetValue[]>>): TemplateResult {
    const chosen = this.user[name];
    const months = typeof chosen === 'number' ? chosen : SOON_MONTHS;
    // The period's own value (« 3 ») for withinMonths; a service that does not count it shows no count.
    const id = name === 'withinMonths' ? String(months) : 'true';
    const values = facets?.[name];
    const count = values && (values.find((v) => v.id === id)?.count ?? 0);
    return html`<label class="option">
      <input type="checkbox" name=${name} value="true" .checked=${live(Boolean(chosen))} aria-disabled=${ifDefined(count === 0 && !chosen ? 'true' : undefined)} />
      <span><bdi>${this.#flagLabel(name, months)}</bdi>${count === undefined ? nothing : html` <span class="n">(${this.i18n.number(count)})</span>`}</span>
    </label>`;
  }

  #renderMain(): TemplateResult {
    const level = clampLevel(this.headingLevel, 2);
    const h = HEADINGS[level - 1];
    const result = this.error ? undefined : this.result;
    const pageCount = result ? pages(result) : 1;
    const page = this.resultQuery?.page ?? 1;
    const busy = this.#loading || !this.reference;
    return staticHtml`<${h} class="heading" part="heading" id="heading" tabindex="-1">${this.t('catalogue.heading')}${
      result && pageCount > 1 ? html`<span class="visually-hidden">, ${this.t('catalogue.headingPage', { page, pages: pageCount })}</span>` : nothing
    }</${h}>
      <div class="toolbar">
        <p class="count" part="count" role="status" aria-live="polite" aria-atomic="true">${this.#countText()}</p>
        ${this.hideFilters ? nothing : this.#renderSort()}
      </div>
      ${this.#renderChips(result)}
      <div class="actions">${this.#renderActions(result)}</div>
      <div class="results" part="results" aria-busy=${busy ? 'true' : 'false'}>
        <div class="busy-bar" aria-hidden="true"></div>
        ${this.#renderResults(level)}
      </div>
      ${result && pageCount > 1 ? this.#renderPagination(page, pageCount) : nothing}`;
  }

  #countText(): string {
    if (this.error) return '';
    const result = this.result;
    if (!result) return this.t('catalogue.loading');
    const results = this.t('catalogue.count', { count: result.total });
    const sort = this.resultQuery?.sort ?? 'relevance';
    if (sort === (this.#defaultSort ?? 'relevance')) return results;
    return this.t('catalogue.countSorted', { results, sort: this.t(`catalogue.sort.${sort}`) });
  }

  #renderSort(): TemplateResult {
    const current = this.user.sort ?? this.#defaultSort ?? 'relevance';
    return html`<div class="sort">
      <label class="block" for="sort">${this.t('catalogue.sort.label')}</label>
      <select id="sort" part="sort" .value=${live(current)} @change=${this.#onSort}>
        ${SORTS.map((s) => html`<option value=${s} ?selected=${s === current}>${this.t(`catalogue.sort.${s}`)}</option>`)}
      </select>
    </div>`;
  }

  /* eslint-disable lit-a11y/no-redundant-role -- role="list": Safari drops a <ul>'s list semantics once list-style is none */
  /** The reader's choices as removable chips; « Tout effacer » unless the empty state offers its own. */
  #renderChips(result: CoursePageResult | undefined): TemplateResult | typeof nothing {
    const chips = this.reference ? this.#chips() : [];
    if (!chips.length) return nothing;
    return html`<div class="chips" part="chips" role="group" aria-label=${this.t('catalogue.chips.label')}>
      <ul role="list">
        ${repeat(
          chips,
          (chip) => chip.key,
          (chip, index) => html`<li>
            <button type="button" class="chip" part="chip" aria-label=${this.t('catalogue.chips.remove', { label: chip.label })} @click=${() => this.#removeChip(chip, index)}>
              <bdi lang=${ifDefined(chip.api ? this.i18n.apiLang : undefined)}>${chip.label}</bdi><span class="x" aria-hidden="true">✕</span>
            </button>
          </li>`,
        )}
      </ul>
      ${result && result.total > 0 && !this.error
        ? html`<button type="button" class="button secondary" part="clear" @click=${this.#onClear}>${this.t('catalogue.clearAll')}</button>`
        : nothing}
    </div>`;
  }

  /* eslint-enable lit-a11y/no-redundant-role */

  #renderActions(result: CoursePageResult | undefined): TemplateResult {
    return html`${result && result.total > 0 && this.resultQuery
      ? html`<a class="link" part="csv" href=${this.api.csvUrl(this.resultQuery)} download>${this.t('catalogue.csv', { count: result.total })}</a>`
      : nothing}`;
  }

  /* eslint-disable lit-a11y/no-redundant-role -- role="list": Safari drops a <ul>'s list semantics once list-style is none */
  /* eslint-disable lit-a11y/click-events-have-key-events -- the grid's click listener only delegates the titles' links and buttons, which the keyboard activates with a click */
  #renderResults(level: number): TemplateResult | typeof nothing {
    if (this.error) return errorState(this.i18n, this.error, this.#retry);
    const result = this.result;
    const reference = this.reference;
    if (!result || !reference) {
      return html`<ul class="grid" role="list" aria-hidden="true">
        ${Array.from({ length: Math.min(this.#pageSize, SKELETONS) }, () => html`<li class="placeholder">
          <span class="skeleton title"></span><span class="skeleton"></span><span class="skeleton"></span><span class="skeleton short"></span>
        </li>`)}
      </ul>`;
    }
    if (!result.items.length) {
      const filtered = activeCount(this.user) > 0;
      return html`<div class="state" part="empty">
        <p>${this.t(filtered ? 'catalogue.empty' : 'catalogue.emptyFixed')}</p>
        ${filtered
          ? html`<p>${this.t('catalogue.emptyHint')}</p>
              <button type="button" class="button secondary" part="clear" @click=${this.#onClear}>${this.t('catalogue.clear')}</button>`
          : nothing}
      </div>`;
    }
    // The cards are rendered here, in the list's shadow root, from the card's own template
    // module: no element, shadow root or style scope per card (see README, Performance).
    const card = { i18n: this.i18n, reference, level: Math.min(level + 1, 6), hrefTemplate: this.courseHref, html: listCardHtml };
    return html`${partialNote(this.i18n, result.dropped)}
      <ul class="grid shown" part="list" role="list" @click=${this.#onCardClick}>${repeat(
        result.items,
        (course: Course) => course.id,
        (course) => cardTemplate(course, { ...card, idPrefix: this.#cardIds(course), item: true }),
      )}</ul>`;
  }

  /* eslint-enable lit-a11y/no-redundant-role, lit-a11y/click-events-have-key-events */

  #renderPagination(page: number, pages: number): TemplateResult {
    const edge = (target: number, key: 'first' | 'previous' | 'next' | 'last', arrow: string, after = false) => {
      const label = html`<span class="label">${this.t(`catalogue.pagination.${key}`)}</span>`;
      const arrowEl = html`<span class="arrow" aria-hidden="true">${arrow}</span>`;
      const content = after ? html`${label} ${arrowEl}` : html`${arrowEl} ${label}`;
      return html`<li>${this.#pageControl(target, target === page || target < 1 || target > pages, false, content, this.t(`catalogue.pagination.${key}`), 'edge')}</li>`;
    };
    return html`<nav class="pagination" part="pagination" aria-label=${this.#landmark(this.t('catalogue.pagination.label'))}>
      <ul>
        ${edge(1, 'first', '«')} ${edge(page - 1, 'previous', '‹')}
        ${pageItems(page, pages).map((item) =>
          item === 'gap'
            ? html`<li><span class="gap" aria-hidden="true">…</span></li>`
            : html`<li>${this.#pageControl(item, false, item === page, this.i18n.number(item), this.t('catalogue.pagination.page', { page: item }))}</li>`,
        )}
        ${edge(page + 1, 'next', '›', true)} ${edge(pages, 'last', '»', true)}
      </ul>
    </nav>`;
  }

  /** A link to the page's own URL when the state is in it (so it opens in a new tab), else a button. */
  #pageControl(target: number, disabled: boolean, current: boolean, content: unknown, label: string, kind = ''): TemplateResult {
    if (this.syncUrl) {
      const href = disabled || current ? undefined : `?${writeState(location.search, this.urlPrefix ?? '', { ...this.user, page: target })}`;
      return html`<a
        class="page ${kind}"
        part="page"
        href=${ifDefined(href)}
        role=${ifDefined(href ? undefined : 'link')}
        aria-disabled=${ifDefined(disabled ? 'true' : undefined)}
        aria-current=${ifDefined(current ? 'page' : undefined)}
        aria-label=${label}
        @click=${(e: MouseEvent) => href && this.#goTo(target, e)}
        >${content}</a
      >`;
    }
    return html`<button
      type="button"
      class="page ${kind}"
      part="page"
      ?disabled=${disabled}
      aria-current=${ifDefined(current ? 'page' : undefined)}
      aria-label=${label}
      @click=${() => !current && this.#goTo(target)}
    >
      ${content}
    </button>`;
  }
}

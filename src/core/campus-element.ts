/**
 * The base of every widget, kept small: its set's tags (registration), a
 * render that never throws into the host page, and the controllers every
 * widget has (its language, its API). Events go through `emit()`
 * (events.ts); loads through `@lit/task`.
 */
import { html, LitElement, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { unsafeStatic, type StaticValue } from 'lit/static-html.js';
import type { CampusClient } from '../api/client.js';
import type { Catalogue, MessageKey, MessageParams } from '../locales/types.js';
import { ApiController } from './api-controller.js';
import type { Localizer } from './locale.js';
import { LocaleController } from './locale-controller.js';
import { DEFAULT_TAGS, isValidTag, type TagMap, type WidgetName } from './registry.js';
import { tokens } from './theme.js';

const staticTags = new Map<string, StaticValue>();

/**
 * What every widget is built on; not registered itself.
 *
 * @csspart error - A failure: the widget's data could not be loaded (or a form's data).
 * @csspart retry - The retry button of a failure, when it may pass.
 */
export abstract class CampusElement extends LitElement {
  /** The tag names of the set this class belongs to (see `define({ prefix })`). */
  static tags: TagMap = DEFAULT_TAGS;

  static override styles = [tokens];

  /** The French messages of the areas this element speaks besides the core's. */
  protected static messages: readonly Partial<Catalogue>[] = [];

  /**
   * The API's root, without its version (the library adds `/v1`).
   * Defaults to the embedding widget's, then `configure({ apiBase })`, then
   * `<meta name="campus-api-base">`, then `https://campus.numerique.gouv.fr/api`.
   */
  @property({ attribute: 'api-base' }) apiBase?: string;

  readonly #locale = new LocaleController(this, (this.constructor as typeof CampusElement).messages);
  readonly #api = new ApiController(
    this,
    () => this.apiBase,
    () => this.configChanged(),
  );

  /** A message in the widget's language (`{name}` placeholders, plurals by `{count}`). */
  protected readonly t: (key: MessageKey, params?: MessageParams) => string = this.#locale.t;

  /** The widget's locale and formatters, resolved from `lang` up the tree. */
  protected get i18n(): Localizer {
    return this.#locale.localizer;
  }

  /** The API root in force for this element. */
  get resolvedApiBase(): string {
    return this.#api.base;
  }

  /** The page-wide client for this element's API root. */
  protected get api(): CampusClient {
    return this.#api.client;
  }

  /** To call when a load failed: a wrong API root is written to the console, once per page. */
  protected reportLoadError(error: unknown): void {
    this.#api.reportSetupError(error);
  }

  /** Called when the page-level configuration, or the embedding widget's client, changed. */
  protected configChanged(): void {}

  /** The tag, in this element's own set, of another widget it renders. */
  protected tagOf(name: WidgetName): StaticValue {
    const tag = (this.constructor as typeof CampusElement).tags[name];
    let value = staticTags.get(tag);
    if (!value) {
      // Tag names come from define()'s validated set, never from data.
      value = unsafeStatic(isValidTag(tag) ? tag : DEFAULT_TAGS[name]);
      staticTags.set(tag, value);
    }
    return value;
  }

  protected override async scheduleUpdate(): Promise<void> {
    // Rendering waits for the catalogue of a newly resolved locale, so no French flashes first.
    while (this.#locale.pending) await this.#locale.pending;
    super.scheduleUpdate();
  }

  /** Resolves once the element rendered in its resolved locale. */
  get localeReady(): Promise<void> {
    return (this.#locale.pending ?? Promise.resolve()).then(() => this.updateComplete).then(() => undefined);
  }

  protected override render(): unknown {
    try {
      return this.renderContent();
    } catch (error) {
      // A bug or unforeseen data must not throw into the host page.
      console.error('[campus-widgets]', error);
      return this.renderFailure();
    }
  }

  /** What the widget shows; errors it throws are caught and reported. */
  protected abstract renderContent(): unknown;

  protected renderFailure(): TemplateResult {
    return html`<p class="state error" role="alert">${this.t('core.error.render')}</p>`;
  }
}

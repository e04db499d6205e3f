/**
 * The base of every widget: configuration, locale, the shared client, the
 * set it belongs to, theme tokens, and a render that never throws into the
 * host page.
 */
import { html, LitElement, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { unsafeStatic, type StaticValue } from 'lit/static-html.js';
import { clientFor, type CampusClient } from '../api/client.js';
import { onConfigChange, resolveApiBase } from './config.js';
import { addFrench, french, loadCatalogue, localizerFor, matchLocale, resolveLangTag, watchLang, type Catalogue } from './locale.js';
import { DEFAULT_TAGS, isValidTag, type TagMap, type WidgetName } from './registry.js';
import { tokens } from './theme.js';

const staticTags = new Map<string, StaticValue>();
const withMessages = new WeakSet<object>();

export abstract class CampusElement extends LitElement {
  /** The tag names of the set this class belongs to (see `define({ prefix })`). */
  static tags: TagMap = DEFAULT_TAGS;

  static override styles = [tokens];

  /** The French messages of the areas this element speaks besides the core's, added when the first one is made. */
  protected static messages: readonly Partial<Catalogue>[] = [];

  /**
   * The API's root, without its version (the library adds `/v1`).
   * Defaults to `configure({ apiBase })`, then `<meta name="campus-api-base">`,
   * then `https://campus.numerique.gouv.fr/api`.
   */
  @property({ attribute: 'api-base' }) apiBase?: string;

  /** The widget's locale and formatters, resolved from `lang` up the tree. */
  @state() protected i18n = localizerFor('fr', french);

  #langTag = '';
  #localePending?: Promise<void>;
  #unwatchLang?: () => void;
  #unsubscribeConfig?: () => void;
  readonly #onConfig = () => {
    this.configChanged();
    this.requestUpdate();
  };

  constructor() {
    super();
    const cls = this.constructor as typeof CampusElement;
    if (!withMessages.has(cls)) {
      withMessages.add(cls);
      for (const messages of cls.messages) addFrench(messages);
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#refreshLocale();
    this.#unwatchLang = watchLang(this, () => this.#refreshLocale());
    this.#unsubscribeConfig = onConfigChange(this.#onConfig);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unwatchLang?.();
    this.#unsubscribeConfig?.();
  }

  /** The API root in force for this element. */
  get resolvedApiBase(): string {
    return resolveApiBase(this.apiBase);
  }

  /** The page-wide client for this element's API root. */
  protected get api(): CampusClient {
    return clientFor(this.resolvedApiBase);
  }

  /** Called when the page-level configuration changed (e.g. its API root). */
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

  #refreshLocale(): void {
    const tag = resolveLangTag(this);
    if (tag === this.#langTag) return;
    this.#langTag = tag;
    const locale = matchLocale(tag);
    const catalogue = loadCatalogue(locale);
    if (catalogue instanceof Promise) {
      // Rendering waits for the catalogue (see scheduleUpdate), so no French flashes first.
      const pending: Promise<void> = catalogue.then((loaded) => {
        if (this.#langTag === tag) this.i18n = localizerFor(locale, loaded, tag);
        // Cleared whether or not a later lang superseded it: scheduleUpdate waits
        // while a load is pending, and a stale one left set would never let it render.
        if (this.#localePending === pending) this.#localePending = undefined;
      });
      this.#localePending = pending;
      this.requestUpdate();
    } else {
      this.#localePending = undefined;
      this.i18n = localizerFor(locale, catalogue, tag);
    }
  }

  protected override async scheduleUpdate(): Promise<void> {
    while (this.#localePending) await this.#localePending;
    super.scheduleUpdate();
  }

  /** Resolves once the element rendered in its resolved locale. */
  get localeReady(): Promise<void> {
    return (this.#localePending ?? Promise.resolve()).then(() => this.updateComplete).then(() => undefined);
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
    return html`<p class="state error" role="alert">${this.i18n.t('core.error.render')}</p>`;
  }
}

/**
 * A widget's language, as a controller: the nearest `lang` across shadow
 * roots (followed when it changes), the catalogue of that locale (loaded on
 * demand) and `t()` for the host's templates.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Catalogue, MessageKey, MessageParams } from '../locales/types.js';
import { frenchCatalogue, loadCatalogue, localizerFor, matchLocale, resolveLangTag, watchLang, type Localizer } from './locale.js';

export class LocaleController implements ReactiveController {
  #localizer: Localizer;
  #tag = '';
  #pending?: Promise<void>;
  #unwatch?: () => void;
  readonly #french: Catalogue;
  readonly #refresh = () => this.#resolve();

  /**
   * @param areas The French messages of the areas the host speaks besides the core's
   *   (one array per element class: the catalogue built from it is cached by identity).
   */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    areas: readonly Partial<Catalogue>[] = [],
  ) {
    this.#french = frenchCatalogue(areas);
    this.#localizer = localizerFor('fr', {}, this.#french);
    host.addController(this);
  }

  /** The locale and its formatters (`number`, `date`, `list`…). */
  get localizer(): Localizer {
    return this.#localizer;
  }

  /** A message in the host's language; bound, so templates may pass it around. */
  readonly t = (key: MessageKey, params?: MessageParams): string => this.#localizer.t(key, params);

  /**
   * Set while the catalogue of a newly resolved locale loads: a host that
   * awaits it before rendering never shows French first.
   */
  get pending(): Promise<void> | undefined {
    return this.#pending;
  }

  hostConnected(): void {
    this.#resolve();
    this.#unwatch = watchLang(this.host, this.#refresh);
  }

  hostDisconnected(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
  }

  #resolve(): void {
    const tag = resolveLangTag(this.host);
    if (tag === this.#tag) return;
    this.#tag = tag;
    const locale = matchLocale(tag);
    const messages = loadCatalogue(locale);
    if (messages instanceof Promise) {
      const pending: Promise<void> = messages.then((loaded) => {
        if (this.#tag === tag) this.#localizer = localizerFor(locale, loaded, this.#french, tag);
        // Cleared whether or not a later lang superseded it: a host that waits
        // while a load is pending would never render after a stale one.
        if (this.#pending === pending) this.#pending = undefined;
        this.host.requestUpdate();
      });
      this.#pending = pending;
    } else {
      this.#pending = undefined;
      this.#localizer = localizerFor(locale, messages, this.#french, tag);
    }
    this.host.requestUpdate();
  }
}

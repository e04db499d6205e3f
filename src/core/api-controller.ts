/**
 * Which API a widget talks to, as a controller: its own `api-base`, else the
 * client of the widget that embeds it (context), else the page's configuration
 * (`configure()`, `<meta name="campus-api-base">`), else the campus's own; and
 * the host re-rendered when the page's configuration changes.
 */
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clientFor, type CampusClient } from '../api/client.js';
import { isSetupError } from '../api/errors.js';
import { apiBaseSetting, onConfigChange, resolveApiBase } from './config.js';
import { clientContext } from './context.js';

type Host = ReactiveControllerHost & HTMLElement;

/** Set-up errors already written to the console, by API root: one per root and page. */
const reported = new Set<string>();

export class ApiController implements ReactiveController {
  #embedder?: CampusClient;
  #unsubscribe?: () => void;
  readonly #onConfig = () => {
    this.onChange();
    this.host.requestUpdate();
  };

  /**
   * @param own The host's own API root (its `api-base`), read when asked for.
   * @param onChange Called when the page's configuration or the embedder's client changed.
   */
  constructor(
    private readonly host: Host,
    private readonly own: () => string | null | undefined,
    private readonly onChange: () => void = () => {},
  ) {
    host.addController(this);
    new ContextConsumer(host, {
      context: clientContext,
      subscribe: true,
      callback: (client) => {
        if (client === this.#embedder) return;
        this.#embedder = client;
        this.onChange();
        host.requestUpdate();
      },
    });
  }

  /** The API root in force, without the contract version. */
  get base(): string {
    const own = this.own()?.trim();
    if (!own && this.#embedder) return this.#embedder.root;
    return resolveApiBase(own);
  }

  /** The page-wide client for that root. */
  get client(): CampusClient {
    const own = this.own()?.trim();
    if (!own && this.#embedder) return this.#embedder;
    return clientFor(resolveApiBase(own));
  }

  /**
   * A failed load that says the API root is wrong (`setup`): one console error
   * per root and page, naming the setting to fix and the URL tried.
   */
  reportSetupError(error: unknown): void {
    if (!isSetupError(error)) return;
    const base = this.base;
    if (reported.has(base)) return;
    reported.add(base);
    const own = this.own()?.trim();
    const { raw, source } = !own && this.#embedder ? { raw: base, source: 'the api-base of the widget around it' } : apiBaseSetting(own);
    console.error(
      `[campus-widgets] <${this.host.localName}>: ${error.message}. ` +
        `Check ${source} ("${raw}"): it must be the API's root, without /v1, e.g. api-base="https://campus.numerique.gouv.fr/api".`,
    );
  }

  hostConnected(): void {
    this.#unsubscribe = onConfigChange(this.#onConfig);
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}

/**
 * Which API a widget talks to, as a controller: its own `api-base`, else the
 * client of the widget that embeds it (context), else the page's configuration
 * (`configure()`, `<meta name="campus-api-base">`), else the campus's own; and
 * the host re-rendered when the page's configuration changes.
 */
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clientFor, type CampusClient } from '../api/client.js';
import { onConfigChange, resolveApiBase } from './config.js';
import { clientContext } from './context.js';

type Host = ReactiveControllerHost & HTMLElement;

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

  hostConnected(): void {
    this.#unsubscribe = onConfigChange(this.#onConfig);
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}

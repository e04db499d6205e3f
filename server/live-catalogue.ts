/**
 * Each instance's copy of the catalogue index, kept in step with the store:
 * it polls the catalogue's version (one indexed read) and rebuilds the index
 * when it changed, so every instance sees an office edit within seconds. The
 * index is also rebuilt from time to time without a change: which session
 * comes next depends on the date.
 */
import { Catalogue } from './catalogue.js';
import type { Storage } from './storage/types.js';

export interface LiveCatalogueOptions {
  /** How often the version is read (default 2 s). */
  pollMs?: number;
  /** Rebuild anyway after this long (default 10 min). */
  maxAgeMs?: number;
  now?: () => Date;
  /** Where the index's trainer notice is found, when the store's ids do not say it. */
  trainerPrivacyNoticeId?: string;
}

export class LiveCatalogue {
  #catalogue?: Catalogue;
  #version = -1;
  #builtAt = 0;
  #timer?: ReturnType<typeof setInterval>;
  #refreshing?: Promise<void>;
  readonly #now: () => Date;

  constructor(
    private readonly storage: Storage,
    private readonly options: LiveCatalogueOptions = {},
  ) {
    this.#now = options.now ?? (() => new Date());
  }

  /** The index; `load()` must have succeeded once. */
  get current(): Catalogue {
    if (!this.#catalogue) throw new Error('The catalogue is not loaded yet.');
    return this.#catalogue;
  }

  get loaded(): boolean {
    return this.#catalogue !== undefined;
  }

  get version(): number {
    return this.#version;
  }

  /** Reads the catalogue and builds the index. */
  async load(): Promise<void> {
    const records = await this.storage.loadCatalogue();
    const now = this.#now().getTime();
    this.#catalogue = new Catalogue({ ...records, trainerPrivacyNoticeId: this.options.trainerPrivacyNoticeId }, now);
    this.#version = records.version;
    this.#builtAt = now;
  }

  /** Rebuilds when the store's version moved (or the index is old); one refresh at a time. */
  refresh(): Promise<void> {
    this.#refreshing ??= (async () => {
      try {
        const version = await this.storage.catalogueVersion();
        const stale = this.#now().getTime() - this.#builtAt > (this.options.maxAgeMs ?? 10 * 60_000);
        if (version !== this.#version || stale || !this.#catalogue) await this.load();
      } finally {
        this.#refreshing = undefined;
      }
    })();
    return this.#refreshing;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      // A store that is down keeps the last index; /ready reports the store itself.
      this.refresh().catch(() => undefined);
    }, this.options.pollMs ?? 2_000);
    this.#timer.unref?.();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

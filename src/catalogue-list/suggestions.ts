/**
 * The state of catalogue-list's search suggestions (an ARIA 1.2 combobox on
 * its search field): what the service suggests for the words typed, which one
 * is active, and the keys that move through them. The element renders it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CampusClient } from '../api/client.js';
import { suggest } from '../api/discovery.js';
import type { Suggestion } from '../api/schemas.js';

/** A pause in typing before asking: shorter than the search's own, so suggestions come first. */
const SUGGEST_DELAY_MS = 200;

export class Suggestions implements ReactiveController {
  items: readonly Suggestion[] = [];
  open = false;
  /** The active option's index, -1 when none (focus stays in the field either way). */
  active = -1;
  /** False once the service answered that it has no suggestions (an older one): the field is a plain one. */
  supported = true;
  #timer?: ReturnType<typeof setTimeout>;
  #pending?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly client: () => CampusClient,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.close();
  }

  /** The words typed changed: asks after a pause; a newer question cancels the one pending. */
  input(q: string): void {
    this.#cancel();
    if (this.supported) this.#timer = setTimeout(() => void this.#ask(q), SUGGEST_DELAY_MS);
  }

  async #ask(q: string): Promise<void> {
    const pending = (this.#pending = new AbortController());
    let items: readonly Suggestion[] = [];
    try {
      const result = await suggest(this.client(), q, { signal: pending.signal });
      if (!result) this.supported = false;
      items = result?.items ?? [];
    } catch {
      // Superseded, or the service failed: suggestions are a help, the search works without them.
    }
    if (pending.signal.aborted) return;
    this.items = items;
    this.active = -1;
    this.open = items.length > 0;
    this.host.requestUpdate();
  }

  #cancel(): void {
    clearTimeout(this.#timer);
    this.#pending?.abort();
  }

  /** Closes the list; `forget` drops the suggestions too (the words they answer are gone). */
  close(forget = false): void {
    this.#cancel();
    if (forget) this.items = [];
    if (!this.open && this.active < 0) return;
    this.open = false;
    this.active = -1;
    this.host.requestUpdate();
  }

  /**
   * A key in the field. Arrows open the list and move through it (wrapping round);
   * Enter takes the active suggestion; Escape closes. Returns the suggestion taken,
   * `true` for another key handled here, `false` for a key left to the field.
   */
  key(event: KeyboardEvent): Suggestion | boolean {
    const count = this.items.length;
    if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && count && !event.altKey) {
      const down = event.key === 'ArrowDown';
      if (!this.open) this.active = down ? 0 : count - 1;
      else this.active = down ? (this.active + 1) % count : (this.active <= 0 ? count : this.active) - 1;
      this.open = true;
      this.host.requestUpdate();
      return true;
    }
    if (event.key === 'Enter' && this.open && this.active >= 0) {
      const chosen = this.items[this.active];
      this.close(true);
      return chosen;
    }
    if (event.key === 'Escape' && this.open) {
      this.close();
      return true;
    }
    return false;
  }
}

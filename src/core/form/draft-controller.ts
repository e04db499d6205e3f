/**
 * Keeps a form's draft: saved a moment after each change of its model's
 * values, at once when the page is hidden or the form leaves it, erased when
 * the request was recorded or the person starts again.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { eraseDraft, readDraft, writeDraft } from './draft.js';
import type { FormModel } from './form-model.js';
import type { FormValues } from './values.js';

const DELAY = 400;

export class DraftController implements ReactiveController {
  #timer?: ReturnType<typeof setTimeout>;
  readonly #flush = () => this.flush();

  /**
   * The draft's storage key for the data loaded (see `draftKey`), set by the form when
   * it starts; undefined while there is nothing to keep (no data yet, an external enrolment).
   */
  key?: string;

  constructor(
    host: ReactiveControllerHost,
    private readonly model: FormModel,
  ) {
    host.addController(this);
    model.subscribe((change) => {
      if (change === 'values') this.#schedule();
    });
  }

  /** Keeps the draft under `key` from now on, and gives what is stored there for these fields. */
  open(key: string | undefined, known: FormValues): FormValues | undefined {
    this.flush();
    this.key = key;
    return key ? readDraft(key, known) : undefined;
  }

  /** Saves now what waits to be saved. */
  flush(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const key = this.key;
    if (key) writeDraft(key, this.model.serialise());
  }

  /** Forgets the draft (the request was recorded, or the person starts again). */
  erase(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const key = this.key;
    if (key) eraseDraft(key);
  }

  hostConnected(): void {
    globalThis.addEventListener?.('pagehide', this.#flush);
  }

  hostDisconnected(): void {
    globalThis.removeEventListener?.('pagehide', this.#flush);
    this.flush();
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#flush, DELAY);
  }
}

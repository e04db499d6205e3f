/**
 * Sends a form's request: once per submission whatever the clicks, with the
 * model's Idempotency-Key kept through every retry, aborted when the form
 * leaves the page. A 422 puts the server's errors on their fields; another
 * failure keeps the values and offers a retry.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SendOptions } from '../../api/client.js';
import { CampusApiError, isAbort } from '../../api/errors.js';
import type { FormModel } from './form-model.js';

export type FormPhase = 'editing' | 'sending' | 'failed' | 'done';

export interface SubmitOptions<TRequest, TReceipt> {
  /** Sends the request (the client's call). */
  send(request: TRequest, options: SendOptions): Promise<TReceipt>;
  /** Milliseconds before one attempt gives up (the form's `timeout`). */
  timeout?(): number | undefined;
  /** Before sending, with the valid request; false: the host page takes the sending over. */
  submitting?(request: TRequest): boolean;
  /** After a refused submission (the validators' or the server's errors): the summary takes focus. */
  refused?(): void;
  /** The request was recorded (or the host gave the receipt). */
  succeeded?(receipt: TReceipt): void;
  /** The sending failed (a 422 included). */
  failed?(error: unknown): void;
}

export class SubmitController<TRequest, TReceipt> implements ReactiveController {
  phase: FormPhase = 'editing';
  /** Why the last sending failed. */
  error?: unknown;
  /** The receipt shown, once recorded. */
  receipt?: TReceipt;
  #controller?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly model: FormModel<TRequest>,
    private readonly options: SubmitOptions<TRequest, TReceipt>,
  ) {
    host.addController(this);
  }

  /** Validates and sends; a call while one is sending, or after the receipt, does nothing. */
  async submit(): Promise<void> {
    if (this.phase === 'sending' || this.receipt !== undefined || !this.model.ready) return;
    const request = this.model.check();
    if (request === undefined) {
      this.#set('editing');
      this.options.refused?.();
      return;
    }
    const idempotencyKey = this.model.idempotencyKey(request);
    if (this.options.submitting?.(request) === false) return;
    this.error = undefined;
    this.#set('sending');
    const controller = new AbortController();
    this.#controller = controller;
    try {
      const receipt = await this.options.send(request, { idempotencyKey, signal: controller.signal, timeout: this.options.timeout?.() });
      this.showReceipt(receipt);
    } catch (error) {
      if (controller.signal.aborted || isAbort(error)) {
        this.#set('editing');
        return;
      }
      const serverErrors = error instanceof CampusApiError && error.status === 422 ? error.problem?.errors : undefined;
      if (serverErrors?.length) {
        this.model.showErrors(serverErrors);
        this.#set('editing');
        this.options.refused?.();
      } else {
        this.error = error;
        this.#set('failed');
      }
      this.options.failed?.(error);
    } finally {
      if (this.#controller === controller) this.#controller = undefined;
    }
  }

  /** Shows a receipt: after a sending, or when a host that took the sending over got one. */
  showReceipt(receipt: TReceipt): void {
    this.receipt = receipt;
    this.error = undefined;
    this.#set('done');
    this.options.succeeded?.(receipt);
  }

  /** Back to editing (the person starts again). */
  reset(): void {
    if (this.phase === 'sending') return;
    this.error = undefined;
    this.#set('editing');
  }

  hostDisconnected(): void {
    this.#controller?.abort();
  }

  #set(phase: FormPhase): void {
    this.phase = phase;
    this.host.requestUpdate();
  }
}

/**
 * The states every widget shares, drawn the same way everywhere: an error
 * with its retry, and the note for items left out.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { CampusApiError } from '../api/errors.js';
import type { MessageKey } from '../locales/types.js';
import type { Localizer } from './locale.js';

/** The message for a failed request, from the error's kind and status. */
export function errorMessageKey(error: unknown): MessageKey {
  if (!(error instanceof CampusApiError)) return 'core.error.server';
  switch (error.kind) {
    case 'network':
      return 'core.error.network';
    case 'timeout':
      return 'core.error.timeout';
    case 'invalid-response':
      return 'core.error.invalid';
    case 'setup':
      return 'core.error.setup';
    default:
      if (error.status === 404) return 'core.error.notFound';
      if (error.status === 429 || error.status === 503) return 'core.error.busy';
      return 'core.error.server';
  }
}

/**
 * An error block with a retry button (when the error may pass); `role="alert"` so it is
 * announced when it appears. A form's sending failure is the same block with its own
 * part, a lead-in (`form.send.failed`) and its own retry label.
 */
export function errorState(
  i18n: Localizer,
  error: unknown,
  retry?: () => void,
  options: { part?: string; lead?: MessageKey; retryLabel?: MessageKey } = {},
): TemplateResult {
  const retryable = !(error instanceof CampusApiError) || error.retryable;
  const message = i18n.t(errorMessageKey(error));
  return html`<div class="state error" part=${options.part ?? 'error'} role="alert">
    <p>${options.lead ? `${i18n.t(options.lead)} ${message}` : message}</p>
    ${retry && retryable
      ? html`<button type="button" class="button secondary" part="retry" @click=${retry}>${i18n.t(options.retryLabel ?? 'core.retry')}</button>`
      : nothing}
  </div>`;
}

/** A discreet note when unreadable items were left out. */
export function partialNote(i18n: Localizer, dropped: number): TemplateResult | typeof nothing {
  return dropped > 0 ? html`<p class="note" part="partial-note">${i18n.t('core.partial', { count: dropped })}</p>` : nothing;
}

/** An http(s) URL, or undefined: nothing else may become a link or an image. */
export function safeUrl(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

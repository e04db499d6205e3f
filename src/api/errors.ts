/**
 * The client's typed errors. Widgets choose their message and whether to
 * offer a retry from `kind`; `problem` carries the server's RFC 9457 body.
 */
import type { Problem } from './schemas.js';

/**
 * `setup`: the API root does not lead to a campus API — the catalogue or its
 * vocabularies answered 404, or an answer was not JSON (a web page): the
 * widget's `api-base` (or the page's setting) is wrong, not the data.
 */
export type ApiErrorKind = 'network' | 'timeout' | 'http' | 'invalid-response' | 'setup' | 'aborted';

export class CampusApiError extends Error {
  override readonly name = 'CampusApiError';

  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly details: {
      status?: number;
      problem?: Problem;
      /** Seconds the server asked to wait (Retry-After), when it did. */
      retryAfter?: number;
      url?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: details.cause });
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get problem(): Problem | undefined {
    return this.details.problem;
  }

  /** Whether trying again later may succeed (a 4xx other than 408/429 will not). */
  get retryable(): boolean {
    if (this.kind !== 'http') return this.kind !== 'aborted' && this.kind !== 'setup';
    const s = this.status ?? 0;
    return s >= 500 || s === 408 || s === 429;
  }
}

/** Whether an error says the API root is wrong (see `ApiErrorKind`). */
export const isSetupError = (error: unknown): error is CampusApiError => error instanceof CampusApiError && error.kind === 'setup';

export const isAbort = (error: unknown): boolean =>
  (error instanceof CampusApiError && error.kind === 'aborted') ||
  (error instanceof DOMException && error.name === 'AbortError');

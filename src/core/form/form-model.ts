/**
 * What a form holds, in plain TypeScript (no DOM, no Lit: its unit tests run
 * in Node): the values typed, their validation with the request validators
 * the server uses (src/api/validate.ts), the errors by field, the
 * Idempotency-Key of a payload, and the draft's serialisation.
 *
 * Elements render it (field templates are pure functions of it) and change
 * it through its methods; every change is reported to its listeners, which
 * re-render (the host) or save a draft (DraftController).
 */
import type { FieldError } from '../../api/schemas.js';
import type { ValidationResult } from '../../api/validate.js';
import { looksPublicEmail } from './public-email.js';
import { newIdempotencyKey, type FieldValue, type FormValues } from './values.js';

/** An error shown on a field. */
export interface FieldErrorState {
  code: string;
  /** The server's own message, used when the code is not one the library words. */
  message?: string;
}

/** What a form's model needs to know of its request. */
export interface FormSpec<TRequest> {
  /** The request from the values (strings trimmed, empty optional fields left out). */
  request(values: FormValues): Record<string, unknown>;
  /** The shared validation of that request. */
  validate(input: Record<string, unknown>): ValidationResult<TRequest>;
  /** The field an error path belongs to (validators report `training`, forms show `training.title`). */
  fieldOf?(path: string, values: FormValues): string;
  /** Fields whose address is checked for an administration's look (a warning, never an error). */
  publicEmailFields?: readonly string[];
}

/** What changed: the values (a draft is due) or only what is shown. */
export type ModelChange = 'values' | 'state';

/** The version of the draft format; a draft of another version is ignored. */
const DRAFT_VERSION = 1;

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || value === '' || value === false || (Array.isArray(value) && value.length === 0);

export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

/** A draft as stored: the format's version, when it was saved, the values. */
export function serialiseDraft(values: FormValues, savedAt: Date = new Date()): string {
  return JSON.stringify({ v: DRAFT_VERSION, savedAt: savedAt.toISOString(), values });
}

export class FormModel<TRequest = unknown> {
  /** The values typed so far, by field name (a new object at each change). */
  values: FormValues = {};
  /** The errors shown, by field name. */
  errors: Readonly<Record<string, FieldErrorState>> = {};
  /** Fields whose e-mail does not look like an administration's. */
  warnings: Readonly<Record<string, boolean>> = {};
  /** True after a submission was refused: the error summary is shown. */
  showSummary = false;
  /** True when the values came back from a draft (a notice offers to start again). */
  restored = false;
  /** What a bot typed in the hidden field; sent as `website`, so the server drops the request. */
  honeypot = '';

  #spec?: FormSpec<TRequest>;
  #initial: FormValues = {};
  #key?: string;
  #keyBody?: string;
  readonly #listeners = new Set<(change: ModelChange) => void>();

  /** Calls `listener` after each change; returns the unsubscribe function. */
  subscribe(listener: (change: ModelChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(change: ModelChange): void {
    for (const listener of [...this.#listeners]) listener(change);
  }

  /** Whether the form has its request's description (its data loaded). */
  get ready(): boolean {
    return this.#spec !== undefined;
  }

  /**
   * Starts (or restarts, for new data) with these fields and starting values, then the
   * draft's; values already typed for the same fields stay.
   */
  start(spec: FormSpec<TRequest>, initial: FormValues, draft?: FormValues): void {
    const kept: FormValues = {};
    for (const name of Object.keys(initial)) {
      if (name in this.values && !sameValue(this.values[name], initial[name])) kept[name] = this.values[name];
    }
    // An empty draft value never erases a non-empty starting one: a draft saved
    // before any session was chosen must not undo the host's `session-id`.
    const restored: FormValues = {};
    for (const [name, value] of Object.entries(draft ?? {})) {
      if (!(name in initial) || (isEmpty(value) && !isEmpty(initial[name]))) continue;
      restored[name] = value;
    }
    this.#spec = spec;
    this.#initial = initial;
    this.values = { ...initial, ...restored, ...kept };
    this.restored = draft !== undefined && !Object.keys(kept).length;
    this.#changed('state');
  }

  /** Back to the starting values: no draft, no error, no warning. */
  reset(): void {
    this.values = { ...this.#initial };
    this.errors = {};
    this.warnings = {};
    this.showSummary = false;
    this.restored = false;
    this.honeypot = '';
    // The starting values are not a draft: nothing to save.
    this.#changed('state');
  }

  /** Sets values as if typed; a field already in error is checked again at once. */
  set(changes: FormValues): void {
    const next = { ...this.values };
    const changed = Object.keys(changes).filter((name) => !sameValue(next[name], changes[name]));
    if (!changed.length) return;
    for (const name of changed) next[name] = changes[name];
    this.values = next;
    for (const name of changed) if (this.errors[name]) this.#checkField(name);
    this.#changed('values');
  }

  /** The request the values make, as the element would send it (honeypot included). */
  request(): Record<string, unknown> {
    if (!this.#spec) return {};
    const input = this.#spec.request(this.values);
    if (this.honeypot) input.website = this.honeypot;
    return input;
  }

  /** The field an error of the validators or the server belongs to. */
  fieldOf(path: string): string {
    return this.#spec?.fieldOf?.(path, this.values) ?? path;
  }

  /**
   * A field left: checked when it holds something or already shows an error (an empty
   * field left untouched is not an error yet); an e-mail field gets its warning.
   * `value` is what the input holds when it is one item of a list.
   */
  leave(name: string, value: FieldValue | undefined = this.values[name]): void {
    if (!isEmpty(value) || this.errors[name]) this.#checkField(name);
    if (this.#spec?.publicEmailFields?.includes(name)) {
      const email = String(value ?? '').trim();
      const warn = Boolean(email) && !this.errors[name] && !looksPublicEmail(email);
      if (warn !== Boolean(this.warnings[name])) this.warnings = { ...this.warnings, [name]: warn };
    }
    this.#changed('state');
  }

  #checkField(name: string): void {
    if (!this.#spec) return;
    const { errors } = this.#spec.validate(this.request());
    const found = errors.find((e) => this.fieldOf(e.field) === name);
    const current = this.errors[name];
    if (!found && !current) return;
    if (found && current?.code === found.code) return;
    const next = { ...this.errors };
    if (found) next[name] = { code: found.code };
    else delete next[name];
    this.errors = next;
  }

  /**
   * Validates the whole request before sending: the request when it is valid (errors
   * cleared), else undefined with every error on its field and the summary shown.
   */
  check(): TRequest | undefined {
    if (!this.#spec) return undefined;
    const { value, errors } = this.#spec.validate(this.request());
    if (errors.length || value === undefined) {
      this.showErrors(errors);
      return undefined;
    }
    this.errors = {};
    this.showSummary = false;
    this.#changed('state');
    return value;
  }

  /** Shows errors (the validators' or the server's 422), one per field, with the summary. */
  showErrors(errors: readonly FieldError[]): void {
    const next: Record<string, FieldErrorState> = {};
    for (const error of errors) next[this.fieldOf(error.field)] ??= { code: error.code, message: error.message };
    this.errors = next;
    this.showSummary = true;
    this.#changed('state');
  }

  /**
   * The Idempotency-Key of a request: the same for the same payload, through every
   * retry; a new one when a value changed (another payload is another request).
   */
  idempotencyKey(request: TRequest): string {
    const body = JSON.stringify(request);
    if (body !== this.#keyBody || !this.#key) {
      this.#key = newIdempotencyKey();
      this.#keyBody = body;
    }
    return this.#key;
  }

  /** Renames (or, with undefined, drops) the errors shown: they follow a list item that moved. */
  moveErrors(rename: (name: string) => string | undefined): void {
    const next: Record<string, FieldErrorState> = {};
    for (const [name, error] of Object.entries(this.errors)) {
      const to = rename(name);
      if (to !== undefined) next[to] = error;
    }
    this.errors = next;
    this.#changed('state');
  }

  /** The draft of the values (never the honeypot), as stored text. */
  serialise(savedAt: Date = new Date()): string {
    return serialiseDraft(this.values, savedAt);
  }

  /** The values of a stored draft, keeping only known fields of the expected shape. */
  static parseDraft(raw: string | null | undefined, known: FormValues): FormValues | undefined {
    if (!raw) return undefined;
    try {
      const parsed = JSON.parse(raw) as { v?: number; values?: Record<string, unknown> };
      if (parsed?.v !== DRAFT_VERSION || !parsed.values || typeof parsed.values !== 'object') return undefined;
      const values: FormValues = {};
      for (const [name, expected] of Object.entries(known)) {
        const value = parsed.values[name];
        if (Array.isArray(expected)) {
          if (Array.isArray(value) && value.every((v) => typeof v === 'string')) values[name] = value as string[];
        } else if (typeof value === typeof expected) {
          values[name] = value as string | boolean;
        }
      }
      return Object.keys(values).length ? values : undefined;
    } catch {
      return undefined;
    }
  }
}

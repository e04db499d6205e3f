/**
 * The draft a form keeps in sessionStorage while a person types, so a reload
 * (or a crash of the host page) loses nothing. sessionStorage dies with the
 * tab: a shared computer does not keep an agent's data for the next person.
 * Storage may be missing or full (private modes, quotas): every call fails
 * silently, the form works without a draft. The format is the model's
 * (`FormModel.serialise`, `FormModel.parseDraft`).
 */
import { FormModel, serialiseDraft } from './form-model.js';
import type { FormValues } from './values.js';

const PREFIX = 'campus-widgets:draft:';

export function draftKey(form: string, scope: string): string {
  return `${PREFIX}${form}:${scope}`;
}

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** Reads a draft, keeping only values of the expected shape for known fields. */
export function readDraft(key: string, known: FormValues): FormValues | undefined {
  try {
    return FormModel.parseDraft(storage()?.getItem(key), known);
  } catch {
    return undefined;
  }
}

/** Writes a draft: the values, or a serialised draft (`FormModel.serialise()`). */
export function writeDraft(key: string, draft: FormValues | string): void {
  try {
    storage()?.setItem(key, typeof draft === 'string' ? draft : serialiseDraft(draft));
  } catch {
    // Quota or privacy mode: the form goes on without a draft.
  }
}

export function eraseDraft(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // Nothing to erase.
  }
}

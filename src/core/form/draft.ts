/**
 * The draft a form keeps in sessionStorage while a person types, so a reload
 * (or a crash of the host page) loses nothing. sessionStorage dies with the
 * tab: a shared computer does not keep an agent's data for the next person.
 * Storage may be missing or full (private modes, quotas): every call fails
 * silently, the form works without a draft.
 */
import type { FormValues } from './values.js';

const PREFIX = 'campus-widgets:draft:';
const VERSION = 1;

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
  let raw: string | null | undefined;
  try {
    raw = storage()?.getItem(key);
  } catch {
    return undefined;
  }
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as { v?: number; values?: Record<string, unknown> };
    if (parsed?.v !== VERSION || !parsed.values || typeof parsed.values !== 'object') return undefined;
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

export function writeDraft(key: string, values: FormValues): void {
  try {
    storage()?.setItem(key, JSON.stringify({ v: VERSION, savedAt: new Date().toISOString(), values }));
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

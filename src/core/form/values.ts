/** The values a form holds: text, a checkbox, or a set of choices. */
export type FieldValue = string | boolean | string[];
export type FormValues = Record<string, FieldValue>;

export const text = (values: FormValues, name: string): string => {
  const v = values[name];
  return typeof v === 'string' ? v : '';
};

export const flag = (values: FormValues, name: string): boolean => values[name] === true;

export const list = (values: FormValues, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v : [];
};

/** The trimmed text, or undefined when empty: optional request fields are left out. */
export const optional = (values: FormValues, name: string): string | undefined => text(values, name).trim() || undefined;

/** The id of a field's input inside the shadow root. */
export const fieldId = (name: string): string => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** A fresh Idempotency-Key; `randomUUID` needs a secure context, so fall back on random bytes. */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') {
    try {
      return c.randomUUID();
    } catch {
      // Not a secure context: below.
    }
  }
  const bytes = c.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

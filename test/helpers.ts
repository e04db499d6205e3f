/**
 * Shared test helpers: the reference API runs on another origin than the
 * test page (see web-test-runner.config.mjs), in its test mode.
 */
import { clearCache } from '../src/api/client.js';

declare global {
  // eslint-disable-next-line no-var
  var __CAMPUS_TEST_API__: string;
}

/** The reference server's origin, e.g. http://127.0.0.1:41234. */
export const API_ORIGIN: string = globalThis.__CAMPUS_TEST_API__;
/** The value to give `api-base` (the library appends /v1). */
export const API_BASE = `${API_ORIGIN}/api`;

/**
 * An API root whose answers carry a fault, e.g. `faultBase('status=503,retry-after=1')`,
 * `faultBase('delay=3000')`, `faultBase('malformed')`, `faultBase('status=500,times=1,key=abc')`.
 */
export function faultBase(modifiers: string): string {
  return `${API_ORIGIN}/test/${modifiers}/api`;
}

/** What the reference server stored, read through its test-mode endpoint. */
export async function records<T = Record<string, unknown>>(
  kind: 'enrolments' | 'trainer-applications',
  email?: string,
): Promise<T[]> {
  const url = new URL(`${API_ORIGIN}/test/records/${kind}`);
  if (email) url.searchParams.set('email', email);
  const response = await fetch(url);
  const body = (await response.json()) as { items: T[] };
  return body.items;
}

/** A unique e-mail per test, so tests never see each other's records. */
export function uniqueEmail(name = 'agent'): string {
  return `${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}@finances.gouv.fr`;
}

/** Polls until `predicate` is truthy (for effects that span several renders). */
export async function until<T>(predicate: () => T | Promise<T>, message = 'condition', timeout = 8000): Promise<NonNullable<T>> {
  const start = performance.now();
  for (;;) {
    const value = await predicate();
    if (value) return value as NonNullable<T>;
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Starts each test with an empty page-wide cache, so requests are observable. */
export function freshCache(): void {
  clearCache();
}

/** Counts the requests the page makes to the API through fetch, by URL. */
export function spyFetch(): { calls: string[]; restore(): void } {
  const original = window.fetch;
  const calls: string[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    return original.call(window, input, init);
  };
  return { calls, restore: () => void (window.fetch = original) };
}

/** Records the AbortSignal of every fetch the page makes, to see requests aborted. */
export function watchSignals(): { signals: AbortSignal[]; restore(): void } {
  const original = window.fetch;
  const signals: AbortSignal[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    if (init?.signal) signals.push(init.signal);
    return original.call(window, input, init);
  };
  return { signals, restore: () => void (window.fetch = original) };
}

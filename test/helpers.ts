/**
 * Shared test helpers: the reference API runs on another origin than the
 * test page (see web-test-runner.config.mjs), in its test mode.
 */
import { clearCache } from '../src/api/client.js';
import type { Course, Session } from '../src/api/schemas.js';
import { enrolState } from '../src/api/sessions.js';

declare global {
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

/** A short unique token (ids, markers, search words) so tests never see each other's data. */
export const unique = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** A node's text as a reader sees it: whitespace collapsed, trimmed ('' when there is no node). */
export const text = (node: Element | ShadowRoot | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** An element's shadow root (the widgets always have one). */
export const sr = (el: Element): ShadowRoot => el.shadowRoot!;

/** The first match of `selector` in an element's shadow root. */
export const q = <T extends Element = HTMLElement>(el: Element, selector: string): T | null => sr(el).querySelector<T>(selector);

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A GET on the reference API's v1 (its JSON). */
export const apiGet = async <T = unknown>(path: string): Promise<T> => (await fetch(`${API_BASE}/v1${path}`)).json() as Promise<T>;

let requestable: Promise<{ course: Course; session: Session }> | undefined;

/**
 * A course of the seed that takes requests through the campus without a
 * manager's approval, and its session with the most seats that takes a
 * request now (not full: the request is not waitlisted). Found once per test file.
 */
export function requestableCourse(): Promise<{ course: Course; session: Session }> {
  requestable ??= (async () => {
    const page = await apiGet<{ items: Course[] }>('/courses?pageSize=100&sort=title');
    let best: { course: Course; session: Session; seats: number } | undefined;
    for (const course of page.items) {
      if (course.enrolment.mode !== 'request' || course.managerApproval) continue;
      const { items } = await apiGet<{ items: Session[] }>(`/courses/${encodeURIComponent(course.id)}/sessions`);
      for (const session of items) {
        if (enrolState(session) !== 'request' || session.status !== 'open') continue;
        const seats = session.seatsLeft ?? 10000;
        if (!best || seats > best.seats) best = { course, session, seats };
      }
    }
    if (!best) throw new Error('The seed data has no course taking requests');
    return { course: best.course, session: best.session };
  })();
  return requestable;
}

/** Waits for the running transitions and finite animations inside a widget (axe reads blended colours otherwise). */
export async function stillness(el: Element): Promise<void> {
  const roots: (Element | ShadowRoot)[] = [];
  const collect = (node: Element | ShadowRoot) => {
    for (const child of node.querySelectorAll('*')) if (child.shadowRoot) collect(child.shadowRoot);
    roots.push(node);
  };
  if (el.shadowRoot) collect(el.shadowRoot);
  const animations = roots.flatMap((r) => ('getAnimations' in r ? (r as ShadowRoot).getAnimations() : []));
  const finite = animations.filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity));
  await Promise.race([Promise.all(finite.map((a) => a.finished.catch(() => undefined))), new Promise((r) => setTimeout(r, 1000))]);
}

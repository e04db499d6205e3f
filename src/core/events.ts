/**
 * The one way widgets talk to their host: typed `CustomEvent`s named
 * `campus-*` that bubble out of shadow roots. Each element declares its
 * events in `HTMLElementEventMap`, which types both `emit` and the host's
 * `addEventListener`.
 */
import type { Course } from '../api/schemas.js';

export type CampusEventName = Extract<keyof HTMLElementEventMap, `campus-${string}`>;
export type CampusEventDetail<K extends CampusEventName> =
  HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never;

/**
 * Dispatches a campus event from `target`. Returns false when a listener
 * cancelled a cancelable event: the widget then leaves the action to the host.
 */
export function emit<K extends CampusEventName>(
  target: EventTarget,
  type: K,
  detail: CampusEventDetail<K>,
  options: { cancelable?: boolean } = {},
): boolean {
  const event = new CustomEvent(type, {
    detail,
    bubbles: true,
    composed: true,
    cancelable: options.cancelable ?? false,
  });
  // dispatchEvent reports a listener's exception itself and goes on, so a
  // faulty host listener cannot break the widget's own flow.
  return target.dispatchEvent(event);
}

/** `campus-load`: what a widget finished loading (a course, or a list's total and items left out). */
export type CampusLoadDetail = { course?: Course; total?: number; dropped?: number };
/** `campus-error`: a load failed; `message` is the text the widget shows. */
export type CampusErrorDetail = { error: unknown; message: string };

declare global {
  interface HTMLElementEventMap {
    'campus-load': CustomEvent<CampusLoadDetail>;
    'campus-error': CustomEvent<CampusErrorDetail>;
  }
}

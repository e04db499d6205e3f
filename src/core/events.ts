/**
 * The one way widgets talk to their host: typed `CustomEvent`s named
 * `campus-*` that bubble out of shadow roots. Each event is declared once in
 * `HTMLElementEventMap`, with its detail type, in the module that dispatches
 * it (here: the load events every widget shares); that declaration types both
 * `emit` and the host's `addEventListener`, so no dispatch needs a cast.
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
/**
 * `campus-error` (a load failed) and the forms' `campus-*-error` (a sending failed): the
 * error, and `message`, the text the widget shows about it.
 */
export type CampusErrorDetail = { error: unknown; message: string };

declare global {
  interface HTMLElementEventMap {
    'campus-load': CustomEvent<CampusLoadDetail>;
    'campus-error': CustomEvent<CampusErrorDetail>;
  }
}

/** Fires `campus-load` from a widget that finished loading. */
export function emitLoad(target: EventTarget, detail: CampusLoadDetail): void {
  emit(target, 'campus-load', detail);
}

/** Fires `campus-error` from a widget whose load failed, with the text it shows. */
export function emitError(target: EventTarget, error: unknown, message: string): void {
  emit(target, 'campus-error', { error, message });
}

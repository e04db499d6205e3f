/**
 * The one way widgets talk to their host: typed `CustomEvent`s named
 * `campus-*` that bubble out of shadow roots. Each element declares its
 * events in `HTMLElementEventMap`, which types both `emit` and the host's
 * `addEventListener`.
 */

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

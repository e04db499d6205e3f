/**
 * `campus-widgets/analytics/matomo`: the widgets' events to Matomo's queue
 * (`_paq.push(['trackEvent', category, action, name?, value?])`), with no
 * personal data (see ./analytics.ts for what is sent).
 *
 * @example
 * import { trackCampusEvents, matomo } from 'campus-widgets/analytics/matomo';
 * trackCampusEvents(matomo());
 */
import type { AnalyticsAdapter } from './analytics.js';

export { CATEGORIES, TRACKED_EVENTS, trackCampusEvents, type AnalyticsAdapter, type AnalyticsEvent, type TrackOptions } from './analytics.js';

/** Matomo's command queue: an array until matomo.js loads, then Matomo's own object with `push`. */
export interface MatomoQueue {
  push(command: unknown[]): unknown;
}

/**
 * An adapter for Matomo. Without `queue`, `window._paq` is read at each event (created as an
 * array when missing), so the module may load before or after Matomo's tag.
 */
export function matomo(queue?: MatomoQueue): AnalyticsAdapter {
  return {
    track({ category, action, name, value }) {
      const paq = queue ?? ((globalThis as { _paq?: MatomoQueue })._paq ??= [] as unknown[][]);
      const command: unknown[] = ['trackEvent', category, action];
      if (name !== undefined || value !== undefined) command.push(name);
      if (value !== undefined) command.push(value);
      paq.push(command);
    },
  };
}

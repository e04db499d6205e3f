/**
 * The rules of a session's availability, one home for the widgets and the
 * reference server: whether it takes requests (its status and registration
 * window), whether a request goes on the waiting list, and what its seats say.
 * Plain functions of the data, without Lit or the DOM.
 */

/** What the rules read of a session (the server's own records have the same fields). */
export interface SessionFacts {
  status: string;
  slots: readonly { start: string }[];
  seatsLeft?: number;
  registrationOpens?: string;
  registrationCloses?: string;
}

/** Statuses that never take a request, whatever the dates. */
const NOT_OFFERED: ReadonlySet<string> = new Set(['closed', 'cancelled']);

/** The start of a session's first day, in ms (NaN when unreadable). */
export const sessionStart = (session: Pick<SessionFacts, 'slots'>): number => Date.parse(session.slots[0]?.start ?? '');

/** Whether a status takes requests at all (closed and cancelled do not). */
export const statusTakesRequests = (status: string): boolean => !NOT_OFFERED.has(status);

/** Whether no seat is left: a request then goes on the waiting list. */
export const isFull = (session: Pick<SessionFacts, 'status' | 'seatsLeft'>): boolean =>
  session.status === 'full' || session.status === 'waitlist' || session.seatsLeft === 0;

/** What a reader can do about a session now. */
export type EnrolState = 'request' | 'waitlist' | 'closed' | 'opens';

/**
 * A session's state for a new request: `closed` (status, started, or its
 * registration closed), `opens` (registration not open yet), `waitlist`
 * (full: the request is waitlisted) or `request`.
 */
export function enrolState(session: SessionFacts, now: number = Date.now()): EnrolState {
  if (!statusTakesRequests(session.status) || sessionStart(session) < now) return 'closed';
  if (session.registrationCloses && Date.parse(session.registrationCloses) < now) return 'closed';
  if (session.registrationOpens && Date.parse(session.registrationOpens) > now) return 'opens';
  return isFull(session) ? 'waitlist' : 'request';
}

/** Whether a session can still take a request (it may become a waiting-list request). */
export const isOffered = (session: SessionFacts, now: number = Date.now()): boolean => {
  const state = enrolState(session, now);
  return state === 'request' || state === 'waitlist';
};

/** What a session's seats say: full, waiting list, seats left (a count), or another status. */
export type SeatState = 'full' | 'waitlist' | 'seats' | 'status';

/**
 * The seat line of a session from its status and seats left: `waitlist`,
 * `full` (full, or open with no seat left), `seats` (open with a known count),
 * `status` (any other status, shown by its label); undefined for an open
 * session whose seats are not counted.
 */
export function seatState(status: string, seatsLeft: number | undefined): SeatState | undefined {
  if (status === 'waitlist') return 'waitlist';
  if (status === 'full' || (status === 'open' && seatsLeft === 0)) return 'full';
  if (status === 'open') return seatsLeft === undefined ? undefined : 'seats';
  return 'status';
}

/** Sessions by their first day's start. */
export const byStart = (a: Pick<SessionFacts, 'slots'>, b: Pick<SessionFacts, 'slots'>): number => sessionStart(a) - sessionStart(b);

/**
 * A session's place as its parts, in order: name, address, and the city unless the
 * address already holds it (« 27 boulevard Charles-Moretti, 13006 Marseille » is not
 * followed by « Marseille » again). The course page, the form and the calendar file
 * say the place alike.
 */
export function placeParts(location: { name?: string; address?: string; city?: string } | undefined): string[] {
  if (!location) return [];
  const { name, address, city } = location;
  const inAddress = Boolean(city && address?.toLocaleLowerCase('fr').includes(city.toLocaleLowerCase('fr')));
  return [name, address, inAddress ? undefined : city].filter((part): part is string => Boolean(part?.trim()));
}

let dayFormats: Map<string, Intl.DateTimeFormat> | undefined;

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  dayFormats ??= new Map();
  let format = dayFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      // An unknown zone: the campus's own.
      format = timeZone === 'Europe/Paris' ? undefined : dayFormat('Europe/Paris');
      if (!format) throw new RangeError(`time zone ${timeZone}`);
    }
    dayFormats.set(timeZone, format);
  }
  return format;
}

/**
 * The calendar day (`YYYY-MM-DD`) an instant falls on where a session is held:
 * a session starting at 23:30 in Montréal on 31 March starts in March there,
 * whatever the reader's clock says. The month and period filters read it.
 */
export function dayIn(iso: string, timeZone: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  const parts = dayFormat(timeZone).formatToParts(time);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * The calendar file of a request (RFC 5545), one builder for the widget's
 * "add to my calendar" download and the service's invitations (RFC 5546), so
 * both carry the same UID and the same SEQUENCE for the same session.
 *
 * The multi-day model: one event per request, its UID `<reference>@<domain>`
 * never changes. The first day is the event (DTSTART/DTEND); every day is an
 * RDATE, and every other day also an override (RECURRENCE-ID, with its own
 * start and end) so days of different lengths keep their hours. A calendar that expands
 * recurrences shows each day of the session; SEQUENCE is the session's
 * version, so a changed session updates the event, and CANCEL removes it.
 *
 * - Times are written in UTC (`…Z`): no VTIMEZONE is needed and every
 *   calendar shows them in its reader's own zone.
 * - STATUS: a request is not always a place. `accepted` and `submitted` (a seat
 *   set aside) give CONFIRMED; anything else, known or not, gives TENTATIVE.
 * - Lines end with CRLF, text is escaped (`\\`, `;`, `,`, new lines) and lines
 *   longer than 75 octets are folded without cutting a UTF-8 character.
 */

export interface IcsEvent {
  start: string | Date;
  end: string | Date;
}

export interface IcsInput {
  /** The request's reference: the UID is `<reference>@<domain>`. */
  reference: string;
  /** The request's status (submitted, accepted, waitlisted, pending_manager…). */
  status: string;
  /** When this version was made: DTSTAMP. */
  stamp: string | Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  days: readonly IcsEvent[];
  /** The session's version: SEQUENCE (0 when unknown). */
  sequence?: number;
  /** PUBLISH for a download (the default), REQUEST for an invitation, CANCEL to withdraw it. */
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  /** An invitation's organiser and attendee (REQUEST and CANCEL). */
  organizer?: { name: string; email: string };
  attendee?: { name: string; email: string };
  /** The domain that makes UIDs globally unique. */
  uidDomain?: string;
}

export const DEFAULT_UID_DOMAIN = 'campus.numerique.gouv.fr';

/** The UID of a request's event, the same in every file made for it. */
export const icsUid = (reference: string, domain = DEFAULT_UID_DOMAIN) => `${reference}@${domain}`;

/** The iCalendar STATUS for a request status; see the module's comment. */
export function icsStatus(status: string): 'CONFIRMED' | 'TENTATIVE' {
  return status === 'submitted' || status === 'accepted' ? 'CONFIRMED' : 'TENTATIVE';
}

/** A date-time in UTC, basic format: 20260303T083000Z. */
export function icsDate(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid date: ${String(value)}`);
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function icsEscape(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (CN=…): quoted, with what RFC 5545 forbids in it removed. */
const icsParam = (value: string) => `"${value.replace(/["\r\n\\]/g, '')}"`;
/** A mailto: URI with nothing that could end the line. */
const mailto = (email: string) => `mailto:${email.replace(/[\s"<>]/g, '')}`;

const encoder = new TextEncoder();

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 sequence. */
export function icsFold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  // The first line holds 75 octets; continuation lines begin with a space and hold 74 more.
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = ' ';
      octets = 1;
      limit = 75;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}

/** The whole calendar, CRLF line endings included. */
export function buildIcs(input: IcsInput): string {
  const method = input.method ?? 'PUBLISH';
  const uid = icsEscape(icsUid(input.reference, input.uidDomain));
  const stamp = icsDate(input.stamp);
  const sequence = Math.max(0, Math.floor(input.sequence ?? 0));
  const status = method === 'CANCEL' ? 'CANCELLED' : icsStatus(input.status);
  const [first, ...others] = input.days;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Campus du numérique public//campus-widgets//FR', 'CALSCALE:GREGORIAN', `METHOD:${method}`];
  const event = (day: IcsEvent, master: boolean) => {
    lines.push('BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${stamp}`, `SEQUENCE:${sequence}`);
    if (!master) lines.push(`RECURRENCE-ID:${icsDate(day.start)}`);
    lines.push(`DTSTART:${icsDate(day.start)}`, `DTEND:${icsDate(day.end)}`);
    // The first day too: RFC 5545 counts DTSTART once anyway, and some readers (ical.js) expand RDATE alone.
    if (master && others.length) lines.push(`RDATE:${input.days.map((d) => icsDate(d.start)).join(',')}`);
    lines.push(`SUMMARY:${icsEscape(input.summary)}`);
    if (input.location) lines.push(`LOCATION:${icsEscape(input.location)}`);
    if (input.description) lines.push(`DESCRIPTION:${icsEscape(input.description)}`);
    if (input.url) lines.push(`URL:${input.url.replace(/[\r\n]/g, '')}`);
    if (method !== 'PUBLISH' && input.organizer) lines.push(`ORGANIZER;CN=${icsParam(input.organizer.name)}:${mailto(input.organizer.email)}`);
    if (method !== 'PUBLISH' && input.attendee) {
      lines.push(`ATTENDEE;CN=${icsParam(input.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:${mailto(input.attendee.email)}`);
    }
    lines.push(`STATUS:${status}`, 'TRANSP:OPAQUE', 'END:VEVENT');
  };
  if (first) {
    event(first, true);
    for (const day of others) event(day, false);
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(icsFold).join('\r\n')}\r\n`;
}

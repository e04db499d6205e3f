/**
 * The "add to my calendar" file of an enrolment receipt: an iCalendar
 * (RFC 5545) document with one VEVENT per day of the session.
 *
 * - Times are written in UTC (`…Z`), so no VTIMEZONE is needed and every
 *   calendar shows them in its reader's own zone.
 * - STATUS: a request is not always a place. `waitlisted` (a waiting list)
 *   and `pending_manager` (waiting for the manager's approval) give
 *   TENTATIVE; `submitted`, where the server has set a seat aside for the
 *   request, gives CONFIRMED. Any status the library does not know gives
 *   TENTATIVE: when in doubt, the calendar must not promise a place.
 * - Lines end with CRLF, text is escaped (`\\`, `;`, `,`, new lines) and lines
 *   longer than 75 octets are folded without cutting a UTF-8 character.
 */

export interface IcsEvent {
  start: string | Date;
  end: string | Date;
}

export interface IcsInput {
  /** The receipt's reference: each UID is `<reference>-<day>@<domain>`. */
  reference: string;
  /** The receipt's status (submitted, waitlisted, pending_manager…). */
  status: string;
  /** When the receipt was made: DTSTAMP. */
  stamp: string | Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  days: readonly IcsEvent[];
  /** The domain that makes UIDs globally unique. */
  uidDomain?: string;
}

/** The iCalendar STATUS for an enrolment status; see the module's comment. */
export function icsStatus(status: string): 'CONFIRMED' | 'TENTATIVE' {
  return status === 'submitted' ? 'CONFIRMED' : 'TENTATIVE';
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
  const domain = input.uidDomain ?? 'campus.numerique.gouv.fr';
  const stamp = icsDate(input.stamp);
  const status = icsStatus(input.status);
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Campus du numérique public//campus-widgets//FR', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  input.days.forEach((day, index) => {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${icsEscape(`${input.reference}-${index + 1}@${domain}`)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icsDate(day.start)}`,
      `DTEND:${icsDate(day.end)}`,
      `SUMMARY:${icsEscape(input.summary)}`,
    );
    if (input.location) lines.push(`LOCATION:${icsEscape(input.location)}`);
    if (input.description) lines.push(`DESCRIPTION:${icsEscape(input.description)}`);
    if (input.url) lines.push(`URL:${input.url.replace(/[\r\n]/g, '')}`);
    lines.push(`STATUS:${status}`, 'TRANSP:OPAQUE', 'END:VEVENT');
  });
  lines.push('END:VCALENDAR');
  return `${lines.map(icsFold).join('\r\n')}\r\n`;
}

/**
 * Dates and times, one module for every element: page-wide cached `Intl`
 * formatters, dates in the time zone where the event takes place, session
 * days with their hours, and the zone's name when it is not the reader's.
 */

type Format = Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat | Intl.PluralRules;

// Building an Intl formatter costs far more than using one, and a catalogue
// formats thousands of dates and numbers: formatters (and plural rules) are shared page-wide.
const formatters = new Map<string, Format>();

/** A page-wide formatter for a tag and options; throws (nothing stored) on an unknown zone or currency. */
export function cachedFormat<F extends Format, O extends object>(Ctor: new (tag: string, options?: O) => F, tag: string, options?: O): F {
  const key = `${Ctor.name}|${tag}|${options ? JSON.stringify(options) : ''}`;
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = new Ctor(tag, options);
    if (formatters.size >= 200) formatters.delete(formatters.keys().next().value as string);
    formatters.set(key, formatter);
  }
  return formatter;
}

const dateFormat = (tag: string, options: Intl.DateTimeFormatOptions, timeZone?: string): Intl.DateTimeFormat => {
  try {
    return cachedFormat(Intl.DateTimeFormat, tag, { ...options, timeZone });
  } catch {
    // An unknown time zone: the reader's own rather than nothing.
    return cachedFormat(Intl.DateTimeFormat, tag, options);
  }
};

const toDate = (value: string | Date): Date | undefined => {
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? undefined : date;
};

const FRENCH = /^fr(?:-|$)/i;
/** A "1" standing alone: only then may a date hold the first of a month. */
const LONE_ONE = /(?:^|\D)1(?!\d)/;

/**
 * A date in `tag`'s language, in the time zone where the event takes place ('' when unreadable).
 * French writes the first of the month as an ordinal, « 1er avril » (never « 01/04 »): `Intl` does not.
 */
export function formatDate(tag: string, value: string | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }, timeZone?: string): string {
  const date = toDate(value);
  if (!date) return '';
  const format = dateFormat(tag, options, timeZone);
  const text = format.format(date);
  if (!FRENCH.test(tag) || !LONE_ONE.test(text)) return text;
  const parts = format.formatToParts(date);
  if (!parts.some((p) => p.type === 'month' && !/^\d+$/.test(p.value))) return text;
  return parts.map((p) => (p.type === 'day' && p.value === '1' ? '1er' : p.value)).join('');
}

/** A range of times, e.g. "9 h 30 – 12 h 30" ('' when unreadable). */
export function formatTimeRange(tag: string, start: string, end: string, timeZone?: string, options: Intl.DateTimeFormatOptions = { timeStyle: 'short' }): string {
  const from = toDate(start);
  const to = toDate(end);
  return from && to ? dateFormat(tag, options, timeZone).formatRange(from, to) : '';
}

/** The reader's own time zone, when the browser tells it. */
export const readerZone: string | undefined = (() => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
})();

/** A zone's offset from UTC on a date, e.g. "GMT+01:00" (undefined for an unknown zone). */
function offsetOn(timeZone: string, date: Date): string | undefined {
  try {
    return cachedFormat(Intl.DateTimeFormat, 'en', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value;
  } catch {
    return undefined;
  }
}

/** Cities whose French name is not their IANA spelling. */
const FRENCH_CITIES: Readonly<Record<string, string>> = {
  Montreal: 'Montréal',
  Reunion: 'La Réunion',
  Noumea: 'Nouméa',
  Brussels: 'Bruxelles',
  London: 'Londres',
  Lisbon: 'Lisbonne',
  Vienna: 'Vienne',
  Warsaw: 'Varsovie',
  Athens: 'Athènes',
  Mexico_City: 'Mexico',
  Sao_Paulo: 'São Paulo',
};

/**
 * How a zone is named to a reader, the same in every widget and in the e-mails: by its
 * city ("Paris", "Montréal"), which does not change with summer time; a zone with no city
 * (UTC, Etc/GMT-1) by its offset, e.g. "UTC+1".
 */
export interface ZoneName {
  city?: string;
  offset: string;
}

export function zoneOf(tag: string, timeZone: string, date: Date): ZoneName {
  const city = /^(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)\//.test(timeZone) ? timeZone.split('/').pop()! : undefined;
  let offset = '';
  try {
    offset =
      cachedFormat(Intl.DateTimeFormat, tag, { timeZone, timeZoneName: 'short' })
        .formatToParts(date)
        .find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    offset = timeZone;
  }
  if (!city) return { offset };
  return { city: (FRENCH.test(tag) ? FRENCH_CITIES[city] : undefined) ?? city.replace(/_/g, ' '), offset };
}

/**
 * The time zone to show a date in when only an ISO timestamp is known: its
 * offset as an `Etc/GMT` zone (whole hours), so a session on 10 March at
 * 23:30 in Paris stays on 10 March for a reader in Montréal.
 */
export function zoneFromOffset(iso: string): string | undefined {
  if (/z$/i.test(iso)) return 'UTC';
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (!m || m[3] !== '00') return undefined;
  const hours = Number(m[2]);
  if (hours === 0) return 'UTC';
  // Etc/GMT zones count the other way round: UTC+1 is Etc/GMT-1.
  return `Etc/GMT${m[1] === '+' ? '-' : '+'}${hours}`;
}

const DAY: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
const LONG_DAY: Intl.DateTimeFormatOptions = { dateStyle: 'long' };
const DAY_AND_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'full', timeStyle: 'short' };

/**
 * One day of a session in the session's time zone: "lundi 15 mars 2027, 09:00 – 12:30"
 * (both ends in full when it spans midnight), and the zone when the reader's is not at
 * the same offset that day (Paris and Berlin read alike: no zone).
 */
export function slotText(tag: string, slot: { start: string; end: string }, timeZone: string): { time: string; zone?: ZoneName } {
  const sameDay = formatDate(tag, slot.start, LONG_DAY, timeZone) === formatDate(tag, slot.end, LONG_DAY, timeZone);
  const time = sameDay
    ? `${formatDate(tag, slot.start, DAY, timeZone)}, ${formatTimeRange(tag, slot.start, slot.end, timeZone)}`
    : `${formatDate(tag, slot.start, DAY_AND_TIME, timeZone)} – ${formatDate(tag, slot.end, DAY_AND_TIME, timeZone)}`;
  const start = toDate(slot.start);
  if (!start) return { time };
  const offset = offsetOn(timeZone, start);
  if (!offset || (readerZone && offset === offsetOn(readerZone, start))) return { time };
  return { time, zone: zoneOf(tag, timeZone, start) };
}

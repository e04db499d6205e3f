/**
 * Civil dates and their UTC offsets, computed from the rules rather than the
 * host's time-zone database so the output never depends on the machine:
 * - Europe/Paris: +01:00, +02:00 from the last Sunday of March to the last Sunday of October;
 * - America/Montreal: −05:00, −04:00 from the second Sunday of March to the first Sunday of November.
 * Sessions are held in the daytime, so the day of the change is already on the new offset.
 */
export type Zone = 'Europe/Paris' | 'America/Montreal';

/** A civil date: year, month (1–12), day. */
export interface Day {
  y: number;
  m: number;
  d: number;
}

const DAY_MS = 86_400_000;

export const dayNumber = (day: Day): number => Date.UTC(day.y, day.m - 1, day.d) / DAY_MS;

export function fromDayNumber(n: number): Day {
  const date = new Date(n * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

export const addDays = (day: Day, days: number): Day => fromDayNumber(dayNumber(day) + days);

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (day: Day): number => new Date(dayNumber(day) * DAY_MS).getUTCDay();

function lastSunday(y: number, m: number): number {
  const last = dayNumber({ y, m: m + 1, d: 1 }) - 1;
  return last - weekday(fromDayNumber(last));
}

function nthSunday(y: number, m: number, n: number): number {
  const first = dayNumber({ y, m, d: 1 });
  return first + ((7 - weekday(fromDayNumber(first))) % 7) + 7 * (n - 1);
}

/** The UTC offset in hours of a civil day in a zone (daytime). */
export function offsetHours(zone: Zone, day: Day): number {
  const n = dayNumber(day);
  if (zone === 'Europe/Paris') {
    return n >= lastSunday(day.y, 3) && n < lastSunday(day.y, 10) ? 2 : 1;
  }
  return n >= nthSunday(day.y, 3, 2) && n < nthSunday(day.y, 11, 1) ? -4 : -5;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** An ISO 8601 date-time with its explicit offset, e.g. "2027-02-03T09:30:00+01:00". */
export function isoAt(zone: Zone, day: Day, hour: number, minute = 0): string {
  const off = offsetHours(zone, day);
  const sign = off < 0 ? '-' : '+';
  return `${day.y}-${pad(day.m)}-${pad(day.d)}T${pad(hour)}:${pad(minute)}:00${sign}${pad(Math.abs(off))}:00`;
}

export const formatDay = (day: Day): string => `${day.y}-${pad(day.m)}-${pad(day.d)}`;

/** Checks an offset against the host's ICU data; used by the builder as a second opinion. */
export function icuOffsetMinutes(zone: Zone, iso: string): number {
  const instant = new Date(iso);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)!.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - instant.getTime()) / 60_000);
}

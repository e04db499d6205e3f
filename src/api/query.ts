/**
 * The catalogue query: one encoding shared by the client (request URLs and
 * cache keys), the reference server (parsing) and catalogue-list (the page's
 * query string), so equal queries always produce equal URLs.
 */

export const LIST_FILTERS = ['expertise', 'audience', 'mode', 'kind', 'organisation', 'partner', 'level'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

export const SORTS = ['relevance', 'title', 'start', 'updated'] as const;
export type Sort = (typeof SORTS)[number];

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 12;

/**
 * Filters on a course's sessions (additive in v1): a course matches when one
 * of its sessions, neither cancelled nor over, meets all of them at once.
 * `month`: starts in one of these months (`YYYY-MM`, in the session's time zone);
 * `city`, `region` (ISO 3166-2) and `online` are one place filter: a session
 * in any of the cities, in any of the regions, or online.
 */
export const SESSION_FILTERS = ['month', 'city', 'region'] as const;
export type SessionFilter = (typeof SESSION_FILTERS)[number];

/** The longest period `withinMonths` accepts; a longer one is shortened to it. */
export const MAX_WITHIN_MONTHS = 24;
/** « Dans les 3 prochains mois » : the period the list offers, and the one the service counts when a query names none. */
export const SOON_MONTHS = 3;
/** Values kept per session filter, and their length: the rest is left out, never refused. */
const MAX_VALUES = 20;
const MAX_VALUE_LENGTH = 100;

export interface CourseQuery extends Partial<Record<ListFilter, string[]>>, Partial<Record<SessionFilter, string[]>> {
  q?: string;
  free?: boolean;
  /** A session starting on or after this day (`YYYY-MM-DD`, in the session's time zone). */
  from?: string;
  /** A session starting on or before this day (`YYYY-MM-DD`, in the session's time zone). */
  to?: string;
  /** A session starting from now to this many months ahead (1–24): « dans les 3 prochains mois » is 3. */
  withinMonths?: number;
  /** A session held online (or hybrid); with `city` or `region`, either place. */
  online?: boolean;
  /** A session taking requests now, by the one rule of `sessions.ts` (`isOffered`). */
  open?: boolean;
  sort?: Sort;
  page?: number;
  pageSize?: number;
}

const clean = (values: readonly string[] | undefined): string[] =>
  [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))].sort();

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Whether a value is a month `YYYY-MM`. */
export const isMonth = (value: string): boolean => MONTH.test(value);

/** Whether a value is a calendar day `YYYY-MM-DD` that exists (no 31 April). */
export function isDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return date.getUTCDate() === +m[3];
}

/** The values of a session filter as kept: well-formed, at most 20 of at most 100 characters. */
function sessionValues(name: SessionFilter, values: readonly string[] | undefined): string[] {
  const kept = clean(values).filter((v) => v.length <= MAX_VALUE_LENGTH && (name !== 'month' || isMonth(v)));
  return (name === 'region' ? clean(kept.map((v) => v.toUpperCase())) : kept).slice(0, MAX_VALUES);
}

const withinMonths = (n: number | undefined): number | undefined =>
  n !== undefined && Number.isFinite(n) && n >= 1 ? Math.min(Math.floor(n), MAX_WITHIN_MONTHS) : undefined;

/** Whether a query filters on sessions. */
export function hasSessionFilters(query: CourseQuery): boolean {
  return Boolean(
    SESSION_FILTERS.some((name) => query[name]?.length) || query.from || query.to || query.withinMonths || query.online || query.open,
  );
}

/** Canonical search parameters: sorted keys and values, defaults left out. */
export function encodeQuery(query: CourseQuery, prefix = ''): URLSearchParams {
  const params = new URLSearchParams();
  const q = query.q?.trim().replace(/\s+/g, ' ');
  if (q) params.append(`${prefix}q`, q);
  for (const name of LIST_FILTERS) {
    for (const value of clean(query[name])) params.append(prefix + name, value);
  }
  if (query.free) params.append(`${prefix}free`, 'true');
  for (const name of SESSION_FILTERS) {
    for (const value of sessionValues(name, query[name])) params.append(prefix + name, value);
  }
  if (query.from && isDay(query.from)) params.append(`${prefix}from`, query.from);
  if (query.to && isDay(query.to)) params.append(`${prefix}to`, query.to);
  const within = withinMonths(query.withinMonths);
  if (within) params.append(`${prefix}withinMonths`, String(within));
  if (query.online) params.append(`${prefix}online`, 'true');
  if (query.open) params.append(`${prefix}open`, 'true');
  if (query.sort && query.sort !== 'relevance') params.append(`${prefix}sort`, query.sort);
  if (query.page && query.page > 1) params.append(`${prefix}page`, String(Math.floor(query.page)));
  if (query.pageSize) params.append(`${prefix}pageSize`, String(Math.floor(query.pageSize)));
  params.sort();
  return params;
}

const positiveInt = (raw: string | null): number | undefined => {
  if (raw === null || !/^\d{1,6}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 1 ? n : undefined;
};

/**
 * Reads a query leniently: unknown parameters are ignored, a filter given
 * several times or comma-separated matches any of its values.
 */
export function decodeQuery(params: URLSearchParams, prefix = ''): CourseQuery {
  const query: CourseQuery = {};
  const q = params.get(`${prefix}q`)?.trim();
  if (q) query.q = q;
  for (const name of LIST_FILTERS) {
    const values = clean(params.getAll(prefix + name).flatMap((v) => v.split(',')));
    if (values.length) query[name] = values;
  }
  const flag = (name: string) => ['true', '1'].includes(params.get(prefix + name) ?? '');
  if (flag('free')) query.free = true;
  for (const name of SESSION_FILTERS) {
    const values = sessionValues(name, params.getAll(prefix + name).flatMap((v) => v.split(',')));
    if (values.length) query[name] = values;
  }
  for (const name of ['from', 'to'] as const) {
    const day = params.get(prefix + name)?.trim();
    if (day && isDay(day)) query[name] = day;
  }
  const within = withinMonths(positiveInt(params.get(`${prefix}withinMonths`)));
  if (within) query.withinMonths = within;
  if (flag('online')) query.online = true;
  if (flag('open')) query.open = true;
  const sort = params.get(`${prefix}sort`);
  if (sort && (SORTS as readonly string[]).includes(sort)) query.sort = sort as Sort;
  const page = positiveInt(params.get(`${prefix}page`));
  if (page) query.page = page;
  const pageSize = positiveInt(params.get(`${prefix}pageSize`));
  if (pageSize) query.pageSize = Math.min(pageSize, MAX_PAGE_SIZE);
  return query;
}

/** Splits an attribute such as `expertise="data, cybersecurite"` into values. */
export function splitList(value: string | null | undefined): string[] {
  return clean((value ?? '').split(','));
}

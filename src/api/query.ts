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

export interface CourseQuery extends Partial<Record<ListFilter, string[]>> {
  q?: string;
  free?: boolean;
  sort?: Sort;
  page?: number;
  pageSize?: number;
}

const clean = (values: readonly string[] | undefined): string[] =>
  [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))].sort();

/** Canonical search parameters: sorted keys and values, defaults left out. */
export function encodeQuery(query: CourseQuery, prefix = ''): URLSearchParams {
  const params = new URLSearchParams();
  const q = query.q?.trim().replace(/\s+/g, ' ');
  if (q) params.append(`${prefix}q`, q);
  for (const name of LIST_FILTERS) {
    for (const value of clean(query[name])) params.append(prefix + name, value);
  }
  if (query.free) params.append(`${prefix}free`, 'true');
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
  const free = params.get(`${prefix}free`);
  if (free === 'true' || free === '1') query.free = true;
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

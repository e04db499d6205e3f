/**
 * The catalogue-list's state as plain data: how the host's presets and the
 * reader's own filters make one query, how that state travels in the page's
 * query string, and which page numbers the pagination shows.
 */
import { encodeQuery, decodeQuery, LIST_FILTERS, SESSION_FILTERS, type CourseQuery, type ListFilter, type Sort } from '../api/query.js';

/** The parent of an expertise (a sub-theme's expertise), when known. */
export type ParentOf = (id: string) => string | undefined;

/** The parameter (after the prefix) of the course open in the list's dialog. */
const COURSE_KEY = 'course';
/** The reader's choices on sessions: no preset has them, they pass as chosen. */
export const SESSION_CHOICES = [...SESSION_FILTERS, 'from', 'to', 'withinMonths', 'online', 'open'] as const;
/** The parameter names the list owns in the page's query string (after its prefix). */
const URL_KEYS: ReadonlySet<string> = new Set(['q', ...LIST_FILTERS, ...SESSION_CHOICES, 'free', 'sort', 'page', 'pageSize', COURSE_KEY]);

/** Every expertise above `id`, closest first. */
export function ancestors(id: string, parentOf: ParentOf): string[] {
  const out: string[] = [];
  for (let p = parentOf(id); p && !out.includes(p) && out.length < 10; p = parentOf(p)) out.push(p);
  return out;
}

/** Whether a value the reader picked narrows the preset values of its filter. */
export function inScope(facet: ListFilter, id: string, preset: readonly string[], parentOf: ParentOf): boolean {
  if (preset.includes(id)) return true;
  return facet === 'expertise' && ancestors(id, parentOf).some((a) => preset.includes(a));
}

/**
 * Values of one filter as sent: an expertise with one of its sub-themes also
 * picked gives way to the sub-theme, so picking a sub-theme narrows (values of
 * one filter match any of them).
 */
export function refine(facet: ListFilter, values: readonly string[], parentOf: ParentOf): string[] {
  if (facet !== 'expertise' || values.length < 2) return [...values];
  const covered = new Set(values.flatMap((v) => ancestors(v, parentOf)));
  return values.filter((v) => !covered.has(v));
}

/**
 * The query sent: the presets are fixed constraints, the reader's choices
 * narrow them (a choice outside a preset is ignored); words of the preset
 * `q` and of the search box must all match.
 */
export function mergeQuery(
  preset: CourseQuery,
  user: CourseQuery,
  options: { sort?: Sort; pageSize: number },
  parentOf: ParentOf,
): CourseQuery {
  const query: CourseQuery = {};
  for (const facet of LIST_FILTERS) {
    const fixed = preset[facet] ?? [];
    const chosen = (user[facet] ?? []).filter((v) => !fixed.length || inScope(facet, v, fixed, parentOf));
    const values = chosen.length ? refine(facet, chosen, parentOf) : fixed;
    if (values.length) query[facet] = values;
  }
  const q = [preset.q, user.q].map((s) => s?.trim()).filter(Boolean).join(' ');
  if (q) query.q = q;
  if (preset.free || user.free) query.free = true;
  for (const name of SESSION_CHOICES) {
    const value = user[name];
    if (Array.isArray(value) ? value.length : value) Object.assign(query, { [name]: value });
  }
  const sort = user.sort ?? options.sort;
  if (sort && sort !== 'relevance') query.sort = sort;
  if (user.page && user.page > 1) query.page = user.page;
  query.pageSize = options.pageSize;
  return query;
}

/** How many choices the reader made (search words count as one). */
export function activeCount(user: CourseQuery): number {
  let n = user.q?.trim() ? 1 : 0;
  for (const facet of [...LIST_FILTERS, ...SESSION_FILTERS]) n += user[facet]?.length ?? 0;
  for (const flag of ['free', 'from', 'to', 'withinMonths', 'online', 'open'] as const) if (user[flag]) n++;
  return n;
}

/** The reader's state as found in a query string (page size is the host's, not the reader's). */
export function readState(search: string, prefix: string): CourseQuery {
  const { pageSize: _ignored, ...state } = decodeQuery(new URLSearchParams(search), prefix);
  return state;
}

/**
 * A query string holding the reader's state under `prefix`, every other
 * parameter of the page kept as it was. The sort is written whenever the
 * reader chose one, so choosing "relevance" over a preset sort survives a reload.
 */
export function writeState(search: string, prefix: string, user: CourseQuery): string {
  const params = new URLSearchParams(search);
  for (const key of [...new Set(params.keys())]) {
    if (key.startsWith(prefix) && URL_KEYS.has(key.slice(prefix.length))) params.delete(key);
  }
  const { sort, pageSize: _ignored, ...rest } = user;
  for (const [key, value] of encodeQuery(rest, prefix)) params.append(key, value);
  if (sort) params.append(`${prefix}sort`, sort);
  return params.toString();
}

/** The course open in the list's dialog, as found in a query string. */
export function readCourse(search: string, prefix: string): string | undefined {
  return new URLSearchParams(search).get(prefix + COURSE_KEY)?.trim() || undefined;
}

/** A query string with the list's open course set (or removed), every other parameter kept. */
export function writeCourse(search: string, prefix: string, id: string | undefined): string {
  const params = new URLSearchParams(search);
  if (id) params.set(prefix + COURSE_KEY, id);
  else params.delete(prefix + COURSE_KEY);
  return params.toString();
}

export type PageItem = number | 'gap';

/** Page numbers to show: the first, the last, the current one and its neighbours; a gap never hides one page only. */
export function pageItems(current: number, total: number): PageItem[] {
  const wanted = [1, current - 1, current, current + 1, total].filter((p) => p >= 1 && p <= total);
  const pages = [...new Set(wanted)].sort((a, b) => a - b);
  const out: PageItem[] = [];
  let previous = 0;
  for (const p of pages) {
    if (p - previous === 2) out.push(previous + 1);
    else if (p - previous > 2) out.push('gap');
    out.push(p);
    previous = p;
  }
  return out;
}

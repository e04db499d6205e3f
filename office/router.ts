/**
 * The office's addresses live after the `#`: `#/demandes?statut=…`,
 * `#/sessions/ID`. The server serves one page; every view can be bookmarked
 * and reloaded, and the back button works.
 */

export interface Route {
  /** `['sessions', 'ID']`. */
  path: string[];
  query: URLSearchParams;
  /** The whole route, to tell a change. */
  key: string;
}

export function parseRoute(hash: string): Route {
  const raw = hash.startsWith('#/') ? hash.slice(2) : '';
  const [path, search = ''] = raw.split('?');
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return { path: segments, query: new URLSearchParams(search), key: raw };
}

export const currentRoute = (): Route => parseRoute(location.hash);

/** The address of a view with its query, e.g. `#/demandes?status=submitted`. */
export function href(path: string, query?: URLSearchParams | Record<string, string | string[] | undefined>): string {
  const search = query instanceof URLSearchParams ? new URLSearchParams(query) : new URLSearchParams();
  if (query && !(query instanceof URLSearchParams)) {
    for (const [k, v] of Object.entries(query)) for (const value of Array.isArray(v) ? v : [v]) if (value) search.append(k, value);
  }
  const text = search.toString();
  return `#/${path}${text ? `?${text}` : ''}`;
}

/** Goes to a view (a new history entry). */
export function navigate(path: string, query?: URLSearchParams | Record<string, string | string[] | undefined>): void {
  location.hash = href(path, query).slice(1);
}

/**
 * Signing in to the office from a Node test, the way a browser does: the
 * office's redirect, the development provider's sign-in form, its redirect
 * back, the session cookie. The office is called in-process (`app.fetch`),
 * the provider over real HTTP, each with its own cookies.
 */
import assert from 'node:assert/strict';
import type { Hono } from 'hono';

export class CookieJar {
  readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** A staff member's browser on the office: its cookies, its CSRF token, its origin. */
export class OfficeBrowser {
  readonly jar = new CookieJar();
  csrf = '';

  constructor(
    readonly app: Hono,
    readonly origin: string,
  ) {}

  async fetch(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.jar.cookies.size) headers.set('Cookie', this.jar.header());
    const method = (init.method ?? 'GET').toUpperCase();
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(init.json);
    }
    if (!['GET', 'HEAD'].includes(method)) {
      if (!headers.has('Origin')) headers.set('Origin', this.origin);
      if (!headers.has('X-CSRF-Token') && this.csrf) headers.set('X-CSRF-Token', this.csrf);
    }
    const response = await this.app.fetch(new Request(this.origin + path, { ...init, method, headers, body, redirect: 'manual' }));
    this.jar.take(response);
    return response;
  }

  get(path: string) {
    return this.fetch(path);
  }

  post(path: string, json: unknown = {}) {
    return this.fetch(path, { method: 'POST', json });
  }

  send(method: 'PUT' | 'PATCH' | 'DELETE', path: string, json?: unknown) {
    return this.fetch(path, { method, ...(json !== undefined ? { json } : {}) });
  }

  /** The session cookie's value (whatever its prefix). */
  sessionCookie(): string | undefined {
    return this.jar.cookies.get('__Host-campus-office') ?? this.jar.cookies.get('campus-office');
  }

  /** Reads `/me` and keeps its CSRF token. */
  async me(): Promise<{ csrfToken: string; expiresAt: string; member: { id: string; email: string; name: string; role: string; organisationId: string | null } }> {
    const response = await this.get('/office/api/me');
    assert.equal(response.status, 200, 'signed in');
    const me = await response.json();
    this.csrf = me.csrfToken;
    return me;
  }
}

/**
 * Goes through the whole sign-in with the development provider; returns where
 * the office sent the browser at the end (`/office/#/…` signed in, or
 * `/office/?connexion=…` when refused).
 */
export async function signIn(browser: OfficeBrowser, login: string, password = 'campus', providerId = 'demo', returnTo = '#/'): Promise<string> {
  const start = await browser.get(`/office/api/auth/login/${providerId}?returnTo=${encodeURIComponent(returnTo)}`);
  assert.equal(start.status, 302, 'the office redirects to the provider');
  const providerJar = new CookieJar();
  let url = new URL(start.headers.get('Location')!);
  const provider = url.origin;
  let method = 'GET';
  let body: string | undefined;
  for (let hops = 0; hops < 20; hops++) {
    if (url.origin !== provider) {
      // Back at the office: its callback, with the office's cookies.
      const back = await browser.get(url.pathname + url.search);
      assert.equal(back.status, 303, 'the callback redirects into the office');
      return back.headers.get('Location')!;
    }
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: { Cookie: providerJar.header(), ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
      body,
    });
    providerJar.take(response);
    method = 'GET';
    body = undefined;
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('Location')!, url);
      continue;
    }
    const html = await response.text();
    const form = /<form method="post" action="([^"]+)"/.exec(html);
    assert.ok(form, `the provider shows its sign-in form (${response.status})`);
    url = new URL(form[1].replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))), url);
    method = 'POST';
    body = new URLSearchParams({ login, password }).toString();
  }
  throw new Error('too many redirects');
}

/** A browser signed in as `login`, with its CSRF token read. */
export async function signedIn(app: Hono, origin: string, login: string, password = 'campus'): Promise<OfficeBrowser> {
  const browser = new OfficeBrowser(app, origin);
  const landing = await signIn(browser, login, password);
  assert.match(landing, /^\/office\/#\//, `${login} is let in (${landing})`);
  await browser.me();
  return browser;
}

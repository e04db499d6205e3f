/**
 * The staff office, mounted at `/office`: its private JSON API under
 * `/office/api/` (same origin, session cookie, no CORS) and its pages (the
 * built `office/` application). Sign-in is the only part that answers
 * without a session; every other route checks the session, the grant behind
 * it, and for a state change the `Origin` and the CSRF token. Without
 * identity providers the whole office answers 503 with what to configure.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ServiceConfig } from '../config.js';
import { problem } from '../http.js';
import type { LiveCatalogue } from '../live-catalogue.js';
import type { LifecycleContext } from '../lifecycle.js';
import type { MailSettings } from '../mail/outbox.js';
import type { Database } from '../storage/database.js';
import { adminRoutes } from './admin.js';
import { applicationRoutes } from './applications.js';
import { messageRoutes } from './messages.js';
import { officeOrigin, OfficeAuth, type OfficeEnv } from './auth.js';
import { notFound, ok, query, readObject } from './common.js';
import { OidcProvider } from './oidc.js';
import { requestRoutes, type OfficeContext } from './requests.js';
import { sessionRoutes } from './sessions.js';
import { officePages, unavailablePage, type PageSource } from './static.js';

export const OFFICE_BODY_LIMIT = 64 * 1024;
/** Sign-ins one client address may start per minute. */
export const SIGN_INS_PER_MINUTE = 30;

/** The office pages' policy: their own scripts and styles only, Trusted Types for the DOM. */
export const OFFICE_CSP: Record<string, string[]> = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
  requireTrustedTypesFor: ["'script'"],
  trustedTypes: ['lit-html'],
};

export interface OfficeOptions {
  config: Pick<ServiceConfig, 'oidcProviders' | 'officeIdleMinutes' | 'officeSessionHours' | 'publicUrl' | 'production'>;
  database: Database;
  lifecycle: LifecycleContext;
  catalogue: LiveCatalogue;
  mail: MailSettings;
  mailSends: boolean;
  /** The address the service listens on, once known. */
  listeningOn: () => string;
  /** The built office pages; none when another server serves them (vite in development). */
  pages?: PageSource;
  /** The client's address, as the service reads it (`TRUSTED_PROXY_HOPS`). */
  clientAddress?: (c: Context) => string | undefined;
  /** Counts a hit in a one-minute window held by the store (so across instances); the window's count. */
  hitRateLimit?: (bucket: string) => Promise<number>;
  now: () => Date;
}

/** Why the office cannot run with these settings, or undefined. */
export function officeUnavailable(config: OfficeOptions['config']): string | undefined {
  if (!config.oidcProviders.length) {
    return 'Le bureau n’a aucun fournisseur d’identité : renseignez OIDC_PROVIDERS (voir le README, « Le bureau du campus »), ou lancez `npm run api -- --demo` pour essayer.';
  }
  if (config.production && !config.publicUrl?.startsWith('https://')) {
    return 'Le bureau demande une adresse publique en https (PUBLIC_URL) : ses cookies sont sécurisés.';
  }
  return undefined;
}

export interface Office {
  app: Hono<OfficeEnv>;
  auth?: OfficeAuth;
}

export function createOffice(options: OfficeOptions): Office {
  const app = new Hono<OfficeEnv>();
  const reason = officeUnavailable(options.config);
  if (reason) {
    app.all('/api/*', () => problem(503, { type: 'office-not-configured', detail: reason }));
    app.all('*', () => unavailablePage(reason));
    return { app };
  }
  const auth = new OfficeAuth({
    database: options.database,
    providers: options.config.oidcProviders.map((s) => new OidcProvider(s)),
    idleMinutes: options.config.officeIdleMinutes,
    sessionHours: options.config.officeSessionHours,
    origin: officeOrigin(options.listeningOn, options.config.publicUrl),
    tooManySignIns: async (c) => {
      const address = options.clientAddress?.(c);
      if (!address || !options.hitRateLimit) return false;
      return (await options.hitRateLimit(`office-sign-in:${address}`)) > SIGN_INS_PER_MINUTE;
    },
    now: options.now,
  });
  const ctx: OfficeContext = { database: options.database, lifecycle: options.lifecycle, catalogue: options.catalogue, mail: options.mail, mailSends: options.mailSends, production: options.config.production, now: options.now };

  const api = new Hono<OfficeEnv>();
  api.use('*', async (c, next) => {
    await next();
    // Personal data: never stored by a browser or a proxy, never indexed.
    c.res.headers.set('Cache-Control', 'no-store');
    c.res.headers.set('X-Robots-Tag', 'noindex');
  });
  api.use('*', bodyLimit({ maxSize: OFFICE_BODY_LIMIT, onError: () => problem(413, { detail: 'Le corps de la requête est trop volumineux.' }) }));

  // Sign-in: the only routes without a session.
  api.get('/auth/providers', () => ok({ items: [...auth.providers.values()].map((p) => ({ id: p.id, label: p.label })) }));
  api.get('/auth/login/:provider', (c) => auth.login(c, c.req.param('provider'), query(c).get('returnTo') ?? undefined));
  api.get('/auth/callback/:provider', (c) => auth.callback(c, c.req.param('provider')));
  api.get('/auth/signed-out', () => new Response(null, { status: 303, headers: { Location: '/office/?connexion=signed_out', 'Cache-Control': 'no-store' } }));

  api.use('*', auth.guard());
  api.post('/auth/logout', async (c) => {
    const body = c.req.header('Content-Type')?.startsWith('application/json') ? await readObject(c) : {};
    if (body instanceof Response) return body;
    const { headers, redirect } = await auth.logout(c, c.get('session'));
    headers.set('Content-Type', 'application/json; charset=utf-8');
    return new Response(JSON.stringify({ redirect }), { status: 200, headers });
  });
  api.route('/', adminRoutes(ctx));
  api.route('/', requestRoutes(ctx));
  api.route('/', sessionRoutes(ctx));
  api.route('/', applicationRoutes(ctx));
  api.route('/', messageRoutes(ctx));
  api.all('*', () => notFound());

  app.route('/api', api);
  if (options.pages) app.route('/', officePages(options.pages));
  return { app, auth };
}

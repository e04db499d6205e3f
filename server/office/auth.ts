/**
 * Signing in to the office and staying signed in: the OpenID Connect
 * redirect and its answer, server-side sessions (a table), the session
 * cookie, and the checks every office request goes through: a live session
 * (idle timeout and absolute lifetime), a live grant (re-read on every
 * request, so a removal takes effect at once), and for a state change, the
 * `Origin` and the session's CSRF token.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { isLoopbackHost } from '../config.js';
import { problem } from '../http.js';
import type { JobDefinition } from '../jobs.js';
import { audit } from '../lifecycle.js';
import type { Database } from '../storage/database.js';
import { memberOf, staffForIdentity, type StaffMember } from './staff.js';
import { SignInError, type OidcProvider } from './oidc.js';
import { verifyLinkSession } from '../pages/link-session.js';

/** A sign-in must come back from the provider within this time. */
export const LOGIN_TTL_MS = 10 * 60_000;
/** `last_seen_at` is written at most this often (one write per minute, not per request). */
const TOUCH_EVERY_MS = 60_000;

const token = () => randomBytes(32).toString('base64url');
const digest = (value: string) => createHash('sha256').update(value).digest('base64url');

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface OfficeSession {
  id: string;
  member: StaffMember;
  csrfToken: string;
  providerId: string;
  createdAt: string;
  expiresAt: string;
}

export type OfficeEnv = { Variables: { member: StaffMember; session: OfficeSession; requestId: string } };

export interface AuthOptions {
  database: Database;
  providers: readonly OidcProvider[];
  idleMinutes: number;
  sessionHours: number;
  /** The origin the browser uses for the office (see `officeOrigin`). */
  origin(c: Context): string;
  /** Whether this client has started too many sign-ins lately (each one stores a row until it ends). */
  tooManySignIns?(c: Context): Promise<boolean>;
  now(): Date;
}

/** Where a sign-in goes back to in the office: one of its own views, or the manager's decision page. */
export function safeReturn(value: string | undefined): string {
  if (value === DECISION_RETURN) return value;
  return value && /^#\/[A-Za-z0-9\-_/?=&%.]{0,300}$/.test(value) ? value : '#/';
}

/**
 * A sign-in started from the manager's decision page: it opens no office
 * session; the address the provider vouches for is kept with the decision's
 * session, and the decision is marked verified when it is the manager's.
 * It uses the office's callback, so the providers need no other redirect URI.
 */
export const DECISION_RETURN = '/decision/';

function backTo(location: string, extra?: Headers): Response {
  const headers = extra ?? new Headers();
  headers.set('Location', location);
  headers.set('Cache-Control', 'no-store');
  return new Response(null, { status: 303, headers });
}

/**
 * The office's cookies. Over https (every deployment): `__Host-` names,
 * `Secure`, `Path=/`, no `Domain`. Over plain http on this machine (development),
 * without `Secure`, so without the prefix, which browsers refuse without it.
 */
export class Cookies {
  constructor(private readonly secure: boolean) {}

  name(base: string): string {
    return this.secure ? `__Host-${base}` : base;
  }

  read(c: Context, base: string): string | undefined {
    const value = getCookie(c, this.name(base));
    return value && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
  }

  set(base: string, value: string, maxAgeSeconds?: number): string {
    const parts = [`${this.name(base)}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
    if (this.secure) parts.push('Secure');
    if (maxAgeSeconds !== undefined) parts.push(`Max-Age=${maxAgeSeconds}`);
    return parts.join('; ');
  }

  clear(base: string): string {
    return this.set(base, '', 0);
  }
}

export const SESSION_COOKIE = 'campus-office';
/** The post-logout redirect URI to declare at the provider: it leads to the office's sign-in page. */
export const SIGNED_OUT_PATH = '/office/api/auth/signed-out';
export const LOGIN_COOKIE = 'campus-office-login';

export class OfficeAuth {
  readonly providers: Map<string, OidcProvider>;

  constructor(private readonly options: AuthOptions) {
    this.providers = new Map(options.providers.map((p) => [p.id, p]));
  }

  cookies(c: Context): Cookies {
    return new Cookies(this.options.origin(c).startsWith('https:'));
  }

  redirectUri(c: Context, providerId: string): string {
    return `${this.options.origin(c)}/office/api/auth/callback/${providerId}`;
  }

  /** Starts a sign-in: remembers state, nonce and verifier, binds them to this browser, redirects. */
  async login(c: Context, providerId: string, returnTo: string | undefined): Promise<Response> {
    const provider = this.providers.get(providerId);
    if (!provider) return problem(404, { detail: "Ce fournisseur d'identité n'est pas configuré." });
    if (await this.options.tooManySignIns?.(c)) {
      return problem(429, { type: 'rate-limited', detail: 'Trop de connexions commencées en peu de temps. Réessayez dans une minute.', headers: { 'Retry-After': '60' } });
    }
    let start;
    try {
      start = await provider.start(this.redirectUri(c, providerId));
    } catch (error) {
      if (error instanceof SignInError) return returnTo === DECISION_RETURN ? backTo(`${DECISION_RETURN}?identification=echec`) : this.backToOffice(c, 'provider_unreachable');
      throw error;
    }
    const browser = token();
    const now = this.options.now();
    await this.options.database.db
      .insertInto('office_logins')
      .values({
        id: digest(start.state),
        provider_id: providerId,
        code_verifier: start.codeVerifier,
        nonce: start.nonce,
        browser_hash: digest(browser),
        return_to: safeReturn(returnTo),
        created_at: now.toISOString(),
      })
      .execute();
    const headers = new Headers({ Location: start.url.toString(), 'Cache-Control': 'no-store' });
    headers.append('Set-Cookie', this.cookies(c).set(LOGIN_COOKIE, browser, LOGIN_TTL_MS / 1000));
    return new Response(null, { status: 302, headers });
  }

  private backToOffice(_c: Context, outcome: string, extra?: Headers): Response {
    return backTo(`/office/?connexion=${outcome}`, extra);
  }

  /** The provider's answer: checks it, finds the grant, opens a new session. */
  async callback(c: Context, providerId: string): Promise<Response> {
    const provider = this.providers.get(providerId);
    if (!provider) return problem(404);
    const cookies = this.cookies(c);
    const headers = new Headers();
    headers.append('Set-Cookie', cookies.clear(LOGIN_COOKIE));
    const query = new URL(c.req.url).searchParams;
    const state = query.get('state');
    const browser = cookies.read(c, LOGIN_COOKIE);
    const { db } = this.options.database;
    const now = this.options.now();
    const login = state
      ? await db.selectFrom('office_logins').selectAll().where('id', '=', digest(state)).where('provider_id', '=', providerId).executeTakeFirst()
      : undefined;
    // Used once, whatever happens next.
    if (login) await db.deleteFrom('office_logins').where('id', '=', login.id).execute();
    if (!login || !browser || !sameSecret(digest(browser), login.browser_hash) || Date.parse(login.created_at) + LOGIN_TTL_MS < now.getTime()) {
      return login?.return_to === DECISION_RETURN ? backTo(`${DECISION_RETURN}?identification=expiree`, headers) : this.backToOffice(c, 'expired', headers);
    }
    const forDecision = login.return_to === DECISION_RETURN;
    if (query.get('error')) return forDecision ? backTo(`${DECISION_RETURN}?identification=annulee`, headers) : this.backToOffice(c, 'cancelled', headers);
    // The answer as the provider addressed it: the office's own origin, never the Host header.
    const callbackUrl = new URL(`${this.redirectUri(c, providerId)}?${query.toString()}`);
    let identity;
    try {
      identity = await provider.finish(callbackUrl, { state: state!, nonce: login.nonce, codeVerifier: login.code_verifier });
    } catch (error) {
      if (error instanceof SignInError) {
        return forDecision ? backTo(`${DECISION_RETURN}?identification=echec`, headers) : this.backToOffice(c, error.code === 'provider_unreachable' ? 'provider_unreachable' : 'failed', headers);
      }
      throw error;
    }
    if (forDecision) {
      const kept = await verifyLinkSession(db, c, 'decision', identity.email, now);
      return backTo(`${DECISION_RETURN}?identification=${kept ? 'ok' : 'expiree'}`, headers);
    }
    const outcome = await staffForIdentity(this.options.database, identity, now);
    if (outcome.kind !== 'granted') return this.backToOffice(c, outcome.kind, headers);
    // A new session id at every sign-in; a session this browser had before ends.
    const previous = cookies.read(c, SESSION_COOKIE);
    const secret = token();
    const at = now.toISOString();
    const expires = new Date(now.getTime() + this.options.sessionHours * 3600_000).toISOString();
    await this.options.database.transaction(async (tx) => {
      if (previous) await tx.deleteFrom('office_sessions').where('id', '=', digest(previous)).execute();
      await tx
        .insertInto('office_sessions')
        .values({
          id: digest(secret),
          staff_id: outcome.member.id,
          provider_id: providerId,
          csrf_token: token(),
          id_token: identity.idToken ?? null,
          created_at: at,
          last_seen_at: at,
          expires_at: expires,
        })
        .execute();
      await audit(tx, now, { kind: 'staff', id: outcome.member.id }, { entity: 'staff', entityId: outcome.member.id, action: 'signed_in' });
    });
    headers.append('Set-Cookie', cookies.set(SESSION_COOKIE, secret, this.options.sessionHours * 3600));
    headers.set('Location', `/office/${login.return_to}`);
    headers.set('Cache-Control', 'no-store');
    return new Response(null, { status: 303, headers });
  }

  /** The session of this request, if it is alive and its grant still stands. */
  async session(c: Context): Promise<OfficeSession | undefined> {
    const secret = this.cookies(c).read(c, SESSION_COOKIE);
    if (!secret) return undefined;
    const now = this.options.now();
    const row = await this.options.database.db
      .selectFrom('office_sessions')
      .innerJoin('office_staff', 'office_staff.id', 'office_sessions.staff_id')
      .selectAll('office_staff')
      .select([
        'office_sessions.id as session_id',
        'office_sessions.csrf_token',
        'office_sessions.provider_id',
        'office_sessions.created_at as session_created_at',
        'office_sessions.last_seen_at',
        'office_sessions.expires_at',
      ])
      .where('office_sessions.id', '=', digest(secret))
      .where('office_staff.removed_at', 'is', null)
      .executeTakeFirst();
    if (!row) return undefined;
    const idle = Date.parse(row.last_seen_at) + this.options.idleMinutes * 60_000 <= now.getTime();
    if (idle || Date.parse(row.expires_at) <= now.getTime()) {
      await this.options.database.db.deleteFrom('office_sessions').where('id', '=', row.session_id).execute();
      return undefined;
    }
    if (now.getTime() - Date.parse(row.last_seen_at) >= TOUCH_EVERY_MS) {
      await this.options.database.db.updateTable('office_sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', row.session_id).execute();
    }
    return {
      id: row.session_id,
      member: memberOf(row),
      csrfToken: row.csrf_token,
      providerId: row.provider_id,
      createdAt: row.session_created_at,
      expiresAt: row.expires_at,
    };
  }

  /** Ends the session here, and returns where the provider ends its own. */
  async logout(c: Context, session: OfficeSession): Promise<{ headers: Headers; redirect: string }> {
    const { db } = this.options.database;
    const row = await db.selectFrom('office_sessions').select('id_token').where('id', '=', session.id).executeTakeFirst();
    const now = this.options.now();
    await this.options.database.transaction(async (tx) => {
      await tx.deleteFrom('office_sessions').where('id', '=', session.id).execute();
      await audit(tx, now, { kind: 'staff', id: session.member.id }, { entity: 'staff', entityId: session.member.id, action: 'signed_out' });
    });
    const headers = new Headers({ 'Cache-Control': 'no-store' });
    headers.append('Set-Cookie', this.cookies(c).clear(SESSION_COOKIE));
    const after = `${this.options.origin(c)}${SIGNED_OUT_PATH}`;
    const provider = this.providers.get(session.providerId);
    const redirect = (provider && (await provider.endSessionUrl(row?.id_token ?? null, after))) ?? '/office/?connexion=signed_out';
    return { headers, redirect };
  }

  /** Every office route but sign-in: a session, then for a state change its Origin and CSRF token. */
  guard(): MiddlewareHandler<OfficeEnv> {
    return async (c, next) => {
      const session = await this.session(c);
      if (!session) {
        return problem(401, { type: 'unauthenticated', detail: 'Votre session a pris fin : reconnectez-vous.' });
      }
      if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
        const origin = c.req.header('Origin');
        if (!origin || origin !== this.options.origin(c)) {
          return problem(403, { type: 'bad-origin', detail: 'Cette action doit venir du bureau lui-même.' });
        }
        const sent = c.req.header('X-CSRF-Token') ?? '';
        if (!sameSecret(sent, session.csrfToken)) {
          return problem(403, { type: 'bad-csrf-token', detail: 'Jeton de sécurité absent ou périmé : rechargez la page.' });
        }
      }
      c.set('session', session);
      c.set('member', session.member);
      await next();
    };
  }
}

/**
 * The office's origin: `PUBLIC_URL` when set; otherwise, on this machine, the
 * origin the browser used (localhost or 127.0.0.1, any port: development);
 * otherwise the address the service listens on.
 */
export function officeOrigin(publicUrl: () => string, configured: string | undefined) {
  return (c: Context): string => {
    if (configured) return configured;
    const url = new URL(c.req.url);
    if (isLoopbackHost(url.hostname)) return url.origin;
    return publicUrl();
  };
}

/** Sign-ins never finished and sessions past their end: removed hourly. */
export const officeCleanupJob = (idleMinutes: number): JobDefinition => ({
  name: 'office-sessions-cleanup',
  everyMs: 3600_000,
  async run({ database, now }) {
    const { db } = database;
    await db.deleteFrom('office_logins').where('created_at', '<', new Date(now.getTime() - LOGIN_TTL_MS).toISOString()).execute();
    await db
      .deleteFrom('office_sessions')
      .where((eb) =>
        eb.or([eb('expires_at', '<=', now.toISOString()), eb('last_seen_at', '<=', new Date(now.getTime() - idleMinutes * 60_000).toISOString())]),
      )
      .execute();
  },
});

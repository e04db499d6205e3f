/**
 * What a signed link opens: its first GET exchanges the token for a cookie
 * (`__Host-`, HttpOnly, SameSite=Lax, Secure) bound to the token's purpose,
 * and redirects to a URL without the token — which then appears in no
 * history, log or Referer. Each session carries a CSRF token that every
 * form posts back.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { TokenRow } from '../links.js';
import type { Runner, Tx } from '../storage/database.js';
import { hashOf } from '../util.js';

/** A link's session lasts two hours: the link itself can be opened again. */
export const LINK_SESSION_MS = 2 * 3600 * 1000;

export type SessionPurpose = 'space' | 'decision' | 'alerts';

export const COOKIE: Record<SessionPurpose, string> = {
  space: '__Host-campus-demandes',
  decision: '__Host-campus-decision',
  alerts: '__Host-campus-alertes',
};

export interface LinkSession {
  token: TokenRow;
  csrf: string;
  /** The address an identity provider vouched for in this session (the decision page). */
  verifiedEmail: string | null;
}

/** Opens a session for a checked token; returns the Set-Cookie header value. */
export async function openLinkSession(tx: Tx, purpose: SessionPurpose, token: TokenRow, now: Date): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await tx
    .insertInto('link_sessions')
    .values({
      id_hash: await hashOf(id),
      token_id: token.id,
      purpose,
      csrf: randomBytes(24).toString('base64url'),
      expires_at: new Date(now.getTime() + LINK_SESSION_MS).toISOString(),
      created_at: now.toISOString(),
    })
    .execute();
  return `${COOKIE[purpose]}=${id}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=${LINK_SESSION_MS / 1000}`;
}

/** The session a request's cookie names, with its token (still valid), if any. */
export async function readLinkSession(db: Runner, c: Context, purpose: SessionPurpose, now: Date): Promise<LinkSession | undefined> {
  const id = getCookie(c, COOKIE[purpose]);
  if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
  const row = await db
    .selectFrom('link_sessions')
    .innerJoin('tokens', 'tokens.id', 'link_sessions.token_id')
    .selectAll('tokens')
    .select(['link_sessions.csrf', 'link_sessions.expires_at as session_expires', 'link_sessions.purpose as session_purpose', 'link_sessions.verified_email'])
    .where('link_sessions.id_hash', '=', await hashOf(id))
    .executeTakeFirst();
  const at = now.toISOString();
  if (!row || row.session_purpose !== purpose || row.session_expires <= at || row.expires_at <= at || row.revoked_at) return undefined;
  const { csrf, session_expires: _e, session_purpose: _p, verified_email, ...token } = row;
  return { token, csrf, verifiedEmail: verified_email };
}

/**
 * Records who signed in for the decision session of this request's cookie
 * (the identity provider's answer comes back to the office's callback, a
 * top-level GET, so the Lax cookie is sent). False without a live session.
 */
export async function verifyLinkSession(db: Runner, c: Context, purpose: SessionPurpose, email: string, now: Date): Promise<boolean> {
  const id = getCookie(c, COOKIE[purpose]);
  if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return false;
  const updated = await db
    .updateTable('link_sessions')
    .set({ verified_email: email })
    .where('id_hash', '=', await hashOf(id))
    .where('purpose', '=', purpose)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** A form's CSRF token and origin, checked: same origin as the service, the session's token. */
export function csrfOk(c: Context, session: LinkSession, form: Record<string, unknown>, publicUrl: string): boolean {
  // Under `Referrer-Policy: no-referrer` browsers send `Origin: null` even from the page itself:
  // then the fetch metadata and the token decide.
  const origin = c.req.header('Origin');
  if (origin && origin !== 'null' && origin !== new URL(publicUrl).origin && origin !== new URL(c.req.url).origin) return false;
  const fetchSite = c.req.header('Sec-Fetch-Site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return false;
  return typeof form.csrf === 'string' && form.csrf.length > 0 && form.csrf === session.csrf;
}

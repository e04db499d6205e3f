/**
 * Signed links: each carries a single-purpose token of 256 random bits, stored
 * only as its SHA-256 with its scope (one request, all requests of one
 * address, one manager decision, one subscription), its expiry and its
 * revocation. No API answer ever carries a token: only messages do.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Runner, Tx } from './storage/database.js';
import type { TokensTable } from './storage/schema.js';
import type { Selectable } from 'kysely';
import { hashOf } from './util.js';

export type LinkPurpose = 'agent_request' | 'agent_all' | 'manager_decision' | 'subscription_confirm' | 'unsubscribe';

const DAY = 24 * 3600 * 1000;

/** How long each kind of link stays valid. */
export const LINK_TTL: Record<LinkPurpose, number> = {
  // The agent's space of a request: as long as the request may matter (a session up to a year ahead).
  agent_request: 400 * DAY,
  agent_all: 7 * DAY,
  manager_decision: 14 * DAY,
  subscription_confirm: 7 * DAY,
  unsubscribe: 3 * 365 * DAY,
};

/** Where each kind of link leads, under the service's public address. */
export const LINK_PATHS: Record<LinkPurpose, string> = {
  agent_request: '/mes-demandes/lien/',
  agent_all: '/mes-demandes/lien/',
  manager_decision: '/decision/lien/',
  subscription_confirm: '/alertes/lien/',
  unsubscribe: '/alertes/desinscription/',
};

export interface LinkTarget {
  enrolmentId?: string;
  emailNorm?: string;
  subscriptionId?: string;
}

export type TokenRow = Selectable<TokensTable>;

/** A new token for `purpose`, stored hashed; returns the token itself (for the message only). */
export async function issueToken(tx: Tx, purpose: LinkPurpose, target: LinkTarget, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx
    .insertInto('tokens')
    .values({
      id: randomUUID(),
      token_hash: await hashOf(token),
      purpose,
      enrolment_id: target.enrolmentId ?? null,
      email_norm: target.emailNorm ?? null,
      subscription_id: target.subscriptionId ?? null,
      expires_at: new Date(now.getTime() + LINK_TTL[purpose]).toISOString(),
      used_at: null,
      revoked_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  return token;
}

/**
 * A text with the tokens of its links replaced: what staff may read of a
 * message (the link is its recipient's key). Tokens are 43 base64url characters.
 */
export function maskTokens(text: string): string {
  const paths = [...new Set(Object.values(LINK_PATHS))].map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return text.replace(new RegExp(`(${paths.join('|')})[A-Za-z0-9_-]{16,}`, 'g'), '$1••••••');
}

/** The link of a token, on the service's public address. */
export const linkUrl = (publicUrl: string, purpose: LinkPurpose, token: string) => `${publicUrl}${LINK_PATHS[purpose]}${token}`;

export type TokenCheck = { ok: true; token: TokenRow } | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'used' };

/** A token as presented: known, of this purpose, not expired, revoked or (for single-use ones) used. */
export async function checkToken(db: Runner, token: string, purposes: readonly LinkPurpose[], now: Date): Promise<TokenCheck> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, reason: 'unknown' };
  const row = await db.selectFrom('tokens').selectAll().where('token_hash', '=', await hashOf(token)).executeTakeFirst();
  if (!row || !purposes.includes(row.purpose as LinkPurpose)) return { ok: false, reason: 'unknown' };
  if (row.revoked_at) return { ok: false, reason: 'revoked' };
  if (row.expires_at <= now.toISOString()) return { ok: false, reason: 'expired' };
  if (row.used_at) return { ok: false, reason: 'used' };
  return { ok: true, token: row };
}

/** Revokes every link of a request (when it is erased, say). */
export async function revokeTokens(tx: Tx, where: LinkTarget, now: Date): Promise<void> {
  let query = tx.updateTable('tokens').set({ revoked_at: now.toISOString() }).where('revoked_at', 'is', null);
  if (where.enrolmentId) query = query.where('enrolment_id', '=', where.enrolmentId);
  if (where.emailNorm) query = query.where('email_norm', '=', where.emailNorm);
  if (where.subscriptionId) query = query.where('subscription_id', '=', where.subscriptionId);
  await query.execute();
}

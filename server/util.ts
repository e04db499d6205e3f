/**
 * Small helpers the routes and the stores share. Web APIs only: the routes
 * also run in the browser, for the static Storybook.
 */

/** JSON with sorted keys, built without recursion (a body may nest thousands deep), so equal bodies hash the same whatever their key order. */
export function stableJson(value: unknown): string {
  const out: string[] = [];
  // Work items: a literal token to write, or a value still to serialise.
  const stack: ({ token: string } | { value: unknown })[] = [{ value }];
  while (stack.length) {
    const item = stack.pop()!;
    if ('token' in item) {
      out.push(item.token);
      continue;
    }
    const v = item.value;
    if (Array.isArray(v)) {
      out.push('[');
      stack.push({ token: ']' });
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push({ value: v[i] });
        if (i > 0) stack.push({ token: ',' });
      }
    } else if (v && typeof v === 'object') {
      out.push('{');
      stack.push({ token: '}' });
      const keys = Object.keys(v).sort();
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push({ value: (v as Record<string, unknown>)[keys[i]] });
        stack.push({ token: `${JSON.stringify(keys[i])}:` });
        if (i > 0) stack.push({ token: ',' });
      }
    } else out.push(JSON.stringify(v) ?? 'null');
  }
  return out.join('');
}

const encoder = new TextEncoder();

/**
 * Node's own crypto when running in Node (synchronous: a digest of a few
 * hundred bytes costs microseconds, where Web Crypto's goes through the
 * thread pool); Web Crypto in a browser, where the Storybook API runs.
 * `getBuiltinModule` keeps bundlers from seeing a `node:` import.
 */
const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as
  | typeof import('node:crypto')
  | undefined;

/** A SHA-256 digest, base64url, cut to 32 characters (192 bits). */
export async function hashOf(input: string | Uint8Array): Promise<string> {
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(input).digest('base64url').slice(0, 32);
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  let binary = '';
  for (const b of digest) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '').slice(0, 32);
}

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A request's reference as agents read it: `CNP-2026-7KQ2M9`. */
export function newReference(now: Date): string {
  const random = crypto.getRandomValues(new Uint8Array(6));
  return `CNP-${now.getUTCFullYear()}-${[...random].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join('')}`;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** One person for one session, or for the course when no session was chosen (an e-mail holds no line break). */
export function enrolmentDedupeKey(request: { email: string; sessionId?: string; courseId: string }): string {
  const email = normaliseEmail(request.email);
  return request.sessionId ? `${email}\nsession:${request.sessionId}` : `${email}\ncourse:${request.courseId}`;
}

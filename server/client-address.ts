/**
 * The client's address, for rate limits. Behind `hops` trusted reverse
 * proxies, each of which appends the address it received from to
 * `X-Forwarded-For`, the client is the entry `hops` from the end: entries
 * further left were written by the client itself and prove nothing.
 */
import type { Context } from 'hono';

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

export function clientAddress(hops: number): (c: Context) => string | undefined {
  return (c) => {
    const socket = (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress;
    if (hops <= 0) return socket;
    const forwarded = (c.req.header('X-Forwarded-For') ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    // Fewer entries than trusted proxies: the request did not come through them all.
    return forwarded.length >= hops ? forwarded[forwarded.length - hops] : socket;
  };
}

/**
 * Running the service in Node: standalone (with graceful shutdown), or
 * mounted in another server (vite's Connect stack, web-test-runner's Koa stack).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, serve } from '@hono/node-server';

/** A web-standard handler: the service's app, or a test harness around it. */
export interface FetchHandler {
  fetch(request: Request): Response | Promise<Response>;
}

export interface Listening {
  /** The origin, e.g. `http://127.0.0.1:8787`. */
  url: string;
  server: Server;
  /**
   * Stops accepting connections and waits for the requests in flight (up to
   * `graceMs`), then closes what is left.
   */
  close(graceMs?: number): Promise<void>;
}

export async function listen(handler: FetchHandler, port = 0, host = '127.0.0.1'): Promise<Listening> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: handler.fetch, port, hostname: host, overrideGlobalObjects: false }, () => resolve(s as Server));
    (s as Server).once('error', reject);
  });
  const { port: bound } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${bound}`,
    server,
    close: (graceMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Idle keep-alive sockets would hold close() until they time out.
        server.closeIdleConnections();
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        timer.unref();
      }),
  };
}

type Listener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function listenerFor(handler: FetchHandler): Listener {
  // Without overrideGlobalObjects: false the adapter replaces the process's Request and Response.
  return getRequestListener(handler.fetch, { overrideGlobalObjects: false }) as Listener;
}

const pathOf = (url: string | undefined) => (url ?? '/').split('?')[0];

/** For vite (`server.middlewares.use(...)`): the paths `handles` accepts go to the handler. */
export function connectMiddleware(handler: FetchHandler, handles: (path: string) => boolean) {
  const listener = listenerFor(handler);
  return (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void => {
    if (!handles(pathOf(req.url))) return next();
    listener(req, res).catch(next);
  };
}

interface KoaContext {
  path: string;
  req: IncomingMessage;
  res: ServerResponse;
  respond?: boolean;
}

/** For web-test-runner's `middleware`: Koa must leave the response to the handler. */
export function koaMiddleware(handler: FetchHandler, handles: (path: string) => boolean) {
  const listener = listenerFor(handler);
  return async (ctx: KoaContext, next: () => Promise<unknown>): Promise<unknown> => {
    if (!handles(ctx.path)) return next();
    ctx.respond = false;
    await listener(ctx.req, ctx.res);
  };
}

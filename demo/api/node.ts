/**
 * Running the reference server in Node: standalone, or mounted in another
 * server (vite's Connect stack, web-test-runner's Koa stack).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp, handlesPath, type SeedData } from './app.js';

export interface ServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  dataDir: string;
  testMode?: boolean;
  data?: SeedData;
  corsOrigins?: '*' | string[];
}

export interface RunningServer {
  /** The origin, e.g. `http://127.0.0.1:8787`; the API is under `/api/v1`. */
  url: string;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const app = createApp({ dataDir: opts.dataDir, testMode: opts.testMode, data: opts.data, corsOrigins: opts.corsOrigins });
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: host, overrideGlobalObjects: false }, () =>
      resolve(s),
    );
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // A request held by a `hang` fault, or a keep-alive socket, would keep close() waiting.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

type Listener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function listenerFor(app: Hono): Listener {
  // Without overrideGlobalObjects: false the adapter replaces the process's Request and Response.
  return getRequestListener(app.fetch, { overrideGlobalObjects: false }) as Listener;
}

const pathOf = (url: string | undefined) => (url ?? '/').split('?')[0];

/** For vite (`server.middlewares.use(connectMiddleware(app))`): the API's paths go to the app. */
export function connectMiddleware(app: Hono) {
  const listener = listenerFor(app);
  return (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void => {
    if (!handlesPath(app, pathOf(req.url))) return next();
    listener(req, res).catch(next);
  };
}

interface KoaContext {
  path: string;
  req: IncomingMessage;
  res: ServerResponse;
  respond?: boolean;
}

/** For web-test-runner's `middleware`: Koa must leave the response to the app. */
export function koaMiddleware(app: Hono) {
  const listener = listenerFor(app);
  return async (ctx: KoaContext, next: () => Promise<unknown>): Promise<unknown> => {
    if (!handlesPath(app, ctx.path)) return next();
    ctx.respond = false;
    await listener(ctx.req, ctx.res);
  };
}

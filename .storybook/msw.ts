/**
 * Preview annotations of the static build (added by main.ts): msw's service
 * worker answers the stories' API requests from the reference app running in
 * the page (./in-browser-api/app.ts), so the published Storybook needs no
 * server. `storybook dev` mounts the real server instead (vite.config.ts).
 */
import type { Preview } from '@storybook/web-components-vite';
import { http } from 'msw';
import { setupWorker } from 'msw/browser';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { app, isApiRequest } from './in-browser-api/app.js';

/**
 * The app reads a request's body as a stream (`request.body`, to count its bytes), which
 * Firefox ESR's Request does not have: give it one, from the buffered body.
 */
async function withBodyStream(request: Request): Promise<Request> {
  if (request.body || request.method === 'GET' || request.method === 'HEAD') return request;
  const bytes = new Uint8Array(await request.clone().arrayBuffer());
  if (!bytes.byteLength) return request;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  Object.defineProperty(request, 'body', { value: body, configurable: true });
  return request;
}

// Every same-origin request the reference server would take: /api/…, /media/…, /test/<faults>/api/…
const apiHandler = http.all(/^[a-z]+:\/\/[^/]+\/(api|media|test)\//, async ({ request }) =>
  isApiRequest(new URL(request.url)) ? app.fetch(await withBodyStream(request)) : undefined,
);

const preview: Preview = {
  loaders: [
    mswLoader(async () => {
      const worker = setupWorker(apiHandler);
      await worker.start({
        quiet: true,
        onUnhandledRequest: 'bypass',
        // Relative to iframe.html, so the build works when published under a sub-path.
        serviceWorker: { url: './mockServiceWorker.js' },
      });
      return worker;
    }),
  ],
};
export default preview;

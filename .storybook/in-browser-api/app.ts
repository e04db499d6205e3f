/// <reference types="vite/client" />
/**
 * The campus service inside the browser, for the published (static)
 * Storybook: the service's own routes (server/app.ts) over the in-memory
 * store of the test harness, fed with the seed JSON imported here (what a
 * story sends is kept for the page's life), inside the test harness for the
 * fault stories. msw's service worker hands it the page's requests
 * (.storybook/msw.ts), so a story reaches `/api`, `/media` and
 * `/test/<faults>/api` without any server.
 */
import { createApp } from '../../server/app.js';
import type { CatalogueData } from '../../server/catalogue.js';
import { LiveCatalogue } from '../../server/live-catalogue.js';
import { createHarness, harnessHandles } from '../../test/support/harness.js';
import { MemoryStorage } from '../../test/support/memory-storage.js';
import audiences from '../../server/data/audiences.json';
import courses from '../../server/data/courses.json';
import expertises from '../../server/data/expertises.json';
import organisations from '../../server/data/organisations.json';
import privacyNotices from '../../server/data/privacy-notices.json';
import sessions from '../../server/data/sessions.json';
import vocabularies from '../../server/data/vocabularies.json';

const svg = import.meta.glob<string>('../../server/data/media/**/*.svg', { query: '?raw', import: 'default', eager: true });
const encoder = new TextEncoder();
const files = new Map(Object.entries(svg).map(([path, content]) => [path.slice(path.indexOf('/media/') + '/media/'.length), encoder.encode(content)]));
const media = (path: string) => files.get(path);

const seed = {
  expertises: expertises.items,
  audiences: audiences.items,
  organisations: organisations.items,
  courses: courses.items,
  sessions: sessions.items,
  privacyNotices: privacyNotices.items,
  vocabularies,
} as unknown as CatalogueData;

const storage = new MemoryStorage(seed);
const catalogue = new LiveCatalogue(storage);
const ready = catalogue.load();
const service = createApp({ storage, catalogue, media, publicUrl: () => location.origin });

export const app = createHarness({
  app: { fetch: async (request) => (await ready, service.fetch(request)) },
  records: (kind, email) => storage.records(kind, email),
  media,
});

/** Whether a URL of this page's origin is the service's (as mounted by Storybook's dev server). */
export function isApiRequest(url: URL): boolean {
  return url.origin === location.origin && harnessHandles(url.pathname);
}

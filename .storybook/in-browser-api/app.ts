/// <reference types="vite/client" />
/**
 * The reference API inside the browser, for the published (static) Storybook:
 * the very app of demo/api/app.ts, built by Vite with node:crypto, node:fs,
 * node:path and node:url replaced by the small shims beside this file (see
 * .storybook/vite.config.ts), fed with the seed JSON imported here, its
 * submissions kept in memory for the page's life. msw's service worker hands
 * it the page's requests (.storybook/msw.ts), so a story reaches `/api`,
 * `/media` and the test mode's `/test/<faults>/api` without any server.
 */
import { createApp, handlesPath } from '../../demo/api/app.js';
import type { SeedData } from '../../demo/api/seed.js';
import audiences from '../../demo/api/data/audiences.json';
import courses from '../../demo/api/data/courses.json';
import expertises from '../../demo/api/data/expertises.json';
import organisations from '../../demo/api/data/organisations.json';
import privacyNotices from '../../demo/api/data/privacy-notices.json';
import sessions from '../../demo/api/data/sessions.json';
import vocabularies from '../../demo/api/data/vocabularies.json';
import { putFile } from './shims/fs.js';

const MEDIA_DIR = '/seed/media';
const media = import.meta.glob<string>('../../demo/api/data/media/**/*.svg', { query: '?raw', import: 'default', eager: true });
for (const [path, content] of Object.entries(media)) {
  putFile(`${MEDIA_DIR}/${path.slice(path.indexOf('/media/') + '/media/'.length)}`, content);
}

const seed = {
  expertises: expertises.items,
  audiences: audiences.items,
  organisations: organisations.items,
  courses: courses.items,
  sessions: sessions.items,
  privacyNotices: privacyNotices.items,
  vocabularies,
  mediaDir: MEDIA_DIR,
} as unknown as SeedData;

export const app = createApp({ data: seed, dataDir: '/memory/submissions', testMode: true });

/** Whether a URL of this page's origin is the API's (as mounted by Storybook's dev server). */
export function isApiRequest(url: URL): boolean {
  return url.origin === location.origin && handlesPath(app, url.pathname);
}

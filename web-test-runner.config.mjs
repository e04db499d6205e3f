// Browser tests: every test file runs in headless Chromium, and in Firefox
// when one is found. The reference API runs on a second origin, as for a real
// embed, in its test mode (fault injection, records readable by tests).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import puppeteer from 'puppeteer-core';
import { register, tsImport } from 'tsx/esm/api';
import { findChromium, findFirefox } from './scripts/browsers.mjs';
import { countReporter } from './scripts/count-reporter.mjs';
import { frameworksPlugin } from './scripts/wtr-frameworks.mjs';
import { cdpPlugin } from './scripts/wtr-cdp.mjs';
import { hostsPlugin } from './scripts/wtr-hosts.mjs';

const { startServer } = await tsImport('./demo/api/node.ts', import.meta.url);
const api = await startServer({ port: 0, host: '127.0.0.1', dataDir: mkdtempSync(join(tmpdir(), 'campus-api-')), testMode: true });

// test/stories.test.ts renders the stories as Storybook does, with `api-base="/api"`:
// the same reference API (test mode, its own data directory) also answers on
// the test runner's origin, for /api/…, /media/… and /test/<faults>/api/… only
// (`handlesPath`); wtr's own /test/*.ts modules fall through to `next()`.
// One tsx namespace for both imports: `handlesPath` knows an app's test mode only from
// the very app.ts module instance that created it (two tsImport calls load two instances).
const storiesApi = register({ namespace: 'campus-stories-api' });
const { createApp } = await storiesApi.import('./demo/api/app.ts', import.meta.url);
const { koaMiddleware } = await storiesApi.import('./demo/api/node.ts', import.meta.url);
const sameOriginApi = koaMiddleware(createApp({ dataDir: mkdtempSync(join(tmpdir(), 'campus-stories-api-')), testMode: true }));

const wanted = (process.env.CAMPUS_BROWSERS ?? 'all').split(',');
const chromium = findChromium();
const firefox = findFirefox();
const browsers = [];
if (chromium && (wanted.includes('all') || wanted.includes('chromium'))) {
  browsers.push(
    chromeLauncher({
      launchOptions: {
        executablePath: chromium,
        headless: true,
        args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      },
    }),
  );
}
if (firefox && (wanted.includes('all') || wanted.includes('firefox'))) {
  browsers.push(
    chromeLauncher({
      puppeteer,
      launchOptions: { browser: 'firefox', executablePath: firefox, headless: true },
    }),
  );
}
if (!browsers.length) throw new Error('No browser found: see scripts/browsers.mjs (CHROME_PATH, FIREFOX_PATH).');

export default {
  files: ['test/**/*.test.ts', '!test/**/*.node.test.ts'],
  nodeResolve: true,
  browsers,
  concurrency: 1,
  concurrentBrowsers: 2,
  testsFinishTimeout: 10 * 60 * 1000,
  testFramework: { config: { timeout: 15000 } },
  middleware: [sameOriginApi],
  browserStartTimeout: 60000,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    { name: 'campus-api', serverStop: () => api.close() },
    frameworksPlugin(),
    cdpPlugin(),
    hostsPlugin({ apiUrl: api.url }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="fr">
  <head><meta charset="utf-8"><script>globalThis.__CAMPUS_TEST_API__ = ${JSON.stringify(api.url)};</script></head>
  <body><script type="module" src="${testFramework}"></script></body>
</html>`,
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countReporter()],
};

// Browser tests: every test file runs in headless Chromium, and in Firefox
// when one is found. The campus service runs on a second origin, as for a real
// embed, inside the test harness (fault injection, records readable by tests).
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import puppeteer from 'puppeteer-core';
import { tsImport } from 'tsx/esm/api';
import { findChromium, findFirefox } from './scripts/browsers.mjs';
import { countReporter } from './scripts/count-reporter.mjs';
import { frameworksPlugin } from './scripts/wtr-frameworks.mjs';
import { cdpPlugin } from './scripts/wtr-cdp.mjs';
import { hostsPlugin } from './scripts/wtr-hosts.mjs';

const { startTestServer, sameOriginMiddleware } = await tsImport('./test/support/test-server.ts', import.meta.url);
// The widgets' files the services serve under /widgets/ (the embed page loads them): built by
// the hosts plugin when the test server starts.
let widgetsDir;
const api = await startTestServer(() => widgetsDir);

// test/stories.test.ts renders the stories as Storybook does, with `api-base="/api"`:
// the same service (its own database) and harness also answer on the test runner's
// origin, for /api/…, /media/… and /test/<faults>/api/… only (`harnessHandles`);
// wtr's own /test/*.ts modules fall through to `next()`.
// Its public address (for image URLs) is the test runner's own: a port chosen here.
const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const sameOrigin = await sameOriginMiddleware(`http://localhost:${port}`, () => widgetsDir);

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
  port,
  files: ['test/**/*.test.ts', '!test/**/*.node.test.ts', '!test/e2e/**'],
  nodeResolve: true,
  browsers,
  concurrency: 1,
  concurrentBrowsers: 2,
  testsFinishTimeout: 10 * 60 * 1000,
  testFramework: { config: { timeout: 15000 } },
  middleware: [sameOrigin.middleware],
  browserStartTimeout: 60000,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    { name: 'campus-api', serverStop: () => Promise.all([api.close(), sameOrigin.close()]) },
    frameworksPlugin(),
    cdpPlugin(),
    hostsPlugin({ apiUrl: api.url, embedUrl: `http://localhost:${port}`, onBuilt: (dir) => (widgetsDir = dir) }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="fr">
  <head><meta charset="utf-8"><script>globalThis.__CAMPUS_TEST_API__ = ${JSON.stringify(api.url)};</script></head>
  <body><script type="module" src="${testFramework}"></script></body>
</html>`,
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countReporter()],
};

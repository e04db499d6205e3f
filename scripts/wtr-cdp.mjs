// A web-test-runner plugin giving browser tests a few Chrome DevTools Protocol
// readings, for the lifecycle suite (test/lifecycle.test.ts):
//
//   executeServerCommand('cdp-counters')
//     → { supported: true, documents, nodes, jsEventListeners, usedSize, totalSize }
//       after a forced garbage collection (HeapProfiler.collectGarbage, twice),
//       read with Memory.getDOMCounters and Runtime.getHeapUsage;
//     → { supported: false, reason } where there is no CDP (Firefox over WebDriver BiDi).
//
// The page is the session's puppeteer page (`session.browser.getPage(id)`, as
// @web/test-runner-chrome's ChromeLauncher exposes it); one CDP session is kept
// per page.

const sessions = new WeakMap();

async function cdpFor(page) {
  let client = sessions.get(page);
  if (!client) {
    client = await page.createCDPSession();
    sessions.set(page, client);
  }
  return client;
}

/** Chromium only: Firefox is driven over WebDriver BiDi, which has no CDP. */
function isChromium(session) {
  const name = String(session.browser?.name ?? '').toLowerCase();
  return session.browser?.type === 'puppeteer' && !name.includes('firefox');
}

export function cdpPlugin() {
  return {
    name: 'campus-cdp',
    async executeCommand({ command, session }) {
      if (command !== 'cdp-counters' && command !== 'cdp-gc') return undefined;
      if (!isChromium(session)) return { supported: false, reason: `no CDP in ${session.browser?.name ?? 'this browser'}` };
      let client;
      try {
        client = await cdpFor(session.browser.getPage(session.id));
      } catch (error) {
        return { supported: false, reason: String(error?.message ?? error) };
      }
      // Twice: a first pass may only queue finalizers (weak references, detached shadow roots).
      await client.send('HeapProfiler.collectGarbage');
      await client.send('HeapProfiler.collectGarbage');
      if (command === 'cdp-gc') return { supported: true };
      const { documents, nodes, jsEventListeners } = await client.send('Memory.getDOMCounters');
      const { usedSize, totalSize } = await client.send('Runtime.getHeapUsage');
      return { supported: true, documents, nodes, jsEventListeners, usedSize, totalSize };
    },
  };
}

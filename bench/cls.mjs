// `node bench/cls.mjs`: how much each demo page jumps while its widgets load.
//
// The demo as `npm start` serves it (vite's dev server, the campus service on its own
// fresh database), with every answer of the API held back 800 ms, as on a slow network.
// Each page is loaded in headless Chromium (Firefox reports no layout shifts) at 1280
// and 375 px wide, in a fresh browser context each time (no cached answer), and a
// PerformanceObserver('layout-shift') sums what moved until the network has been quiet
// for a second. CLS is the web-vitals figure (the worst session window: shifts less
// than 1 s apart, at most 5 s); « total » is every shift added up. The worst of 3 runs
// is what counts (issue 19's goal: below 0.1 on every page, at both widths).
//
// A benchmark reports: it exits 0 whatever the figures, non-zero only when it could not run.
//
//   node bench/cls.mjs [--runs=3] [--delay=800] [--page=atn] [--sources]   (--sources: what moved)
//   CHROME_PATH=/usr/bin/chromium
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as netServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { ensureChromium } from '../scripts/browsers.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? arg.slice(name.length + 3) : fallback;
};
const RUNS = Number(option('runs', '3'));
const DELAY = Number(option('delay', '800'));
const ONLY = option('page', '');
const SOURCES = process.argv.includes('--sources');
const WIDTHS = [1280, 375];
const GOAL = 0.1;

/** Every demo page, and the pages that open one course from their address as well. */
const PAGES = [
  'index.html',
  'index.html?formation=hameconnage-exercice#fiche',
  'intranet-dsfr.html',
  'intranet-dsfr-formation.html?id=cyber-managers-parcours',
  'ecole-partenaire.html',
  'ecole-partenaire.html?formation=seminaire-numerique-justice#fiche',
  'atn-quebec.html',
  'atn-quebec.html?programme=comprendre-ia-service-public#fiche',
  'appel-formateurs.html',
  'integration.html',
  'integrer.html',
].filter((p) => p.includes(ONLY));

const started = performance.now();
const freePort = () =>
  new Promise((done) => {
    const probe = netServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });

// ------------------------------------------------------------ the demo, as `npm start` serves it
const dataDir = mkdtempSync(join(tmpdir(), 'campus-cls-'));
process.env.DATA_DIR = join(dataDir, 'data');
process.env.LOG_REQUESTS = '0';
const { createServer } = await import('vite');
const port = await freePort();
const server = await createServer({
  configFile: join(root, 'vite.config.ts'),
  root,
  logLevel: 'warn',
  server: { port, strictPort: true, host: '127.0.0.1', open: false },
  plugins: [
    {
      // Before the campus service's middleware: each answer of the API leaves late.
      name: 'bench-api-delay',
      enforce: 'pre',
      configureServer(vite) {
        vite.middlewares.use((req, _res, next) => (req.url?.startsWith('/api/') ? setTimeout(next, DELAY) : next()));
      },
    },
  ],
});
await server.listen();
const origin = `http://127.0.0.1:${port}`;

// ------------------------------------------------------------ the measure, installed before any script of the page
function observeShifts() {
  const describe = (node) => {
    if (!node || node.nodeType !== 1) return node?.nodeName ?? '?';
    const host = node.getRootNode() instanceof ShadowRoot ? `${node.getRootNode().host.localName} › ` : '';
    const cls = node.getAttribute('class');
    return `${host}${node.localName}${node.id ? `#${node.id}` : ''}${cls ? `.${cls.trim().split(/\s+/).join('.')}` : ''}`;
  };
  const shifts = [];
  window.__shifts = shifts;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      const rect = (r) => `${Math.round(r.y)}+${Math.round(r.height)}`;
      shifts.push({
        value: entry.value,
        at: entry.startTime,
        scrollY: Math.round(scrollY),
        sources: entry.sources.map((s) => describe(s.node)),
        moves: entry.sources.map((s) => `${rect(s.previousRect)} → ${rect(s.currentRect)}`),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/** The web-vitals CLS: the largest sum of a session window. */
function cls(shifts) {
  let worst = 0;
  let sum = 0;
  let first = -Infinity;
  let last = -Infinity;
  for (const s of shifts) {
    if (s.at - last < 1000 && s.at - first < 5000) sum += s.value;
    else [sum, first] = [s.value, s.at];
    last = s.at;
    worst = Math.max(worst, sum);
  }
  return worst;
}

const executablePath = ensureChromium();
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

async function measure(path, width) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setViewport({ width, height: 800 });
    await page.evaluateOnNewDocument(observeShifts);
    await page.goto(`${origin}/demo/${path}`, { waitUntil: 'load' });
    await page.waitForNetworkIdle({ idleTime: 1000, timeout: 30_000 });
    const shifts = await page.evaluate(() => window.__shifts);
    return { cls: cls(shifts), total: shifts.reduce((a, s) => a + s.value, 0), shifts, errors };
  } finally {
    await context.close();
  }
}

const results = {};
let failed = false;
try {
  // vite transforms each module on its first request, and may optimise dependencies and
  // reload the page then: one visit of each page first, not measured.
  for (const path of PAGES) await measure(path, 1280);
  for (let run = 0; run < RUNS; run++) {
    for (const path of PAGES) {
      for (const width of WIDTHS) {
        const m = await measure(path, width);
        const row = (results[path] ??= {});
        const cell = (row[width] ??= { runs: [], totals: [], sources: new Map(), shifts: [] });
        cell.shifts.push(m.shifts);
        cell.runs.push(m.cls);
        cell.totals.push(m.total);
        for (const s of m.shifts) for (const source of s.sources) cell.sources.set(source, (cell.sources.get(source) ?? 0) + s.value / RUNS);
        for (const e of m.errors) console.error(`${path} (${width} px) : erreur de la page : ${e}`);
      }
    }
  }
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  await browser.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}

// ------------------------------------------------------------ the report
const f = (n) => n.toFixed(3);
console.log(
  `\nDécalages de mise en page (CLS) pendant le chargement : Chromium headless, réponses de l’API retardées de ${DELAY} ms,` +
    `\npire de ${RUNS} passages (contexte neuf à chaque fois) ; entre parenthèses, la somme de tous les décalages.\n`,
);
const header = ['page', ...WIDTHS.map((w) => `${w} px`)];
const rows = Object.entries(results).map(([path, row]) => [
  path,
  ...WIDTHS.map((w) => {
    const c = row[w];
    const worst = Math.max(...c.runs);
    return `${f(worst)} (${f(Math.max(...c.totals))})${worst < GOAL ? '' : ' ✗'}`;
  }),
]);
const widths = header.map((_, i) => Math.max(header[i].length, ...rows.map((r) => r[i].length)));
console.log(header.map((c, i) => c.padEnd(widths[i])).join('  '));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  '));
const worst = Math.max(0, ...Object.values(results).flatMap((row) => WIDTHS.map((w) => Math.max(...row[w].runs))));
console.log(`\nPire CLS : ${f(worst)} (objectif < ${GOAL} sur chaque page, aux deux largeurs : ${worst < GOAL ? 'tenu' : 'NON tenu'}).`);
if (SOURCES) {
  console.log('\nCe qui a bougé (moyenne par passage, par élément) :');
  for (const [path, row] of Object.entries(results)) {
    for (const w of WIDTHS) {
      const moved = [...row[w].sources].sort((a, b) => b[1] - a[1]).slice(0, 6);
      if (moved.length) console.log(`  ${path} (${w} px) : ${moved.map(([s, v]) => `${s} ${f(v)}`).join(' ; ')}`);
    }
  }
}
const [one, five] = loadavg();
console.log(
  `\n${((performance.now() - started) / 1000).toFixed(0)} s ; charge moyenne ${one.toFixed(2)} (1 min), ${five.toFixed(2)} (5 min) sur ${availableParallelism()} cœurs.`,
);
mkdirSync(join(root, '.cache', 'bench'), { recursive: true });
const json = Object.fromEntries(
  Object.entries(results).map(([path, row]) => [path, Object.fromEntries(WIDTHS.map((w) => [w, { runs: row[w].runs, totals: row[w].totals, shifts: row[w].shifts }]))]),
);
writeFileSync(join(root, '.cache', 'bench', 'cls.json'), `${JSON.stringify({ delay: DELAY, runs: RUNS, loadavg: [one, five], pages: json }, null, 2)}\n`);
process.exit(failed ? 1 : 0);

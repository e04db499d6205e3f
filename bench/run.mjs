// `npm run bench`: the browser benchmark (headless Chromium through
// puppeteer-core), then the reference server's /courses benchmark.
//
// Rendering: <catalogue-list> with 24, 200 and 2,000 courses already fetched,
// and a filter change at 2,000 shown (to about a third), each against one
// innerHTML of the same cards' escaped markup, in the same page. Variants are
// interleaved (A B, then B A) in one browser, with a forced GC before each
// sample; figures are medians, ratios are ratios of medians (the per-round
// paired ratios are printed beside them). A benchmark reports: it exits 0
// whatever the verdict, non-zero only when it could not run.
//
//   node bench/run.mjs [--quick] [--no-server] [--check]   (--check: only the DOM checks)
//   node bench/run.mjs --cv=off   (the cards without content-visibility: auto, both sides)
//   node bench/run.mjs --serve [--no-minify]   (only serves the page, to look at it or profile it)
//   CHROME_PATH=/usr/bin/chromium
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { tsImport } from 'tsx/esm/api';
import { build } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const cvOff = process.argv.includes('--cv=off');
const withServer = !process.argv.includes('--no-server');
const serveOnly = process.argv.includes('--serve');
const pageUrl = (origin) => `${origin}/${cvOff ? '?cv=off' : ''}`;
const started = performance.now();
const COURSES = 2000;
/** Measured rounds (each round: A then B, or B then A) after two warm-up rounds. */
const ROUNDS = quick
  ? { 24: 6, 200: 4, 2000: 3, filter: 3 }
  : cvOff // without content-visibility, 2,000 cards take seconds to lay out
    ? { 24: 20, 200: 10, 2000: 4, filter: 6 }
    : { 24: 30, 200: 20, 2000: 10, filter: 10 };
/** First render against the same structure written by hand (issue 18: ≤ 1.3x at 24, 200 and 2,000 cards). */
const TARGET_RENDER = 1.3;
const TARGET_FILTER = 0.5;
/** Heap of the list at 2,000 cards against the innerHTML page's (issue 18: ≤ 2x). */
const TARGET_HEAP = 2;
/** Mount/remove cycles of a 200-card list for the leak check (issue 18: 200), after a warm-up. */
const CYCLES = 200;
const CYCLE_WARM_UP = 20;

// ------------------------------------------------------------ the page, built like the library (production lit)
const outDir = join(root, '.cache', 'bench', 'page');
await build({
  configFile: false,
  root: join(root, 'bench'),
  logLevel: 'warn',
  build: { outDir, emptyOutDir: true, target: 'es2022', sourcemap: false, minify: !process.argv.includes('--no-minify') },
});

// React must be its production build in the page (vite sets NODE_ENV=production): its minified errors, not its dev checks.
{
  const { readdirSync } = await import('node:fs');
  const bundle = readdirSync(join(outDir, 'assets')).map((f) => readFileSync(join(outDir, 'assets', f), 'utf8')).join('\n');
  if (!bundle.includes('Minified React error') || bundle.includes('validateDOMNesting')) throw new Error('the bench page does not carry React’s production build');
}

// ------------------------------------------------------------ the data: 2,000 generated courses through the reference app
const { inMemoryApp } = await tsImport('./app.ts', import.meta.url);
const { loadSeedFiles } = await tsImport('../server/seed.ts', import.meta.url);
const { generateCourses } = await tsImport('../server/data/build-seed.ts', import.meta.url);
const app = await inMemoryApp({ ...loadSeedFiles(), ...generateCourses(COURSES, 42) });

/** Every page of a /courses query at once (the API pages by 100 at most), cut to `n`. */
async function wholeList(origin, search, n) {
  const params = new URLSearchParams(search);
  params.set('pageSize', '100');
  const items = [];
  let first;
  for (let page = 1; items.length < n; page++) {
    params.set('page', String(page));
    const response = await app.fetch(new Request(`${origin}/api/v1/courses?${params}`));
    const body = await response.json();
    first ??= body;
    items.push(...body.items);
    if (page * 100 >= body.total) break;
  }
  const shown = items.slice(0, n);
  return { ...first, items: shown, total: shown.length, page: 1, pageSize: Math.max(1, shown.length) };
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };
const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const api = /^\/n\/(\d+)\/api\/v1(\/.*)$/.exec(url.pathname);
    if (api) {
      if (api[2] === '/courses') {
        const body = JSON.stringify(await wholeList(url.origin, url.search, Number(api[1])));
        res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
        return void res.end(body);
      }
      const response = await app.fetch(new Request(`${url.origin}/api/v1${api[2]}${url.search}`));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      return void res.end(Buffer.from(await response.arrayBuffer()));
    }
    if (url.pathname.startsWith('/media/')) {
      const response = await app.fetch(new Request(url));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      return void res.end(Buffer.from(await response.arrayBuffer()));
    }
    const file = normalize(join(outDir, url.pathname === '/' ? 'index.html' : url.pathname));
    if (!file.startsWith(outDir) || !existsSync(file)) {
      res.writeHead(404);
      return void res.end();
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  } catch (error) {
    res.writeHead(500);
    res.end(String(error));
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
if (serveOnly) {
  console.log(`${origin}/  (Ctrl-C pour arrêter)`);
  await new Promise(() => {});
}

// ------------------------------------------------------------ the browser
const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--js-flags=--expose-gc', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
let failed = false;
const results = { machine: {}, render: [], filter: undefined, memory: undefined, server: undefined };
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(pageUrl(origin), { waitUntil: 'load' });
  await page.waitForFunction(() => 'bench' in window);
  if (cvOff) console.log('content-visibility: auto retiré des cartes (--cv=off), des deux côtés');
  const cdp = await page.createCDPSession();
  const version = await browser.version();
  results.machine = { browser: version, cores: availableParallelism(), cpu: cpus()[0]?.model, node: process.version };
  console.log(`${version}, ${availableParallelism()} cœurs (${cpus()[0]?.model ?? '?'}), Node ${process.version}, charge ${loadavg()[0].toFixed(2)}`);
  results.loadavgStart = loadavg()[0];

  const gc = () => cdp.send('HeapProfiler.collectGarbage');
  /** One measured call: a clean stage and a collected heap first. */
  const sample = async (fn, ...args) => {
    await page.evaluate(() => window.bench.clear());
    await gc();
    return page.evaluate((name, a) => window.bench[name](...a), fn, args);
  };
  const filterSample = async (kind) => {
    await page.evaluate(() => window.bench.clear());
    await gc();
    const { expected } = await page.evaluate((k, n) => window.bench[`${k}FilterStart`](n), kind, COURSES);
    await gc();
    const ms = await page.evaluate((k) => window.bench[`${k}FilterRun`](), kind);
    return { ms, expected };
  };

  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const quartiles = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))];
    return [q(0.25), q(0.75)];
  };

  /** Rounds of every variant, the order rotated and reversed from round to round: drift hits all alike. */
  async function interleave(rounds, variants) {
    const times = variants.map(() => []);
    for (let i = -2; i < rounds; i++) {
      const order = variants.map((_, k) => (k + Math.abs(i)) % variants.length);
      if (i % 2) order.reverse();
      for (const k of order) {
        const t = await variants[k]();
        if (i >= 0) times[k].push(t); // two warm-up rounds
      }
    }
    return times;
  }
  const summary = (xs, base) => {
    const paired = xs.map((x, i) => x / base[i]);
    return { median: median(xs), ratio: median(xs) / median(base), paired: median(paired), pairedIqr: quartiles(paired), samples: xs.map((x) => +x.toFixed(1)) };
  };

  // The DOM built by both sides, once.
  const dom = await page.evaluate((n) => window.bench.compare(n), 200);
  console.log(
    `Contrôle du DOM (200 cartes) : Lit ${dom.litElements} éléments / ${dom.litText} caractères ; innerHTML ${dom.baseElements} éléments / ${dom.baseText} caractères`,
  );
  console.log(`Contrôle du DOM (200 cartes) : <catalogue-list> entier ${dom.listAll} éléments ; même structure ${dom.structureAll} éléments`);
  results.dom = dom;
  if (dom.listAll !== dom.structureAll) console.log('ÉCART entre le DOM de la liste et celui de « même structure » (bench/page.ts, chrome()).');
  if (dom.litElements !== dom.baseElements || dom.litText !== dom.baseText) {
    console.log('ÉCART entre le DOM de Lit et celui de la base : bench/page.ts (cardMarkup) ne suit plus <course-card>.');
  }
  // The React contender is timed only if it builds the widget's outline, element by element.
  const reactDom = await page.evaluate((n) => window.bench.compareReact(n), 200);
  results.domReact = reactDom;
  console.log(
    `Contrôle du DOM (200 cartes) : <catalogue-list> ${reactDom.widget} éléments, ${reactDom.widgetText} caractères ; React ${reactDom.react} éléments, ${reactDom.reactText} caractères : ${reactDom.same ? 'identiques (éléments, attributs, textes)' : `ÉCART ${reactDom.firstDifference}`}`,
  );
  if (!reactDom.same) throw new Error('the React contender does not build the widget’s DOM: bench/react-list.ts');
  if (process.argv.includes('--check')) throw Object.assign(new Error('--check'), { done: true });

  for (const n of [24, 200, COURSES]) {
    const [list, cards, baseline, structure, shadowed, react] = await interleave(ROUNDS[n], [
      () => sample('litRender', n),
      () => sample('cardsRender', n),
      () => sample('baselineRender', n),
      () => sample('structureRender', n),
      () => sample('structureShadowRender', n),
      () => sample('reactRender', n),
    ]);
    results.render.push({
      n,
      rounds: list.length,
      baseline: median(baseline),
      baselineSamples: baseline.map((x) => +x.toFixed(1)),
      list: summary(list, baseline),
      cards: summary(cards, baseline),
      structure: { ...summary(structure, baseline), listRatio: median(list) / median(structure), listPaired: median(list.map((x, i) => x / structure[i])) },
      structureShadow: { ...summary(shadowed, baseline), listRatio: median(list) / median(shadowed) },
      react: { ...summary(react, baseline), listRatio: median(list) / median(react), listPaired: median(list.map((x, i) => x / react[i])) },
    });
    process.stdout.write(`  rendu ${n} : ${list.length} manches\n`);
  }

  const [litF, baseF] = await interleave(ROUNDS.filter, [() => filterSample('lit'), () => filterSample('baseline')]);
  const fl = litF.map((r) => r.ms);
  const fb = baseF.map((r) => r.ms);
  results.filter = { from: COURSES, to: litF[0].expected, rounds: fl.length, baseline: median(fb), baselineSamples: fb.map((x) => +x.toFixed(1)), list: summary(fl, fb) };
  process.stdout.write(`  filtre : ${fl.length} manches\n`);

  // Memory after 2,000 cards, each in a fresh page: JS heap after a forced GC, and the DOM counters.
  const fresh = async () => {
    await page.goto(pageUrl(origin), { waitUntil: 'load' });
    await page.waitForFunction(() => 'bench' in window);
  };
  const memory = async () => {
    // Blink frees DOM nodes in its own collector, which may wait for pending tasks: let them run,
    // then collect until the node count settles.
    let nodes = -1;
    for (let i = 0; i < 10; i++) {
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
      await gc();
      await gc();
      const { nodes: now } = await cdp.send('Memory.getDOMCounters');
      if (now === nodes) break;
      nodes = now;
    }
    const heap = await cdp.send('Runtime.getHeapUsage');
    const counters = await cdp.send('Memory.getDOMCounters');
    return { heapMB: heap.usedSize / 2 ** 20, nodes: counters.nodes, listeners: counters.jsEventListeners };
  };
  await fresh();
  const empty = await memory();
  await page.evaluate((n) => window.bench.baselineRender(n), COURSES);
  const baseline = await memory();
  await fresh();
  await page.evaluate((n) => window.bench.litRender(n), COURSES);
  const lit = await memory();
  await page.evaluate(() => window.bench.clear());
  const removed = await memory();
  await fresh();
  await page.evaluate((n) => window.bench.reactRender(n), COURSES);
  const react = await memory();
  results.memory = { empty, baseline, lit, removed, react };

  // Leaks: 200 mount/remove cycles of a 200-card list in a fresh page, after 20 to warm up (templates, caches).
  await fresh();
  await page.evaluate((count) => window.bench.cycles(200, count), CYCLE_WARM_UP);
  const before = await memory();
  await page.evaluate((count) => window.bench.cycles(200, count), CYCLES);
  const after = await memory();
  results.cycles = { count: CYCLES, cards: 200, before, after };
  process.stdout.write(`  cycles : ${CYCLES}\n`);
} catch (error) {
  if (!error.done) {
    failed = true;
    console.error(error);
  }
} finally {
  await browser.close();
  server.close();
}

// ------------------------------------------------------------ report
const ms = (x) => `${x.toFixed(1)} ms`;
const x2 = (x) => `${x.toFixed(2)}x`;
const rows = [
  ['cas', 'innerHTML', '<catalogue-list>', 'rapport', 'apparié [q1–q3]', 'cible', 'verdict', 'cartes seules', 'rapport', 'même structure', 'liste / structure', 'cible', 'verdict', 'structure, racine par carte', 'React 19', 'liste / React', 'apparié', 'cible', 'verdict'],
];
const pair = (r) => `${x2(r.paired)} [${x2(r.pairedIqr[0])}–${x2(r.pairedIqr[1])}]`;
/** A row of the table: the measured side's summary against its baseline and its target. */
const row = (label, baseline, measured, target, extra = ['', '', '', '', '', '', '', '', '', '', '', '']) => [
  label,
  ms(baseline),
  ms(measured.median),
  x2(measured.ratio),
  pair(measured),
  target ? `≤ ${target}x` : '',
  target ? (measured.ratio <= target ? 'tenue' : 'NON tenue') : '',
  ...extra,
];
for (const r of results.render) {
  rows.push(
    row(`premier rendu, ${r.n} cartes (${r.rounds} manches)`, r.baseline, r.list, undefined, [
      ms(r.cards.median),
      x2(r.cards.ratio),
      ms(r.structure.median),
      x2(r.structure.listRatio),
      `≤ ${TARGET_RENDER}x`,
      r.structure.listRatio <= TARGET_RENDER ? 'tenue' : 'NON tenue',
      `${ms(r.structureShadow.median)} (${x2(r.structureShadow.listRatio)})`,
      ms(r.react.median),
      x2(r.react.listRatio),
      x2(r.react.listPaired),
      '< 1x',
      r.react.listRatio < 1 ? 'tenue' : 'NON tenue',
    ]),
  );
}
if (results.filter) {
  const f = results.filter;
  rows.push(row(`filtre ${f.from} → ${f.to} cartes (${f.rounds} manches)`, f.baseline, f.list, TARGET_FILTER));
}
if (results.render.length) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log('\nRendu (Chromium headless ; données déjà chargées ; de l’insertion aux cartes mises en page ; médianes)\n');
  rows.forEach((r, i) => {
    console.log(r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
  console.log(
    '\ninnerHTML : un innerHTML du balisage échappé des mêmes cartes (mêmes éléments, textes et styles), la base des rapports ;' +
      '\n  pour le filtre, un re-rendu complet (innerHTML des cartes retenues à la place des 2 000).' +
      '\n<catalogue-list> : la liste entière (recherche, filtres à facettes, tri, compte) et ses <course-card>.' +
      '\ncartes seules : les mêmes <course-card> créés par appels DOM, sans la liste (pour situer le coût).' +
      '\nmême structure : la liste écrite à la main avec la même structure que le widget (son en-tête, sa recherche et ses filtres tels que' +
      '\n  la liste les a rendus, ses cartes dans sa propre racine fantôme), en un seul setHTMLUnsafe, sans script par carte ; la cible (≤ 1,3x) porte sur ce rapport.' +
      '\nstructure, racine par carte : l’ancienne disposition (chaque carte dans sa propre racine fantôme déclarative) ; entre parenthèses, liste / celle-ci.' +
      '\nReact 19 : la même liste et les mêmes cartes écrites avec React 19 (bench/react-list.ts, build de production), même DOM vérifié élément par élément,' +
      '\n  rendues par flushSync dans une racine fantôme aux styles de la liste ; la cible : la liste plus rapide (liste / React < 1).' +
      '\nrapport : rapport des médianes ; apparié : médiane des rapports manche par manche.',
  );
  const full = results.render.find((r) => r.n === COURSES);
  if (results.filter && full) {
    results.filter.vsFirstRender = results.filter.list.median / full.baseline;
    console.log(
      `Filtre rapporté au premier rendu innerHTML des ${COURSES} cartes (${ms(full.baseline)}) : ${x2(results.filter.vsFirstRender)}.`,
    );
  }
}
const line = (label, m) => console.log(`  ${label.padEnd(38)} tas JS ${m.heapMB.toFixed(1).padStart(5)} Mo, ${String(m.nodes).padStart(7)} nœuds DOM, ${String(m.listeners).padStart(5)} écouteurs`);
if (results.memory) {
  const { empty, lit, baseline, removed, react } = results.memory;
  console.log('\nMémoire (page neuve ; après GC forcé ; CDP Runtime.getHeapUsage et Memory.getDOMCounters)');
  line('page vide', empty);
  line('2 000 cartes par innerHTML', baseline);
  line('<catalogue-list> de 2 000 cartes', lit);
  line('après retrait de la liste', removed);
  if (react) line('React 19, 2 000 cartes', react);
  // What each side adds to the empty page.
  const heapRatio = (lit.heapMB - empty.heapMB) / (baseline.heapMB - empty.heapMB);
  const pageRatio = lit.heapMB / baseline.heapMB;
  results.memory.heapRatio = pageRatio;
  results.memory.heapAddedRatio = heapRatio;
  console.log(
    `  tas de la liste / tas de la page innerHTML : ${x2(pageRatio)} (cible ≤ ${TARGET_HEAP}x : ${pageRatio <= TARGET_HEAP ? 'tenue' : 'NON tenue'}) ; ce que chacune ajoute à la page vide : ${x2(heapRatio)}`,
  );
}
if (results.cycles) {
  const { before, after, count, cards } = results.cycles;
  console.log(`\nFuites : ${count} cycles montage/retrait d’une liste de ${cards} cartes (après ${CYCLE_WARM_UP} d’échauffement ; GC forcé avant chaque mesure)`);
  line('avant', before);
  line(`après ${count} cycles`, after);
  const heapGrowth = after.heapMB / before.heapMB - 1;
  const flat = heapGrowth <= 0.05 && after.nodes <= before.nodes && after.listeners <= before.listeners;
  results.cycles.heapGrowth = heapGrowth;
  results.cycles.flat = flat;
  console.log(
    `  tas ${heapGrowth >= 0 ? '+' : ''}${(heapGrowth * 100).toFixed(1)} %, nœuds ${after.nodes - before.nodes >= 0 ? '+' : ''}${after.nodes - before.nodes}, écouteurs ${after.listeners - before.listeners >= 0 ? '+' : ''}${after.listeners - before.listeners} : ${flat ? 'plat (tas ≤ +5 %, nœuds et écouteurs sans hausse)' : 'NON plat'}`,
  );
}
console.log(`\nNavigateur : ${((performance.now() - started) / 1000).toFixed(0)} s (charge moyenne ${loadavg()[0].toFixed(2)} sur ${availableParallelism()} cœurs : au-delà, d’autres processus faussent les temps)`);

// ------------------------------------------------------------ the server's benchmark
if (withServer) {
  console.log('\nService : GET /courses sur 10 000 formations et écritures concurrentes, par moteur (bench/server.ts)\n');
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(root, 'bench/server.ts'), ...(quick ? ['--queries', '500'] : [])], {
    cwd: root,
    encoding: 'utf8',
  });
  process.stdout.write(run.stdout);
  process.stderr.write(run.stderr);
  const m = /p50 ([\d.]+) ms, p90 ([\d.]+) ms, p99 ([\d.]+) ms/.exec(run.stdout);
  if (m) results.server = { p50: Number(m[1]), p90: Number(m[2]), p99: Number(m[3]) };
  else failed = true;
}

results.loadavg = loadavg()[0];
results.seconds = (performance.now() - started) / 1000;
mkdirSync(join(root, '.cache', 'bench'), { recursive: true });
results.contentVisibility = cvOff ? 'off' : 'auto';
writeFileSync(join(root, '.cache', 'bench', cvOff ? 'results-cv-off.json' : 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nTotal : ${results.seconds.toFixed(0)} s. Résultats : .cache/bench/${cvOff ? 'results-cv-off.json' : 'results.json'}`);
process.exit(failed ? 1 : 0);

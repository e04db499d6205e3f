// A web-test-runner plugin for the hostile-host suite (test/hosts.test.ts):
// real host pages, served by plain HTTP servers with their own headers, that
// load the drop-in bundle from another origin, as an embedding site would.
//
// When the test server starts, it:
//   1. builds the self-contained bundle (vite.bundle.config.ts) into a temp dir
//      — the suite runs before `npm run build` in CI, so it never trusts dist/;
//   2. starts a "CDN" (node:http, 127.0.0.1, random port) serving the bundle and
//      its locale files with their MIME type and CORS, plus the test tooling
//      under /__test__/ (probe.js, axe.min.js) so that a page under the guide's
//      strict policy (`script-src <cdn>`) can run them without widening it;
//   3. starts a "host" (node:http, another port) serving test/hosts/*.html and
//      the demo pages (demo/*.html) with per-page headers (HOST_PAGES below: the
//      Content-Security-Policy of each page). Demo pages are served as a host
//      would publish them: `/src/define.ts` becomes the CDN bundle, the
//      `campus-api-base` meta points at the API's own origin, demo/*.ts are
//      transpiled with esbuild, /media/ is proxied to the API (the host's own
//      copies of the logos), DSFR comes from node_modules.
//
// Pages may contain {{CDN}}, {{API}}, {{HOST}}, {{SRI}} (sha384 of the bundle), {{EMBED}} (the
// service on the test runner's own origin, whose /embed/ frames a test can read) and
// {{SRI_FRAME}} (sha384 of campus-frame.js):
// the ports are random, so they are filled in when served. Every HTML page gets
// the probe (and axe) as its first scripts, from the CDN origin.
//
// `executeServerCommand('paste-page', { snippet, csp })` returns the path of a blank host page
// holding `snippet` under the policy `csp` (the embed builder's output, test/webmaster.test.ts).
//
// Tests read the origins with `executeServerCommand('hosts-info')`:
//   { cdn, host, api, sri, csp: { guide, demo }, pages: { name: csp }, documented: { readme, integration } }
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { transform } from 'esbuild';
import { buildExtras } from './build-extras.mjs';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

/**
 * The policy of the embedding guide (README, « Guide d'intégration »), exactly:
 * what the widgets need and nothing else. `extra` adds a host's own sources.
 */
export function guidePolicy({ cdn, api, extra = {}, duplicates = false }) {
  const add = (name, ...values) => [...values, ...(extra[name] ?? [])].join(' ');
  const directives = [
    `default-src 'none'`,
    `script-src ${add('script-src', cdn)}`,
    ...(extra['style-src'] ? [`style-src ${add('style-src')}`] : []),
    `connect-src ${add('connect-src', api)}`,
    `img-src ${add('img-src', api)}`,
    ...(extra['font-src'] ? [`font-src ${add('font-src')}`] : []),
    `require-trusted-types-for 'script'`,
    `trusted-types lit-html campus-widgets${duplicates ? " 'allow-duplicates'" : ''}`,
  ];
  return directives.join('; ');
}

/** Each host page's headers: its CSP, built from the guide's policy. */
function hostPages(o) {
  const self = o.host;
  return {
    // The guide's policy, to the letter.
    'csp-strict.html': guidePolicy(o),
    'loader.html': guidePolicy(o),
    // The same policy and an inline script: it must be refused and reported (the header is in force).
    'csp-canary.html': guidePolicy(o),
    // The README's three lines on a plain page: the same policy.
    'cdn.html': guidePolicy(o),
    // The same with a wrong SRI hash: the browser refuses the script, the fallback stays.
    'cdn-bad-sri.html': guidePolicy(o),
    // A host with its own (aggressive) style sheet: the host adds its own style-src.
    'aggressive-css.html': guidePolicy({ ...o, extra: { 'style-src': [self] } }),
    // Two copies of the library: 'allow-duplicates', as the guide says.
    'two-copies.html': guidePolicy({ ...o, extra: { 'script-src': [self] }, duplicates: true }),
    // The same page without it: what happens when a host forgets.
    'two-copies-strict.html': guidePolicy({ ...o, extra: { 'script-src': [self] } }),
    // configure() called from the host's own module.
    'configure.html': guidePolicy({ ...o, extra: { 'script-src': [self] } }),
    // A policy that names lit-html only: what a host gets if it forgets campus-widgets.
    'no-campus-policy.html': guidePolicy(o).replace(' campus-widgets', ''),
    // A host component (its own script) that renders the widgets in its shadow root.
    'shadow-host.html': guidePolicy({ ...o, extra: { 'script-src': [self] } }),
    // The Matomo module from the CDN, and the page's own journey script.
    'analytics.html': guidePolicy({ ...o, extra: { 'script-src': [self] } }),
    // A CMS page that keeps no script of its own: only the campus frame (and the test probe).
    'embed-iframe.html': `default-src 'none'; script-src ${o.cdn}; frame-src ${o.embed}`,
    // The same with campus-frame.js, from the CDN; the frame may show a page of the CDN's origin
    // too (the test navigates it there: its messages must be ignored).
    'embed-iframe-resize.html': `default-src 'none'; script-src ${o.cdn}; frame-src ${o.embed} ${o.cdn}`,
  };
}

/** The demo pages' policy: the guide's, plus what these host pages need for themselves. */
function demoPolicy(o) {
  return guidePolicy({
    ...o,
    extra: {
      'script-src': [o.host],
      'style-src': [o.host],
      // The host's own images (logos, favicon) and DSFR's inline SVG icons in its CSS.
      'img-src': [o.host, 'data:'],
      // DSFR's Marianne and Spectral fonts.
      'font-src': [o.host],
    },
  });
}

/**
 * The policy as the guide prints it, in README.md (« Guide d'intégration », section 5) and
 * in demo/integration.html: the first block starting with `default-src`, on one line.
 * The test compares it with the policy the pages are served with.
 */
function documentedPolicies(root) {
  const oneLine = (block) => block?.replace(/\s*\n\s*/g, ' ').trim();
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const guide = readme.slice(readme.indexOf("## Guide d'intégration"));
  const page = existsSync(join(root, 'demo/integration.html')) ? readFileSync(join(root, 'demo/integration.html'), 'utf8') : '';
  return {
    readme: oneLine(guide.match(/```\n(default-src[^`]*?)\n```/)?.[1]),
    integration: oneLine(page.match(/<pre><code>(default-src 'none';[^<]*?)<\/code><\/pre>/)?.[1]),
  };
}

function listen(server) {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolvePort(`http://127.0.0.1:${server.address().port}`));
  });
}

function close(server) {
  return new Promise((done) => {
    if (!server) return done();
    server.close(() => done());
    server.closeAllConnections?.();
  });
}

/** A file under `root`, never outside it; undefined when there is none. */
function fileUnder(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const path = normalize(join(root, decoded));
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  if (!existsSync(path) || !statSync(path).isFile()) return undefined;
  return path;
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(body);
}

export function hostsPlugin({ apiUrl, embedUrl, onBuilt, rootDir = process.cwd() } = {}) {
  if (!apiUrl) throw new Error('hostsPlugin: apiUrl (the reference API origin) is required');
  const root = resolve(rootDir);
  let bundleDir = '';
  let cdnServer;
  let hostServer;
  let info;
  /** Pages made by `paste-page`: { snippet, csp }, by number. */
  const pastedPages = [];

  const fill = (text) =>
    text
      .replaceAll('{{CDN}}', info.cdn)
      .replaceAll('{{API}}', info.api)
      .replaceAll('{{HOST}}', info.host)
      .replaceAll('{{SRI_FRAME}}', info.sriFrame)
      .replaceAll('{{EMBED}}', info.embed)
      .replaceAll('{{SRI}}', info.sri);

  /** The test tooling, first in <head>: classic scripts, so they run before any module. */
  const withProbe = (html) =>
    html.replace(
      /<head([^>]*)>/i,
      `<head$1>\n    <script src="${info.cdn}/__test__/probe.js"></script>\n    <script src="${info.cdn}/__test__/axe.min.js"></script>`,
    );

  function cdnHandler(req, res) {
    const url = new URL(req.url ?? '/', 'http://cdn');
    const cors = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' };
    if (req.method === 'OPTIONS') return send(res, 204, '', cors);
    let file;
    if (url.pathname === '/__test__/probe.js') file = join(root, 'test/hosts/probe.js');
    else if (url.pathname === '/__test__/axe.min.js') file = join(root, 'node_modules/axe-core/axe.min.js');
    // A page of the CDN's origin that claims a height to its parent (a campus frame navigated elsewhere).
    else if (/^\/__test__\/frame-spoof\.(html|js)$/.test(url.pathname)) file = join(root, 'test/hosts', url.pathname.slice('/__test__/'.length));
    else if (/^\/campus-widgets(\.[\w-]+)?\.min\.js(\.map)?$/.test(url.pathname)) file = fileUnder(bundleDir, url.pathname);
    // Per-tag loading: the loader and the chunks beside it.
    else if (/^\/campus-widgets\.[\w.-]+\.js(\.map)?$/.test(url.pathname)) file = fileUnder(bundleDir, url.pathname);
    // campus-matomo.js, campus-frame.js (scripts/build-extras.mjs).
    else if (/^\/campus-(matomo|frame)\.js$/.test(url.pathname)) file = fileUnder(bundleDir, url.pathname);
    if (!file || !existsSync(file)) return send(res, 404, 'not found', { ...cors, 'Content-Type': 'text/plain' });
    send(res, 200, readFileSync(file), { ...cors, 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' });
  }

  function proxy(req, res) {
    const target = new URL(req.url ?? '/', info.api);
    const upstream = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => send(res, 502, 'bad gateway'));
    req.pipe(upstream);
  }

  async function hostHandler(req, res) {
    const url = new URL(req.url ?? '/', 'http://host');
    const path = url.pathname;
    // The host's copies of the service's files: images, the API, the widgets' themes.
    if (path.startsWith('/media/') || path.startsWith('/api/') || path.startsWith('/widgets/')) return proxy(req, res);

    // A blank page holding what a test pasted (the builder's snippet), under the policy pasted
    // with it; the test CDN is added to script-src for the probe and axe only.
    const pasted = /^\/pasted\/(\d+)\.html$/.exec(path);
    if (pasted && pastedPages[Number(pasted[1])]) {
      const { snippet, csp } = pastedPages[Number(pasted[1])];
      const policy = csp.replace(/\s*\n\s*/g, ' ').trim().replace(/script-src ([^;]+)/, `script-src $1 ${info.cdn}`);
      const page = `<!doctype html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<title>Page vierge</title>\n</head>\n<body>\n<main>\n${snippet}</main>\n</body>\n</html>\n`;
      return send(res, 200, withProbe(page), { 'Content-Type': MIME['.html'], 'Content-Security-Policy': policy });
    }

    // Fixture pages and their own files.
    if (path.startsWith('/hosts/')) {
      const name = path.slice('/hosts/'.length);
      const file = fileUnder(join(root, 'test/hosts'), name);
      if (!file || name === 'probe.js') return send(res, 404, 'not found', { 'Content-Type': 'text/plain' });
      const type = MIME[extname(file)] ?? 'application/octet-stream';
      if (extname(file) !== '.html') return send(res, 200, fill(readFileSync(file, 'utf8')), { 'Content-Type': type });
      const csp = info.pages[name];
      return send(res, 200, withProbe(fill(readFileSync(file, 'utf8'))), {
        'Content-Type': type,
        ...(csp ? { 'Content-Security-Policy': csp } : {}),
      });
    }

    // The demo site, as a host would publish it.
    if (path.startsWith('/demo/')) {
      const file = fileUnder(join(root, 'demo'), path.slice('/demo/'.length) || 'index.html');
      if (!file || file.includes(`${sep}api${sep}`)) return send(res, 404, 'not found', { 'Content-Type': 'text/plain' });
      const ext = extname(file);
      if (ext === '.html') {
        const html = readFileSync(file, 'utf8')
          .replace(/<script type="module" src="\/src\/define\.ts"><\/script>/, `<script type="module" src="${info.cdn}/campus-widgets.min.js"></script>`)
          .replace(/<meta name="campus-api-base" content="\/api"\s*\/?>/, `<meta name="campus-api-base" content="${info.api}/api" />`)
          .replace(/(src|href)="\.\/([\w-]+)\.ts"/g, '$1="./$2.js"');
        return send(res, 200, withProbe(html), { 'Content-Type': MIME['.html'], 'Content-Security-Policy': info.csp.demo });
      }
      return send(res, 200, readFileSync(file), { 'Content-Type': MIME[ext] ?? 'application/octet-stream' });
    }
    if (path.startsWith('/themes/')) {
      const file = fileUnder(join(root, 'themes'), path.slice('/themes/'.length));
      if (file) return send(res, 200, readFileSync(file), { 'Content-Type': MIME[extname(file)] ?? 'text/plain' });
    }
    if (path.startsWith('/node_modules/@gouvfr/dsfr/dist/')) {
      const file = fileUnder(join(root, 'node_modules/@gouvfr/dsfr/dist'), path.slice('/node_modules/@gouvfr/dsfr/dist/'.length));
      if (file) return send(res, 200, readFileSync(file), { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' });
    }
    return send(res, 404, 'not found', { 'Content-Type': 'text/plain' });
  }

  /** demo/*.ts as the browser needs them: /demo/x.js is demo/x.ts transpiled. */
  async function demoScripts(req, res, next) {
    const match = new URL(req.url ?? '/', 'http://host').pathname.match(/^\/demo\/([\w-]+)\.js$/);
    const file = match && fileUnder(join(root, 'demo'), `${match[1]}.ts`);
    if (!file) return next();
    try {
      const { code } = await transform(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm', target: 'es2022' });
      send(res, 200, code, { 'Content-Type': MIME['.js'] });
    } catch (error) {
      send(res, 500, String(error), { 'Content-Type': 'text/plain' });
    }
  }

  return {
    name: 'campus-hosts',

    async serverStart() {
      bundleDir = mkdtempSync(join(tmpdir(), 'campus-bundle-'));
      const { build } = await import('vite');
      await build({
        root,
        configFile: join(root, 'vite.bundle.config.ts'),
        logLevel: 'warn',
        build: { outDir: bundleDir, emptyOutDir: true },
      });
      // The drop-in loader and its per-tag chunks, beside the bundle as they are published.
      await build({
        root,
        configFile: join(root, 'vite.chunks.config.ts'),
        logLevel: 'warn',
        build: { outDir: bundleDir, emptyOutDir: false },
      });
      await buildExtras(bundleDir);
      onBuilt?.(bundleDir);
      const bundle = readFileSync(join(bundleDir, 'campus-widgets.min.js'));
      const sri = `sha384-${createHash('sha384').update(bundle).digest('base64')}`;
      const sriFrame = `sha384-${createHash('sha384').update(readFileSync(join(bundleDir, 'campus-frame.js'))).digest('base64')}`;

      cdnServer = createServer(cdnHandler);
      hostServer = createServer((req, res) => {
        demoScripts(req, res, () =>
          hostHandler(req, res).catch((error) => send(res, 500, String(error), { 'Content-Type': 'text/plain' })),
        );
      });
      const cdn = await listen(cdnServer);
      const host = await listen(hostServer);
      const api = apiUrl.replace(/\/$/, '');
      info = { cdn, host, api, sri, sriFrame, embed: (embedUrl ?? api).replace(/\/$/, '') };
      info.csp = { guide: guidePolicy(info), guideDuplicates: guidePolicy({ ...info, duplicates: true }), demo: demoPolicy(info) };
      info.pages = hostPages(info);
      info.documented = documentedPolicies(root);
    },

    async serverStop() {
      await Promise.all([close(cdnServer), close(hostServer)]);
      if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
    },

    executeCommand({ command, payload }) {
      if (command === 'paste-page') {
        pastedPages.push({ snippet: String(payload.snippet), csp: String(payload.csp) });
        return `/pasted/${pastedPages.length - 1}.html`;
      }
      if (command !== 'hosts-info') return undefined;
      return info;
    },
  };
}

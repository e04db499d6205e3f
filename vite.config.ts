/**
 * `npm start`: the demo site with the reference API mounted on the same
 * server. `npm run build`: one ESM entry per element plus `define`, with lit,
 * @lit/* and zod left to the host's bundler.
 */
import { relative, resolve } from 'node:path';
import { defineConfig, type Connect, type Plugin } from 'vite';

/**
 * Mounts the campus service (/api/v1/…, /office/api/…, /media/…, /health, /ready) on vite's
 * dev and preview servers, on its database (SQLite in `DATA_DIR`, or
 * PostgreSQL at `DATABASE_URL`). With `harness`, the test harness around it
 * (faults, hostile corpus) for Storybook's fault stories.
 */
export function campusApi(options: { harness?: boolean } = {}): Plugin {
  const mount = async (server: { config: { root: string; logger: { info(message: string): void } } }, middlewares: Connect.Server, httpServer: import('node:http').Server | null) => {
    const root = server.config.root;
    const { readConfig } = await import('./server/config.js');
    const { handlesPath } = await import('./server/app.js');
    const { connectMiddleware } = await import('./server/node.js');
    const { mediaFolder, openService } = await import('./server/service.js');
    // One line per request would drown vite's own output: off unless asked for.
    let config = readConfig({}, { LOG_REQUESTS: '0', ...process.env });
    if (!relative(root, config.dataDir).startsWith('..')) {
      throw new Error(`DATA_DIR (${config.dataDir}) is inside the folder this server serves: choose a folder outside it.`);
    }
    // The office signs in through the development identity provider, unless OIDC_PROVIDERS names real ones.
    const demo = options.harness ? undefined : await import('./test/support/oidc-demo.js');
    let provider: import('./test/support/oidc-provider.js').DevProvider | undefined;
    if (demo && !config.production) ({ config, provider } = await demo.startDemo(config));
    // The office's pages come from office/ through vite itself.
    const service = await openService(config, { officePages: false });
    if (demo && provider) await demo.grantDemoAccounts(service.database, provider.issuer);
    httpServer?.once('close', () => void provider?.close());
    let origin = '';
    httpServer?.once('listening', () => {
      const address = httpServer.address();
      if (address && typeof address === 'object') service.listeningOn((origin = `http://localhost:${address.port}`));
      if (demo && provider) {
        const accounts = demo.DEMO_GRANTS.map((g) => g.email);
        server.config.logger.info(`  ➜  Bureau : ${origin}/office/ (comptes ${accounts.join(', ')} ; mot de passe « campus »)`);
      }
    });
    httpServer?.once('close', () => void service.close());
    if (!options.harness) {
      middlewares.use(connectMiddleware(service.app, handlesPath));
      return;
    }
    const { createHarness, harnessHandles } = await import('./test/support/harness.js');
    const { sqlRecords } = await import('./test/support/sql-records.js');
    const harness = createHarness({
      app: service.app,
      records: (kind, email) => sqlRecords(service.storage, kind, email),
      media: mediaFolder(),
      publicUrl: () => origin,
    });
    middlewares.use(connectMiddleware(harness, harnessHandles));
  };
  return {
    name: 'campus-api',
    async configureServer(server) {
      await mount(server, server.middlewares, server.httpServer as import('node:http').Server | null);
    },
    async configurePreviewServer(server) {
      await mount(server, server.middlewares, server.httpServer as import('node:http').Server | null);
    },
  };
}

/**
 * `npm start` leads to the demo: `/` (which has no page) redirects to `/demo/`, query kept,
 * and the addresses vite prints are the demo's. The browser opens there too (`server.open`).
 */
export function demoHome(path = '/demo/'): Plugin {
  return {
    name: 'campus-demo-home',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = req.url ?? '/';
        const query = url.indexOf('?');
        if ((query < 0 ? url : url.slice(0, query)) !== '/') return next();
        res.statusCode = 302;
        res.setHeader('Location', path + (query < 0 ? '' : url.slice(query)));
        res.end();
      });
      const printUrls = server.printUrls.bind(server);
      server.printUrls = () => {
        const urls = server.resolvedUrls;
        if (!urls) return printUrls();
        const demo = (url: string) => new URL(path, url).href;
        server.resolvedUrls = { ...urls, local: urls.local.map(demo), network: urls.network.map(demo) };
        try {
          printUrls();
        } finally {
          server.resolvedUrls = urls;
        }
      };
    },
  };
}

const BLOCK = 'div|p|ul|ol|section|header|footer|nav|form|fieldset|legend|dl|dt|dd|h[1-6]|table|thead|tbody|tr|td|th|details|summary|article|aside|main|option|select|style|template|br';
const afterBlock = new RegExp(`(<\\/?(?:${BLOCK})\\b[^<>\`]*>) `, 'g');
const beforeBlock = new RegExp(` (?=<\\/?(?:${BLOCK})\\b)`, 'g');

/** Insignificant whitespace of an `html` template's text: indentation, and spaces beside block tags. */
function minifyHtml(raw: string): string {
  return raw.replace(/\s*\n\s*/g, ' ').replace(afterBlock, '$1').replace(beforeBlock, '');
}

/** Comments and insignificant whitespace of a `css` template's text. */
function minifyCss(raw: string): string {
  // Comments first (one may hold a quote), then everything outside quoted strings.
  return raw
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(/('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")/)
    .map((part, i) => (i % 2 ? part : part.replace(/\s+/g, ' ').replace(/ ?([{};,]) ?/g, '$1').replace(/;}/g, '}')))
    .join('');
}

/**
 * Minifies the text of our own `html`, `staticHtml` and `css` tagged templates at
 * build time (found through TypeScript's parser, so strings, comments and
 * expressions are never touched): indentation and line breaks between tags become
 * one space, or nothing beside a block tag; a single space between inline elements
 * stays. Templates with `<pre>` or `<textarea>` are left as written.
 */
export function minifyTemplates(): Plugin {
  return {
    name: 'campus-minify-templates',
    enforce: 'pre',
    async transform(code, id) {
      const schemas = /\/src\/api\/schemas\.ts$/.test(id);
      if (!/\/src\/.*\.ts$/.test(id) || (!schemas && !/\b(?:html|css)`/.test(code))) return null;
      const ts = (await import('typescript')).default;
      const file = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
      const edits: { start: number; end: number; text: string }[] = [];
      if (schemas) {
        // The contract's schemas are built by zod calls that have no side effect: marked
        // pure, those an entry does not use (the forms' request schemas, for a card) are
        // left out of its bundle. Only the initialisers of top-level constants.
        const markCalls = (node: import('typescript').Node): void => {
          if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return;
          if (ts.isCallExpression(node)) {
            const at = node.getStart(file);
            edits.push({ start: at, end: at, text: '/* @__PURE__ */ ' });
          }
          ts.forEachChild(node, markCalls);
        };
        for (const statement of file.statements) {
          if (!ts.isVariableStatement(statement)) continue;
          for (const declaration of statement.declarationList.declarations) {
            if (declaration.initializer) markCalls(declaration.initializer);
          }
        }
      }
      const visit = (node: import('typescript').Node): void => {
        if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && /^(?:html|staticHtml|css)$/.test(node.tag.text)) {
          const t = node.template;
          const literals = ts.isNoSubstitutionTemplateLiteral(t) ? [t] : [t.head, ...t.templateSpans.map((s) => s.literal)];
          // Raw text between the delimiters (` or } before, ` or ${ after).
          const parts = literals.map((l) => {
            const start = l.getStart(file) + 1;
            const end = l.end - (l.kind === ts.SyntaxKind.TemplateHead || l.kind === ts.SyntaxKind.TemplateMiddle ? 2 : 1);
            return { start, end, raw: code.slice(start, end) };
          });
          const isCss = node.tag.text === 'css';
          if (isCss || !parts.some((p) => /<(?:pre|textarea)\b/i.test(p.raw))) {
            for (const p of parts) {
              const text = isCss ? minifyCss(p.raw) : minifyHtml(p.raw);
              if (text !== p.raw) edits.push({ start: p.start, end: p.end, text });
            }
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
      if (!edits.length) return null;
      edits.sort((a, b) => b.start - a.start);
      let out = code;
      for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
      return { code: out, map: null };
    },
  };
}

export const ENTRIES = {
  index: 'src/index.ts',
  define: 'src/define.ts',
  'catalogue-list': 'src/catalogue-list/catalogue-list.ts',
  'course-card': 'src/course-card/course-card.ts',
  'course-detail': 'src/course-detail/course-detail.ts',
  'enrol-form': 'src/enrol-form/enrol-form.ts',
  'trainer-signup': 'src/trainer-signup/trainer-signup.ts',
  // Web analytics, apart from the widgets: a host that wants it imports it.
  'analytics/matomo': 'src/analytics/matomo.ts',
  // One registration per tag: `campus-widgets/define/<tag>` loads that widget's code only.
  ...Object.fromEntries(['catalogue-list', 'course-card', 'course-detail', 'enrol-form', 'trainer-signup'].map((tag) => [`define/${tag}`, `src/define/${tag}.ts`])),
};

export default defineConfig({
  plugins: [campusApi(), demoHome(), minifyTemplates()],
  server: { open: '/demo/' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: Object.fromEntries(Object.entries(ENTRIES).map(([name, path]) => [name, resolve(import.meta.dirname, path)])),
      formats: ['es'],
    },
    rolldownOptions: {
      // @lit/context is bundled: its protocol is DOM events between copies, it holds no
      // page-wide state, and the library's dependencies stay lit, @lit/task and zod.
      external: [/^lit($|\/)/, /^@lit\/(?!context($|\/))/, /^zod($|\/)/],
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});

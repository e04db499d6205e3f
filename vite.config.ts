/**
 * `npm start`: the demo site with the reference API mounted on the same
 * server. `npm run build`: one ESM entry per element plus `define`, with lit,
 * @lit/* and zod left to the host's bundler.
 */
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { createApp } from './demo/api/app.js';
import { connectMiddleware } from './demo/api/node.js';

/** Mounts the reference API (/api/v1/…, /media/…) on vite's dev and preview servers. */
export function campusApi(options: { testMode?: boolean } = {}): Plugin {
  const middleware = () =>
    connectMiddleware(createApp({ dataDir: resolve(import.meta.dirname, 'demo/api/.data'), testMode: options.testMode }));
  return {
    name: 'campus-api',
    configureServer(server) {
      server.middlewares.use(middleware());
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware());
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
};

export default defineConfig({
  plugins: [campusApi()],
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
      external: [/^lit($|\/)/, /^@lit\//, /^zod($|\/)/],
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});

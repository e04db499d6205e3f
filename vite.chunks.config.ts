/**
 * Per-tag loading for `<script type="module">` hosts: `dist/campus-widgets.loader.js`
 * and, beside it, one self-contained chunk per tag (`campus-widgets.<tag>.js`, lit
 * and zod included) sharing their common code (`campus-widgets.shared-*.js`).
 * The loader imports a tag's chunk only when that tag is in the page.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { WIDGET_NAMES } from './src/core/registry.js';
import { minifyTemplates } from './vite.config.js';

export default defineConfig({
  plugins: [minifyTemplates()],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: {
        loader: resolve(import.meta.dirname, 'src/loader.ts'),
        ...Object.fromEntries(WIDGET_NAMES.map((tag) => [tag, resolve(import.meta.dirname, `src/define/${tag}.ts`)])),
      },
      formats: ['es'],
      fileName: (_format, name) => `campus-widgets.${name}.js`,
    },
    rolldownOptions: {
      output: {
        minify: true,
        chunkFileNames: (chunk) => `campus-widgets.shared-${chunk.name.replace(/[^\w-]/g, '-')}-[hash].js`,
        // A few shared chunks rather than a dozen small ones: each file is compressed on its
        // own, and many small files cost more bytes (and requests) than they save.
        codeSplitting: {
          groups: [
            { name: 'core', test: /node_modules|\/src\/api\/(?!validate|ics)|\/src\/core\/(?!form\/)|\/src\/locales\/fr\/core/ },
            { name: 'forms', test: /\/src\/api\/validate|\/src\/core\/form\/|\/src\/locales\/fr\/form/ },
          ],
        },
      },
    },
  },
});

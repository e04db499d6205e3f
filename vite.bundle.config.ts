/**
 * The self-contained drop-in: `dist/campus-widgets.min.js` for a
 * `<script type="module">`, lit and zod included, French built in; the other
 * locales are files beside it, loaded on demand relative to the script.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { minifyTemplates } from './vite.config.js';

export default defineConfig({
  plugins: [minifyTemplates()],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: resolve(import.meta.dirname, 'src/define.ts'),
      formats: ['es'],
      fileName: () => 'campus-widgets.min.js',
    },
    rolldownOptions: {
      output: {
        minify: true,
        chunkFileNames: 'campus-widgets.[name].min.js',
      },
    },
  },
});

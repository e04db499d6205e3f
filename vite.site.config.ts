/**
 * The embed builder as the service serves it at /integrer/ (`dist-site/`): the
 * demo page demo/integrer.html with its module and the widgets bundled, no
 * inline script or style (the page runs under the service's strict policy).
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { minifyTemplates } from './vite.config.js';

export default defineConfig({
  plugins: [minifyTemplates()],
  base: '/integrer/',
  build: {
    outDir: 'dist-site',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    rolldownOptions: { input: resolve(import.meta.dirname, 'demo/integrer.html') },
  },
});

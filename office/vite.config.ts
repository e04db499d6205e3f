/**
 * `npm run build:office`: the office's pages into `office/dist/`, served by
 * the service under `/office/` (in development, `npm start`'s vite serves
 * `office/` itself).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/office/',
  // The DSFR still carries old Internet Explorer hacks (`@media (min-width: 0\0)`): dropped, not fatal.
  css: { lightningcss: { errorRecovery: true } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No inline script or style: the office's CSP allows its own files only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: (file) => !file.endsWith('.woff2') && !file.endsWith('.woff'),
    reportCompressedSize: false,
  },
});

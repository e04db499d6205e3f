// Storybook's own vite config: the reference API mounted in its test mode, so
// stories can show loading and fault states (see stories/support.ts).
//
// The static build carries the same app into the browser (in-browser-api/app.ts,
// served through msw: msw.ts): its Node built-ins are replaced by small shims.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { campusApi } from '../vite.config.js';

const shim = (name: string) => fileURLToPath(new URL(`./in-browser-api/shims/${name}.ts`, import.meta.url));

export default defineConfig({
  plugins: [campusApi({ testMode: true })],
  // Pre-bundled with Storybook's renderer (which imports `lit` too), so `storybook dev`
  // loads one Lit, not two ("Multiple versions of Lit loaded").
  optimizeDeps: {
    include: ['lit', 'lit/decorators.js', 'lit/directive-helpers.js', 'lit/directives/guard.js', 'lit/directives/if-defined.js', 'lit/directives/live.js', 'lit/directives/repeat.js', 'lit/static-html.js', '@lit/task'],
  },
  resolve: {
    alias: ['crypto', 'fs', 'path', 'url'].map((name) => ({ find: new RegExp(`^node:${name}$`), replacement: shim(name) })),
  },
});

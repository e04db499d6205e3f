// Storybook's own vite config: the campus service mounted in the test harness, so
// stories can show loading and fault states (see stories/support.ts).
//
// The static build carries the same routes into the browser over an in-memory
// store (in-browser-api/app.ts, served through msw: msw.ts).
import { defineConfig } from 'vite';
import { campusApi } from '../vite.config.js';

export default defineConfig({
  plugins: [campusApi({ harness: true })],
  // Pre-bundled with Storybook's renderer (which imports `lit` too), so `storybook dev`
  // loads one Lit, not two ("Multiple versions of Lit loaded").
  optimizeDeps: {
    include: ['lit', 'lit/decorators.js', 'lit/directive-helpers.js', 'lit/directives/guard.js', 'lit/directives/if-defined.js', 'lit/directives/live.js', 'lit/directives/repeat.js', 'lit/static-html.js', '@lit/task'],
  },
});

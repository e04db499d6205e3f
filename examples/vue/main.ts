/**
 * The Vue example's entry: registers the campus tags, then mounts the app.
 *
 *   import { mountCatalogue } from './main.js';
 *   mountCatalogue('#app', { preset: { expertise: 'cybersecurite' } });
 *
 * The template is compiled in the browser: `vue` must resolve to a build that
 * includes the compiler (`vue/dist/vue.esm-browser.js`, or `vue.esm-bundler.js`
 * with a bundler). Compiled templates (single-file components) need neither.
 */
import { createApp, type App } from 'vue';
// In your application: import 'campus-widgets/define';
import '../../src/define.js';
import type { Course, EnrolmentReceipt } from '../../src/index.js';
import { CampusCatalogue, isCustomElement, type CataloguePreset } from './CampusCatalogue.js';

export interface CatalogueAppProps {
  apiBase?: string;
  preset?: CataloguePreset;
  courseHref?: string;
  onEnrolled?: (receipt: EnrolmentReceipt, course: Course) => void;
}

export function createCatalogueApp(props: CatalogueAppProps = {}): App {
  const app = createApp(CampusCatalogue, { ...props });
  app.config.compilerOptions.isCustomElement = isCustomElement;
  return app;
}

export function mountCatalogue(container: Element | string, props: CatalogueAppProps = {}): App {
  const app = createCatalogueApp(props);
  app.mount(container);
  return app;
}

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  framework: {
    name: '@storybook/web-components-vite',
    options: { builder: { viteConfigPath: '.storybook/vite.config.ts' } },
  },
  // A docs page per element (autodocs, preview.ts): its attributes, properties, events,
  // slots, parts and CSS custom properties from custom-elements.json (manifest.ts).
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true },
  // msw's service worker (public/mockServiceWorker.js, from `npx msw init .storybook/public --no-save`).
  staticDirs: ['./public'],
  // Beside preview.ts: the controls from custom-elements.json (manifest.ts), and in the
  // static build the reference API inside the browser (msw.ts); `storybook dev` mounts
  // the real server on its own origin instead (vite.config.ts).
  previewAnnotations: async (entries: string[] = [], options: { configType?: string }) => [
    ...entries,
    here('./manifest.ts'),
    ...(options.configType === 'PRODUCTION' || process.env.CAMPUS_STORYBOOK_MSW ? [here('./msw.ts')] : []),
  ],
};

if (!existsSync(here('../custom-elements.json'))) {
  console.warn('custom-elements.json is missing (run `npm run analyze`): Storybook shows no controls from the manifest.');
}
export default config;

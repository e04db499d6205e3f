// Storybook's own vite config: the reference API mounted in its test mode, so
// stories can show loading and fault states (see stories/support.ts).
import { defineConfig } from 'vite';
import { campusApi } from '../vite.config.js';

export default defineConfig({
  plugins: [campusApi({ testMode: true })],
});

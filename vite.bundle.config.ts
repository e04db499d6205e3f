/**
 * The self-contained drop-in: `dist/campus-widgets.min.js` for a
 * `<script type="module">`, lit and zod included, French built in; the other
 * locales are files beside it, loaded on demand relative to the script.
 */
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { minifyTemplates } from './vite.config.js';

const LAZY_COURSE_PAGE = "import('./course-page.js')";

/**
 * The course page a list opens is a chunk loaded on demand elsewhere; here its code is in this
 * file already, so it is imported statically. As a chunk it would import this file back by
 * its bare name: a host loading `campus-widgets.min.js?v=2` would then run a second copy.
 */
function staticCoursePage(): Plugin {
  return {
    name: 'campus-static-course-page',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('/src/catalogue-list/catalogue-list.ts')) return null;
      if (!code.includes(LAZY_COURSE_PAGE)) throw new Error(`${id}: ${LAZY_COURSE_PAGE} not found (see vite.bundle.config.ts)`);
      // The import goes last (imports are hoisted): the lines stay where they were, as the source map says.
      return { code: `${code.replace(LAZY_COURSE_PAGE, 'Promise.resolve(coursePage$)')}\nimport * as coursePage$ from './course-page.js';`, map: null };
    },
  };
}

export default defineConfig({
  plugins: [minifyTemplates(), staticCoursePage()],
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

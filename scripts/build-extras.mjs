// The small self-hosted files beside the drop-in, each one file with nothing shared
// (one build per file, minified), into dist/ or the folder given:
//   campus-matomo.js  the widgets' events to Matomo's _paq (src/analytics/campus-matomo.ts)
//   campus-frame.js   on a host page, a campus frame as tall as its content (src/embed/campus-frame.ts)
//   campus-embed.js   inside the service's /embed/ pages, the other half of that (src/embed/frame-child.ts)
//
//   node scripts/build-extras.mjs [outDir]
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const EXTRAS = {
  'campus-matomo.js': 'src/analytics/campus-matomo.ts',
  'campus-frame.js': 'src/embed/campus-frame.ts',
  'campus-embed.js': 'src/embed/frame-child.ts',
};

export async function buildExtras(outDir = join(root, 'dist')) {
  const { build } = await import('vite');
  for (const [file, entry] of Object.entries(EXTRAS)) {
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      build: {
        outDir,
        emptyOutDir: false,
        target: 'es2022',
        sourcemap: false,
        lib: { entry: join(root, entry), formats: ['es'], fileName: () => file },
        rolldownOptions: { output: { minify: true } },
      },
    });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildExtras(process.argv[2] ? resolve(process.argv[2]) : undefined);
}

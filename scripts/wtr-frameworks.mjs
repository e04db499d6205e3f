// A web-test-runner plugin that lets browser tests import React 19 and Vue 3,
// for the framework examples (examples/react, examples/vue).
//
// React ships CommonJS only, which the browser cannot import and whose names
// (`module.exports = require(...)` behind a NODE_ENV test) no CommonJS
// converter can see. So, when the server starts, this writes one ESM entry per
// bare name the examples use, listing the names the CommonJS module has
// (`export { createElement, useState, … } from 'react'`), bundles them with
// esbuild into node_modules/.cache (code splitting: one React instance shared by
// react, react-dom and react-dom/client; rebuilt when React's version changes),
// and maps the bare names there.
// Vue's ESM browser build (with the template compiler) needs no step.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import { build } from 'esbuild';

/** Bare names served from the prebuilt copy, and their entry's file name. */
const REACT_ENTRIES = {
  react: 'react',
  'react/jsx-runtime': 'react-jsx-runtime',
  'react/jsx-dev-runtime': 'react-jsx-dev-runtime',
  'react-dom': 'react-dom',
  'react-dom/client': 'react-dom-client',
};
const VUE = 'vue/dist/vue.esm-browser.js';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const DONE = '.complete';

export function frameworksPlugin({ nodeEnv = 'development' } = {}) {
  let rootDir = process.cwd();
  const toUrl = (file) => `/${relative(rootDir, file).split(sep).join('/')}`;
  const mapped = new Map();

  return {
    name: 'campus-frameworks',

    async serverStart({ config }) {
      rootDir = resolve(config.rootDir ?? rootDir);
      const require = createRequire(join(rootDir, 'package.json'));
      const version = (name) => require(`${name}/package.json`).version;
      // One folder per React version and mode, built once and never changed
      // afterwards, so that test runs started side by side share it safely.
      const cache = join(rootDir, 'node_modules', '.cache', 'campus-wtr-frameworks');
      const outDir = join(cache, `react-${version('react')}-dom-${version('react-dom')}-${nodeEnv}`);
      for (const [spec, name] of Object.entries(REACT_ENTRIES)) mapped.set(spec, toUrl(join(outDir, `${name}.js`)));
      mapped.set('vue', toUrl(require.resolve(VUE)));
      if (existsSync(join(outDir, DONE))) return;

      const workDir = `${outDir}.tmp-${process.pid}`;
      const srcDir = join(workDir, 'entries');
      mkdirSync(srcDir, { recursive: true });
      const entryPoints = {};
      for (const [spec, name] of Object.entries(REACT_ENTRIES)) {
        const names = Object.keys(require(spec)).filter((n) => n !== 'default' && IDENTIFIER.test(n));
        const file = join(srcDir, `${name}.js`);
        writeFileSync(
          file,
          `export { ${names.join(', ')} } from ${JSON.stringify(spec)};\nexport { default } from ${JSON.stringify(spec)};\n`,
        );
        entryPoints[name] = file;
      }
      try {
        await build({
          entryPoints,
          absWorkingDir: rootDir,
          outdir: workDir,
          bundle: true,
          format: 'esm',
          splitting: true,
          target: 'es2022',
          platform: 'browser',
          define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
          logLevel: 'warning',
        });
        writeFileSync(join(workDir, DONE), `${new Date().toISOString()}\n`);
        renameSync(workDir, outDir);
      } catch (error) {
        // Another run finished the same folder first: use it.
        if (!existsSync(join(outDir, DONE))) throw error;
      } finally {
        rmSync(workDir, { recursive: true, force: true });
      }
    },

    resolveImport({ source }) {
      return mapped.get(source);
    },
  };
}

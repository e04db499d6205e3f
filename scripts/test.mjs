// `npm test`'s runner: the service's Node tests (SQLite, and PostgreSQL when
// TEST_DATABASE_URL is set), the office's end-to-end tests, then every browser
// test in Chromium (and Firefox when found), closing with one countable line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium, findFirefox } from './browsers.mjs';

const chromium = ensureChromium();
const firefox = findFirefox();
if (process.env.CAMPUS_REQUIRE_FIREFOX && !firefox) {
  console.error('Firefox est requis ici (CAMPUS_REQUIRE_FIREFOX) : installez firefox-esr ou indiquez FIREFOX_PATH.');
  process.exit(1);
}
console.log(`Navigateurs : Chromium (${chromium})${firefox ? `, Firefox (${firefox})` : ' — Firefox introuvable, tests Chromium seulement'}`);

const totals = { passed: 0, failed: 0, skipped: 0 };
mkdirSync('.cache', { recursive: true });

/** Runs Node test files, adds their counts to the totals. */
function nodeSuite(label, files, env = process.env) {
  const tap = `.cache/node-tests-${label}.tap`;
  rmSync(tap, { force: true });
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
    { stdio: 'inherit', env },
  );
  const out = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (name) => Number(out.match(new RegExp(`^# ${name} (\\d+)`, 'm'))?.[1] ?? 0);
  totals.passed += count('pass');
  totals.failed += count('fail') + count('cancelled');
  totals.skipped += count('skipped') + count('todo');
  if (run.status !== 0 && count('fail') === 0) totals.failed++;
  console.log(`node (${label}): ${count('pass')} passed, ${count('fail')} failed`);
}

// Node tests: the service's on SQLite, then again on PostgreSQL when TEST_DATABASE_URL
// names a server (CI starts a throwaway one: scripts/throwaway-postgres.sh).
const nodeTests = existsSync('test/api') ? readdirSync('test/api').filter((f) => f.endsWith('.node.test.ts')).map((f) => `test/api/${f}`) : [];
if (nodeTests.length) {
  const { TEST_DATABASE_URL: postgres, ...sqliteEnv } = process.env;
  nodeSuite('sqlite', nodeTests, sqliteEnv);
  if (postgres) {
    // Only the files that open a database: the others would pass twice for nothing.
    const withDatabase = nodeTests.filter((f) => /from '\.\/fixture\.js'|test-database\.js/.test(readFileSync(f, 'utf8')));
    nodeSuite('postgres', withDatabase);
  }
}

// The front end's own Node tests (pure modules: the form model, the module graph), no database.
const unitTests = existsSync('test/unit') ? readdirSync('test/unit').filter((f) => f.endsWith('.node.test.ts')).map((f) => `test/unit/${f}`) : [];
if (unitTests.length) nodeSuite('unit', unitTests);

// The office end to end: its pages built as in production, the service as `npm run api -- --demo`,
// top-level pages in Chromium and Firefox driven by puppeteer-core (an OpenID Connect redirect
// cannot run inside the test runner's page).
const e2eTests = existsSync('test/e2e') ? readdirSync('test/e2e').filter((f) => f.endsWith('.e2e.ts')).map((f) => `test/e2e/${f}`) : [];
if (e2eTests.length) {
  const { TEST_DATABASE_URL: _postgres, ...e2eEnv } = process.env;
  nodeSuite('e2e', e2eTests, { ...e2eEnv, CHROME_PATH: chromium, ...(firefox ? { FIREFOX_PATH: firefox } : {}) });
}

// Browser tests.
rmSync('.cache/wtr-counts.json', { force: true });
const wtr = spawnSync(process.execPath, ['node_modules/@web/test-runner/dist/bin.js', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROME_PATH: chromium, ...(firefox ? { FIREFOX_PATH: firefox } : {}) },
});
if (existsSync('.cache/wtr-counts.json')) {
  const counts = JSON.parse(readFileSync('.cache/wtr-counts.json', 'utf8'));
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  if (wtr.status !== 0 && counts.failed === 0) totals.failed++;
} else {
  totals.failed++;
}

console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed ? 1 : 0);

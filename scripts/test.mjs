// `npm test`'s runner: the reference server's Node tests, then every browser
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

// Node tests of the reference server.
const nodeTests = existsSync('test/api') ? readdirSync('test/api').filter((f) => f.endsWith('.node.test.ts')) : [];
if (nodeTests.length) {
  const tap = '.cache/node-tests.tap';
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...nodeTests.map((f) => `test/api/${f}`)],
    { stdio: 'inherit' },
  );
  const out = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (name) => Number(out.match(new RegExp(`^# ${name} (\\d+)`, 'm'))?.[1] ?? 0);
  totals.passed += count('pass');
  totals.failed += count('fail') + count('cancelled');
  totals.skipped += count('skipped') + count('todo');
  if (run.status !== 0 && count('fail') === 0) totals.failed++;
  console.log(`node: ${count('pass')} passed, ${count('fail')} failed`);
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

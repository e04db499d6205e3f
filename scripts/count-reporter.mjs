// A web-test-runner reporter that leaves a countable closing line for CI and
// the totals in a file for scripts/test.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';

function walk(suite, counts) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) counts.skipped++;
    else if (test.passed) counts.passed++;
    else counts.failed++;
  }
  for (const child of suite?.suites ?? []) walk(child, counts);
}

export function countReporter({ file = '.cache/wtr-counts.json' } = {}) {
  return {
    stop({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        walk(session.testResults, counts);
        // A module that failed to load, or a browser that did not start, ran no test: count it as a failure.
        if (!session.passed && (session.errors?.length || !session.testResults)) counts.failed++;
      }
      mkdirSync('.cache', { recursive: true });
      writeFileSync(file, JSON.stringify(counts));
      process.on('exit', () => {
        console.log(`wtr: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
      });
    },
  };
}

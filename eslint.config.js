// ESLint (flat config), run by `npm test` before the tests and so by CI:
// TypeScript's rules, Lit's templates, custom elements, and the accessibility
// of templates. A rule turned off here or in a file says why, on the same line.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import { configs as wcConfigs } from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

/** No `eslint-disable…` comment without its reason after ` -- ` on the same line. */
const disableWithReason = {
  meta: { type: 'suggestion', schema: [], messages: { reason: 'Say why on the same line: `eslint-disable… rule -- reason`.' } },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          const text = comment.value.trim();
          if (/^eslint-disable/.test(text) && !/\s--\s+\S/.test(text)) context.report({ loc: comment.loc, messageId: 'reason' });
        }
      },
    };
  },
};

export default tseslint.config(
  {
    // The front end, the office's pages and their tooling; the campus service (demo/api, server/
    // and its node tests under test/api) is type-checked, not linted here.
    ignores: [
      'dist/**', 'dist-site/**', 'node_modules/**', '.cache/**', 'storybook-static/**', '.storybook/public/**',
      'demo/api/**', 'server/**', 'office/dist/**', 'test/api/**', '.storybook/in-browser-api/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { campus: { rules: { 'disable-with-reason': disableWithReason } } },
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'campus/disable-with-reason': 'error',
    },
  },
  {
    files: ['test/**/*.ts'],
    // chai's assertions are property reads: `expect(x).to.be.true`.
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'examples/**/*.ts', 'office/**/*.ts'],
    ...litConfigs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wcConfigs['flat/recommended'],
    settings: { wc: { elementBaseClasses: ['LitElement', 'CampusElement', 'CampusForm'] }, lit: { elementBaseClasses: ['CampusElement', 'CampusForm'] } },
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts', 'office/**/*.ts'],
    plugins: { 'lit-a11y': litA11y },
    rules: { ...litA11y.configs.recommended.rules },
  },
);

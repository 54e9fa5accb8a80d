// ESLint 9 flat config. Fast on purpose: typescript-eslint's recommended rules without type
// information. `npm run lint` runs it with --max-warnings 0.
import { builtinModules } from 'node:module';
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The product (lib/, cli/, app/, components/, instrumentation.ts) never depends on the tooling beside it:
// benchmarks (bench/), the fuzz suite (fuzz/) and shared test support (testing/: the fake Kubernetes
// API server, the cluster generator, fuzz arbitraries). Tests of the product may use testing/.
const TOOLING = 'The product must not depend on bench/, fuzz/ or testing/ (tooling); only tests may import testing/.';
const toolingPattern = { regex: '^(\\.\\./)+(bench|fuzz|testing)(/|$)|^@/(bench|fuzz|testing)(/|$)', message: TOOLING };
const productBoundary = { patterns: [toolingPattern] };

// lib/engine must stay pure: it runs unchanged in the CLI, route handlers, tests and the browser.
const PURITY = 'lib/engine is pure: no React, Next, Node built-ins, I/O or cluster client.';
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));
const engineBoundary = {
  paths: ['react', 'react-dom', 'next', 'server-only', ...nodeBuiltins].map((name) => ({
    name,
    message: PURITY,
  })),
  patterns: [
    { group: ['react/*', 'react-dom/*', 'next/*', '@kubernetes/*', 'node:*'], message: PURITY },
    {
      regex: '^(\\.\\./)+load(/|$)|(^|/)lib/load(/|$)',
      message: 'lib/engine must not depend on the I/O adapters in lib/load.',
    },
    toolingPattern,
  ],
};

// Shared test support sits below the benchmarks and the fuzz suite, which build on it.
const testingBoundary = {
  patterns: [
    {
      regex: '^(\\.\\./)+(bench|fuzz)(/|$)|^@/(bench|fuzz)(/|$)',
      message: 'testing/ is shared by tests, benchmarks and fuzzing: it must not depend on bench/ or fuzz/.',
    },
  ],
};

export default defineConfig([
  globalIgnores([
    '.next/',
    'dist/',
    '**/*.tmp.*',
    'out/',
    'node_modules/',
    'test-results/',
    'playwright-report/',
    'blob-report/',
    'coverage/',
    '.bench/',
    'next-env.d.ts',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}', '**/*.config.{ts,mts}', 'scripts/**', 'cli/**', 'e2e/**', 'bench/**', 'fuzz/**', 'testing/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs', 'next.config.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['lib/**/*.{ts,tsx,mts,js,mjs}', 'cli/**/*.{ts,tsx,mts,js,mjs}', 'app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'instrumentation.ts'],
    ignores: ['**/*.test.*', '**/testdata/**'],
    rules: { 'no-restricted-imports': ['error', productBoundary] },
  },
  {
    // Tests and benchmarks may read their fixtures from disk; the engine code itself may not.
    // (This entry replaces the one above for lib/engine, so engineBoundary repeats the tooling rule.)
    files: ['lib/engine/**/*.{ts,tsx,mts,js,mjs}'],
    ignores: ['**/*.test.*', '**/*.bench.*', '**/testdata/**'],
    rules: { 'no-restricted-imports': ['error', engineBoundary] },
  },
  {
    files: ['testing/**/*.{ts,mts,js,mjs}'],
    ignores: ['**/*.test.*'],
    rules: { 'no-restricted-imports': ['error', testingBoundary] },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
]);

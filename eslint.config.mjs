// ESLint 9 flat config. Fast on purpose: typescript-eslint's recommended rules without type
// information. `npm run lint` runs it with --max-warnings 0.
import { builtinModules } from 'node:module';
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

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
    files: ['**/*.{js,mjs,cjs}', '**/*.config.{ts,mts}', 'scripts/**', 'cli/**', 'e2e/**'],
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
    // Tests and benchmarks may read their fixtures from disk; the engine code itself may not.
    files: ['lib/engine/**/*.{ts,tsx,mts,js,mjs}'],
    ignores: ['**/*.test.*', '**/*.bench.*', '**/testdata/**'],
    rules: { 'no-restricted-imports': ['error', engineBoundary] },
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

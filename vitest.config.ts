import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: [
      // the product
      'lib/**/*.test.ts',
      'cli/**/*.test.ts',
      'components/**/*.test.ts',
      // tooling: scripts, benchmarks, fuzzing, shared test support (fake API server, cluster generator)
      'scripts/**/*.test.ts',
      'bench/**/*.test.ts',
      'fuzz/**/*.test.ts',
      'testing/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});

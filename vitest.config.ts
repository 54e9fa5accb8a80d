import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  // 'server-only' throws outside React's server build; tests run server code in plain Node (as the
  // esbuild bundles do, scripts/lib/cli-bundle.mjs)
  resolve: { alias: { '@': path.resolve(__dirname), 'server-only': path.resolve(__dirname, 'lib/server/server-only-stub.ts') } },
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

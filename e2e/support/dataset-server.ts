// A worker-scoped app server on a dataset file (lib/testdata/datasets/realistic-large.json by default),
// for specs that check the explorer on a realistic cluster as well as on the demo.
import path from 'node:path';
import { test as base } from '../fixtures';
import { startAppServer, type AppServer } from './app-server';

export const REALISTIC_LARGE = path.resolve(__dirname, '../../lib/testdata/datasets/realistic-large.json');

export const test = base.extend<object, { large: AppServer }>({
  large: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring; none needed
    async ({}, use) => {
      const server = await startAppServer({ RBAC_ATLAS_SOURCE: JSON.stringify({ kind: 'files', paths: [REALISTIC_LARGE] }) });
      try {
        // load the data source before the tests time anything
        const source = (await (await fetch(`${server.url}/api/source`)).json()) as { objects: number };
        if (!(source.objects > 0)) throw new Error(`no objects loaded from ${REALISTIC_LARGE}`);
        await use(server);
      } finally {
        await server.stop();
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

export { expect } from '../fixtures';

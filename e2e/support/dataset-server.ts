// Worker-scoped app servers on dataset files, for specs that check the explorer on realistic clusters
// as well as on the demo: `large` serves lib/testdata/datasets/realistic-large.json, `generated` a
// 1,000-namespace cluster written by scripts/gen-cluster.mjs into the worker's output folder.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test as base } from '../fixtures';
import { startAppServer, type AppServer } from './app-server';

const ROOT = path.resolve(__dirname, '../..');
export const REALISTIC_LARGE = path.join(ROOT, 'lib/testdata/datasets/realistic-large.json');

async function serve(file: string, use: (server: AppServer) => Promise<void>): Promise<void> {
  const server = await startAppServer({ RBAC_ATLAS_SOURCE: JSON.stringify({ kind: 'files', paths: [file] }) });
  try {
    // load the data source before the tests time anything
    const source = (await (await fetch(`${server.url}/api/source`)).json()) as { objects: number };
    if (!(source.objects > 0)) throw new Error(`no objects loaded from ${file}`);
    await use(server);
  } finally {
    await server.stop();
  }
}

export const test = base.extend<object, { large: AppServer; generated: AppServer }>({
  large: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring; none needed
    async ({}, use) => serve(REALISTIC_LARGE, use),
    { scope: 'worker', timeout: 120_000 },
  ],
  generated: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring; none needed
    async ({}, use, workerInfo) => {
      const file = path.join(workerInfo.project.outputDir, `cluster-1000-${workerInfo.workerIndex}.json`);
      const gen = spawnSync(process.execPath, [path.join(ROOT, 'scripts/gen-cluster.mjs'), '--namespaces', '1000', '--out', file], { cwd: ROOT, encoding: 'utf8' });
      if (gen.status !== 0) throw new Error(`scripts/gen-cluster.mjs failed: ${gen.stderr}`);
      await serve(file, use);
    },
    { scope: 'worker', timeout: 180_000 },
  ],
});

export { expect } from '../fixtures';

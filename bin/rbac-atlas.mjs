#!/usr/bin/env node
// Thin shim: the CLI is TypeScript bundled into dist/ by `npm ci` / `npm run build:cli`.
import { existsSync } from 'node:fs';
const main = new URL('../dist/cli/main.mjs', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('rbac-atlas: the CLI is not built yet: run `npm run build:cli` (npm ci does it too)\n');
  process.exit(70);
}
await import(main.href);

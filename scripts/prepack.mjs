#!/usr/bin/env node
// `npm pack` (prepack): the package carries the built web app (.next) and the server bundle, so that
// `npm install -g ./rbac-atlas-*.tgz` serves with no build step. Builds only what is stale
// (scripts/lib/next-server.mjs); "prepare" (which npm pack runs next) bundles the CLI.
import { ensureBuilt } from './lib/next-server.mjs';

await ensureBuilt();

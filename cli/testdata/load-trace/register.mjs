// `node --import ./register.mjs ...`: records the URL of every module the process loads (one per
// line, in RBAC_ATLAS_LOAD_TRACE), for cli/startup.test.ts.
import { register } from 'node:module';

register(new URL('./hooks.mjs', import.meta.url), { data: { file: process.env.RBAC_ATLAS_LOAD_TRACE } });

// What `import 'server-only'` becomes in the esbuild bundles (scripts/lib/cli-bundle.mjs): that package
// only keeps server modules out of browser bundles, and throws when loaded outside React's server
// build, which a worker thread of the server (dist/server/worker.mjs) is. Nothing to do here.
export {};

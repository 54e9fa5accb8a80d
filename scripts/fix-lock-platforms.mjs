// Adds package-lock entries for optional platform packages (other OS/CPU builds of next/swc and
// tailwind oxide) that the registry mirror on our machines does not serve, so that `npm ci` accepts
// the lock. npm skips them on other platforms; elsewhere it fetches them by name and version.
// Run after any dependency change: node scripts/fix-lock-platforms.mjs
import { readFileSync, writeFileSync } from 'node:fs';
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const pk = lock.packages;
const platform = (name) => {
  const m = name.match(/-(darwin|linux|win32|android|freebsd|wasm32)-?([a-z0-9]+)?/);
  if (!m) return {};
  const os = m[1] === 'wasm32' ? undefined : m[1];
  const cpuMap = { arm64: 'arm64', x64: 'x64', arm: 'arm', wasi: 'wasm32' };
  let cpu = m[2] ? cpuMap[m[2]] : undefined;
  if (name.includes('arm-gnueabihf')) cpu = 'arm';
  if (name.includes('wasm32')) return { cpu: ['wasm32'] };
  return { ...(os ? { os: [os] } : {}), ...(cpu ? { cpu: [cpu] } : {}) };
};
let added = 0;
for (const entry of Object.values(pk)) {
  for (const [dep, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (pk[key]) continue;
    pk[key] = { version: range, optional: true, ...platform(dep) };
    added++;
    console.log('added', key, range, JSON.stringify(platform(dep)));
  }
}
writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log(added, 'entries added');

#!/usr/bin/env node
// Benchmark of `rbac-atlas diff`: two synthetic clusters of N namespaces (scripts/gen-cluster.mjs for
// BEFORE; AFTER is a copy with planted changes and no-ops), loaded and diffed in a child process.
// Reports the load of both sides, the permission diff, the two scans, their ratio to the load, and
// peak memory. Exits 1 when load + diff exceeds 3x the load of both.
//
//   node scripts/bench-diff.mjs [--namespaces 5000] [--runs 1]
//
// Files are cached in $TMPDIR/rbac-atlas-bench-diff.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { namespaces: { type: 'string', default: '5000' }, runs: { type: 'string', default: '1' } } });
const namespaces = Number(values.namespaces);
const runs = Number(values.runs);
const dir = path.join(os.tmpdir(), 'rbac-atlas-bench-diff');
mkdirSync(dir, { recursive: true });
const beforeFile = path.join(dir, `before-${namespaces}.json`);
const afterFile = path.join(dir, `after-${namespaces}.json`);

if (!existsSync(beforeFile)) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/gen-cluster.mjs'), '--namespaces', String(namespaces), '--out', beforeFile], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (!existsSync(afterFile)) writeFileSync(afterFile, mutate(readFileSync(beforeFile, 'utf8')));

/**
 * AFTER: real changes (a ClusterRole aggregated into `view`, a new ClusterRoleBinding to a Secret
 * reader, RoleBindings removed, RoleBindings turned into ClusterRoleBindings, Roles with a verb
 * more) and no-ops (bindings renamed, rules split, metadata churn on every 10th object, the whole
 * list in reverse order). One item per line, as gen-cluster writes it.
 */
function mutate(text) {
  const doc = JSON.parse(text);
  const rbac = 'rbac.authorization.k8s.io/v1';
  let rbSeen = 0;
  let roleSeen = 0;
  const items = [];
  for (const [i, item] of doc.items.entries()) {
    if (item.kind === 'RoleBinding') {
      rbSeen++;
      if (rbSeen % 1000 === 1) continue; // removed
      if (rbSeen % 1000 === 2 && item.roleRef.kind === 'ClusterRole') {
        items.push({ ...item, kind: 'ClusterRoleBinding', metadata: { name: `promoted-${item.metadata.namespace}-${item.metadata.name}` } });
        continue;
      }
      if (rbSeen % 250 === 3) item.metadata = { ...item.metadata, name: `${item.metadata.name}-renamed` };
    }
    if (item.kind === 'Role') {
      roleSeen++;
      if (roleSeen % 300 === 1 && item.rules?.length) item.rules = [...item.rules.slice(1), { ...item.rules[0], verbs: [...item.rules[0].verbs, 'deletecollection'] }];
      else if (roleSeen % 100 === 2 && item.rules?.length) item.rules = item.rules.flatMap((r) => r.verbs.map((v) => ({ ...r, verbs: [v] }))); // split: no-op
    }
    if (i % 10 === 0) {
      item.metadata = { ...item.metadata, resourceVersion: String(9_000_000 + i), annotations: { ...item.metadata.annotations, 'bench.example.com/churn': 'yes' } };
    }
    items.push(item);
  }
  items.push({ apiVersion: rbac, kind: 'ClusterRole', metadata: { name: 'bench-widgets-view', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }, rules: [{ apiGroups: ['bench.example.com'], resources: ['widgets'], verbs: ['get', 'list', 'watch'] }] });
  items.push({ apiVersion: rbac, kind: 'ClusterRole', metadata: { name: 'bench-secret-reader' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }] });
  items.push({ apiVersion: rbac, kind: 'ClusterRoleBinding', metadata: { name: 'bench-ci-secrets' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'bench-secret-reader' }, subjects: [{ kind: 'ServiceAccount', name: 'bench-runner', namespace: 'ci' }] });
  items.reverse();
  return `{"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":""},"items":[\n${items.map((x) => JSON.stringify(x)).join(',\n')}\n]}\n`;
}

const entry = path.join(root, 'dist/bench/diff-bench.mjs');
await build({
  stdin: {
    resolveDir: root,
    sourcefile: 'diff-bench.ts',
    loader: 'ts',
    contents: `
      import { loadFiles } from './lib/load/files';
      import { buildIndex } from './lib/engine/query-index';
      import { diffAccess, diffFindings, scanForDiff } from './lib/engine/diff/index';
      const [beforeFile, afterFile] = process.argv.slice(2);
      const now = () => performance.now();
      const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
      const t0 = now(); const c0 = cpu();
      const before = buildIndex((await loadFiles([beforeFile])).snapshot);
      const after = buildIndex((await loadFiles([afterFile])).snapshot);
      const t2 = now(); const c2 = cpu();
      const access = diffAccess(before, after);
      const t3 = now(); const c3 = cpu();
      const options = { today: new Date().toISOString().slice(0, 10) };
      const findings = diffFindings(scanForDiff(before, options), scanForDiff(after, options));
      const t4 = now(); const c4 = cpu();
      const rules = (k) => access.subjects.reduce((n, s) => n + s[k].length, 0);
      console.log(JSON.stringify({
        loadMs: t2 - t0, accessMs: t3 - t2, scansMs: t4 - t3,
        loadCpuMs: c2 - c0, accessCpuMs: c3 - c2, scansCpuMs: c4 - c3,
        objects: before.bindings.length + before.roles.size,
        subjects: Math.max(before.subjects.size, after.subjects.size),
        changedSubjects: access.subjects.length, gained: rules('gained'), lost: rules('lost'),
        added: findings.added.length, resolved: findings.resolved.length,
        peakRssMiB: process.resourceUsage().maxRSS / 1024,
        heapMiB: process.memoryUsage().heapUsed / 1048576,
      }));
    `,
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile: entry,
  logLevel: 'warning',
});

const results = [];
for (let i = 0; i < runs; i++) {
  const r = spawnSync(process.execPath, [entry, beforeFile, afterFile], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    process.exit(r.status ?? 1);
  }
  results.push(JSON.parse(r.stdout.trim().split('\n').at(-1)));
}
const f = (ms) => (ms / 1000).toFixed(2);
let failed = false;
for (const r of results) {
  const load = r.loadMs;
  const diff = r.accessMs + r.scansMs;
  const ratio = (load + diff) / load;
  const cpuRatio = (r.loadCpuMs + r.accessCpuMs + r.scansCpuMs) / r.loadCpuMs;
  failed ||= ratio > 3;
  console.log(
    `${namespaces} namespaces: load both ${f(load)} s, permission diff ${f(r.accessMs)} s, two scans ${f(r.scansMs)} s; ` +
      `load + diff = ${ratio.toFixed(2)}x the load (diff alone ${(diff / load).toFixed(2)}x); ` +
      `CPU: load ${f(r.loadCpuMs)} s, permission diff ${f(r.accessCpuMs)} s, scans ${f(r.scansCpuMs)} s, ${cpuRatio.toFixed(2)}x; ` +
      `${r.changedSubjects} of ${r.subjects} subjects changed (${r.gained} gained, ${r.lost} lost rules), findings +${r.added} -${r.resolved}; ` +
      `peak RSS ${r.peakRssMiB.toFixed(0)} MiB`,
  );
}
process.exit(failed ? 1 : 0);

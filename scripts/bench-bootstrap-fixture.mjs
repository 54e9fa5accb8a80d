#!/usr/bin/env node
// Regenerates testing/cluster/bootstrap-rbac.json: the Kubernetes bootstrap RBAC objects (default ClusterRoles,
// ClusterRoleBindings, Roles, RoleBindings, plus the four system Namespaces and the controller
// ServiceAccounts they name) taken from a dataset snapshot, by the annotation
// metadata.annotations["rbac-dataset/source"] == "kubernetes-bootstrap". Objects are copied unchanged.
//
//   node scripts/bench-bootstrap-fixture.mjs path/to/demo-cluster/snapshot.json
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const KINDS = ['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding', 'ServiceAccount'];
const src = process.argv[2];
if (!src) {
  console.error('usage: node scripts/bench-bootstrap-fixture.mjs SNAPSHOT.json');
  process.exit(64);
}
const list = JSON.parse(readFileSync(src, 'utf8'));
const items = list.items.filter(
  (o) => KINDS.includes(o.kind) && o.metadata?.annotations?.['rbac-dataset/source'] === 'kubernetes-bootstrap',
);
const out = fileURLToPath(new URL('../testing/cluster/bootstrap-rbac.json', import.meta.url));
writeFileSync(out, JSON.stringify({ apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } }, null, 2) + '\n');
console.log(`${out}: ${items.length} objects`);

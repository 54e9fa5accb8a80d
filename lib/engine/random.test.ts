// Randomized cross-checks: random small clusters and requests on which the index must agree with the
// reference resolver (resolve.ts): who-can with and without -A against referenceWhoCan, can-i against
// authorize, and who-can against can-i. Seeded, so a failure is reproducible from its seed. The
// fast-check properties over hostile snapshots are in resolve.test.ts.
import { describe, expect, it } from 'vitest';
import { mulberry32 as prng } from '../../testing/mulberry32.mjs';
import { canI } from './can-i';
import { authorize, rbacListers, referenceWhoCan } from './resolve';
import { buildIndex } from './query-index';
import { subjectRefKey } from './subjects';
import { snapshotOf, type RawRule } from '../../testing/engine';
import type { Principal, Request, Snapshot } from './types';
import { whoCan } from './who-can';


const NS = ['a', 'b', 'c'];
const VERBS = ['get', 'list', 'create', 'delete', '*'];
const GROUPS = ['', 'apps', '*'];
const RESOURCES = ['pods', 'pods/exec', 'pods/log', 'secrets', 'deployments', 'deployments/scale', '*', '*/scale', 'pods/*', 'nodes'];
const URLS = ['/healthz', '/api/*', '/api', '*', '/metrics*'];
const USERS = ['alice', 'bob', 'system:serviceaccount:a:app', 'system:serviceaccount:b:app', 'system:serviceaccount:c:ci'];
const GROUP_NAMES = ['devs', 'ops', 'system:serviceaccounts', 'system:serviceaccounts:a', 'system:authenticated'];

function generate(seed: number): { snapshot: Snapshot; requests: Request[]; principals: Principal[] } {
  const rnd = prng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const some = <T,>(xs: readonly T[], max = 2): T[] => [...new Set(Array.from({ length: 1 + Math.floor(rnd() * max) }, () => pick(xs)))];
  const randomRule = (allowUrls: boolean): RawRule => {
    if (allowUrls && rnd() < 0.15) return { verbs: some(VERBS), nonResourceURLs: some(URLS) };
    const r: RawRule = { verbs: some(VERBS), apiGroups: some(GROUPS), resources: some(RESOURCES, 3) };
    if (rnd() < 0.2) r.resourceNames = some(['x', 'y', '']);
    return r;
  };
  const subject = () => {
    const k = rnd();
    if (k < 0.3) return { kind: 'User', name: pick(USERS) };
    if (k < 0.55) return { kind: 'Group', name: pick(GROUP_NAMES) };
    if (k < 0.95) return rnd() < 0.3 ? { kind: 'ServiceAccount', name: pick(['app', 'ci']) } : { kind: 'ServiceAccount', name: pick(['app', 'ci']), namespace: pick(NS) };
    return { kind: 'Robot', name: 'alice' };
  };
  const objects: unknown[] = [];
  const rbac = 'rbac.authorization.k8s.io/v1';
  const crNames = ['r0', 'r1', 'r2', 'r3'];
  for (const name of crNames) objects.push({ apiVersion: rbac, kind: 'ClusterRole', metadata: { name }, rules: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => randomRule(true)) });
  for (const ns of NS) for (const name of ['r0', 'local']) if (rnd() < 0.6) objects.push({ apiVersion: rbac, kind: 'Role', metadata: { name, namespace: ns }, rules: [randomRule(false)] });
  const roleRef = () => (rnd() < 0.7 ? { kind: 'ClusterRole', name: pick([...crNames, 'missing']) } : { kind: 'Role', name: pick(['r0', 'local', 'missing']) });
  for (let i = 0; i < 4; i++) objects.push({ apiVersion: rbac, kind: 'ClusterRoleBinding', metadata: { name: `crb${i}` }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef() }, subjects: Array.from({ length: 1 + Math.floor(rnd() * 3) }, subject) });
  for (let i = 0; i < 8; i++) objects.push({ apiVersion: rbac, kind: 'RoleBinding', metadata: { name: `rb${i}`, namespace: pick(NS) }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef() }, subjects: Array.from({ length: 1 + Math.floor(rnd() * 3) }, subject) });

  const requests: Request[] = [];
  for (let i = 0; i < 25; i++) {
    if (rnd() < 0.15) requests.push({ type: 'nonResource', verb: pick(['get', 'post']), path: pick(['/healthz', '/api', '/api/v1', '/metrics', '/version']) });
    else {
      const [resource, subresource = ''] = pick(['pods', 'pods/exec', 'secrets', 'deployments', 'deployments/scale', 'nodes', 'pods/log']).split('/') as [string, string?];
      requests.push({ type: 'resource', verb: pick(['get', 'list', 'create', 'delete', 'patch']), apiGroup: pick(['', 'apps']), resource, subresource, namespace: pick(['', ...NS]), name: pick(['', '', 'x', 'z']) });
    }
  }
  const principals: Principal[] = USERS.map((user) => ({ user, groups: some(GROUP_NAMES, 3) }));
  return { snapshot: snapshotOf(...objects), requests, principals };
}

describe('randomized cross-check', () => {
  const seeds = Array.from({ length: 150 }, (_, i) => i + 1);
  it.each(seeds)('seed %i', (seed) => {
    const { snapshot, requests, principals } = generate(seed);
    const index = buildIndex(snapshot);
    const listers = rbacListers(snapshot);
    for (const r of requests) {
      for (const all of [false, true]) {
        const got = whoCan(index, r, { allNamespaces: all });
        const keys = got.subjects.map(subjectRefKey).sort();
        expect(keys, `seed=${seed} request=${JSON.stringify(r)} all=${all}`).toEqual(referenceWhoCan(listers, r, { allNamespaces: all }).map(subjectRefKey).sort());
      }
      const direct = whoCan(index, r).subjects;
      for (const p of principals) {
        const want = authorize(listers, p, r).allowed;
        expect(canI(index, p, r).allowed, `seed=${seed} principal=${JSON.stringify(p)} request=${JSON.stringify(r)}`).toBe(want);
        // who-can lists a subject covering p exactly when p is allowed
        const covered = direct.some((s) => (s.kind === 'Group' ? p.groups.includes(s.name) : subjectRefKey(s) === subjectRefKey(s.kind === 'User' ? { kind: 'User', name: p.user } : { kind: 'ServiceAccount', name: p.user.split(':')[3] ?? '', namespace: p.user.split(':')[2] ?? '' })));
        expect(covered, `seed=${seed} who-can vs can-i principal=${JSON.stringify(p)} request=${JSON.stringify(r)}`).toBe(want);
      }
    }
  });
});

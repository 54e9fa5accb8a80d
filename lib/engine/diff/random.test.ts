// Randomized cross-check of diffAccess against who-can: for random pairs of small clusters and random
// requests, whether a subject gained or lost a request (who-can lists it on one side and not on the
// other) must agree with the rules the diff reports, as docs/diff.md defines them:
//   - cluster-scoped and non-resource requests, and namespaces no RoleBinding mentions: exactly the
//     "cluster" lines;
//   - a namespace: a namespace line only covers real gains (losses); every gain (loss) is covered by
//     a namespace line or a "cluster" line; a "cluster" line covers a request the subject holds on
//     the new (old) side, and not on the other unless through a RoleBinding in that namespace.
// Seeded, so a failure is reproducible from its seed.
import { describe, expect, it } from 'vitest';
import { mulberry32 as prng } from '../../../testing/mulberry32.mjs';
import { buildIndex } from '../query-index';
import { subjectRefKey } from '../subjects';
import { snapshotOf, type RawRule } from '../../../testing/engine';
import type { Request } from '../types';
import { whoCan } from '../who-can';
import { diffAccess } from './access';
import { diffRuleAllows } from './rule';
import type { DiffRule } from './types';


const NS = ['a', 'b'];
const VERBS = ['get', 'list', 'create', '*'];
const GROUPS = ['', 'apps', '*'];
const RESOURCES = ['pods', 'pods/exec', 'pods/log', 'secrets', 'deployments', '*', '*/exec', 'pods/*'];
const NAMES = ['x', 'y', '*'];
const URLS = ['/healthz', '/api/*', '/api', '*', '/api/v1*', '/metrics'];
const SUBJECTS = ['User:alice', 'User:system:serviceaccount:a:app', 'ServiceAccount:a/app', 'ServiceAccount:app', 'ServiceAccount:b/ci', 'Group:devs'];
const LABEL = 'rbac.example/agg';

function cluster(rnd: () => number) {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const some = <T,>(xs: readonly T[], max = 2): T[] => [...new Set(Array.from({ length: 1 + Math.floor(rnd() * max) }, () => pick(xs)))];
  const randomRule = (urls: boolean): RawRule => {
    if (urls && rnd() < 0.2) return { verbs: some(VERBS), nonResourceURLs: some(URLS) };
    const r: RawRule = { verbs: some(VERBS), apiGroups: some(GROUPS), resources: some(RESOURCES, 3) };
    if (rnd() < 0.25) r.resourceNames = some(NAMES);
    return r;
  };
  const rules = (urls: boolean) => Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => randomRule(urls));
  const rbac = 'rbac.authorization.k8s.io/v1';
  const subjects = () => some(SUBJECTS, 3).map((spec) => {
    const [kind, rest] = spec.split(/:(.*)/s) as [string, string];
    if (kind !== 'ServiceAccount') return { kind, name: rest, apiGroup: 'rbac.authorization.k8s.io' };
    const [x, y] = rest.split('/');
    return y === undefined ? { kind, name: x } : { kind, name: y, namespace: x };
  });
  const objects: unknown[] = [];
  for (const name of ['c1', 'c2', 'c3']) {
    objects.push({ apiVersion: rbac, kind: 'ClusterRole', metadata: { name, labels: rnd() < 0.4 ? { [LABEL]: 'true' } : {} }, rules: rules(true) });
  }
  objects.push({ apiVersion: rbac, kind: 'ClusterRole', metadata: { name: 'agg' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [LABEL]: 'true' } }] }, rules: [] });
  for (const ns of NS) if (rnd() < 0.7) objects.push({ apiVersion: rbac, kind: 'Role', metadata: { name: 'r', namespace: ns }, rules: rules(false) });
  const bindings = 1 + Math.floor(rnd() * 5);
  for (let i = 0; i < bindings; i++) {
    const roleRef = rnd() < 0.3 ? { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' } : { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: pick(['c1', 'c2', 'c3', 'agg', 'missing']) };
    if (rnd() < 0.4 && roleRef.kind === 'ClusterRole') objects.push({ apiVersion: rbac, kind: 'ClusterRoleBinding', metadata: { name: `b${i}` }, roleRef, subjects: subjects() });
    else objects.push({ apiVersion: rbac, kind: 'RoleBinding', metadata: { name: `b${i}`, namespace: pick(NS) }, roleRef, subjects: subjects() });
  }
  return objects;
}

function randomRequest(rnd: () => number): Request {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  if (rnd() < 0.15) return { type: 'nonResource', verb: pick(['get', 'post', 'list']), path: pick(['/healthz', '/api', '/api/v1', '/api/v1/x', '/api/v2', '/apis', '/metrics', '/other']) };
  const [resource, subresource] = pick([['pods', ''], ['pods', 'exec'], ['pods', 'log'], ['pods', '*'], ['secrets', ''], ['deployments', ''], ['deployments', 'exec'], ['widgets', ''], ['nodes', 'exec']]) as [string, string];
  return {
    type: 'resource',
    verb: pick(['get', 'list', 'create', 'delete', 'frobnicate']),
    apiGroup: pick(['', 'apps', 'example.com']),
    resource,
    subresource,
    namespace: pick(['', 'a', 'b', 'elsewhere']),
    name: pick(['', 'x', 'y', 'z', '*']),
  };
}

const covers = (rules: readonly DiffRule[], request: Request, scope: string) => rules.some((r) => r.scope === scope && diffRuleAllows(r, request));

describe('diffAccess agrees with who-can on random clusters and requests', () => {
  it.each(Array.from({ length: 60 }, (_, i) => i + 1))('seed %i', (seed) => {
    const rnd = prng(seed);
    const before = buildIndex(snapshotOf(...cluster(rnd)));
    const after = buildIndex(snapshotOf(...cluster(rnd)));
    const diff = diffAccess(before, after);
    const deltas = new Map(diff.subjects.map((s) => [subjectRefKey(s), s]));
    const mentioned = new Set([...before.bindings, ...after.bindings].map((b) => b.namespace));
    for (let i = 0; i < 300; i++) {
      const request = randomRequest(rnd);
      const b = new Map(whoCan(before, request).subjects.map((s) => [subjectRefKey(s), s]));
      const a = new Map(whoCan(after, request).subjects.map((s) => [subjectRefKey(s), s]));
      for (const key of new Set([...a.keys(), ...b.keys(), ...deltas.keys()])) {
        const delta = deltas.get(key);
        const gainedHere = a.has(key) && !b.has(key);
        const lostHere = b.has(key) && !a.has(key);
        const where = `${key} ${JSON.stringify(request)}`;
        const gc = covers(delta?.gained ?? [], request, 'cluster');
        const lc = covers(delta?.lost ?? [], request, 'cluster');
        const ns = request.type === 'resource' ? request.namespace : '';
        if (ns === '' || !mentioned.has(ns)) {
          expect(gc, `gained, ${where}`).toBe(gainedHere);
          expect(lc, `lost, ${where}`).toBe(lostHere);
          if (ns !== '') expect(covers(delta?.gained ?? [], request, ns) || covers(delta?.lost ?? [], request, ns), where).toBe(false);
          continue;
        }
        const gn = covers(delta?.gained ?? [], request, ns);
        const ln = covers(delta?.lost ?? [], request, ns);
        const viaRoleBinding = (side: typeof a) => side.get(key)?.grants.some((g) => g.scope === ns) ?? false;
        expect(!gn || gainedHere, `namespace gain is real, ${where}`).toBe(true);
        expect(!gainedHere || gc || gn, `gain is reported, ${where}`).toBe(true);
        expect(!gc || (a.has(key) && (!b.has(key) || viaRoleBinding(b))), `cluster gain, ${where}`).toBe(true);
        expect(!ln || lostHere, `namespace loss is real, ${where}`).toBe(true);
        expect(!lostHere || lc || ln, `loss is reported, ${where}`).toBe(true);
        expect(!lc || (b.has(key) && (!a.has(key) || viaRoleBinding(a))), `cluster loss, ${where}`).toBe(true);
      }
    }
  });
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  KIND_ORDER,
  NAMESPACED_KINDS,
  clusterJsonChunks,
  generateCluster,
  withAggregatedRules,
  type KubeObject,
} from './generate';

const text = (namespaces: number, seed = 1, teamsPerNs = 2): string =>
  [...clusterJsonChunks({ namespaces, seed, teamsPerNs })].join('');

interface Rule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}
interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}
const rulesOf = (o: KubeObject): Rule[] => (o.rules as Rule[] | undefined) ?? [];
const subjectsOf = (o: KubeObject): Subject[] => (o.subjects as Subject[] | undefined) ?? [];
const roleRefOf = (o: KubeObject) => o.roleRef as { kind: string; name: string };
const key = (o: KubeObject): string => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

const small = generateCluster({ namespaces: 120 });
const items = small.items;
const byKind = (kind: string) => items.filter((o) => o.kind === kind);

describe('determinism', () => {
  it('same options give byte-identical output', () => {
    expect(text(40)).toBe(text(40));
  });
  it('another seed or team count gives another cluster', () => {
    expect(text(40, 2)).not.toBe(text(40, 1));
    expect(text(40, 1, 3)).not.toBe(text(40, 1, 2));
  });
  it('the streamed text is valid JSON equal to generateCluster', () => {
    expect(JSON.parse(text(30))).toEqual(generateCluster({ namespaces: 30 }));
  });
  it('writes one item per line', () => {
    const lines = text(10).trimEnd().split('\n');
    expect(lines.length).toBe(generateCluster({ namespaces: 10 }).items.length + 2);
  });
});

describe('size', () => {
  const count = (n: number) => generateCluster({ namespaces: n }).items.length;
  it.each([
    [10, 450, 750],
    [100, 2_700, 3_400],
  ])('%i namespaces give %i..%i objects', (n, lo, hi) => {
    const c = count(n);
    expect(c).toBeGreaterThanOrEqual(lo);
    expect(c).toBeLessThanOrEqual(hi);
  });
  it('scales linearly with the namespace count (~28 objects per namespace)', () => {
    const perNs = (count(200) - count(100)) / 100;
    expect(perNs).toBeGreaterThan(24);
    expect(perNs).toBeLessThan(33);
  });
  it('adds system, platform and one tenant-operator namespace per 50 team namespaces', () => {
    expect(byKind('Namespace').length).toBe(120 + 4 + 10 + 2);
    expect(generateCluster({ namespaces: 10, bootstrap: false }).items.filter((o) => o.kind === 'Namespace').length).toBe(20);
  });
  it('pods are the largest share of the bytes', () => {
    const bytes = (kind: string) => byKind(kind).reduce((n, o) => n + JSON.stringify(o).length, 0);
    const total = items.reduce((n, o) => n + JSON.stringify(o).length, 0);
    expect(bytes('Pod') / total).toBeGreaterThan(0.4);
  });
});

describe('well-formed objects', () => {
  it('has every kind', () => {
    expect(new Set(items.map((o) => o.kind))).toEqual(new Set(KIND_ORDER));
  });
  it('every object has kind, apiVersion, metadata.name, uid and creationTimestamp', () => {
    for (const o of items) {
      expect(typeof o.kind, key(o)).toBe('string');
      expect(o.apiVersion, key(o)).toMatch(/^(v1|rbac\.authorization\.k8s\.io\/v1)$/);
      expect(o.metadata.name, key(o)).toMatch(/^[a-z0-9:.@-]+$/);
      expect(o.metadata.uid, key(o)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(o.metadata.creationTimestamp, key(o)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
  });
  it('namespaced kinds have an existing namespace; cluster-scoped kinds have none', () => {
    const namespaces = new Set(byKind('Namespace').map((o) => o.metadata.name));
    for (const o of items) {
      if (NAMESPACED_KINDS.has(o.kind)) expect(namespaces.has(o.metadata.namespace ?? ''), key(o)).toBe(true);
      else expect(o.metadata.namespace, key(o)).toBeUndefined();
    }
  });
  it('has no duplicate objects or uids', () => {
    expect(new Set(items.map(key)).size).toBe(items.length);
    expect(new Set(items.map((o) => o.metadata.uid)).size).toBe(items.length);
  });
  it('is ordered like kubectl: by kind, then namespace, then name', () => {
    const rank = (o: KubeObject) => KIND_ORDER.indexOf(o.kind as (typeof KIND_ORDER)[number]);
    for (let i = 1; i < items.length; i++) {
      const a = items[i - 1] as KubeObject;
      const b = items[i] as KubeObject;
      const ka = [rank(a), a.metadata.namespace ?? '', a.metadata.name];
      const kb = [rank(b), b.metadata.namespace ?? '', b.metadata.name];
      expect(ka < kb || (ka[0] as number) < (kb[0] as number), `${key(a)} before ${key(b)}`).toBe(true);
    }
  });
  it('every pod runs as an existing ServiceAccount and has an owner', () => {
    const accounts = new Set(byKind('ServiceAccount').map(key));
    for (const pod of byKind('Pod')) {
      const spec = pod.spec as { serviceAccountName: string; nodeName: string; containers: unknown[] };
      expect(accounts.has(`ServiceAccount/${pod.metadata.namespace}/${spec.serviceAccountName}`), key(pod)).toBe(true);
      expect(spec.nodeName, key(pod)).toBeTruthy();
      expect(spec.containers.length, key(pod)).toBeGreaterThan(0);
      expect(pod.metadata.ownerReferences?.length, key(pod)).toBe(1);
    }
  });
  it('mounts the projected token volume exactly when automount is not off', () => {
    for (const pod of byKind('Pod')) {
      const spec = pod.spec as { automountServiceAccountToken?: boolean; volumes?: { projected?: unknown }[] };
      const projected = (spec.volumes ?? []).some((v) => v.projected !== undefined);
      expect(projected, key(pod)).toBe(spec.automountServiceAccountToken !== false);
    }
  });
  it('bindings point at existing roles, except the intended dangling ones', () => {
    const roles = new Set([...byKind('Role'), ...byKind('ClusterRole')].map((o) => `${o.kind}/${o.kind === 'Role' ? o.metadata.namespace : ''}/${o.metadata.name}`));
    const dangling: string[] = [];
    for (const b of [...byKind('RoleBinding'), ...byKind('ClusterRoleBinding')]) {
      const ref = roleRefOf(b);
      const want = `${ref.kind}/${ref.kind === 'Role' ? b.metadata.namespace : ''}/${ref.name}`;
      if (!roles.has(want)) dangling.push(`${key(b)} -> ${ref.name}`);
    }
    expect(dangling.length).toBeGreaterThan(0);
    for (const d of dangling) expect(d).toMatch(/legacy-deployer|legacy-dashboard/);
  });
});

describe('realistic RBAC features', () => {
  const allRules = [...byKind('ClusterRole'), ...byKind('Role')].flatMap(rulesOf);
  const has = (pred: (r: Rule) => boolean) => allRules.some(pred);
  const rbSubjects = byKind('RoleBinding').flatMap(subjectsOf);
  it.each<[string, (r: Rule) => boolean]>([
    ['verbs *', (r) => r.verbs.includes('*')],
    ['resources *', (r) => r.resources?.includes('*') ?? false],
    ['apiGroups *', (r) => r.apiGroups?.includes('*') ?? false],
    ['*/scale', (r) => r.resources?.includes('*/scale') ?? false],
    ['pods/exec', (r) => r.resources?.includes('pods/exec') ?? false],
    ['resourceNames', (r) => (r.resourceNames?.length ?? 0) > 0],
    ['nonResourceURLs /metrics', (r) => r.nonResourceURLs?.includes('/metrics') ?? false],
    ['nonResourceURLs /healthz/*', (r) => r.nonResourceURLs?.includes('/healthz/*') ?? false],
  ])('has a rule with %s', (_name, pred) => {
    expect(has(pred)).toBe(true);
  });
  it('has User, Group and ServiceAccount subjects, some ServiceAccounts without namespace', () => {
    expect(rbSubjects.some((s) => s.kind === 'User' && s.name.endsWith('@example.com'))).toBe(true);
    expect(rbSubjects.some((s) => s.kind === 'Group' && s.name.startsWith('oidc:team-'))).toBe(true);
    expect(rbSubjects.some((s) => s.kind === 'ServiceAccount' && s.namespace === undefined)).toBe(true);
    expect(rbSubjects.some((s) => s.kind === 'ServiceAccount' && s.namespace === 'platform-ci')).toBe(true);
  });
  it('has a binding to a default ServiceAccount and the bootstrap RBAC', () => {
    expect(rbSubjects.some((s) => s.kind === 'ServiceAccount' && s.name === 'default')).toBe(true);
    const names = new Set(byKind('ClusterRole').map((o) => o.metadata.name));
    for (const n of ['cluster-admin', 'admin', 'edit', 'view', 'system:node', 'system:aggregate-to-view']) expect(names.has(n), n).toBe(true);
  });
  it('aggregates by matchLabels and matchExpressions', () => {
    const role = (name: string) => byKind('ClusterRole').find((o) => o.metadata.name === name) as KubeObject;
    const groups = (name: string) => new Set(rulesOf(role(name)).flatMap((r) => r.apiGroups ?? []));
    const obs = groups('acme:observability-reader');
    expect(obs.has('metrics.k8s.io')).toBe(true); // matchLabels
    expect(obs.has('logging.acme.example')).toBe(true); // matchExpressions In
    expect(obs.has('tracing.acme.example')).toBe(false); // excluded by DoesNotExist
    expect(groups('view').has('apps.acme.example')).toBe(true); // CRD role -> view
    expect(groups('admin').has('apps.acme.example')).toBe(true); // CRD role -> edit -> admin
    expect(groups('admin').has('certs.acme.example')).toBe(true);
  });
});

// The generator writes aggregated rules as a live server lists them. Cross-check on a real snapshot
// whose aggregated rules were written by the aggregation controller (where the shared datasets are
// present): blank them, fill them in again, compare.
const demo = path.join(process.env.RBAC_DATASETS ?? '/work/shared/datasets', 'demo-cluster/snapshot.json');
describe.skipIf(!existsSync(demo))('withAggregatedRules on the demo snapshot', () => {
  it('reproduces the aggregated rules', () => {
    const list = JSON.parse(readFileSync(demo, 'utf8')) as { items: KubeObject[] };
    const roles = list.items.filter((o) => o.kind === 'ClusterRole');
    const blanked = roles.map((o) => (o.aggregationRule ? { ...o, rules: [] } : o));
    const got = withAggregatedRules(blanked);
    const norm = (rs: unknown) => new Set((rs as unknown[]).map((r) => JSON.stringify(r, Object.keys(r as object).sort())));
    let aggregated = 0;
    for (let i = 0; i < roles.length; i++) {
      const want = roles[i] as KubeObject;
      if (!want.aggregationRule) continue;
      aggregated++;
      expect(norm((got[i] as KubeObject).rules), want.metadata.name).toEqual(norm(want.rules));
    }
    expect(aggregated).toBeGreaterThan(0);
  });
});

describe('withAggregatedRules', () => {
  const role = (name: string, labels: Record<string, string>, rules: unknown[], aggregationRule?: unknown): KubeObject => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, labels },
    ...(aggregationRule ? { aggregationRule } : {}),
    rules,
  });
  const get = { verbs: ['get'], apiGroups: [''], resources: ['pods'] };
  const urls = { verbs: ['get'], nonResourceURLs: ['/metrics'] };
  it('fills an aggregated role as the API server prints it, the others unchanged', () => {
    const source = role('source', { agg: 'yes' }, [get, urls]);
    const plain = role('plain', {}, [{ verbs: ['list'], apiGroups: ['apps'], resources: ['deployments'], resourceNames: [] }]);
    const target = role('target', {}, [], { clusterRoleSelectors: [{ matchLabels: { agg: 'yes' } }] });
    const [s, p, t] = withAggregatedRules([source, plain, target]);
    expect(s).toBe(source);
    expect(p).toBe(plain);
    expect(t?.rules).toEqual([get, urls]); // empty lists left out, as omitempty does
  });
  it.each<[string, unknown[], Record<string, unknown>, unknown[]]>([
    ['rules it arrived with are replaced by the union', [urls], { matchLabels: { agg: 'yes' } }, [get]],
    ['a selector that picks no role gives no rules', [urls], { matchLabels: { agg: 'no' } }, []],
  ])('%s', (_name, declared, selector, want) => {
    const source = role('source', { agg: 'yes' }, [get]);
    const target = role('target', {}, declared, { clusterRoleSelectors: [selector] });
    expect(withAggregatedRules([source, target])[1]?.rules).toEqual(want);
  });
  it('returns the roles as given when none is aggregated', () => {
    const roles = [role('a', {}, [get])];
    expect(withAggregatedRules(roles)).toEqual(roles);
  });
});

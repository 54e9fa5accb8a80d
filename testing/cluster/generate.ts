// Seeded synthetic Kubernetes cluster for benchmarks and scale tests. Pure: no I/O (the Kubernetes
// bootstrap RBAC is a committed JSON fixture that the bundler inlines).
//
// The output is a `kind: List` in the wire shape of
// `kubectl get namespaces,clusterroles,clusterrolebindings,roles,rolebindings,serviceaccounts,pods -A -o json`:
// items ordered by kind, then namespace, then name. Same options -> byte-identical output.
//
// Per team namespace (`namespaces` of them): `teamsPerNs` teams, each with developer / viewer / lead / debug /
// CI RoleBindings (to shared ClusterRoles or namespace Roles) and 1-4 apps, each app with a ServiceAccount,
// often a least-privilege Role + RoleBinding, and 1-2 Pods with full specs. Around them: the Kubernetes
// bootstrap RBAC, the organisation's shared ClusterRoles/ClusterRoleBindings (incl. aggregated ones),
// platform components with cluster-wide roles, one tenant operator per 50 namespaces, and rare mistakes
// (dangling roleRef, the default ServiceAccount holding edit, a forgotten contractor admin).
//
// Streaming: `clusterItems` yields one object at a time and regenerates each namespace per kind pass, so
// memory stays flat at any size; `clusterJsonChunks` yields the serialized file (one item per line).
import { buildSnapshot, type PolicyRule } from '../../lib/engine';
import bootstrapFixture from './bootstrap-rbac.json';
import {
  COMPONENTS,
  DOMAINS,
  ENVS,
  FIRST_NAMES,
  LAST_NAMES,
  ORG_CLUSTER_ROLES,
  ORG_CLUSTER_ROLE_BINDINGS,
  PLATFORM_CLUSTER_ROLES,
  PLATFORM_COMPONENTS,
  PLATFORM_NAMESPACES,
  QUALIFIERS,
  RBAC_GROUP,
  READ,
  TEAM_NAMES,
  group,
  sa,
  user,
  type ClusterRoleSpec,
  type Env,
  type PlatformComponent,
  type WireRule,
  type WireSubject,
} from './catalog';
import { Rand, hashString, mixSeeds, uuidFor } from '../prng';

export interface GenerateOptions {
  /** number of team namespaces (platform, tenant-operator and system namespaces come on top) */
  namespaces: number;
  /** teams sharing each team namespace (default 2) */
  teamsPerNs?: number;
  /** PRNG seed (default 1) */
  seed?: number;
  /** include the Kubernetes bootstrap RBAC and system namespaces (default true) */
  bootstrap?: boolean;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface KubeObjectMeta {
  name: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
}

/** A raw Kubernetes object as the API server returns it. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeObjectMeta;
  [field: string]: unknown;
}

export interface KubeList {
  apiVersion: 'v1';
  kind: 'List';
  metadata: { resourceVersion: string };
  items: KubeObject[];
}

/** kubectl's order for `get namespaces,clusterroles,...,pods` */
export const KIND_ORDER = [
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'Role',
  'RoleBinding',
  'ServiceAccount',
  'Pod',
] as const;
export type GeneratedKind = (typeof KIND_ORDER)[number];

export const NAMESPACED_KINDS: ReadonlySet<string> = new Set(['Role', 'RoleBinding', 'ServiceAccount', 'Pod']);

/** One tenant-operator namespace per this many team namespaces. */
export const NAMESPACES_PER_TENANT_OPERATOR = 50;

// ---------------------------------------------------------------------------------------------
// Plan: the cheap global decisions (names, teams, nodes), computed once per run.

interface Team {
  name: string;
  devGroup: string;
  viewerGroup: string;
  oncallGroup: string;
  lead: string;
  deployer: string;
}

type NsEntry =
  | { type: 'team'; name: string; index: number; env: Env; product: string; ownerTeam: number }
  | { type: 'platform'; name: string; index: number }
  | { type: 'tenant'; name: string; index: number }
  | { type: 'bootstrap'; name: string; index: number };

interface Plan {
  seed: number;
  teamsPerNs: number;
  namespaces: number;
  bootstrap: boolean;
  teams: Team[];
  nodes: string[];
  /** every namespace, sorted by name */
  entries: NsEntry[];
  bootstrapObjects: KubeObject[];
}

const BASE_MS = Date.UTC(2024, 0, 8, 9, 0, 0);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** "now" of the synthetic cluster: pods were (re)started in the weeks before it */
const NOW_MS = BASE_MS + 420 * DAY;
const POD_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function planCluster(options: GenerateOptions): Plan {
  const namespaces = Math.max(0, Math.floor(options.namespaces));
  const teamsPerNs = Math.max(1, Math.floor(options.teamsPerNs ?? 2));
  const seed = (options.seed ?? 1) >>> 0;
  const bootstrap = options.bootstrap ?? true;
  const rand = new Rand(mixSeeds(seed, 0x51a7));

  // products: domain-qualifier pairs in a seeded order; each product has dev, staging and prod namespaces
  const combos: string[] = [];
  for (const d of DOMAINS) for (const q of QUALIFIERS) if (d !== q) combos.push(`${d}-${q}`);
  const shuffled = rand.sample(combos, combos.length);
  const productCount = Math.ceil(namespaces / ENVS.length);
  const products: string[] = [];
  for (let p = 0; p < productCount; p++) {
    const base = shuffled[p % shuffled.length] as string;
    const round = Math.floor(p / shuffled.length);
    products.push(round === 0 ? base : `${base}-${round + 1}`);
  }

  const teamCount = Math.max(teamsPerNs, Math.ceil(productCount / 3));
  const teams: Team[] = [];
  for (let t = 0; t < teamCount; t++) {
    const base = TEAM_NAMES[t % TEAM_NAMES.length] as string;
    const round = Math.floor(t / TEAM_NAMES.length);
    const name = round === 0 ? base : `${base}-${round + 1}`;
    teams.push({
      name,
      devGroup: `oidc:team-${name}`,
      viewerGroup: `oidc:${name}-viewers`,
      oncallGroup: `oidc:${name}-oncall`,
      lead: `${rand.pick(FIRST_NAMES)}.${rand.pick(LAST_NAMES)}@example.com`,
      deployer: `deployer-${name}`,
    });
  }

  const nodeCount = Math.max(3, Math.ceil(namespaces / 6));
  const nodes: string[] = [];
  for (let k = 0; k < nodeCount; k++) {
    nodes.push(`ip-10-${16 + ((k >> 8) & 127)}-${k & 255}-${rand.range(4, 250)}.ec2.internal`);
  }

  const entries: NsEntry[] = [];
  const taken = new Set<string>();
  const add = (e: NsEntry): void => {
    if (taken.has(e.name)) throw new Error(`generator bug: duplicate namespace ${e.name}`);
    taken.add(e.name);
    entries.push(e);
  };
  const bootstrapObjects = bootstrap ? (bootstrapFixture.items as unknown as KubeObject[]) : [];
  let b = 0;
  for (const o of bootstrapObjects) if (o.kind === 'Namespace') add({ type: 'bootstrap', name: o.metadata.name, index: b++ });
  PLATFORM_NAMESPACES.forEach((name, index) => add({ type: 'platform', name, index }));
  const tenants = Math.floor(namespaces / NAMESPACES_PER_TENANT_OPERATOR);
  for (let k = 0; k < tenants; k++) add({ type: 'tenant', name: tenantNamespace(k), index: k });
  for (let i = 0; i < namespaces; i++) {
    const p = Math.floor(i / ENVS.length);
    const env = ENVS[i % ENVS.length] as Env;
    const product = products[p] as string;
    add({ type: 'team', name: `${product}-${env}`, index: i, env, product, ownerTeam: p % teamCount });
  }
  entries.sort((x, y) => compareStrings(x.name, y.name));
  return { seed, teamsPerNs, namespaces, bootstrap, teams, nodes, entries, bootstrapObjects };
}

function tenantNamespace(k: number): string {
  return `tenant-ops-${String(k + 1).padStart(3, '0')}`;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Object builders

function timestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

function objectMeta(
  plan: Plan,
  kind: string,
  name: string,
  namespace: string | undefined,
  createdMs: number,
  labels?: Record<string, string>,
  annotations?: Record<string, string>,
): KubeObjectMeta {
  const uid = uuidFor(`${kind}/${namespace ?? ''}/${name}`, plan.seed);
  const meta: KubeObjectMeta = { name };
  if (namespace !== undefined) meta.namespace = namespace;
  meta.uid = uid;
  meta.resourceVersion = String(10_000 + (parseInt(uid.slice(0, 7), 16) % 89_990_000));
  meta.creationTimestamp = timestamp(createdMs);
  if (labels && Object.keys(labels).length > 0) meta.labels = labels;
  if (annotations && Object.keys(annotations).length > 0) meta.annotations = annotations;
  return meta;
}

/** A PolicyRule as the API server prints it: its fields in order, empty lists left out (omitempty). */
function wireRule(r: WireRule | PolicyRule): WireRule {
  const out: WireRule = { verbs: r.verbs };
  if (r.apiGroups?.length) out.apiGroups = r.apiGroups;
  if (r.resources?.length) out.resources = r.resources;
  if (r.resourceNames?.length) out.resourceNames = r.resourceNames;
  if (r.nonResourceURLs?.length) out.nonResourceURLs = r.nonResourceURLs;
  return out;
}

function roleObject(
  plan: Plan,
  namespace: string,
  name: string,
  createdMs: number,
  rules: WireRule[],
  labels?: Record<string, string>,
): KubeObject {
  return {
    apiVersion: `${RBAC_GROUP}/v1`,
    kind: 'Role',
    metadata: objectMeta(plan, 'Role', name, namespace, createdMs, labels),
    rules: rules.map(wireRule),
  };
}

function bindingObject(
  plan: Plan,
  kind: 'RoleBinding' | 'ClusterRoleBinding',
  namespace: string | undefined,
  name: string,
  createdMs: number,
  roleKind: 'Role' | 'ClusterRole',
  roleName: string,
  subjects: WireSubject[],
  labels?: Record<string, string>,
  annotations?: Record<string, string>,
): KubeObject {
  return {
    apiVersion: `${RBAC_GROUP}/v1`,
    kind,
    metadata: objectMeta(plan, kind, name, namespace, createdMs, labels, annotations),
    roleRef: { apiGroup: RBAC_GROUP, kind: roleKind, name: roleName },
    subjects,
  };
}

function serviceAccountObject(
  plan: Plan,
  namespace: string,
  name: string,
  createdMs: number,
  opts: { automount?: boolean; labels?: Record<string, string>; annotations?: Record<string, string> } = {},
): KubeObject {
  const o: KubeObject = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: objectMeta(plan, 'ServiceAccount', name, namespace, createdMs, opts.labels, opts.annotations),
  };
  if (opts.automount === false) o.automountServiceAccountToken = false;
  return o;
}

function namespaceObject(plan: Plan, name: string, createdMs: number, labels: Record<string, string>, annotations?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: objectMeta(plan, 'Namespace', name, undefined, createdMs, { 'kubernetes.io/metadata.name': name, ...labels }, annotations),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

// ---------------------------------------------------------------------------------------------
// Pods

interface PodInput {
  namespace: string;
  app: string;
  component: string;
  env: string;
  serviceAccount: string;
  automount: boolean;
  image: string;
  port: number;
  owner: { kind: 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Job'; name: string };
  podName: string;
  generateName?: string;
  templateLabels: Record<string, string>;
  nodeName: string;
  createdMs: number;
  /** seeds the details (env, resources, IPs) */
  key: string;
  sidecar: boolean;
  secretEnv: boolean;
  configMap: boolean;
  completed: boolean;
}

const OWNER_API_VERSION: Record<PodInput['owner']['kind'], string> = {
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
};

function nodeIp(nodeName: string): string {
  const m = /^ip-(\d+)-(\d+)-(\d+)-(\d+)/.exec(nodeName);
  return m ? `${m[1]}.${m[2]}.${m[3]}.${m[4]}` : '10.0.0.1';
}

function buildPod(plan: Plan, p: PodInput): KubeObject {
  const rand = new Rand(hashString(p.key, plan.seed));
  const uid = uuidFor(`Pod/${p.namespace}/${p.podName}`, plan.seed);
  const metadata: KubeObjectMeta = { name: p.podName };
  if (p.generateName) metadata.generateName = p.generateName;
  metadata.namespace = p.namespace;
  metadata.uid = uid;
  metadata.resourceVersion = String(10_000 + (parseInt(uid.slice(0, 7), 16) % 89_990_000));
  metadata.creationTimestamp = timestamp(p.createdMs);
  metadata.labels = { 'app.kubernetes.io/name': p.app, ...p.templateLabels };
  metadata.ownerReferences = [
    {
      apiVersion: OWNER_API_VERSION[p.owner.kind],
      kind: p.owner.kind,
      name: p.owner.name,
      uid: uuidFor(`${p.owner.kind}/${p.namespace}/${p.owner.name}`, plan.seed),
      controller: true,
      blockOwnerDeletion: true,
    },
  ];

  const mounts: Record<string, unknown>[] = [];
  const volumes: Record<string, unknown>[] = [];
  if (p.configMap) {
    mounts.push({ name: 'config', mountPath: '/etc/app' });
    volumes.push({ name: 'config', configMap: { name: `${p.app}-config` } });
  }
  if (p.automount) {
    // the projected token volume the ServiceAccount admission plugin adds
    const tokenVolume = `kube-api-access-${rand.chars(5, POD_SUFFIX_ALPHABET)}`;
    mounts.push({ name: tokenVolume, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' });
    volumes.push({
      name: tokenVolume,
      projected: {
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
        ],
      },
    });
  }
  const env: Record<string, unknown>[] = [{ name: 'APP_ENV', value: p.env }];
  if (p.secretEnv) env.push({ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: `${p.app}-db`, key: 'password' } } });
  const main: Record<string, unknown> = {
    name: p.component,
    image: p.image,
    ports: [{ containerPort: p.port, protocol: 'TCP' }],
    env,
    resources: { requests: { cpu: rand.pick(['50m', '100m', '250m']), memory: rand.pick(['128Mi', '256Mi', '512Mi']) } },
  };
  if (mounts.length > 0) main.volumeMounts = mounts;
  const containers: Record<string, unknown>[] = [main];
  if (p.sidecar) {
    containers.push({ name: 'otel-agent', image: 'registry.example.com/platform/otel-agent:0.118.0', resources: { requests: { cpu: '20m', memory: '64Mi' } } });
  }

  const spec: Record<string, unknown> = { containers };
  if (!p.automount) spec.automountServiceAccountToken = false;
  spec.nodeName = p.nodeName;
  spec.restartPolicy = p.owner.kind === 'Job' ? 'Never' : 'Always';
  spec.serviceAccount = p.serviceAccount;
  spec.serviceAccountName = p.serviceAccount;
  if (volumes.length > 0) spec.volumes = volumes;

  const podIP = `10.${100 + rand.int(28)}.${rand.int(256)}.${1 + rand.int(254)}`;
  const status = {
    phase: p.completed ? 'Succeeded' : 'Running',
    hostIP: nodeIp(p.nodeName),
    podIP,
    startTime: timestamp(p.createdMs),
  };
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec, status };
}

// ---------------------------------------------------------------------------------------------
// Namespace contents

interface NsContent {
  namespace: KubeObject;
  roles: KubeObject[];
  roleBindings: KubeObject[];
  serviceAccounts: KubeObject[];
  /** built lazily: pods are most of the bytes and only needed in the Pod pass */
  pods: (() => KubeObject)[];
}

const APP_ROLE_TEMPLATES: readonly ((app: string) => WireRule[])[] = [
  // config reader: its own ConfigMaps only
  (app) => [
    { verbs: ['get', 'watch'], apiGroups: [''], resources: ['configmaps'], resourceNames: [`${app}-config`, `${app}-flags`] },
  ],
  // leader election on a named Lease
  (app) => [
    { verbs: ['create'], apiGroups: ['coordination.k8s.io'], resources: ['leases'] },
    { verbs: ['get', 'update'], apiGroups: ['coordination.k8s.io'], resources: ['leases'], resourceNames: [`${app}-leader`] },
  ],
  // reads its TLS and database secrets by name
  (app) => [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: [`${app}-tls`, `${app}-db`] }],
  // runs batch jobs
  () => [
    { verbs: ['create', 'delete', 'get', 'list', 'watch'], apiGroups: ['batch'], resources: ['jobs'] },
    { verbs: READ, apiGroups: [''], resources: ['pods', 'pods/log'] },
  ],
  // service discovery
  () => [
    { verbs: READ, apiGroups: [''], resources: ['endpoints', 'services'] },
    { verbs: READ, apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'] },
  ],
  // emits events
  () => [{ verbs: ['create', 'patch'], apiGroups: ['', 'events.k8s.io'], resources: ['events'] }],
];

const DEVELOPER_PROD_RULES: WireRule[] = [
  { verbs: READ, apiGroups: ['', 'apps', 'batch'], resources: ['pods', 'pods/log', 'deployments', 'replicasets', 'jobs', 'events', 'services'] },
  { verbs: ['delete'], apiGroups: [''], resources: ['pods'] },
  { verbs: ['patch'], apiGroups: ['apps'], resources: ['deployments/scale'] },
];

const CI_ROLE_RULES: WireRule[] = [
  { verbs: ['*'], apiGroups: ['apps'], resources: ['deployments', 'statefulsets'] },
  { verbs: ['*'], apiGroups: [''], resources: ['services', 'configmaps', 'secrets'] },
  { verbs: ['get', 'update', 'patch'], apiGroups: ['*'], resources: ['*/scale'] },
];

function teamNamespace(plan: Plan, e: Extract<NsEntry, { type: 'team' }>): NsContent {
  const rand = new Rand(mixSeeds(plan.seed, 0x7ea3, e.index));
  const ns = e.name;
  const createdMs = BASE_MS + e.index * 41 * MINUTE;
  const owner = plan.teams[e.ownerTeam] as Team;
  const others = plan.teams.filter((_, t) => t !== e.ownerTeam);
  const teams = [owner, ...rand.sample(others, plan.teamsPerNs - 1)];
  const roles: KubeObject[] = [];
  const roleBindings: KubeObject[] = [];
  const serviceAccounts: KubeObject[] = [serviceAccountObject(plan, ns, 'default', createdMs)];
  const pods: (() => KubeObject)[] = [];
  const rb = (name: string, roleKind: 'Role' | 'ClusterRole', roleName: string, subjects: WireSubject[], team?: string, annotations?: Record<string, string>): void => {
    roleBindings.push(
      bindingObject(plan, 'RoleBinding', ns, name, createdMs + MINUTE, roleKind, roleName, subjects,
        team ? { 'acme.example/team': team } : undefined, annotations),
    );
  };

  teams.forEach((team, j) => {
    const isOwner = j === 0;
    // developers: full edit in dev, the org developer role in staging, often a namespace Role in prod
    const devSubjects = [group(team.devGroup)];
    if (rand.chance(0.1)) devSubjects.push(user(`${rand.pick(FIRST_NAMES)}.${rand.pick(LAST_NAMES)}@contractors.example.com`));
    const prodRole = e.env === 'prod' && rand.chance(0.6);
    if (e.env === 'dev') rb(`${team.name}-developers`, 'ClusterRole', 'edit', devSubjects, team.name);
    else if (!prodRole) rb(`${team.name}-developers`, 'ClusterRole', 'acme:developer', devSubjects, team.name);
    else {
      roles.push(roleObject(plan, ns, `${team.name}-developer`, createdMs, DEVELOPER_PROD_RULES, { 'acme.example/team': team.name }));
      rb(`${team.name}-developers`, 'Role', `${team.name}-developer`, devSubjects, team.name);
    }
    if (rand.chance(0.9)) rb(`${team.name}-viewers`, 'ClusterRole', 'view', [group(team.viewerGroup)], team.name);
    if (isOwner || rand.chance(0.5)) {
      rb(`${team.name}-lead`, 'ClusterRole', e.env === 'prod' ? 'edit' : 'admin', [user(team.lead)], team.name);
    }
    if (e.env === 'prod' || rand.chance(0.4)) rb(`${team.name}-debug`, 'ClusterRole', 'acme:debugger', [group(team.oncallGroup)], team.name);
    if (rand.chance(isOwner ? 0.92 : 0.5)) {
      const deployer = sa('platform-ci', team.deployer);
      if (rand.chance(0.15)) {
        roles.push(roleObject(plan, ns, `${team.name}-ci`, createdMs, CI_ROLE_RULES, { 'acme.example/team': team.name }));
        rb(`${team.name}-ci`, 'Role', `${team.name}-ci`, [deployer], team.name);
      } else {
        rb(`${team.name}-ci`, 'ClusterRole', 'acme:ci-deployer', [deployer], team.name);
      }
    }

    const appCount = 1 + rand.weighted([20, 30, 30, 20]);
    const components = rand.sample(COMPONENTS, appCount);
    components.forEach((component, a) => {
      const app = `${team.name}-${component.name}`;
      const appLabels = { 'app.kubernetes.io/name': app };
      const needsApi = rand.chance(0.48);
      const automount = needsApi || rand.chance(0.35);
      const annotations = rand.chance(0.12) ? { 'eks.amazonaws.com/role-arn': `arn:aws:iam::210987654321:role/${ns}-${component.name}` } : undefined;
      serviceAccounts.push(serviceAccountObject(plan, ns, app, createdMs + 2 * MINUTE, { automount, labels: appLabels, annotations }));
      if (needsApi) {
        const t1 = rand.int(APP_ROLE_TEMPLATES.length);
        const rules = (APP_ROLE_TEMPLATES[t1] as (app: string) => WireRule[])(app);
        if (rand.chance(0.35)) {
          const t2 = (t1 + 1 + rand.int(APP_ROLE_TEMPLATES.length - 1)) % APP_ROLE_TEMPLATES.length;
          rules.push(...(APP_ROLE_TEMPLATES[t2] as (app: string) => WireRule[])(app));
        }
        roles.push(roleObject(plan, ns, app, createdMs + 2 * MINUTE, rules, appLabels));
        // about 40% omit the subject namespace: it defaults to the binding's namespace
        const subject: WireSubject = rand.chance(0.4) ? { kind: 'ServiceAccount', name: app } : sa(ns, app);
        roleBindings.push(bindingObject(plan, 'RoleBinding', ns, app, createdMs + 2 * MINUTE, 'Role', app, [subject], appLabels));
      }
      const stateful = component.name === 'cache' || component.name === 'events';
      const replicas = e.env === 'prod' ? (rand.chance(0.55) ? 2 : 1) : rand.chance(0.2) ? 2 : 1;
      const appRand = new Rand(hashString(`rs/${ns}/${app}`, plan.seed));
      const rsHash = appRand.chars(10, POD_SUFFIX_ALPHABET);
      const version = `${1 + appRand.int(5)}.${appRand.int(20)}.${appRand.int(10)}`;
      const sidecar = rand.chance(0.15);
      const secretEnv = rand.chance(0.4);
      const configMap = rand.chance(0.35);
      for (let k = 0; k < replicas; k++) {
        const podName = stateful ? `${app}-${k}` : `${app}-${rsHash}-${appRand.chars(5, POD_SUFFIX_ALPHABET)}`;
        const nodeName = plan.nodes[(e.index * 7 + a * 3 + k * 5 + j) % plan.nodes.length] as string;
        const podCreated = Math.max(createdMs + 5 * MINUTE, NOW_MS - rand.int(30 * 24 * 60) * MINUTE);
        pods.push(() =>
          buildPod(plan, {
            namespace: ns,
            app,
            component: component.name,
            env: e.env,
            serviceAccount: app,
            automount,
            image: `registry.example.com/${team.name}/${app}:${version}`,
            port: component.port,
            owner: stateful ? { kind: 'StatefulSet', name: app } : { kind: 'ReplicaSet', name: `${app}-${rsHash}` },
            podName,
            generateName: stateful ? `${app}-` : `${app}-${rsHash}-`,
            templateLabels: stateful
              ? { 'controller-revision-hash': `${app}-${rsHash.slice(0, 8)}`, 'statefulset.kubernetes.io/pod-name': podName }
              : { 'pod-template-hash': rsHash },
            nodeName,
            createdMs: podCreated,
            key: `pod/${ns}/${podName}`,
            sidecar,
            secretEnv,
            configMap,
            completed: false,
          }),
        );
      }
    });
  });

  // namespace-level extras
  if (e.env === 'prod') rb('prometheus-scrape', 'ClusterRole', 'acme:metrics-scraper', [sa('monitoring', 'prometheus')]);
  if (rand.chance(0.25)) {
    const team = owner;
    const jobName = `${team.name}-nightly-report-${29_100_000 + rand.int(90_000)}`;
    const podName = `${jobName}-${rand.chars(5, POD_SUFFIX_ALPHABET)}`;
    const saName = serviceAccounts.length > 1 ? ((serviceAccounts[1] as KubeObject).metadata.name) : 'default';
    const podCreated = NOW_MS - rand.int(24 * 60) * MINUTE;
    const nodeName = plan.nodes[(e.index * 11) % plan.nodes.length] as string;
    pods.push(() =>
      buildPod(plan, {
        namespace: ns,
        app: `${team.name}-nightly-report`,
        component: 'report',
        env: e.env,
        serviceAccount: saName,
        automount: true,
        image: `registry.example.com/${team.name}/nightly-report:2.1.0`,
        port: 8080,
        owner: { kind: 'Job', name: jobName },
        podName,
        generateName: `${jobName}-`,
        templateLabels: { 'batch.kubernetes.io/job-name': jobName, 'job-name': jobName },
        nodeName,
        createdMs: podCreated,
        key: `pod/${ns}/${podName}`,
        sidecar: false,
        secretEnv: true,
        configMap: false,
        completed: true,
      }),
    );
  }
  // rare mistakes, at fixed positions so that every size above ~10 namespaces has some
  if (e.index % 97 === 13) {
    rb('legacy-deployer', 'Role', 'legacy-deployer', [sa('platform-ci', owner.deployer)], undefined, {
      'acme.example/note': 'Role legacy-deployer was deleted in the 2024 cleanup',
    });
  }
  if (e.index % 113 === 7) rb('default-edit', 'ClusterRole', 'edit', [{ kind: 'ServiceAccount', name: 'default', namespace: ns }]);
  if (e.index % 211 === 3) {
    rb('contractor-temp-admin', 'ClusterRole', 'admin', [user(`contractor-${e.index}@partner.example`)], undefined, {
      'acme.example/expires': '2024-03-31',
    });
  }

  const namespace = namespaceObject(
    plan,
    ns,
    createdMs,
    {
      'acme.example/env': e.env,
      'acme.example/product': e.product,
      'acme.example/team': owner.name,
      'pod-security.kubernetes.io/enforce': e.env === 'prod' ? 'restricted' : 'baseline',
    },
    { 'acme.example/owner': owner.lead, 'acme.example/cost-center': `cc-${1000 + (hashString(e.product, plan.seed) % 9000)}` },
  );
  return { namespace, roles, roleBindings, serviceAccounts, pods };
}

function componentPods(plan: Plan, c: PlatformComponent, createdMs: number): (() => KubeObject)[] {
  const out: (() => KubeObject)[] = [];
  const r = new Rand(hashString(`rs/${c.namespace}/${c.name}`, plan.seed));
  const rsHash = r.chars(10, POD_SUFFIX_ALPHABET);
  const count = c.workload === 'DaemonSet' ? plan.nodes.length : c.replicas;
  for (let k = 0; k < count; k++) {
    const podName =
      c.workload === 'StatefulSet' ? `${c.name}-${k}` : c.workload === 'DaemonSet' ? `${c.name}-${r.chars(5, POD_SUFFIX_ALPHABET)}` : `${c.name}-${rsHash}-${r.chars(5, POD_SUFFIX_ALPHABET)}`;
    const owner =
      c.workload === 'Deployment' ? { kind: 'ReplicaSet' as const, name: `${c.name}-${rsHash}` } : { kind: c.workload, name: c.name };
    const templateLabels: Record<string, string> =
      c.workload === 'Deployment'
        ? { 'pod-template-hash': rsHash }
        : c.workload === 'StatefulSet'
          ? { 'controller-revision-hash': `${c.name}-${rsHash.slice(0, 8)}`, 'statefulset.kubernetes.io/pod-name': podName }
          : { 'controller-revision-hash': rsHash.slice(0, 10), 'pod-template-generation': '4' };
    const nodeName = plan.nodes[c.workload === 'DaemonSet' ? k : (k * 13 + c.port) % plan.nodes.length] as string;
    out.push(() =>
      buildPod(plan, {
        namespace: c.namespace,
        app: c.name,
        component: c.name,
        env: 'prod',
        serviceAccount: c.name,
        automount: true,
        image: c.image,
        port: c.port,
        owner,
        podName,
        generateName: c.workload === 'StatefulSet' ? `${c.name}-` : `${owner.name}-`,
        templateLabels,
        nodeName,
        createdMs: Math.max(createdMs + 5 * MINUTE, NOW_MS - (k + 3) * 97 * MINUTE),
        key: `pod/${c.namespace}/${podName}`,
        sidecar: false,
        secretEnv: false,
        configMap: true,
        completed: false,
      }),
    );
  }
  return out;
}

const LEADER_ELECTION_RULES: WireRule[] = [
  { verbs: ['get', 'create', 'update', 'patch'], apiGroups: ['coordination.k8s.io'], resources: ['leases'] },
  { verbs: ['create', 'patch'], apiGroups: [''], resources: ['events'] },
];

function platformNamespace(plan: Plan, e: Extract<NsEntry, { type: 'platform' }>): NsContent {
  const ns = e.name;
  const createdMs = BASE_MS - 30 * DAY + e.index * 17 * MINUTE;
  const roles: KubeObject[] = [];
  const roleBindings: KubeObject[] = [];
  const serviceAccounts: KubeObject[] = [serviceAccountObject(plan, ns, 'default', createdMs)];
  const pods: (() => KubeObject)[] = [];
  const helm = (name: string) => ({ 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/name': name });
  for (const c of PLATFORM_COMPONENTS) {
    if (c.namespace !== ns) continue;
    serviceAccounts.push(serviceAccountObject(plan, ns, c.name, createdMs, { labels: helm(c.name), annotations: { 'meta.helm.sh/release-name': c.name, 'meta.helm.sh/release-namespace': ns } }));
    if (c.leaderElection) {
      roles.push(roleObject(plan, ns, `${c.name}-leader-election`, createdMs, LEADER_ELECTION_RULES, helm(c.name)));
      roleBindings.push(bindingObject(plan, 'RoleBinding', ns, `${c.name}-leader-election`, createdMs, 'Role', `${c.name}-leader-election`, [sa(ns, c.name)], helm(c.name)));
    }
    pods.push(...componentPods(plan, c, createdMs));
  }
  if (ns === 'platform-ci') {
    for (const t of plan.teams) serviceAccounts.push(serviceAccountObject(plan, ns, t.deployer, createdMs + DAY, { labels: { 'acme.example/team': t.name } }));
    roles.push(
      roleObject(plan, ns, 'runner-jobs', createdMs, [
        { verbs: ['create', 'delete', 'get', 'list', 'watch'], apiGroups: [''], resources: ['pods', 'secrets', 'configmaps'] },
        { verbs: ['create', 'get'], apiGroups: [''], resources: ['pods/exec', 'pods/attach'] },
        { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] },
      ], helm('runner')),
    );
    roleBindings.push(bindingObject(plan, 'RoleBinding', ns, 'runner-jobs', createdMs, 'Role', 'runner-jobs', [sa(ns, 'runner')], helm('runner')));
    // CI deployers may mint tokens for their own ServiceAccount only
    roles.push(roleObject(plan, ns, 'deployer-token', createdMs, [{ verbs: ['create'], apiGroups: [''], resources: ['serviceaccounts/token'] }]));
    roleBindings.push(bindingObject(plan, 'RoleBinding', ns, 'deployer-token', createdMs, 'Role', 'deployer-token', [sa(ns, 'runner')]));
  }
  if (ns === 'monitoring') {
    roleBindings.push(bindingObject(plan, 'RoleBinding', ns, 'sre-admin', createdMs, 'ClusterRole', 'admin', [group('oidc:sre')]));
  }
  const namespace = namespaceObject(plan, ns, createdMs, { 'acme.example/tier': 'platform', 'pod-security.kubernetes.io/enforce': 'privileged' });
  return { namespace, roles, roleBindings, serviceAccounts, pods };
}

function tenantNamespaceContent(plan: Plan, e: Extract<NsEntry, { type: 'tenant' }>): NsContent {
  const ns = e.name;
  const createdMs = BASE_MS - 20 * DAY + e.index * 7 * MINUTE;
  const op = 'tenant-operator';
  const labels = { 'app.kubernetes.io/name': op, 'acme.example/tenant-shard': String(e.index + 1) };
  const component: PlatformComponent = {
    name: op,
    namespace: ns,
    clusterRole: 'acme:tenant-operator',
    workload: 'Deployment',
    replicas: 1,
    image: 'registry.example.com/platform/tenant-operator:0.31.2',
    port: 8081,
    leaderElection: true,
  };
  return {
    namespace: namespaceObject(plan, ns, createdMs, { 'acme.example/tier': 'platform', 'acme.example/tenant-shard': String(e.index + 1) }),
    roles: [roleObject(plan, ns, `${op}-leader-election`, createdMs, LEADER_ELECTION_RULES, labels)],
    roleBindings: [bindingObject(plan, 'RoleBinding', ns, `${op}-leader-election`, createdMs, 'Role', `${op}-leader-election`, [sa(ns, op)], labels)],
    serviceAccounts: [serviceAccountObject(plan, ns, 'default', createdMs), serviceAccountObject(plan, ns, op, createdMs, { labels })],
    pods: componentPods(plan, component, createdMs),
  };
}

function bootstrapNamespaceContent(plan: Plan, e: Extract<NsEntry, { type: 'bootstrap' }>): NsContent {
  const content: NsContent = { namespace: undefined as unknown as KubeObject, roles: [], roleBindings: [], serviceAccounts: [], pods: [] };
  for (const o of plan.bootstrapObjects) {
    if (o.kind === 'Namespace' && o.metadata.name === e.name) content.namespace = o;
    if (o.metadata.namespace !== e.name) continue;
    if (o.kind === 'Role') content.roles.push(o);
    else if (o.kind === 'RoleBinding') content.roleBindings.push(o);
    else if (o.kind === 'ServiceAccount') content.serviceAccounts.push(o);
  }
  return content;
}

function namespaceContent(plan: Plan, e: NsEntry): NsContent {
  switch (e.type) {
    case 'team':
      return teamNamespace(plan, e);
    case 'platform':
      return platformNamespace(plan, e);
    case 'tenant':
      return tenantNamespaceContent(plan, e);
    case 'bootstrap':
      return bootstrapNamespaceContent(plan, e);
  }
}

// ---------------------------------------------------------------------------------------------
// Cluster-scoped objects and ClusterRole aggregation

/**
 * The ClusterRoles as a live API server lists them: an aggregated ClusterRole carries the rules the
 * clusterrole-aggregation controller writes into it, the union of the rules of the ClusterRoles its
 * selectors pick in this cluster. The rules an aggregated role arrives with (empty in the catalogue; in
 * the bootstrap fixture, the controller's output on the cluster the fixture was taken from) play no
 * part, so they are cleared, and the union is the engine's aggregation (the one implementation:
 * lib/engine/aggregate.ts, reached through buildSnapshot). Other roles are returned as given.
 */
export function withAggregatedRules(roles: readonly KubeObject[]): KubeObject[] {
  if (!roles.some((r) => r.aggregationRule)) return [...roles];
  const cleared = roles.map((r) => (r.aggregationRule ? { ...r, rules: [] } : r));
  const snapshot = buildSnapshot([{ value: { apiVersion: 'v1', kind: 'List', items: cleared }, origin: { source: 'generator' } }], { source: 'generator' });
  const error = snapshot.diagnostics.find((d) => d.severity === 'error');
  if (error) throw new Error(`generator bug: ${error.message}`);
  const effective = new Map(snapshot.clusterRoles.map((r) => [r.metadata.name, r.rules]));
  return roles.map((r) => (r.aggregationRule ? { ...r, rules: (effective.get(r.metadata.name) ?? []).map(wireRule) } : r));
}

function clusterRoleObject(plan: Plan, spec: ClusterRoleSpec, createdMs: number): KubeObject {
  const o: KubeObject = {
    apiVersion: `${RBAC_GROUP}/v1`,
    kind: 'ClusterRole',
    metadata: objectMeta(plan, 'ClusterRole', spec.name, undefined, createdMs, spec.labels, spec.annotations),
  };
  if (spec.aggregationRule) o.aggregationRule = spec.aggregationRule;
  o.rules = spec.rules.map(wireRule);
  return o;
}

function clusterRoles(plan: Plan): KubeObject[] {
  const out: KubeObject[] = plan.bootstrapObjects.filter((o) => o.kind === 'ClusterRole');
  ORG_CLUSTER_ROLES.forEach((s, i) => out.push(clusterRoleObject(plan, s, BASE_MS - 40 * DAY + i * MINUTE)));
  PLATFORM_CLUSTER_ROLES.forEach((s, i) => out.push(clusterRoleObject(plan, s, BASE_MS - 30 * DAY + i * MINUTE)));
  return withAggregatedRules(out).sort((a, b) => compareStrings(a.metadata.name, b.metadata.name));
}

function clusterRoleBindings(plan: Plan): KubeObject[] {
  const out: KubeObject[] = plan.bootstrapObjects.filter((o) => o.kind === 'ClusterRoleBinding');
  ORG_CLUSTER_ROLE_BINDINGS.forEach((s, i) =>
    out.push(bindingObject(plan, 'ClusterRoleBinding', undefined, s.name, BASE_MS - 40 * DAY + i * MINUTE, 'ClusterRole', s.roleName, s.subjects, s.labels, s.annotations)),
  );
  PLATFORM_COMPONENTS.forEach((c, i) =>
    out.push(
      bindingObject(plan, 'ClusterRoleBinding', undefined, `platform:${c.name}`, BASE_MS - 30 * DAY + i * MINUTE, 'ClusterRole', c.clusterRole, [sa(c.namespace, c.name)], {
        'app.kubernetes.io/managed-by': 'Helm',
        'app.kubernetes.io/name': c.name,
      }),
    ),
  );
  const tenants = Math.floor(plan.namespaces / NAMESPACES_PER_TENANT_OPERATOR);
  for (let k = 0; k < tenants; k++) {
    const ns = tenantNamespace(k);
    out.push(
      bindingObject(plan, 'ClusterRoleBinding', undefined, `acme:tenant-operator:${ns}`, BASE_MS - 20 * DAY + k * 7 * MINUTE, 'ClusterRole', 'acme:tenant-operator', [sa(ns, 'tenant-operator')], {
        'acme.example/tenant-shard': String(k + 1),
      }),
    );
  }
  return out.sort((a, b) => compareStrings(a.metadata.name, b.metadata.name));
}

// ---------------------------------------------------------------------------------------------
// Public API

function byName(a: KubeObject, b: KubeObject): number {
  return compareStrings(a.metadata.name, b.metadata.name);
}

/** Every object of the cluster, one at a time, in kubectl's order (kind, namespace, name). */
export function* clusterItems(options: GenerateOptions): Generator<KubeObject> {
  const plan = planCluster(options);
  for (const e of plan.entries) {
    if (e.type === 'bootstrap') yield bootstrapNamespaceContent(plan, e).namespace;
    else yield namespaceContent(plan, e).namespace;
  }
  yield* clusterRoles(plan);
  yield* clusterRoleBindings(plan);
  const passes: ((c: NsContent) => KubeObject[])[] = [
    (c) => c.roles,
    (c) => c.roleBindings,
    (c) => c.serviceAccounts,
    (c) => c.pods.map((build) => build()),
  ];
  for (const pass of passes) {
    for (const e of plan.entries) yield* pass(namespaceContent(plan, e)).sort(byName);
  }
}

/** The whole cluster as one `kind: List` (keeps everything in memory; use `clusterItems` for large sizes). */
export function generateCluster(options: GenerateOptions): KubeList {
  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: [...clusterItems(options)] };
}

/**
 * The serialized `kind: List`, in chunks: a header, one line per item, a footer. Concatenated they form
 * valid JSON, identical for identical options.
 */
export function* clusterJsonChunks(options: GenerateOptions): Generator<string> {
  yield '{"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":""},"items":[\n';
  let first = true;
  for (const item of clusterItems(options)) {
    yield (first ? '' : ',\n') + JSON.stringify(item);
    first = false;
  }
  yield '\n]}\n';
}

// Static catalogue for the synthetic cluster generator: name pools, the organisation's shared
// ClusterRoles and ClusterRoleBindings, and the platform components with cluster-wide roles.
// Everything here is invented for benchmarking (the "acme" organisation); only the shape mirrors
// what real clusters contain.

export interface WireRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface WireSubject {
  kind: 'User' | 'Group' | 'ServiceAccount';
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

export interface ClusterRoleSpec {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  rules: WireRule[];
  aggregationRule?: { clusterRoleSelectors: LabelSelectorSpec[] };
}

export interface ClusterRoleBindingSpec {
  name: string;
  roleName: string;
  subjects: WireSubject[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const READ = ['get', 'list', 'watch'];
export const WRITE = ['create', 'update', 'patch', 'delete'];
export const ALL_VERBS = [...READ, ...WRITE];

export const user = (name: string): WireSubject => ({ kind: 'User', name, apiGroup: RBAC_GROUP });
export const group = (name: string): WireSubject => ({ kind: 'Group', name, apiGroup: RBAC_GROUP });
export const sa = (namespace: string, name: string): WireSubject => ({ kind: 'ServiceAccount', name, namespace });

const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): WireRule =>
  resourceNames ? { verbs, apiGroups, resources, resourceNames } : { verbs, apiGroups, resources };
const urls = (verbs: string[], nonResourceURLs: string[]): WireRule => ({ verbs, nonResourceURLs });

// ---------------------------------------------------------------------------------------------
// Name pools

export const DOMAINS = [
  'payments', 'checkout', 'billing', 'catalog', 'search', 'inventory', 'shipping', 'orders', 'pricing',
  'fraud', 'identity', 'accounts', 'loyalty', 'media', 'notifications', 'messaging', 'analytics',
  'reporting', 'recommend', 'reviews', 'cart', 'invoicing', 'ledger', 'rewards', 'onboarding', 'kyc',
  'risk', 'lending', 'claims', 'quotes', 'booking', 'travel', 'maps', 'geo', 'delivery', 'routing',
  'fleet', 'warehouse', 'returns', 'support', 'chat', 'feeds', 'profiles', 'social', 'ads', 'campaigns',
  'growth', 'experiments', 'streaming', 'documents',
] as const;

export const QUALIFIERS = [
  'api', 'core', 'web', 'gateway', 'worker', 'engine', 'service', 'hub', 'sync', 'store', 'edge',
  'portal', 'jobs', 'events', 'stream', 'ingest', 'export', 'admin', 'mobile', 'partner', 'internal',
  'public', 'batch', 'realtime', 'graph', 'index', 'cache', 'proxy', 'bridge', 'connect', 'ops', 'data',
  'console', 'ledger', 'audit', 'rules', 'scoring', 'pipeline', 'backend', 'frontend',
] as const;

export const TEAM_NAMES = [
  'falcon', 'otter', 'lynx', 'heron', 'badger', 'marten', 'osprey', 'puffin', 'walrus', 'bison', 'coyote',
  'dingo', 'egret', 'ferret', 'gecko', 'ibex', 'jackal', 'kestrel', 'lemur', 'mink', 'narwhal', 'ocelot',
  'panda', 'quokka', 'raven', 'salmon', 'tapir', 'urchin', 'viper', 'wombat', 'yak', 'zebra', 'alpaca',
  'beluga', 'condor', 'dolphin', 'eland', 'finch', 'gazelle', 'hyena', 'impala', 'jaguar', 'koala',
  'llama', 'magpie', 'newt', 'orca', 'pelican', 'quail', 'robin', 'stoat', 'toucan', 'vole', 'weasel',
  'wren', 'swift', 'plover', 'kiwi', 'hornet', 'mamba', 'moose', 'cougar', 'stork', 'crane',
] as const;

export const FIRST_NAMES = [
  'alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'karl', 'lena',
  'mallory', 'nina', 'oscar', 'peggy', 'quentin', 'rupert', 'sybil', 'trent', 'ursula', 'victor', 'wendy',
  'xavier', 'yara', 'zoe', 'amir', 'bea', 'chen', 'dmitri', 'elif', 'farah', 'goran', 'hana', 'ines',
  'jonas', 'kenji', 'leila', 'mateo', 'noor',
] as const;

export const LAST_NAMES = [
  'smith', 'jones', 'garcia', 'muller', 'rossi', 'dubois', 'silva', 'kowalski', 'novak', 'tanaka',
  'kim', 'nguyen', 'larsen', 'berg', 'costa', 'haddad', 'okafor', 'patel', 'singh', 'cohen', 'ivanova',
  'jensen', 'kaya', 'lopez', 'moreau', 'nakamura', 'olsen', 'petrov', 'quinn', 'romero', 'schmidt',
  'tran', 'urban', 'vargas', 'weber', 'young', 'zhang', 'ali', 'brown', 'fischer',
] as const;

/** the part of an app name after the team name, with the pod's main container port */
export const COMPONENTS: readonly { name: string; port: number }[] = [
  { name: 'api', port: 8080 }, { name: 'web', port: 3000 }, { name: 'worker', port: 9090 },
  { name: 'consumer', port: 9090 }, { name: 'scheduler', port: 8080 }, { name: 'gateway', port: 8443 },
  { name: 'indexer', port: 9090 }, { name: 'reporter', port: 8080 }, { name: 'sync', port: 8080 },
  { name: 'admin', port: 8080 }, { name: 'events', port: 9092 }, { name: 'cache', port: 6379 },
];

export const ENVS = ['dev', 'staging', 'prod'] as const;
export type Env = (typeof ENVS)[number];

// ---------------------------------------------------------------------------------------------
// Organisation-wide ClusterRoles (shared by every team namespace)

export const ORG_CLUSTER_ROLES: readonly ClusterRoleSpec[] = [
  {
    name: 'acme:platform-admin',
    rules: [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])],
  },
  {
    name: 'acme:auditor',
    rules: [
      rule(READ, ['*'], ['pods', 'services', 'configmaps', 'namespaces', 'nodes', 'serviceaccounts', 'events']),
      rule(READ, ['apps', 'batch', 'networking.k8s.io', 'policy'], ['*']),
      rule(READ, [RBAC_GROUP], ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings']),
    ],
  },
  {
    name: 'acme:developer',
    rules: [
      rule(
        READ,
        ['', 'apps', 'batch', 'autoscaling', 'networking.k8s.io', 'policy'],
        ['pods', 'pods/log', 'services', 'endpoints', 'configmaps', 'events', 'persistentvolumeclaims',
          'deployments', 'replicasets', 'statefulsets', 'jobs', 'cronjobs', 'horizontalpodautoscalers',
          'ingresses', 'poddisruptionbudgets'],
      ),
      rule(['patch', 'update'], ['apps'], ['deployments', 'deployments/scale', 'statefulsets/scale']),
      rule(['delete'], [''], ['pods']),
      rule(['create', 'delete'], ['batch'], ['jobs']),
    ],
  },
  {
    name: 'acme:debugger',
    rules: [
      rule(READ, [''], ['pods', 'pods/log']),
      rule(['create', 'get'], [''], ['pods/exec', 'pods/attach', 'pods/portforward']),
      rule(['patch', 'update'], [''], ['pods/ephemeralcontainers']),
    ],
  },
  {
    name: 'acme:ci-deployer',
    rules: [
      rule(ALL_VERBS, ['apps'], ['deployments', 'statefulsets', 'daemonsets', 'replicasets']),
      rule(ALL_VERBS, [''], ['services', 'configmaps', 'secrets', 'serviceaccounts', 'persistentvolumeclaims']),
      rule(ALL_VERBS, ['batch'], ['jobs', 'cronjobs']),
      rule(ALL_VERBS, ['networking.k8s.io'], ['ingresses', 'networkpolicies']),
      rule(ALL_VERBS, ['autoscaling', 'policy'], ['horizontalpodautoscalers', 'poddisruptionbudgets']),
      rule(READ, [''], ['pods', 'pods/log', 'events']),
    ],
  },
  {
    name: 'acme:autoscaler',
    rules: [
      rule(['get', 'update', 'patch'], ['*'], ['*/scale']),
      rule(READ, ['apps'], ['deployments', 'statefulsets', 'replicasets']),
    ],
  },
  {
    name: 'acme:metrics-scraper',
    rules: [
      rule(READ, [''], ['pods', 'services', 'endpoints']),
      rule(READ, ['discovery.k8s.io'], ['endpointslices']),
      urls(['get'], ['/metrics', '/metrics/*']),
    ],
  },
  {
    name: 'acme:health-checker',
    rules: [urls(['get'], ['/healthz', '/healthz/*', '/livez', '/livez/*', '/readyz', '/version'])],
  },
  {
    name: 'acme:node-reader',
    rules: [rule(READ, [''], ['nodes']), rule(READ, ['node.k8s.io'], ['runtimeclasses'])],
  },
  {
    name: 'acme:secret-reader',
    annotations: { 'acme.example/purpose': 'image pull credentials shared by every namespace' },
    rules: [rule(['get'], [''], ['secrets'], ['registry-credentials', 'registry-mirror-credentials'])],
  },
  {
    name: 'acme:tenant-operator',
    rules: [
      rule([...READ, 'create', 'update', 'patch'], [''], ['namespaces', 'resourcequotas', 'limitranges']),
      rule(['*'], [RBAC_GROUP], ['rolebindings']),
      rule(['bind'], [RBAC_GROUP], ['clusterroles'], ['edit', 'view', 'acme:developer', 'acme:debugger', 'acme:ci-deployer']),
      rule(['*'], ['networking.k8s.io'], ['networkpolicies']),
    ],
  },
  // aggregated: one selector by label, one by expressions (the traces role is excluded as deprecated)
  {
    name: 'acme:observability-reader',
    rules: [],
    aggregationRule: {
      clusterRoleSelectors: [
        { matchLabels: { 'acme.example/aggregate-to-observability': 'true' } },
        {
          matchExpressions: [
            { key: 'acme.example/rbac-tier', operator: 'In', values: ['read-only', 'observer'] },
            { key: 'acme.example/deprecated', operator: 'DoesNotExist' },
          ],
        },
      ],
    },
  },
  {
    name: 'acme:metrics-reader',
    labels: { 'acme.example/aggregate-to-observability': 'true' },
    rules: [rule(READ, ['metrics.k8s.io'], ['pods', 'nodes']), rule(READ, ['monitoring.acme.example'], ['*'])],
  },
  {
    name: 'acme:logs-reader',
    labels: { 'acme.example/rbac-tier': 'read-only' },
    rules: [rule(['get'], [''], ['pods/log']), rule(READ, ['logging.acme.example'], ['logstreams', 'logviews'])],
  },
  {
    name: 'acme:traces-reader',
    labels: { 'acme.example/rbac-tier': 'read-only', 'acme.example/deprecated': 'true' },
    rules: [rule(READ, ['tracing.acme.example'], ['traces'])],
  },
  // CRD permissions folded into the built-in admin/edit/view through their aggregation labels
  {
    name: 'acme:crd-view',
    labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' },
    rules: [rule(READ, ['apps.acme.example'], ['featureflags', 'rollouts', 'rollouts/status'])],
  },
  {
    name: 'acme:crd-edit',
    labels: {
      'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
      'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
    },
    rules: [rule(['create', 'update', 'patch', 'delete', 'deletecollection'], ['apps.acme.example'], ['featureflags', 'rollouts'])],
  },
];

/** ClusterRoles of the platform components, bound cluster-wide to the component's ServiceAccount. */
export interface PlatformComponent {
  name: string;
  namespace: string;
  /** ClusterRole bound by a ClusterRoleBinding of the same name (existing role names allowed) */
  clusterRole: string;
  workload: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  replicas: number;
  image: string;
  port: number;
  leaderElection: boolean;
}

export const PLATFORM_COMPONENTS: readonly PlatformComponent[] = [
  { name: 'ingress-controller', namespace: 'ingress-system', clusterRole: 'platform:ingress-controller', workload: 'Deployment', replicas: 2, image: 'registry.example.com/platform/ingress-controller:1.12.1', port: 8443, leaderElection: true },
  { name: 'cert-issuer', namespace: 'cert-system', clusterRole: 'platform:cert-issuer', workload: 'Deployment', replicas: 1, image: 'registry.example.com/platform/cert-issuer:1.17.2', port: 9402, leaderElection: true },
  { name: 'gitops-controller', namespace: 'gitops-system', clusterRole: 'platform:gitops-controller', workload: 'StatefulSet', replicas: 1, image: 'registry.example.com/platform/gitops:3.0.6', port: 8082, leaderElection: false },
  { name: 'gitops-server', namespace: 'gitops-system', clusterRole: 'platform:gitops-server', workload: 'Deployment', replicas: 2, image: 'registry.example.com/platform/gitops:3.0.6', port: 8080, leaderElection: false },
  { name: 'policy-engine', namespace: 'policy-system', clusterRole: 'platform:policy-engine', workload: 'Deployment', replicas: 2, image: 'registry.example.com/platform/policy-engine:1.14.0', port: 9443, leaderElection: true },
  { name: 'backup-operator', namespace: 'backup-system', clusterRole: 'platform:backup-operator', workload: 'Deployment', replicas: 1, image: 'registry.example.com/platform/backup-operator:1.15.3', port: 8085, leaderElection: true },
  { name: 'log-shipper', namespace: 'logging', clusterRole: 'platform:log-shipper', workload: 'DaemonSet', replicas: 0, image: 'registry.example.com/platform/log-shipper:3.2.4', port: 2020, leaderElection: false },
  { name: 'prometheus', namespace: 'monitoring', clusterRole: 'platform:metrics-collector', workload: 'StatefulSet', replicas: 2, image: 'registry.example.com/platform/prometheus:3.5.0', port: 9090, leaderElection: false },
  { name: 'blackbox-exporter', namespace: 'monitoring', clusterRole: 'acme:health-checker', workload: 'Deployment', replicas: 1, image: 'registry.example.com/platform/blackbox-exporter:0.27.0', port: 9115, leaderElection: false },
  { name: 'workload-autoscaler', namespace: 'autoscaling', clusterRole: 'acme:autoscaler', workload: 'Deployment', replicas: 1, image: 'registry.example.com/platform/workload-autoscaler:1.4.2', port: 8080, leaderElection: true },
  { name: 'audit-collector', namespace: 'platform-security', clusterRole: 'acme:auditor', workload: 'Deployment', replicas: 1, image: 'registry.example.com/platform/audit-collector:2.3.0', port: 8080, leaderElection: false },
  { name: 'secret-sync', namespace: 'platform-security', clusterRole: 'platform:secret-sync', workload: 'Deployment', replicas: 1, image: 'registry.example.com/platform/secret-sync:0.9.1', port: 8080, leaderElection: true },
  { name: 'runner', namespace: 'platform-ci', clusterRole: 'platform:ci-runner', workload: 'Deployment', replicas: 2, image: 'registry.example.com/platform/ci-runner:17.4.0', port: 9252, leaderElection: false },
];

export const PLATFORM_NAMESPACES = [
  'autoscaling', 'backup-system', 'cert-system', 'gitops-system', 'ingress-system', 'logging', 'monitoring',
  'platform-ci', 'platform-security', 'policy-system',
] as const;

export const PLATFORM_CLUSTER_ROLES: readonly ClusterRoleSpec[] = [
  {
    name: 'platform:ingress-controller',
    rules: [
      rule(['list', 'watch'], [''], ['configmaps', 'endpoints', 'nodes', 'pods', 'secrets', 'namespaces']),
      rule(READ, [''], ['services']),
      rule(READ, ['networking.k8s.io'], ['ingresses', 'ingressclasses']),
      rule(['update'], ['networking.k8s.io'], ['ingresses/status']),
      rule(['create', 'patch'], [''], ['events']),
      rule(READ, ['discovery.k8s.io'], ['endpointslices']),
    ],
  },
  {
    name: 'platform:cert-issuer',
    rules: [
      rule([...READ, 'create', 'update', 'delete'], [''], ['secrets']),
      rule(['create', 'delete', 'get', 'list', 'watch'], [''], ['pods', 'services']),
      rule(['*'], ['certs.acme.example'], ['*']),
      rule(['create', 'patch'], [''], ['events']),
    ],
  },
  {
    name: 'platform:cert-issuer-view',
    labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' },
    rules: [rule(READ, ['certs.acme.example'], ['certificates', 'certificaterequests', 'issuers'])],
  },
  {
    name: 'platform:cert-issuer-edit',
    labels: {
      'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
      'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
    },
    rules: [rule(['create', 'delete', 'deletecollection', 'patch', 'update'], ['certs.acme.example'], ['certificates', 'certificaterequests', 'issuers'])],
  },
  {
    name: 'platform:gitops-controller',
    rules: [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])],
  },
  {
    name: 'platform:gitops-server',
    rules: [
      rule(['get', 'delete', 'patch'], ['*'], ['*']),
      rule(['get'], [''], ['pods/log']),
      rule(['create'], [''], ['pods/exec']),
      rule(['list'], [''], ['events']),
    ],
  },
  {
    name: 'platform:policy-engine',
    rules: [
      rule(READ, ['*'], ['*']),
      rule(['*'], ['admissionregistration.k8s.io'], ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations']),
      rule(['create', 'patch'], ['', 'events.k8s.io'], ['events']),
    ],
  },
  {
    name: 'platform:backup-operator',
    rules: [
      rule(['create'], [''], ['pods/exec']),
      rule(['*'], [''], ['persistentvolumes', 'persistentvolumeclaims']),
      rule(['*'], ['snapshot.storage.k8s.io'], ['volumesnapshots', 'volumesnapshotcontents']),
      rule(['get', 'list'], [''], ['secrets', 'namespaces', 'pods']),
      rule(['*'], ['backup.acme.example'], ['*']),
    ],
  },
  {
    name: 'platform:backup-view',
    labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' },
    rules: [rule(READ, ['backup.acme.example'], ['backups', 'restores', 'schedules'])],
  },
  {
    name: 'platform:log-shipper',
    rules: [rule(READ, [''], ['pods', 'namespaces', 'nodes']), rule(['get'], [''], ['nodes/proxy'])],
  },
  {
    name: 'platform:metrics-collector',
    rules: [
      rule(READ, [''], ['nodes', 'nodes/metrics', 'services', 'endpoints', 'pods']),
      rule(READ, ['networking.k8s.io'], ['ingresses']),
      urls(['get'], ['/metrics', '/metrics/cadvisor']),
    ],
  },
  {
    name: 'platform:secret-sync',
    annotations: { 'acme.example/review': 'copies registry and TLS secrets into every namespace' },
    rules: [rule([...READ, 'create', 'update', 'patch'], [''], ['secrets']), rule(READ, [''], ['namespaces'])],
  },
  {
    name: 'platform:ci-runner',
    rules: [rule(READ, [''], ['namespaces']), rule(['create'], ['authentication.k8s.io'], ['tokenreviews'])],
  },
];

export const ORG_CLUSTER_ROLE_BINDINGS: readonly ClusterRoleBindingSpec[] = [
  { name: 'acme:platform-admins', roleName: 'cluster-admin', subjects: [group('oidc:platform-admins')] },
  { name: 'acme:break-glass', roleName: 'acme:platform-admin', subjects: [user('break-glass@example.com')] },
  {
    name: 'acme:security-auditors',
    roleName: 'acme:auditor',
    subjects: [group('oidc:security'), sa('platform-security', 'audit-collector')],
  },
  { name: 'acme:sre-view', roleName: 'view', subjects: [group('oidc:sre'), group('oidc:sre-oncall')] },
  { name: 'acme:sre-observability', roleName: 'acme:observability-reader', subjects: [group('oidc:sre')] },
  { name: 'acme:node-readers', roleName: 'acme:node-reader', subjects: [group('system:authenticated')] },
  { name: 'acme:registry-credentials', roleName: 'acme:secret-reader', subjects: [group('system:serviceaccounts')] },
  {
    name: 'acme:prometheus-legacy',
    roleName: 'acme:metrics-scraper',
    // a User subject naming a ServiceAccount: matches that ServiceAccount too
    subjects: [user('system:serviceaccount:monitoring:prometheus')],
  },
  { name: 'acme:support-view', roleName: 'view', subjects: [user('alice@example.com'), user('bob@example.com')] },
  {
    name: 'acme:legacy-dashboard',
    roleName: 'legacy-dashboard',
    subjects: [sa('kube-system', 'legacy-dashboard')],
    annotations: { 'acme.example/note': 'dashboard removed in 2024; ClusterRole legacy-dashboard no longer exists' },
  },
];

// Engine types. Pure data: no I/O, no React, no Node APIs.
// Kubernetes names keep their Kubernetes spelling (PolicyRule, RoleRef, roleRef.kind).

/** rbac.authorization.k8s.io/v1 PolicyRule. Optional wire fields are normalized to arrays. */
export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';

/** A binding subject as written in the binding (namespace NOT defaulted). */
export interface Subject {
  kind: string; // kept as written; an unknown kind matches nobody (diagnostic "bad-subject-kind")
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface RoleRef {
  kind: 'Role' | 'ClusterRole';
  name: string;
  apiGroup: string;
}

/** Where an object came from: file (or "<stdin>", "cluster", "demo"), YAML line, index in the input. */
export interface Origin {
  source: string;
  line?: number;
  col?: number;
  /** position of the document in the file (0-based), and of the item inside a List */
  doc?: number;
  item?: number;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  creationTimestamp?: string;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: LabelSelectorRequirement[];
}

export interface Role {
  kind: 'Role';
  metadata: ObjectMeta & { namespace: string };
  rules: PolicyRule[];
  origin: Origin;
}

export interface ClusterRole {
  kind: 'ClusterRole';
  metadata: ObjectMeta;
  /** Effective rules: after aggregation these are what the authorizer sees. */
  rules: PolicyRule[];
  /** Rules as written in the input (before aggregation). */
  declaredRules: PolicyRule[];
  aggregationRule?: { clusterRoleSelectors: LabelSelector[] };
  /** Names of the ClusterRoles whose rules were aggregated into this one. */
  aggregatedFrom: string[];
  origin: Origin;
}

export interface RoleBinding {
  kind: 'RoleBinding';
  metadata: ObjectMeta & { namespace: string };
  roleRef: RoleRef;
  subjects: Subject[];
  origin: Origin;
}

export interface ClusterRoleBinding {
  kind: 'ClusterRoleBinding';
  metadata: ObjectMeta;
  roleRef: RoleRef;
  subjects: Subject[];
  origin: Origin;
}

export interface ServiceAccount {
  kind: 'ServiceAccount';
  metadata: ObjectMeta & { namespace: string };
  automountServiceAccountToken?: boolean;
  /** names of the Secrets listed in .secrets (legacy token secrets); never their content */
  secretNames: string[];
  origin: Origin;
}

export interface OwnerRef {
  kind: string;
  name: string;
  apiVersion?: string;
}

export interface Pod {
  kind: 'Pod';
  metadata: ObjectMeta & { namespace: string };
  /** spec.serviceAccountName, or the deprecated spec.serviceAccount, or "default" */
  serviceAccountName: string;
  automountServiceAccountToken?: boolean;
  nodeName?: string;
  phase?: string;
  owner?: OwnerRef;
  origin: Origin;
}

export interface Namespace {
  kind: 'Namespace';
  metadata: ObjectMeta;
  phase?: string;
  origin: Origin;
}

/**
 * What RBAC Atlas keeps of a Secret: its name, namespace and type, and for a legacy
 * service-account token Secret the ServiceAccount it belongs to. Never its data, labels or other
 * annotations (the last-applied-configuration annotation can hold the data).
 */
export interface SecretMeta {
  kind: 'Secret';
  metadata: { name: string; namespace: string };
  type?: string;
  /** the kubernetes.io/service-account.name annotation */
  serviceAccountName?: string;
  /** the kubernetes.io/legacy-token-invalid-since label: the control plane invalidated the token */
  invalidSince?: string;
  origin: Origin;
}

export type RbacObject = Role | ClusterRole | RoleBinding | ClusterRoleBinding;
export type AtlasObject = RbacObject | ServiceAccount | Pod | Namespace;
export type ObjectKind = AtlasObject['kind'];
export type Binding = RoleBinding | ClusterRoleBinding;
export type AnyRole = Role | ClusterRole;

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

export type DiagnosticCode =
  | 'parse-error' // the file or document cannot be parsed at all
  | 'invalid-object' // a field has the wrong shape; the object is skipped
  | 'unknown-kind' // a kind RBAC Atlas does not use; skipped and counted
  | 'unsupported-api-version' // a known kind with an apiVersion we do not understand; skipped
  | 'duplicate-object' // the same kind/namespace/name twice; the later one wins
  | 'missing-role-ref' // a binding without a usable roleRef; skipped
  | 'bad-role-ref' // roleRef kind/apiGroup wrong (e.g. ClusterRoleBinding -> Role); grants nothing
  | 'missing-role' // roleRef points at a role that is not in the snapshot; grants nothing
  | 'bad-subject-kind' // a subject kind other than User/Group/ServiceAccount; matches nobody
  | 'subject-without-namespace' // ServiceAccount subject without namespace in a ClusterRoleBinding; matches nobody
  | 'aggregation-mismatch' // declared rules of an aggregated ClusterRole that the computed union drops (each named)
  | 'aggregation-unresolved' // an aggregated ClusterRole whose rules the input leaves open (no selected role, invalid selector, cycle)
  | 'secret-data-dropped' // a Secret (or other object) carried data that was dropped unread
  | 'input-too-large' // a file exceeded the configured size limit
  | 'partial-data'; // the source could not read everything (e.g. 403 on a kind)

export interface Diagnostic {
  severity: DiagnosticSeverity;
  code: DiagnosticCode;
  message: string;
  origin?: Origin;
  /** the object concerned, as "Kind/namespace/name" or "Kind/name" */
  object?: string;
}

export interface SnapshotMeta {
  /** human description of the data source, e.g. "demo", "files: a.yaml, b.yaml", "context prod" */
  source: string;
  loadedAt?: string;
  /** counts of objects skipped by kind (unknown kinds) */
  skippedKinds: Record<string, number>;
  /** true when the source knows it could not read everything (e.g. 403 on a kind) */
  partial: boolean;
}

export interface Snapshot {
  roles: Role[];
  clusterRoles: ClusterRole[];
  roleBindings: RoleBinding[];
  clusterRoleBindings: ClusterRoleBinding[];
  serviceAccounts: ServiceAccount[];
  pods: Pod[];
  namespaces: Namespace[];
  /** Secret metadata (file sources only; absent when the source has none) */
  secrets?: SecretMeta[];
  diagnostics: Diagnostic[];
  meta: SnapshotMeta;
}

// ---------------------------------------------------------------------------
// Requests and answers

/** A resource request, as the authorizer sees it. namespace "" = cluster-scoped. */
export interface ResourceRequest {
  type: 'resource';
  verb: string;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}

export interface NonResourceRequest {
  type: 'nonResource';
  verb: string;
  path: string;
}

export type Request = ResourceRequest | NonResourceRequest;

export interface Principal {
  user: string;
  groups: string[];
}

/** Reference to an object, as printed in answers. */
export interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
}

/** One way a permission is granted: binding -> role -> rule. */
export interface Grant {
  binding: ObjectRef;
  role: ObjectRef;
  rule: PolicyRule;
  ruleIndex: number;
  /** "cluster" for ClusterRoleBindings, otherwise the RoleBinding's namespace */
  scope: string;
  /**
   * Effective what-can only: the binding's subject the grant came through (the identity itself or
   * one of its groups, implicit ones included): the first of the binding's subjects that applies.
   */
  via?: SubjectRef;
}

/** A subject as reported: ServiceAccount namespace is always set (defaulted). */
export interface SubjectRef {
  kind: SubjectKind;
  name: string;
  namespace?: string;
}

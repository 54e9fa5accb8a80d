// The finding catalogue: one entry per kind. The kinds are its keys (FindingKind), in report order;
// adding a kind is an entry here, a check registered in checks.ts (the compiler insists) and its test.
// Severities are defaults; `.rbac-atlas.yaml` can override them per kind.
import type { FindingFamily, Severity } from './types';

/** From this many steps on, a path finding is one severity step below the default. */
export const LONG_PATH = 3;

export interface FindingReference {
  readonly title: string;
  readonly url: string;
}

/** What a finding is about: a subject (who holds the power) or an object (a binding or role as written). */
export type FindingTarget = 'subject' | 'object';

export interface FindingInfo {
  /** kebab-case id: CLI, config and SARIF rule id */
  readonly id: string;
  readonly target: FindingTarget;
  readonly title: string;
  readonly family: FindingFamily;
  /** for cluster-wide grants, and for grants in privileged namespaces */
  readonly severity: Severity;
  /** for grants limited to an ordinary namespace; defaults to `severity` */
  readonly namespacedSeverity?: Severity;
  /** "cluster": only cluster-wide grants can give this power (cluster-scoped resources) */
  readonly scopes: 'cluster' | 'any';
  /** one line, for tables and SARIF shortDescription */
  readonly summary: string;
  /** why it matters */
  readonly why: string;
  readonly remediation: string;
  /** how the severity of one finding can differ from the default */
  readonly severityNotes?: string;
  readonly references: readonly FindingReference[];
}

const GOOD_PRACTICES = 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/';
const gp = (anchor: string, title: string): FindingReference => ({ title: `RBAC good practices: ${title}`, url: `${GOOD_PRACTICES}#${anchor}` });
const RBAC_DOCS = 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/';

const REACH_NOTE =
  'Raised to the severity of the strongest ServiceAccount the subject can act as this way (the subject itself excluded).';

const CATALOG = {
  ClusterAdmin: {
    id: 'cluster-admin',
    target: 'subject',
    title: 'Cluster-admin equivalent',
    family: 'permission',
    severity: 'critical',
    scopes: 'cluster',
    summary: 'Holds every verb on every resource in every API group, cluster-wide.',
    why: 'A rule with "*" verbs, "*" resources and "*" API groups bound by a ClusterRoleBinding is cluster-admin under any name: it can read every Secret, run code in every pod and change RBAC itself. Other findings of the same subject are folded into this one.',
    remediation: 'Bind a role with the verbs and resources the subject needs; keep cluster-admin for break-glass identities (system:masters certificates kept offline). Bind namespaced roles with RoleBindings instead of ClusterRoleBindings.',
    references: [gp('least-privilege', 'least privilege'), { title: 'RBAC: user-facing roles', url: `${RBAC_DOCS}#user-facing-roles` }],
  },
  NamespaceAdmin: {
    id: 'namespace-admin',
    target: 'subject',
    title: 'Every permission in a namespace',
    family: 'permission',
    severity: 'critical',
    namespacedSeverity: 'high',
    scopes: 'any',
    summary: 'Holds every verb on every resource in every API group within a namespace (e.g. a RoleBinding to cluster-admin).',
    why: 'A RoleBinding to a "*"/"*"/"*" role makes the subject owner of the namespace: its Secrets, its pods and every ServiceAccount there, and RBAC inside it. Other findings of the same subject in that namespace are folded into this one.',
    remediation: 'Bind admin or edit, or a role written for the task, instead of cluster-admin; keep namespaces whose ServiceAccounts hold cluster-wide power out of tenants\' reach.',
    severityNotes: `Critical in privileged namespaces. ${REACH_NOTE}`,
    references: [gp('least-privilege', 'least privilege'), { title: 'RBAC: user-facing roles', url: `${RBAC_DOCS}#user-facing-roles` }],
  },
  PathToClusterAdmin: {
    id: 'path-to-cluster-admin',
    target: 'subject',
    title: 'Path to cluster-admin',
    family: 'escalation',
    severity: 'critical',
    scopes: 'cluster',
    summary: 'Can become cluster-admin in a few steps (run as a stronger ServiceAccount, impersonate, bind, escalate, mint a token...), each allowed by RBAC.',
    why: 'Each step is a permission that looks narrow on its own (create pods in one namespace, exec into a pod, read a token Secret); chained, they hand the subject the power of an identity that holds every verb on every resource. The finding lists the steps, each with the request it makes and the binding, role and rule that allow it (as `rbac-atlas paths` prints them).',
    remediation: 'Break the path at any step: remove or narrow that step\'s grant (docs/paths/<technique>.md says how for each technique), or take cluster-admin away from the identity at its end. `rbac-atlas paths --from <subject>` shows the path again after the change.',
    severityNotes: `One step lower for paths of ${LONG_PATH} steps or more. Not reported for subjects that hold cluster-admin (see cluster-admin), nor for a subject whose path is that of a group the API server puts it in (system:authenticated, system:serviceaccounts[:<ns>]): the group's finding counts it.`,
    references: [gp('kubernetes-rbac-privilege-escalation-risks', 'privilege escalation risks'), { title: 'RBAC: privilege escalation prevention', url: `${RBAC_DOCS}#privilege-escalation-prevention-and-bootstrapping` }],
  },
  PathToNode: {
    id: 'path-to-node',
    target: 'subject',
    title: 'Path to root on a node',
    family: 'escalation',
    severity: 'high',
    scopes: 'cluster',
    summary: 'Can become root on a node (a privileged pod where PodSecurity allows it), directly or in a few steps.',
    why: 'Root on a node reads the tokens of every pod scheduled there, the kubelet\'s credentials and the host; from there the ServiceAccounts of those pods are one step away. A namespace without a PodSecurity enforce label admits privileged pods.',
    remediation: 'Label namespaces with pod-security.kubernetes.io/enforce: baseline or restricted, keep pod creation in privileged namespaces to administrators, or break an earlier step of the path.',
    severityNotes: `One step lower for paths of ${LONG_PATH} steps or more. Reported only when the path is no longer than the subject's path to cluster-admin (otherwise path-to-cluster-admin covers it, a node being one step past cluster-admin), with the same rule for groups as path-to-cluster-admin.`,
    references: [{ title: 'Pod Security Standards', url: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/' }, gp('workload-creation', 'workload creation')],
  },
  Impersonate: {
    id: 'impersonate',
    target: 'subject',
    title: 'Impersonate users, groups or service accounts',
    family: 'permission',
    severity: 'critical',
    namespacedSeverity: 'medium',
    scopes: 'any',
    summary: 'Can act as another user, group, ServiceAccount, UID or user extra.',
    why: 'The impersonate verb on users, groups, serviceaccounts (core group), uids or userextras (authentication.k8s.io) lets the subject send requests as someone else, including members of system:masters, which bypasses RBAC entirely.',
    remediation: 'Remove the impersonate verb, or limit it with resourceNames to the exact identities a support tool needs, and never to system:masters or cluster-admin holders.',
    severityNotes: `Grants limited by resourceNames are one step lower unless a named identity is system:masters or holds cluster-admin. Impersonating ServiceAccounts of one namespace is medium; ${REACH_NOTE.charAt(0).toLowerCase()}${REACH_NOTE.slice(1)}`,
    references: [gp('impersonate-verb', 'impersonate verb'), { title: 'User impersonation', url: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation' }],
  },
  Escalate: {
    id: 'escalate',
    target: 'subject',
    title: 'Escalate verb on roles',
    family: 'permission',
    severity: 'critical',
    namespacedSeverity: 'high',
    scopes: 'any',
    summary: 'Can write roles that hold permissions the subject does not have.',
    why: 'The escalate verb on roles or clusterroles switches off RBAC\'s privilege-escalation prevention: together with create/update on roles the subject can give a role it is bound to any permission.',
    remediation: 'Remove escalate; let a controller with narrowly scoped rights manage roles, or use aggregated ClusterRoles.',
    severityNotes: `Grants limited by resourceNames are one step lower unless a named role is cluster-admin equivalent. ${REACH_NOTE}`,
    references: [gp('escalate-verb', 'escalate verb'), { title: 'RBAC: privilege escalation prevention', url: `${RBAC_DOCS}#privilege-escalation-prevention-and-bootstrapping` }],
  },
  Bind: {
    id: 'bind',
    target: 'subject',
    title: 'Bind verb on roles',
    family: 'permission',
    severity: 'critical',
    namespacedSeverity: 'high',
    scopes: 'any',
    summary: 'Can bind roles that hold permissions the subject does not have.',
    why: 'The bind verb on roles or clusterroles lets the subject create bindings to roles more powerful than its own (with create on rolebindings/clusterrolebindings), e.g. bind itself to cluster-admin.',
    remediation: 'Remove bind, or limit it with resourceNames to the roles that may be handed out.',
    severityNotes: `Grants limited by resourceNames are one step lower unless a named role is cluster-admin equivalent. ${REACH_NOTE}`,
    references: [gp('bind-verb', 'bind verb'), { title: 'RBAC: privilege escalation prevention', url: `${RBAC_DOCS}#restrictions-on-role-binding-creation-or-update` }],
  },
  ApproveCsr: {
    id: 'approve-csr',
    target: 'subject',
    title: 'Approve certificate signing requests',
    family: 'permission',
    severity: 'critical',
    scopes: 'cluster',
    summary: 'Can approve CSRs for a kubernetes.io signer (update certificatesigningrequests/approval and approve on signers).',
    why: 'Approving a CSR for the kubernetes.io/kube-apiserver-client signer issues a client certificate for any user and group, system:masters included. With create on certificatesigningrequests the subject needs nobody else.',
    remediation: 'Leave approval to the controller manager\'s approvers; restrict approve on signers with resourceNames to the signers a tool really handles.',
    severityNotes: 'High instead of critical when the subject cannot create CSRs itself, or can approve only for the kubelet client signer.',
    references: [gp('csrs-and-certificate-issuing', 'CSRs and certificate issuing'), { title: 'Certificate signing requests: authorization', url: 'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization' }],
  },
  NodesProxy: {
    id: 'nodes-proxy',
    target: 'subject',
    title: 'Kubelet API through nodes/proxy',
    family: 'permission',
    severity: 'high',
    scopes: 'cluster',
    summary: 'Can reach the kubelet API through nodes/proxy (get or create).',
    why: 'Even get on nodes/proxy is not read-only: the kubelet API behind it runs commands in any container on the node, bypassing admission and audit of the pod exec path, and with it every mounted ServiceAccount token.',
    remediation: 'Use the metrics and logs APIs instead; grant nodes/proxy only to monitoring that needs it, and never create.',
    severityNotes: REACH_NOTE,
    references: [gp('access-to-proxy-subresource-of-nodes', 'access to the proxy subresource of Nodes'), { title: 'Kubelet authentication/authorization', url: 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/' }],
  },
  CreateWorkloads: {
    id: 'create-workloads',
    target: 'subject',
    title: 'Create pods or pod controllers',
    family: 'permission',
    severity: 'high',
    namespacedSeverity: 'medium',
    scopes: 'any',
    summary: 'Can create pods, or create/update/patch Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs or ReplicationControllers.',
    why: 'Whoever can create a pod in a namespace can run it as any ServiceAccount of that namespace and use that account\'s token: the permission implies the rights of the strongest ServiceAccount there (and, with hostPath or privileged pods, of the node).',
    remediation: 'Grant workload creation only where the namespace\'s ServiceAccounts are not more privileged than the subject; enforce Pod Security Admission (restricted/baseline) and keep powerful ServiceAccounts in namespaces nobody else deploys to.',
    severityNotes: REACH_NOTE,
    references: [gp('workload-creation', 'workload creation')],
  },
  ExecPods: {
    id: 'exec-pods',
    target: 'subject',
    title: 'Exec, attach or port-forward into pods',
    family: 'permission',
    severity: 'high',
    namespacedSeverity: 'medium',
    scopes: 'any',
    summary: 'Can exec, attach or port-forward (create or get on pods/exec, pods/attach, pods/portforward).',
    why: 'A shell in a pod gives its files, environment and mounted ServiceAccount token. The API server accepts get as well as create on these subresources for WebSocket connections, so both are checked.',
    remediation: 'Give exec to a break-glass role with an expiry; use logs and ephemeral debug tooling with audit instead.',
    severityNotes: REACH_NOTE,
    references: [gp('workload-creation', 'workload creation'), { title: 'kubernetes/kubernetes#78741 (exec allowed with get)', url: 'https://github.com/kubernetes/kubernetes/issues/78741' }],
  },
  ModifyPods: {
    id: 'modify-pods',
    target: 'subject',
    title: 'Modify running pods or add ephemeral containers',
    family: 'permission',
    severity: 'high',
    namespacedSeverity: 'medium',
    scopes: 'any',
    summary: 'Can update/patch pods or pods/ephemeralcontainers.',
    why: 'Changing a pod\'s image or adding an ephemeral container runs attacker code with the pod\'s ServiceAccount token and volumes.',
    remediation: 'Let controllers manage pods; grant pods/ephemeralcontainers only to a debugging role with an expiry.',
    severityNotes: REACH_NOTE,
    references: [gp('workload-creation', 'workload creation'), { title: 'Ephemeral containers', url: 'https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/' }],
  },
  CreateServiceAccountToken: {
    id: 'create-serviceaccount-token',
    target: 'subject',
    title: 'Mint ServiceAccount tokens',
    family: 'permission',
    severity: 'high',
    namespacedSeverity: 'medium',
    scopes: 'any',
    summary: 'Can create serviceaccounts/token (TokenRequest) and so authenticate as those ServiceAccounts.',
    why: 'A TokenRequest returns a valid token for any ServiceAccount in scope: the subject gets the rights of the strongest one.',
    remediation: 'Remove create on serviceaccounts/token; issue tokens through a controller that checks who asks.',
    severityNotes: REACH_NOTE,
    references: [gp('token-request', 'token request')],
  },
  ReadSecrets: {
    id: 'read-secrets',
    target: 'subject',
    title: 'Read Secrets',
    family: 'permission',
    severity: 'high',
    namespacedSeverity: 'medium',
    scopes: 'any',
    summary: 'Can get, list or watch Secrets (core group), without a resourceNames restriction.',
    why: 'list and watch return Secret contents just like get. Secrets hold credentials, TLS keys and legacy ServiceAccount tokens; cluster-wide or in kube-system that is a path to other identities.',
    remediation: 'Limit get to named Secrets with resourceNames; mount Secrets into the pods that need them instead of reading them through the API.',
    severityNotes: 'Raised to the severity of the strongest ServiceAccount whose legacy token Secret is listed in scope.',
    references: [gp('listing-secrets', 'listing secrets')],
  },
  WriteSecretsPrivileged: {
    id: 'write-secrets-privileged',
    target: 'subject',
    title: 'Create or update Secrets in a privileged namespace',
    family: 'permission',
    severity: 'high',
    scopes: 'any',
    summary: 'Can create, update or patch Secrets cluster-wide or in a privileged namespace.',
    why: 'Creating a Secret of type kubernetes.io/service-account-token makes the control plane fill in a token for a ServiceAccount of that namespace; updating Secrets replaces credentials that privileged components load.',
    remediation: 'Remove secret writes in privileged namespaces; manage those Secrets through a dedicated controller.',
    severityNotes: `Reported only cluster-wide and for privileged namespaces. ${REACH_NOTE}`,
    references: [gp('listing-secrets', 'listing secrets'), { title: 'Manually create a long-lived API token', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#manually-create-a-long-lived-api-token-for-a-serviceaccount' }],
  },
  AdmissionControl: {
    id: 'admission-control',
    target: 'subject',
    title: 'Change admission webhooks or policies',
    family: 'permission',
    severity: 'high',
    scopes: 'cluster',
    summary: 'Can create, update, patch or delete admission webhook configurations or admission policies and their bindings.',
    why: 'Mutating webhooks see and can rewrite every admitted object (Secrets included); deleting a validating webhook or policy switches a security control off.',
    remediation: 'Leave admission configuration to the cluster operator and the controllers that own it.',
    references: [gp('control-admission-webhooks', 'control admission webhooks'), { title: 'Validating admission policy', url: 'https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/' }],
  },
  CreatePersistentVolumes: {
    id: 'create-persistentvolumes',
    target: 'subject',
    title: 'Create PersistentVolumes',
    family: 'permission',
    severity: 'high',
    scopes: 'cluster',
    summary: 'Can create PersistentVolumes (cluster-scoped).',
    why: 'A hostPath PersistentVolume gives the pods that claim it the node\'s file system, and with it kubelet credentials and other pods\' tokens.',
    remediation: 'Let a StorageClass provisioner create volumes; users create PersistentVolumeClaims.',
    references: [gp('persistent-volume-creation', 'persistent volume creation')],
  },
  PatchNamespaces: {
    id: 'patch-namespaces',
    target: 'subject',
    title: 'Modify namespaces',
    family: 'permission',
    severity: 'medium',
    scopes: 'cluster',
    summary: 'Can patch or update Namespaces.',
    why: 'Namespace labels select Pod Security Admission levels and NetworkPolicy peers: relabelling a namespace can switch pod security to privileged or open network paths.',
    remediation: 'Keep namespace writes with the platform team; protect security labels with a validating admission policy.',
    references: [gp('namespace-modification', 'namespace modification'), { title: 'Pod Security Admission', url: 'https://kubernetes.io/docs/concepts/security/pod-security-admission/' }],
  },
  ModifyStatus: {
    id: 'modify-status',
    target: 'subject',
    title: 'Modify node, pod or service status',
    family: 'permission',
    severity: 'medium',
    namespacedSeverity: 'low',
    scopes: 'any',
    summary: 'Can update or patch nodes/status, pods/status or services/status.',
    why: 'Status writes steer the cluster: node status attracts or repels workloads, pod status changes which pods receive Service traffic, and services/status sets load-balancer IPs (CVE-2020-8554, traffic interception).',
    remediation: 'Leave status subresources to the kubelet and controllers.',
    references: [{ title: 'CVE-2020-8554 (kubernetes/kubernetes#97076)', url: 'https://github.com/kubernetes/kubernetes/issues/97076' }],
  },
  AnonymousAccess: {
    id: 'anonymous-access',
    target: 'subject',
    title: 'Grants to unauthenticated users',
    family: 'identity',
    severity: 'high',
    scopes: 'any',
    summary: 'A binding beyond the Kubernetes defaults names system:anonymous or system:unauthenticated.',
    why: 'Anyone who can reach the API server gets these rights without credentials.',
    remediation: 'Remove the subject from the binding; serve public information another way.',
    severityNotes: 'Raised one step above the strongest other finding of the same subject and scope.',
    references: [gp('hardening', 'hardening: review system:unauthenticated bindings')],
  },
  AuthenticatedAccess: {
    id: 'authenticated-access',
    target: 'subject',
    title: 'Grants to every authenticated identity',
    family: 'identity',
    severity: 'medium',
    scopes: 'any',
    summary: 'A binding beyond the Kubernetes defaults names system:authenticated or system:serviceaccounts.',
    why: 'Every user and every ServiceAccount token (every pod in the cluster) gets these rights, so the weakest workload holds them too.',
    remediation: 'Bind the role to the groups or ServiceAccounts that need it.',
    severityNotes: 'Raised one step above the strongest other finding of the same subject and scope.',
    references: [gp('hardening', 'hardening'), { title: 'RBAC: default roles and role bindings', url: `${RBAC_DOCS}#default-roles-and-role-bindings` }],
  },
  DefaultServiceAccountBinding: {
    id: 'default-serviceaccount-binding',
    target: 'subject',
    title: 'Rights granted to a default ServiceAccount',
    family: 'identity',
    severity: 'medium',
    scopes: 'any',
    summary: 'A binding names the default ServiceAccount of a namespace.',
    why: 'Every pod that does not set serviceAccountName runs as default, so all of them get these rights.',
    remediation: 'Create a dedicated ServiceAccount for the workload that needs the rights and bind that one.',
    severityNotes: 'Raised to the strongest other finding of the same ServiceAccount and scope.',
    references: [{ title: 'RBAC: service account permissions', url: `${RBAC_DOCS}#service-account-permissions` }],
  },
  DefaultServiceAccountToken: {
    id: 'default-serviceaccount-token',
    target: 'subject',
    title: 'Pods run as the default ServiceAccount with a token',
    family: 'workload',
    severity: 'low',
    scopes: 'any',
    summary: 'Pods run as the namespace\'s default ServiceAccount with its API token mounted.',
    why: 'The pods share one identity (whatever is later granted to default reaches all of them), and a token that is mounted but not needed is one more credential to steal.',
    remediation: 'Give each workload its own ServiceAccount; set automountServiceAccountToken: false on the default ServiceAccount or on pods that do not call the API.',
    severityNotes: 'Medium when the default ServiceAccount has bindings of its own.',
    references: [gp('hardening', 'hardening'), { title: 'Opt out of API credential automounting', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting' }],
  },
  DefaultNamespaceWorkloads: {
    id: 'default-namespace-workloads',
    target: 'subject',
    title: 'Workloads in the default namespace',
    family: 'workload',
    severity: 'low',
    scopes: 'any',
    summary: 'Pods run in the default namespace.',
    why: 'The default namespace is where unqualified commands and manifests land; it usually has no owner, quota, network policy or pod security level of its own.',
    remediation: 'Move workloads to namespaces owned by their team, with their own RBAC and policies.',
    references: [gp('least-privilege', 'least privilege')],
  },
  DanglingBinding: {
    id: 'dangling-binding',
    target: 'object',
    title: 'Binding to a missing role',
    family: 'hygiene',
    severity: 'medium',
    scopes: 'any',
    summary: 'A binding references a Role or ClusterRole that does not exist (or that it cannot reference).',
    why: 'It grants nothing today, but whoever later creates a role with that name silently grants it to the binding\'s subjects.',
    remediation: 'Delete the binding, or restore the role on purpose.',
    references: [gp('periodic-review', 'periodic review')],
  },
  MissingServiceAccount: {
    id: 'missing-serviceaccount',
    target: 'subject',
    title: 'Binding to a missing ServiceAccount',
    family: 'hygiene',
    severity: 'low',
    scopes: 'any',
    summary: 'A binding names a ServiceAccount that is not in the snapshot.',
    why: 'Whoever can create a ServiceAccount with that name (or the namespace, if it is gone too) inherits the grant.',
    remediation: 'Remove the subject from the binding, or create the ServiceAccount on purpose.',
    severityNotes: 'Raised to one step below the strongest finding the missing account would hold. Skipped when the snapshot has no ServiceAccounts.',
    references: [gp('periodic-review', 'periodic review')],
  },
  UnusedRole: {
    id: 'unused-role',
    target: 'object',
    title: 'Unused role',
    family: 'hygiene',
    severity: 'low',
    scopes: 'any',
    summary: 'No binding references the role and no ClusterRole aggregates it.',
    why: 'Unused roles are dead weight that hides real grants in reviews, and a binding created later can revive a forgotten over-broad role.',
    remediation: 'Delete the role, or document why it is kept.',
    severityNotes: 'Skipped when the snapshot has no bindings.',
    references: [gp('periodic-review', 'periodic review')],
  },
  WildcardRule: {
    id: 'wildcard-rule',
    target: 'object',
    title: 'Wildcard rule',
    family: 'hygiene',
    severity: 'low',
    scopes: 'any',
    summary: 'A role has rules with "*" in verbs, resources or API groups.',
    why: 'Wildcards grant verbs and resources that do not exist yet: new CRDs, subresources and verbs are granted the day they appear.',
    remediation: 'List the verbs, resources and API groups explicitly.',
    severityNotes: 'Medium when the role is bound and a rule has "*" in both verbs and resources.',
    references: [gp('least-privilege', 'least privilege')],
  },
} as const satisfies Record<string, FindingInfo>;

/** Every finding kind, PascalCase, in catalogue (report) order. The kebab-case id is used in CLI flags, config and SARIF. */
export type FindingKind = keyof typeof CATALOG;
export const FINDING_CATALOG: Readonly<Record<FindingKind, FindingInfo>> = CATALOG;
export const FINDING_KINDS = Object.keys(CATALOG) as FindingKind[];

/** The kinds whose findings are about an object (a binding or a role) rather than a subject. */
export type ObjectFindingKind = { [K in FindingKind]: (typeof CATALOG)[K]['target'] extends 'object' ? K : never }[FindingKind];
export type SubjectFindingKind = Exclude<FindingKind, ObjectFindingKind>;

/** Kebab-case ids by kind (derived from the catalogue). */
export const FINDING_IDS = Object.fromEntries(FINDING_KINDS.map((k) => [k, FINDING_CATALOG[k].id])) as { readonly [K in FindingKind]: (typeof CATALOG)[K]['id'] };
export type FindingId = (typeof FINDING_IDS)[FindingKind];

const BY_ID = new Map<string, FindingKind>(FINDING_KINDS.map((k) => [FINDING_IDS[k], k]));

/** Accepts the kebab id ("read-secrets") or the PascalCase kind ("ReadSecrets"). */
export function findingKindOf(name: string): FindingKind | undefined {
  if (BY_ID.has(name)) return BY_ID.get(name);
  return Object.hasOwn(CATALOG, name) ? (name as FindingKind) : undefined;
}

export function findingInfo(kind: FindingKind): FindingInfo {
  return FINDING_CATALOG[kind];
}

// What makes a cell of the access matrix risky, in words a newcomer reads without docs. Pure and
// client-safe (type imports only): the namespace page's matrix marks its cells with it, and the
// service (namespaces.ts) adds the powers a matrix cell cannot show (escalate, bind, impersonate,
// wildcard rules). The checks mirror the finding catalogue (lib/engine/findings/catalog.ts).

/** A power over the namespace, worst first. */
export type MatrixRisk =
  | 'wildcard'
  | 'impersonate'
  | 'escalate'
  | 'bind'
  | 'read-secrets'
  | 'exec'
  | 'tokens'
  | 'rbac-write'
  | 'workloads';

export const MATRIX_RISKS: readonly MatrixRisk[] = ['wildcard', 'impersonate', 'escalate', 'bind', 'read-secrets', 'exec', 'tokens', 'rbac-write', 'workloads'];

export type RiskLevel = 'high' | 'medium';

export const MATRIX_RISK_INFO: Record<MatrixRisk, { label: string; level: RiskLevel; why: string }> = {
  wildcard: { label: 'wildcard rule', level: 'high', why: 'holds a rule with "*" verbs or "*" resources: every future resource type is included' },
  impersonate: { label: 'impersonate', level: 'high', why: 'can act as other users, groups or service accounts' },
  escalate: { label: 'escalate', level: 'high', why: 'can write roles with permissions it does not hold' },
  bind: { label: 'bind', level: 'high', why: 'can bind roles more powerful than its own' },
  'read-secrets': { label: 'reads secrets', level: 'high', why: 'can get, list or watch Secrets (tokens, passwords, keys)' },
  exec: { label: 'exec into pods', level: 'high', why: 'can exec, attach or port-forward into pods (their files and tokens)' },
  tokens: { label: 'mints tokens', level: 'high', why: 'can create ServiceAccount tokens and act as those accounts' },
  'rbac-write': { label: 'changes RBAC', level: 'high', why: 'can create or change Roles or RoleBindings here' },
  workloads: { label: 'runs workloads', level: 'medium', why: "can create or change pods or pod controllers, running them as any of this namespace's service accounts" },
};

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch'];

/** The matrix resources and the verbs that make a cell risky, and why. */
const CELL_RISKS: { resources: readonly string[]; verbs: readonly string[]; risk: MatrixRisk }[] = [
  { resources: ['secrets'], verbs: READ, risk: 'read-secrets' },
  // the API server accepts get as well as create on these subresources (WebSocket connections)
  { resources: ['pods/exec', 'pods/attach', 'pods/portforward'], verbs: ['create', 'get'], risk: 'exec' },
  { resources: ['serviceaccounts/token'], verbs: ['create'], risk: 'tokens' },
  { resources: ['roles.rbac.authorization.k8s.io', 'rolebindings.rbac.authorization.k8s.io'], verbs: WRITE, risk: 'rbac-write' },
  {
    resources: ['pods', 'deployments.apps', 'statefulsets.apps', 'daemonsets.apps', 'replicasets.apps', 'jobs.batch', 'cronjobs.batch'],
    verbs: WRITE,
    risk: 'workloads',
  },
];

/** Why a cell (a resource and the verbs allowed on it) is risky, or undefined. */
export function cellRisk(resource: string, verbs: readonly string[]): MatrixRisk | undefined {
  for (const c of CELL_RISKS) {
    if (c.resources.includes(resource) && verbs.some((v) => c.verbs.includes(v))) return c.risk;
  }
  return undefined;
}

/** The risks of a row's cells, in MATRIX_RISKS order. */
export function cellRisks(cells: Readonly<Record<string, readonly string[]>>): MatrixRisk[] {
  const found = new Set<MatrixRisk>();
  for (const [resource, verbs] of Object.entries(cells)) {
    const r = cellRisk(resource, verbs);
    if (r) found.add(r);
  }
  return MATRIX_RISKS.filter((r) => found.has(r));
}

/** Rank of a set of risks for sorting: high ones count ten times a medium one. */
export function riskWeight(risks: readonly MatrixRisk[]): number {
  return risks.reduce((n, r) => n + (MATRIX_RISK_INFO[r].level === 'high' ? 10 : 1), 0);
}

/** How a cell's verbs read: "all verbs" when every matrix verb is allowed, else the verb names. */
export function verbsText(verbs: readonly string[], all: readonly string[]): string {
  return verbs.length === all.length && all.every((v) => verbs.includes(v)) ? 'all verbs' : verbs.join(' ');
}

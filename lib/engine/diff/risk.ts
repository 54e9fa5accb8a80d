// What makes a gained rule risky, for ordering and flagging a change review ("risky gains first"):
// impersonation and RBAC escalation, wildcards, Secrets, exec-like access, and the cluster-wide scope.
// Probed with the same matchers as everything else (rule.ts).
import { CLUSTER_SCOPE } from '../query-index';
import type { Request } from '../types';
import { diffRuleAllows } from './rule';
import type { DiffRule } from './types';

export const RISKS = ['escalation', 'wildcard', 'secrets', 'exec', 'cluster-wide'] as const;
export type Risk = (typeof RISKS)[number];

const WEIGHT: Record<Risk, number> = { escalation: 16, wildcard: 8, secrets: 4, exec: 4, 'cluster-wide': 1 };

const probe = (verb: string, apiGroup: string, resource: string, subresource = ''): Request =>
  ({ type: 'resource', verb, apiGroup, resource, subresource, namespace: '', name: '' });

const ESCALATION: Request[] = [
  ...['users', 'groups', 'serviceaccounts'].map((r) => probe('impersonate', '', r)),
  probe('impersonate', 'authentication.k8s.io', 'uids'),
  probe('impersonate', 'authentication.k8s.io', 'userextras', 'scopes'),
  ...['roles', 'clusterroles'].flatMap((r) => [probe('escalate', 'rbac.authorization.k8s.io', r), probe('bind', 'rbac.authorization.k8s.io', r)]),
];
const SECRETS: Request[] = ['get', 'list', 'watch'].map((v) => probe(v, '', 'secrets'));
const EXEC: Request[] = [
  probe('create', '', 'pods', 'exec'), probe('get', '', 'pods', 'exec'),
  probe('create', '', 'pods', 'attach'), probe('get', '', 'pods', 'attach'),
  probe('get', '', 'nodes', 'proxy'), probe('create', '', 'nodes', 'proxy'),
];

/** The risks of a rule: a rule limited to resourceNames is probed with its first name. */
export function risksOf(rule: DiffRule): Risk[] {
  const name = rule.resourceNames?.[0] ?? '';
  const allows = (requests: Request[]) => requests.some((r) => diffRuleAllows(rule, r.type === 'resource' ? { ...r, name } : r));
  const out: Risk[] = [];
  if (allows(ESCALATION)) out.push('escalation');
  const lists = [rule.verbs, rule.apiGroups, rule.resources, rule.nonResourceURLs ?? []];
  if (lists.some((l) => l.includes('*'))) out.push('wildcard');
  if (allows(SECRETS)) out.push('secrets');
  if (allows(EXEC)) out.push('exec');
  if (rule.scope === CLUSTER_SCOPE) out.push('cluster-wide');
  return out;
}

export function riskScore(risks: readonly Risk[]): number {
  return risks.reduce((sum, r) => sum + WEIGHT[r], 0);
}

// escalate, bind and impersonate: the verbs that step around RBAC's own escalation checks.
// Grants limited by resourceNames are reported too (they are a common, deliberate pattern) but one
// severity step lower, unless a named target is itself all-powerful.
import { ruleAllows } from '../match';
import { CLUSTER_SCOPE, type AtlasIndex } from '../query-index';
import { subjectRefKey } from '../subjects';
import { whoCan } from '../who-can';
import { ALL_STAR, type PermissionCheck, type SeverityAdjustment } from './check';
import type { FindingContext } from './context';
import { probe, type Accumulator, type Probe } from './probes';

const RBAC = 'rbac.authorization.k8s.io';
const AUTHN = 'authentication.k8s.io';

/** Every name the finding's grants are limited to, or undefined when some grant is unrestricted. */
export function restrictedNames(acc: Accumulator): string[] | undefined {
  const names = new Set<string>();
  for (const p of acc.paths.values()) {
    if (!p.resourceNames) return undefined;
    p.resourceNames.forEach((n) => names.add(n));
  }
  return [...names].sort();
}

const CREATE_PODS: Probe['request'] = { type: 'resource', verb: 'create', apiGroup: '', resource: 'pods', subresource: '', namespace: '', name: '' };

function namedRolesAllowing(ctx: FindingContext, acc: Accumulator, names: string[], request: Probe['request']): string[] {
  const allows = (key: string) => ctx.index.roles.get(key)?.rules.some((r) => ruleAllows(request, r)) ?? false;
  return names.filter((n) => allows(`ClusterRole/${n}`) || (acc.scope !== CLUSTER_SCOPE && allows(`Role/${acc.scope}/${n}`)));
}

/**
 * bind/escalate limited to named roles: as severe as unrestricted when a named role is
 * cluster-admin equivalent or lets its holder create pods (then every ServiceAccount in scope is
 * reachable); otherwise one step lower, without reach.
 */
function namedRoleAdjustment(ctx: FindingContext, acc: Accumulator): SeverityAdjustment | undefined {
  const names = restrictedNames(acc);
  if (!names) return undefined;
  const strong = namedRolesAllowing(ctx, acc, names, ALL_STAR);
  if (strong.length > 0) return { steps: 0, note: `limited to named roles, but ${strong.join(', ')} ${strong.length === 1 ? 'is' : 'are'} cluster-admin equivalent` };
  const creators = namedRolesAllowing(ctx, acc, names, CREATE_PODS);
  if (creators.length > 0) return { steps: 0, note: `limited to named roles, but ${creators.join(', ')} can create pods, which reaches every ServiceAccount in scope` };
  return { steps: -1, note: `limited by resourceNames to ${names.join(', ')}`, noReach: true };
}

export const escalate: PermissionCheck = {
  type: 'permission',
  action: 'can escalate roles',
  named: true,
  reach: 'namespace',
  probes: () => [probe('escalate', RBAC, 'roles'), probe('escalate', RBAC, 'clusterroles', true)],
  adjust: namedRoleAdjustment,
};

export const bind: PermissionCheck = {
  type: 'permission',
  action: 'can bind roles it does not hold',
  named: true,
  reach: 'namespace',
  probes: () => [probe('bind', RBAC, 'roles'), probe('bind', RBAC, 'clusterroles', true)],
  adjust: namedRoleAdjustment,
};

/** userextras keys named in rules ("userextras/scopes", "*\/scopes"), plus one sentinel for "*". */
function userExtraKeys(index: AtlasIndex): string[] {
  const keys = new Set(['scopes']);
  for (const group of [AUTHN, '*']) {
    for (const resource of index.resourceRules.get(group)?.keys() ?? []) {
      const m = /^(?:userextras|\*)\/(.+)$/.exec(resource);
      if (m) keys.add(m[1]!);
    }
  }
  return [...keys].sort();
}

function impersonationProbes(ctx: FindingContext): Probe[] {
  return [
    probe('impersonate', '', 'users', true),
    probe('impersonate', '', 'groups', true),
    probe('impersonate', '', 'serviceaccounts'),
    probe('impersonate', AUTHN, 'uids', true),
    ...userExtraKeys(ctx.index).map((k) => probe('impersonate', AUTHN, `userextras/${k}`, true)),
  ];
}

/** Subjects bound cluster-wide to a cluster-admin equivalent rule (by who-can), once per run. */
function clusterAdmins(ctx: FindingContext): Set<string> {
  return ctx.once('cluster-admins', () => new Set(whoCan(ctx.index, ALL_STAR).subjects.map((s) => subjectRefKey(s))));
}

export const impersonate: PermissionCheck = {
  type: 'permission',
  action: 'can impersonate other identities',
  named: true,
  reach: 'namespace',
  probes: impersonationProbes,
  adjust(ctx, acc) {
    const names = restrictedNames(acc);
    if (!names) return undefined;
    const admins = clusterAdmins(ctx);
    const sensitive = names.filter(
      (n) => n === 'system:masters' || admins.has(`User/${n}`) || admins.has(`Group/${n}`) || [...admins].some((k) => k.startsWith('ServiceAccount/') && k.endsWith(`/${n}`)),
    );
    if (sensitive.length > 0) return { steps: 0, note: `limited to named identities, but ${sensitive.join(', ')} bypass${sensitive.length === 1 ? 'es' : ''} RBAC or hold cluster-admin`, noReach: true };
    return { steps: -1, note: `limited by resourceNames to ${names.join(', ')}`, noReach: true };
  },
};

// Findings through groups whose members the API server decides. Every ServiceAccount token carries
// system:serviceaccounts, system:serviceaccounts:<its namespace> and system:authenticated, so a
// grant to one of these groups is a grant to those ServiceAccounts and to every pod that runs as them.
// The report stays one finding per (kind, subject, scope): the group's finding names the accounts and
// pods it reaches (members), and each account's own findings say what it inherits (inherited);
// nothing is repeated per account. docs/findings.md ("Findings through groups") explains the choice.
import { ALL_SERVICE_ACCOUNTS, AUTHENTICATED, serviceAccountGroups, subjectRefKey } from '../subjects';
import type { SubjectRef } from '../types';
import type { PermissionFindings } from './check';
import { podsOf, type FindingContext, type ServiceAccountInfo } from './context';
import { compareSeverityDesc, maxSeverity } from './severity';
import type { FindingPod, GroupMembers, InheritedGrant, Severity } from './types';

const SA_GROUP_PREFIX = `${ALL_SERVICE_ACCOUNTS}:`;
/** ServiceAccounts named in a members note; the JSON lists all of them. */
const NAMED = 5;

/** The groups of a ServiceAccount's token, narrowest first (as the API server adds them). */
export function tokenGroups(namespace: string): string[] {
  return [...serviceAccountGroups(namespace).reverse(), AUTHENTICATED];
}

/** Groups that only ServiceAccount tokens carry: what they hold is what those tokens are worth. */
export function isServiceAccountGroup(group: string): boolean {
  return group === ALL_SERVICE_ACCOUNTS || group.startsWith(SA_GROUP_PREFIX);
}

/** The namespace of system:serviceaccounts:<ns>, else undefined. */
export function serviceAccountGroupNamespace(group: string): string | undefined {
  return group.startsWith(SA_GROUP_PREFIX) && group.length > SA_GROUP_PREFIX.length ? group.slice(SA_GROUP_PREFIX.length) : undefined;
}

/** Who the API server puts in a group, and which of the snapshot's ServiceAccounts that is; undefined for other groups (their members come from an identity provider). */
function membersOf(ctx: FindingContext, group: string): { who: string; accounts: ServiceAccountInfo[] } | undefined {
  if (group === AUTHENTICATED) return { who: 'every authenticated user and every ServiceAccount', accounts: ctx.serviceAccounts };
  if (group === ALL_SERVICE_ACCOUNTS) return { who: 'every ServiceAccount', accounts: ctx.serviceAccounts };
  const ns = serviceAccountGroupNamespace(group);
  if (ns !== undefined) return { who: `every ServiceAccount in namespace ${ns}`, accounts: ctx.serviceAccountsByNamespace.get(ns) ?? [] };
  return undefined;
}

export interface GroupReach {
  members: GroupMembers;
  pods: FindingPod[];
  note: string;
}

function byName(a: ServiceAccountInfo, b: ServiceAccountInfo): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * The ServiceAccounts and pods a Group subject reaches (computed once per group and run), or
 * undefined: not a group with implicit members, or a snapshot without ServiceAccounts or pods (then
 * the members are unknown, not none).
 */
export function groupReach(ctx: FindingContext, subject: SubjectRef): GroupReach | undefined {
  if (subject.kind !== 'Group' || ctx.serviceAccounts.length === 0) return undefined;
  return ctx.once(`group-reach:${subject.name}`, () => {
    const found = membersOf(ctx, subject.name);
    if (!found) return undefined;
    const accounts = [...found.accounts].sort(byName);
    const pods = accounts.flatMap((sa) => podsOf(ctx, sa.namespace, sa.name));
    const mounted = pods.filter((p) => p.automountServiceAccountToken).length;
    // name the accounts whose pods hold the token first: those are the tokens in use
    const named = [...accounts].sort((a, b) => Number(b.tokenMounted) - Number(a.tokenMounted) || byName(a, b)).slice(0, NAMED);
    const more = accounts.length - named.length;
    const list = named.length ? ` (${named.map((sa) => `${sa.namespace}/${sa.name}`).join(', ')}${more ? ` and ${more} more` : ''})` : '';
    return {
      members: { who: found.who, serviceAccounts: accounts.map((sa) => ({ namespace: sa.namespace, name: sa.name })) },
      pods,
      note: `the API server puts ${found.who} in this group: ${plural(accounts.length, 'ServiceAccount')}${list}, ${plural(pods.length, 'pod')} (${mounted} with the token mounted)`,
    };
  });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * What a ServiceAccount's token holds through its implicit groups: the groups' permission findings
 * that are not built-in (the bootstrap policy's grants to these groups are expected everywhere).
 */
export function inheritedGrants(namespace: string, permissions: PermissionFindings): InheritedGrant[] {
  const out: InheritedGrant[] = [];
  for (const group of tokenGroups(namespace)) {
    const all = (permissions.get(subjectRefKey({ kind: 'Group', name: group })) ?? []).filter((f) => !f.builtin);
    // cluster-admin says it all (the report folds the group's other findings into it)
    const admin = all.filter((f) => f.kind === 'ClusterAdmin');
    const held = admin.length ? admin : all;
    if (held.length === 0) continue;
    const sorted = [...held].sort((a, b) => compareSeverityDesc(a.severity, b.severity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    out.push({
      group,
      severity: sorted.reduce<Severity>((s, f) => maxSeverity(s, f.severity), 'low'),
      kinds: [...new Set(held.map((f) => f.ruleId))].sort(),
      findings: sorted.map((f) => f.id),
    });
  }
  return out;
}

export function inheritedNote(g: InheritedGrant): string {
  return `its token also carries Group ${g.group} (added by the API server), which holds ${g.kinds.join(', ')} (${g.severity})`;
}

/** The strongest severity inherited through groups only ServiceAccount tokens carry, with the group. */
export function strongestServiceAccountGroup(inherited: readonly InheritedGrant[]): InheritedGrant | undefined {
  let best: InheritedGrant | undefined;
  for (const g of inherited) {
    if (!isServiceAccountGroup(g.group)) continue;
    if (!best || compareSeverityDesc(g.severity, best.severity) < 0) best = g;
  }
  return best;
}

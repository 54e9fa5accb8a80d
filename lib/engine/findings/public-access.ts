// Grants to everyone: system:anonymous / system:unauthenticated (no credentials at all) and
// system:authenticated / system:serviceaccounts (every user, every pod's token). The Kubernetes
// defaults (system:discovery, system:basic-user, system:public-info-viewer) are not reported.
import type { AtlasIndex, BindingEntry } from '../query-index';
import { ALL_SERVICE_ACCOUNTS, ANONYMOUS, AUTHENTICATED, UNAUTHENTICATED, subjectRefKey } from '../subjects';
import type { SubjectRef } from '../types';
import type { Draft } from './check';
import { baseSeverity, bindingsText, scopeText, subjectText, type FindingContext } from './context';
import { bindingPaths, findingsThrough, groupByScope, newFinding, worstOf } from './derived';
import { maxSeverity, shiftSeverity } from './severity';
import type { Finding, FindingKind } from './types';

const DEFAULT_PUBLIC_ROLES = new Set(['system:discovery', 'system:basic-user', 'system:public-info-viewer']);

const TARGETS: [FindingKind, SubjectRef, string][] = [
  ['AnonymousAccess', { kind: 'User', name: ANONYMOUS }, 'anyone who can reach the API server, without credentials'],
  ['AnonymousAccess', { kind: 'Group', name: UNAUTHENTICATED }, 'anyone who can reach the API server, without credentials'],
  ['AuthenticatedAccess', { kind: 'Group', name: AUTHENTICATED }, 'every authenticated user and every ServiceAccount'],
  ['AuthenticatedAccess', { kind: 'Group', name: ALL_SERVICE_ACCOUNTS }, 'every ServiceAccount token, i.e. every pod'],
];

function bindingsOf(index: AtlasIndex, s: SubjectRef): BindingEntry[] {
  return (s.kind === 'Group' ? index.bindingsByGroup.get(s.name) : index.bindingsByUser.get(s.name)) ?? [];
}

function isDefaultGrant(ctx: FindingContext, e: BindingEntry): boolean {
  return e.role !== undefined && e.role.role.kind === 'ClusterRole' && DEFAULT_PUBLIC_ROLES.has(e.role.role.metadata.name) && ctx.isBuiltinRole(e.role);
}

export function publicAccess(ctx: FindingContext, permissions: Map<string, Finding[]>): Draft[] {
  const out: Draft[] = [];
  for (const [kind, subject, who] of TARGETS) {
    const entries = bindingsOf(ctx.index, subject).filter((e) => !isDefaultGrant(ctx, e));
    for (const group of groupByScope(subject, entries)) {
      const granted = findingsThrough(permissions, subject, group.entries);
      const base = baseSeverity(ctx, kind, group.scope);
      const worst = worstOf(granted);
      const severity = worst ? maxSeverity(base, shiftSeverity(worst, 1)) : base;
      const roles = [...new Set(group.entries.map((e) => `${e.binding.roleRef.kind}/${e.binding.roleRef.name}`))];
      const kinds = [...new Set(granted.map((f) => f.ruleId))].sort();
      const notes = worst ? [`grants ${kinds.join(', ')} (worst ${worst}) to ${who}: raised one step above it`] : [];
      const paths = bindingPaths(ctx, group.entries);
      const draft = newFinding(kind, subjectRefKey(subject), group.scope, severity, {
        subject,
        message: `${subjectText(subject)} (${who}) is granted ${roles.join(', ')} ${scopeText(group.scope)} through ${bindingsText(paths)}${kinds.length ? `; this includes ${kinds.join(', ')}` : ''}.`,
        permissions: kinds,
        paths,
        notes,
      });
      draft.finding.baseSeverity = base;
      out.push(draft);
    }
  }
  return out;
}

// Grants to everyone: system:anonymous / system:unauthenticated (no credentials at all) and
// system:authenticated / system:serviceaccounts (every user, every pod's token). The Kubernetes
// defaults (system:discovery, system:basic-user, system:public-info-viewer) are not reported.
import type { AtlasIndex, BindingEntry } from '../query-index';
import { ALL_SERVICE_ACCOUNTS, ANONYMOUS, AUTHENTICATED, UNAUTHENTICATED } from '../subjects';
import type { SubjectRef } from '../types';
import type { DerivedCheck, PermissionFindings, SubjectDraft } from './check';
import { baseSeverity, bindingsText, scopeText, subjectText, type FindingContext } from './context';
import { bindingPaths, findingsThrough, groupByScope, worstOf } from './derived';
import { maxSeverity, shiftSeverity } from './severity';
import type { FindingKind } from './types';

const DEFAULT_PUBLIC_ROLES = new Set(['system:discovery', 'system:basic-user', 'system:public-info-viewer']);

type Target = [subject: SubjectRef, who: string];

const NO_CREDENTIALS = 'anyone who can reach the API server, without credentials';
const ANONYMOUS_TARGETS: Target[] = [
  [{ kind: 'User', name: ANONYMOUS }, NO_CREDENTIALS],
  [{ kind: 'Group', name: UNAUTHENTICATED }, NO_CREDENTIALS],
];
const AUTHENTICATED_TARGETS: Target[] = [
  [{ kind: 'Group', name: AUTHENTICATED }, 'every authenticated user and every ServiceAccount'],
  [{ kind: 'Group', name: ALL_SERVICE_ACCOUNTS }, 'every ServiceAccount token, i.e. every pod'],
];

function bindingsOf(index: AtlasIndex, s: SubjectRef): BindingEntry[] {
  return (s.kind === 'Group' ? index.bindingsByGroup.get(s.name) : index.bindingsByUser.get(s.name)) ?? [];
}

function isDefaultGrant(ctx: FindingContext, e: BindingEntry): boolean {
  return e.role !== undefined && e.role.role.kind === 'ClusterRole' && DEFAULT_PUBLIC_ROLES.has(e.role.role.metadata.name) && ctx.isBuiltinRole(e.role);
}

function publicAccess(kind: FindingKind, targets: readonly Target[], ctx: FindingContext, permissions: PermissionFindings): SubjectDraft[] {
  const out: SubjectDraft[] = [];
  for (const [subject, who] of targets) {
    const entries = bindingsOf(ctx.index, subject).filter((e) => !isDefaultGrant(ctx, e));
    for (const group of groupByScope(subject, entries)) {
      const granted = findingsThrough(permissions, subject, group.entries);
      const base = baseSeverity(ctx, kind, group.scope);
      const worst = worstOf(granted);
      const severity = worst ? maxSeverity(base, shiftSeverity(worst, 1)) : base;
      const roles = [...new Set(group.entries.map((e) => `${e.binding.roleRef.kind}/${e.binding.roleRef.name}`))];
      const kinds = [...new Set(granted.map((f) => f.ruleId))].sort();
      const paths = bindingPaths(ctx, group.entries);
      out.push({
        subject,
        scope: group.scope,
        severity,
        baseSeverity: base,
        message: `${subjectText(subject)} (${who}) is granted ${roles.join(', ')} ${scopeText(group.scope)} through ${bindingsText(paths)}${kinds.length ? `; this includes ${kinds.join(', ')}` : ''}.`,
        permissions: kinds,
        paths,
        notes: worst ? [`grants ${kinds.join(', ')} (worst ${worst}) to ${who}: raised one step above it`] : [],
      });
    }
  }
  return out;
}

export const anonymousAccess: DerivedCheck<SubjectDraft> = {
  type: 'derived',
  run: (ctx, permissions) => publicAccess('AnonymousAccess', ANONYMOUS_TARGETS, ctx, permissions),
};

export const authenticatedAccess: DerivedCheck<SubjectDraft> = {
  type: 'derived',
  run: (ctx, permissions) => publicAccess('AuthenticatedAccess', AUTHENTICATED_TARGETS, ctx, permissions),
};

// what-can: the rules a subject holds, per scope (like `kubectl auth can-i --list`, but for any
// subject and with provenance). --as evaluates a principal (user + groups); --subject reads only the
// bindings that name that subject directly.
import { bindingsForPrincipal } from './can-i';
import { CLUSTER_SCOPE, type AtlasIndex, type BindingEntry } from './query-index';
import { serviceAccountUser } from './subjects';
import type { Grant, Principal, SubjectRef } from './types';
import { compareGrants } from './who-can';
import { compareScopes } from './effective';

export interface WhatCanScope {
  /** "cluster" or a namespace */
  scope: string;
  grants: Grant[];
}

export interface WhatCanAnswer {
  scopes: WhatCanScope[];
  /** bindings that name the subject but grant nothing (missing role) */
  danglingBindings: { binding: Grant['binding']; roleRef: string }[];
}

export type WhatCanTarget = { principal: Principal } | { subject: SubjectRef };

export interface WhatCanOptions {
  /** only the cluster scope and this namespace (like can-i --list -n NS) */
  namespace?: string;
}

export function bindingsForSubject(index: AtlasIndex, subject: SubjectRef): BindingEntry[] {
  switch (subject.kind) {
    case 'Group':
      return index.bindingsByGroup.get(subject.name) ?? [];
    case 'User':
      return index.bindingsByUser.get(subject.name) ?? [];
    case 'ServiceAccount':
      return index.bindingsByUser.get(serviceAccountUser(subject.namespace ?? '', subject.name)) ?? [];
  }
}

export function whatCan(index: AtlasIndex, target: WhatCanTarget, options: WhatCanOptions = {}): WhatCanAnswer {
  const entries = 'principal' in target ? bindingsForPrincipal(index, target.principal) : bindingsForSubject(index, target.subject);
  const byScope = new Map<string, Grant[]>();
  const dangling: WhatCanAnswer['danglingBindings'] = [];
  for (const entry of entries) {
    if (options.namespace !== undefined && entry.scope !== CLUSTER_SCOPE && entry.scope !== options.namespace) continue;
    if (!entry.role) {
      dangling.push({ binding: entry.ref, roleRef: entry.roleKey || `${entry.binding.roleRef.kind}/${entry.binding.roleRef.name}` });
      continue;
    }
    let grants = byScope.get(entry.scope);
    if (!grants) byScope.set(entry.scope, (grants = []));
    for (let i = 0; i < entry.role.rules.length; i++) {
      grants.push({ binding: entry.ref, role: entry.role.ref, rule: entry.role.rules[i]!, ruleIndex: i, scope: entry.scope });
    }
  }
  const scopes = [...byScope.entries()]
    .sort(([a], [b]) => compareScopes(a, b))
    .map(([scope, grants]) => ({ scope, grants: grants.sort(compareGrants) }));
  return { scopes, danglingBindings: dangling };
}

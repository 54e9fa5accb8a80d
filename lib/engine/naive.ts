// A deliberately naive who-can: walks every binding and every rule of its role, exactly in the
// order the upstream authorizer describes, with no index. Used as an oracle in tests and benchmarks
// to cross-check the indexed who-can; keep it independent of who-can.ts.
import { ruleAllows } from './match';
import { reportedSubject, subjectRefKey } from './subjects';
import type { AnyRole, Request, Snapshot } from './types';

export function naiveWhoCan(snapshot: Snapshot, request: Request, options: { allNamespaces?: boolean } = {}): Set<string> {
  const clusterRoles = new Map<string, AnyRole>(snapshot.clusterRoles.map((r) => [r.metadata.name, r]));
  const roles = new Map<string, AnyRole>(snapshot.roles.map((r) => [`${r.metadata.namespace}/${r.metadata.name}`, r]));
  const namespace = request.type === 'resource' ? request.namespace : '';
  const all = options.allNamespaces === true && request.type === 'resource';
  const out = new Set<string>();
  const visit = (bindingNs: string, roleRefKind: string, roleRefName: string, subjects: Snapshot['roleBindings'][number]['subjects']) => {
    let role: AnyRole | undefined;
    if (roleRefKind === 'ClusterRole') role = clusterRoles.get(roleRefName);
    else if (bindingNs !== '') role = roles.get(`${bindingNs}/${roleRefName}`);
    if (!role || !role.rules.some((rule) => ruleAllows(request, rule))) return;
    for (const s of subjects) {
      const ref = reportedSubject(s, bindingNs);
      if (ref) out.add(subjectRefKey(ref));
    }
  };
  for (const b of snapshot.clusterRoleBindings) visit('', b.roleRef.kind, b.roleRef.name, b.subjects);
  if (request.type === 'resource' && (all || namespace !== '')) {
    for (const b of snapshot.roleBindings) {
      if (all || b.metadata.namespace === namespace) visit(b.metadata.namespace, b.roleRef.kind, b.roleRef.name, b.subjects);
    }
  }
  return out;
}

// escalate: writing a role with permissions one does not hold is allowed with escalate on that role
// (name = the role's name, in its namespace; ClusterRoles cluster-wide). To use the new
// permissions the role must be bound to the identity, so two ways are modelled:
//  1. a role already bound to the identity: update or patch it (plus escalate on it) to hold every
//     permission; the identity then holds everything in that binding's scope. ClusterRoles with an
//     aggregationRule are skipped: the controller rewrites their rules.
//  2. a new role: create it (plus escalate on its name), and bind it (create a binding plus bind on
//     that name): everything in the binding's scope (cluster, a namespace, or any namespace).
import { allowances, allowed, allowedScopes, everythingIn, type Gain } from '../actor';
import { ANY_NAMESPACE, type Allowance } from '../allowances';
import { CLUSTER_SCOPE } from '../../query-index';
import { also, draft, type RequestDraft, type Technique, type TechniqueContext } from '../graph';
import type { ProbeId } from '../probes';
import type { ObjectRef } from '../../types';

const NEW_ROLE = '(new role)';

function gainOf(roleRef: ObjectRef, scope: string): Gain {
  return { roleRef, rules: everythingIn(scope), scope, escalated: true };
}

export const escalate: Technique = {
  id: 'escalate',
  probes: ['escalateRoles', 'escalateClusterRoles', 'createRoles', 'createClusterRoles', 'updateRoles', 'patchRoles', 'updateClusterRoles', 'patchClusterRoles', 'createRoleBindings', 'createClusterRoleBindings', 'bindRoles', 'bindClusterRoles'],
  requires: ['escalateRoles', 'escalateClusterRoles'],
  expand(ctx) {
    const { world, actor } = ctx;
    if (allowances(world, actor, 'escalateRoles').length === 0 && allowances(world, actor, 'escalateClusterRoles').length === 0) return;
    boundRoles(ctx);
    newRole(ctx);
  },
};

function boundRoles(ctx: TechniqueContext): void {
  const { world, actor } = ctx;
  for (const entry of actor.entries) {
    const role = entry.role;
    if (!role) continue;
    const r = role.role;
    if (r.kind === 'ClusterRole' && r.aggregationRule) continue;
    const cluster = r.kind === 'ClusterRole';
    const ns = cluster ? '' : r.metadata.namespace!;
    const writeIds: ProbeId[] = cluster ? ['updateClusterRoles', 'patchClusterRoles'] : ['updateRoles', 'patchRoles'];
    const escalateId: ProbeId = cluster ? 'escalateClusterRoles' : 'escalateRoles';
    const e = allowed(world, actor, escalateId, ns, role.ref.name);
    if (!e) continue;
    for (const id of writeIds) {
      const w = allowed(world, actor, id, ns, role.ref.name);
      if (!w) continue;
      const to = ctx.gain(gainOf(role.ref, entry.scope));
      if (to !== undefined) ctx.edge(to, draft('escalate', escalateId, e, ns, role.ref.name, { also: [also(id, w, ns, role.ref.name)], role: role.ref, scope: entry.scope }));
      break;
    }
  }
}

/** A name every probe allows in `ns` ("" = any name, when each grants every name), or undefined. */
function commonName(ctx: TechniqueContext, checks: readonly [ProbeId, string][]): string | undefined {
  const { world, actor } = ctx;
  const candidates = new Set<string>(['']);
  for (const [id] of checks) for (const a of allowances(world, actor, id)) for (const n of a.names ?? []) candidates.add(n);
  for (const name of [...candidates].sort()) {
    if (checks.every(([id, ns]) => allowed(world, actor, id, ns, name))) return name;
  }
  return undefined;
}

/** A namespace for display: ANY_NAMESPACE is shown as "" (the request is made in a namespace of one's choice). */
const shown = (ns: string) => (ns === ANY_NAMESPACE ? '' : ns);

function newRole(ctx: TechniqueContext): void {
  const { world, actor } = ctx;
  /** roleNs: where the role is created ("" for a ClusterRole); bindingNs: where it is bound ("" cluster-wide) */
  const step = (roleKind: 'Role' | 'ClusterRole', roleNs: string, bindingNs: string, scope: string, name: string, createRole: Allowance, createBinding: RequestDraft) => {
    const escalateId: ProbeId = roleKind === 'ClusterRole' ? 'escalateClusterRoles' : 'escalateRoles';
    const bindId: ProbeId = roleKind === 'ClusterRole' ? 'bindClusterRoles' : 'bindRoles';
    const createId: ProbeId = roleKind === 'ClusterRole' ? 'createClusterRoles' : 'createRoles';
    const e = allowed(world, actor, escalateId, roleNs, name)!;
    const b = allowed(world, actor, bindId, bindingNs, name)!;
    const roleRef: ObjectRef = roleKind === 'ClusterRole' ? { kind: 'ClusterRole', name: name || NEW_ROLE } : { kind: 'Role', name: name || NEW_ROLE, ...(roleNs !== ANY_NAMESPACE ? { namespace: roleNs } : {}) };
    const to = ctx.gain(gainOf(roleRef, scope));
    if (to === undefined) return;
    ctx.edge(
      to,
      draft('escalate', escalateId, e, shown(roleNs), name, {
        also: [also(createId, createRole, shown(roleNs)), createBinding, also(bindId, b, shown(bindingNs), name)],
        role: roleRef,
        scope,
      }),
    );
  };

  const createClusterRole = allowed(world, actor, 'createClusterRoles', '');
  // cluster-wide: a ClusterRole and a ClusterRoleBinding
  const crb = allowed(world, actor, 'createClusterRoleBindings', '');
  if (createClusterRole && crb) {
    const name = commonName(ctx, [['escalateClusterRoles', ''], ['bindClusterRoles', '']]);
    if (name !== undefined) step('ClusterRole', '', '', CLUSTER_SCOPE, name, createClusterRole, also('createClusterRoleBindings', crb, ''));
  }
  // in namespaces: a Role there or a ClusterRole, and a RoleBinding there (ANY_NAMESPACE: a cluster-wide grant)
  const rb = allowedScopes(world, actor, 'createRoleBindings');
  const namespaces: string[] = [...(rb.any ? [ANY_NAMESPACE] : []), ...[...rb.namespaces.keys()].sort()];
  for (const ns of namespaces) {
    const createBinding = also('createRoleBindings', ns === ANY_NAMESPACE ? rb.any! : rb.namespaces.get(ns)!, shown(ns));
    const createRole = allowed(world, actor, 'createRoles', ns);
    if (createRole) {
      const name = commonName(ctx, [['escalateRoles', ns], ['bindRoles', ns]]);
      if (name !== undefined) {
        step('Role', ns, ns, ns, name, createRole, createBinding);
        continue;
      }
    }
    if (createClusterRole) {
      const name = commonName(ctx, [['escalateClusterRoles', ''], ['bindClusterRoles', ns]]);
      if (name !== undefined) step('ClusterRole', '', ns, ns, name, createClusterRole, createBinding);
    }
  }
}

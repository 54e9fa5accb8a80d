// bind: writing a binding to a role one does not hold is allowed with bind on that role, checked
// in the namespace of the binding being written (name = the role's name; also for a ClusterRole
// referenced by a RoleBinding). Together with creating a binding (or updating an existing one,
// whose roleRef is fixed but whose subjects are not), the identity then holds that role there.
// Only roles with a permission some technique or sink uses are considered (others add no step),
// and only where they add something the identity lacks.
import { allowances, allowed, allowedScopes, type Gain } from '../actor';
import { ANY_NAMESPACE, appliesIn, clusterWide, wide, type Allowance } from '../allowances';
import { CLUSTER_SCOPE, type BindingEntry, type RoleEntry } from '../../query-index';
import { also, draft, type RequestDraft, type Technique, type TechniqueContext } from '../graph';
import type { ProbeId } from '../probes';
import type { World } from '../world';

function gainOf(role: RoleEntry, scope: string): Gain {
  return { roleRef: role.ref, role, rules: role.rules, scope, escalated: false };
}

function edge(ctx: TechniqueContext, role: RoleEntry, scope: string, bindId: ProbeId, b: Allowance, writer: RequestDraft): void {
  const ns = scope === CLUSTER_SCOPE || scope === ANY_NAMESPACE ? '' : scope;
  const to = ctx.gain(gainOf(role, scope));
  if (to !== undefined) ctx.edge(to, draft('bind', bindId, b, ns, role.ref.name, { also: [writer], role: role.ref, scope }));
}

/** The bindable ClusterRoles a bind allowance names (all of them when it names none). */
function clusterRolesOf(world: World, a: Allowance): RoleEntry[] {
  if (a.names === undefined) return world.bindableClusterRoles;
  return a.names.flatMap((n) => world.bindableClusterRolesByName.get(n) ?? []);
}

export const bind: Technique = {
  id: 'bind',
  probes: ['bindRoles', 'bindClusterRoles', 'createRoleBindings', 'createClusterRoleBindings', 'updateRoleBindings', 'patchRoleBindings', 'updateClusterRoleBindings', 'patchClusterRoleBindings'],
  requires: ['bindRoles', 'bindClusterRoles'],
  expand(ctx) {
    const { world, actor } = ctx;
    const bindClusterRoles = allowances(world, actor, 'bindClusterRoles');
    const bindRoles = allowances(world, actor, 'bindRoles');
    if (bindClusterRoles.length === 0 && bindRoles.length === 0) return;

    // ClusterRoleBindings: bind checked cluster-wide
    const crb = allowed(world, actor, 'createClusterRoleBindings', '');
    if (crb) {
      const writer = also('createClusterRoleBindings', crb, '');
      for (const a of bindClusterRoles) {
        if (!clusterWide(a)) continue;
        for (const role of clusterRolesOf(world, a)) {
          edge(ctx, role, CLUSTER_SCOPE, 'bindClusterRoles', allowed(world, actor, 'bindClusterRoles', '', role.ref.name)!, writer);
        }
      }
    }

    // RoleBindings: in any namespace (creating them is granted cluster-wide), or namespace by namespace
    const rb = allowedScopes(world, actor, 'createRoleBindings');
    const everywhere = new Set<RoleEntry>();
    if (rb.any) {
      const writer = also('createRoleBindings', rb.any, '');
      for (const a of bindClusterRoles) {
        if (!wide(a)) continue;
        for (const role of clusterRolesOf(world, a)) {
          everywhere.add(role);
          edge(ctx, role, ANY_NAMESPACE, 'bindClusterRoles', allowed(world, actor, 'bindClusterRoles', ANY_NAMESPACE, role.ref.name)!, writer);
        }
      }
    }
    const namespaces = new Set(rb.namespaces.keys());
    if (rb.any) for (const a of [...bindClusterRoles, ...bindRoles]) if (!wide(a)) namespaces.add(a.scope);
    for (const ns of [...namespaces].sort()) {
      const writer = also('createRoleBindings', rb.namespaces.get(ns) ?? rb.any!, ns);
      for (const a of bindClusterRoles) {
        if (!appliesIn(a, ns)) continue;
        for (const role of clusterRolesOf(world, a)) {
          if (everywhere.has(role)) continue;
          edge(ctx, role, ns, 'bindClusterRoles', allowed(world, actor, 'bindClusterRoles', ns, role.ref.name)!, writer);
        }
      }
    }

    // Roles live in one namespace: bind them there
    for (const a of bindRoles) {
      const where = wide(a) ? (rb.any ? [...world.bindableRoles.keys()] : [...rb.namespaces.keys()]) : [a.scope];
      for (const ns of where.sort()) {
        const w = rb.namespaces.get(ns) ?? rb.any;
        if (!w) continue;
        for (const role of world.bindableRoles.get(ns) ?? []) {
          if (a.names !== undefined && !a.names.includes(role.ref.name)) continue;
          edge(ctx, role, ns, 'bindRoles', allowed(world, actor, 'bindRoles', ns, role.ref.name)!, also('createRoleBindings', w, ns));
        }
      }
    }

    updateExistingBindings(ctx);
  },
};

/**
 * update or patch an existing binding (add oneself as a subject), with bind on its role: only
 * where a new binding could not be created (that reaches the same role and scope already).
 */
function updateExistingBindings(ctx: TechniqueContext): void {
  const { world, actor } = ctx;
  const crbCreate = allowed(world, actor, 'createClusterRoleBindings', '') !== undefined;
  const rbCreate = allowedScopes(world, actor, 'createRoleBindings');
  const writers: [ProbeId, boolean][] = [
    ['updateClusterRoleBindings', true],
    ['patchClusterRoleBindings', true],
    ['updateRoleBindings', false],
    ['patchRoleBindings', false],
  ];
  for (const [id, cluster] of writers) {
    if (cluster ? crbCreate : rbCreate.any) continue;
    for (const a of allowances(world, actor, id)) {
      // the bindings this grant lets one rewrite, where none can be created
      let candidates: readonly BindingEntry[];
      if (cluster) candidates = world.clusterBindings;
      else if (wide(a)) candidates = [...world.bindingsByNamespace].filter(([ns]) => !rbCreate.namespaces.has(ns)).flatMap(([, list]) => list);
      else candidates = rbCreate.namespaces.has(a.scope) ? [] : (world.bindingsByNamespace.get(a.scope) ?? []);
      for (const entry of candidates) {
        if (a.names !== undefined && !a.names.includes(entry.ref.name)) continue;
        const role = entry.role;
        if (!role || !world.matches.has(role)) continue;
        const ns = cluster ? '' : entry.scope;
        const bindId: ProbeId = role.role.kind === 'ClusterRole' ? 'bindClusterRoles' : 'bindRoles';
        const b = allowed(world, actor, bindId, ns, role.ref.name);
        if (b) edge(ctx, role, entry.scope, bindId, b, also(id, allowed(world, actor, id, ns, entry.ref.name)!, ns, entry.ref.name));
      }
    }
  }
}

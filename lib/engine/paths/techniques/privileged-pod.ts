// privileged-pod: a pod (or a workload's pod template) in a namespace whose PodSecurity enforce
// level is privileged may be privileged, share the host's namespaces and mount its filesystem: root
// on the node it runs on, which spec.nodeName chooses (any node). Also: a namespace can be
// relabelled first (update or patch on that namespace), or a new one created (no label: the
// default level) where cluster-wide pod creation applies. Other admission control (policy engines,
// ValidatingAdmissionPolicy, PodSecurity exemptions and defaults set in the AdmissionConfiguration)
// is not in the snapshot.
import { allowances, allowed, allowedAny } from '../actor';
import { type Allowance, wide as wideAllowance } from '../allowances';
import { also, draft, type Technique } from '../graph';
import type { ProbeId } from '../probes';
import { enforceLevel } from '../world';
import { WORKLOAD_PROBES } from './control-workloads';

const POD_PROBES: readonly ProbeId[] = ['createPods', ...WORKLOAD_PROBES];

export const privilegedPod: Technique = {
  id: 'privileged-pod',
  probes: [...POD_PROBES, 'createNamespaces', 'updateNamespaces', 'patchNamespaces'],
  requires: POD_PROBES,
  expand(ctx) {
    const { world, actor } = ctx;
    const hub = ctx.hub('any-node', '');
    if (ctx.linked(hub)) return;
    // 1. a namespace granted one by one that is privileged already (the first, in probe order)
    let any: { id: ProbeId; a: Allowance } | undefined;
    const restricted: { id: ProbeId; a: Allowance }[] = [];
    const unknown = new Set<string>();
    for (const id of POD_PROBES) {
      for (const a of allowances(world, actor, id)) {
        if (id === 'createPods' && a.names !== undefined) continue; // create is never limited by name
        if (wideAllowance(a)) {
          if (!any || (any.a.names && !a.names)) any = { id, a };
          continue;
        }
        const level = enforceLevel(world, a.scope);
        if (level === 'privileged') {
          ctx.edge(hub, draft('privileged-pod', id, a, a.scope, a.names?.[0] ?? ''));
          return;
        }
        if (level === undefined) unknown.add(a.scope);
        else restricted.push({ id, a });
      }
    }
    // 2. anywhere (a cluster-wide grant): the first privileged namespace by name
    if (any) {
      for (const ns of world.namespaces) {
        if (enforceLevel(world, ns) !== 'privileged') continue;
        ctx.edge(hub, draft('privileged-pod', any.id, any.a, ns, any.a.names?.[0] ?? ''));
        return;
      }
    }
    // 3. relabel a namespace first, or create a new one (no label: the default level)
    if (allowances(world, actor, 'patchNamespaces').length > 0 || allowances(world, actor, 'updateNamespaces').length > 0) {
      const relabel = (c: { id: ProbeId; a: Allowance }, ns: string): boolean => {
        const label = allowedAny(world, actor, ['patchNamespaces', 'updateNamespaces'], '', ns);
        if (label) ctx.edge(hub, draft('privileged-pod', c.id, c.a, ns, c.a.names?.[0] ?? '', { also: [also(label.id, label.allowance, '', ns)] }));
        return label !== undefined;
      };
      for (const c of restricted) if (relabel(c, c.a.scope)) return;
      if (any) for (const ns of world.namespaces) if (enforceLevel(world, ns) !== undefined && relabel(any, ns)) return;
    }
    if (any && !any.a.names) {
      const create = allowed(world, actor, 'createNamespaces', '');
      if (create) {
        ctx.edge(hub, draft('privileged-pod', any.id, any.a, '', '', { also: [also('createNamespaces', create, '')] }));
        return;
      }
    }
    if (any) for (const ns of world.namespaces) if (enforceLevel(world, ns) === undefined) unknown.add(ns);
    for (const ns of unknown) ctx.unknownPodSecurity(ns);
  },
};

// privileged-pod: a pod (or a workload's pod template) in a namespace whose PodSecurity enforce
// level is privileged may be privileged, share the host's namespaces and mount its filesystem: root
// on the node it runs on, which spec.nodeName chooses (any node). Also: a namespace can be
// relabelled first (update or patch on that namespace), or a new one created (no label: the
// default level) where cluster-wide pod creation applies. Other admission control (policy engines,
// ValidatingAdmissionPolicy, PodSecurity exemptions and defaults set in the AdmissionConfiguration)
// is not in the snapshot.
import { allowed, allowedAny, allowedScopes } from '../actor';
import { ANY_NAMESPACE, type Allowance } from '../allowances';
import { also, draft, type StepDraft, type Technique } from '../graph';
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
    // where pods can be made: per namespace, or anywhere (a cluster-wide grant)
    let any: { id: ProbeId; a: Allowance } | undefined;
    const where = new Map<string, { id: ProbeId; a: Allowance }>();
    for (const id of POD_PROBES) {
      const scopes = allowedScopes(world, actor, id, id === 'createPods');
      if (scopes.any && (!any || (any.a.names && !scopes.any.names))) any = { id, a: scopes.any };
      for (const [ns, a] of scopes.namespaces) if (!where.has(ns)) where.set(ns, { id, a });
    }
    if (!any && where.size === 0) return;
    const candidates = any ? world.namespaces : [...where.keys()].sort();
    let relabel: StepDraft | undefined;
    const unknown: string[] = [];
    for (const ns of candidates) {
      const c = where.get(ns) ?? any!;
      const level = enforceLevel(world, ns);
      if (level === 'privileged') {
        ctx.edge(ctx.hub('any-node', ''), draft('privileged-pod', c.id, c.a, ns, c.a.names?.[0] ?? ''));
        return;
      }
      if (level === undefined) {
        unknown.push(ns);
        continue;
      }
      if (!relabel) {
        const label = allowedAny(world, actor, ['patchNamespaces', 'updateNamespaces'], '', ns);
        if (label) relabel = draft('privileged-pod', c.id, c.a, ns, c.a.names?.[0] ?? '', { also: [also(label.id, label.allowance, '', ns)] });
      }
    }
    if (!relabel && any && !any.a.names && (any.a.scope === ANY_NAMESPACE || any.a.scope === 'cluster')) {
      const create = allowed(world, actor, 'createNamespaces', '');
      // a new namespace has no enforce label: the cluster's default level applies
      if (create) relabel = draft('privileged-pod', any.id, any.a, '', '', { also: [also('createNamespaces', create, '')] });
    }
    if (relabel) {
      ctx.edge(ctx.hub('any-node', ''), relabel);
      return;
    }
    for (const ns of unknown) {
      ctx.warn(`namespace "${ns}" has no Namespace object in the snapshot: its PodSecurity enforce level is unknown, so no privileged pod there is assumed`);
    }
  },
};

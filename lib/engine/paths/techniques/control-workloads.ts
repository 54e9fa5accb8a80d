// control-workloads: creating, updating or patching a pod-controlling workload (Deployment,
// ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, ReplicationController) sets its pod template,
// serviceAccountName included: its controller then runs pods as any ServiceAccount of the namespace.
// update/patch limited by resourceNames still rewrite that one object (assumed to exist: the
// snapshot holds no workloads).
import { allowances } from '../actor';
import { type Allowance, wide as wideAllowance } from '../allowances';
import { draft, type Technique } from '../graph';
import { WORKLOADS, type ProbeId } from '../probes';

export const WORKLOAD_PROBES: readonly ProbeId[] = (['create', 'update', 'patch'] as const).flatMap((verb) =>
  WORKLOADS.map((w) => `${verb}:${w.resource}` as ProbeId),
);

export const controlWorkloads: Technique = {
  id: 'control-workloads',
  probes: WORKLOAD_PROBES,
  expand(ctx) {
    const { world, actor } = ctx;
    let any: { id: ProbeId; a: Allowance } | undefined;
    const inNamespace = new Map<string, { id: ProbeId; a: Allowance }>();
    for (const id of WORKLOAD_PROBES) {
      for (const a of allowances(world, actor, id)) {
        // prefer a grant on every name to one on named objects
        if (wideAllowance(a)) {
          if (!any || (any.a.names && !a.names)) any = { id, a };
        } else {
          const found = inNamespace.get(a.scope);
          if (!found || (found.a.names && !a.names)) inNamespace.set(a.scope, { id, a });
        }
      }
    }
    const step = (c: { id: ProbeId; a: Allowance }, ns: string) => {
      const name = c.a.names?.[0] ?? '';
      if (name) ctx.warn(`a path rewrites the ${c.id.split(':')[1]} "${name}", which the snapshot cannot show: it is assumed to exist`);
      return draft('control-workloads', c.id, c.a, ns, name);
    };
    if (any && !any.a.names) {
      const hub = ctx.hub('existing-sas', '*');
      if (!ctx.linked(hub)) ctx.edge(hub, step(any, ''));
      return;
    }
    for (const [ns, c] of [...inNamespace].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
      if (!world.existingServiceAccounts.has(ns)) continue;
      const hub = ctx.hub('existing-sas', ns);
      if (!ctx.linked(hub)) ctx.edge(hub, step(c, ns));
    }
    if (any) ctx.edge(ctx.hub('existing-sas', '*'), step(any, ''));
  },
};

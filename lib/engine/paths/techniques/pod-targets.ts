// Shared by the techniques that run code inside existing pods (update-pods, exec-pods,
// ephemeral-containers): every running pod whose ServiceAccount token is mounted, named by the
// request (so resourceNames limit the pods reached).
import { allowances } from '../actor';
import { type Allowance, wide as wideAllowance } from '../allowances';
import { draft, type TechniqueContext } from '../graph';
import type { ProbeId } from '../probes';
import type { TechniqueId } from '../types';

export function podTokenEdges(ctx: TechniqueContext, technique: TechniqueId, probes: readonly ProbeId[]): void {
  const { world, actor } = ctx;
  let any: { id: ProbeId; a: Allowance } | undefined;
  const inNamespace = new Map<string, { id: ProbeId; a: Allowance }>();
  const named: { id: ProbeId; a: Allowance }[] = [];
  for (const id of probes) {
    for (const a of allowances(world, actor, id)) {
      if (a.names !== undefined) named.push({ id, a });
      else if (wideAllowance(a)) any ??= { id, a };
      else if (!inNamespace.has(a.scope)) inNamespace.set(a.scope, { id, a });
    }
  }
  if (any) ctx.edge(ctx.hub('pod-tokens', '*'), draft(technique, any.id, any.a, '', '', { fillName: true }));
  for (const [ns, { id, a }] of [...inNamespace].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    if (!any && world.podsByNamespace.has(ns)) ctx.edge(ctx.hub('pod-tokens', ns), draft(technique, id, a, ns, '', { fillName: true }));
  }
  // resourceNames: only the pods so named, in the binding's namespace (or any, cluster-wide)
  for (const { id, a } of named) {
    const namespaces = wideAllowance(a) ? [...world.podsByNamespace.keys()] : [a.scope];
    for (const ns of namespaces) {
      for (const pod of world.podsByNamespace.get(ns) ?? []) {
        if (!pod.running || !pod.tokenMounted || !a.names!.includes(pod.name)) continue;
        ctx.edge(ctx.subject(pod.serviceAccount), draft(technique, id, a, ns, pod.name, { pod: { namespace: ns, name: pod.name } }));
      }
    }
  }
}

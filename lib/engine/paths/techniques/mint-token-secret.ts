// mint-token-secret: creating a Secret of type kubernetes.io/service-account-token annotated with a
// ServiceAccount's name makes the control plane fill in a long-lived token for it; reading the
// Secret back (get, list or watch: the creator chooses its name, so a grant limited to names will
// do) is that ServiceAccount. The ServiceAccount must exist.
import { allowances, allowedScopes } from '../actor';
import { appliesIn, type Allowance, wide as wideAllowance } from '../allowances';
import { also, draft, type Technique } from '../graph';
import type { ProbeId } from '../probes';

const READ: readonly ProbeId[] = ['getSecrets', 'listSecrets', 'watchSecrets'];

export const mintTokenSecret: Technique = {
  id: 'mint-token-secret',
  probes: ['createSecrets', ...READ],
  requires: ['createSecrets'],
  expand(ctx) {
    const { world, actor } = ctx;
    if (allowances(world, actor, 'createSecrets').length === 0) return;
    const create = allowedScopes(world, actor, 'createSecrets');
    if (!create.any && create.namespaces.size === 0) return;
    const reads: { id: ProbeId; a: Allowance }[] = READ.flatMap((id) => allowances(world, actor, id).map((a) => ({ id, a })));
    const readIn = (ns: string) => reads.find((r) => appliesIn(r.a, ns));
    const wideRead = reads.find((r) => wideAllowance(r.a));
    if (create.any && wideRead) {
      ctx.edge(ctx.hub('existing-sas', '*'), draft('mint-token-secret', 'createSecrets', create.any, '', '', { also: [also(wideRead.id, wideRead.a, '', wideRead.a.names?.[0] ?? '')] }));
      return;
    }
    const namespaces = new Set<string>(create.namespaces.keys());
    if (create.any) for (const r of reads) if (!wideAllowance(r.a)) namespaces.add(r.a.scope);
    for (const ns of [...namespaces].sort()) {
      const c = create.namespaces.get(ns) ?? create.any!;
      const r = readIn(ns);
      if (!r || !world.existingServiceAccounts.has(ns)) continue;
      ctx.edge(ctx.hub('existing-sas', ns), draft('mint-token-secret', 'createSecrets', c, ns, '', { also: [also(r.id, r.a, ns, r.a.names?.[0] ?? '')] }));
    }
  },
};

// create-pods: whoever may create pods in a namespace may run one as any ServiceAccount of that
// namespace (spec.serviceAccountName is the creator's choice; a pod may mount its token even where
// the ServiceAccount says not to). RBAC never checks a "use" permission on the ServiceAccount.
import { allowedScopes } from '../actor';
import { draft, type Technique } from '../graph';

export const createPods: Technique = {
  id: 'create-pods',
  probes: ['createPods'],
  expand(ctx) {
    const { any, namespaces } = allowedScopes(ctx.world, ctx.actor, 'createPods');
    if (any) {
      ctx.edge(ctx.hub('existing-sas', '*'), draft('create-pods', 'createPods', any, ''));
      return;
    }
    for (const [ns, a] of namespaces) {
      if (ctx.world.existingServiceAccounts.has(ns)) ctx.edge(ctx.hub('existing-sas', ns), draft('create-pods', 'createPods', a, ns));
    }
  },
};

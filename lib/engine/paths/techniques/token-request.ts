// token-request: create on serviceaccounts/token (the TokenRequest API) issues a token for a
// ServiceAccount of the namespace (resourceNames = ServiceAccount names); the ServiceAccount must exist.
import { allowances } from '../actor';
import { wide as wideAllowance } from '../allowances';
import { draft, type Technique } from '../graph';

export const tokenRequest: Technique = {
  id: 'token-request',
  probes: ['createTokens'],
  expand(ctx) {
    const { world } = ctx;
    for (const a of allowances(world, ctx.actor, 'createTokens')) {
      const wide = wideAllowance(a);
      if (a.names === undefined) {
        if (wide) ctx.edge(ctx.hub('existing-sas', '*'), draft('token-request', 'createTokens', a, '', '', { fillName: true }));
        else if (world.existingServiceAccounts.has(a.scope)) ctx.edge(ctx.hub('existing-sas', a.scope), draft('token-request', 'createTokens', a, a.scope, '', { fillName: true }));
        continue;
      }
      for (const [ns, refs] of world.existingServiceAccounts) {
        if (!wide && ns !== a.scope) continue;
        for (const ref of refs) if (a.names.includes(ref.name)) ctx.edge(ctx.subject(ref), draft('token-request', 'createTokens', a, ns, ref.name));
      }
    }
  },
};

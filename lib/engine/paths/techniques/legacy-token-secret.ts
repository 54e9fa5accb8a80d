// legacy-token-secret: a Secret of type kubernetes.io/service-account-token holds a long-lived
// token of the ServiceAccount its kubernetes.io/service-account.name annotation names. Reading it
// (get on its name, or list or watch in its namespace: both return the data, and a metadata.name
// field selector lets resourceNames limit them) is that ServiceAccount. Tokens the control plane
// marked invalid (kubernetes.io/legacy-token-invalid-since) are skipped. Only Secret metadata is
// kept, never the token.
import { allowances } from '../actor';
import { wide as wideAllowance } from '../allowances';
import { draft, type Technique } from '../graph';
import type { ProbeId } from '../probes';

export const legacyTokenSecret: Technique = {
  id: 'legacy-token-secret',
  probes: ['getSecrets', 'listSecrets', 'watchSecrets'],
  applies: (world) => world.tokenSecrets.size > 0,
  expand(ctx) {
    const { world, actor } = ctx;
    if (world.tokenSecrets.size === 0) return;
    for (const id of ['getSecrets', 'listSecrets', 'watchSecrets'] as ProbeId[]) {
      for (const a of allowances(world, actor, id)) {
        const wide = wideAllowance(a);
        if (a.names === undefined) {
          if (wide) ctx.edge(ctx.hub('token-secrets', '*'), draft('legacy-token-secret', id, a, '', '', { fillName: id === 'getSecrets' }));
          else if (world.tokenSecrets.has(a.scope)) ctx.edge(ctx.hub('token-secrets', a.scope), draft('legacy-token-secret', id, a, a.scope, '', { fillName: id === 'getSecrets' }));
          continue;
        }
        for (const [ns, secrets] of world.tokenSecrets) {
          if (!wide && ns !== a.scope) continue;
          for (const s of secrets) {
            if (a.names.includes(s.name)) ctx.edge(ctx.subject(s.serviceAccount), draft('legacy-token-secret', id, a, ns, s.name, { secret: { namespace: ns, name: s.name } }));
          }
        }
      }
    }
  },
};

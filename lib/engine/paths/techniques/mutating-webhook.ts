// mutating-webhook: whoever may create (or rewrite) a MutatingWebhookConfiguration receives every
// pod the API server admits and may change it: its ServiceAccount, its image, its token mount. The
// pods in the snapshot are recreated sooner or later (rollouts, evictions), so their ServiceAccounts
// are reached. update/patch limited by resourceNames rewrite that configuration, assumed to exist.
import { allowances, allowed } from '../actor';
import type { Allowance } from '../allowances';
import { draft, type Technique } from '../graph';
import type { ProbeId } from '../probes';

export const mutatingWebhook: Technique = {
  id: 'mutating-webhook',
  probes: ['createMutatingWebhooks', 'updateMutatingWebhooks', 'patchMutatingWebhooks'],
  applies: (world) => world.pods.length > 0,
  expand(ctx) {
    const { world, actor } = ctx;
    if (world.pods.length === 0) return;
    let found: { id: ProbeId; a: Allowance } | undefined;
    const create = allowed(world, actor, 'createMutatingWebhooks', '');
    if (create) found = { id: 'createMutatingWebhooks', a: create };
    for (const id of ['updateMutatingWebhooks', 'patchMutatingWebhooks'] as const) {
      for (const a of allowances(world, actor, id)) if (!found || (found.a.names && !a.names)) found = { id, a };
    }
    if (!found) return;
    const name = found.a.names?.[0] ?? '';
    if (name) ctx.warn(`a path rewrites the MutatingWebhookConfiguration "${name}", which the snapshot cannot show: it is assumed to exist`);
    ctx.edge(ctx.hub('pod-sas', '*'), draft('mutating-webhook', found.id, found.a, '', name));
  },
};

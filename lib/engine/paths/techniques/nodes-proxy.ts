// nodes-proxy: get or create on nodes/proxy reaches the kubelet API of a node (resourceNames are
// node names), whose exec and run endpoints run commands in any pod on that node: the tokens of the
// running pods there that mount one. get is enough: upstream's RBAC good-practices page warns that
// get on nodes/proxy is not read-only (the kubelet authorizes a websocket exec with it).
import { allowances, allowedAny } from '../actor';
import { draft, type Technique } from '../graph';

export const nodesProxy: Technique = {
  id: 'nodes-proxy',
  probes: ['getNodesProxy', 'createNodesProxy'],
  applies: (world) => world.nodes.length > 0,
  expand(ctx) {
    const { world, actor } = ctx;
    if (allowances(world, actor, 'getNodesProxy').length === 0 && allowances(world, actor, 'createNodesProxy').length === 0) return;
    for (const node of world.nodes) {
      const found = allowedAny(world, actor, ['getNodesProxy', 'createNodesProxy'], '', node);
      if (found) ctx.edge(ctx.hub('node-pod-tokens', node), draft('nodes-proxy', found.id, found.allowance, '', node));
    }
  },
};

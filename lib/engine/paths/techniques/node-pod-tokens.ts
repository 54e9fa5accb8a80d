// node-pod-tokens: root on a node reads the tokens the kubelet mounted for the pods there, and with
// the kubelet's own credentials may request a token for the ServiceAccount of any pod bound to the
// node (the Node authorizer allows exactly that): every ServiceAccount of a pod whose spec.nodeName
// is this node, whether its token is mounted or not.
import type { Technique } from '../graph';

export const nodePodTokens: Technique = {
  id: 'node-pod-tokens',
  probes: [],
  applies: (world) => world.podsByNode.size > 0,
  from: 'node',
  expand(ctx) {
    const node = ctx.state.node!;
    if (!ctx.world.podsByNode.has(node)) return;
    ctx.edge(ctx.hub('node-sas', node), { technique: 'node-pod-tokens', reason: 'root-on-node' });
  },
};

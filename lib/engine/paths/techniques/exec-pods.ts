// exec-pods: create on pods/exec or pods/attach runs commands in (or attaches to) a running pod,
// which reads its mounted ServiceAccount token.
import { podTokenEdges } from './pod-targets';
import type { Technique } from '../graph';

export const execPods: Technique = {
  id: 'exec-pods',
  probes: ['execPods', 'attachPods'],
  expand: (ctx) => podTokenEdges(ctx, 'exec-pods', ['execPods', 'attachPods']),
};

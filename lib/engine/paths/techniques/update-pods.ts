// update-pods: a running pod's serviceAccountName cannot change, but its containers' images can
// (update or patch on pods): the new image runs with the pod's mounted token.
import { podTokenEdges } from './pod-targets';
import type { Technique } from '../graph';

export const updatePods: Technique = {
  id: 'update-pods',
  probes: ['updatePods', 'patchPods'],
  expand: (ctx) => podTokenEdges(ctx, 'update-pods', ['updatePods', 'patchPods']),
};

// ephemeral-containers: update or patch on pods/ephemeralcontainers adds a debug container to a
// running pod; it can mount the pod's token volume.
import { podTokenEdges } from './pod-targets';
import type { Technique } from '../graph';

export const ephemeralContainers: Technique = {
  id: 'ephemeral-containers',
  probes: ['updateEphemeralContainers', 'patchEphemeralContainers'],
  expand: (ctx) => podTokenEdges(ctx, 'ephemeral-containers', ['updateEphemeralContainers', 'patchEphemeralContainers']),
};

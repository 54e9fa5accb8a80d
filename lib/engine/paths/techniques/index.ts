// The techniques, in the order their edges are tried (this order breaks ties between paths of the
// same length): one module each, keyed by technique id so that every id has exactly one.
import type { Technique } from '../graph';
import type { TechniqueId } from '../types';
import { approveCsr } from './approve-csr';
import { bind } from './bind';
import { controlWorkloads } from './control-workloads';
import { createPods } from './create-pods';
import { ephemeralContainers } from './ephemeral-containers';
import { escalate } from './escalate';
import { execPods } from './exec-pods';
import { impersonate } from './impersonate';
import { legacyTokenSecret } from './legacy-token-secret';
import { mintTokenSecret } from './mint-token-secret';
import { mutatingWebhook } from './mutating-webhook';
import { nodePodTokens } from './node-pod-tokens';
import { nodesProxy } from './nodes-proxy';
import { privilegedPod } from './privileged-pod';
import { tokenRequest } from './token-request';
import { updatePods } from './update-pods';

export const TECHNIQUES = {
  'create-pods': createPods,
  'control-workloads': controlWorkloads,
  'token-request': tokenRequest,
  impersonate,
  'exec-pods': execPods,
  'update-pods': updatePods,
  'ephemeral-containers': ephemeralContainers,
  'nodes-proxy': nodesProxy,
  'legacy-token-secret': legacyTokenSecret,
  'mint-token-secret': mintTokenSecret,
  bind,
  escalate,
  'approve-csr': approveCsr,
  'mutating-webhook': mutatingWebhook,
  'privileged-pod': privilegedPod,
  'node-pod-tokens': nodePodTokens,
} as const satisfies Record<TechniqueId, Technique>;

export const TECHNIQUE_ORDER: readonly Technique[] = Object.values(TECHNIQUES);

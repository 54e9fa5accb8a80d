// Privilege-escalation paths: the answer's types. A path goes from a subject to a sink through
// steps; each step is one technique, decided with the authorizer's semantics, and names the grant
// that allows it.
import type { Grant, ObjectRef, ResourceRequest, SubjectRef } from '../types';

export const SINKS = ['cluster-admin', 'node', 'kube-system-secrets'] as const;
export type Sink = (typeof SINKS)[number];
/** The sinks asked for when none is given. */
export const DEFAULT_SINKS: readonly Sink[] = ['cluster-admin', 'node'];

export const SINK_INFO = {
  'cluster-admin': 'may do every verb on every resource cluster-wide, or is in system:masters',
  node: 'root on a node',
  'kube-system-secrets': 'may read every Secret of kube-system (get any name, list or watch)',
} as const satisfies Record<Sink, string>;

export function isSink(s: string): s is Sink {
  return (SINKS as readonly string[]).includes(s);
}

export const TECHNIQUE_IDS = [
  'create-pods',
  'control-workloads',
  'update-pods',
  'exec-pods',
  'ephemeral-containers',
  'nodes-proxy',
  'impersonate',
  'token-request',
  'bind',
  'escalate',
  'approve-csr',
  'mutating-webhook',
  'privileged-pod',
  'node-pod-tokens',
  'legacy-token-secret',
  'mint-token-secret',
] as const;
export type TechniqueId = (typeof TECHNIQUE_IDS)[number];

/** A request a step makes, with the grant that allows it (none for system:masters). */
export interface StepRequest {
  request: ResourceRequest;
  grant?: Grant;
}

/**
 * Why a step needs no RBAC grant: the actor is in system:masters (allowed everything before RBAC),
 * or it is root on a node (it reads the pods' tokens there, or asks for them with the kubelet's
 * credentials, which the Node authorizer allows for the pods bound to that node).
 */
export type StepReason = 'system:masters' | 'root-on-node';

export interface PathStep {
  technique: TechniqueId;
  /** the decisive request and its grant; absent for steps taken as root on a node */
  request?: ResourceRequest;
  grant?: Grant;
  /** the identity the step reaches (for bind and escalate: the same identity, holding more) */
  as?: SubjectRef;
  /** the node the step reaches (root on it) */
  node?: string;
  reason?: StepReason;
  /** the other requests the technique needs */
  also?: StepRequest[];
  /** the pod whose token the step takes */
  pod?: { namespace: string; name: string };
  /** the legacy token Secret the step reads */
  secret?: { namespace: string; name: string };
  /** bind and escalate: the role the identity now holds, and where */
  role?: ObjectRef;
  scope?: string;
}

export interface Path {
  from: SubjectRef;
  to: Sink;
  steps: PathStep[];
}

export interface PathsAnswer {
  paths: Path[];
  warnings: string[];
}

export interface PathsOptions {
  /** start from this subject only (default: every subject named in a binding and every ServiceAccount object) */
  from?: SubjectRef;
  /** start from these subjects, in this order (instead of `from` or the default starts): a namespace's ServiceAccounts, or the findings' subjects and groups */
  starts?: readonly SubjectRef[];
  /** default: DEFAULT_SINKS */
  sinks?: readonly Sink[];
  /** omit paths longer than this many steps */
  maxHops?: number;
}

// Plain-text descriptions of a path's steps, shared by the renderings (lib/format/paths.ts), the
// findings built on paths (lib/engine/findings/paths.ts) and the web's Paths view. Text only: each
// front end cleans or escapes it for its medium.
import { formatResource } from '../request';
import type { ResourceRequest, SubjectRef } from '../types';
import type { PathStep, Sink, TechniqueId } from './types';

export function subjectText(s: SubjectRef): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount ${s.namespace}/${s.name}` : `${s.kind} ${s.name}`;
}

/** kubectl-like: "create pods -n team-a", "impersonate serviceaccounts argocd-application-controller -n argocd". */
export function requestText(r: ResourceRequest): string {
  const where = r.namespace ? ` -n ${r.namespace}` : '';
  return `${r.verb} ${formatResource(r)}${r.name ? ` ${r.name}` : ''}${where}`;
}

function refText(ref: { kind: string; name: string; namespace?: string }): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

/** Where a step leads: an identity, a node, or a role now held. */
export function targetText(s: PathStep): string {
  if (s.role) {
    const who = s.as ? `${subjectText(s.as)} ` : '';
    const where = s.scope === 'cluster' ? 'cluster-wide' : s.scope === '*' ? 'in any namespace' : `in namespace ${s.scope}`;
    return s.technique === 'escalate' ? `${who}holds every permission ${where} (${refText(s.role)} rewritten)` : `${who}holds ${refText(s.role)} ${where}`;
  }
  if (s.node !== undefined) return s.node === '*' ? 'root on a node' : `root on node ${s.node}`;
  return s.as ? subjectText(s.as) : '?';
}

/** "impersonate → ServiceAccount argocd/x → nodes-proxy → ..." ("(holds it)" for no step). */
export function routeText(steps: readonly PathStep[]): string {
  if (steps.length === 0) return '(holds it)';
  return steps.map((s) => `${s.technique} → ${targetText(s)}`).join(' → ');
}

export function stepsText(n: number): string {
  return `${n} step${n === 1 ? '' : 's'}`;
}

/** Each technique in words, for readers who do not know the id: what the actor does at that step. */
export const TECHNIQUE_TEXT = {
  'create-pods': 'creates a pod that runs as a ServiceAccount of the namespace and uses its token',
  'control-workloads': 'creates or changes a workload (Deployment, Job...) whose pods run as a ServiceAccount of the namespace',
  'update-pods': 'swaps the image of a running pod that mounts its token, and uses that token',
  'exec-pods': 'runs a command in a running pod (exec or attach) and reads its mounted token',
  'ephemeral-containers': 'adds a debug container to a running pod and reads its mounted token',
  'nodes-proxy': "runs a command in a pod through the node's kubelet API (nodes/proxy) and reads its mounted token",
  impersonate: 'sends requests as another identity (impersonation headers)',
  'token-request': 'asks the API server for a token of the ServiceAccount (serviceaccounts/token)',
  bind: 'binds a role it may bind to itself',
  escalate: 'rewrites a role bound to it so that it grants everything (escalate)',
  'approve-csr': 'signs a client certificate for any user or group (creates and approves a CertificateSigningRequest)',
  'mutating-webhook': "registers a mutating admission webhook that rewrites any new pod to run as the ServiceAccount it wants",
  'privileged-pod': 'runs a privileged pod (PodSecurity does not stop it there) and is root on the node',
  'node-pod-tokens': 'reads the tokens of the pods scheduled on the node',
  'legacy-token-secret': 'reads a legacy token Secret of the ServiceAccount (a token that never expires)',
  'mint-token-secret': 'creates a token Secret for the ServiceAccount and reads the token the control plane puts in it',
} as const satisfies Record<TechniqueId, string>;

/** The sinks in words (headings and badges). */
export const SINK_TEXT = {
  'cluster-admin': 'cluster-admin',
  node: 'root on a node',
  'kube-system-secrets': "every Secret of kube-system",
} as const satisfies Record<Sink, string>;

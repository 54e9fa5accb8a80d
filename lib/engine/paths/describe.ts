// Plain-text descriptions of a path's steps, shared by the renderings (lib/format/paths.ts), the
// findings built on paths (lib/engine/findings/paths.ts) and the web's Paths view. Text only: each
// front end cleans or escapes it for its medium.
import { formatResource } from '../request';
import type { ResourceRequest, SubjectRef } from '../types';
import type { PathStep } from './types';

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

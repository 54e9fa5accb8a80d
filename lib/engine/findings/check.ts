// The shape of a permission check (one kind = a set of probes plus a few rules about scope, reach
// and severity), and the draft findings the run passes between its phases.
import { subjectRefKey } from '../subjects';
import type { FindingContext } from './context';
import type { Accumulator, Probe } from './probes';
import type { Finding, FindingKind } from './types';

/**
 * How holding the permission lets the subject act as ServiceAccounts, whose rights it then has:
 * - namespace: every ServiceAccount in scope (create pods or controllers, mint tokens)
 * - pods: ServiceAccounts of pods in scope that mount their token (exec, patch pods, kubelet API)
 * - legacy-token: ServiceAccounts in scope that list a legacy token Secret (read Secrets)
 */
export type ReachMode = 'namespace' | 'pods' | 'legacy-token';

export interface SeverityAdjustment {
  steps: number;
  note: string;
  /** the grant does not let the subject act as arbitrary ServiceAccounts (e.g. limited to named roles) */
  noReach?: boolean;
}

export interface PermissionCheck {
  kind: FindingKind;
  /** verb phrase for messages: "can read Secrets" */
  action: string;
  probes(ctx: FindingContext): Probe[];
  /** also report grants limited by resourceNames (with the names) */
  named?: boolean;
  /** does the union of permissions held at one scope qualify? default: any probe */
  qualifies?(permissions: ReadonlySet<string>): boolean;
  /** keep only these scopes (checked after privileged namespaces are known) */
  inScope?(ctx: FindingContext, scope: string): boolean;
  reach?: ReachMode;
  adjust?(ctx: FindingContext, acc: Accumulator): SeverityAdjustment | undefined;
}

/** A finding under construction. */
export interface Draft {
  finding: Finding;
  reach?: ReachMode;
  /** severity steps from the check's adjust(), applied to the base severity */
  steps: number;
}

export const ALL_STAR: Probe['request'] = { type: 'resource', verb: '*', apiGroup: '*', resource: '*', subresource: '', namespace: '', name: '' };

export function findingId(ruleId: string, subjectOrObject: string, scope: string): string {
  return `${ruleId}:${subjectOrObject}@${scope}`;
}

export function subjectKeyOf(acc: Pick<Accumulator, 'subject'>): string {
  return subjectRefKey(acc.subject);
}

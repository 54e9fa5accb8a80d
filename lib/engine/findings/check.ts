// The shape of a check, and of what checks hand to the run. Two sorts:
// - a permission check is a set of probes (authorizer requests) plus a few rules about scope, reach
//   and severity; the run asks who-can, groups the grants per (subject, scope) and writes the finding;
// - a derived check builds its findings itself, from the snapshot and the permission findings.
// checks.ts registers one check per kind in a Record<FindingKind, ...>: a kind without a check, or an
// object kind with a check that returns subject findings, does not compile.
import type { FindingContext } from './context';
import type { Accumulator, Probe } from './probes';
import type { ObjectFindingKind } from './catalog';
import type { Finding, FindingKind, ObjectFinding, Severity, SubjectFinding } from './types';

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
  type: 'permission';
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

/** What the run fills in from the catalogue and the kind a check is registered for. */
type Stamped = 'target' | 'id' | 'kind' | 'ruleId' | 'title' | 'baseSeverity' | 'builtin' | 'notes';

interface DraftDefaults {
  /** default: `severity` */
  baseSeverity?: Severity;
  /** default: every path is built-in (and there is at least one) */
  builtin?: boolean;
  /** default: none */
  notes?: string[];
}

/** A finding as a derived check returns it: id, kind, rule id and title are the run's business. */
export type SubjectDraft = Omit<SubjectFinding, Stamped> & DraftDefaults;
export type ObjectDraft = Omit<ObjectFinding, Stamped> & DraftDefaults;

/** The permission findings (after reach), by subject key (subjectRefKey). */
export type PermissionFindings = ReadonlyMap<string, readonly SubjectFinding[]>;

export interface DerivedCheck<D extends SubjectDraft | ObjectDraft> {
  type: 'derived';
  run(ctx: FindingContext, permissions: PermissionFindings): D[];
}

export type SubjectCheck = PermissionCheck | DerivedCheck<SubjectDraft>;
export type ObjectCheck = DerivedCheck<ObjectDraft>;
export type Check = SubjectCheck | ObjectCheck;

/** The check a kind needs: object kinds (catalogue target "object") build object findings. */
export type CheckFor<K extends FindingKind> = K extends ObjectFindingKind ? ObjectCheck : SubjectCheck;
export type CheckRegistry = { readonly [K in FindingKind]: CheckFor<K> };

/** A finding under construction in the run. */
export interface Draft<F extends Finding = Finding> {
  finding: F;
  reach?: ReachMode;
  /** severity steps from the check's adjust(), applied to the base severity */
  steps: number;
}

export const ALL_STAR: Probe['request'] = { type: 'resource', verb: '*', apiGroup: '*', resource: '*', subresource: '', namespace: '', name: '' };

export function findingId(ruleId: string, subjectOrObject: string, scope: string): string {
  return `${ruleId}:${subjectOrObject}@${scope}`;
}

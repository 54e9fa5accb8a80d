// Over-permission findings: the data model. Pure types, shared by the engine checks, the formats
// (table, JSON, CSV, SARIF, Markdown, HTML), the CLI and the web app.
import type { PathStep, Sink } from '../paths/types';
import type { ObjectRef, Origin, PolicyRule, SubjectRef } from '../types';
import type { FindingKind, ObjectFindingKind, SubjectFindingKind } from './catalog';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type { FindingKind, FindingTarget, ObjectFindingKind, SubjectFindingKind } from './catalog';

export type FindingFamily = 'permission' | 'escalation' | 'identity' | 'workload' | 'hygiene';

/** One way the finding's power is granted: binding -> role -> rule, and which checked permissions that rule covers. */
export interface FindingPath {
  /** absent for rule findings about a role itself (wildcard rules) */
  binding?: ObjectRef;
  /** the role the binding references (it may be missing: dangling bindings) */
  role: ObjectRef;
  rule?: PolicyRule;
  ruleIndex?: number;
  /** "cluster" (ClusterRoleBinding) or the RoleBinding's namespace */
  scope: string;
  /** the checked permissions this rule grants, e.g. "list secrets" */
  permissions: string[];
  /** set when the rule only covers the listed object names */
  resourceNames?: string[];
  builtin: boolean;
  bindingOrigin?: Origin;
  roleOrigin?: Origin;
}

/** A pod running as the finding's ServiceAccount. */
export interface FindingPod {
  namespace: string;
  name: string;
  /** pod setting, else ServiceAccount setting, else true */
  automountServiceAccountToken: boolean;
  owner?: { kind: string; name: string };
  nodeName?: string;
}

/** A ServiceAccount the subject can act as (create pods, exec, mint tokens, read its token secret). */
export interface ReachedServiceAccount {
  namespace: string;
  name: string;
  severity: Severity;
  /** kebab ids of the ServiceAccount's own findings that give it that severity */
  kinds: string[];
}

/** Who a group with implicit members holds: the ServiceAccounts whose tokens carry it. */
export interface GroupMembers {
  /** who the API server puts in the group, e.g. "every ServiceAccount in namespace default" */
  who: string;
  /** every ServiceAccount in the group (in the snapshot, or referenced by a pod), by namespace and name */
  serviceAccounts: { namespace: string; name: string }[];
}

/** What a ServiceAccount's token holds through one group the API server adds to it. */
export interface InheritedGrant {
  group: string;
  /** the strongest of the group's findings */
  severity: Severity;
  /** kebab ids of the group's permission findings */
  kinds: string[];
  /** ids of those findings */
  findings: string[];
}

/** A privilege-escalation path (path-to-cluster-admin, path-to-node): the steps of `rbac-atlas paths`. */
export interface FindingEscalation {
  to: Sink;
  steps: PathStep[];
}

export interface FindingReach {
  /** how the subject reaches service accounts */
  how: string;
  /** number of ServiceAccounts reached (excluding the subject itself) */
  serviceAccounts: number;
  /** the strongest ones, strongest first (at most 3) */
  strongest: ReachedServiceAccount[];
}

/** What every finding has, whatever it is about. */
interface FindingBase {
  /** stable: kind id + subject (or object) + scope; baselines and suppressions rely on it */
  id: string;
  /** kebab-case kind id (SARIF rule id) */
  ruleId: string;
  title: string;
  severity: Severity;
  /** severity from the catalogue (or config) before reach/escalation adjustments */
  baseSeverity: Severity;
  /** Kubernetes' own bootstrap policy (hidden unless asked for) */
  builtin: boolean;
  /** "cluster" or a namespace */
  scope: string;
  /** one sentence, specific to this finding */
  message: string;
  /** the checked permissions held, e.g. ["get secrets", "list secrets"] */
  permissions: string[];
  paths: FindingPath[];
  /** set when every grant is limited to these object names */
  resourceNames?: string[];
  /** why the severity differs from baseSeverity, and other facts worth a line */
  notes: string[];
}

/**
 * A finding about who holds a power: a User, a Group or a ServiceAccount. Discriminated on `target`;
 * each half types the other half's fields as never, so that `f.subject?.name` reads on any Finding
 * and `f.target === 'subject'` narrows to a finding that has its subject.
 */
export interface SubjectFinding extends FindingBase {
  target: 'subject';
  kind: SubjectFindingKind;
  subject: SubjectRef;
  /** ServiceAccount subjects: the pods running as it */
  pods?: FindingPod[];
  /** ServiceAccount subjects: whether any of its pods has the token mounted */
  tokenMounted?: boolean;
  reach?: FindingReach;
  /** groups whose members the API server decides (system:serviceaccounts[:ns], system:authenticated): the ServiceAccounts and pods they reach */
  members?: GroupMembers;
  /** ServiceAccount subjects: what its token also holds through the groups the API server adds */
  inherited?: InheritedGrant[];
  /** path findings: the shortest path to the sink, step by step */
  escalation?: FindingEscalation;
  object?: never;
  objectOrigin?: never;
}

/** A finding about an object as written: a dangling binding, an unused role, a wildcard rule. */
export interface ObjectFinding extends FindingBase {
  target: 'object';
  kind: ObjectFindingKind;
  object: ObjectRef;
  objectOrigin?: Origin;
  // the subject half does not exist here (typed never, so that reading it on a Finding is undefined, not an error)
  subject?: never;
  pods?: never;
  tokenMounted?: never;
  reach?: never;
  members?: never;
  inherited?: never;
  escalation?: never;
}

export type Finding = SubjectFinding | ObjectFinding;

export type SeverityOverride = Severity | { cluster?: Severity; namespace?: Severity };

export interface FindingsOptions {
  /** include findings that come only from Kubernetes' own bootstrap policy (default false) */
  includeBuiltin?: boolean;
  /** per kind (PascalCase kind or kebab id): one severity, or separate cluster / namespace severities */
  severity?: Record<string, SeverityOverride>;
  /** namespaces whose grants count like cluster-wide ones (default ["kube-system"]); namespaces whose
   *  ServiceAccounts hold critical cluster-wide power are added automatically */
  privilegedNamespaces?: string[];
  /** only these kinds (default all) */
  kinds?: FindingKind[];
}

export interface FindingsResult {
  findings: Finding[];
  /** findings left out because they come only from the bootstrap policy */
  hiddenBuiltin: number;
  /** configured plus detected privileged namespaces */
  privilegedNamespaces: string[];
  /** facts about the run, e.g. a kind skipped because the snapshot has no ServiceAccounts */
  notes: string[];
}

// The change in effective permissions between two snapshots (`rbac-atlas diff`). Pure data: the
// subjects part is exactly the JSON document of the CLI contract (DESIGN.md); provenance (which
// bindings grant a gained rule, or granted a lost one) rides alongside for the renderers.
import type { Finding } from '../findings/types';
import type { ObjectRef, SubjectKind } from '../types';

/**
 * Values carved out of a rule, per dimension, where the difference is not a plain RBAC rule ("*"
 * minus something). A request is in the rule when the rule's lists allow it (RBAC semantics) and
 * no `except` list of any dimension matches it (same semantics: "*\/exec", "/api/*" are patterns).
 */
export interface RuleExcept {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/**
 * A rule of a permission change, with RBAC rule semantics: "*" covers values no rule names,
 * `resourceNames` absent = every name (and requests without one). `scope` "cluster": the
 * cluster-wide level (cluster-scoped requests, non-resource URLs, every namespace), as a
 * ClusterRoleBinding grants; a namespace: requests in that namespace, as a RoleBinding grants.
 */
export interface DiffRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
  except?: RuleExcept;
  scope: string;
}

export interface SubjectDelta {
  kind: SubjectKind;
  name: string;
  /** ServiceAccount only, after defaulting */
  namespace?: string;
  gained: DiffRule[];
  lost: DiffRule[];
}

/** The bindings behind each rule of a SubjectDelta, in the same order as its gained and lost lists. */
export interface SubjectProvenance {
  /** bindings in AFTER that grant (part of) the gained rule */
  gained: ObjectRef[][];
  /** bindings in BEFORE that granted (part of) the lost rule */
  lost: ObjectRef[][];
}

export interface AccessDiff {
  /** as who-can orders subjects; rules sorted */
  subjects: SubjectDelta[];
  /** parallel to `subjects` */
  provenance: SubjectProvenance[];
}

export interface FindingsDiff {
  /** findings of AFTER whose id is not among BEFORE's, in scan order */
  added: Finding[];
  /** findings of BEFORE whose id is not among AFTER's, in scan order */
  resolved: Finding[];
}

export interface DiffResult extends AccessDiff {
  findings: FindingsDiff;
}

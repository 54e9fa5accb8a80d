// Access matrix for one namespace: subjects x common resources, each cell the verbs allowed
// (like rakkess, but computed from RBAC objects for every subject at once). A subject's cell counts
// only the bindings that name it directly and apply in the namespace (its RoleBindings there plus
// every ClusterRoleBinding).
import { ruleAllows } from './match';
import { bindingAppliesIn, bindingsByNamespace, type AtlasIndex, type BindingEntry, type RoleEntry } from './query-index';
import type { PolicyRule, ResourceRequest, SubjectRef } from './types';
import { MATRIX_RESOURCES, MATRIX_VERBS, type MatrixResource } from './matrix-resources';
import { compareSubjects } from './who-can';

export { MATRIX_RESOURCES, MATRIX_VERBS, matrixResource, type MatrixResource } from './matrix-resources';

export interface MatrixRow {
  subject: SubjectRef;
  /** resource label -> allowed verbs (only non-empty cells are present) */
  cells: Record<string, string[]>;
}

export interface AccessMatrix {
  namespace: string;
  resources: string[];
  verbs: string[];
  rows: MatrixRow[];
  /** subjects with bindings in the namespace but no allowed cell among these resources */
  omitted: number;
}

export function accessMatrix(
  index: AtlasIndex,
  namespace: string,
  resources: readonly MatrixResource[] = MATRIX_RESOURCES,
  verbs: readonly string[] = MATRIX_VERBS,
): AccessMatrix {
  // Each role's cells are decided once per index (rule by rule, with ruleAllows) and kept; a subject's
  // cells are the union of its roles' cells over the bindings that apply in the namespace. A subject's
  // bindings are its RoleBindings there and every ClusterRoleBinding.
  const cellsOf = roleCells(resources, verbs);
  const width = resources.length * verbs.length;
  const bySubject = new Map<string, { subject: SubjectRef; allowed: Uint8Array }>();
  const { cluster, byNamespace } = bindingsByNamespace(index);
  const add = (entry: BindingEntry) => {
    if (!entry.role || !bindingAppliesIn(entry, namespace)) return;
    const cells = cellsOf(entry.role);
    for (const s of entry.subjects) {
      let found = bySubject.get(s.key);
      if (!found) bySubject.set(s.key, (found = { subject: s.ref, allowed: new Uint8Array(width) }));
      for (let i = 0; i < width; i++) found.allowed[i]! |= cells[i]!;
    }
  };
  for (const entry of cluster) add(entry);
  for (const entry of byNamespace.get(namespace) ?? []) add(entry);
  const rows: MatrixRow[] = [];
  let omitted = 0;
  for (const { subject, allowed } of bySubject.values()) {
    const cells: Record<string, string[]> = {};
    let any = false;
    resources.forEach((r, ri) => {
      const list = verbs.filter((_verb, vi) => allowed[ri * verbs.length + vi] === 1);
      if (list.length > 0) {
        cells[r.label] = list;
        any = true;
      }
    });
    if (!any) omitted++;
    else rows.push({ subject, cells });
  }
  rows.sort((a, b) => compareSubjects(a.subject, b.subject));
  return { namespace, resources: resources.map((r) => r.label), verbs: [...verbs], rows, omitted };
}

/** Kept cells of each role, per (columns, verbs) pair: the default columns are asked for on every drill-down. */
const CELLS = new WeakMap<readonly MatrixResource[], WeakMap<readonly string[], WeakMap<RoleEntry, Uint8Array>>>();

/**
 * A role's cells: 1 where one of its rules allows the verb on the column's resource (a request
 * without a name: rules limited to resourceNames do not count). The namespace plays no part in
 * whether a rule allows a request; the binding's scope decides where it applies.
 */
function roleCells(resources: readonly MatrixResource[], verbs: readonly string[]): (role: RoleEntry) => Uint8Array {
  let byVerbs = CELLS.get(resources);
  if (!byVerbs) CELLS.set(resources, (byVerbs = new WeakMap()));
  let byRole = byVerbs.get(verbs);
  if (!byRole) byVerbs.set(verbs, (byRole = new WeakMap()));
  const memo = byRole;
  return (role) => {
    let cells = memo.get(role);
    if (cells) return cells;
    cells = new Uint8Array(resources.length * verbs.length);
    resources.forEach((r, ri) => {
      verbs.forEach((verb, vi) => {
        const req: ResourceRequest = { type: 'resource', verb, apiGroup: r.apiGroup, resource: r.resource, subresource: r.subresource, namespace: '', name: '' };
        if (role.rules.some((rule: PolicyRule) => ruleAllows(req, rule))) cells![ri * verbs.length + vi] = 1;
      });
    });
    memo.set(role, cells);
    return cells;
  };
}

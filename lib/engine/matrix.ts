// Access matrix for one namespace: subjects x common resources, each cell the verbs allowed
// (like rakkess, but computed from RBAC objects for every subject at once). A subject's cell counts
// only the bindings that name it directly and apply in the namespace (its RoleBindings there plus
// every ClusterRoleBinding).
import { ruleAllows } from './match';
import { bindingAppliesIn, type AtlasIndex, type BindingEntry } from './query-index';
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
  const bySubject = new Map<string, { subject: SubjectRef; rules: PolicyRule[] }>();
  const add = (entry: BindingEntry) => {
    if (!entry.role || !bindingAppliesIn(entry, namespace)) return;
    for (const s of entry.subjects) {
      let found = bySubject.get(s.key);
      if (!found) bySubject.set(s.key, (found = { subject: s.ref, rules: [] }));
      for (const rule of entry.role.rules) found.rules.push(rule);
    }
  };
  for (const entry of index.bindings) {
    if (entry.scope === 'cluster' || entry.namespace === namespace) add(entry);
  }
  const rows: MatrixRow[] = [];
  let omitted = 0;
  for (const { subject, rules } of bySubject.values()) {
    const cells: Record<string, string[]> = {};
    for (const r of resources) {
      const allowed = verbs.filter((verb) => {
        const req: ResourceRequest = { type: 'resource', verb, apiGroup: r.apiGroup, resource: r.resource, subresource: r.subresource, namespace, name: '' };
        return rules.some((rule) => ruleAllows(req, rule));
      });
      if (allowed.length > 0) cells[r.label] = allowed;
    }
    if (Object.keys(cells).length === 0) omitted++;
    else rows.push({ subject, cells });
  }
  rows.sort((a, b) => compareSubjects(a.subject, b.subject));
  return { namespace, resources: resources.map((r) => r.label), verbs: [...verbs], rows, omitted };
}

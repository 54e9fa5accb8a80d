// who-can: every subject that bindings naming it directly allow to make the request, with the
// binding -> role -> rule that grants it (upstream's SubjectLocator.AllowedSubjects, plus provenance).
// Uses the rule index: only rules filed under the request's (apiGroup, resource) keys, including the
// wildcard keys "*" and "*\/<subresource>", are evaluated. The reference it is checked against is
// referenceWhoCan (resolve.ts). Every query works on its own locals: nothing is written to the index.
import { combinedResource, ruleAllows } from './match';
import { sharedGrant, type AtlasIndex, type BindingEntry, type IndexedSubject, type RoleEntry, type RuleTable } from './query-index';
import { MASTERS } from './subjects';
import type { Grant, PolicyRule, Request, SubjectRef } from './types';

export interface WhoCanOptions {
  /** -A: allowed in at least one namespace or cluster-wide; the request's namespace is ignored */
  allNamespaces?: boolean;
}

export type WhoCanSubject = SubjectRef & { grants: Grant[] };

export interface WhoCanAnswer {
  subjects: WhoCanSubject[];
  warnings: string[];
}

/** Rules (by role) that cover the request, ignoring bindings; `all` = Roles of every namespace. */
export function matchingRules(index: AtlasIndex, request: Request, all = true): Map<RoleEntry, number[]> {
  const out = new Map<RoleEntry, number[]>();
  visitMatchingRules(index, request, all, (role, ruleIndex) => {
    const list = out.get(role);
    if (list) list.push(ruleIndex);
    else out.set(role, [ruleIndex]);
  });
  for (const list of out.values()) if (list.length > 1) list.sort((a, b) => a - b);
  return out;
}

/**
 * Calls `found` once for every rule that covers the request (in no particular order).
 * A rule can sit in several of the buckets a request looks up (apiGroups ["", "*"], resources
 * ["pods", "*"]): it is taken from the first of them, in lookup order, that files it.
 */
function visitMatchingRules(index: AtlasIndex, request: Request, all: boolean, found: (role: RoleEntry, ruleIndex: number) => void): void {
  if (request.type === 'nonResource') {
    // a non-resource request has no namespace: only ClusterRoles can apply, unless `all` asks for every role
    for (const ref of index.nonResourceRules) {
      if ((all || ref.role.role.kind === 'ClusterRole') && ruleAllows(request, ref.rule)) found(ref.role, ref.ruleIndex);
    }
    return;
  }
  // ruleAllows once per rule shape: 0 not asked yet, 1 allows, 2 does not
  const allows = new Uint8Array(index.ruleShapes);
  const keys = [combinedResource(request.resource, request.subresource), '*'];
  if (request.subresource) keys.push(`*/${request.subresource}`);
  const groups = request.apiGroup === '*' ? ['*'] : [request.apiGroup, '*'];
  const lookup = (table: RuleTable | undefined) => {
    if (!table) return;
    for (let g = 0; g < groups.length; g++) {
      const byResource = table.get(groups[g]!);
      if (!byResource) continue;
      for (let k = 0; k < keys.length; k++) {
        const first = g === 0 && k === 0;
        const refs = byResource.get(keys[k]!);
        if (!refs) continue;
        for (const ref of refs) {
          const rule = ref.rule;
          let known = allows[ref.shape]!;
          if (known === 0) allows[ref.shape] = known = ruleAllows(request, rule) ? 1 : 2;
          if (known !== 1) continue;
          if (!first && filedEarlier(rule, groups, keys, g, k)) continue;
          found(ref.role, ref.ruleIndex);
        }
      }
    }
  };
  if (all) lookup(index.resourceRules);
  else {
    // Only ClusterRoles and the Roles of the request's namespace can apply.
    lookup(index.clusterResourceRules);
    if (request.namespace !== '') lookup(index.namespaceResourceRules.get(request.namespace));
  }
}

/** Is the rule also filed under a bucket looked up before (group g, key k)? */
function filedEarlier(rule: PolicyRule, groups: string[], keys: string[], g: number, k: number): boolean {
  for (let a = 0; a <= g; a++) {
    if (!rule.apiGroups.includes(groups[a]!)) continue;
    const end = a < g ? keys.length : k;
    for (let b = 0; b < end; b++) if (rule.resources.includes(keys[b]!)) return true;
  }
  return false;
}

export function whoCan(index: AtlasIndex, request: Request, options: WhoCanOptions = {}): WhoCanAnswer {
  const subjects = options.allNamespaces === true && request.type === 'resource' ? allNamespaces(index, request) : oneScope(index, request);
  return { subjects, warnings: answerWarnings(index, subjects) };
}

/**
 * A request in one namespace, cluster-scoped or non-resource: the bindings that apply there (the
 * role's ClusterRoleBindings, and its RoleBindings in the namespace) are few; sort them.
 */
function oneScope(index: AtlasIndex, request: Request): WhoCanSubject[] {
  const namespace = request.type === 'resource' ? request.namespace : '';
  const reached: { entry: BindingEntry; rules: readonly number[] }[] = [];
  for (const [role, rules] of matchingRules(index, request, false)) {
    for (const entry of role.bound.cluster) reached.push({ entry, rules });
    // Non-resource and cluster-scoped requests: only ClusterRoleBindings can grant them.
    if (namespace === '') continue;
    const list = role.bound.byNamespace.get(namespace);
    if (list) for (const entry of list) reached.push({ entry, rules });
  }
  reached.sort((a, b) => a.entry.order - b.entry.order);
  // Visiting the bindings in canonical order makes each subject's grants come out sorted.
  const bySubject = new Map<IndexedSubject, Grant[]>();
  for (const { entry, rules } of reached) {
    for (const subject of entry.subjects) {
      let grants = bySubject.get(subject);
      if (!grants) bySubject.set(subject, (grants = []));
      for (const i of rules) grants.push(sharedGrant(index, entry.order, i));
    }
  }
  return [...bySubject].sort(([a], [b]) => a.rank - b.rank).map(([s, grants]) => answerSubject(s.ref, grants));
}

/**
 * -A: every binding whose role covers the request, in every namespace: thousands of bindings and
 * subjects, so the walk goes over the index's flat arrays in canonical order (bindings by order,
 * subjects by rank) instead of sorting.
 */
const MORE = -2;

function allNamespaces(index: AtlasIndex, request: Request): WhoCanSubject[] {
  const { roleList, bindingsByOrder, roleIdByOrder, ranksStart, ranksFlat, subjectsByRank } = index;
  // 1. The rules of every role that cover the request, by role id: most roles have one, its index in
  // `rule`; -1 none; MORE: several, sorted in `moreRules`.
  const rule = new Int32Array(roleList.length).fill(-1);
  const moreRules = new Map<number, number[]>();
  visitMatchingRules(index, request, true, (role, ruleIndex) => {
    const first = rule[role.id]!;
    if (first === -1) rule[role.id] = ruleIndex;
    else if (first === MORE) moreRules.get(role.id)!.push(ruleIndex);
    else {
      moreRules.set(role.id, [first, ruleIndex]);
      rule[role.id] = MORE;
    }
  });
  for (const list of moreRules.values()) list.sort((a, b) => a - b);

  // 2. Every binding of those roles, in canonical order, hands its grants to its subjects. Two passes:
  // find the subjects that get any (counts), then push each binding's grants to them in order.
  const counts = new Uint32Array(subjectsByRank.length);
  for (let order = 0; order < bindingsByOrder.length; order++) {
    const roleId = roleIdByOrder[order]!;
    if (roleId < 0) continue;
    const first = rule[roleId]!;
    if (first === -1) continue;
    const n = first === MORE ? moreRules.get(roleId)!.length : 1;
    for (let r = ranksStart[order]!, to = ranksStart[order + 1]!; r < to; r++) {
      const rank = ranksFlat[r]!;
      counts[rank] = counts[rank]! + n;
    }
  }
  // Each subject with rows gets its answer position (subjects in rank order) and an array its rows are
  // pushed to (literals grow faster than new Array(n) is made; one flat array of every row, cut into
  // slices, was a large-object allocation at 5,000 namespaces).
  const slot = new Int32Array(counts.length);
  const lists: Grant[][] = [];
  const refs: SubjectRef[] = [];
  for (let rank = 0; rank < counts.length; rank++) {
    const n = counts[rank]!;
    if (n === 0) continue;
    slot[rank] = lists.length;
    lists.push([]);
    refs.push(subjectsByRank[rank]!.ref);
  }
  for (let order = 0; order < bindingsByOrder.length; order++) {
    const roleId = roleIdByOrder[order]!;
    if (roleId < 0) continue;
    const first = rule[roleId]!;
    if (first === -1) continue;
    const from = ranksStart[order]!;
    const to = ranksStart[order + 1]!;
    if (from === to) continue;
    if (first !== MORE) put(lists, slot, ranksFlat, from, to, sharedGrant(index, order, first));
    else for (const i of moreRules.get(roleId)!) put(lists, slot, ranksFlat, from, to, sharedGrant(index, order, i));
  }
  const subjects: WhoCanSubject[] = new Array<WhoCanSubject>(lists.length);
  for (let k = 0; k < lists.length; k++) subjects[k] = answerSubject(refs[k]!, lists[k]!);
  return subjects;
}

/** Appends `grant` to the rows of each subject of the binding (ranksFlat[from..to)). */
function put(lists: Grant[][], slot: Int32Array, ranksFlat: Uint32Array, from: number, to: number, grant: Grant): void {
  for (let r = from; r < to; r++) lists[slot[ranksFlat[r]!]!]!.push(grant);
}

function answerSubject(ref: SubjectRef, grants: Grant[]): WhoCanSubject {
  const { kind, name, namespace } = ref;
  // built field by field (same key order as the ref): faster than a spread over refs of two shapes
  return namespace === undefined ? { kind, name, grants } : { kind, name, namespace, grants };
}

export function answerWarnings(index: AtlasIndex, subjects: readonly SubjectRef[]): string[] {
  const warnings: string[] = [];
  if (index.snapshot.meta.partial) {
    warnings.push('the data source could not read every object (partial data): the answer may be incomplete');
  }
  if (!subjects.some((s) => s.kind === 'Group' && s.name === MASTERS)) {
    warnings.push(`members of group ${MASTERS} are allowed every request by the API server before RBAC is consulted`);
  }
  return warnings;
}

const KIND_ORDER: Record<string, number> = { User: 0, Group: 1, ServiceAccount: 2 };

export function compareSubjects(a: SubjectRef, b: SubjectRef): number {
  return (
    (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) ||
    cmp(a.namespace ?? '', b.namespace ?? '') ||
    cmp(a.name, b.name)
  );
}

export function compareGrants(a: Grant, b: Grant): number {
  return (
    (a.scope === 'cluster' ? 0 : 1) - (b.scope === 'cluster' ? 0 : 1) ||
    cmp(a.scope, b.scope) ||
    cmp(a.binding.kind, b.binding.kind) ||
    cmp(a.binding.name, b.binding.name) ||
    a.ruleIndex - b.ruleIndex
  );
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

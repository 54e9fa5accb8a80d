// who-can: every subject that bindings naming it directly allow to make the request, with the
// binding -> role -> rule that grants it (upstream's SubjectLocator.AllowedSubjects, plus provenance).
// Uses the rule index: only rules filed under the request's (apiGroup, resource) keys, including the
// wildcard keys "*" and "*\/<subresource>", are evaluated.
import { combinedResource, ruleAllows } from './match';
import { bindingGrant, ensureOrder, type AtlasIndex, type BindingEntry, type IndexedSubject, type RoleEntry, type RuleRef, type RuleTable } from './query-index';
import { MASTERS } from './subjects';
import type { Grant, Request, SubjectRef } from './types';

export interface WhoCanOptions {
  /** -A: allowed in at least one namespace or cluster-wide; the request's namespace is ignored */
  allNamespaces?: boolean;
}

export type WhoCanSubject = SubjectRef & { grants: Grant[] };

export interface WhoCanAnswer {
  subjects: WhoCanSubject[];
  warnings: string[];
}

let epoch = 0;

/** Rules (by role) that cover the request, ignoring bindings; `all` = Roles of every namespace. */
export function matchingRules(index: AtlasIndex, request: Request, all = true): Map<RoleEntry, number[]> {
  const out = new Map<RoleEntry, number[]>();
  // A rule can sit in several buckets ("" and "*" groups, several resource keys): an epoch stamp on
  // each RuleRef makes sure it is evaluated once per query without a Set.
  const stamp = ++epoch;
  const take = (refs: readonly RuleRef[] | undefined) => {
    if (!refs) return;
    for (const ref of refs) {
      if (ref.seen === stamp) continue;
      ref.seen = stamp;
      if (!ruleAllows(request, ref.role.rules[ref.ruleIndex]!)) continue;
      const list = out.get(ref.role);
      if (list) list.push(ref.ruleIndex);
      else out.set(ref.role, [ref.ruleIndex]);
    }
  };
  if (request.type === 'nonResource') {
    take(index.nonResourceRules);
  } else {
    const keys = [combinedResource(request.resource, request.subresource), '*'];
    if (request.subresource) keys.push(`*/${request.subresource}`);
    const groups = request.apiGroup === '*' ? ['*'] : [request.apiGroup, '*'];
    const lookup = (table: RuleTable | undefined) => {
      if (!table) return;
      for (const group of groups) {
        const byResource = table.get(group);
        if (byResource) for (const key of keys) take(byResource.get(key));
      }
    };
    if (all) lookup(index.resourceRules);
    else {
      // Only ClusterRoles and the Roles of the request's namespace can apply.
      lookup(index.clusterResourceRules);
      if (request.namespace !== '') lookup(index.namespaceResourceRules.get(request.namespace));
    }
  }
  for (const list of out.values()) if (list.length > 1) list.sort((a, b) => a - b);
  return out;
}

/** Subjects found so far, in a slot per subject rank; grants with their canonical sort keys. */
interface Collected {
  subject: IndexedSubject;
  grants: Grant[];
  keys: number[];
  sorted: boolean;
}

const RULE_SPAN = 2 ** 20; // sort key = binding rank * RULE_SPAN + rule index

export function whoCan(index: AtlasIndex, request: Request, options: WhoCanOptions = {}): WhoCanAnswer {
  const all = options.allNamespaces === true && request.type === 'resource';
  ensureOrder(index);
  const slots: (Collected | undefined)[] = new Array(index.subjects.size);
  const found: Collected[] = [];
  const visit = (entry: BindingEntry, ruleIndexes: number[]) => {
    const base = entry.order * RULE_SPAN;
    for (const subject of entry.subjects) {
      let c = slots[subject.rank];
      if (!c) {
        c = { subject, grants: [], keys: [], sorted: true };
        slots[subject.rank] = c;
        found.push(c);
      }
      for (const i of ruleIndexes) {
        const key = base + i;
        if (c.sorted && c.keys.length > 0 && c.keys[c.keys.length - 1]! > key) c.sorted = false;
        c.keys.push(key);
        c.grants.push(bindingGrant(entry, i));
      }
    }
  };
  for (const [role, ruleIndexes] of matchingRules(index, request, all)) {
    const byRole = index.bindingsByRole.get(role.key);
    if (!byRole) continue;
    for (const entry of byRole.cluster) visit(entry, ruleIndexes);
    // Non-resource and cluster-scoped requests: only ClusterRoleBindings can grant them.
    if (request.type === 'nonResource') continue;
    if (all) {
      for (const list of byRole.byNamespace.values()) for (const entry of list) visit(entry, ruleIndexes);
    } else if (request.namespace !== '') {
      const list = byRole.byNamespace.get(request.namespace);
      if (list) for (const entry of list) visit(entry, ruleIndexes);
    }
  }
  found.sort((a, b) => a.subject.rank - b.subject.rank);
  const subjects: WhoCanSubject[] = found.map((c) => ({ ...c.subject.ref, grants: c.sorted ? c.grants : sortByKeys(c) }));
  return { subjects, warnings: answerWarnings(index, subjects) };
}

function sortByKeys(c: Collected): Grant[] {
  const order = c.keys.map((_, i) => i).sort((a, b) => c.keys[a]! - c.keys[b]!);
  return order.map((i) => c.grants[i]!);
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

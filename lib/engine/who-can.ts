// who-can: every subject that bindings naming it directly allow to make the request, with the
// binding -> role -> rule that grants it (upstream's SubjectLocator.AllowedSubjects, plus provenance).
// Uses the rule index: only rules filed under the request's (apiGroup, resource) keys, including the
// wildcard keys "*" and "*\/<subresource>", are evaluated.
import { combinedResource, ruleAllows } from './match';
import { bindingGrant, bindingOf, ensureOrder, type AtlasIndex, type BindingEntry, type IndexedSubject, type RoleEntry, type RuleRef, type RuleTable } from './query-index';
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

/** Subjects found so far; grants in the order found, `last` = sort key of the last one. */
interface Collected {
  subject: IndexedSubject;
  grants: Grant[];
  last: number;
  sorted: boolean;
}

const RULE_SPAN = 2 ** 20; // sort key = binding rank * RULE_SPAN + rule index

/**
 * Scratch space per index, reused by every query: which subjects a query has found (stamped with
 * the query's number) and where. Saves allocating and scanning an array of every subject per query.
 */
interface Scratch {
  stamp: Uint32Array;
  slot: Uint32Array;
  query: number;
}
const scratchByIndex = new WeakMap<AtlasIndex, Scratch>();

function scratchFor(index: AtlasIndex): Scratch {
  let s = scratchByIndex.get(index);
  if (!s || s.stamp.length < index.subjects.size) {
    s = { stamp: new Uint32Array(index.subjects.size), slot: new Uint32Array(index.subjects.size), query: 0 };
    scratchByIndex.set(index, s);
  }
  if (++s.query === 0xffffffff) {
    s.stamp.fill(0);
    s.query = 1;
  }
  return s;
}

/** The RoleBindings of every namespace that reference a role, flattened once per index (for -A). */
const namespacedByRole = new WeakMap<object, BindingEntry[]>();
function allNamespaced(byRole: { byNamespace: Map<string, BindingEntry[]> }): BindingEntry[] {
  let list = namespacedByRole.get(byRole);
  if (!list) {
    list = [];
    for (const l of byRole.byNamespace.values()) for (const e of l) list.push(e);
    namespacedByRole.set(byRole, list);
  }
  return list;
}

export function whoCan(index: AtlasIndex, request: Request, options: WhoCanOptions = {}): WhoCanAnswer {
  const all = options.allNamespaces === true && request.type === 'resource';
  ensureOrder(index);
  const scratch = scratchFor(index);
  const { stamp, slot, query } = scratch;
  const found: Collected[] = [];
  const visit = (entry: BindingEntry, ruleIndexes: number[]) => {
    const base = entry.order * RULE_SPAN;
    for (const subject of entry.subjects) {
      let c: Collected;
      if (stamp[subject.rank] === query) c = found[slot[subject.rank]!]!;
      else {
        c = { subject, grants: [], last: -1, sorted: true };
        stamp[subject.rank] = query;
        slot[subject.rank] = found.length;
        found.push(c);
      }
      for (const i of ruleIndexes) {
        const key = base + i;
        if (key < c.last) c.sorted = false;
        c.last = key;
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
      for (const entry of allNamespaced(byRole)) visit(entry, ruleIndexes);
    } else if (request.namespace !== '') {
      const list = byRole.byNamespace.get(request.namespace);
      if (list) for (const entry of list) visit(entry, ruleIndexes);
    }
  }
  found.sort((a, b) => a.subject.rank - b.subject.rank);
  const subjects: WhoCanSubject[] = found.map((c) => ({ ...c.subject.ref, grants: c.sorted ? c.grants : sortByKeys(c.grants) }));
  return { subjects, warnings: answerWarnings(index, subjects) };
}

function sortByKeys(grants: Grant[]): Grant[] {
  const key = (g: Grant) => bindingOf(g).order * RULE_SPAN + g.ruleIndex;
  return grants.map((g) => ({ g, k: key(g) })).sort((a, b) => a.k - b.k).map((x) => x.g);
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

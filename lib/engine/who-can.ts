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

/** A subject found so far, with its grants in canonical order. */
interface Collected {
  subject: IndexedSubject;
  grants: Grant[];
}

/**
 * Scratch space per index, reused by every query (queries run one at a time: the engine is
 * synchronous): which subjects and bindings a query has reached, stamped with the query's number,
 * and where; and the last Grant handed out per binding (most queries match one rule per binding), in
 * flat arrays by binding order. Saves allocating arrays of every subject or binding per query, and
 * keeps the hot loop on memory it reads front to back.
 */
interface Scratch {
  subjectStamp: Uint32Array;
  subjectSlot: Uint32Array;
  bindingStamp: Uint32Array;
  rulesByOrder: (number[] | undefined)[];
  lastGrant: (Grant | undefined)[];
  lastGrantRule: Int32Array;
  query: number;
}
const scratchByIndex = new WeakMap<AtlasIndex, Scratch>();

function scratchFor(index: AtlasIndex): Scratch {
  let s = scratchByIndex.get(index);
  if (!s) {
    const subjects = index.subjects.size;
    const bindings = index.bindings.length;
    s = {
      subjectStamp: new Uint32Array(subjects),
      subjectSlot: new Uint32Array(subjects),
      bindingStamp: new Uint32Array(bindings),
      rulesByOrder: new Array<number[] | undefined>(bindings).fill(undefined),
      lastGrant: new Array<Grant | undefined>(bindings).fill(undefined),
      lastGrantRule: new Int32Array(bindings).fill(-1),
      query: 0,
    };
    scratchByIndex.set(index, s);
  }
  if (++s.query === 0xffffffff) {
    s.subjectStamp.fill(0);
    s.bindingStamp.fill(0);
    s.query = 1;
  }
  return s;
}

/** The orders of the RoleBindings of every namespace that reference a role, once per index (for -A). */
const namespacedByRole = new WeakMap<object, Uint32Array>();
function allNamespacedOrders(byRole: { byNamespace: Map<string, BindingEntry[]> }): Uint32Array {
  let orders = namespacedByRole.get(byRole);
  if (!orders) {
    const list: number[] = [];
    for (const l of byRole.byNamespace.values()) for (const e of l) list.push(e.order);
    orders = Uint32Array.from(list);
    namespacedByRole.set(byRole, orders);
  }
  return orders;
}

export function whoCan(index: AtlasIndex, request: Request, options: WhoCanOptions = {}): WhoCanAnswer {
  const all = options.allNamespaces === true && request.type === 'resource';
  ensureOrder(index);
  const { subjectStamp, subjectSlot, bindingStamp, rulesByOrder, lastGrant, lastGrantRule, query } = scratchFor(index);

  // 1. The bindings that grant the request (by order), each with the rules of its role that cover it.
  const orders: number[] = [];
  const reach = (order: number, ruleIndexes: number[]) => {
    // a binding has one role, so it is reached at most once per query
    bindingStamp[order] = query;
    rulesByOrder[order] = ruleIndexes;
    orders.push(order);
  };
  for (const [role, ruleIndexes] of matchingRules(index, request, all)) {
    const byRole = index.bindingsByRole.get(role.key);
    if (!byRole) continue;
    for (const entry of byRole.cluster) reach(entry.order, ruleIndexes);
    // Non-resource and cluster-scoped requests: only ClusterRoleBindings can grant them.
    if (request.type === 'nonResource') continue;
    if (all) {
      for (const order of allNamespacedOrders(byRole)) reach(order, ruleIndexes);
    } else if (request.namespace !== '') {
      const list = byRole.byNamespace.get(request.namespace);
      if (list) for (const entry of list) reach(entry.order, ruleIndexes);
    }
  }

  // 2. Their subjects, visiting the bindings in canonical order so that each subject's grants come
  // out sorted (binding rank, then rule index). Many bindings: one pass over the stamps; few: a sort.
  const found: Collected[] = [];
  const { subjectsByRank, bindingsByOrder, ranksStart, ranksFlat } = index;
  const visit = (order: number) => {
    const ruleIndexes = rulesByOrder[order]!;
    rulesByOrder[order] = undefined;
    const from = ranksStart[order]!;
    const to = ranksStart[order + 1]!;
    if (from === to) return;
    let single: Grant | undefined;
    if (ruleIndexes.length === 1) {
      const i = ruleIndexes[0]!;
      if (lastGrantRule[order] === i) single = lastGrant[order];
      else {
        single = bindingGrant(bindingsByOrder[order]!, i);
        lastGrant[order] = single;
        lastGrantRule[order] = i;
      }
    }
    for (let r = from; r < to; r++) {
      const rank = ranksFlat[r]!;
      let c: Collected;
      if (subjectStamp[rank] === query) c = found[subjectSlot[rank]!]!;
      else {
        c = { subject: subjectsByRank[rank]!, grants: [] };
        subjectStamp[rank] = query;
        subjectSlot[rank] = found.length;
        found.push(c);
      }
      if (single) c.grants.push(single);
      else for (const i of ruleIndexes) c.grants.push(bindingGrant(bindingsByOrder[order]!, i));
    }
  };
  if (orders.length * 32 > bindingStamp.length) {
    for (let o = 0; o < bindingStamp.length; o++) if (bindingStamp[o] === query) visit(o);
  } else {
    orders.sort((a, b) => a - b);
    for (const o of orders) visit(o);
  }

  found.sort((a, b) => a.subject.rank - b.subject.rank);
  const subjects: WhoCanSubject[] = found.map((c) => {
    const { kind, name, namespace } = c.subject.ref;
    // built field by field (same key order as the ref): faster than a spread over refs of two shapes
    return namespace === undefined ? { kind, name, grants: c.grants } : { kind, name, namespace, grants: c.grants };
  });
  return { subjects, warnings: answerWarnings(index, subjects) };
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

// One dimension of an RBAC rule (verbs, apiGroups, resources, resourceNames, nonResourceURLs) cut into
// the few classes of values that the rules at hand can tell apart, so that unions and differences of
// rules become exact set operations on bit masks.
//
// The values a rule lists are of three sorts, as the authorizer's matchers (match.ts) read them:
//   - "*": every value, including those no rule names (custom verbs, CRDs, future resources);
//   - a pattern: "*\/<subresource>" (every resource with that subresource) or a URL ending in "*"
//     (every path with that prefix);
//   - an exact value.
// The values arrange into a tree: the root ("*"), the patterns (a URL prefix under the longest
// shorter prefix it extends), the exact values under the most specific pattern that matches them.
// Each node owns one class: the values it matches that none of its children matches (for the root:
// the values no rule names). A listed value stands for the classes of its subtree. Two requests in
// the same class are allowed by exactly the same rules, so nothing is lost by counting classes.
//
// resourceNames: an empty list means every name, including requests without a name (list, create),
// so the root class holds "no name" and every name not listed; "*" in resourceNames is a literal name.
import { NON_RESOURCE_ALL, RESOURCE_ALL, VERB_ALL } from '../match';

export type DimensionKind = 'verbs' | 'apiGroups' | 'resources' | 'resourceNames' | 'nonResourceURLs';

/** What a rule lists in one dimension. */
export interface ValueSet {
  /** every value ("*"; for resourceNames: an empty list); `values` is then empty */
  all: boolean;
  /** listed values */
  values: string[];
  /** values carved out of `values` (see DiffRule.except); empty when the set is exactly `values` */
  except: string[];
}

interface Node {
  /** "*" for the root; the pattern or exact value otherwise */
  value: string;
  id: number;
  parent: number;
  children: number[];
  /** the classes of this node's subtree */
  mask: bigint;
}

const ROOT = 0;

/** The classes of one dimension, for the values of a fixed set of rules. */
export class Partition {
  private readonly nodes: Node[] = [];
  private readonly byValue = new Map<string, number>();

  constructor(
    readonly kind: DimensionKind,
    values: Iterable<string>,
  ) {
    this.nodes.push({ value: ALL, id: ROOT, parent: -1, children: [], mask: 0n });
    const patterns: string[] = [];
    const exacts: string[] = [];
    const distinct = new Set<string>();
    for (const v of values) distinct.add(this.canonical(v));
    for (const v of distinct) {
      if (this.isAll(v)) continue;
      (this.patternKey(v) !== undefined ? patterns : exacts).push(v);
    }
    // Patterns first, shortest first, so that a URL prefix finds the prefixes it extends already placed.
    patterns.sort((a, b) => a.length - b.length || cmp(a, b));
    exacts.sort(cmp);
    for (const v of [...patterns, ...exacts]) {
      const id = this.nodes.length;
      const parent = this.parentOf(v);
      this.nodes.push({ value: v, id, parent, children: [], mask: 0n });
      this.nodes[parent]!.children.push(id);
      this.byValue.set(v, id);
    }
    // Children were added in increasing id order: a reverse sweep sees every child before its parent.
    for (let i = this.nodes.length - 1; i >= 0; i--) {
      const node = this.nodes[i]!;
      node.mask |= 1n << BigInt(i);
      if (node.parent >= 0) this.nodes[node.parent]!.mask |= node.mask;
    }
  }

  /** Every class of the dimension. */
  get all(): bigint {
    return this.nodes[ROOT]!.mask;
  }

  /** The classes a rule's list covers (an empty resourceNames list: all of them). */
  maskOf(values: readonly string[]): bigint {
    if (this.kind === 'resourceNames' && values.length === 0) return this.all;
    let mask = 0n;
    for (const raw of values) {
      const v = this.canonical(raw);
      if (this.isAll(v)) return this.all;
      const id = this.byValue.get(v);
      if (id === undefined) throw new Error(`value ${JSON.stringify(v)} is not in the ${this.kind} partition`);
      mask |= this.nodes[id]!.mask;
    }
    return mask;
  }

  /**
   * A set of classes as RBAC lists: one or more value sets whose union is exactly the set. A set that
   * a plain list can express gives one ValueSet with no `except`; "*" (or a pattern) minus something
   * gives the carved-out values in `except`, and what lies inside a carved-out pattern but is in the
   * set again comes as further ValueSets. The root ("*") never shares a ValueSet with other values.
   */
  toValueSets(mask: bigint): ValueSet[] {
    const plain: string[] = [];
    const carved: ValueSet[] = [];
    const walk = (id: number, open: ValueSet | undefined) => {
      const node = this.nodes[id]!;
      // nothing of the subtree in the set and nothing open, or all of it inside an open set: done
      if (open ? (node.mask & ~mask) === 0n : (node.mask & mask) === 0n) return;
      const included = (mask >> BigInt(id)) & 1n;
      let current = open;
      if (included && !open) {
        current = id === ROOT ? { all: true, values: [], except: [] } : { all: false, values: [node.value], except: [] };
        carved.push(current);
      } else if (!included && open) {
        open.except.push(node.value);
        current = undefined;
      }
      for (const child of node.children) walk(child, current);
    };
    walk(ROOT, undefined);
    const out: ValueSet[] = [];
    for (const set of carved) {
      if (set.all || set.except.length > 0) out.push({ ...set, except: set.except.sort(cmp) });
      else plain.push(...set.values);
    }
    if (plain.length) out.unshift({ all: false, values: plain.sort(cmp), except: [] });
    return out;
  }

  /** URL patterns with several trailing stars are the same pattern: "/api**" is "/api*". */
  private canonical(v: string): string {
    return this.kind === 'nonResourceURLs' && v.endsWith('**') ? `${trimRightStars(v)}*` : v;
  }

  private isAll(v: string): boolean {
    switch (this.kind) {
      case 'verbs':
        return v === VERB_ALL;
      case 'apiGroups':
      case 'resources':
        return v === RESOURCE_ALL;
      case 'nonResourceURLs':
        // "*" matches everything; so does "**" (prefix ""), as NonResourceURLMatches trims the stars.
        return v === NON_RESOURCE_ALL;
      case 'resourceNames':
        return false; // "*" is a literal object name
    }
  }

  /** For a pattern: what it matches on ("*\/sub" -> "sub"; "/api/*" -> "/api/"); undefined for exact values. */
  private patternKey(v: string): string | undefined {
    if (this.kind === 'resources') return v.startsWith('*/') ? v.slice(2) : undefined;
    if (this.kind === 'nonResourceURLs') return v.endsWith('*') ? trimRightStars(v) : undefined;
    return undefined;
  }

  /** The most specific pattern already placed that matches value v (root if none). */
  private parentOf(v: string): number {
    if (this.kind === 'resources') {
      if (v.startsWith('*/')) return ROOT;
      // an exact "pods/exec" is a request for resource "pods", subresource "exec": "*\/exec" covers it
      const slash = v.indexOf('/');
      const sub = slash >= 0 ? v.slice(slash + 1) : '';
      return sub ? (this.byValue.get(`*/${sub}`) ?? ROOT) : ROOT;
    }
    if (this.kind === 'nonResourceURLs') {
      // the longest prefix pattern already placed (so: shorter, or v is exact) whose prefix v starts with
      let best = ROOT;
      let bestLength = -1;
      for (const [value, id] of this.byValue) {
        const prefix = this.patternKey(value);
        if (prefix === undefined) continue;
        if (v.startsWith(prefix) && prefix.length > bestLength) {
          best = id;
          bestLength = prefix.length;
        }
      }
      return best;
    }
    return ROOT;
  }
}

const ALL = '*';

function trimRightStars(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 42 /* '*' */) end--;
  return s.slice(0, end);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

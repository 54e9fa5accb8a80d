// The change in what each subject may do between two snapshots, through the bindings that name it
// (as who-can reports subjects: ServiceAccount namespaces defaulted, a User subject named
// system:serviceaccount:<ns>:<name> counted as that ServiceAccount), after aggregation.
//
// A subject's permissions have two levels. C, the cluster-wide level: the rules of its
// ClusterRoleBindings, which cover cluster-scoped requests, non-resource URLs and every namespace.
// N(ns), per namespace: the resource rules of its RoleBindings in ns, which cover requests in ns
// only. What it may do in ns is C ∪ N(ns). Between BEFORE (B) and AFTER (A):
//   gained at "cluster" = C_A − C_B                      lost at "cluster" = C_B − C_A
//   gained at ns        = N_A(ns) − (C_A ∪ C_B ∪ N_B(ns))  lost at ns = N_B(ns) − (C_A ∪ C_B ∪ N_A(ns))
// so that, in every namespace, what was gained is exactly the "cluster" gain plus the namespace gain,
// except where the namespace already held part of the cluster gain through a RoleBinding (a
// "cluster" line speaks of the cluster-wide level; docs/diff.md). Cluster-scoped requests, URLs and
// namespaces that no RoleBinding of the subject mentions are exact.
//
// Unchanged subjects are recognised without set algebra: each role's rules are reduced to a
// canonical content id, and a level whose set of content ids is the same on both sides cannot have
// changed. Only the other levels are computed exactly (partition.ts, cubes.ts).
import type { AtlasIndex, BindingEntry, IndexedSubject, RoleEntry } from '../query-index';
import { CLUSTER_SCOPE, isClusterBinding } from '../query-index';
import type { ObjectRef, PolicyRule, SubjectRef } from '../types';
import { compareSubjects } from '../who-can';
import { compactCubes, differenceOf, intersects, type Cube } from './cubes';
import { Partition, type ValueSet } from './partition';
import type { AccessDiff, DiffRule, RuleExcept, SubjectDelta, SubjectProvenance } from './types';

/** Role contents shared by both sides: equal rule sets (order and duplicates aside) get one id. */
interface Content {
  id: number;
  rules: PolicyRule[];
  /** canonical key of each rule (same order) */
  keys: string[];
}

class Contents {
  private readonly byKey = new Map<string, Content>();
  private readonly byEntry = new Map<RoleEntry, Content>();
  /** aggregated ClusterRoles share their rule objects with the roles they aggregate: key each once */
  private readonly ruleKeys = new Map<PolicyRule, string>();

  of(entry: RoleEntry): Content {
    let content = this.byEntry.get(entry);
    if (content) return content;
    const rulesByKey = new Map<string, PolicyRule>();
    for (const rule of entry.rules) {
      let key = this.ruleKeys.get(rule);
      if (key === undefined) this.ruleKeys.set(rule, (key = canonicalRuleKey(rule)));
      if (!rulesByKey.has(key)) rulesByKey.set(key, rule);
    }
    const keys = [...rulesByKey.keys()].sort();
    const contentKey = keys.join('\n');
    content = this.byKey.get(contentKey);
    if (!content) {
      content = { id: this.byKey.size, rules: keys.map((k) => rulesByKey.get(k)!), keys };
      this.byKey.set(contentKey, content);
    }
    this.byEntry.set(entry, content);
    return content;
  }
}

function canonicalRuleKey(rule: PolicyRule): string {
  const sorted = (list: string[]) => (list.length < 2 ? list : [...new Set(list)].sort());
  return JSON.stringify([sorted(rule.verbs), sorted(rule.apiGroups), sorted(rule.resources), sorted(rule.resourceNames), sorted(rule.nonResourceURLs)]);
}

/** The bindings of one level of a subject, and the distinct contents of their roles. */
interface Level {
  ids: number[];
  bindings: { entry: BindingEntry; content: Content }[];
}

interface Side {
  cluster: Level;
  namespaces: Map<string, Level>;
}

function sideOf(contents: Contents, entries: readonly BindingEntry[]): Side {
  const side: Side = { cluster: { ids: [], bindings: [] }, namespaces: new Map() };
  for (const entry of entries) {
    if (!entry.role) continue; // a missing role grants nothing
    const content = contents.of(entry.role);
    let level: Level;
    // by the binding's kind: a RoleBinding in a namespace named "cluster" is that namespace's
    if (isClusterBinding(entry)) level = side.cluster;
    else {
      let l = side.namespaces.get(entry.namespace);
      if (!l) side.namespaces.set(entry.namespace, (l = { ids: [], bindings: [] }));
      level = l;
    }
    level.bindings.push({ entry, content });
    if (!level.ids.includes(content.id)) level.ids.push(content.id);
  }
  side.cluster.ids.sort((a, b) => a - b);
  for (const level of side.namespaces.values()) level.ids.sort((a, b) => a - b);
  return side;
}

const EMPTY_LEVEL: Level = { ids: [], bindings: [] };

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function bindingsFor(index: AtlasIndex, lookup: string): readonly BindingEntry[] {
  // index.subjects is keyed by the user name a subject matches, or NUL + group name
  if (lookup.startsWith('\u0000')) return index.bindingsByGroup.get(lookup.slice(1)) ?? [];
  return index.bindingsByUser.get(lookup) ?? [];
}

/** The permission change of every subject whose permissions changed, as who-can orders subjects. */
export function diffAccess(before: AtlasIndex, after: AtlasIndex): AccessDiff {
  const contents = new Contents();
  const lookups = new Map<string, IndexedSubject>();
  for (const [lookup, s] of before.subjects) lookups.set(lookup, s);
  for (const [lookup, s] of after.subjects) if (!lookups.has(lookup)) lookups.set(lookup, s);

  const found: { subject: SubjectRef; delta: SubjectDelta; provenance: SubjectProvenance }[] = [];
  for (const [lookup, indexed] of lookups) {
    const b = sideOf(contents, bindingsFor(before, lookup));
    const a = sideOf(contents, bindingsFor(after, lookup));
    const clusterChanged = !sameIds(a.cluster.ids, b.cluster.ids);
    const namespaces = new Set<string>();
    for (const [ns, level] of a.namespaces) if (!sameIds(level.ids, b.namespaces.get(ns)?.ids ?? [])) namespaces.add(ns);
    for (const [ns, level] of b.namespaces) if (!a.namespaces.has(ns) && level.ids.length) namespaces.add(ns);
    if (!clusterChanged && namespaces.size === 0) continue;
    const change = exactChange(b, a, clusterChanged, [...namespaces].sort());
    if (change.rules.gained.length === 0 && change.rules.lost.length === 0) continue;
    const ref = indexed.ref;
    const delta: SubjectDelta =
      ref.namespace === undefined
        ? { kind: ref.kind, name: ref.name, gained: change.rules.gained, lost: change.rules.lost }
        : { kind: ref.kind, name: ref.name, namespace: ref.namespace, gained: change.rules.gained, lost: change.rules.lost };
    found.push({ subject: ref, delta, provenance: change.provenance });
  }
  found.sort((x, y) => compareSubjects(x.subject, y.subject));
  return { subjects: found.map((f) => f.delta), provenance: found.map((f) => f.provenance) };
}

// ---------------------------------------------------------------------------------------------
// Exact computation for one subject

const RESOURCE_DIMS = ['verbs', 'apiGroups', 'resources', 'resourceNames'] as const;
const URL_DIMS = ['verbs', 'nonResourceURLs'] as const;

interface Cubes {
  resource: Cube[];
  url: Cube[];
}

class SubjectSpace {
  readonly verbs: Partition;
  readonly apiGroups: Partition;
  readonly resources: Partition;
  readonly resourceNames: Partition;
  readonly nonResourceURLs: Partition;
  private readonly cubes = new Map<number, Cubes>();
  private readonly byRule = new Map<string, Cubes>();

  constructor(contents: Iterable<Content>) {
    const values = { verbs: [] as string[], apiGroups: [] as string[], resources: [] as string[], resourceNames: [] as string[], nonResourceURLs: [] as string[] };
    for (const c of contents) {
      for (const r of c.rules) {
        for (const v of r.verbs) values.verbs.push(v);
        for (const v of r.apiGroups) values.apiGroups.push(v);
        for (const v of r.resources) values.resources.push(v);
        for (const v of r.resourceNames) values.resourceNames.push(v);
        for (const v of r.nonResourceURLs) values.nonResourceURLs.push(v);
      }
    }
    this.verbs = new Partition('verbs', values.verbs);
    this.apiGroups = new Partition('apiGroups', values.apiGroups);
    this.resources = new Partition('resources', values.resources);
    this.resourceNames = new Partition('resourceNames', values.resourceNames);
    this.nonResourceURLs = new Partition('nonResourceURLs', values.nonResourceURLs);
  }

  /** The cubes of one rule: its resource part and its non-resource part (either may be absent). */
  private ruleCubes(key: string, r: PolicyRule): Cubes {
    let cubes = this.byRule.get(key);
    if (cubes) return cubes;
    cubes = { resource: [], url: [] };
    if (r.verbs.length > 0) {
      const verbs = this.verbs.maskOf(r.verbs);
      if (r.apiGroups.length > 0 && r.resources.length > 0) {
        cubes.resource.push([verbs, this.apiGroups.maskOf(r.apiGroups), this.resources.maskOf(r.resources), this.resourceNames.maskOf(r.resourceNames)]);
      }
      if (r.nonResourceURLs.length > 0) cubes.url.push([verbs, this.nonResourceURLs.maskOf(r.nonResourceURLs)]);
    }
    this.byRule.set(key, cubes);
    return cubes;
  }

  /** The cubes of a role's rules. */
  cubesOf(content: Content): Cubes {
    let cubes = this.cubes.get(content.id);
    if (cubes) return cubes;
    cubes = { resource: [], url: [] };
    content.rules.forEach((r, i) => {
      const c = this.ruleCubes(content.keys[i]!, r);
      cubes!.resource.push(...c.resource);
      cubes!.url.push(...c.url);
    });
    this.cubes.set(content.id, cubes);
    return cubes;
  }

  /**
   * (∪ positive levels) − (∪ negative levels), in one part of the request space. A positive rule
   * that a negative level holds word for word is dropped before any set algebra (the common case:
   * the same role on both sides with one rule more).
   */
  difference(positive: readonly Level[], negative: readonly Level[], part: keyof Cubes): Cube[] {
    const negativeKeys = new Set<string>();
    const negativeCubes: Cube[] = [];
    for (const level of negative) {
      for (const { content } of level.bindings) {
        content.keys.forEach((key, i) => {
          if (negativeKeys.has(key)) return;
          negativeKeys.add(key);
          for (const c of this.ruleCubes(key, content.rules[i]!)[part]) negativeCubes.push(c);
        });
      }
    }
    const positiveKeys = new Set<string>();
    const positiveCubes: Cube[] = [];
    for (const level of positive) {
      for (const { content } of level.bindings) {
        content.keys.forEach((key, i) => {
          if (negativeKeys.has(key) || positiveKeys.has(key)) return;
          positiveKeys.add(key);
          for (const c of this.ruleCubes(key, content.rules[i]!)[part]) positiveCubes.push(c);
        });
      }
    }
    return positiveCubes.length ? differenceOf(positiveCubes, negativeCubes) : [];
  }

  /** Cubes as DiffRules: one rule per combination of the value sets each dimension needs. */
  rulesOf(cube: Cube, part: keyof Cubes, scope: string): DiffRule[] {
    const dims = part === 'resource' ? RESOURCE_DIMS : URL_DIMS;
    const sets = dims.map((dim, d) => this[dim].toValueSets(cube[d]!));
    const out: DiffRule[] = [];
    const combine = (d: number, chosen: ValueSet[]) => {
      if (d === dims.length) {
        out.push(toRule(dims, chosen, scope));
        return;
      }
      for (const set of sets[d]!) combine(d + 1, [...chosen, set]);
    };
    combine(0, []);
    return out;
  }
}

function toRule(dims: readonly (keyof RuleExcept)[], sets: ValueSet[], scope: string): DiffRule {
  const rule: DiffRule = { verbs: [], apiGroups: [], resources: [], scope };
  const except: RuleExcept = {};
  dims.forEach((dim, d) => {
    const set = sets[d]!;
    const values = set.all ? (dim === 'resourceNames' ? [] : ['*']) : set.values;
    if (dim === 'resourceNames') {
      if (values.length) rule.resourceNames = values;
    } else if (dim === 'nonResourceURLs') rule.nonResourceURLs = values;
    else rule[dim] = values;
    if (set.except.length) except[dim] = set.except;
  });
  // key order of the JSON document: verbs, apiGroups, resources, resourceNames, nonResourceURLs, except, scope
  return {
    verbs: rule.verbs,
    apiGroups: rule.apiGroups,
    resources: rule.resources,
    ...(rule.resourceNames ? { resourceNames: rule.resourceNames } : {}),
    ...(rule.nonResourceURLs ? { nonResourceURLs: rule.nonResourceURLs } : {}),
    ...(Object.keys(except).length ? { except } : {}),
    scope,
  };
}

interface RuleWithVia {
  rule: DiffRule;
  via: ObjectRef[];
}

function exactChange(b: Side, a: Side, clusterChanged: boolean, namespaces: string[]) {
  const involved = new Map<number, Content>();
  const addLevel = (level: Level) => level.bindings.forEach(({ content }) => involved.set(content.id, content));
  for (const side of [a, b]) {
    addLevel(side.cluster);
    for (const ns of namespaces) addLevel(side.namespaces.get(ns) ?? EMPTY_LEVEL);
  }
  const space = new SubjectSpace(involved.values());
  const gained: RuleWithVia[] = [];
  const lost: RuleWithVia[] = [];

  const emit = (out: RuleWithVia[], cubes: Cube[], part: keyof Cubes, scope: string, from: Level) => {
    for (const cube of compactCubes(cubes)) {
      const via: ObjectRef[] = [];
      for (const { entry, content } of from.bindings) {
        if (space.cubesOf(content)[part].some((c) => intersects(c, cube))) via.push(entry.ref);
      }
      for (const rule of space.rulesOf(cube, part, scope)) out.push({ rule, via });
    }
  };

  if (clusterChanged) {
    for (const part of ['resource', 'url'] as const) {
      emit(gained, space.difference([a.cluster], [b.cluster], part), part, CLUSTER_SCOPE, a.cluster);
      emit(lost, space.difference([b.cluster], [a.cluster], part), part, CLUSTER_SCOPE, b.cluster);
    }
  }
  // (when the cluster level did not change, C_B is C_A: subtracting C_A alone is the same)
  const clusterBoth = clusterChanged ? [a.cluster, b.cluster] : [a.cluster];
  for (const ns of namespaces) {
    const na = a.namespaces.get(ns) ?? EMPTY_LEVEL;
    const nb = b.namespaces.get(ns) ?? EMPTY_LEVEL;
    emit(gained, space.difference([na], [...clusterBoth, nb], 'resource'), 'resource', ns, na);
    emit(lost, space.difference([nb], [...clusterBoth, na], 'resource'), 'resource', ns, nb);
  }
  gained.sort(compareRulesWithVia);
  lost.sort(compareRulesWithVia);
  return {
    rules: { gained: gained.map((g) => g.rule), lost: lost.map((l) => l.rule) },
    provenance: { gained: gained.map((g) => g.via), lost: lost.map((l) => l.via) },
  };
}

function ruleSortKey(r: DiffRule): string {
  return JSON.stringify([r.nonResourceURLs ? 1 : 0, r.apiGroups, r.resources, r.nonResourceURLs ?? [], r.resourceNames ?? [], r.verbs, r.except ?? {}]);
}

/** Cluster-wide first, then namespaces by name; within a scope resource rules, then URLs, by content. */
export function compareDiffRules(x: DiffRule, y: DiffRule): number {
  const scope = (x.scope === CLUSTER_SCOPE ? 0 : 1) - (y.scope === CLUSTER_SCOPE ? 0 : 1) || cmp(x.scope, y.scope);
  return scope || cmp(ruleSortKey(x), ruleSortKey(y));
}

function compareRulesWithVia(x: RuleWithVia, y: RuleWithVia): number {
  return compareDiffRules(x.rule, y.rule);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Allowances: for each probe, which subjects may make that request, where (the binding scope) and
// for which names, with the binding -> role -> rule that grants it. Built once per index from the
// rule index (the same (apiGroup, resource) buckets who-can reads) and decided rule by rule with
// ruleAllows, so the answers are the authorizer's: resourceNames, subresources, API groups,
// RoleBinding scope and aggregated ClusterRoles included.
import { ruleAllows } from '../match';
import { CLUSTER_SCOPE, grantOf as bindingGrant, isClusterBinding, type AtlasIndex, type BindingEntry, type RoleEntry, type RuleRef } from '../query-index';
import type { Grant, PolicyRule } from '../types';
import { PROBE_IDS, PROBES, probeRequest, type Probe, type ProbeId } from './probes';

/** Scope of an allowance gained through RoleBindings the path creates: any namespace, not cluster-scoped requests. */
export const ANY_NAMESPACE = '*';

const GAINED_RANK = 2 ** 40;

export interface Allowance {
  /** "cluster", a namespace, or ANY_NAMESPACE */
  scope: string;
  /** the names the rule is limited to; undefined = every name */
  names: readonly string[] | undefined;
  /** the binding and the rule of its role behind it (see grantOf) */
  entry: BindingEntry | undefined;
  ruleIndex: number;
  /** the grant of a role held through a binding the path creates (no entry) */
  gained: Grant | undefined;
  /** canonical order: binding order, then rule index */
  rank: number;
}

/** The grant behind an allowance; undefined for system:masters (allowed before RBAC). */
export function grantOf(a: Allowance): Grant | undefined {
  return a.entry ? bindingGrant(a.entry, a.ruleIndex) : a.gained;
}

// ---------------------------------------------------------------------------------------------
// Probe masks: which probes a role (or an identity) has any allowance for, as bits, so that an
// identity that may do nothing a technique asks about is passed over without building anything.

/** One bit per probe, 31 to a word (bitwise operators work on 32-bit integers). */
export type ProbeMask = readonly number[];

const WORDS = Math.ceil(PROBE_IDS.length / 31);
const BIT = new Map<ProbeId, { word: number; bit: number }>(PROBE_IDS.map((id, i) => [id, { word: Math.floor(i / 31), bit: 1 << i % 31 }]));

export const EMPTY_MASK: ProbeMask = new Array<number>(WORDS).fill(0);
export const FULL_MASK: ProbeMask = maskOf(PROBE_IDS);
/** the probes of cluster-scoped requests: only ClusterRoleBindings grant them */
export const CLUSTER_SCOPED_MASK: ProbeMask = maskOf(PROBE_IDS.filter((id) => PROBES[id].clusterScoped));

export function maskOf(ids: Iterable<ProbeId>): ProbeMask {
  const m = new Array<number>(WORDS).fill(0);
  for (const id of ids) {
    const b = BIT.get(id)!;
    m[b.word]! |= b.bit;
  }
  return m;
}

export function hasProbe(m: ProbeMask, id: ProbeId): boolean {
  const b = BIT.get(id)!;
  return (m[b.word]! & b.bit) !== 0;
}

export function intersects(a: ProbeMask, b: ProbeMask): boolean {
  for (let w = 0; w < WORDS; w++) if ((a[w]! & b[w]!) !== 0) return true;
  return false;
}

export function union(a: ProbeMask, b: ProbeMask): ProbeMask {
  return a.map((x, w) => x | b[w]!);
}

/** The part of a mask a RoleBinding can give (no cluster-scoped probe). */
export function namespacedPart(m: ProbeMask): ProbeMask {
  return m.map((x, w) => x & ~CLUSTER_SCOPED_MASK[w]!);
}

/**
 * Is the allowance cluster-wide (a ClusterRoleBinding's, one the path creates cluster-wide, or
 * system:masters)? Decided by the binding's kind, not by `scope === CLUSTER_SCOPE`: a namespace may
 * be named "cluster", and a RoleBinding there allows nothing elsewhere.
 */
export function clusterWide(a: Allowance): boolean {
  return a.entry ? isClusterBinding(a.entry) : a.scope === CLUSTER_SCOPE;
}

/** Cluster-wide, or in any namespace (RoleBindings the path may create in every namespace). */
export function wide(a: Allowance): boolean {
  return clusterWide(a) || (a.entry === undefined && a.scope === ANY_NAMESPACE);
}

/** Does the allowance apply to a request in `namespace` ("" = cluster-scoped)? As bindingAppliesIn. */
export function appliesIn(a: Allowance, namespace: string): boolean {
  if (clusterWide(a)) return true;
  return namespace !== '' && (a.scope === namespace || (a.entry === undefined && a.scope === ANY_NAMESPACE));
}

/** Does it cover a request about `name`? A rule with resourceNames never covers a request without a name. */
export function coversName(a: Allowance, name: string): boolean {
  return a.names === undefined || (name !== '' && a.names.includes(name));
}

/**
 * The names a rule allows the probe for: undefined = every name (the rule allows the request
 * without a name), a list = only those, null = the rule does not allow the probe at all.
 */
export function ruleNames(probe: Probe, rule: PolicyRule): readonly string[] | undefined | null {
  if (ruleAllows(probeRequest(probe, ''), rule)) return undefined;
  if (!probe.named || rule.resourceNames.length === 0) return null;
  const names = rule.resourceNames.filter((n) => n !== '' && ruleAllows(probeRequest(probe, '', n), rule));
  return names.length > 0 ? names : null;
}

/** Rules filed under the probe's (apiGroup, resource) keys, wildcards included, each once. */
function candidateRules(index: AtlasIndex, probe: Probe): RuleRef[] {
  const combined = probe.subresource ? `${probe.resource}/${probe.subresource}` : probe.resource;
  const keys = [combined, '*'];
  if (probe.subresource) keys.push(`*/${probe.subresource}`);
  const groups = probe.apiGroup === '*' ? ['*'] : [probe.apiGroup, '*'];
  const out = new Set<RuleRef>();
  for (const group of groups) {
    const byResource = index.resourceRules.get(group);
    if (!byResource) continue;
    for (const key of keys) for (const ref of byResource.get(key) ?? []) out.add(ref);
  }
  return [...out];
}

export interface RuleMatch {
  ruleIndex: number;
  names: readonly string[] | undefined;
}

/** For every role with a rule that allows some probe: the matching rules, per probe. */
export type RoleMatches = Map<RoleEntry, Map<ProbeId, RuleMatch[]>>;

/** Visits only the rules filed under each probe's keys (the rule index), so the cost follows the matches. */
export function buildRoleMatches(index: AtlasIndex): RoleMatches {
  const out: RoleMatches = new Map();
  for (const id of PROBE_IDS) {
    const probe = PROBES[id];
    for (const ref of candidateRules(index, probe)) {
      const names = ruleNames(probe, ref.role.rules[ref.ruleIndex]!);
      if (names === null) continue;
      let byProbe = out.get(ref.role);
      if (!byProbe) out.set(ref.role, (byProbe = new Map()));
      const list = byProbe.get(id);
      if (list) list.push({ ruleIndex: ref.ruleIndex, names });
      else byProbe.set(id, [{ ruleIndex: ref.ruleIndex, names }]);
    }
  }
  for (const byProbe of out.values()) for (const list of byProbe.values()) list.sort((a, b) => a.ruleIndex - b.ruleIndex);
  return out;
}

export function roleMasksOf(matches: RoleMatches): Map<RoleEntry, ProbeMask> {
  const out = new Map<RoleEntry, ProbeMask>();
  for (const [role, byProbe] of matches) out.set(role, maskOf(byProbe.keys()));
  return out;
}


/** The probes an identity's bindings give it (a RoleBinding never gives a cluster-scoped one). */
export function entriesMask(entries: readonly BindingEntry[], roleMasks: ReadonlyMap<RoleEntry, ProbeMask>): ProbeMask {
  const out = new Array<number>(WORDS).fill(0);
  for (const e of entries) {
    const m = e.role ? roleMasks.get(e.role) : undefined;
    if (!m) continue;
    const cluster = isClusterBinding(e);
    for (let w = 0; w < WORDS; w++) out[w]! |= cluster ? m[w]! : m[w]! & ~CLUSTER_SCOPED_MASK[w]!;
  }
  return out;
}

/**
 * What the bindings of a principal allow for one probe, in canonical order (binding order, then
 * rule index): the walk of canI over the same bindings, keeping every grant instead of stopping at
 * the first. `entries` must be in canonical order.
 */
export function allowancesFor(entries: readonly BindingEntry[], matches: RoleMatches, id: ProbeId): Allowance[] {
  const clusterOnly = PROBES[id].clusterScoped;
  const out: Allowance[] = [];
  for (const entry of entries) {
    if (!entry.role || (clusterOnly && !isClusterBinding(entry))) continue;
    const rules = matches.get(entry.role)?.get(id);
    if (!rules) continue;
    for (const m of rules) out.push({ scope: entry.scope, names: m.names, entry, ruleIndex: m.ruleIndex, gained: undefined, rank: entry.order * 4096 + Math.min(m.ruleIndex, 4095) });
  }
  return out;
}

/** Allowances from the matching rules of a role granted by a binding the path itself creates (bind, escalate). */
export function gainedAllowances(probe: Probe, matched: readonly RuleMatch[], grantFor: (ruleIndex: number) => Grant, scope: string): Allowance[] {
  if (probe.clusterScoped && scope !== CLUSTER_SCOPE) return [];
  // ranked after every allowance of the identity's own bindings
  return matched.map((m) => ({ scope, names: m.names, entry: undefined, ruleIndex: m.ruleIndex, gained: grantFor(m.ruleIndex), rank: GAINED_RANK + m.ruleIndex }));
}

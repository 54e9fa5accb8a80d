// An actor: the identity a path has reached (a principal with its groups), or a role the path bound
// or rewrote (a "gain", held with nothing else). What it may do is read from the bindings that apply
// to the principal, exactly as canI walks them, and from the gained role.
import { bindingsForPrincipal } from '../can-i';
import { CLUSTER_SCOPE, type BindingEntry, type RoleEntry } from '../query-index';
import { MASTERS } from '../subjects';
import type { Grant, ObjectRef, PolicyRule, Principal } from '../types';
import {
  ANY_NAMESPACE,
  EMPTY_MASK,
  FULL_MASK,
  allowancesFor,
  appliesIn,
  coversName,
  entriesMask,
  gainedAllowances,
  hasProbe,
  namespacedPart,
  union,
  ruleNames,
  wide,
  type Allowance,
  type ProbeMask,
  type RuleMatch,
} from './allowances';
import { PROBE_IDS, PROBES, type ProbeId } from './probes';
import type { World } from './world';

/** A role the path bound to the identity (bind), or rewrote to hold every permission (escalate). */
export interface Gain {
  roleRef: ObjectRef;
  /** the bound role (bind); undefined when escalated */
  role?: RoleEntry;
  rules: readonly PolicyRule[];
  /** "cluster", a namespace, or ANY_NAMESPACE (RoleBindings in any namespace) */
  scope: string;
  /** escalate: the role was rewritten to hold every permission (rules = everythingIn(scope)) */
  escalated: boolean;
}

export interface Actor {
  principal: Principal;
  /** in system:masters: the API server allows it everything before RBAC */
  masters: boolean;
  /** the bindings that apply to the principal, in canonical order */
  entries: BindingEntry[];
  gain: Gain | undefined;
  /** the probes it has any allowance for */
  mask: ProbeMask;
  /** allowances per probe, built on first use */
  cache: Map<ProbeId, readonly Allowance[]>;
  /** long allowance lists by scope, for lookups in one namespace */
  scoped: Map<ProbeId, ScopeIndex>;
}

interface ScopeIndex {
  /** cluster-wide and any-namespace allowances, in canonical order */
  wide: Allowance[];
  byNamespace: Map<string, Allowance[]>;
}

/** Lists up to this long are scanned; longer ones are indexed by scope. */
const SCAN_LIMIT = 16;

/** Every verb on every resource: what escalate lets a role hold. */
export const EVERYTHING: PolicyRule = { verbs: ['*'], apiGroups: ['*'], resources: ['*'], resourceNames: [], nonResourceURLs: [] };
const EVERYTHING_CLUSTER: PolicyRule = { ...EVERYTHING, nonResourceURLs: ['*'] };

export function everythingIn(scope: string): PolicyRule[] {
  return [scope === CLUSTER_SCOPE ? EVERYTHING_CLUSTER : EVERYTHING];
}

const NONE: readonly Allowance[] = [];
const MASTERS_ALLOWANCE: Allowance = { scope: CLUSTER_SCOPE, names: undefined, entry: undefined, ruleIndex: -1, gained: undefined, rank: -1 };

export function actorFor(world: World, principal: Principal, gain?: Gain): Actor {
  const masters = principal.groups.includes(MASTERS);
  const entries = masters ? [] : [...bindingsForPrincipal(world.index, principal)].sort((a, b) => a.order - b.order);
  let mask = masters ? FULL_MASK : entriesMask(entries, world.roleMasks);
  if (gain) mask = union(mask, gainMask(world, gain));
  return { principal, masters, entries, gain, mask, cache: new Map(), scoped: new Map() };
}

/**
 * The probes a principal has any allowance for, from the masks of its user and each group (cached
 * in the world: every ServiceAccount shares its groups'), without reading its bindings.
 */
export function principalMask(world: World, principal: Principal): ProbeMask {
  if (principal.groups.includes(MASTERS)) return FULL_MASK;
  const { bindingsByUser, bindingsByGroup } = world.index;
  const of = (cache: Map<string, ProbeMask>, key: string, entries: readonly BindingEntry[] | undefined) => {
    if (!entries) return EMPTY_MASK;
    let m = cache.get(key);
    if (!m) cache.set(key, (m = entriesMask(entries, world.roleMasks)));
    return m;
  };
  let mask = of(world.userMasks, principal.user, bindingsByUser.get(principal.user));
  for (const g of principal.groups) mask = union(mask, of(world.groupMasks, g, bindingsByGroup.get(g)));
  return mask;
}

function gainMask(world: World, gain: Gain): ProbeMask {
  const m = gain.role ? (world.roleMasks.get(gain.role) ?? EMPTY_MASK) : FULL_MASK;
  return gain.scope === CLUSTER_SCOPE ? m : namespacedPart(m);
}

/** Everything the actor may do for a probe, in canonical order (its bindings, then the gain). */
export function allowances(world: World, actor: Actor, id: ProbeId): readonly Allowance[] {
  if (!hasProbe(actor.mask, id)) return NONE;
  let list = actor.cache.get(id);
  if (list) return list;
  if (actor.masters) list = [MASTERS_ALLOWANCE];
  else {
    const own = allowancesFor(actor.entries, world.matches, id);
    const gain = actor.gain;
    if (gain) {
      // a bound role's matches are known (world.matches); escalated rules are the same few everywhere
      const matched = gain.role ? world.matches.get(gain.role)?.get(id) : everythingMatches(id, gain.scope);
      own.push(...gainedAllowances(PROBES[id], matched ?? [], (i) => gainedGrant(gain, i), gain.scope));
    }
    list = own;
  }
  actor.cache.set(id, list);
  return list;
}

/** The first allowance for the probe's request in `namespace` ("" = cluster-scoped) about `name`. */
export function allowed(world: World, actor: Actor, id: ProbeId, namespace: string, name = ''): Allowance | undefined {
  const ns = PROBES[id].clusterScoped ? '' : namespace;
  const list = allowances(world, actor, id);
  if (list.length <= SCAN_LIMIT) {
    for (const a of list) if (appliesIn(a, ns) && coversName(a, name)) return a;
    return undefined;
  }
  const index = scopeIndex(actor, id, list);
  let best: Allowance | undefined;
  for (const a of index.wide) {
    if (appliesIn(a, ns) && coversName(a, name)) {
      best = a;
      break;
    }
  }
  if (ns !== '' && ns !== ANY_NAMESPACE) {
    for (const a of index.byNamespace.get(ns) ?? NONE) {
      if (best && a.rank > best.rank) break;
      if (coversName(a, name)) return a;
    }
  }
  return best;
}

function scopeIndex(actor: Actor, id: ProbeId, list: readonly Allowance[]): ScopeIndex {
  let index = actor.scoped.get(id);
  if (!index) {
    index = { wide: [], byNamespace: new Map() };
    for (const a of list) {
      if (wide(a)) index.wide.push(a);
      else {
        const l = index.byNamespace.get(a.scope);
        if (l) l.push(a);
        else index.byNamespace.set(a.scope, [a]);
      }
    }
    actor.scoped.set(id, index);
  }
  return index;
}

/** The first allowance for any of the probes (in the order given). */
export function allowedAny(world: World, actor: Actor, ids: readonly ProbeId[], namespace: string, name = ''): { id: ProbeId; allowance: Allowance } | undefined {
  for (const id of ids) {
    const a = allowed(world, actor, id, namespace, name);
    if (a) return { id, allowance: a };
  }
  return undefined;
}

/**
 * The namespaces where the probe is allowed for some name (or every name with `allNames`):
 * `any` when a cluster-wide (or any-namespace) allowance exists, with that allowance.
 */
export function allowedScopes(world: World, actor: Actor, id: ProbeId, allNames = true): { any?: Allowance; namespaces: Map<string, Allowance> } {
  const out: { any?: Allowance; namespaces: Map<string, Allowance> } = { namespaces: new Map() };
  for (const a of allowances(world, actor, id)) {
    if (allNames && a.names !== undefined) continue;
    if (wide(a)) out.any ??= a;
    else if (!out.namespaces.has(a.scope)) out.namespaces.set(a.scope, a);
  }
  return out;
}

/** Matches of the escalated rules, per probe, for a cluster-wide and a namespaced scope (computed once, never changed). */
const EVERYTHING_MATCHES: Readonly<Record<'cluster' | 'namespace', ReadonlyMap<ProbeId, RuleMatch[]>>> = {
  cluster: matchesOf(everythingIn(CLUSTER_SCOPE)),
  namespace: matchesOf(everythingIn(ANY_NAMESPACE)),
};

function matchesOf(rules: readonly PolicyRule[]): Map<ProbeId, RuleMatch[]> {
  const out = new Map<ProbeId, RuleMatch[]>();
  for (const id of PROBE_IDS) {
    const list: RuleMatch[] = [];
    rules.forEach((rule, ruleIndex) => {
      const names = ruleNames(PROBES[id], rule);
      if (names !== null) list.push({ ruleIndex, names });
    });
    out.set(id, list);
  }
  return out;
}

/** Every probe's matches of the escalated rules in `scope`. */
export function everythingMatchesAll(scope: string): ReadonlyMap<ProbeId, RuleMatch[]> {
  return EVERYTHING_MATCHES[scope === CLUSTER_SCOPE ? 'cluster' : 'namespace'];
}

function everythingMatches(id: ProbeId, scope: string): RuleMatch[] | undefined {
  return EVERYTHING_MATCHES[scope === CLUSTER_SCOPE ? 'cluster' : 'namespace'].get(id);
}

function gainedGrant(gain: Gain, ruleIndex: number): Grant {
  const binding: ObjectRef =
    gain.scope === CLUSTER_SCOPE
      ? { kind: 'ClusterRoleBinding', name: NEW_BINDING }
      : gain.scope === ANY_NAMESPACE
        ? { kind: 'RoleBinding', name: NEW_BINDING }
        : { kind: 'RoleBinding', name: NEW_BINDING, namespace: gain.scope };
  return { binding, role: gain.roleRef, rule: gain.rules[ruleIndex]!, ruleIndex, scope: gain.scope };
}

/** The name shown for a binding the path creates (it does not exist yet). */
export const NEW_BINDING = '(created by this path)';


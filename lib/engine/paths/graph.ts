// The state graph the search runs on. States are identities (a User, a Group member, a
// ServiceAccount), nodes (root on a node), gains (a role held through a binding the path creates,
// after bind or escalate: the role alone, shared by every identity that can create it) and hubs. A technique edge costs one step; hub edges cost nothing and fan out to a set
// of targets shared by many actors ("any ServiceAccount of namespace N", "the mounted tokens on
// node X"), so that a permission granted cluster-wide is one edge, not one per target.
// States are expanded once, on first reach, and edges are kept in a deterministic order.
import { AUTHENTICATED, UNAUTHENTICATED, serviceAccountUser, subjectRefKey, withImplicitGroups } from '../subjects';
import { actorFor, allowances, allowed, everythingMatchesAll, principalMask, type Actor, type Gain } from './actor';
import { clusterWide, intersects, maskOf, union, wide, type Allowance, type ProbeMask } from './allowances';
import { CLUSTER_SCOPE } from '../query-index';
import { PROBES, type ProbeId } from './probes';
import type { ObjectRef, Principal, SubjectRef } from '../types';
import { SINKS, type Sink, type StepReason, type TechniqueId } from './types';
import type { PodInfo, World } from './world';

export type HubKind = 'existing-sas' | 'known-sas' | 'pod-tokens' | 'node-pod-tokens' | 'node-sas' | 'pod-sas' | 'any-node' | 'token-secrets';

/** A request a step makes, kept compact until a path is printed: the probe, where, about what, and why allowed. */
export interface RequestDraft {
  probe: ProbeId;
  namespace: string;
  name: string;
  /** what allows it (grantOf: its grant; none for system:masters) */
  allowance: Allowance;
}

/** A technique edge: the step without its target (the target state supplies `as` or `node`). */
export interface StepDraft {
  technique: TechniqueId;
  main?: RequestDraft;
  also?: RequestDraft[];
  reason?: StepReason;
  pod?: { namespace: string; name: string };
  secret?: { namespace: string; name: string };
  role?: ObjectRef;
  scope?: string;
  /** the step's request names its target: fill the name in from the hub edge taken after it */
  fillName?: boolean;
}

/** What a hub edge adds to the step before it: the pod or Secret chosen, and the request's namespace and name. */
export interface HubLabel {
  pod?: { namespace: string; name: string };
  secret?: { namespace: string; name: string };
  namespace?: string;
  name?: string;
}

/** A technique edge (one step). Hubs keep plain target lists instead (`fanout`, no cost). */
export interface Edge {
  to: number;
  step: StepDraft;
}

export type StateKind = 'subject' | 'node' | 'gain' | 'hub';

export interface State {
  id: number;
  key: string;
  kind: StateKind;
  subject?: SubjectRef;
  node?: string;
  /** gain states: the role held, with nothing else (the identity holding it is the path's) */
  gain?: Gain;
  hubKind?: HubKind;
  hubKey?: string;
  /** technique edges of an identity or gain state */
  out: Edge[];
  /** targets of a hub state */
  fanout: number[];
  expanded: boolean;
  /** the sinks this state holds, as bits (sinkBit) */
  sinks: number;
  /** what the snapshot left open while expanding this state */
  warnings: string[] | undefined;
  /** namespaces where pods could be made but whose PodSecurity level the snapshot does not show */
  unknownLevels: string[] | undefined;
}

export interface Graph {
  world: World;
  states: State[];
  byKey: Map<string, State>;
  /** subject refs already looked up (by object identity) */
  idByRef: WeakMap<SubjectRef, number>;
  /** hub states by kind and key */
  hubIds: Map<HubKind, Map<string, number>>;
}

export interface TechniqueContext {
  world: World;
  actor: Actor;
  state: State;
  subject(ref: SubjectRef): number;
  node(name: string): number;
  /** the identity being expanded, now also holding `gain`; undefined when that adds nothing it lacks */
  gain(gain: Gain): number | undefined;
  hub(kind: HubKind, key: string): number;
  edge(to: number, step: StepDraft): void;
  /** an edge to `to` exists already (a later technique need not build one) */
  linked(to: number): boolean;
  warn(message: string): void;
  /** pods could be made in `ns`, but the snapshot has no Namespace object to tell its PodSecurity level */
  unknownPodSecurity(ns: string): void;
}

export interface Technique {
  id: TechniqueId;
  /** node: only from root on a node; otherwise from every identity */
  from?: 'node';
  /** every probe the technique reads */
  probes: readonly ProbeId[];
  /** the technique needs at least one of these (default: any of `probes`) */
  requires?: readonly ProbeId[];
  /** false when the snapshot holds nothing it could lead to (no token Secrets, no nodes...) */
  applies?(world: World): boolean;
  expand(ctx: TechniqueContext): void;
}

/** The node name used when the snapshot names no node at all. */
export const ANY_NODE = '*';

export function newGraph(world: World): Graph {
  return { world, states: [], byKey: new Map(), idByRef: new WeakMap(), hubIds: new Map() };
}

/** The bit of a sink in State.sinks. */
export function sinkBit(sink: Sink): number {
  return 1 << SINKS.indexOf(sink);
}

function newState(graph: Graph, key: string, kind: StateKind): State {
  // every field set, always in the same order: one object shape for the JIT
  const state: State = { id: graph.states.length, key, kind, subject: undefined, node: undefined, gain: undefined, hubKind: undefined, hubKey: undefined, out: [], fanout: [], expanded: false, sinks: 0, warnings: undefined, unknownLevels: undefined };
  graph.states.push(state);
  graph.byKey.set(key, state);
  return state;
}

export function subjectState(graph: Graph, ref: SubjectRef): number {
  // the world's ServiceAccount refs are interned: most lookups end here, without building a key
  const known = graph.idByRef.get(ref);
  if (known !== undefined) return known;
  const key = subjectRefKey(ref);
  const found = graph.byKey.get(key);
  const id = found ? found.id : newState(graph, key, 'subject').id;
  if (!found) graph.states[id]!.subject = ref;
  graph.idByRef.set(ref, id);
  return id;
}

export function nodeState(graph: Graph, name: string): number {
  const key = `Node/${name}`;
  const found = graph.byKey.get(key);
  if (found) return found.id;
  const state = newState(graph, key, 'node');
  state.node = name;
  return state.id;
}

/**
 * A role held through a binding the path created: shared by every identity that can create it (the
 * role's permissions are the same whoever holds them), so its state is the role in its scope alone.
 */
function gainState(graph: Graph, gain: Gain): number {
  const r = gain.roleRef;
  const role = gain.escalated ? '*' : r.namespace ? `${r.kind}/${r.namespace}/${r.name}` : `${r.kind}/${r.name}`;
  const key = `Holds\u0000${role}@${gain.scope}`;
  const found = graph.byKey.get(key);
  if (found) return found.id;
  const state = newState(graph, key, 'gain');
  state.gain = gain;
  return state.id;
}

/**
 * Does the actor already hold, in the gain's scope, everything the gained rules allow that a
 * technique or sink asks about? Then binding the role gets it nowhere new (the escalation check
 * upstream lets anyone bind such a role, for the same reason).
 */
function addsNothing(world: World, actor: Actor, gain: Gain, held: HeldMemo): boolean {
  if (actor.masters) return true;
  const matched = gain.role ? world.matches.get(gain.role) : everythingMatchesAll(gain.scope);
  if (!matched) return true;
  for (const [id, rules] of matched) {
    if (PROBES[id].clusterScoped && gain.scope !== CLUSTER_SCOPE) continue;
    // an allowance for every name in the scope covers every rule of the probe (bind asks this for
    // each role in each namespace: one answer per probe and scope, kept for the actor)
    if (heldForAllNames(world, actor, id, gain.scope, held)) continue;
    const own = allowances(world, actor, id);
    for (const m of rules) {
      const covered = own.some((a) => scopeCovers(a, gain.scope) && (a.names === undefined || (m.names !== undefined && m.names.every((n) => a.names!.includes(n)))));
      if (!covered) return false;
    }
  }
  return true;
}

/** Per actor: probe -> scope -> does an allowance without names cover that scope? */
type HeldMemo = Map<ProbeId, Map<string, boolean>>;

function heldForAllNames(world: World, actor: Actor, id: ProbeId, scope: string, memo: HeldMemo): boolean {
  let byScope = memo.get(id);
  if (!byScope) memo.set(id, (byScope = new Map()));
  let held = byScope.get(scope);
  if (held === undefined) {
    held = allowances(world, actor, id).some((a) => a.names === undefined && scopeCovers(a, scope));
    byScope.set(scope, held);
  }
  return held;
}

/** Does allowance `held` apply wherever one in scope `wanted` does? */
function scopeCovers(held: Allowance, wanted: string): boolean {
  if (clusterWide(held)) return true;
  if (wanted === CLUSTER_SCOPE) return false;
  if (wide(held)) return true;
  return held.scope === wanted;
}

function hubState(graph: Graph, kind: HubKind, key: string): number {
  let byKey = graph.hubIds.get(kind);
  if (!byKey) graph.hubIds.set(kind, (byKey = new Map()));
  const known = byKey.get(key);
  if (known !== undefined) return known;
  const state = newState(graph, `hub:${kind}:${key}`, 'hub');
  byKey.set(key, state.id);
  state.hubKind = kind;
  state.hubKey = key;
  return state.id;
}

const HOLDER: Principal = { user: '\u0000holder', groups: [] };

/** The principal of an identity state: its user name and the groups the API server gives it. */
export function principalOf(state: State): Principal {
  if (state.kind === 'gain') return HOLDER; // its permissions are the held role's (the gain)
  if (state.node !== undefined) return { user: `system:node:${state.node}`, groups: ['system:nodes', AUTHENTICATED] };
  const s = state.subject!;
  switch (s.kind) {
    case 'ServiceAccount':
      return withImplicitGroups(serviceAccountUser(s.namespace!, s.name), []);
    case 'User':
      return withImplicitGroups(s.name, []);
    case 'Group': {
      // A member of the group: no user name of its own (it matches no User subject).
      const groups = [s.name];
      if (s.name !== UNAUTHENTICATED && s.name !== AUTHENTICATED) groups.push(AUTHENTICATED);
      return { user: '\u0000group-member', groups };
    }
  }
}

const KUBE_SYSTEM = 'kube-system';

function sinksOf(world: World, actor: Actor, state: State): number {
  let sinks = 0;
  if (state.node !== undefined) sinks |= sinkBit('node');
  if (actor.masters || allowed(world, actor, 'everything', '')) sinks |= sinkBit('cluster-admin');
  if (actor.masters || allowed(world, actor, 'listSecrets', KUBE_SYSTEM) || allowed(world, actor, 'watchSecrets', KUBE_SYSTEM) || allowed(world, actor, 'getSecrets', KUBE_SYSTEM)) {
    sinks |= sinkBit('kube-system-secrets');
  }
  return sinks;
}

/** A step draft for an allowance of a probe (its grant, or system:masters). */
export function draft(technique: TechniqueId, id: ProbeId, a: Allowance, namespace: string, name = '', extra?: Omit<StepDraft, 'technique' | 'main'>): StepDraft {
  const d: StepDraft = { technique, main: { probe: id, namespace, name, allowance: a } };
  return extra ? Object.assign(d, extra) : d;
}

export function also(id: ProbeId, a: Allowance, namespace: string, name = ''): RequestDraft {
  return { probe: id, namespace, name, allowance: a };
}

/** Expands every state reachable from `starts` that has not been expanded yet. */
const SINK_MASK = maskOf(['everything', 'listSecrets', 'watchSecrets', 'getSecrets']);

export function explore(graph: Graph, starts: readonly number[], techniques: readonly Technique[]): void {
  const masks = new Map(techniques.map((t) => [t, maskOf(t.requires ?? t.probes)] as const));
  // what an identity must be allowed (at least one of) to hold a sink or take a step in this world
  let useful = SINK_MASK;
  for (const t of techniques) if (t.applies?.(graph.world) !== false) useful = union(useful, masks.get(t)!);
  const stack = [...starts].reverse();
  while (stack.length > 0) {
    const state = graph.states[stack.pop()!]!;
    if (state.expanded) continue;
    state.expanded = true;
    if (state.kind === 'hub') expandHub(graph, state);
    else expandActor(graph, state, techniques, masks, useful);
    for (let i = state.out.length - 1; i >= 0; i--) {
      const to = state.out[i]!.to;
      if (!graph.states[to]!.expanded) stack.push(to);
    }
    for (let i = state.fanout.length - 1; i >= 0; i--) {
      const to = state.fanout[i]!;
      if (!graph.states[to]!.expanded) stack.push(to);
    }
  }
}

function expandActor(graph: Graph, state: State, techniques: readonly Technique[], masks: ReadonlyMap<Technique, ProbeMask>, useful: ProbeMask): void {
  const world = graph.world;
  const principal = principalOf(state);
  // Most identities may do nothing any technique or sink asks about: tell from the cached masks of
  // their user and groups, before reading their bindings.
  if (state.kind === 'subject' && !intersects(principalMask(world, principal), useful)) return;
  const actor = actorFor(world, principal, state.gain);
  state.sinks = sinksOf(world, actor, state);
  const seen = new Set<number>();
  const held: HeldMemo = new Map();
  const ctx: TechniqueContext = {
    world,
    actor,
    state,
    subject: (ref) => subjectState(graph, ref),
    node: (name) => nodeState(graph, name),
    gain: (gain) => (addsNothing(world, actor, gain, held) ? undefined : gainState(graph, gain)),
    hub: (kind, key) => hubState(graph, kind, key),
    edge: (to, step) => {
      // one edge per target: the first found (techniques in their order) is the one a path takes
      if (to === state.id || seen.has(to)) return;
      seen.add(to);
      state.out.push({ to, step });
    },
    linked: (to) => to === state.id || seen.has(to),
    warn: (message) => {
      state.warnings ??= [];
      if (!state.warnings.includes(message)) state.warnings.push(message);
    },
    unknownPodSecurity: (ns) => (state.unknownLevels ??= []).push(ns),
  };
  // Holding cluster-admin, only a node is left to reach, and a privileged pod reaches it in one step.
  const holdsAll = (state.sinks & sinkBit('cluster-admin')) !== 0;
  for (const t of techniques) {
    if (t.from === 'node' && state.kind !== 'node') continue;
    if (holdsAll && t.id !== 'privileged-pod') continue;
    if (t.applies?.(world) === false) continue;
    // a technique whose requests the actor may not make at all has nothing to offer
    if (t.probes.length > 0 && !intersects(actor.mask, masks.get(t)!)) continue;
    t.expand(ctx);
  }
}

/** A hub's edges cost nothing; each target once, in name order (the first item reaching a target names it). */
function expandHub(graph: Graph, state: State): void {
  const world = graph.world;
  const key = state.hubKey!;
  const kind = state.hubKind!;
  const seen = new Set<number>();
  const add = (to: number) => {
    if (seen.has(to)) return;
    seen.add(to);
    state.fanout.push(to);
  };
  const hubs = (keys: Iterable<string>) => {
    for (const k of keys) add(hubState(graph, kind, k));
  };
  const pods = (list: readonly PodInfo[] | undefined, onlyMounted: boolean) => {
    for (const p of list ?? []) if (!onlyMounted || (p.running && p.tokenMounted)) add(subjectState(graph, p.serviceAccount));
  };
  switch (kind) {
    case 'existing-sas':
    case 'known-sas': {
      const map = kind === 'existing-sas' ? world.existingServiceAccounts : world.knownServiceAccounts;
      if (key === '*') hubs(map.keys());
      else for (const ref of map.get(key) ?? []) add(subjectState(graph, ref));
      break;
    }
    case 'pod-tokens':
      if (key === '*') hubs(world.podsByNamespace.keys());
      else pods(world.podsByNamespace.get(key), true);
      break;
    case 'node-pod-tokens':
      pods(world.podsByNode.get(key), true);
      break;
    case 'node-sas':
      pods(world.podsByNode.get(key), false);
      break;
    case 'pod-sas':
      pods(world.pods, false);
      break;
    case 'any-node':
      for (const n of world.nodes.length ? world.nodes : [ANY_NODE]) add(nodeState(graph, n));
      break;
    case 'token-secrets':
      if (key === '*') hubs(world.tokenSecrets.keys());
      else for (const s of world.tokenSecrets.get(key) ?? []) add(subjectState(graph, s.serviceAccount));
      break;
  }
}

/** What the hub edge to `target` adds to the step before it (for printed paths only). */
export function hubLabel(graph: Graph, hub: State, target: number): HubLabel {
  const to = graph.states[target]!;
  const key = hub.hubKey!;
  if (to.kind === 'hub') return { namespace: to.hubKey! };
  if (to.kind === 'node') return {};
  const sa = to.subject!;
  const world = graph.world;
  const podLabel = (pods: readonly PodInfo[] | undefined, onlyMounted: boolean): HubLabel => {
    const p = (pods ?? []).find((x) => (!onlyMounted || (x.running && x.tokenMounted)) && subjectState(graph, x.serviceAccount) === target);
    return p ? { pod: { namespace: p.namespace, name: p.name }, namespace: p.namespace, name: p.name } : {};
  };
  switch (hub.hubKind!) {
    case 'existing-sas':
    case 'known-sas':
      return { namespace: key, name: sa.name };
    case 'pod-tokens':
      return podLabel(world.podsByNamespace.get(key), true);
    case 'node-pod-tokens':
      return podLabel(world.podsByNode.get(key), true);
    case 'node-sas':
      return podLabel(world.podsByNode.get(key), false);
    case 'pod-sas':
      return podLabel(world.podsByNamespace.get(sa.namespace!), false);
    case 'token-secrets': {
      const s = (world.tokenSecrets.get(key) ?? []).find((x) => subjectState(graph, x.serviceAccount) === target);
      return s ? { secret: { namespace: s.namespace, name: s.name }, namespace: s.namespace, name: s.name } : {};
    }
    case 'any-node':
      return {};
  }
}

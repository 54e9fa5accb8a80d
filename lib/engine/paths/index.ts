// Privilege-escalation paths: "can this identity, or this pod, become cluster-admin, or root on a
// node, and how?" One shortest path per (subject, sink), each step a technique decided with the
// authorizer's semantics (see docs/paths.md). Pure: findPaths(prepared, options) returns the answer;
// preparePaths(index) builds what every query shares (keep it with the index to answer many queries).
import type { AtlasIndex } from '../query-index';
import { AUTHENTICATED, MASTERS, subjectRefKey } from '../subjects';
import type { SubjectRef } from '../types';
import { compareSubjects } from '../who-can';
import { explore, newGraph, subjectState, type Graph } from './graph';
import { distancesTo, pathSteps, reverse } from './search';
import { TECHNIQUE_ORDER } from './techniques';
import { DEFAULT_SINKS, type Path, type PathsAnswer, type PathsOptions, type Sink } from './types';
import { buildWorld, type World } from './world';

export * from './types';
export { TECHNIQUES } from './techniques';

export interface PreparedPaths {
  world: World;
  /** the states explored so far, shared by the queries on this index */
  graph: Graph;
}

export function preparePaths(index: AtlasIndex): PreparedPaths {
  const world = buildWorld(index);
  return { world, graph: newGraph(world) };
}

/** Every subject named in a binding and every ServiceAccount object, in canonical order. */
export function defaultStarts(world: World): SubjectRef[] {
  const byKey = new Map<string, SubjectRef>();
  for (const s of world.index.subjects.values()) byKey.set(s.key, s.ref);
  for (const sa of world.index.snapshot.serviceAccounts) {
    const ref: SubjectRef = { kind: 'ServiceAccount', name: sa.metadata.name, namespace: sa.metadata.namespace };
    byKey.set(subjectRefKey(ref), ref);
  }
  return [...byKey.values()].sort(compareSubjects);
}

/**
 * The start of --from-pod: the pod's ServiceAccount, with warnings when its token is not mounted
 * (the container holds no token; the paths are those of a stolen token) or the ServiceAccount is
 * not in the snapshot. undefined when the snapshot has no such pod.
 */
export function resolvePodStart(prepared: PreparedPaths, namespace: string, name: string): { subject: SubjectRef; warnings: string[] } | undefined {
  const pod = prepared.world.pods.find((p) => p.namespace === namespace && p.name === name);
  if (!pod) return undefined;
  const sa = pod.serviceAccount;
  const warnings: string[] = [];
  if (!pod.tokenMounted) {
    warnings.push(`pod "${namespace}/${name}" does not mount its ServiceAccount token (automountServiceAccountToken is false): whoever controls it holds no token; the paths below are those of ServiceAccount "${namespace}/${sa.name}", should its token be obtained another way`);
  }
  if (!prepared.world.index.serviceAccounts.has(`${namespace}/${sa.name}`)) warnings.push(`ServiceAccount "${namespace}/${sa.name}" of the pod is not in the snapshot`);
  return { subject: sa, warnings };
}

export function findPaths(input: AtlasIndex | PreparedPaths, options: PathsOptions = {}): PathsAnswer {
  const prepared = 'graph' in input ? input : preparePaths(input);
  const { world, graph } = prepared;
  const sinks: readonly Sink[] = options.sinks?.length ? [...new Set(options.sinks)] : DEFAULT_SINKS;
  const starts = options.starts ? [...options.starts] : options.from ? [options.from] : defaultStarts(world);
  const ids = starts.map((s) => subjectState(graph, s));
  explore(graph, ids, TECHNIQUE_ORDER);

  const paths: Path[] = [];
  let tooLong = 0;
  const reversed = reverse(graph);
  const dists = sinks.map((sink) => distancesTo(graph, reversed, sink));
  starts.forEach((from, i) => {
    sinks.forEach((sink, k) => {
      const dist = dists[k]!;
      const d = dist[ids[i]!]!;
      if (d < 0) return;
      if (options.maxHops !== undefined && d > options.maxHops) {
        tooLong++;
        return;
      }
      paths.push({ from, to: sink, steps: pathSteps(graph, dist, ids[i]!, sink) });
    });
  });
  const warnings = warningsFor(prepared, ids, paths, starts, tooLong, options);
  if (options.from && !known(world, options.from)) {
    warnings.unshift(`${options.from.kind} "${options.from.namespace ? `${options.from.namespace}/` : ''}${options.from.name}" is named by no binding${options.from.kind === 'ServiceAccount' ? ' and has no ServiceAccount object' : ''} in the snapshot: only its implicit groups give it permissions`);
  }
  return { paths, warnings };
}

function known(world: World, s: SubjectRef): boolean {
  if ([...world.index.subjects.values()].some((x) => x.key === subjectRefKey(s))) return true;
  return s.kind === 'ServiceAccount' && world.index.serviceAccounts.has(`${s.namespace}/${s.name}`);
}

function warningsFor(prepared: PreparedPaths, ids: number[], paths: Path[], starts: SubjectRef[], tooLong: number, options: PathsOptions): string[] {
  const { world, graph } = prepared;
  const out: string[] = [];
  if (world.index.snapshot.meta.partial) out.push('the data source could not read every object (partial data): paths may be missing');
  // warnings of the states the starts reach, in a stable order
  const seen = new Uint8Array(graph.states.length);
  const stack = [...ids];
  const stateWarnings = new Set<string>();
  const unknownLevels = new Set<string>();
  let reachesNode = false;
  while (stack.length) {
    const id = stack.pop()!;
    if (seen[id]) continue;
    seen[id] = 1;
    const s = graph.states[id]!;
    if (s.kind === 'node') reachesNode = true;
    for (const w of s.warnings ?? []) stateWarnings.add(w);
    for (const ns of s.unknownLevels ?? []) unknownLevels.add(ns);
    for (const e of s.out) if (!seen[e.to]) stack.push(e.to);
    for (const to of s.fanout) if (!seen[to]) stack.push(to);
  }
  out.push(...[...stateWarnings].sort());
  if (unknownLevels.size > 0) {
    const list = [...unknownLevels].sort();
    out.push(`${plural(list.length, 'namespace')} ${names(list)} where pods can be created ${list.length === 1 ? 'has' : 'have'} no Namespace object in the snapshot: ${list.length === 1 ? 'its' : 'their'} PodSecurity enforce level is unknown, so no privileged pod there is assumed`);
  }
  if (world.assumedIn.size > 0) {
    const list = [...world.assumedIn].sort();
    out.push(`${plural(list.length, 'namespace')} ${names(list)} ${list.length === 1 ? 'has' : 'have'} no ServiceAccount object in the snapshot: the ServiceAccounts their bindings name are assumed to exist`);
  }
  if (reachesNode && world.unscheduledPods > 0) {
    out.push(`${plural(world.unscheduledPods, 'running pod')} ${world.unscheduledPods === 1 ? 'has' : 'have'} no spec.nodeName: ${world.unscheduledPods === 1 ? 'it is' : 'they are'} on no node here, so root on a node does not reach ${world.unscheduledPods === 1 ? 'its' : 'their'} token`);
  }
  if (paths.some((p) => p.steps.some((s) => s.technique === 'privileged-pod'))) {
    out.push('privileged-pod steps assume that a namespace without a pod-security.kubernetes.io/enforce label is privileged (the upstream default) and that no other admission control (policy engines, ValidatingAdmissionPolicy, PodSecurity exemptions) stops privileged pods: the snapshot cannot show those');
  }
  if (world.invalidTokenSecrets > 0) out.push(`${plural(world.invalidTokenSecrets, 'legacy token Secret')} marked invalid by the control plane (kubernetes.io/legacy-token-invalid-since) ${world.invalidTokenSecrets === 1 ? 'is' : 'are'} not followed`);
  if (world.noSecrets) {
    const listing = world.index.snapshot.serviceAccounts.filter((sa) => sa.secretNames.length > 0).length;
    if (listing > 0) out.push(`${plural(listing, 'ServiceAccount')} ${listing === 1 ? 'lists' : 'list'} Secrets in .secrets, but the snapshot holds no Secret metadata: reading legacy token Secrets is not followed (see docs/paths/legacy-token-secret.md)`);
  }
  if (starts.some((s) => s.kind === 'User')) out.push(`a User is taken with group ${AUTHENTICATED} only: groups its authenticator adds (${MASTERS} included) are not in the snapshot`);
  if (tooLong > 0) out.push(`${plural(tooLong, 'path')} longer than --max-hops ${options.maxHops} ${tooLong === 1 ? 'is' : 'are'} not listed`);
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function names(list: string[], max = 10): string {
  const shown = list.slice(0, max).map((n) => `"${n}"`).join(', ');
  return list.length > max ? `${shown} and ${list.length - max} more` : shown;
}

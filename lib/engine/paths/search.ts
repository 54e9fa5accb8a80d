// Shortest paths to a sink for every state at once: a breadth-first search backwards from the
// states that hold the sink, where technique edges cost one step and hub edges none (0-1 BFS).
// A path is then read forwards from its start, always taking the first edge (in the state's
// canonical edge order) that keeps to a shortest path, so answers are deterministic.
import { builtinResource } from '../resources';
import { hubLabel, sinkBit, type Graph, type HubLabel, type RequestDraft, type StepDraft } from './graph';
import { grantOf } from './allowances';
import { probeRequest, PROBES } from './probes';
import type { PathStep, Sink, StepRequest } from './types';

/** The edges of the graph reversed (flat arrays): for each state, the states with an edge to it. */
export interface Reversed {
  start: Uint32Array;
  from: Uint32Array;
  cost: Uint8Array;
}

export function reverse(graph: Graph): Reversed {
  const n = graph.states.length;
  const start = new Uint32Array(n + 1);
  for (const s of graph.states) {
    for (const e of s.out) start[e.to + 1]!++;
    for (const to of s.fanout) start[to + 1]!++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const from = new Uint32Array(start[n]!);
  const cost = new Uint8Array(start[n]!);
  const fill = start.slice(0, n);
  for (const s of graph.states) {
    for (const e of s.out) {
      const at = fill[e.to]!++;
      from[at] = s.id;
      cost[at] = 1;
    }
    for (const to of s.fanout) {
      const at = fill[to]!++;
      from[at] = s.id;
      cost[at] = 0;
    }
  }
  return { start, from, cost };
}

/** Steps to the sink from every state; -1 where it cannot be reached. */
export function distancesTo(graph: Graph, reversed: Reversed, sink: Sink): Int32Array {
  const n = graph.states.length;
  const { start: count, from, cost } = reversed;
  const dist = new Int32Array(n).fill(-1);
  let level: number[] = [];
  const bit = sinkBit(sink);
  for (const s of graph.states) {
    if (s.kind !== 'hub' && (s.sinks & bit) !== 0) {
      dist[s.id] = 0;
      level.push(s.id);
    }
  }
  for (let d = 0; level.length > 0; d++) {
    const next: number[] = [];
    for (let i = 0; i < level.length; i++) {
      const v = level[i]!;
      if (dist[v] !== d) continue; // reached at a lower distance meanwhile
      for (let j = count[v]!; j < count[v + 1]!; j++) {
        const u = from[j]!;
        if (cost[j] === 0) {
          if (dist[u] === -1 || dist[u]! > d) {
            dist[u] = d;
            level.push(u);
          }
        } else if (dist[u] === -1) {
          dist[u] = d + 1;
          next.push(u);
        }
      }
    }
    level = next;
  }
  return dist;
}

/** The steps of the canonical shortest path from `start` (dist[start] >= 0). */
export function pathSteps(graph: Graph, dist: Int32Array, start: number, sink: Sink): PathStep[] {
  const steps: PathStep[] = [];
  let current: (PathStep & { fillName?: boolean }) | undefined;
  let at = graph.states[start]!;
  // the identity acting: a gain (a role the path bound or rewrote) is held by the identity before it
  let identity: { as?: PathStep['as']; node?: string } = at.subject ? { as: at.subject } : { node: at.node! };
  const bit = sinkBit(sink);
  while (at.kind === 'hub' || (at.sinks & bit) === 0) {
    const d = dist[at.id]!;
    let next: number | undefined;
    if (at.kind === 'hub') {
      next = at.fanout.find((to) => dist[to] === d);
      if (next !== undefined && current) applyHub(current, hubLabel(graph, at, next));
    } else {
      const edge = at.out.find((e) => dist[e.to]! >= 0 && dist[e.to]! + 1 === d);
      if (edge) {
        current = startStep(edge.step);
        steps.push(current);
        next = edge.to;
      }
    }
    if (next === undefined) throw new Error(`paths: no edge continues the shortest path at ${at.key}`); // a bug
    at = graph.states[next]!;
    if (at.kind !== 'hub' && current) {
      if (at.kind !== 'gain') identity = at.subject ? { as: at.subject } : { node: at.node! };
      if (identity.as) current.as = identity.as;
      else current.node = identity.node!;
    }
  }
  return steps.map(finishStep);
}

function requestOf(d: RequestDraft): StepRequest {
  const r: StepRequest = { request: probeRequest(PROBES[d.probe], d.namespace, d.name) };
  const grant = grantOf(d.allowance);
  if (grant) r.grant = grant;
  return r;
}

function startStep(d: StepDraft): PathStep & { fillName?: boolean } {
  const { main, also, ...rest } = d;
  const step: PathStep & { fillName?: boolean } = { ...rest };
  if (main) {
    const r = requestOf(main);
    step.request = r.request;
    if (r.grant) step.grant = r.grant;
    else step.reason = 'system:masters';
  }
  if (also) step.also = also.map(requestOf);
  return step;
}

function isNamespaced(r: StepRequest['request']): boolean {
  return builtinResource(r.resource)?.namespaced ?? true;
}

/** The hub edge chose a namespace, a pod or a Secret: name them in the step. */
function applyHub(step: PathStep & { fillName?: boolean }, hub: HubLabel): void {
  if (hub.pod) step.pod = hub.pod;
  if (hub.secret) step.secret = hub.secret;
  if (hub.namespace !== undefined) {
    for (const r of [step, ...(step.also ?? [])]) {
      if (r.request && r.request.namespace === '' && isNamespaced(r.request)) r.request.namespace = hub.namespace;
    }
  }
  if (hub.name !== undefined && step.fillName && step.request && step.request.name === '') step.request.name = hub.name;
}

function finishStep(step: PathStep & { fillName?: boolean }): PathStep {
  const { fillName: _f, ...rest } = step;
  return rest;
}

// What the explorer draws for an answer: the whole graph (subject -> binding -> role -> permission,
// and pods -> service accounts -> implicit groups in the effective view) when every column fits the
// canvas with readable labels, else a summary that keeps each column to about `rows` nodes:
//   - subjects -> roles -> permissions, bindings folded into the 'holds' edges (`via`) and into the
//     role's second label line ("via 46 RoleBindings");
//   - the riskiest subjects by name (the input lists subjects riskiest first), the others grouped by
//     the highest-ranked drawn role that grants them; roles beyond the first few in one group;
//   - effective service accounts grouped under the implicit group (or subject) that allows them,
//     pods counted, or grouped per drawn service account.
// A click on a group (its key listed in `expanded`, once per click) names its next page of members.
// `focusAnswer` narrows an answer to the paths through one node before drawing. Pure.
import { isClusterGrant } from './query-index';
import type { EffectiveAnswer, EffectivePod, EffectiveServiceAccount } from './effective';
import { buildAnswerGraph, isNamespacedKind, nodeId, type AnswerGraphInput, type AnswerSubject, type Graph, type GraphEdge, type GraphNode, type NodeId, type NodeKind } from './graph';
import type { ObjectRef, SubjectRef } from './types';

/** Most nodes per column of a default drawing (what fits a 1280x720 window's canvas with 10 px labels or more). */
export const SUMMARY_ROWS = 8;
/** Members named per click on a subject, service-account or pod group. */
export const SUBJECT_PAGE = 8;
/** Roles named per click on the "more roles" group. */
export const ROLE_PAGE = 6;
/** Bindings kept on a 'holds' edge (`count` says how many in all). */
const VIA_KEPT = 4;
/** Names of hidden members kept on a group node (the riskiest first). */
const SAMPLE = 5;

export const ROLES_GROUP = 'roles';
export const OTHER_SUBJECTS = 'subjects:other';

export interface DrawOptions {
  rows?: number;
  /** group keys clicked open, once per click (a key listed twice names two pages of its members) */
  expanded?: readonly string[];
}

export interface SummaryGroup {
  key: string;
  id: NodeId;
  label: string;
  /** members still hidden in the group */
  members: number;
  /** how many of them one more click names */
  next: number;
}

export interface AnswerDrawing {
  graph: Graph;
  /** false: the whole answer is drawn */
  summarized: boolean;
  groups: SummaryGroup[];
  /** subjects drawn by name, of `totalSubjects` */
  namedSubjects: number;
  totalSubjects: number;
}

const PLURAL: Record<string, string> = {
  User: 'users', Group: 'groups', ServiceAccount: 'service accounts', Pod: 'pods', RoleBinding: 'RoleBindings',
  ClusterRoleBinding: 'ClusterRoleBindings', Role: 'Roles', ClusterRole: 'ClusterRoles',
};

const count = (n: number, kind: string, one = kind) => `${n} ${n === 1 ? one : (PLURAL[kind] ?? `${kind}s`)}`;

export function groupNodeId(key: string): NodeId {
  return `Collapsed/${key}`;
}

/** Each key with the number of times it was clicked. Unknown shapes are dropped. */
export function expandedPages(expanded: readonly string[] = []): Map<string, number> {
  const pages = new Map<string, number>();
  for (const key of expanded) pages.set(key, (pages.get(key) ?? 0) + 1);
  return pages;
}

/** The whole answer graph, or a summary when some column would not fit `rows` nodes. */
export function drawAnswer(input: AnswerGraphInput, options: DrawOptions = {}): AnswerDrawing {
  const rows = options.rows ?? SUMMARY_ROWS;
  if (!needsSummary(input, rows)) {
    const graph = mergePermissions(buildAnswerGraph(input), input.permissions);
    return { graph, summarized: false, groups: [], namedSubjects: input.subjects.length, totalSubjects: input.subjects.length };
  }
  return summarize(input, rows, expandedPages(options.expanded));
}

/** True when a column of the whole graph (subjects, bindings, roles, service accounts, pods) exceeds `rows`. */
export function needsSummary(input: AnswerGraphInput, rows = SUMMARY_ROWS): boolean {
  const bindings = new Set<NodeId>();
  const roles = new Set<NodeId>();
  for (const s of input.subjects) {
    for (const g of s.grants) {
      bindings.add(nodeId(g.binding));
      roles.add(nodeId(g.role));
    }
  }
  const subjects = new Set(input.subjects.map((s) => nodeId(s)));
  const accounts = (input.effective?.serviceAccounts ?? []).filter((sa) => !subjects.has(saId(sa))).length;
  const pods = input.effective?.pods.length ?? 0;
  return [subjects.size + accounts, bindings.size, roles.size, pods, input.permissions.length].some((n) => n > rows);
}

function saId(sa: { namespace: string; name: string }): NodeId {
  return nodeId({ kind: 'ServiceAccount', namespace: sa.namespace, name: sa.name });
}

function podId(p: EffectivePod): NodeId {
  return nodeId({ kind: 'Pod', namespace: p.namespace, name: p.name });
}

interface RoleInfo {
  id: NodeId;
  ref: ObjectRef;
  /** index of the highest-ranked subject holding it */
  best: number;
  holders: Set<number>;
  bindings: Map<NodeId, ObjectRef>;
  clusterWide: boolean;
  permissions: Set<NodeId>;
  rules: Set<number>;
}

class Drawing {
  readonly nodes = new Map<NodeId, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();
  readonly groups: SummaryGroup[] = [];
  /** every binding a 'holds' edge stands for (the edge keeps the first few) */
  private readonly via = new Map<string, Set<NodeId>>();

  add(node: GraphNode): GraphNode {
    const found = this.nodes.get(node.id);
    if (found) return found;
    this.nodes.set(node.id, node);
    return node;
  }

  ref(ref: ObjectRef | SubjectRef): GraphNode {
    const id = nodeId(ref);
    const node: GraphNode = { id, kind: ref.kind as NodeKind, label: ref.name };
    if (ref.namespace !== undefined && isNamespacedKind(ref.kind)) node.namespace = ref.namespace;
    return this.add(node);
  }

  group(key: string, label: string, detail: string, members: number, kinds: Partial<Record<NodeKind, number>>, next: number, sample: string[], namespace?: string): GraphNode {
    const id = groupNodeId(key);
    this.groups.push({ key, id, label, members, next });
    return this.add({
      id,
      kind: 'Collapsed',
      label,
      detail,
      ...(namespace !== undefined ? { namespace } : {}),
      group: { key, members, kinds, expandable: next > 0, ...(sample.length ? { sample } : {}) },
    });
  }

  edge(source: NodeId, target: NodeId, relation: GraphEdge['relation'], extra: { clusterWide?: boolean; via?: NodeId[]; members?: number } = {}): void {
    const id = `${source}->${target}`;
    let e = this.edges.get(id);
    if (!e) this.edges.set(id, (e = { id, source, target, relation }));
    if (extra.clusterWide) e.clusterWide = true;
    if (extra.members) e.count = (e.count ?? 0) + extra.members;
    if (extra.via) {
      let all = this.via.get(id);
      if (!all) this.via.set(id, (all = new Set()));
      for (const b of extra.via) all.add(b);
      e.via = [...all].slice(0, VIA_KEPT);
      if (all.size > 1) e.count = all.size;
    }
  }

  build(): Graph {
    return { nodes: [...this.nodes.values()], edges: [...this.edges.values()] };
  }
}

/** How a role is bound: "1 ClusterRoleBinding" (named like the role), "RoleBinding team-a/jane-edit", "2 ClusterRoleBindings, 46 RoleBindings". */
function bindingsText(role: ObjectRef, bindings: ReadonlyMap<NodeId, ObjectRef>): string {
  if (bindings.size === 1) {
    const b = [...bindings.values()][0]!;
    return b.name === role.name ? `1 ${b.kind}` : `via ${b.name}`;
  }
  const byKind = new Map<string, number>();
  for (const b of bindings.values()) byKind.set(b.kind, (byKind.get(b.kind) ?? 0) + 1);
  return [...byKind].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, n]) => count(n, k)).join(', ');
}

/**
 * One node per set of permissions that some role (or the role group) allows, so that a preset's
 * requests do not multiply the edges: "get, list, watch secrets" when a role allows all three.
 */
function permissionSets(d: Drawing, permissions: AnswerGraphInput['permissions'], sets: readonly { from: NodeId; allows: ReadonlySet<NodeId> }[], members: ReadonlyMap<NodeId, number>): void {
  const order = new Map(permissions.map((p, i) => [p.id, i]));
  const labels = new Map(permissions.map((p) => [p.id, p.label]));
  for (const { from, allows } of sets) {
    const ids = [...allows].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    let target: NodeId;
    if (ids.length === 1) {
      target = ids[0]!;
      d.add({ id: target, kind: 'Permission', label: labels.get(target) ?? target });
    } else {
      target = `Permission/${ids.map((id) => labels.get(id) ?? id).join(' | ')}`;
      const compact = compactLabel(ids.map((id) => labels.get(id) ?? id));
      const all = ids.length === permissions.length;
      const label = compact.length <= 32 ? compact : all ? `all ${ids.length} requests` : `${ids.length} of the ${permissions.length} requests`;
      d.add({ id: target, kind: 'Permission', label, ...(label !== compact ? { detail: compact } : {}) });
    }
    d.edge(from, target, 'allows', members.has(from) ? { members: members.get(from)! } : {});
  }
}

/** The whole graph with one permission node per set of permissions a role allows (see permissionSets). */
function mergePermissions(graph: Graph, permissions: AnswerGraphInput['permissions']): Graph {
  if (permissions.length < 2) return graph;
  const d = new Drawing();
  const allows = new Map<NodeId, Set<NodeId>>();
  for (const e of graph.edges) {
    if (e.relation !== 'allows') continue;
    const set = allows.get(e.source);
    if (set) set.add(e.target);
    else allows.set(e.source, new Set([e.target]));
  }
  for (const n of graph.nodes) if (n.kind !== 'Permission') d.add(n);
  for (const e of graph.edges) if (e.relation !== 'allows') d.edges.set(e.id, e);
  permissionSets(d, permissions, [...allows].map(([from, set]) => ({ from, allows: set })), new Map());
  return d.build();
}

/** "get secrets", "list secrets" -> "get, list secrets"; different resources joined with "; ". */
export function compactLabel(labels: readonly string[]): string {
  const byRest = new Map<string, string[]>();
  for (const l of labels) {
    const space = l.indexOf(' ');
    const verb = space > 0 ? l.slice(0, space) : l;
    const rest = space > 0 ? l.slice(space + 1) : '';
    const list = byRest.get(rest);
    if (list) list.push(verb);
    else byRest.set(rest, [verb]);
  }
  return [...byRest].map(([rest, verbs]) => `${verbs.join(', ')}${rest ? ` ${rest}` : ''}`).join('; ');
}

function kindsOf(items: readonly { kind: string }[]): Partial<Record<NodeKind, number>> {
  const kinds: Partial<Record<NodeKind, number>> = {};
  for (const i of items) kinds[i.kind as NodeKind] = (kinds[i.kind as NodeKind] ?? 0) + 1;
  return kinds;
}

/** "41 service accounts" when one kind, else "41 subjects" and "38 service accounts + 3 others". */
function subjectsLabel(members: readonly SubjectRef[]): { label: string; breakdown: string } {
  const kinds = (Object.entries(kindsOf(members)) as [string, number][]).sort((a, b) => b[1] - a[1]);
  if (kinds.length === 1) return { label: count(members.length, kinds[0]![0], kindsWord(kinds[0]![0])), breakdown: '' };
  const [kind, n] = kinds[0]!;
  return { label: `${members.length} subjects`, breakdown: `${count(n, kind, kindsWord(kind))} +${members.length - n} other${members.length - n === 1 ? '' : 's'}` };
}

function kindsWord(kind: string): string {
  return kind === 'ServiceAccount' ? 'service account' : kind === 'User' ? 'user' : kind === 'Group' ? 'group' : kind;
}

function label(ref: ObjectRef): string {
  return ref.namespace !== undefined ? `${ref.namespace}/${ref.name}` : ref.name;
}

function summarize(input: AnswerGraphInput, rows: number, pages: ReadonlyMap<string, number>): AnswerDrawing {
  const subjects = input.subjects;
  const d = new Drawing();

  // roles, ranked by their highest-ranked holder, then by how many hold them
  const roles = new Map<NodeId, RoleInfo>();
  subjects.forEach((s, i) => {
    for (const g of s.grants) {
      const id = nodeId(g.role);
      let r = roles.get(id);
      if (!r) roles.set(id, (r = { id, ref: g.role, best: i, holders: new Set(), bindings: new Map(), clusterWide: false, permissions: new Set(), rules: new Set() }));
      r.holders.add(i);
      r.bindings.set(nodeId(g.binding), g.binding);
      r.permissions.add(g.permission);
      r.rules.add(g.ruleIndex);
      if (isClusterGrant(g)) r.clusterWide = true;
    }
  });
  const ranked = [...roles.values()].sort((a, b) => a.best - b.best || b.holders.size - a.holders.size || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const roleBudget = Math.floor(rows / 2);
  const opened = roleBudget + ROLE_PAGE * (pages.get(ROLES_GROUP) ?? 0);
  // a group of one role takes the row the role would: draw it
  const roleSlots = ranked.length <= opened + 1 ? ranked.length : opened;
  const shown = ranked.slice(0, roleSlots);
  const hiddenRoles = ranked.slice(roleSlots);
  const roleRank = new Map(shown.map((r, i) => [r.id, i]));
  const roleTarget = (id: NodeId) => (roleRank.has(id) ? id : groupNodeId(ROLES_GROUP));

  // each subject's group: the best-ranked drawn role that grants it
  const groupKey = subjects.map((s) => {
    let best: NodeId | undefined;
    for (const g of s.grants) {
      const id = nodeId(g.role);
      if (roleRank.has(id) && (best === undefined || roleRank.get(id)! < roleRank.get(best)!)) best = id;
    }
    return best !== undefined ? `subjects:${best}` : OTHER_SUBJECTS;
  });
  // named: the longest prefix that leaves room for one node per remaining group
  const suffixGroups: number[] = new Array<number>(subjects.length + 1).fill(0);
  const seen = new Set<string>();
  for (let i = subjects.length - 1; i >= 0; i--) {
    seen.add(groupKey[i]!);
    suffixGroups[i] = seen.size;
  }
  let named = 0;
  for (let n = subjects.length; n >= 0; n--) {
    if (n + suffixGroups[n]! <= rows) {
      named = n;
      break;
    }
  }
  const isNamed = subjects.map((_, i) => i < named);
  const hiddenBy = new Map<string, number[]>();
  subjects.forEach((_, i) => {
    if (i < named) return;
    const list = hiddenBy.get(groupKey[i]!);
    if (list) list.push(i);
    else hiddenBy.set(groupKey[i]!, [i]);
  });
  for (const [key, members] of hiddenBy) {
    // a group of one takes the row its member would: name it
    const open = members.length === 1 ? 1 : Math.min(members.length, SUBJECT_PAGE * (pages.get(key) ?? 0));
    for (const i of members.splice(0, open)) isNamed[i] = true;
  }

  // roles, and the permissions they allow (one node per set of permissions)
  const sets: { from: NodeId; allows: ReadonlySet<NodeId> }[] = [];
  const groupMembers = new Map<NodeId, number>();
  for (const r of shown) {
    const node = d.ref(r.ref);
    node.detail = bindingsText(r.ref, r.bindings);
    node.matchedRules = [...r.rules].sort((a, b) => a - b);
    if (r.clusterWide) node.clusterWide = true;
    sets.push({ from: r.id, allows: r.permissions });
  }
  if (hiddenRoles.length > 0) {
    const kinds = kindsOf(hiddenRoles.map((r) => r.ref));
    const next = Math.min(ROLE_PAGE, hiddenRoles.length);
    const holders = new Set(hiddenRoles.flatMap((r) => [...r.holders]));
    const node = d.group(ROLES_GROUP, `${hiddenRoles.length} more roles`, `held by ${count(holders.size, 'subject', 'subject')}`, hiddenRoles.length, kinds, next, hiddenRoles.slice(0, SAMPLE).map((r) => label(r.ref)));
    if (hiddenRoles.some((r) => r.clusterWide)) node.clusterWide = true;
    sets.push({ from: node.id, allows: new Set(hiddenRoles.flatMap((r) => [...r.permissions])) });
    groupMembers.set(node.id, hiddenRoles.length);
  }
  permissionSets(d, input.permissions, sets, groupMembers);

  // subjects by name, then the groups of the others
  const anchor = new Map<string, NodeId>();
  subjects.forEach((s, i) => {
    if (!isNamed[i]) return;
    const node = d.ref(s);
    anchor.set(nodeId(s), node.id);
    for (const g of s.grants) {
      const clusterWide = isClusterGrant(g);
      if (clusterWide) node.clusterWide = true;
      d.edge(node.id, roleTarget(nodeId(g.role)), 'holds', { clusterWide, via: [nodeId(g.binding)] });
    }
  });
  for (const [key, members] of hiddenBy) {
    if (members.length === 0) continue;
    const refs = members.map((i) => subjects[i]!);
    const { label: text, breakdown } = subjectsLabel(refs);
    const next = Math.min(SUBJECT_PAGE, members.length);
    const node = d.group(key, text, breakdown, members.length, kindsOf(refs), next, refs.slice(0, SAMPLE).map(label));
    for (const s of refs) {
      anchor.set(nodeId(s), node.id);
      const targets = new Map<NodeId, boolean>();
      for (const g of s.grants) {
        const t = roleTarget(nodeId(g.role));
        targets.set(t, (targets.get(t) ?? false) || isClusterGrant(g));
      }
      for (const [t, clusterWide] of targets) {
        if (clusterWide) node.clusterWide = true;
        d.edge(node.id, t, 'holds', { clusterWide, members: 1 });
      }
    }
  }

  if (input.effective) drawEffective(d, input.effective, subjects, anchor, pages);
  const totalNamed = isNamed.filter(Boolean).length;
  return { graph: d.build(), summarized: true, groups: d.groups, namedSubjects: totalNamed, totalSubjects: subjects.length };
}

/** Effective service accounts under the subject (or subject group) that allows them; pods per drawn account. */
function drawEffective(d: Drawing, effective: EffectiveAnswer, subjects: readonly AnswerSubject[], anchor: ReadonlyMap<string, NodeId>, pages: ReadonlyMap<string, number>): void {
  const rank = new Map(subjects.map((s, i) => [nodeId(s), i]));
  const podsOf = new Map<NodeId, EffectivePod[]>();
  for (const p of effective.pods) {
    const id = saId({ namespace: p.namespace, name: p.serviceAccount });
    const list = podsOf.get(id);
    if (list) list.push(p);
    else podsOf.set(id, [p]);
  }
  const drawPods = (sa: NodeId) => {
    const pods = podsOf.get(sa) ?? [];
    if (pods.length === 0) return;
    const key = `pods:${sa}`;
    const open = pods.length === 1 ? 1 : Math.min(pods.length, SUBJECT_PAGE * (pages.get(key) ?? 0));
    for (const p of pods.slice(0, open)) d.edge(d.ref({ kind: 'Pod', namespace: p.namespace, name: p.name }).id, sa, 'runs-as');
    const rest = pods.slice(open);
    if (rest.length === 0) return;
    const next = Math.min(SUBJECT_PAGE, rest.length);
    const mounted = rest.filter((p) => p.automountServiceAccountToken).length;
    const node = d.group(key, count(rest.length, 'Pod', 'pod'), `${mounted} with a token`, rest.length, { Pod: rest.length }, next, rest.slice(0, SAMPLE).map((p) => p.name), rest[0]!.namespace);
    d.edge(node.id, sa, 'runs-as', { members: rest.length });
  };

  // accounts that are subjects themselves: their pods, when the account is drawn by name
  const byAnchor = new Map<string, EffectiveServiceAccount[]>();
  for (const sa of effective.serviceAccounts) {
    const id = saId(sa);
    if (rank.has(id)) {
      if (d.nodes.has(id)) drawPods(id);
      continue;
    }
    // the highest-ranked subject it is allowed through
    let best: NodeId | undefined;
    for (const v of sa.via) {
      const vid = nodeId(v);
      if (rank.has(vid) && (best === undefined || rank.get(vid)! < rank.get(best)!)) best = vid;
    }
    if (best === undefined) continue;
    const list = byAnchor.get(best);
    if (list) list.push(sa);
    else byAnchor.set(best, [sa]);
  }
  for (const [via, accounts] of byAnchor) {
    const target = anchor.get(via);
    if (!target) continue;
    const key = `effective:${via}`;
    const open = accounts.length === 1 ? 1 : Math.min(accounts.length, SUBJECT_PAGE * (pages.get(key) ?? 0));
    for (const sa of accounts.slice(0, open)) {
      const node = d.ref({ kind: 'ServiceAccount', namespace: sa.namespace, name: sa.name });
      d.edge(node.id, target, 'member-of');
      drawPods(node.id);
    }
    const rest = accounts.slice(open);
    if (rest.length === 0) continue;
    const pods = rest.flatMap((sa) => podsOf.get(saId(sa)) ?? []);
    const mounted = pods.filter((p) => p.automountServiceAccountToken).length;
    const next = Math.min(SUBJECT_PAGE, rest.length);
    const node = d.group(
      key,
      count(rest.length, 'ServiceAccount', 'service account'),
      `${count(pods.length, 'Pod', 'pod')}, ${mounted} with a token`,
      rest.length,
      { ServiceAccount: rest.length },
      next,
      rest.slice(0, SAMPLE).map((sa) => `${sa.namespace}/${sa.name}`),
    );
    d.edge(node.id, target, 'member-of', { members: rest.length });
  }
}

/**
 * The part of an answer on some path through `id`: a subject (with the service accounts allowed
 * through it), a binding or role (the grants through it), a permission, or a pod or service account
 * of the effective view. Undefined when `id` is not in the answer.
 */
export function focusAnswer(input: AnswerGraphInput, id: NodeId): AnswerGraphInput | undefined {
  const effective = input.effective;
  const podSa = effective?.pods.find((p) => podId(p) === id);
  const saFocus = podSa ? saId({ namespace: podSa.namespace, name: podSa.serviceAccount }) : id;
  const effSa = effective?.serviceAccounts.find((sa) => saId(sa) === saFocus);

  let subjects: AnswerSubject[];
  if (input.subjects.some((s) => nodeId(s) === saFocus)) {
    subjects = input.subjects.filter((s) => nodeId(s) === saFocus);
  } else if (effSa) {
    const via = new Set(effSa.via.map((v) => nodeId(v)));
    subjects = input.subjects.filter((s) => via.has(nodeId(s)));
  } else {
    const keep = (g: AnswerSubject['grants'][number]) => nodeId(g.role) === id || nodeId(g.binding) === id || g.permission === id;
    subjects = input.subjects.map((s) => ({ ...s, grants: s.grants.filter(keep) })).filter((s) => s.grants.length > 0);
  }
  if (subjects.length === 0) return undefined;
  const permissions = new Set(subjects.flatMap((s) => s.grants.map((g) => g.permission)));
  const out: AnswerGraphInput = { permissions: input.permissions.filter((p) => permissions.has(p.id)), subjects };
  if (effective) {
    const kept = new Set(subjects.map((s) => nodeId(s)));
    let accounts = effective.serviceAccounts
      .map((sa) => ({ ...sa, via: sa.via.filter((v) => kept.has(nodeId(v))) }))
      .filter((sa) => sa.via.length > 0);
    if (effSa) accounts = accounts.filter((sa) => saId(sa) === saFocus);
    const accountIds = new Set(accounts.map(saId));
    let pods = effective.pods.filter((p) => accountIds.has(saId({ namespace: p.namespace, name: p.serviceAccount })));
    if (podSa) pods = pods.filter((p) => podId(p) === id);
    out.effective = { serviceAccounts: accounts, pods };
  }
  return out;
}

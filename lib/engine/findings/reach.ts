// Reach: a permission that lets the subject act as ServiceAccounts (create pods, exec, mint tokens,
// read token Secrets) is worth as much as the strongest ServiceAccount it reaches. Severities are
// raised to a fixpoint, so chains (A creates pods where B runs, B execs where C runs) are followed.
import { CLUSTER_SCOPE } from '../query-index';
import { ALL_SERVICE_ACCOUNTS, subjectRefKey } from '../subjects';
import { FINDING_IDS } from './catalog';
import type { Draft, ReachMode } from './check';
import type { FindingContext, ServiceAccountInfo } from './context';
import { maxSeverity, severityRank, shiftSeverity } from './severity';
import type { FindingReach, ReachedServiceAccount, Severity } from './types';

interface Strength {
  severity: Severity;
  /** the strongest severity the subject holds on its own, before reach raised anything */
  direct: Severity;
  kinds: string[];
}

interface Ranked {
  sa: ServiceAccountInfo;
  strength: Strength;
}

interface Pool {
  count: number;
  /** strongest first, at most TOP + 1 (so that the subject itself can be skipped) */
  top: Ranked[];
}

const TOP = 3;

export const REACH_TEXT: Record<ReachMode, string> = {
  namespace: 'can run pods or get tokens as any ServiceAccount in scope',
  pods: 'can run commands in pods that mount their ServiceAccount token',
  'legacy-token': 'can read the legacy token Secrets of ServiceAccounts in scope',
};

function merge(a: Strength | undefined, b: Strength | undefined): Strength | undefined {
  if (!a) return b;
  if (!b) return a;
  const direct = maxSeverity(a.direct, b.direct);
  const d = severityRank(a.severity) - severityRank(b.severity);
  if (d > 0) return a.direct === direct ? a : { ...a, direct };
  if (d < 0) return b.direct === direct ? b : { ...b, direct };
  const kinds = unionKinds(a.kinds, b.kinds);
  // cluster-admin says it all (it absorbs the other kinds in the report too)
  return { severity: a.severity, direct, kinds: kinds.includes(FINDING_IDS.ClusterAdmin) ? [FINDING_IDS.ClusterAdmin] : kinds };
}

/** The sorted union of two sorted, duplicate-free lists (the same list when one holds the other). */
function unionKinds(a: string[], b: string[]): string[] {
  if (a === b) return a;
  if (b.length === 1) {
    // the common case: one more finding of a subject (strengths adds them one kind at a time)
    const k = b[0]!;
    if (a.includes(k)) return a;
    const i = a.findIndex((x) => x > k);
    return i < 0 ? [...a, k] : [...a.slice(0, i), k, ...a.slice(i)];
  }
  return [...new Set([...a, ...b])].sort();
}

/** The strongest permission finding of every subject (`keys[i]`: the subject key of drafts[i], or undefined). */
function strengths(drafts: readonly Draft[], keys: readonly (string | undefined)[]): Map<string, Strength> {
  const out = new Map<string, Strength>();
  for (let i = 0; i < drafts.length; i++) {
    const key = keys[i];
    if (key === undefined) continue;
    const { finding, steps } = drafts[i]!;
    const direct = steps === 0 ? finding.baseSeverity : shiftSeverity(finding.baseSeverity, steps);
    out.set(key, merge(out.get(key), { severity: finding.severity, direct, kinds: [finding.ruleId] })!);
  }
  return out;
}

/**
 * What a ServiceAccount's token is worth: its own findings and those of the groups every
 * ServiceAccount token carries. system:authenticated is left out: whoever steals the token had it already.
 */
function tokenStrength(sa: ServiceAccountInfo, map: Map<string, Strength>): Strength | undefined {
  return merge(merge(map.get(sa.key), map.get(`Group/${ALL_SERVICE_ACCOUNTS}:${sa.namespace}`)), map.get(`Group/${ALL_SERVICE_ACCOUNTS}`));
}

function eligible(mode: ReachMode, sa: ServiceAccountInfo): boolean {
  return mode === 'namespace' || (mode === 'pods' ? sa.tokenMounted : sa.legacyTokenSecrets);
}

/** Strongest first: by severity, then by power held directly (not through reach), then cluster-admin, then breadth. */
function rank(a: Ranked, b: Ranked): number {
  const admin = (r: Ranked) => (r.strength.kinds.includes(FINDING_IDS.ClusterAdmin) ? 1 : 0);
  return (
    severityRank(b.strength.severity) - severityRank(a.strength.severity) ||
    severityRank(b.strength.direct) - severityRank(a.strength.direct) ||
    admin(b) - admin(a) ||
    b.strength.kinds.length - a.strength.kinds.length ||
    (a.sa.key < b.sa.key ? -1 : a.sa.key > b.sa.key ? 1 : 0)
  );
}

function pools(ctx: FindingContext, mode: ReachMode, map: Map<string, Strength>): { cluster: Pool; byNamespace: Map<string, Pool> } {
  const cluster: Pool = { count: 0, top: [] };
  const byNamespace = new Map<string, Pool>();
  const push = (pool: Pool, r: Ranked | undefined) => {
    pool.count++;
    if (!r) return;
    // most ServiceAccounts rank below a full list: skip the sort for them
    if (pool.top.length > TOP && rank(r, pool.top[TOP]!) >= 0) return;
    pool.top.push(r);
    pool.top.sort(rank);
    if (pool.top.length > TOP + 1) pool.top.pop();
  };
  for (const sa of ctx.serviceAccounts) {
    if (!eligible(mode, sa)) continue;
    const strength = tokenStrength(sa, map);
    const r = strength ? { sa, strength } : undefined;
    let pool = byNamespace.get(sa.namespace);
    if (!pool) byNamespace.set(sa.namespace, (pool = { count: 0, top: [] }));
    push(pool, r);
    push(cluster, r);
  }
  return { cluster, byNamespace };
}

/** Raises reach findings to the strongest ServiceAccount they reach, until nothing changes. */
export function applyReach(ctx: FindingContext, drafts: Draft[]): void {
  const keys = drafts.map((d) => (d.finding.subject ? subjectRefKey(d.finding.subject) : undefined));
  const reachDrafts: { d: Draft; key: string | undefined }[] = [];
  drafts.forEach((d, i) => d.reach && reachDrafts.push({ d, key: keys[i] }));
  if (reachDrafts.length === 0) return;
  const infoByKey = new Map(ctx.serviceAccounts.map((sa) => [sa.key, sa]));
  for (let round = 0; round < 8; round++) {
    const map = strengths(drafts, keys);
    const byMode = new Map<ReachMode, ReturnType<typeof pools>>();
    let changed = false;
    for (const { d, key } of reachDrafts) {
      const mode = d.reach!;
      let p = byMode.get(mode);
      if (!p) byMode.set(mode, (p = pools(ctx, mode, map)));
      const f = d.finding;
      const pool = f.scope === CLUSTER_SCOPE ? p.cluster : (p.byNamespace.get(f.scope) ?? { count: 0, top: [] });
      const selfKey = f.subject?.kind === 'ServiceAccount' ? key : undefined;
      const self = selfKey ? infoByKey.get(selfKey) : undefined;
      const selfCounted = self !== undefined && eligible(mode, self) && (f.scope === CLUSTER_SCOPE || self.namespace === f.scope);
      const strongest: ReachedServiceAccount[] = pool.top
        .filter((r) => r.sa.key !== selfKey)
        .slice(0, TOP)
        .map((r) => ({ namespace: r.sa.namespace, name: r.sa.name, severity: r.strength.severity, kinds: r.strength.kinds }));
      const reach: FindingReach = { how: REACH_TEXT[mode], serviceAccounts: pool.count - (selfCounted ? 1 : 0), strongest };
      const own = shiftSeverity(f.baseSeverity, d.steps);
      const severity = strongest[0] ? maxSeverity(own, strongest[0].severity) : own;
      if (severity !== f.severity) changed = true;
      f.severity = severity;
      f.reach = reach;
    }
    if (!changed) break;
  }
}

// Privilege-escalation paths as findings: "this subject can become cluster-admin in N steps" and
// "... root on a node". The paths are those of `rbac-atlas paths` (lib/engine/paths), computed once
// per run (or handed in, prepared, by the web app, which keeps them per snapshot). Who gets a finding:
// - not a subject that holds the sink already (its cluster-admin finding says so), and a path to a
//   node only when it is no longer than the subject's path to cluster-admin (cluster-admin is a
//   node one step later: that finding covers it);
// - a path every member of a group has goes to the group: a subject whose path is no shorter than
//   that of a group the API server puts it in (system:authenticated; a ServiceAccount's
//   system:serviceaccounts and system:serviceaccounts:<ns>) gets no finding of its own, and the
//   group's finding counts it (as findings through groups do; docs/findings.md).
// Severity: the catalogue's (or config's) for short paths, one step lower from 3 steps on.
import { CLUSTER_SCOPE } from '../query-index';
import { ALL_SERVICE_ACCOUNTS, ANONYMOUS, AUTHENTICATED, UNAUTHENTICATED, serviceAccountGroups, subjectRefKey } from '../subjects';
import type { Grant, SubjectRef } from '../types';
import { defaultStarts, findPaths, preparePaths, type Path, type PathStep, type Sink } from '../paths';
import { SINK_TEXT, requestText, routeText, stepsText, subjectText } from '../paths/describe';
import { LONG_PATH } from './catalog';
import type { DerivedCheck, SubjectDraft } from './check';
import { baseSeverity, pathOf, refKey, type FindingContext } from './context';
import { shiftSeverity } from './severity';
import type { FindingPath } from './types';

const SINKS: readonly Sink[] = ['cluster-admin', 'node'];
/** Subjects named in a group finding's note; the count covers all of them. */
const NAMED = 5;

interface PathsOfRun {
  /** subject key -> sink -> the shortest path (absent: no path) */
  bySubject: Map<string, Partial<Record<Sink, Path>>>;
  /** the subjects, in canonical order (binding subjects and ServiceAccounts, then the implicit groups) */
  starts: SubjectRef[];
  warnings: string[];
}

/** The groups the API server puts a subject in (narrowest first): a path they have is theirs, not the subject's. */
export function coveringGroups(s: SubjectRef): string[] {
  switch (s.kind) {
    case 'ServiceAccount':
      return [...serviceAccountGroups(s.namespace!).reverse(), AUTHENTICATED];
    case 'User':
      return s.name === ANONYMOUS ? [UNAUTHENTICATED] : [AUTHENTICATED];
    case 'Group':
      if (s.name === AUTHENTICATED || s.name === UNAUTHENTICATED) return [];
      return s.name.startsWith(`${ALL_SERVICE_ACCOUNTS}:`) ? [ALL_SERVICE_ACCOUNTS, AUTHENTICATED] : [AUTHENTICATED];
  }
}

function pathsOfRun(ctx: FindingContext): PathsOfRun {
  return ctx.once('paths', () => {
    const prepared = ctx.paths ?? preparePaths(ctx.index);
    const starts = defaultStarts(prepared.world);
    const seen = new Set(starts.map(subjectRefKey));
    const groups = [AUTHENTICATED, ALL_SERVICE_ACCOUNTS, ...[...ctx.serviceAccountsByNamespace.keys()].sort().map((ns) => `${ALL_SERVICE_ACCOUNTS}:${ns}`)];
    for (const name of groups) {
      const ref: SubjectRef = { kind: 'Group', name };
      if (!seen.has(subjectRefKey(ref))) starts.push(ref);
    }
    const answer = findPaths(prepared, { starts, sinks: SINKS });
    const bySubject = new Map<string, Partial<Record<Sink, Path>>>();
    for (const p of answer.paths) {
      const key = subjectRefKey(p.from);
      let entry = bySubject.get(key);
      if (!entry) bySubject.set(key, (entry = {}));
      entry[p.to] = p;
    }
    return { bySubject, starts, warnings: answer.warnings };
  });
}

function steps(p: Path | undefined): number | undefined {
  return p?.steps.length;
}

/** Does the subject get a finding for its path to `sink`? */
function reported(run: PathsOfRun, s: SubjectRef, sink: Sink): boolean {
  const own = run.bySubject.get(subjectRefKey(s));
  const d = steps(own?.[sink]);
  if (d === undefined || d === 0) return false;
  if (sink === 'node') {
    const admin = steps(own?.['cluster-admin']);
    if (admin !== undefined && admin < d) return false;
  }
  return coveringGroup(run, s, sink, d) === undefined;
}

/** The first group of the subject whose path to `sink` is as short as `d`, if any. */
function coveringGroup(run: PathsOfRun, s: SubjectRef, sink: Sink, d: number): string | undefined {
  for (const group of coveringGroups(s)) {
    const g = steps(run.bySubject.get(subjectRefKey({ kind: 'Group', name: group }))?.[sink]);
    if (g !== undefined && g <= d) return group;
  }
  return undefined;
}

/** Every grant the path's requests use, as finding paths (one per rule; permissions: the requests). */
function grantPaths(ctx: FindingContext, path: Path): { paths: FindingPath[]; builtin: boolean } {
  const byRule = new Map<string, FindingPath>();
  let builtin = true;
  let grants = 0;
  const add = (grant: Grant | undefined, request: string) => {
    if (!grant) return;
    const entry = ctx.bindingByKey.get(refKey(grant.binding));
    // a binding the path itself creates (after bind or escalate) is not the cluster's doing
    if (entry) {
      grants++;
      if (!ctx.isBuiltinBinding(entry)) builtin = false;
    }
    const key = `${refKey(grant.binding)}\u0000${refKey(grant.role)}\u0000${grant.ruleIndex}`;
    const known = byRule.get(key);
    if (known) {
      if (!known.permissions.includes(request)) known.permissions.push(request);
    } else byRule.set(key, pathOf(ctx, grant, [request]));
  };
  for (const s of path.steps) {
    if (s.request) add(s.grant, requestText(s.request));
    for (const a of s.also ?? []) add(a.grant, requestText(a.request));
  }
  return { paths: [...byRule.values()], builtin: grants > 0 && builtin };
}

function stepPermissions(steps: readonly PathStep[]): string[] {
  const out: string[] = [];
  for (const s of steps) {
    if (s.request) out.push(requestText(s.request));
    for (const a of s.also ?? []) out.push(requestText(a.request));
  }
  return [...new Set(out)];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function pathFindings(ctx: FindingContext, sink: Sink, kind: 'PathToClusterAdmin' | 'PathToNode'): SubjectDraft[] {
  if (ctx.options.kinds && !ctx.options.kinds.includes(kind)) return [];
  const run = pathsOfRun(ctx);
  // subjects whose path is a group's: counted on the group's finding
  const coveredBy = new Map<string, SubjectRef[]>();
  for (const s of run.starts) {
    const own = run.bySubject.get(subjectRefKey(s));
    const d = steps(own?.[sink]);
    if (d === undefined || d === 0) continue;
    // the first group that has the path and a finding of its own
    const group = coveringGroups(s).find((g) => (steps(run.bySubject.get(subjectRefKey({ kind: 'Group', name: g }))?.[sink]) ?? Infinity) <= d && reported(run, { kind: 'Group', name: g }, sink));
    if (group === undefined) continue;
    const list = coveredBy.get(group);
    if (list) list.push(s);
    else coveredBy.set(group, [s]);
  }
  const out: SubjectDraft[] = [];
  for (const s of run.starts) {
    if (!reported(run, s, sink)) continue;
    const path = run.bySubject.get(subjectRefKey(s))![sink]!;
    const n = path.steps.length;
    const base = baseSeverity(ctx, kind, CLUSTER_SCOPE);
    const long = n >= LONG_PATH;
    const { paths, builtin } = grantPaths(ctx, path);
    const notes: string[] = [];
    if (long) notes.push(`a path of ${stepsText(n)}: one severity step below the default`);
    const covered = s.kind === 'Group' ? (coveredBy.get(s.name) ?? []) : [];
    if (covered.length) {
      const named = covered.slice(0, NAMED).map(subjectText).join(', ');
      const more = covered.length > NAMED ? ` and ${covered.length - NAMED} more` : '';
      notes.push(`${plural(covered.length, 'subject')} named in bindings or ServiceAccounts ${covered.length === 1 ? 'has' : 'have'} this path through the group and no finding of ${covered.length === 1 ? 'its' : 'their'} own: ${named}${more}`);
    }
    out.push({
      subject: s,
      scope: CLUSTER_SCOPE,
      severity: long ? shiftSeverity(base, -1) : base,
      baseSeverity: base,
      builtin,
      message: `${subjectText(s)} can become ${SINK_TEXT[sink]} in ${stepsText(n)}: ${routeText(path.steps)}.`,
      permissions: stepPermissions(path.steps),
      paths,
      notes,
      escalation: { to: sink, steps: path.steps },
    });
  }
  return out;
}

/** Notes about what the snapshot left open for the paths (once per run, with the first path kind). */
export function pathNotes(ctx: FindingContext): string[] {
  return pathsOfRun(ctx).warnings.map((w) => `paths: ${w}`);
}

export const pathToClusterAdmin: DerivedCheck<SubjectDraft> = { type: 'derived', run: (ctx) => pathFindings(ctx, 'cluster-admin', 'PathToClusterAdmin') };
export const pathToNode: DerivedCheck<SubjectDraft> = { type: 'derived', run: (ctx) => pathFindings(ctx, 'node', 'PathToNode') };

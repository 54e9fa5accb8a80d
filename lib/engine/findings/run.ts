// scanFindings: every finding kind over an AtlasIndex. Pure; the same in the CLI, the route handlers
// and the browser. One check per kind (checks.ts); the run does what is common to all of them:
//   1. permission kinds: probes answered by who-can, grouped per (subject, scope)
//   2. privileged namespaces: configured, plus those whose ServiceAccounts hold critical cluster power
//   3. severities: catalogue/config per scope, adjustments, then reach to a fixpoint
//   4. derived kinds (identity, workload, hygiene), built on the permission findings
//   5. a cluster-admin finding absorbs the same subject's other permission findings
//   6. ids, titles and pods filled in; built-in findings hidden unless asked for; sorted critical first
import type { PreparedPaths } from '../paths';
import type { AtlasIndex } from '../query-index';
import { CLUSTER_SCOPE } from '../query-index';
import { subjectRefKey } from '../subjects';
import { FINDING_CATALOG, FINDING_KINDS, type FindingKind, type ObjectFindingKind, type SubjectFindingKind } from './catalog';
import { findingId, type Draft, type ObjectDraft, type PermissionCheck, type SubjectDraft } from './check';
import { CHECKS } from './checks';
import { baseSeverity, bindingsText, buildContext, podsOf, refKey, scopeText, subjectText, type FindingContext } from './context';
import { bySubject } from './derived';
import { groupReach, inheritedGrants, inheritedNote, serviceAccountGroupNamespace } from './groups';
import { collect, type Accumulator } from './probes';
import { restrictedNames } from './rbac-escalation';
import { applyReach } from './reach';
import { compareSeverityDesc, severityRank, shiftSeverity } from './severity';
import type { Finding, FindingsOptions, FindingsResult, ObjectFinding, SubjectFinding } from './types';

const MESSAGE_PERMISSIONS = 4;

interface Permission {
  kind: SubjectFindingKind;
  check: PermissionCheck;
}

/** The permission checks, in catalogue order. */
function permissionChecks(): Permission[] {
  const out: Permission[] = [];
  for (const kind of FINDING_KINDS) {
    const check = CHECKS[kind];
    if (check.type === 'permission') out.push({ kind: kind as SubjectFindingKind, check });
  }
  return out;
}

function qualifying(ctx: FindingContext, check: PermissionCheck, accs: Accumulator[]): Accumulator[] {
  return accs.filter((acc) => (!check.qualifies || check.qualifies(acc.permissions)) && (!check.inScope || check.inScope(ctx, acc.scope)));
}

/** Namespaces whose ServiceAccounts hold critical power cluster-wide (default severities, before reach). */
function detectPrivileged(ctx: FindingContext, collected: [Permission, Accumulator[]][]): string[] {
  const found = new Set<string>();
  for (const [{ kind, check }, accs] of collected) {
    if (check.inScope) continue; // scope-dependent kinds are decided after this
    for (const acc of accs) {
      if (acc.scope !== CLUSTER_SCOPE) continue;
      // a namespace's ServiceAccounts: named one by one, or all of them as system:serviceaccounts:<ns>
      const ns = acc.subject.kind === 'ServiceAccount' ? acc.subject.namespace : acc.subject.kind === 'Group' ? serviceAccountGroupNamespace(acc.subject.name) : undefined;
      if (ns === undefined) continue;
      if (check.qualifies && !check.qualifies(acc.permissions)) continue;
      const severity = shiftSeverity(baseSeverity(ctx, kind, CLUSTER_SCOPE), check.adjust?.(ctx, acc)?.steps ?? 0);
      if (severity === 'critical' && !ctx.privileged.has(ns)) found.add(ns);
    }
  }
  return [...found].sort();
}

function draftOf(ctx: FindingContext, { kind, check }: Permission, acc: Accumulator): Draft<SubjectFinding> {
  const info = FINDING_CATALOG[kind];
  const base = baseSeverity(ctx, kind, acc.scope);
  const adjustment = check.adjust?.(ctx, acc);
  const paths = [...acc.paths.values()];
  const permissions = [...acc.permissions].sort();
  const finding: SubjectFinding = {
    target: 'subject',
    id: findingId(info.id, subjectRefKey(acc.subject), acc.scope),
    kind,
    ruleId: info.id,
    title: info.title,
    severity: shiftSeverity(base, adjustment?.steps ?? 0),
    baseSeverity: base,
    builtin: paths.length > 0 && paths.every((p) => p.builtin),
    scope: acc.scope,
    subject: acc.subject,
    message: '',
    permissions,
    paths,
    notes: adjustment ? [adjustment.note] : [],
  };
  const names = restrictedNames(acc);
  if (names) finding.resourceNames = names;
  return { finding, steps: adjustment?.steps ?? 0, ...(check.reach && !adjustment?.noReach ? { reach: check.reach } : {}) };
}

function permissionMessage(kind: FindingKind, check: PermissionCheck, f: SubjectFinding): string {
  const shown = f.permissions.slice(0, MESSAGE_PERMISSIONS).join(', ');
  const more = f.permissions.length > MESSAGE_PERMISSIONS ? ` and ${f.permissions.length - MESSAGE_PERMISSIONS} more` : '';
  const what = kind === 'ClusterAdmin' || kind === 'NamespaceAdmin' ? '' : ` (${shown}${more})`;
  return `${subjectText(f.subject)} ${check.action}${what} ${scopeText(f.scope)} through ${bindingsText(f.paths)}.`;
}

function reachNote(d: Draft<SubjectFinding>): string | undefined {
  const f = d.finding;
  const reach = f.reach;
  const top = reach?.strongest[0];
  if (!reach || !top || severityRank(top.severity) <= severityRank(shiftSeverity(f.baseSeverity, d.steps))) return undefined;
  return `raised to ${top.severity}: it ${reach.how} (${reach.serviceAccounts}), the strongest being ServiceAccount ${top.namespace}/${top.name} (${top.kinds.join(', ')})`;
}

/** A derived check's finding with what the run adds: kind, id, rule id, title and the defaults. */
function stamp(kind: FindingKind, d: SubjectDraft | ObjectDraft): Finding {
  const info = FINDING_CATALOG[kind];
  const common = {
    ruleId: info.id,
    title: info.title,
    baseSeverity: d.baseSeverity ?? d.severity,
    builtin: d.builtin ?? (d.paths.length > 0 && d.paths.every((p) => p.builtin)),
    notes: d.notes ?? [],
  };
  // checks.ts types each kind's check by the catalogue's target, so the draft has the matching half
  if (d.object !== undefined) {
    const f: ObjectFinding = { ...d, ...common, target: 'object', kind: kind as ObjectFindingKind, id: findingId(info.id, refKey(d.object), d.scope) };
    return f;
  }
  const f: SubjectFinding = { ...(d as SubjectDraft), ...common, target: 'subject', kind: kind as SubjectFindingKind, id: findingId(info.id, subjectRefKey((d as SubjectDraft).subject), d.scope) };
  return f;
}

const KIND_ORDER = new Map(FINDING_KINDS.map((k, i) => [k, i]));

function compareFindings(a: Finding, b: Finding): number {
  return (
    compareSeverityDesc(a.severity, b.severity) ||
    KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! ||
    (a.scope === CLUSTER_SCOPE ? 0 : 1) - (b.scope === CLUSTER_SCOPE ? 0 : 1) ||
    (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** A cluster-admin finding absorbs the subject's other permission findings; a namespace-admin finding those in its namespace. */
function absorbIntoAdmins(drafts: readonly Draft<SubjectFinding>[]): Draft<SubjectFinding>[] {
  const clusterAdmins = new Map<string, SubjectFinding>();
  const namespaceAdmins = new Map<string, SubjectFinding>();
  for (const { finding: f } of drafts) {
    if (f.kind === 'ClusterAdmin') clusterAdmins.set(subjectRefKey(f.subject), f);
    if (f.kind === 'NamespaceAdmin') namespaceAdmins.set(`${f.scope}\u0000${subjectRefKey(f.subject)}`, f);
  }
  const absorbed = new Map<SubjectFinding, Set<string>>();
  const kept = drafts.filter(({ finding: f }) => {
    if (f.kind === 'ClusterAdmin') return true;
    const key = subjectRefKey(f.subject);
    const admin = clusterAdmins.get(key) ?? (f.kind === 'NamespaceAdmin' ? undefined : namespaceAdmins.get(`${f.scope}\u0000${key}`));
    if (!admin) return true;
    let set = absorbed.get(admin);
    if (!set) absorbed.set(admin, (set = new Set()));
    set.add(f.ruleId);
    return false;
  });
  for (const [admin, set] of absorbed) admin.notes.push(`also covers: ${[...set].sort().join(', ')}`);
  return kept;
}

/** `paths`: the paths engine prepared for this index, if the caller keeps one (else it is prepared here). */
export function scanFindings(index: AtlasIndex, options: FindingsOptions = {}, paths?: PreparedPaths): FindingsResult {
  const ctx = buildContext(index, options, paths);

  // 1-2. permission kinds (always all of them: reach needs every ServiceAccount's strength)
  const collected: [Permission, Accumulator[]][] = permissionChecks().map((p) => [p, collect(ctx, p.check.probes(ctx), { named: p.check.named })]);
  const detected = detectPrivileged(ctx, collected);
  detected.forEach((ns) => ctx.privileged.add(ns));

  // 3. severities
  const permissionDrafts: Draft<SubjectFinding>[] = [];
  const permissionOf = new Map<Draft<SubjectFinding>, Permission>();
  for (const [p, accs] of collected) {
    for (const acc of qualifying(ctx, p.check, accs)) {
      const d = draftOf(ctx, p, acc);
      permissionOf.set(d, p);
      permissionDrafts.push(d);
    }
  }
  applyReach(ctx, permissionDrafts);
  for (const d of permissionDrafts) {
    const f = d.finding;
    const p = permissionOf.get(d)!;
    f.message = permissionMessage(p.kind, p.check, f);
    const note = reachNote(d);
    if (note) f.notes.push(note);
  }

  // 4. kinds built on the permission findings
  const permissions = bySubject(permissionDrafts.map((d) => d.finding));
  const derived: Finding[] = [];
  for (const kind of FINDING_KINDS) {
    const check = CHECKS[kind];
    if (check.type === 'derived') for (const d of check.run(ctx, permissions)) derived.push(stamp(kind, d));
  }

  // 5. cluster-admin absorbs
  const kept = absorbIntoAdmins(permissionDrafts);

  // 6. decorate (pods; groups: the accounts they reach, accounts: what they inherit), filter, sort
  const wanted = options.kinds ? new Set(options.kinds) : undefined;
  const reported = kept.map((d) => d.finding);
  const reportedBySubject = bySubject(reported);
  const known = new Set(ctx.serviceAccounts.map((sa) => sa.key));
  const all = [...reported, ...derived].filter((f) => !wanted || wanted.has(f.kind));
  for (const f of all) {
    if (f.target !== 'subject') continue;
    if (f.subject.kind === 'ServiceAccount') {
      const pods = podsOf(ctx, f.subject.namespace!, f.subject.name);
      f.pods = pods;
      f.tokenMounted = pods.some((p) => p.automountServiceAccountToken);
      // a missing ServiceAccount has no token (yet); a cluster-admin one gains nothing
      if (!known.has(subjectRefKey(f.subject)) || f.kind === 'ClusterAdmin') continue;
      const inherited = inheritedGrants(f.subject.namespace!, reportedBySubject);
      if (inherited.length === 0) continue;
      f.inherited = inherited;
      f.notes.push(...inherited.map(inheritedNote));
    } else {
      const reach = groupReach(ctx, f.subject);
      if (!reach) continue;
      f.members = reach.members;
      f.pods = reach.pods;
      f.tokenMounted = reach.pods.some((p) => p.automountServiceAccountToken);
      f.notes.push(reach.note);
    }
  }
  const findings = options.includeBuiltin ? all : all.filter((f) => !f.builtin);
  findings.sort(compareFindings);
  const notes = [...ctx.notes];
  // findings are keyed by the scope word (their JSON says "cluster" for cluster-wide): a namespace with
  // that very name cannot be told apart here, so say so rather than let it pass as cluster-wide
  if (ctx.index.snapshot.roleBindings.some((b) => b.metadata.namespace === CLUSTER_SCOPE)) {
    notes.push(`namespace "${CLUSTER_SCOPE}" has RoleBindings: their findings read scope "${CLUSTER_SCOPE}" and are ranked as cluster-wide ones (the binding kind in each finding's paths tells them apart); can-i, who-can and what-can answer for them exactly`);
  }
  if (detected.length) notes.push(`privileged namespaces detected (their ServiceAccounts hold critical cluster-wide power): ${detected.join(', ')}`);
  return { findings, hiddenBuiltin: all.length - findings.length, privilegedNamespaces: [...ctx.privileged].sort(), notes };
}

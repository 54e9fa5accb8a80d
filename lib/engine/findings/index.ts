// runFindings: every finding kind over an AtlasIndex. Pure; the same in the CLI, the route handlers
// and the browser.
//   1. permission kinds: probes answered by who-can, grouped per (subject, scope)
//   2. privileged namespaces: configured, plus those whose ServiceAccounts hold critical cluster power
//   3. severities: catalogue/config per scope, adjustments, then reach to a fixpoint
//   4. identity, workload and hygiene kinds, built on the permission findings
//   5. a cluster-admin finding absorbs the same subject's other permission findings
//   6. built-in findings hidden unless asked for; sorted critical first
import type { AtlasIndex } from '../query-index';
import { CLUSTER_SCOPE } from '../query-index';
import { subjectRefKey } from '../subjects';
import { findingId, type Draft, type PermissionCheck } from './check';
import { FINDING_CATALOG } from './catalog';
import { clusterAdmin, namespaceAdmin } from './cluster-admin';
import { admissionControl, createPersistentVolumes, modifyStatus, patchNamespaces } from './cluster-resources';
import { approveCsr } from './certificates';
import { baseSeverity, bindingsText, buildContext, podsOf, scopeText, subjectText, type FindingContext } from './context';
import { defaultNamespaceWorkloads, defaultServiceAccountBindings, defaultServiceAccountTokens } from './default-service-account';
import { bySubject } from './derived';
import { danglingBindings, missingServiceAccounts, unusedRoles } from './hygiene';
import { createServiceAccountToken, createWorkloads, execPods, modifyPods, nodesProxy } from './pods';
import { collect, type Accumulator } from './probes';
import { publicAccess } from './public-access';
import { bind, escalate, impersonate, restrictedNames } from './rbac-escalation';
import { applyReach } from './reach';
import { readSecrets, writeSecretsPrivileged } from './secrets';
import { compareSeverityDesc, severityRank, shiftSeverity } from './severity';
import { FINDING_KINDS, type Finding, type FindingKind, type FindingsOptions, type FindingsResult } from './types';
import { wildcardRules } from './wildcard';

export const PERMISSION_CHECKS: readonly PermissionCheck[] = [
  clusterAdmin,
  namespaceAdmin,
  impersonate,
  escalate,
  bind,
  approveCsr,
  nodesProxy,
  createWorkloads,
  execPods,
  modifyPods,
  createServiceAccountToken,
  readSecrets,
  writeSecretsPrivileged,
  admissionControl,
  createPersistentVolumes,
  patchNamespaces,
  modifyStatus,
];

const MESSAGE_PERMISSIONS = 4;

function qualifying(ctx: FindingContext, check: PermissionCheck, accs: Accumulator[]): Accumulator[] {
  return accs.filter((acc) => (!check.qualifies || check.qualifies(acc.permissions)) && (!check.inScope || check.inScope(ctx, acc.scope)));
}

/** Namespaces whose ServiceAccounts hold critical power cluster-wide (default severities, before reach). */
function detectPrivileged(ctx: FindingContext, collected: [PermissionCheck, Accumulator[]][]): string[] {
  const found = new Set<string>();
  for (const [check, accs] of collected) {
    if (check.inScope) continue; // scope-dependent kinds are decided after this
    for (const acc of accs) {
      if (acc.scope !== CLUSTER_SCOPE || acc.subject.kind !== 'ServiceAccount') continue;
      if (check.qualifies && !check.qualifies(acc.permissions)) continue;
      const severity = shiftSeverity(baseSeverity(ctx, check.kind, CLUSTER_SCOPE), check.adjust?.(ctx, acc)?.steps ?? 0);
      if (severity === 'critical' && !ctx.privileged.has(acc.subject.namespace!)) found.add(acc.subject.namespace!);
    }
  }
  return [...found].sort();
}

function draftOf(ctx: FindingContext, check: PermissionCheck, acc: Accumulator): Draft {
  const info = FINDING_CATALOG[check.kind];
  const base = baseSeverity(ctx, check.kind, acc.scope);
  const adjustment = check.adjust?.(ctx, acc);
  const paths = [...acc.paths.values()];
  const permissions = [...acc.permissions].sort();
  const finding: Finding = {
    id: findingId(info.id, subjectRefKey(acc.subject), acc.scope),
    kind: check.kind,
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

function permissionMessage(check: PermissionCheck, f: Finding): string {
  const shown = f.permissions.slice(0, MESSAGE_PERMISSIONS).join(', ');
  const more = f.permissions.length > MESSAGE_PERMISSIONS ? ` and ${f.permissions.length - MESSAGE_PERMISSIONS} more` : '';
  const what = check.kind === 'ClusterAdmin' || check.kind === 'NamespaceAdmin' ? '' : ` (${shown}${more})`;
  return `${subjectText(f.subject!)} ${check.action}${what} ${scopeText(f.scope)} through ${bindingsText(f.paths)}.`;
}

function reachNote(d: Draft): string | undefined {
  const f = d.finding;
  const top = f.reach?.strongest[0];
  if (!top || severityRank(top.severity) <= severityRank(shiftSeverity(f.baseSeverity, d.steps))) return undefined;
  return `raised to ${top.severity}: it ${f.reach!.how} (${f.reach!.serviceAccounts}), the strongest being ServiceAccount ${top.namespace}/${top.name} (${top.kinds.join(', ')})`;
}

function compareFindings(order: Map<FindingKind, number>) {
  return (a: Finding, b: Finding) =>
    compareSeverityDesc(a.severity, b.severity) ||
    order.get(a.kind)! - order.get(b.kind)! ||
    (a.scope === CLUSTER_SCOPE ? 0 : 1) - (b.scope === CLUSTER_SCOPE ? 0 : 1) ||
    (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function scanFindings(index: AtlasIndex, options: FindingsOptions = {}): FindingsResult {
  const ctx = buildContext(index, options);

  // 1-2. permission kinds (always all of them: reach needs every ServiceAccount's strength)
  const collected: [PermissionCheck, Accumulator[]][] = PERMISSION_CHECKS.map((check) => [check, collect(ctx, check.probes(ctx), { named: check.named })]);
  const detected = detectPrivileged(ctx, collected);
  detected.forEach((ns) => ctx.privileged.add(ns));

  // 3. severities
  const permissionDrafts: Draft[] = [];
  const checkOf = new Map<Draft, PermissionCheck>();
  for (const [check, accs] of collected) {
    for (const acc of qualifying(ctx, check, accs)) {
      const d = draftOf(ctx, check, acc);
      checkOf.set(d, check);
      permissionDrafts.push(d);
    }
  }
  applyReach(ctx, permissionDrafts);
  for (const d of permissionDrafts) {
    const f = d.finding;
    f.message = permissionMessage(checkOf.get(d)!, f);
    const note = reachNote(d);
    if (note) f.notes.push(note);
  }

  // 4. kinds built on the permission findings
  const permissionIndex = bySubject(permissionDrafts.map((d) => d.finding));
  const derived: Draft[] = [
    ...publicAccess(ctx, permissionIndex),
    ...defaultServiceAccountBindings(ctx, permissionIndex),
    ...defaultServiceAccountTokens(ctx),
    ...defaultNamespaceWorkloads(ctx),
    ...danglingBindings(ctx),
    ...missingServiceAccounts(ctx, permissionIndex),
    ...unusedRoles(ctx),
    ...wildcardRules(ctx),
  ];

  // 5. cluster-admin absorbs the subject's other permission findings; namespace-admin those in its namespace
  const clusterAdmins = new Map<string, Finding>();
  const namespaceAdmins = new Map<string, Finding>();
  for (const d of permissionDrafts) {
    const f = d.finding;
    if (f.kind === 'ClusterAdmin') clusterAdmins.set(subjectRefKey(f.subject!), f);
    if (f.kind === 'NamespaceAdmin') namespaceAdmins.set(`${f.scope}\u0000${subjectRefKey(f.subject!)}`, f);
  }
  const absorbed = new Map<Finding, Set<string>>();
  const kept = permissionDrafts.filter((d) => {
    const f = d.finding;
    if (f.kind === 'ClusterAdmin') return true;
    const key = subjectRefKey(f.subject!);
    const admin = clusterAdmins.get(key) ?? (f.kind === 'NamespaceAdmin' ? undefined : namespaceAdmins.get(`${f.scope}\u0000${key}`));
    if (!admin) return true;
    let set = absorbed.get(admin);
    if (!set) absorbed.set(admin, (set = new Set()));
    set.add(f.ruleId);
    return false;
  });
  for (const [admin, set] of absorbed) admin.notes.push(`also covers: ${[...set].sort().join(', ')}`);

  // 6. decorate, filter, sort
  const wanted = options.kinds ? new Set(options.kinds) : undefined;
  const all = [...kept, ...derived].map((d) => d.finding).filter((f) => !wanted || wanted.has(f.kind));
  for (const f of all) {
    if (f.subject?.kind !== 'ServiceAccount' || f.pods) continue;
    const pods = podsOf(ctx, f.subject.namespace!, f.subject.name);
    f.pods = pods;
    f.tokenMounted = pods.some((p) => p.automountServiceAccountToken);
  }
  const findings = options.includeBuiltin ? all : all.filter((f) => !f.builtin);
  const order = new Map(FINDING_KINDS.map((k, i) => [k, i]));
  findings.sort(compareFindings(order));
  const notes = [...ctx.notes];
  if (detected.length) notes.push(`privileged namespaces detected (their ServiceAccounts hold critical cluster-wide power): ${detected.join(', ')}`);
  return { findings, hiddenBuiltin: all.length - findings.length, privilegedNamespaces: [...ctx.privileged].sort(), notes };
}

/** The findings of a snapshot index (see scanFindings for counts and notes). */
export function runFindings(index: AtlasIndex, options: FindingsOptions = {}): Finding[] {
  return scanFindings(index, options).findings;
}

export { FINDING_CATALOG, FINDING_IDS, findingKindOf, findingInfo, type FindingInfo, type FindingReference } from './catalog';
export { scanExitCode, countBySeverity, isSeverity, atLeast, severityRank } from './severity';
export { isBuiltinBinding, isBuiltinRole } from './builtin';
export * from './types';

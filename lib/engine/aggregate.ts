// ClusterRole aggregation, exactly as the clusterrole-aggregation controller computes it
// (pkg/controller/clusterroleaggregation/clusterroleaggregation_controller.go, syncClusterRole): for a
// ClusterRole with an aggregationRule, for each selector in order, the ClusterRoles it matches sorted by
// name, the role itself skipped, each of their rules appended unless an equal rule is already there
// (semantic equality: an absent list equals an empty one). The result replaces the role's rules
// entirely; its declared rules are dropped. Aggregated roles can select other aggregated roles
// (admin <- edit <- view) and then see their computed rules, so this runs to a fixed point.
//
// Where the input leaves the answer open, the declared rules are kept and a warning says so: the
// selectors match no other ClusterRole at all (typical of a partial dump), a selector the API server
// would reject (the controller fails on it and leaves the rules alone), or an aggregation cycle whose
// result depends on the order the controller syncs the roles in.
import { short } from './describe';
import type { ClusterRole, Diagnostic, LabelSelector, PolicyRule } from './types';

/** metav1.LabelSelectorAsSelector semantics: an empty selector matches everything. */
export function labelSelectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (!Object.hasOwn(labels, key) || labels[key] !== value) return false;
  }
  for (const req of selector.matchExpressions) {
    const has = Object.hasOwn(labels, req.key);
    const value = has ? labels[req.key] : undefined;
    switch (req.operator) {
      case 'In':
        if (!has || !req.values.includes(value as string)) return false;
        break;
      case 'NotIn':
        if (has && req.values.includes(value as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

// Label syntax (k8s.io/apimachinery/pkg/util/validation: IsQualifiedName, IsValidLabelValue).
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts.length === 2 ? parts[1]! : parts[0]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) return false;
  }
  return name.length > 0 && name.length <= 63 && NAME_PART.test(name);
}

function isValidLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && NAME_PART.test(value));
}

/**
 * Why metav1.LabelSelectorAsSelector (labels.NewRequirement) refuses this selector, or undefined when
 * it is valid: keys must be qualified names and values label values; In and NotIn need values,
 * Exists and DoesNotExist take none.
 */
export function labelSelectorError(selector: LabelSelector): string | undefined {
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (!isQualifiedName(key)) return `matchLabels key "${short(key)}" is not a valid label key`;
    if (!isValidLabelValue(value)) return `matchLabels value "${short(value)}" is not a valid label value`;
  }
  for (const req of selector.matchExpressions) {
    if (!isQualifiedName(req.key)) return `matchExpressions key "${short(req.key)}" is not a valid label key`;
    const unary = req.operator === 'Exists' || req.operator === 'DoesNotExist';
    if (unary && req.values.length > 0) return `matchExpressions "${short(req.key)}" ${req.operator} takes no values`;
    if (!unary && req.values.length === 0) return `matchExpressions "${short(req.key)}" ${req.operator} needs at least one value`;
    const bad = req.values.find((v) => !isValidLabelValue(v));
    if (bad !== undefined) return `matchExpressions value "${short(bad)}" is not a valid label value`;
  }
  return undefined;
}

/** Semantic identity of a rule (rules are normalized: an absent list is an empty one). */
export function ruleKey(rule: PolicyRule): string {
  return JSON.stringify([rule.verbs, rule.apiGroups, rule.resources, rule.resourceNames, rule.nonResourceURLs]);
}

/**
 * A rule in words, for messages: "get,list secrets", "get pods, deployments.apps [web]",
 * "get /healthz, /metrics". Names are shortened and stripped of control characters.
 */
export function ruleSummary(rule: PolicyRule): string {
  const list = (xs: readonly string[], sep = ', ') => xs.map((x) => short(x, 40)).join(sep);
  const verbs = list(rule.verbs, ',');
  if (rule.nonResourceURLs.length > 0) return `${verbs} ${list(rule.nonResourceURLs)}`;
  const resources: string[] = [];
  for (const g of rule.apiGroups) for (const r of rule.resources) resources.push(g === '' ? r : `${r}.${g}`);
  const names = rule.resourceNames.length > 0 ? ` [${list(rule.resourceNames)}]` : '';
  return `${verbs} ${list(resources) || '(no resources)'}${names}`;
}

/** One aggregated ClusterRole whose rules are computed: the roles its selectors match, in the controller's order. */
interface Plan {
  role: ClusterRole;
  /** per selector, the matching ClusterRoles by name, the role itself left out (a role may repeat) */
  sources: ClusterRole[];
}

/**
 * Computes the rules of every ClusterRole with an aggregationRule, in place (`rules`, `aggregatedFrom`;
 * `declaredRules` keeps what the input says), and returns the diagnostics.
 */
export function aggregateClusterRoles(clusterRoles: ClusterRole[]): Diagnostic[] {
  if (!clusterRoles.some((r) => r.aggregationRule)) return [];
  const byName = [...clusterRoles].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  const aggregated = byName.filter((r) => r.aggregationRule);
  const diagnostics: Diagnostic[] = [];
  const warn = (role: ClusterRole, code: Diagnostic['code'], message: string) =>
    diagnostics.push({ severity: 'warning', code, message, origin: role.origin, object: `ClusterRole/${role.metadata.name}` });
  const label = (role: ClusterRole) => `ClusterRole/${short(role.metadata.name)}`;

  // 1. What each aggregated role selects, or why its rules cannot be computed.
  const plans: Plan[] = [];
  for (const role of aggregated) {
    role.rules = role.declaredRules;
    role.aggregatedFrom = [];
    const selectors = role.aggregationRule!.clusterRoleSelectors;
    const invalid = selectors.length === 0 ? 'has no clusterRoleSelectors' : selectors.map(labelSelectorError).find((e) => e !== undefined);
    if (invalid !== undefined) {
      warn(
        role,
        'aggregation-unresolved',
        `${label(role)}: its aggregationRule ${invalid}; the API server rejects such a ClusterRole and the aggregation controller cannot compute its rules, so its ${plural(role.declaredRules.length, 'declared rule')} ${role.declaredRules.length === 1 ? 'is' : 'are'} used as written`,
      );
      continue;
    }
    const sources: ClusterRole[] = [];
    for (const selector of selectors) {
      for (const other of byName) {
        if (other.metadata.name !== role.metadata.name && labelSelectorMatches(selector, other.metadata.labels)) sources.push(other);
      }
    }
    if (sources.length === 0) {
      // Nothing in the input to aggregate from: a partial dump, or a cluster where no role carries the
      // labels yet. The controller would empty the rules; which is right depends on what is missing.
      if (role.declaredRules.length > 0) {
        warn(
          role,
          'aggregation-unresolved',
          `${label(role)} is aggregated, but its selectors match no other ClusterRole in the input (a partial dump?): its ${plural(role.declaredRules.length, 'declared rule')} ${role.declaredRules.length === 1 ? 'is' : 'are'} kept as written; the aggregation controller would replace them with the rules of the ClusterRoles it selects`,
        );
      }
      continue;
    }
    role.aggregatedFrom = [...new Set(sources.map((s) => s.metadata.name))];
    plans.push({ role, sources });
  }

  // 2. The controller's sync, repeated until nothing changes. A live dump is already a fixed point
  // (its rules are the controller's output): then the first round changes nothing.
  let changedOnce = false;
  const rounds = plans.length + 1;
  let stable = false;
  for (let round = 0; round < rounds && !stable; round++) {
    stable = true;
    for (const plan of plans) {
      const union = unionOf(plan.sources);
      if (!sameRules(union, plan.role.rules)) {
        plan.role.rules = union;
        stable = false;
        changedOnce = true;
      }
    }
  }

  // 3. What the input leaves open: cycles (only when the controller would still change something).
  if (changedOnce) {
    for (const name of cycleMembers(plans)) {
      const plan = plans.find((p) => p.role.metadata.name === name)!;
      warn(
        plan.role,
        'aggregation-unresolved',
        `${label(plan.role)} selects itself through other aggregated ClusterRoles (an aggregation cycle): the controller's result depends on the order it syncs them in; RBAC Atlas synced them by name from the declared rules${stable ? '' : ' and stopped before they settled'}`,
      );
    }
  }

  // 4. Declared rules the union does not hold are dropped: name each.
  for (const { role, sources } of plans) {
    const kept = new Set(role.rules.map(ruleKey));
    const dropped = new Map<string, PolicyRule>();
    for (const rule of role.declaredRules) {
      const key = ruleKey(rule);
      if (!kept.has(key) && !dropped.has(key)) dropped.set(key, rule);
    }
    if (dropped.size === 0) continue;
    const from = new Set(sources.map((s) => s.metadata.name)).size;
    warn(
      role,
      'aggregation-mismatch',
      `${label(role)} is aggregated: the aggregation controller replaces its rules with those of the ${plural(from, 'ClusterRole')} its selectors match, so ${dropped.size === 1 ? 'this declared rule, which none of them provides, is' : `these ${dropped.size} declared rules, which none of them provides, are`} dropped: ${[...dropped.values()].map(ruleSummary).join('; ')}`,
    );
  }
  return diagnostics;
}

/** The controller's union: each source's rules in order, a rule equal to one already taken skipped. */
function unionOf(sources: readonly ClusterRole[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    for (const rule of source.rules) {
      const key = ruleKey(rule);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(rule);
    }
  }
  return out;
}

/** equality.Semantic.DeepEqual of two rule lists: same rules in the same order. */
function sameRules(a: readonly PolicyRule[], b: readonly PolicyRule[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i] || ruleKey(r) === ruleKey(b[i]!));
}

/** Names of the planned roles that can reach themselves through the roles they select. */
function cycleMembers(plans: readonly Plan[]): string[] {
  const planned = new Map(plans.map((p) => [p.role.metadata.name, p]));
  const out: string[] = [];
  for (const plan of plans) {
    const start = plan.role.metadata.name;
    const seen = new Set<string>();
    const stack = plan.sources.map((s) => s.metadata.name);
    while (stack.length > 0) {
      const name = stack.pop()!;
      if (name === start) {
        out.push(start);
        break;
      }
      if (seen.has(name)) continue;
      seen.add(name);
      for (const s of planned.get(name)?.sources ?? []) stack.push(s.metadata.name);
    }
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

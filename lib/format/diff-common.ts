// Shared pieces of the `diff` renderings (table, Markdown): rule text, subject labels, ordering by
// risk, and making hostile strings visible. Every string here may come from a cluster or a file.
import { risksOf, riskScore, type Risk } from '../engine/diff/risk';
import { policyRuleOf } from '../engine/diff/rule';
import type { DiffResult, DiffRule, RuleExcept, SubjectDelta } from '../engine/diff/types';
import type { ObjectRef } from '../engine/types';
import { escapeTerminal } from './escape/terminal';
import { ruleResources } from './text';

/** Control, invisible and bidirectional characters shown as escapes (\n, \t, \x1b, \u202e): the terminal escaping of lib/format/escape. */
export const visible = escapeTerminal;

export function subjectLabel(s: Pick<SubjectDelta, 'kind' | 'name' | 'namespace'>): string {
  return s.kind === 'ServiceAccount' ? `${s.namespace}/${s.name}` : s.name;
}

export function refText(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

export function scopeText(scope: string): string {
  return scope === 'cluster' ? 'cluster-wide' : scope;
}

/** kubectl-style resources of a rule (pods, deployments.apps, *.*) or its URLs. */
export function ruleTargets(rule: DiffRule): string {
  return ruleResources(policyRuleOf(rule));
}

const EXCEPT_LABELS: Record<keyof RuleExcept, string> = {
  verbs: 'verbs',
  apiGroups: 'API groups',
  resources: 'resources',
  resourceNames: 'names',
  nonResourceURLs: 'URLs',
};

/** "verbs get, list; names tls" for a rule's carve-outs, "" when it has none. */
export function exceptText(rule: DiffRule): string {
  if (!rule.except) return '';
  return (Object.keys(EXCEPT_LABELS) as (keyof RuleExcept)[])
    .filter((k) => rule.except![k]?.length)
    .map((k) => `${EXCEPT_LABELS[k]} ${rule.except![k]!.map((v) => (k === 'apiGroups' && v === '' ? '"" (core)' : v)).join(', ')}`)
    .join('; ');
}

/** "get,list secrets [a, b] except names tls" */
export function diffRuleText(rule: DiffRule): string {
  const names = rule.resourceNames?.length ? ` [${rule.resourceNames.join(', ')}]` : '';
  const except = exceptText(rule);
  return `${rule.verbs.join(',')} ${ruleTargets(rule)}${names}${except ? ` except ${except}` : ''}`;
}

export interface RankedRule {
  rule: DiffRule;
  via: ObjectRef[];
  risks: Risk[];
  score: number;
}

export interface RankedSubject {
  subject: SubjectDelta;
  gained: RankedRule[];
  lost: RankedRule[];
  /** the highest score of its gained rules */
  score: number;
}

/**
 * Subjects with their rules ranked for review: riskiest gains first (then the JSON order), and
 * subjects by their riskiest gain, then as who-can orders them.
 */
export function rankForReview(result: Pick<DiffResult, 'subjects' | 'provenance'>): RankedSubject[] {
  const ranked = result.subjects.map((subject, i) => {
    const rank = (rules: DiffRule[], via: ObjectRef[][]) =>
      rules
        .map((rule, j) => {
          const risks = risksOf(rule);
          return { rule, via: via[j] ?? [], risks, score: riskScore(risks), order: j };
        })
        .sort((a, b) => b.score - a.score || a.order - b.order)
        .map(({ order: _order, ...r }) => r);
    const gained = rank(subject.gained, result.provenance[i]?.gained ?? []);
    const lost = rank(subject.lost, result.provenance[i]?.lost ?? []);
    return { subject, gained, lost, score: Math.max(0, ...gained.map((g) => g.score)), order: i };
  });
  return ranked.sort((a, b) => b.score - a.score || a.order - b.order).map(({ order: _order, ...r }) => r);
}

export function countText(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

// Markdown of a permission change, for a pull-request comment: a summary, then each subject whose
// permissions changed (riskiest gains first) with the bindings responsible, then the findings added
// and resolved. Every string from the input is written as a code span (after making control
// characters visible), so a name can neither open a Markdown or HTML block, nor mention, link or
// format anything. Long changes are cut to stay under the size of a comment; JSON has everything.
import { FINDING_CATALOG } from '../engine/findings/catalog';
import type { Finding } from '../engine/findings/types';
import type { DiffResult } from '../engine/diff/types';
import type { ObjectRef } from '../engine/types';
import { countText, diffRuleText, rankForReview, scopeText, subjectLabel, type RankedRule } from './diff-common';
import { markdownCode } from './escape/markdown';
import { findingTarget, SEVERITY_ORDER } from './findings-common';

/** `text` as inline code that shows it literally, whatever it contains (cut after `max` characters). */
export function mdCode(text: string, options: { inTable?: boolean; max?: number } = {}): string {
  const max = options.max ?? 300;
  if (text === '') return '`""`';
  return markdownCode(text.length > max ? `${text.slice(0, max)}…` : text, options);
}

export interface DiffMarkdownOptions {
  /** heading text (default "RBAC Atlas: permission changes") */
  title?: string;
  /** subjects shown in detail (default 50), rules per subject and side (default 20), findings per list (default 50) */
  maxSubjects?: number;
  maxRules?: number;
  maxFindings?: number;
  /** total length (default 60,000 characters: a GitHub comment holds 65,536); subjects that do not fit are counted */
  maxLength?: number;
}

function bindingsText(via: readonly ObjectRef[], max = 3): string {
  if (via.length === 0) return '';
  const shown = via.slice(0, max).map((b) => `${b.kind} ${mdCode(b.namespace ? `${b.namespace}/${b.name}` : b.name)}`);
  return via.length > max ? `${shown.join(', ')} and ${via.length - max} more` : shown.join(', ');
}

function ruleLine(r: RankedRule, sign: 'gains' | 'loses'): string {
  const scope = r.rule.scope === 'cluster' ? '**cluster-wide**' : `in ${mdCode(r.rule.scope)}`;
  const risk = sign === 'gains' && r.score > 1 ? ` ⚠️ ${r.risks.filter((k) => k !== 'cluster-wide').join(', ')}` : '';
  const via = bindingsText(r.via);
  const through = via ? ` (${sign === 'gains' ? 'through' : 'was through'} ${via})` : '';
  return `- ${sign === 'gains' ? '➕ gains' : '➖ loses'} ${scope}: ${mdCode(diffRuleText(r.rule), { max: 1500 })}${risk}${through}`;
}

function severityCounts(findings: readonly Finding[]): string {
  const parts = SEVERITY_ORDER.map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  return parts.length ? ` (${parts.map(([s, n]) => `${n} ${s}`).join(', ')})` : '';
}

function findingsTable(title: string, findings: readonly Finding[], max: number): string[] {
  if (findings.length === 0) return [];
  const out = [`### ${title}`, '', '| Severity | Finding | Subject / object | Scope |', '| --- | --- | --- | --- |'];
  for (const f of findings.slice(0, max)) {
    const kind = FINDING_CATALOG[f.kind];
    out.push(`| ${f.severity} | ${kind.title.replace(/\|/g, '\\|')} | ${mdCode(findingTarget(f), { inTable: true })} | ${mdCode(scopeText(f.scope), { inTable: true })} |`);
  }
  if (findings.length > max) out.push('', `… and ${findings.length - max} more (see \`-o json\`).`);
  out.push('');
  return out;
}

export function diffMarkdown(result: DiffResult, options: DiffMarkdownOptions = {}): string {
  const maxSubjects = options.maxSubjects ?? 50;
  const maxRules = options.maxRules ?? 20;
  const maxFindings = options.maxFindings ?? 50;
  const ranked = rankForReview(result);
  const gaining = ranked.filter((s) => s.gained.length > 0).length;
  const losing = ranked.filter((s) => s.lost.length > 0).length;
  const { added, resolved } = result.findings;

  const head: string[] = [`## ${options.title ?? 'RBAC Atlas: permission changes'}`, ''];
  const summary = ranked.length === 0
    ? 'No subject’s permissions change.'
    : `${countText(ranked.length, 'subject')} change: ${gaining} gain${gaining === 1 ? 's' : ''} permissions, ${losing} lose${losing === 1 ? 's' : ''} permissions.`;
  head.push(`${summary} Findings: ${added.length} added${severityCounts(added)}, ${resolved.length} resolved.`, '');
  const tail = [
    ...findingsTable('Findings added', added, maxFindings),
    ...findingsTable('Findings resolved', resolved, maxFindings),
    '<sub>“cluster-wide”: held through a ClusterRoleBinding, for cluster-scoped requests and in every namespace. “except”: all of the listed values but these. See docs/diff.md.</sub>',
    '',
  ].join('\n');

  // subjects, riskiest first, as long as they fit next to the findings
  const budget = (options.maxLength ?? 60_000) - head.join('\n').length - tail.length - 200;
  const sections: string[] = [];
  let used = 0;
  let shown = 0;
  for (const s of ranked.slice(0, maxSubjects)) {
    const flag = s.score > 1 ? '⚠️ ' : '';
    const lines = [`### ${flag}${s.subject.kind} ${mdCode(subjectLabel(s.subject))}`, ''];
    for (const [rules, sign] of [[s.gained, 'gains'], [s.lost, 'loses']] as const) {
      for (const r of rules.slice(0, maxRules)) lines.push(ruleLine(r, sign));
      if (rules.length > maxRules) lines.push(`- … and ${rules.length - maxRules} more ${sign === 'gains' ? 'gained' : 'lost'} rules`);
    }
    lines.push('', '');
    const section = lines.join('\n');
    if (used + section.length > budget) break;
    sections.push(section);
    used += section.length;
    shown++;
  }
  const more = ranked.length - shown;
  const moreLine = more > 0 ? `… and ${countText(more, 'more subject')} (see \`-o json\`).\n\n` : '';
  return `${head.join('\n')}\n${sections.join('')}${moreLine}${tail}`;
}

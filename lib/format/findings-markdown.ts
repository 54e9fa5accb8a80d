// Markdown of a scan, for pull-request comments, tickets and job summaries: counts, a table of
// findings, then each finding with its grant paths and pods. Text from the cluster is escaped.
import { FINDING_CATALOG } from '../engine/findings/catalog';
import type { ScanReport } from '../engine/findings/report';
import { summarize } from '../engine/findings/report';
import type { Finding } from '../engine/findings/types';
import { escapeMarkdown, markdownCode } from './escape/markdown';
import { stepsMarkdown } from './paths';
import { ruleText } from './text';
import { findingTarget, leftOutLines, objectLabel, podLabel, podsLabel, podsText, scopeLabel, SEVERITY_ORDER, summaryLine, throughText } from './findings-common';

/** Escapes text for a Markdown table cell or paragraph (lib/format/escape/markdown.ts). */
export function md(text: string): string {
  return escapeMarkdown(text);
}

function detail(f: Finding, n: number): string {
  const info = FINDING_CATALOG[f.kind];
  const lines = [`### ${n}. ${md(f.severity.toUpperCase())}: ${md(f.title)}: ${md(findingTarget(f))} (${md(scopeLabel(f.scope))})`, ''];
  lines.push(md(f.message), '');
  lines.push(`- id: ${markdownCode(f.id)}`);
  if (f.baseSeverity !== f.severity) lines.push(`- default severity ${f.baseSeverity}, reported as ${f.severity}`);
  for (const note of f.notes) lines.push(`- ${md(note)}`);
  if (f.escalation) lines.push(`- steps to ${f.escalation.to}:`, ...stepsMarkdown(f.escalation.steps, '  '));
  if (f.paths.length) {
    lines.push('- grant paths:');
    for (const p of f.paths.slice(0, 20)) {
      const via = p.binding ? `${md(objectLabel(p.binding))} → ${md(objectLabel(p.role))}` : md(objectLabel(p.role));
      const rule = p.rule ? `: ${md(ruleText(p.rule))}` : ' (role missing)';
      lines.push(`  - ${via}${rule}${p.permissions.length ? ` (${md(p.permissions.join(', '))})` : ''}${p.builtin ? ' [built-in]' : ''}`);
    }
    if (f.paths.length > 20) lines.push(`  - … and ${f.paths.length - 20} more`);
  }
  if (f.pods?.length) {
    const shown = f.pods.slice(0, 10).map((p) => `${md(podLabel(f, p))}${p.automountServiceAccountToken ? '' : ' (no token)'}`);
    lines.push(`- ${podsLabel(f)}: ${shown.join(', ')}${f.pods.length > 10 ? `, … (${f.pods.length} in all)` : ''}`);
  }
  lines.push(`- remediation: ${md(info.remediation)}`);
  lines.push(`- reference: [${md(info.references[0]?.title ?? info.title)}](${info.references[0]?.url ?? ''})`, '');
  return lines.join('\n');
}

export interface MarkdownOptions {
  /** findings with a detail section (default 200; the table lists all) */
  maxDetails?: number;
}

export function findingsMarkdown(report: ScanReport, options: MarkdownOptions = {}): string {
  const s = summarize(report.findings);
  const out: string[] = ['# RBAC Atlas scan', '', `Source: ${md(report.source)}. ${summaryLine(report)}.`, ''];
  out.push('| Severity | Findings |', '| --- | ---: |');
  for (const sev of SEVERITY_ORDER) out.push(`| ${sev} | ${s.bySeverity[sev]} |`);
  out.push('');
  for (const line of [...leftOutLines(report), ...report.notes]) out.push(`- ${md(line)}`);
  if (report.failOn) out.push(`- fails at: ${report.failOn} and above`);
  out.push('');
  if (report.findings.length === 0) return `${out.join('\n')}No findings.\n`;
  out.push('## Findings', '', '| # | Severity | Kind | Subject / object | Scope | Through | Pods |', '| ---: | --- | --- | --- | --- | --- | --- |');
  report.findings.forEach((f, i) => {
    out.push(`| ${i + 1} | ${f.severity} | ${f.ruleId} | ${md(findingTarget(f))} | ${md(scopeLabel(f.scope))} | ${md(throughText(f))} | ${md(podsText(f))} |`);
  });
  out.push('');
  const max = options.maxDetails ?? 200;
  out.push('## Details', '');
  report.findings.slice(0, max).forEach((f, i) => out.push(detail(f, i + 1)));
  if (report.findings.length > max) out.push(`(${report.findings.length - max} more findings without details: use -o json for all of them)`, '');
  return out.join('\n');
}

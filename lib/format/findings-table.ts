// Terminal rendering of a scan (`-o table`): one line per finding, critical first, then a summary
// and what was left out.
import type { ScanReport } from '../engine/findings/report';
import { summarize } from '../engine/findings/report';
import { findingTarget, podsText, scopeLabel, SEVERITY_ORDER, throughText } from './findings-common';
import { escapeTerminal } from './escape/terminal';
import { plural, renderTable, type TableOptions } from './table';

export function summaryLine(report: ScanReport): string {
  const s = summarize(report.findings);
  const parts = SEVERITY_ORDER.filter((k) => s.bySeverity[k] > 0).map((k) => `${s.bySeverity[k]} ${k}`);
  return `${plural(s.total, 'finding')}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/** Lines about what is not shown: built-in, suppressed, baseline, expired suppressions, notes. */
export function leftOutLines(report: ScanReport): string[] {
  const out: string[] = [];
  if (report.hiddenBuiltin) out.push(`${plural(report.hiddenBuiltin, 'built-in finding')} (Kubernetes bootstrap policy) hidden: --include-builtin shows them`);
  if (report.suppressed.length) out.push(`${plural(report.suppressed.length, 'finding')} suppressed by the config file`);
  if (report.inBaseline) out.push(`${plural(report.inBaseline, 'finding')} already in the baseline left out`);
  for (const e of report.expiredSuppressions) out.push(`${e.suppression} expired on ${e.expires}: ${plural(e.findings, 'finding')} reported again`);
  return out;
}

export function findingsTable(report: ScanReport, options: TableOptions = {}): string {
  let out = '';
  if (report.findings.length === 0) out += 'No findings.\n';
  else {
    const rows = report.findings.map((f) => [f.severity.toUpperCase(), f.ruleId, findingTarget(f), scopeLabel(f.scope), [throughText(f), podsText(f)].filter(Boolean).join('; ')]);
    out += renderTable(['SEVERITY', 'KIND', 'SUBJECT / OBJECT', 'SCOPE', 'THROUGH'], rows, { ...options, flexible: 4 });
  }
  out += `\n${summaryLine(report)}\n`;
  for (const line of leftOutLines(report)) out += `${escapeTerminal(line)}\n`;
  return out;
}

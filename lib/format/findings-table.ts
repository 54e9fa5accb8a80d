// Terminal rendering of a scan (`-o table`): one line per finding, critical first, then a summary
// and what was left out.
import type { ScanReport } from '../engine/findings/report';
import { findingTarget, leftOutLines, podsText, scopeLabel, summaryLine, throughText } from './findings-common';
import { escapeTerminal } from './escape/terminal';
import { renderTable, type TableOptions } from './table';

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

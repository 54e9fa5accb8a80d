// CSV of a scan (RFC 4180: CRLF, every field quoted when needed), one row per finding. Cells that a
// spreadsheet would read as a formula (=, +, -, @, tab, CR) are prefixed with "'".
import type { ScanReport } from '../engine/findings/report';
import { csvField } from './escape/csv';
import { escalationText, objectLabel, pathLabel, viaList } from './findings-common';

export const CSV_COLUMNS = [
  'id', 'severity', 'base_severity', 'kind', 'title', 'subject_kind', 'subject_namespace', 'subject_name', 'object', 'scope',
  'builtin', 'permissions', 'through', 'paths', 'pods', 'token_mounted', 'reaches', 'message', 'notes', 'escalation',
] as const;

/** One field (lib/format/escape/csv.ts). */
export function csvCell(value: string): string {
  return csvField(value);
}

export function findingsCsv(report: ScanReport): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const f of report.findings) {
    const top = f.reach?.strongest[0];
    rows.push([
      f.id,
      f.severity,
      f.baseSeverity,
      f.ruleId,
      f.title,
      f.subject?.kind ?? '',
      f.subject?.namespace ?? '',
      f.subject?.name ?? '',
      f.object ? objectLabel(f.object) : '',
      f.scope,
      String(f.builtin),
      f.permissions.join('; '),
      viaList(f).join('; '),
      [...new Set(f.paths.map(pathLabel))].join('; '),
      f.pods ? f.pods.map((p) => `${p.namespace}/${p.name}`).join('; ') : '',
      f.tokenMounted === undefined ? '' : String(f.tokenMounted),
      top ? `${top.namespace}/${top.name} (${top.severity})` : '',
      f.message,
      f.notes.join('; '),
      escalationText(f),
    ]);
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

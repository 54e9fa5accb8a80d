// The JSON shape of a scan (`rbac-atlas scan -o json`), also the baseline format: findings carry a
// stable `id`. Rule fields that are empty are omitted, as elsewhere.
import type { ScanReport } from '../engine/findings/report';
import { summarize } from '../engine/findings/report';
import type { Finding, FindingPath } from '../engine/findings/types';
import type { Origin } from '../engine/types';
import { refJson, ruleJson, subjectJson } from './json';
import { stepJson } from './paths';

function originJson(o: Origin | undefined): { source: string; line?: number } | undefined {
  if (!o) return undefined;
  return o.line !== undefined ? { source: o.source, line: o.line } : { source: o.source };
}

function pathJson(p: FindingPath) {
  return {
    ...(p.binding ? { binding: refJson(p.binding) } : {}),
    role: refJson(p.role),
    ...(p.rule ? { rule: ruleJson(p.rule) } : {}),
    scope: p.scope,
    permissions: p.permissions,
    ...(p.resourceNames ? { resourceNames: p.resourceNames } : {}),
    builtin: p.builtin,
    ...(p.bindingOrigin ? { bindingOrigin: originJson(p.bindingOrigin) } : {}),
    ...(p.roleOrigin ? { roleOrigin: originJson(p.roleOrigin) } : {}),
  };
}

export function findingJson(f: Finding) {
  return {
    id: f.id,
    kind: f.ruleId,
    title: f.title,
    severity: f.severity,
    baseSeverity: f.baseSeverity,
    builtin: f.builtin,
    scope: f.scope,
    ...(f.subject ? { subject: subjectJson(f.subject) } : {}),
    ...(f.object ? { object: refJson(f.object) } : {}),
    ...(f.objectOrigin ? { objectOrigin: originJson(f.objectOrigin) } : {}),
    message: f.message,
    permissions: f.permissions,
    ...(f.resourceNames ? { resourceNames: f.resourceNames } : {}),
    paths: f.paths.map(pathJson),
    ...(f.pods ? { pods: f.pods, tokenMounted: f.tokenMounted ?? false } : {}),
    ...(f.members ? { members: f.members } : {}),
    ...(f.reach ? { reach: f.reach } : {}),
    ...(f.inherited ? { inherited: f.inherited } : {}),
    ...(f.escalation ? { escalation: { to: f.escalation.to, steps: f.escalation.steps.map(stepJson) } } : {}),
    notes: f.notes,
  };
}

/** Everything of a scan's JSON but its findings, in the order of the JSON text. */
function headJson(report: ScanReport) {
  const s = summarize(report.findings);
  return {
    tool: report.tool,
    source: report.source,
    summary: {
      total: s.total,
      bySeverity: s.bySeverity,
      byKind: s.byKind,
      hiddenBuiltin: report.hiddenBuiltin,
      suppressed: report.suppressed.length,
      inBaseline: report.inBaseline,
      ...(report.failOn ? { failOn: report.failOn } : {}),
    },
    privilegedNamespaces: report.privilegedNamespaces,
    notes: report.notes,
    expiredSuppressions: report.expiredSuppressions,
  };
}

export function scanJson(report: ScanReport) {
  return { ...headJson(report), findings: report.findings.map(findingJson), suppressed: report.suppressed };
}

/** How long the pieces of scanJsonChunks are, at least (characters). */
const CHUNK_CHARS = 64 * 1024;

/**
 * The JSON text of a scan in pieces, for writing as they come: pretty-printed, but one finding per
 * line (large scans neither build one huge indented string nor diff badly), "findings" last. A
 * finding is turned into JSON only when its piece is made, so a scan of thousands of findings never
 * holds the whole text nor a second copy of every finding.
 */
export function* scanJsonChunks(report: ScanReport): Generator<string> {
  const headText = JSON.stringify({ ...headJson(report), suppressed: report.suppressed }, null, 2);
  let piece = `${headText.slice(0, -2)},\n  "findings": [`;
  const findings = report.findings;
  for (let i = 0; i < findings.length; i++) {
    piece += `${i === 0 ? '' : ','}\n    ${JSON.stringify(findingJson(findings[i]!))}`;
    if (piece.length >= CHUNK_CHARS) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}${findings.length ? '\n  ' : ''}]\n}\n`;
}

/** The JSON text of a scan (`rbac-atlas scan -o json`): the pieces of scanJsonChunks joined. */
export function scanJsonText(report: ScanReport): string {
  return [...scanJsonChunks(report)].join('');
}

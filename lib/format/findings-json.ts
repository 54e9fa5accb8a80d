// The JSON shape of a scan (`rbac-atlas scan -o json`), also the baseline format: findings carry a
// stable `id`. Rule fields that are empty are omitted, as elsewhere.
import type { ScanReport } from '../engine/findings/report';
import { summarize } from '../engine/findings/report';
import type { Finding, FindingPath } from '../engine/findings/types';
import type { ObjectRef, Origin, PolicyRule, SubjectRef } from '../engine/types';
import { refJson, ruleJson, subjectJson } from './json';
import { stepJson } from './paths';

function originJson(o: Origin): { source: string; line?: number } {
  return o.line !== undefined ? { source: o.source, line: o.line } : { source: o.source };
}

// The two documents below are built property by property (no spread of temporary objects): a scan
// serializes thousands of them, and the key order is the contract (the fields present, in this order).

interface PathJson {
  binding?: ObjectRef;
  role: ObjectRef;
  rule?: Partial<PolicyRule>;
  scope: string;
  permissions: string[];
  resourceNames?: string[];
  builtin: boolean;
  bindingOrigin?: { source: string; line?: number };
  roleOrigin?: { source: string; line?: number };
}

function pathJson(p: FindingPath): PathJson {
  const out = {} as PathJson;
  if (p.binding) out.binding = refJson(p.binding);
  out.role = refJson(p.role);
  if (p.rule) out.rule = ruleJson(p.rule);
  out.scope = p.scope;
  out.permissions = p.permissions;
  if (p.resourceNames) out.resourceNames = p.resourceNames;
  out.builtin = p.builtin;
  if (p.bindingOrigin) out.bindingOrigin = originJson(p.bindingOrigin);
  if (p.roleOrigin) out.roleOrigin = originJson(p.roleOrigin);
  return out;
}

export interface FindingJson {
  id: string;
  kind: Finding['ruleId'];
  title: string;
  severity: Finding['severity'];
  baseSeverity: Finding['baseSeverity'];
  builtin: boolean;
  scope: string;
  subject?: SubjectRef;
  object?: ObjectRef;
  objectOrigin?: { source: string; line?: number };
  message: string;
  permissions: string[];
  resourceNames?: string[];
  paths: PathJson[];
  pods?: NonNullable<Finding['pods']>;
  tokenMounted?: boolean;
  members?: NonNullable<Finding['members']>;
  reach?: NonNullable<Finding['reach']>;
  inherited?: NonNullable<Finding['inherited']>;
  escalation?: { to: NonNullable<Finding['escalation']>['to']; steps: ReturnType<typeof stepJson>[] };
  notes: string[];
}

export function findingJson(f: Finding): FindingJson {
  const out = {} as FindingJson;
  out.id = f.id;
  out.kind = f.ruleId;
  out.title = f.title;
  out.severity = f.severity;
  out.baseSeverity = f.baseSeverity;
  out.builtin = f.builtin;
  out.scope = f.scope;
  if (f.subject) out.subject = subjectJson(f.subject);
  if (f.object) out.object = refJson(f.object);
  if (f.objectOrigin) out.objectOrigin = originJson(f.objectOrigin);
  out.message = f.message;
  out.permissions = f.permissions;
  if (f.resourceNames) out.resourceNames = f.resourceNames;
  out.paths = f.paths.map(pathJson);
  if (f.pods) {
    out.pods = f.pods;
    out.tokenMounted = f.tokenMounted ?? false;
  }
  if (f.members) out.members = f.members;
  if (f.reach) out.reach = f.reach;
  if (f.inherited) out.inherited = f.inherited;
  if (f.escalation) out.escalation = { to: f.escalation.to, steps: f.escalation.steps.map(stepJson) };
  out.notes = f.notes;
  return out;
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

// SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps). One rule per finding kind with the
// catalogue's text and a security-severity; one result per finding. A result points at the
// binding's (or role's) file and line when the snapshot came from files, and always carries the
// Kubernetes object as a logical location.
import { FINDING_CATALOG, FINDING_KINDS } from '../engine/findings/catalog';
import type { ScanReport } from '../engine/findings/report';
import type { Finding, Severity } from '../engine/findings/types';
import type { Origin } from '../engine/types';
import { findingTarget, objectLabel, pathLabel } from './findings-common';
import { stepJson } from './paths';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub reads properties.security-severity: >= 9 critical, 7-8.9 high, 4-6.9 medium, below low. */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

export interface SarifOptions {
  /** sources that are files (relative or absolute paths); other origins get logical locations only */
  files?: ReadonlySet<string>;
  /** turns a file source into a URI (default: relative paths as-is, absolute ones as file:// URIs) */
  toUri?: (source: string) => string;
}

export function defaultUri(source: string): string {
  const slashed = source.replace(/\\/g, '/');
  const encoded = slashed.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded.replace(/^([A-Za-z])%3A/, '$1:')}`;
  return slashed.startsWith('/') ? `file://${encoded}` : encoded;
}

function rules() {
  return FINDING_KINDS.map((kind) => {
    const info = FINDING_CATALOG[kind];
    const refs = info.references.map((r) => `- [${r.title}](${r.url})`).join('\n');
    const severities = info.namespacedSeverity && info.namespacedSeverity !== info.severity ? `${info.severity} (cluster-wide and privileged namespaces), ${info.namespacedSeverity} (other namespaces)` : info.severity;
    const help = `${info.why}\n\nRemediation: ${info.remediation}\n\nDefault severity: ${severities}.${info.severityNotes ? ` ${info.severityNotes}` : ''}`;
    return {
      id: info.id,
      name: kind,
      shortDescription: { text: info.title },
      fullDescription: { text: `${info.summary} ${info.why}` },
      help: { text: `${help}\n\nReferences:\n${info.references.map((r) => `${r.title}: ${r.url}`).join('\n')}`, markdown: `${help}\n\n**References**\n\n${refs}` },
      ...(info.references[0] ? { helpUri: info.references[0].url } : {}),
      defaultConfiguration: { level: LEVEL[info.severity] },
      properties: {
        'security-severity': SECURITY_SEVERITY[info.severity],
        precision: 'very-high',
        tags: ['security', 'kubernetes', 'rbac', info.family],
      },
    };
  });
}

function physical(origin: Origin | undefined, options: SarifOptions) {
  if (!origin || !options.files?.has(origin.source)) return undefined;
  const uri = (options.toUri ?? defaultUri)(origin.source);
  return {
    artifactLocation: { uri },
    ...(origin.line !== undefined ? { region: { startLine: origin.line, ...(origin.col !== undefined ? { startColumn: origin.col } : {}) } } : {}),
  };
}

function location(f: Finding, options: SarifOptions) {
  const first = f.paths[0];
  const ref = f.object ?? first?.binding ?? first?.role;
  const origin = f.objectOrigin ?? first?.bindingOrigin ?? first?.roleOrigin;
  const phys = physical(origin, options);
  return {
    ...(phys ? { physicalLocation: phys } : {}),
    logicalLocations: [{ name: ref ? ref.name : findingTarget(f), fullyQualifiedName: ref ? objectLabel(ref) : findingTarget(f), kind: 'resource' }],
    message: { text: ref ? objectLabel(ref) : findingTarget(f) },
  };
}

function related(f: Finding, options: SarifOptions) {
  const out: object[] = [];
  const seen = new Set<string>();
  f.paths.forEach((p) => {
    const label = pathLabel(p);
    if (seen.has(label)) return;
    seen.add(label);
    const phys = physical(p.bindingOrigin ?? p.roleOrigin, options);
    out.push({
      id: out.length,
      ...(phys ? { physicalLocation: phys } : {}),
      logicalLocations: [{ name: (p.binding ?? p.role).name, fullyQualifiedName: objectLabel(p.binding ?? p.role), kind: 'resource' }],
      message: { text: `${label}${p.permissions.length ? `: ${p.permissions.join(', ')}` : ''}` },
    });
  });
  return out;
}

export function findingsSarif(report: ScanReport, options: SarifOptions = {}) {
  const index = new Map(FINDING_KINDS.map((k, i) => [k, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: report.tool.name, version: report.tool.version, semanticVersion: report.tool.version, rules: rules() } },
        automationDetails: { id: 'rbac-atlas/scan/' },
        results: report.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.kind)!,
          level: LEVEL[f.severity],
          message: { text: f.notes.length ? `${f.message} ${f.notes.map((n) => `(${n})`).join(' ')}` : f.message },
          locations: [location(f, options)],
          relatedLocations: related(f, options),
          partialFingerprints: { 'rbacAtlasFindingId/v1': f.id },
          properties: {
            severity: f.severity,
            'security-severity': SECURITY_SEVERITY[f.severity],
            scope: f.scope,
            target: findingTarget(f),
            builtin: f.builtin,
            permissions: f.permissions,
            ...(f.pods ? { pods: f.pods.map((p) => `${p.namespace}/${p.name}`), tokenMounted: f.tokenMounted ?? false } : {}),
            // path findings: the steps as `rbac-atlas paths -o json` prints them
            ...(f.escalation ? { escalation: { to: f.escalation.to, steps: f.escalation.steps.map(stepJson) } } : {}),
          },
        })),
        properties: {
          source: report.source,
          hiddenBuiltin: report.hiddenBuiltin,
          suppressed: report.suppressed.length,
          inBaseline: report.inBaseline,
        },
      },
    ],
  };
}

// Markdown generated from the catalogue (docs/findings.md keeps it between markers; a test checks
// that it is current, and `U=1` rewrites it).
import { FINDING_CATALOG, FINDING_KINDS } from '../engine/findings/catalog';
import { summarize } from '../engine/findings/report';
import { SEVERITIES, type Finding } from '../engine/findings/types';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function catalogMarkdown(): string {
  const out = ['| Kind (id) | Title | Default severity | Scope |', '| --- | --- | --- | --- |'];
  for (const k of FINDING_KINDS) {
    const i = FINDING_CATALOG[k];
    const sev = i.namespacedSeverity && i.namespacedSeverity !== i.severity ? `${i.severity} / ${i.namespacedSeverity} in a namespace` : i.severity;
    out.push(`| \`${i.id}\` (${k}) | ${cell(i.title)} | ${sev} | ${i.scopes === 'cluster' ? 'cluster-wide only' : 'cluster or namespace'} |`);
  }
  out.push('');
  for (const k of FINDING_KINDS) {
    const i = FINDING_CATALOG[k];
    out.push(`### \`${i.id}\`: ${i.title}`, '');
    out.push(i.summary, '');
    out.push(`- **Why it matters:** ${i.why}`);
    out.push(`- **Remediation:** ${i.remediation}`);
    const sev = i.namespacedSeverity && i.namespacedSeverity !== i.severity ? `${i.severity} cluster-wide and in privileged namespaces, ${i.namespacedSeverity} in other namespaces` : i.severity;
    out.push(`- **Severity:** ${sev}.${i.severityNotes ? ` ${i.severityNotes}` : ''}`);
    out.push(`- **References:** ${i.references.map((r) => `[${r.title}](${r.url})`).join(', ')}`, '');
  }
  return out.join('\n');
}

/** Counts per kind and severity, catalogue order, kinds without findings included. */
export function countsMarkdown(findings: readonly Finding[]): string {
  const header = ['| Kind | Total |', ...SEVERITIES.slice().reverse().map((s) => ` ${s} |`)].join('');
  const out = [header, `| --- | ---: |${SEVERITIES.map(() => ' ---: |').join('')}`];
  for (const k of FINDING_KINDS) {
    const list = findings.filter((f) => f.kind === k);
    const s = summarize(list);
    out.push(`| \`${FINDING_CATALOG[k].id}\` | ${list.length} |${SEVERITIES.slice().reverse().map((sev) => ` ${s.bySeverity[sev] || ''} |`).join('')}`);
  }
  const all = summarize(findings);
  out.push(`| **all** | **${findings.length}** |${SEVERITIES.slice().reverse().map((sev) => ` **${all.bySeverity[sev]}** |`).join('')}`);
  return out.join('\n');
}

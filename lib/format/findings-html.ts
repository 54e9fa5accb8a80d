// The HTML report: one self-contained file (inline CSS and SVG, no script, no network), readable on
// screen and on paper. Everything from the cluster is escaped.
import { FINDING_CATALOG } from '../engine/findings/catalog';
import type { ScanReport } from '../engine/findings/report';
import { summarize, type ReportSummary } from '../engine/findings/report';
import type { Finding, FindingKind, Severity } from '../engine/findings/types';
import { escapeHtml } from './escape/html';
import { ruleText } from './text';
import { findingTarget, leftOutLines, objectLabel, podLabel, podsLabel, podsText, scopeLabel, SEVERITY_ORDER, summaryLine, throughText } from './findings-common';
import { grantText, requestText, targetText } from './paths';

/** Escapes text for HTML content and quoted attributes (lib/format/escape/html.ts). */
export function esc(text: string): string {
  return escapeHtml(text);
}

const COLOR: Record<Severity, string> = { critical: '#9f1239', high: '#c2410c', medium: '#a16207', low: '#1d4ed8' };

const CSS = `
:root { color-scheme: light; --fg: #111827; --muted: #4b5563; --line: #d1d5db; --bg: #ffffff; --soft: #f3f4f6; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 6px; }
.muted { color: var(--muted); } code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft); padding: 0 3px; border-radius: 3px; word-break: break-all; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 16px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.card b { display: block; font-size: 22px; }
.sev { display: inline-block; min-width: 64px; text-align: center; color: #fff; border-radius: 3px; padding: 0 6px; font-size: 12px; font-weight: 600; text-transform: uppercase; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
${SEVERITY_ORDER.map((s) => `.sev-${s} { background: ${COLOR[s]}; }`).join('\n')}
.charts { display: flex; gap: 24px; flex-wrap: wrap; }
.charts figure { margin: 0; } .charts figcaption { font-weight: 600; margin-bottom: 4px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 4px 6px; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; }
td.num { text-align: right; } td.nw { white-space: nowrap; } tr:nth-child(even) td { background: #fafafa; }
.finding { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 12px 0; break-inside: avoid; page-break-inside: avoid; }
.finding h3 { margin-top: 4px; }
.finding ul { margin: 4px 0; padding-left: 20px; }
.left-out li { color: var(--muted); }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr, .card, figure { break-inside: avoid; page-break-inside: avoid; }
  tr:nth-child(even) td { background: none; }
  .no-print { display: none; }
}
`;

function barChart(title: string, rows: { label: string; parts: { severity: Severity; n: number }[] }[]): string {
  const labelW = 170;
  const barW = 320;
  const rowH = 22;
  const max = Math.max(1, ...rows.map((r) => r.parts.reduce((a, p) => a + p.n, 0)));
  const h = rows.length * rowH + 8;
  const items = rows.map((r, i) => {
    const y = i * rowH + 4;
    let x = labelW;
    const total = r.parts.reduce((a, p) => a + p.n, 0);
    const bars = r.parts
      .filter((p) => p.n > 0)
      .map((p) => {
        const w = Math.max(1, Math.round((p.n / max) * barW));
        const rect = `<rect x="${x}" y="${y}" width="${w}" height="${rowH - 6}" fill="${COLOR[p.severity]}"><title>${esc(r.label)}: ${p.n} ${p.severity}</title></rect>`;
        x += w;
        return rect;
      })
      .join('');
    const label = r.label.length > 26 ? `${r.label.slice(0, 25)}…` : r.label;
    return `<text x="${labelW - 6}" y="${y + rowH - 10}" text-anchor="end" font-size="12">${esc(label)}</text>${bars}<text x="${x + 4}" y="${y + rowH - 10}" font-size="12">${total}</text>`;
  });
  return `<figure><figcaption>${esc(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" width="${labelW + barW + 50}" height="${h}" viewBox="0 0 ${labelW + barW + 50} ${h}" font-family="system-ui, sans-serif">${items.join('')}</svg></figure>`;
}

function charts(s: ReportSummary): string {
  const bySeverity = SEVERITY_ORDER.map((sev) => ({ label: sev, parts: [{ severity: sev, n: s.bySeverity[sev] }] }));
  const top = s.byScope.slice(0, 15).map((x) => ({ label: scopeLabel(x.scope), parts: SEVERITY_ORDER.map((sev) => ({ severity: sev, n: x.bySeverity[sev] })) }));
  const more = s.byScope.length > 15 ? ` (top 15 of ${s.byScope.length})` : '';
  return `<div class="charts">${barChart('Findings by severity', bySeverity)}${top.length ? barChart(`Findings by namespace${more}`, top) : ''}</div>`;
}

function findingDetail(f: Finding, n: number): string {
  const info = FINDING_CATALOG[f.kind];
  const paths = f.paths.slice(0, 25).map((p) => {
    const via = p.binding ? `${esc(objectLabel(p.binding))} → ${esc(objectLabel(p.role))}` : esc(objectLabel(p.role));
    const rule = p.rule ? ` <code>${esc(ruleText(p.rule))}</code>` : ' <span class="muted">(role missing)</span>';
    const perms = p.permissions.length ? ` <span class="muted">${esc(p.permissions.join(', '))}</span>` : '';
    return `<li>${via}${rule}${perms}${p.builtin ? ' <span class="muted">[built-in]</span>' : ''}</li>`;
  });
  if (f.paths.length > 25) paths.push(`<li class="muted">… and ${f.paths.length - 25} more</li>`);
  const pods = f.pods?.length
    ? `<p>${podsLabel(f).replace(/^p/, 'P')}: ${f.pods.slice(0, 12).map((p) => `${esc(podLabel(f, p))}${p.automountServiceAccountToken ? '' : ' <span class="muted">(no token)</span>'}`).join(', ')}${f.pods.length > 12 ? `, … (${f.pods.length} in all)` : ''}</p>`
    : '';
  const escalation = f.escalation
    ? `<p>Steps to ${esc(f.escalation.to)}:</p><ol>${f.escalation.steps
        .map((s) => {
          const requests = [...(s.request ? [{ request: s.request, text: grantText(s, s.reason) }] : []), ...(s.also ?? []).map((a) => ({ request: a.request, text: grantText(a) }))];
          const lines = requests.map((r) => `<li><code>${esc(requestText(r.request))}</code> ${esc(r.text)}</li>`);
          if (!s.request) lines.unshift(`<li>${esc(grantText(s, s.reason))}</li>`);
          if (s.pod) lines.push(`<li>through pod ${esc(`${s.pod.namespace}/${s.pod.name}`)}</li>`);
          if (s.secret) lines.push(`<li>through Secret ${esc(`${s.secret.namespace}/${s.secret.name}`)} (metadata only)</li>`);
          return `<li><b>${esc(s.technique)}</b> → ${esc(targetText(s))}<ul>${lines.join('')}</ul></li>`;
        })
        .join('')}</ol>`
    : '';
  const reach = f.reach?.strongest.length
    ? `<p>Reaches ${f.reach.serviceAccounts} ServiceAccount(s); strongest: ${f.reach.strongest.map((r) => `${esc(`${r.namespace}/${r.name}`)} (${esc(r.kinds.join(', '))}: ${r.severity})`).join('; ')}</p>`
    : '';
  return `<section class="finding" id="f-${n}">
<h3><span class="sev sev-${f.severity}">${f.severity}</span> ${n}. ${esc(f.title)}: ${esc(findingTarget(f))} <span class="muted">(${esc(scopeLabel(f.scope))})</span></h3>
<p>${esc(f.message)}</p>
${f.notes.length ? `<ul>${f.notes.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : ''}
${paths.length ? `<p>Grant paths:</p><ul>${paths.join('')}</ul>` : ''}
${escalation}${pods}${reach}
<p><b>Remediation:</b> ${esc(info.remediation)}</p>
<p class="muted">id <code>${esc(f.id)}</code>${f.baseSeverity !== f.severity ? ` · default severity ${f.baseSeverity}` : ''} · <a href="${esc(info.references[0]?.url ?? '')}">${esc(info.references[0]?.title ?? '')}</a></p>
</section>`;
}

export interface HtmlOptions {
  /** findings with a detail section (default 500; the table lists all) */
  maxDetails?: number;
  /** e.g. an ISO date; omitted when not given so that output is reproducible */
  generatedAt?: string;
}

export function findingsHtml(report: ScanReport, options: HtmlOptions = {}): string {
  const s = summarize(report.findings);
  const max = options.maxDetails ?? 500;
  const rows = report.findings.map(
    (f, i) =>
      `<tr><td class="num"><a href="#f-${i + 1}">${i + 1}</a></td><td><span class="sev sev-${f.severity}">${f.severity}</span></td><td>${esc(f.ruleId)}</td><td>${esc(findingTarget(f))}</td><td class="nw">${esc(scopeLabel(f.scope))}</td><td>${esc(throughText(f))}</td><td class="nw">${esc(podsText(f))}</td></tr>`,
  );
  const kinds = [...new Set(report.findings.map((f) => f.kind))] as FindingKind[];
  const catalog = kinds.map((k) => {
    const info = FINDING_CATALOG[k];
    return `<tr><td><code>${esc(info.id)}</code></td><td>${esc(info.title)}</td><td>${esc(info.why)}</td><td>${info.references.map((r) => `<a href="${esc(r.url)}">${esc(r.title)}</a>`).join('<br>')}</td></tr>`;
  });
  const leftOut = [...leftOutLines(report), ...report.notes];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>RBAC Atlas scan: ${esc(report.source)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>RBAC Atlas scan</h1>
<p class="muted">Source: ${esc(report.source)} · ${esc(report.tool.name)} ${esc(report.tool.version)}${options.generatedAt ? ` · ${esc(options.generatedAt)}` : ''}</p>
</header>
<main>
<div class="cards">
<div class="card"><b>${s.total}</b>${esc(summaryLine(report).replace(/^\d+ /, ''))}</div>
${SEVERITY_ORDER.map((sev) => `<div class="card"><b>${s.bySeverity[sev]}</b><span class="sev sev-${sev}">${sev}</span></div>`).join('\n')}
</div>
${leftOut.length ? `<ul class="left-out">${leftOut.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : ''}
${report.failOn ? `<p>Fails at <b>${report.failOn}</b> and above.</p>` : ''}
<h2>Summary</h2>
${charts(s)}
<h2>Findings</h2>
${rows.length ? `<table><thead><tr><th>#</th><th>Severity</th><th>Kind</th><th>Subject / object</th><th>Scope</th><th>Through</th><th>Pods</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>` : '<p>No findings.</p>'}
${report.findings.length ? `<h2>Details</h2>\n${report.findings.slice(0, max).map((f, i) => findingDetail(f, i + 1)).join('\n')}` : ''}
${report.findings.length > max ? `<p class="muted">${report.findings.length - max} more findings without details: use -o json for all of them.</p>` : ''}
${catalog.length ? `<h2>Finding kinds</h2><table><thead><tr><th>Kind</th><th>Title</th><th>Why it matters</th><th>References</th></tr></thead><tbody>${catalog.join('\n')}</tbody></table>` : ''}
</main>
</body>
</html>
`;
}

// Renderings of a paths answer: the JSON document of the CLI contract (also what the web app and
// later the findings exports read), a terminal table and Markdown. Every string from the cluster is
// cleaned for the terminal or escaped for Markdown.
import type { PathStep, PathsAnswer, StepRequest } from '../engine/paths';
import { requestText, routeText, subjectText, targetText } from '../engine/paths/describe';
import type { ResourceRequest } from '../engine/types';
import { escapeTerminal } from './escape/terminal';
import { escapeMarkdown as md, markdownCode } from './escape/markdown';
import { grantJson, refJson, subjectJson } from './json';
import { renderTable, type TableOptions } from './table';
import { refLabel, ruleText } from './text';

export function requestPathJson(r: ResourceRequest) {
  return { verb: r.verb, apiGroup: r.apiGroup, resource: r.resource, subresource: r.subresource, namespace: r.namespace, name: r.name };
}

function stepRequestJson(r: StepRequest) {
  return { request: requestPathJson(r.request), ...(r.grant ? { grant: grantJson(r.grant) } : {}) };
}

export function stepJson(s: PathStep) {
  return {
    technique: s.technique,
    ...(s.as ? { as: subjectJson(s.as) } : {}),
    ...(s.node !== undefined ? { node: s.node } : {}),
    ...(s.grant ? { grant: grantJson(s.grant) } : {}),
    ...(s.reason ? { reason: s.reason } : {}),
    ...(s.request ? { request: requestPathJson(s.request) } : {}),
    ...(s.also?.length ? { also: s.also.map(stepRequestJson) } : {}),
    ...(s.pod ? { pod: { namespace: s.pod.namespace, name: s.pod.name } } : {}),
    ...(s.secret ? { secret: { namespace: s.secret.namespace, name: s.secret.name } } : {}),
    ...(s.role ? { role: refJson(s.role) } : {}),
    ...(s.scope !== undefined ? { scope: s.scope } : {}),
  };
}

/** The JSON document of `rbac-atlas paths -o json`. */
export function pathsJson(answer: PathsAnswer) {
  return {
    paths: answer.paths.map((p) => ({ from: subjectJson(p.from), to: p.to, steps: p.steps.map(stepJson) })),
    warnings: answer.warnings,
  };
}

// ---------------------------------------------------------------------------------------------
// Text

export { requestText, subjectText, targetText };

/** Hostile names for the terminal: controls and invisible characters shown as escapes (lib/format/escape). */
const clean = escapeTerminal;

export function pathsTable(answer: PathsAnswer, options: TableOptions = {}): string {
  if (answer.paths.length === 0) return 'No path found.\n';
  const rows = answer.paths.map((p) => [clean(subjectText(p.from)), p.to, String(p.steps.length), clean(routeText(p.steps))]);
  return renderTable(['FROM', 'TO', 'STEPS', 'PATH'], rows, { ...options, flexible: 3 }) + `\n${summary(answer)}\n`;
}

function summary(answer: PathsAnswer): string {
  const bySink = new Map<string, Set<string>>();
  for (const p of answer.paths) {
    let set = bySink.get(p.to);
    if (!set) bySink.set(p.to, (set = new Set()));
    set.add(subjectText(p.from));
  }
  const parts = [...bySink].map(([sink, set]) => `${set.size} reach ${sink}`);
  return `${answer.paths.length} path${answer.paths.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/** The grant behind a request: binding → role: rule (or why none is needed). */
export function grantText(s: StepRequest | PathStep, reason?: string): string {
  if (s.grant) return `${refLabel(s.grant.binding)} → ${refLabel(s.grant.role)}: ${ruleText(s.grant.rule)}`;
  return reason === 'root-on-node' ? 'root on the node (the pods\' tokens, or the kubelet\'s credentials)' : 'system:masters (allowed before RBAC)';
}

/** Each path step by step, with the request and the grant behind it (for one subject). */
export function pathsDetails(answer: PathsAnswer): string {
  const out: string[] = [];
  for (const p of answer.paths) {
    out.push('', `${clean(subjectText(p.from))} → ${p.to}: ${p.steps.length === 0 ? 'holds it already' : `${p.steps.length} step${p.steps.length === 1 ? '' : 's'}`}`);
    p.steps.forEach((s, i) => {
      out.push(`  ${i + 1}. ${s.technique} → ${clean(targetText(s))}`);
      if (s.request) out.push(`     ${clean(requestText(s.request))}   [${clean(grantText(s, s.reason))}]`);
      else out.push(`     [${grantText(s, s.reason)}]`);
      for (const a of s.also ?? []) out.push(`     ${clean(requestText(a.request))}   [${clean(grantText(a))}]`);
      if (s.pod) out.push(`     through pod ${clean(`${s.pod.namespace}/${s.pod.name}`)}`);
      if (s.secret) out.push(`     through Secret ${clean(`${s.secret.namespace}/${s.secret.name}`)} (metadata only)`);
    });
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Markdown


/** A path's steps as a numbered Markdown list: each with its request and grant (also in findings reports). */
export function stepsMarkdown(steps: readonly PathStep[], indent = ''): string[] {
  const lines: string[] = [];
  steps.forEach((s, i) => {
    lines.push(`${indent}${i + 1}. **${s.technique}** → ${md(targetText(s))}`);
    if (s.request) lines.push(`${indent}   - ${markdownCode(requestText(s.request))}: ${md(grantText(s, s.reason))}`);
    else lines.push(`${indent}   - ${md(grantText(s, s.reason))}`);
    for (const a of s.also ?? []) lines.push(`${indent}   - ${markdownCode(requestText(a.request))}: ${md(grantText(a))}`);
    if (s.pod) lines.push(`${indent}   - through pod ${md(`${s.pod.namespace}/${s.pod.name}`)}`);
    if (s.secret) lines.push(`${indent}   - through Secret ${md(`${s.secret.namespace}/${s.secret.name}`)} (metadata only)`);
  });
  return lines;
}

export interface PathsMarkdownOptions {
  /** paths with a detail section (default 200; the table lists all) */
  maxDetails?: number;
}

export function pathsMarkdown(answer: PathsAnswer, options: PathsMarkdownOptions = {}): string {
  const lines = ['# Privilege-escalation paths', ''];
  if (answer.paths.length === 0) lines.push('No path found.', '');
  else {
    lines.push(md(summary(answer)), '', '| From | To | Steps | Path |', '| --- | --- | ---: | --- |');
    for (const p of answer.paths) lines.push(`| ${md(subjectText(p.from))} | ${p.to} | ${p.steps.length} | ${md(routeText(p.steps))} |`);
    lines.push('');
    const max = options.maxDetails ?? 200;
    answer.paths.filter((p) => p.steps.length > 0).slice(0, max).forEach((p, n) => {
      lines.push(`## ${n + 1}. ${md(subjectText(p.from))} → ${p.to} (${p.steps.length} step${p.steps.length === 1 ? '' : 's'})`, '');
      lines.push(...stepsMarkdown(p.steps));
      lines.push('');
    });
    const withSteps = answer.paths.filter((p) => p.steps.length > 0).length;
    if (withSteps > max) lines.push(`… and ${withSteps - max} more paths (see -o json)`, '');
  }
  if (answer.warnings.length) {
    lines.push('## Notes', '');
    for (const w of answer.warnings) lines.push(`- ${md(w)}`);
    lines.push('');
  }
  return lines.join('\n');
}

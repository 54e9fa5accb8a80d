// Terminal rendering of a permission change (`diff -o table`): one line per gained (+) or lost (-)
// rule, subjects as who-can orders them, then the findings added and resolved. Control characters in
// names are shown as escapes, so a name cannot move the cursor, recolour or rewrite the terminal.
import type { DiffResult } from '../engine/diff/types';
import type { Finding } from '../engine/findings/types';
import { risksOf } from '../engine/diff/risk';
import { countText, diffRuleText, refText, scopeText, visible } from './diff-common';
import { findingTarget } from './findings-common';
import { renderTable, type TableOptions } from './table';

function findingRows(findings: readonly Finding[]): string[][] {
  return findings.map((f) => [f.severity.toUpperCase(), f.ruleId, visible(findingTarget(f)), visible(scopeText(f.scope))]);
}

export function diffTable(result: DiffResult, options: TableOptions = {}): string {
  let out = '';
  if (result.subjects.length === 0) out += 'No subject’s permissions change.\n';
  else {
    const rows: string[][] = [];
    result.subjects.forEach((subject, i) => {
      const via = result.provenance[i];
      for (const [rules, sign, from] of [[subject.gained, '+', via?.gained], [subject.lost, '-', via?.lost]] as const) {
        rules.forEach((rule, j) => {
          rows.push([
            subject.kind,
            visible(subject.namespace ?? ''),
            visible(subject.name),
            sign,
            visible(scopeText(rule.scope)),
            visible(diffRuleText(rule)),
            sign === '+' ? risksOf(rule).filter((k) => k !== 'cluster-wide').join(',') : '',
            visible((from?.[j] ?? []).map(refText).join(', ')),
          ]);
        });
      }
    });
    out += renderTable(['KIND', 'NAMESPACE', 'NAME', '±', 'SCOPE', 'RULE', 'RISK', 'THROUGH'], rows, { ...options, flexible: 7 });
    const gaining = result.subjects.filter((s) => s.gained.length).length;
    const losing = result.subjects.filter((s) => s.lost.length).length;
    out += `\n${countText(result.subjects.length, 'subject')} changed: ${gaining} gain, ${losing} lose permissions (+ gained, - lost; THROUGH: the bindings in AFTER that grant a gain, in BEFORE that granted a loss)\n`;
  }
  const { added, resolved } = result.findings;
  for (const [title, list] of [['FINDINGS ADDED', added], ['FINDINGS RESOLVED', resolved]] as const) {
    out += `\n${title}: ${list.length}\n`;
    if (list.length) out += renderTable(['SEVERITY', 'KIND', 'SUBJECT / OBJECT', 'SCOPE'], findingRows(list));
  }
  return out;
}

// Renderings of a permission change: code spans that show any string literally, control characters
// made visible, risky gains first, and a hostile change that cannot open a block in Markdown.
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../engine/query-index';
import { clusterRole, crb, rb, rule, snapshotOf } from '../../testing/engine';
import { diffAccess } from '../engine/diff/access';
import type { DiffResult } from '../engine/diff/types';
import { diffRuleText, rankForReview, visible } from './diff-common';
import { diffMarkdown, mdCode } from './diff-markdown';
import { diffTable } from './diff-table';

const codeCases: [name: string, text: string, inTable: boolean, expected: string][] = [
  ['plain', 'ci/runner', false, '`ci/runner`'],
  ['empty', '', false, '`""`'],
  ['backtick inside: longer fence', 'a`b', false, '``a`b``'],
  ['double backticks inside', 'a``b`c', false, '```a``b`c```'],
  ['starts with a backtick: padded', '`x', false, '`` `x ``'],
  ['spaces at both ends: padded so they survive', ' x ', false, '`  x  `'],
  ['newline shown, not a line break', 'a\n# b', false, '`a\\n# b`'],
  ['HTML comment stays literal in a code span', '<!-- x -->', false, '`<!-- x -->`'],
  ['pipe in a table cell escaped', 'a|b', true, '`a\\|b`'],
  ['pipe outside a table left alone', 'a|b', false, '`a|b`'],
  ['ANSI escape visible', '\u001b[31mred', false, '`\\x1b[31mred`'],
  ['bidi override visible', 'a\u202eb', false, '`a\\u202eb`'],
  ['long text cut', 'x'.repeat(350), false, `\`${'x'.repeat(300)}…\``],
];

describe('mdCode', () => {
  it.each(codeCases)('%s', (_name, text, inTable, expected) => {
    expect(mdCode(text, { inTable })).toBe(expected);
  });
});

describe('visible', () => {
  it.each([
    ['tab', 'a\tb', 'a\\tb'],
    ['carriage return', 'a\rb', 'a\\rb'],
    ['DEL and C1', '\u007f\u0085', '\\x7f\\x85'],
    ['line separator', 'a\u2028b', 'a\\u2028b'],
    ['ordinary unicode kept', 'équipe-ü', 'équipe-ü'],
  ])('%s', (_name, text, expected) => {
    expect(visible(text)).toBe(expected);
  });
});

function resultOf(before: unknown[], after: unknown[]): DiffResult {
  return { ...diffAccess(buildIndex(snapshotOf(...before)), buildIndex(snapshotOf(...after))), findings: { added: [], resolved: [] } };
}

describe('rankForReview and diffRuleText', () => {
  it('risky gains first: escalation, then wildcards, Secrets and exec, cluster-wide before namespaced', () => {
    const roles = [
      clusterRole('cm', [rule('get', '', 'configmaps')]),
      clusterRole('sec', [rule('get', '', 'secrets')]),
      clusterRole('imp', [rule('impersonate', '', 'users')]),
    ];
    const r = resultOf(roles, [...roles, rb('a', 'x', 'ClusterRole:cm', 'User:amy'), crb('y', 'ClusterRole:sec', 'User:bob'), rb('a', 'z', 'ClusterRole:imp', 'User:cid'), crb('w', 'ClusterRole:cm', 'User:dan')]);
    expect(rankForReview(r).map((s) => [s.subject.name, s.gained.map((g) => g.risks.join('+'))])).toEqual([
      ['cid', ['escalation']],
      ['bob', ['secrets+cluster-wide']],
      ['dan', ['cluster-wide']],
      ['amy', ['']],
    ]);
  });

  it.each([
    ['names and carve-outs', { verbs: ['get'], apiGroups: [''], resources: ['secrets'], except: { resourceNames: ['tls'] }, scope: 'a' }, 'get secrets except names tls'],
    ['kubectl-style group suffix', { verbs: ['*'], apiGroups: ['*'], resources: ['*'], except: { verbs: ['get', 'list'], apiGroups: [''] }, scope: 'cluster' }, '* *.* except verbs get, list; API groups "" (core)'],
    ['URLs', { verbs: ['get'], apiGroups: [], resources: [], nonResourceURLs: ['/api/*'], except: { nonResourceURLs: ['/api/v1'] }, scope: 'cluster' }, 'get /api/* except URLs /api/v1'],
    ['resourceNames listed', { verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['a', 'b'], scope: 'x' }, 'get deployments.apps [a, b]'],
  ])('diffRuleText: %s', (_name, r, expected) => {
    expect(diffRuleText(r)).toBe(expected);
  });
});

describe('diffMarkdown size', () => {
  it('stays under maxLength, riskiest subjects first, and counts the subjects left out', () => {
    const roles = [clusterRole('cm', [rule('get', '', 'configmaps')]), clusterRole('sec', [rule('get', '', 'secrets')])];
    const bindings = Array.from({ length: 40 }, (_, i) => rb('a', `b${i}`, 'ClusterRole:cm', `User:user-${String(i).padStart(2, '0')}`));
    const r = resultOf(roles, [...roles, ...bindings, crb('s', 'ClusterRole:sec', 'User:zz-risky')]);
    const md = diffMarkdown(r, { maxLength: 2000 });
    expect(md.length).toBeLessThanOrEqual(2000);
    expect(md.indexOf('zz-risky')).toBeLessThan(md.indexOf('user-00'));
    expect(md).toMatch(/… and \d+ more subjects \(see `-o json`\)\./);
  });
});

describe('hostile names', () => {
  const hostile = 'mallory\n\n```\n<!-- hidden -->\n| a | b |\n@org/admins';
  const r = resultOf([clusterRole('r', [rule('get', '', 'pods')])], [clusterRole('r', [rule('get', '', 'pods')]), crb('evil\n# x', 'ClusterRole:r', `User:${hostile}`, 'Group:\u001b]52;c;payload\u0007')]);

  it('Markdown: every line is one the renderer wrote (no heading, fence, comment or table row from a name)', () => {
    const md = diffMarkdown(r);
    const lines = md.split('\n');
    const allowed = /^(|## RBAC Atlas: permission changes|\d+ subjects? change:.*|### .*|- [➕➖] .*|<sub>.*<\/sub>)$/;
    for (const line of lines) expect(line, line).toMatch(allowed);
    expect(md).not.toContain('\u001b');
    expect(md).toContain('`mallory\\n\\n```\\n<!-- hidden -->\\n| a | b |\\n@org/admins`'.replace(/^`/, '````').replace(/`$/, '````'));
  });

  it('table: no control character reaches the terminal', () => {
    const text = diffTable(r);
    // eslint-disable-next-line no-control-regex -- the characters that must not reach a terminal
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain('\\x1b]52;c;payload\\x07');
    expect(text.split('\n').filter((l) => l.includes('mallory'))).toHaveLength(1);
  });
});

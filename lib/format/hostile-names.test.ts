// Every renderer, fed a cluster whose names are hostile (terminal escapes, CR/LF, bidi overrides,
// Markdown and HTML syntax, spreadsheet formulas), against the same cluster with plain names: the
// output has the same shape (the same number of lines, rows and records: no row forged or hidden,
// no block opened) and none of the hostile characters in raw form. The API server does not
// validate these names, so a cluster or a file can hold them.
import { describe, expect, it } from 'vitest';
import { effectiveAccess } from '../engine/effective';
import { scanFindings } from '../engine/findings/index';
import { buildReport, type ScanReport } from '../engine/findings/report';
import { accessMatrix } from '../engine/matrix';
import { clusterRole, crb, indexOf, pod, rb, req, role, rule, sa } from '../../testing/engine';
import { whatCan } from '../engine/what-can';
import { whoCan } from '../engine/who-can';
import type { AtlasIndex } from '../engine/query-index';
import { formatDiagnostic } from '../errors';
import { exportMatrix, exportSubject } from '../service/export';
import { subjectDocument } from '../service/subjects';
import { hasUnsafeChars } from './escape/terminal';
import { matrixJson } from './json';
import { findingsCsv } from './findings-csv';
import { findingsHtml } from './findings-html';
import { findingsMarkdown } from './findings-markdown';
import { findingsTable } from './findings-table';
import { effectiveTable, matrixTable, whatCanText, whoCanTable } from './text';

/** name → [plain, hostile] */
const NAMES = {
  user: ['alice', 'evil\n# Forged heading\n<!-- hide the rest\u001b[2J'],
  group: ['devs', '=HYPERLINK("http://evil.example")\r\u202eeulav'],
  ns: ['team-a', 'ns\u0085\t- item|x'],
  role: ['reader', 'r`*_[x](evil.example)\u009b31m'],
  binding: ['read-it', 'b\n\n| forged | row |\n<script>alert(1)</script>'],
  sa: ['builder', 'sa\u2066\u200b\u{e0041}'],
} as const;

function cluster(which: 0 | 1): AtlasIndex {
  const n = Object.fromEntries(Object.entries(NAMES).map(([k, v]) => [k, v[which]])) as Record<keyof typeof NAMES, string>;
  return indexOf(
    clusterRole(n.role, [rule('get,list', '', 'secrets'), rule('create', '', 'pods/exec'), rule('*', '*', '*')]),
    crb(n.binding, `ClusterRole:${n.role}`, `User:${n.user}`, `Group:${n.group}`, `ServiceAccount:${n.ns}/${n.sa}`),
    role(n.ns, n.role, [rule('get', '', 'secrets')]),
    rb(n.ns, n.binding, `Role:${n.role}`, `User:${n.user}`),
    rb(n.ns, `${n.binding}-dangling`, 'Role:missing', `User:${n.user}`),
    sa(`${n.ns}/${n.sa}`),
    pod(`${n.ns}/${n.sa}-pod`, n.sa),
  );
}

const plain = cluster(0);
const hostile = cluster(1);
const tool = { name: 'rbac-atlas', version: '0.0.0-test' };
const report = (index: AtlasIndex): ScanReport => {
  const result = scanFindings(index, { includeBuiltin: true });
  return buildReport({ tool, source: 'test', result, findings: result.findings });
};

// eslint-disable-next-line no-control-regex -- the characters the renderers must not let through
const RAW_HOSTILE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e\u2066\u200b]|\u{e0041}/u;

/** The rendering of both clusters; `ns` is the namespace of that cluster. */
function both(render: (index: AtlasIndex, ns: string, user: string) => string): [string, string] {
  return [render(plain, NAMES.ns[0], NAMES.user[0]), render(hostile, NAMES.ns[1], NAMES.user[1])];
}

const lines = (text: string) => text.split('\n');

describe('terminal renderers: no raw control or bidi character, no forged line', () => {
  const terminal: [string, (index: AtlasIndex, ns: string, user: string) => string][] = [
    ['who-can table', (i) => whoCanTable(whoCan(i, req('get', 'secrets'), { allNamespaces: true }))],
    ['who-can wide', (i) => whoCanTable(whoCan(i, req('get', 'secrets'), { allNamespaces: true }), { wide: true })],
    ['who-can --effective', (i) => effectiveTable(effectiveAccess(i, whoCan(i, req('get', 'secrets'), { allNamespaces: true })))],
    ['what-can', (i, _ns, user) => whatCanText(whatCan(i, { principal: { user, groups: [] } }))],
    ['access-matrix', (i, ns) => matrixTable(accessMatrix(i, ns))],
    ['scan table', (i) => findingsTable(report(i))],
    ['diagnostics', (i) => i.snapshot.diagnostics.map(formatDiagnostic).join('\n')],
  ];
  it.each(terminal)('%s', (_name, render) => {
    const [p, h] = both(render);
    expect(h).not.toMatch(RAW_HOSTILE);
    expect(hasUnsafeChars(h.replace(/\n/g, ''))).toBe(false);
    expect(lines(h).length, h).toBe(lines(p).length);
  });
});

describe('Markdown: names open no block', () => {
  it('scan -o markdown: the same lines, each starting as with plain names', () => {
    const [p, h] = both((i) => findingsMarkdown(report(i)));
    expect(lines(h).length).toBe(lines(p).length);
    const start = (l: string) => l.slice(0, 2);
    expect(lines(h).map(start)).toEqual(lines(p).map(start));
    // outside code spans, the same unescaped Markdown syntax as with plain names (links of the catalogue, table pipes)
    // (the code spans of the ids are left out; "(" and ")" mean nothing without a "](" before them)
    const syntax = (text: string) => lines(text).filter((l) => !l.startsWith('- id: ')).join('\n').match(/(?<!\\)[<>[\]!|*_#~&$`]/g)?.join('');
    expect(syntax(h)).toBe(syntax(p));
    expect(h).not.toMatch(RAW_HOSTILE);
    // every table row keeps its number of cells
    const cells = (text: string) => lines(text).filter((l) => l.startsWith('|')).map((l) => l.split(/(?<!\\)\|/).length);
    expect(cells(h)).toEqual(cells(p));
  });
});

describe('CSV: the same records, formulas defused, no raw control character', () => {
  /** Records of an RFC 4180 text (quoted fields may hold line breaks). */
  function records(text: string): string[][] {
    const out: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted && c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = !quoted;
      } else if (!quoted && c === ',') {
        row.push(field);
        field = '';
      } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
        row.push(field);
        out.push(row);
        row = [];
        field = '';
        i++;
      } else {
        field += c;
      }
    }
    return out;
  }
  it.each<[string, (index: AtlasIndex, ns: string, user: string) => string]>([
    ['scan -o csv', (i) => findingsCsv(report(i))],
    ['what-can export', (i, _ns, user) => exportSubject(subjectDocument(i, { kind: 'User', name: user }), 'csv').body],
    ['access-matrix export', (i, ns) => exportMatrix(matrixJson(accessMatrix(i, ns)), 'csv').body],
  ])('%s', (_name, render) => {
    const [p, h] = both(render);
    const [pr, hr] = [records(p), records(h)];
    expect(hr.length).toBe(pr.length);
    expect(hr.map((r) => r.length)).toEqual(pr.map((r) => r.length));
    for (const cell of hr.flat()) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(h.replace(/\r\n/g, '')).not.toMatch(RAW_HOSTILE);
    expect(h.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });
});

describe('HTML report: names are text', () => {
  it('scan -o html', () => {
    const [p, h] = both((i) => findingsHtml(report(i)));
    expect(h).not.toMatch(/<script|<!-- hide/);
    expect(h).not.toMatch(RAW_HOSTILE);
    expect((h.match(/<tr/g) ?? []).length).toBe((p.match(/<tr/g) ?? []).length);
  });
});

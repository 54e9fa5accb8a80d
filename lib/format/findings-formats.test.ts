// The findings exports: SARIF validated against the SARIF 2.1.0 JSON schema (two published copies,
// see testdata/README.md), CSV quoting and formula guarding, HTML and Markdown escaping, JSON as a
// baseline.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFiles } from '../load/files';
import { buildIndex } from '../engine/query-index';
import { clusterRole, crb, indexOf, rule } from '../../testing/engine';
import { parseBaseline } from '../engine/findings/baseline';
import { FINDING_KINDS } from '../engine/findings/catalog';
import { scanFindings } from '../engine/findings/index';
import { buildReport, type ScanReport } from '../engine/findings/report';
import { findingsCsv, csvCell } from './findings-csv';
import { findingsHtml, esc } from './findings-html';
import { scanJson, scanJsonChunks, scanJsonText } from './findings-json';
import { findingsMarkdown, md } from './findings-markdown';
import { findingsTable } from './findings-table';
import { defaultUri, findingsSarif } from './sarif';

const root = path.resolve(__dirname, '../..');
const tool = { name: 'rbac-atlas', version: '0.0.0-test' };
const schema = (name: string) => JSON.parse(readFileSync(path.join(__dirname, 'testdata', name), 'utf8')) as object;

async function reportFor(rels: string[]): Promise<{ report: ScanReport; files: Set<string> }> {
  const { snapshot, files } = await loadFiles(rels.map((r) => path.join(root, r)));
  const result = scanFindings(buildIndex(snapshot), { includeBuiltin: true });
  return { report: buildReport({ tool, source: 'test', result, findings: result.findings, failOn: 'high' }), files: new Set(files) };
}

const HOSTILE = '<img src=x onerror=alert(1)>|=HYPERLINK("x")*_`';
const hostileReport = (): ScanReport => {
  const result = scanFindings(indexOf(clusterRole('r', [rule('get', '', 'secrets')]), crb('b', 'ClusterRole:r', `User:${HOSTILE}`)));
  return buildReport({ tool, source: 'hostile <test>', result, findings: result.findings });
};

describe('SARIF 2.1.0', () => {
  let demo: { report: ScanReport; files: Set<string> };
  let bootstrap: { report: ScanReport; files: Set<string> };
  beforeAll(async () => {
    demo = await reportFor(['public/demo/demo-cluster.json']);
    bootstrap = await reportFor(['lib/testdata/datasets/kubernetes-bootstrap']);
  });

  const validators = [
    ['sarif-schema-2.1.0.json (Microsoft SARIF SDK copy, draft 2020-12)', () => addFormats(new Ajv2020({ allErrors: true, strict: false })).compile(schema('sarif-schema-2.1.0.json'))],
    ['sarif-2.1.0-rtm.5.json (SchemaStore copy, draft-04)', () => addFormats(new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false }) as never).compile(schema('sarif-2.1.0-rtm.5.json'))],
  ] as const;

  it.each(validators)('validates against %s', (_name, make) => {
    const validate = make();
    for (const { report, files } of [demo, bootstrap, { report: hostileReport(), files: new Set<string>() }]) {
      const log = JSON.parse(JSON.stringify(findingsSarif(report, { files })));
      const ok = validate(log);
      expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('has rule metadata for every kind, with security-severity', () => {
    const log = findingsSarif(demo.report, { files: demo.files });
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.map((r) => r.name)).toEqual([...FINDING_KINDS]);
    for (const r of rules) {
      expect(r.id).toMatch(/^[a-z-]+$/);
      expect(Number(r.properties['security-severity'])).toBeGreaterThan(0);
      expect(r.help.markdown).toContain('https://');
      expect(r.shortDescription.text.length).toBeGreaterThan(3);
      expect(r.fullDescription.text.length).toBeGreaterThan(20);
    }
    for (const res of log.runs[0]!.results) expect(rules[res.ruleIndex]!.id).toBe(res.ruleId);
  });

  it('points at the file and line of YAML input, and at the file of JSON input', () => {
    const yaml = findingsSarif(bootstrap.report, { files: bootstrap.files }).runs[0]!.results[0]!;
    const loc = yaml.locations[0]!;
    expect(loc.physicalLocation?.artifactLocation.uri).toMatch(/^file:\/\/\/.*\.yaml$/);
    expect(loc.physicalLocation?.region?.startLine).toBeGreaterThan(0);
    expect(loc.logicalLocations[0]!.kind).toBe('resource');
    const json = findingsSarif(demo.report, { files: demo.files }).runs[0]!.results[0]!;
    expect(json.locations[0]!.physicalLocation?.artifactLocation.uri).toMatch(/demo-cluster\.json$/);
    const logicalOnly = findingsSarif(demo.report).runs[0]!.results[0]!;
    expect(logicalOnly.locations[0]!.physicalLocation).toBeUndefined();
    expect(logicalOnly.partialFingerprints['rbacAtlasFindingId/v1']).toBe(demo.report.findings[0]!.id);
  });

  it('makes URIs of relative, absolute and Windows paths', () => {
    expect(defaultUri('manifests/rbac.yaml')).toBe('manifests/rbac.yaml');
    expect(defaultUri('a dir/x#1.yaml')).toBe('a%20dir/x%231.yaml');
    expect(defaultUri('/tmp/dump.yaml')).toBe('file:///tmp/dump.yaml');
    expect(defaultUri('C:\\work\\dump.yaml')).toBe('file:///C:/work/dump.yaml');
  });
});

describe('CSV', () => {
  it('quotes, doubles quotes and guards formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-x')).toBe("'-x");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('line\nbreak')).toBe('line\\nbreak'); // control characters are shown escaped (lib/format/escape/csv.ts)
  });
  it('one row per finding with a fixed header', () => {
    const text = findingsCsv(hostileReport());
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^id,severity,base_severity,kind,title,subject_kind,subject_namespace,subject_name,object,scope,builtin,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('read-secrets');
  });
});

describe('HTML report', () => {
  it('is self-contained: no script, no external resources, inline SVG charts and print CSS', async () => {
    const { report } = await reportFor(['public/demo/demo-cluster.json']);
    const html = findingsHtml(report);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|<iframe|<img|@import|url\(/i);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html.match(/<svg /g)?.length).toBe(2);
    expect(html).toContain('@media print');
    // every link is a reference (https) or an in-page anchor
    for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^(https:\/\/|#f-\d+$)/);
  });
  it('escapes cluster text', () => {
    const html = findingsHtml(hostileReport());
    expect(html).not.toContain('<img');
    expect(html).toContain(esc(HOSTILE));
    expect(esc(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
  });
});

describe('Markdown and table', () => {
  it('escapes table-breaking and HTML characters', () => {
    const text = findingsMarkdown(hostileReport());
    const prose = text.split('\n').filter((l) => !l.startsWith('- id: `')).join('\n'); // ids are code spans (literal)
    expect(prose).not.toMatch(/(?<!\\)<img/); // "\<" renders as a literal "<"
    expect(text).toContain('\\<img');
    expect(md('a|b<c>*d*')).toBe('a\\|b\\<c\\>\\*d\\*');
    const row = text.split('\n').find((l) => l.startsWith('| 1 |'))!;
    expect(row.split(/(?<!\\)\|/).length).toBe(9); // 7 cells + the two outer bars
  });
  it('says what was left out', () => {
    const report = { ...hostileReport(), hiddenBuiltin: 3, inBaseline: 2, expiredSuppressions: [{ suppression: 'suppression #1', expires: '2020-01-01', findings: 1 }] };
    const text = findingsTable(report);
    expect(text).toContain('3 built-in findings (Kubernetes bootstrap policy) hidden');
    expect(text).toContain('2 findings already in the baseline left out');
    expect(text).toContain('suppression #1 expired on 2020-01-01: 1 finding reported again');
  });
});

describe('JSON', () => {
  it('parses, carries every finding id, and is accepted as a baseline', async () => {
    const { report } = await reportFor(['public/demo/demo-cluster.json']);
    const text = scanJsonText(report);
    const doc = JSON.parse(text) as { summary: { total: number }; findings: { id: string }[] };
    expect(doc.summary.total).toBe(report.findings.length);
    expect(doc.findings.map((f) => f.id)).toEqual(report.findings.map((f) => f.id));
    const base = parseBaseline(text);
    expect(base.ok && base.ids.size).toBe(report.findings.length);
  });
  it('comes in pieces of 64 Ki characters or more (the last one shorter), one finding per line, "findings" last', async () => {
    const { report } = await reportFor(['lib/testdata/datasets/realistic-large.json']);
    const pieces = [...scanJsonChunks(report)];
    expect(pieces.length).toBeGreaterThan(3);
    for (const p of pieces.slice(0, -1)) expect(p.length).toBeGreaterThanOrEqual(64 * 1024);
    const text = pieces.join('');
    expect(text).toBe(scanJsonText(report));
    // the same document as scanJson, with "findings" moved last
    const { findings, ...head } = scanJson(report);
    expect(text).toBe(`${JSON.stringify(head, null, 2).slice(0, -2)},\n  "findings": [\n${findings.map((f) => `    ${JSON.stringify(f)}`).join(',\n')}\n  ]\n}\n`);
    expect(Object.keys(JSON.parse(text) as object)).toEqual([...Object.keys(head), 'findings']);
  });
  it('an empty scan is valid JSON', () => {
    const result = scanFindings(indexOf());
    expect(JSON.parse(scanJsonText(buildReport({ tool, source: 'x', result, findings: [] }))).findings).toEqual([]);
  });
});

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic, Snapshot } from '../engine/types';
import { AtlasError, formatDiagnostic, toExitCode } from '../errors';
import { type LoadOptions, type LoadResult, loadFiles, maxInputBytes } from './files';
import { parseText } from './parse-text';

const TESTDATA = fileURLToPath(new URL('./testdata/', import.meta.url));
const td = (name: string): string => path.join(TESTDATA, name);

let tmp = '';
const tmpPath = (name: string): string => path.join(tmp, name);
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'rbac-atlas-load-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// helpers

type Loaded = Partial<Record<'roles' | 'clusterRoles' | 'roleBindings' | 'clusterRoleBindings' | 'serviceAccounts' | 'namespaces', string[]>>;

/** The objects of a snapshot as "ns/name" or "name" per kind, leaving out empty kinds. */
function loaded(s: Snapshot): Loaded {
  const names = (objs: { metadata: { name: string; namespace?: string } }[]) =>
    objs.map((o) => (o.metadata.namespace === undefined ? o.metadata.name : `${o.metadata.namespace}/${o.metadata.name}`));
  const all: Loaded = {
    roles: names(s.roles),
    clusterRoles: names(s.clusterRoles),
    roleBindings: names(s.roleBindings),
    clusterRoleBindings: names(s.clusterRoleBindings),
    serviceAccounts: names(s.serviceAccounts),
    namespaces: names(s.namespaces),
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v.length > 0));
}

/** What a wanted diagnostic must match; fields left out are not checked. */
interface DiagWant {
  /** one code, or any of several where the engine's choice may reasonably change */
  code: Diagnostic['code'] | Diagnostic['code'][];
  severity?: Diagnostic['severity'];
  source?: string;
  line?: number;
  col?: number;
  object?: string;
  message?: RegExp;
}

function matches(d: Diagnostic, w: DiagWant): boolean {
  const o = d.origin;
  return (
    (Array.isArray(w.code) ? w.code.includes(d.code) : d.code === w.code) &&
    (w.severity === undefined || d.severity === w.severity) &&
    (w.source === undefined || o?.source === w.source) &&
    (w.line === undefined || o?.line === w.line) &&
    (w.col === undefined || o?.col === w.col) &&
    (w.object === undefined || d.object === w.object) &&
    (w.message === undefined || w.message.test(d.message))
  );
}

/** Diagnostics as the CLI prints them: readable in a failure message. */
const printed = (ds: readonly Diagnostic[]): string => ds.map(formatDiagnostic).join('\n') || '(no diagnostics)';

function expectDiagnostics(ds: readonly Diagnostic[], wants: readonly DiagWant[], context: string): void {
  for (const w of wants) {
    expect(ds.some((d) => matches(d, w)), `${context}: want a diagnostic ${JSON.stringify(w, regexToString)}, got:\n${printed(ds)}`).toBe(true);
  }
}

function regexToString(_key: string, v: unknown): unknown {
  return v instanceof RegExp ? String(v) : v;
}

/** errors and warnings only: the loader's info notes (e.g. dropped Secret data) are not problems */
const problems = (ds: readonly Diagnostic[]): Diagnostic[] => ds.filter((d) => d.severity !== 'info');

const load = (paths: string[], opts?: LoadOptions): Promise<LoadResult> => loadFiles(paths.map((p) => (p === '-' ? p : td(p))), opts);

// ---------------------------------------------------------------------------------------------
// loadFiles over the fixtures: what loads, and what is reported

interface LoadCase {
  name: string;
  files: string[];
  want: Loaded;
  diags?: DiagWant[];
  /** the case must produce no errors or warnings at all */
  clean?: boolean;
  skippedKinds?: Record<string, number>;
  opts?: LoadOptions;
  /** snapshot.meta.partial: the loader knows it could not read everything */
  partial?: boolean;
}

// prettier-ignore
const loadCases: LoadCase[] = [
  { name: 'multi-document YAML, empty and comment-only documents ignored', files: ['multi-doc.yaml'], clean: true,
    want: { roles: ['team-a/pod-reader'], roleBindings: ['team-a/read-pods'], serviceAccounts: ['team-a/ci'] } },
  { name: 'JSON object', files: ['role.json'], clean: true, want: { clusterRoles: ['secret-reader'] } },
  { name: 'JSON kind: List', files: ['list.json'], clean: true, want: { clusterRoles: ['node-viewer'], clusterRoleBindings: ['ops-node-viewer'] } },
  { name: 'YAML kind: RoleList from the API (items without kind)', files: ['role-list.yaml'], clean: true,
    want: { roles: ['team-b/config-reader', 'team-b/config-writer'] } },
  { name: 'JSON Lines', files: ['json-lines.json'], clean: true, want: { serviceAccounts: ['team-c/builder'], namespaces: ['team-c'] } },
  { name: 'UTF-8 BOM stripped', files: ['bom.yaml'], clean: true, want: { namespaces: ['with-bom'] } },
  { name: 'several files, in order', files: ['role.json', 'list.json'], clean: true,
    want: { clusterRoles: ['secret-reader', 'node-viewer'], clusterRoleBindings: ['ops-node-viewer'] } },
  { name: 'directory recursion: sorted, non-manifests and hidden entries skipped', files: ['tree'], clean: true,
    want: { serviceAccounts: ['tree-a/tree-z', 'tree-a/tree-b', 'tree-a/tree-c'], namespaces: ['tree-a'] } },
  { name: 'a file named explicitly is read whatever its extension', files: ['tree/notes.txt'], clean: true,
    want: { serviceAccounts: ['tree-a/not-a-manifest-extension'] } },
  { name: 'the same file twice is read once', files: ['role.json', 'role.json'], clean: true, want: { clusterRoles: ['secret-reader'] } },
  // bad input: the error is reported and everything valid next to it still loads
  { name: 'malformed YAML: the broken document only', files: ['malformed.yaml'],
    want: { namespaces: ['before-the-error', 'after-the-error'] },
    diags: [{ code: 'parse-error', severity: 'error', source: td('malformed.yaml'), line: 13, message: /^YAML: / }] },
  { name: 'malformed JSON: line and column, other files load', files: ['malformed.json', 'role.json'],
    want: { clusterRoles: ['secret-reader'] },
    diags: [{ code: 'parse-error', severity: 'error', source: td('malformed.json'), line: 6, col: 77, message: /property name/ }] },
  { name: 'JSON array element that is not an object', files: ['json-array.json'],
    want: { serviceAccounts: ['team-d/deployer'], namespaces: ['team-d'] },
    diags: [{ code: 'invalid-object', source: td('json-array.json'), message: /element 2 .* is a string/ }] },
  { name: 'YAML documents that are not mappings', files: ['not-objects.yaml'],
    want: { namespaces: ['inside-a-sequence', 'a-proper-object'] },
    diags: [
      { code: 'invalid-object', source: td('not-objects.yaml'), line: 1, message: /document 1 is a string/ },
      { code: 'invalid-object', source: td('not-objects.yaml'), line: 3, message: /item 1 .* document 2 is a string/ },
      { code: 'invalid-object', source: td('not-objects.yaml'), line: 10, message: /is a number/ },
    ] },
  { name: 'unknown kinds skipped and counted', files: ['unknown-kinds.yaml'], clean: true,
    want: { clusterRoles: ['next-to-unknown-kinds'] }, skippedKinds: { ConfigMap: 2, Deployment: 1 } },
  { name: 'wrong apiVersion', files: ['wrong-api-version.yaml'], want: { clusterRoles: ['current'] },
    diags: [{ code: 'unsupported-api-version', severity: 'error', source: td('wrong-api-version.yaml'), line: 1 }] },
  { name: 'missing fields', files: ['missing-fields.yaml'], want: { clusterRoles: ['complete'] },
    diags: [
      { code: ['missing-role-ref', 'invalid-object'], source: td('missing-fields.yaml'), line: 1, message: /roleRef/ },
      { code: 'invalid-object', source: td('missing-fields.yaml'), line: 13, message: /metadata\.name/ },
    ] },
  { name: 'duplicate keys: that document only', files: ['duplicate-keys.yaml'], want: { clusterRoles: ['once'] },
    diags: [{ code: 'parse-error', source: td('duplicate-keys.yaml'), line: 5, message: /duplicate key/ }] },
  { name: 'alias bomb: a parse error, the next document loads', files: ['alias-bomb.yaml'], want: { namespaces: ['after-the-bomb'] },
    diags: [{ code: 'parse-error', source: td('alias-bomb.yaml'), line: 2, message: /alias/ }] },
  { name: 'empty file', files: ['empty.yaml', 'role.json'], want: { clusterRoles: ['secret-reader'] },
    diags: [{ code: 'parse-error', severity: 'warning', source: td('empty.yaml'), message: /^empty file$/ }] },
  { name: 'a JSON file that is no Kubernetes object at all (a dataset stats.json): a note, not an error', files: ['stats-sidecar.json', 'role.json'], want: { clusterRoles: ['secret-reader'] },
    diags: [{ code: 'unknown-kind', severity: 'info', source: td('stats-sidecar.json'), message: /not a Kubernetes object .*skipped/ }], clean: true },
  { name: 'near miss: apiVersion and metadata but no kind is an error', files: ['no-kind.yaml'], want: { namespaces: ['after-no-kind'] },
    diags: [{ code: 'invalid-object', severity: 'error', source: td('no-kind.yaml'), line: 1, message: /object has no kind \(name "forgot-the-kind"\)|object has no kind.*forgot-the-kind/ }] },
  { name: 'comment-only file: nothing, silently', files: ['comments-only.yaml'], want: {}, clean: true },
  { name: 'Secrets: payload dropped with a note, neighbours load', files: ['secret.yaml', 'secret-list.json'],
    want: { serviceAccounts: ['team-a/next-to-secrets'] },
    diags: [
      { code: 'secret-data-dropped', severity: 'info', source: td('secret.yaml'), line: 1, object: 'Secret/team-a/db-credentials', message: /data and stringData/ },
      { code: 'secret-data-dropped', severity: 'info', source: td('secret.yaml'), line: 15, object: 'Secret/team-a/api-key' },
      { code: 'secret-data-dropped', severity: 'info', source: td('secret-list.json'), object: 'Secret/ingress/tls' },
      { code: 'parse-error', source: td('secret.yaml'), line: 34, message: /escape sequence/ },
    ] },
];

describe('loadFiles', () => {
  it.each(loadCases)('$name', async (c) => {
    const { snapshot } = await load(c.files, c.opts);
    const context = `loadFiles(${JSON.stringify(c.files)}${c.opts ? `, ${JSON.stringify(c.opts)}` : ''})`;
    expect(loaded(snapshot), `${context}: loaded objects; diagnostics:\n${printed(snapshot.diagnostics)}`).toEqual(c.want);
    expectDiagnostics(snapshot.diagnostics, c.diags ?? [], context);
    if (c.clean) expect(printed(problems(snapshot.diagnostics)), `${context}: want no errors or warnings`).toBe('(no diagnostics)');
    if (c.skippedKinds) expect(snapshot.meta.skippedKinds, `${context}: skippedKinds`).toMatchObject(c.skippedKinds);
    expect(snapshot.meta.partial, `${context}: meta.partial`).toBe(c.partial ?? false);
  });

  it('lists the files in load order and describes the source', async () => {
    const result = await loadFiles([td('tree'), td('role.json')]);
    const rel = result.files.map((f) => path.relative(TESTDATA, f));
    expect(rel).toEqual(['tree/a.yaml', 'tree/nested/Z-upper.YAML', 'tree/nested/b.yml', 'tree/nested/deeper/c.json', 'role.json']);
    expect(result.snapshot.meta.source).toBe(`files: ${td('tree')}, ${td('role.json')}`);
    expect(result.snapshot.meta.loadedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await loadFiles([td('role.json')], { source: 'upload' })).snapshot.meta.source).toBe('upload');
  });

  it('finishes alias bombs fast', async () => {
    const levels = 30;
    const bomb = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < levels; i++) bomb.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    const started = performance.now();
    const fromFile = await load(['alias-bomb.yaml']);
    const generated = parseText(`${bomb.join('\n')}\n---\nkind: After\n`, 'bomb.yaml');
    const ms = performance.now() - started;
    expect(ms, `took ${ms.toFixed(0)} ms`).toBeLessThan(2000);
    expect(loaded(fromFile.snapshot)).toEqual({ namespaces: ['after-the-bomb'] });
    expect(generated.inputs.map((i) => i.value)).toEqual([{ kind: 'After' }]);
    expectDiagnostics(generated.diagnostics, [{ code: 'parse-error', line: 1, message: /alias/ }], 'generated bomb');
  });

  it('never keeps or reports Secret payloads', async () => {
    const result = await load(['secret.yaml', 'secret-list.json']);
    const everything = [JSON.stringify(result), ...result.snapshot.diagnostics.map(formatDiagnostic)].join('\n');
    const payloads = ['czNjcjN0', 's3cr3t'];
    for (const p of payloads) expect(everything, `payload ${p} leaked`).not.toContain(p);
  });

  it('hands on Secrets without payload, also in the YAML syntax tree kept for positions', () => {
    const text = 'kind: List\nitems:\n- kind: Secret\n  metadata: {name: s}\n  data: {k: czNjcjN0}\n';
    const { inputs } = parseText(text, 's.yaml');
    expect(JSON.stringify(inputs.map((i) => i.value))).not.toContain('czNjcjN0');
    // the tree behind locate no longer has the node: locating it falls back to its Secret item
    expect(inputs[0]?.locate?.(['items', 0, 'data', 'k'])).toEqual({ line: 3, col: 3 });
  });
});

// ---------------------------------------------------------------------------------------------
// stdin

describe('loadFiles with "-"', () => {
  const yaml = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: from-stdin\n';
  // prettier-ignore
  const cases: { name: string; chunks: (string | Buffer)[]; opts?: LoadOptions; want: Loaded; diags?: DiagWant[] }[] = [
    { name: 'YAML in one chunk', chunks: [yaml], want: { namespaces: ['from-stdin'] } },
    { name: 'YAML split across byte chunks', chunks: [Buffer.from(yaml.slice(0, 20)), Buffer.from(yaml.slice(20))], want: { namespaces: ['from-stdin'] } },
    { name: 'JSON', chunks: ['{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"json-stdin"}}'], want: { namespaces: ['json-stdin'] } },
    { name: 'malformed YAML names <stdin>', chunks: ['a: [1\nb: 2\n'], want: {}, diags: [{ code: 'parse-error', source: '<stdin>', line: 2 }] },
    { name: 'empty', chunks: [], want: {}, diags: [{ code: 'parse-error', severity: 'warning', source: '<stdin>', message: /empty/ }] },
  ];

  it.each(cases)('$name', async (c) => {
    const result = await loadFiles(['-', td('bom.yaml')], { ...c.opts, stdin: Readable.from(c.chunks) });
    const context = `stdin ${JSON.stringify(c.chunks.map(String))}`;
    const want = { ...c.want, namespaces: [...(c.want.namespaces ?? []), 'with-bom'] };
    expect(loaded(result.snapshot), `${context}; diagnostics:\n${printed(result.snapshot.diagnostics)}`).toEqual(want);
    expectDiagnostics(result.snapshot.diagnostics, c.diags ?? [], context);
    expect(result.files).toEqual(['<stdin>', td('bom.yaml')]);
  });
});

// ---------------------------------------------------------------------------------------------
// files written by the tests: binary, encodings, symlinks, unreadable paths

describe('loadFiles on generated files', () => {
  const ns = (name: string): string => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
  // prettier-ignore
  const cases: { name: string; bytes: () => Buffer; want: Loaded; diags: DiagWant[] }[] = [
    { name: 'random bytes', bytes: () => Buffer.concat([randomBytes(4096), Buffer.from([0])]), want: {},
      diags: [{ code: 'parse-error', severity: 'error', message: /^binary file/ }] },
    { name: 'high bytes without NUL (not UTF-8 at all)', bytes: () => Buffer.from(Array.from({ length: 2000 }, (_, i) => 0x80 + (i % 0x7f))), want: {},
      diags: [{ code: 'parse-error', severity: 'error', message: /^binary file/ }] },
    { name: 'a stray Latin-1 byte in a comment', bytes: () => Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\n${ns('latin1')}`)]),
      want: { namespaces: ['latin1'] }, diags: [{ code: 'parse-error', severity: 'warning', message: /not valid UTF-8/ }] },
    { name: 'UTF-16LE with BOM (PowerShell redirect)', bytes: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ns('utf16le'), 'utf16le')]),
      want: { namespaces: ['utf16le'] }, diags: [] },
    { name: 'UTF-16BE with BOM', bytes: () => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(ns('utf16be'), 'utf16le').swap16()]),
      want: { namespaces: ['utf16be'] }, diags: [] },
  ];

  it.each(cases)('$name', async (c) => {
    const file = tmpPath(`${c.name.replace(/\W+/g, '-')}.yaml`);
    await writeFile(file, c.bytes());
    const { snapshot } = await loadFiles([file, td('role.json')]);
    expect(loaded(snapshot), `${c.name}; diagnostics:\n${printed(snapshot.diagnostics)}`).toEqual({ ...c.want, clusterRoles: ['secret-reader'] });
    expectDiagnostics(snapshot.diagnostics, c.diags.map((d) => ({ ...d, source: file })), c.name);
  });

  it('walks a directory with a symlink loop, a dangling link and node_modules', async () => {
    const root = tmpPath('walk');
    await mkdir(path.join(root, 'sub', 'node_modules', 'pkg'), { recursive: true });
    await writeFile(path.join(root, 'sub', 'one.yaml'), ns('walk-one'));
    await writeFile(path.join(root, 'sub', 'node_modules', 'pkg', 'vendored.yaml'), ns('vendored'));
    await symlink(root, path.join(root, 'sub', 'loop'));
    await symlink(path.join(root, 'missing.yaml'), path.join(root, 'sub', 'dangling.yaml'));
    const { snapshot, files } = await loadFiles([root]);
    expect(loaded(snapshot)).toEqual({ namespaces: ['walk-one'] });
    expect(files).toEqual([path.join(root, 'sub', 'one.yaml')]);
    expectDiagnostics(snapshot.diagnostics, [{ code: 'partial-data', severity: 'warning', source: path.join(root, 'sub', 'dangling.yaml'), message: /broken symbolic link/ }], 'walk');
  });

  it('loads a top-level JSON array with more elements than a call takes arguments', async () => {
    const file = tmpPath('wide.json');
    const count = 300_000;
    const items = Array.from({ length: count }, (_, i) => `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c${i}"}}`);
    await writeFile(file, `[${items.join(',\n')},\n${JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'last' } })}]`);
    const { snapshot } = await loadFiles([file]);
    expect(loaded(snapshot)).toEqual({ namespaces: ['last'] });
    expect(snapshot.meta.skippedKinds).toEqual({ ConfigMap: count });
  });

  it('turns a failing stdin stream into AtlasError bad-input', async () => {
    const failing = new Readable({ read() { this.destroy(new Error('EPIPE')); } });
    await expect(loadFiles(['-'], { stdin: failing })).rejects.toMatchObject({ code: 'bad-input', message: /cannot read <stdin>/ });
  });

  it('reads a named pipe, as with -f <(kubectl get ...)', async () => {
    const fifo = tmpPath('pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const writing = writeFile(fifo, ns('from-a-pipe'));
    const { snapshot } = await loadFiles([fifo]);
    await writing;
    expect(loaded(snapshot), printed(snapshot.diagnostics)).toEqual({ namespaces: ['from-a-pipe'] });
  });

  // prettier-ignore
  const badPaths: { name: string; paths: () => string[]; message: RegExp }[] = [
    { name: 'nonexistent file', paths: () => [td('role.json'), td('no-such-file.yaml')], message: /no-such-file\.yaml: no such file or directory/ },
    { name: 'nonexistent directory', paths: () => [td('no-such-dir/')], message: /no-such-dir.*: no such file or directory/ },
    { name: 'path through a file', paths: () => [td('role.json/x.yaml')], message: /a component of the path is not a directory/ },
  ];

  it.each(badPaths)('$name throws AtlasError bad-input naming the path', async (c) => {
    const err = await loadFiles(c.paths()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err, `loadFiles(${JSON.stringify(c.paths())})`).toBeInstanceOf(AtlasError);
    expect((err as AtlasError).code).toBe('bad-input');
    expect((err as AtlasError).message).toMatch(c.message);
    expect(toExitCode(err)).toBe(65);
  });
});

// ---------------------------------------------------------------------------------------------
// parseText: format detection, positions, messages

describe('parseText', () => {
  // prettier-ignore
  const cases: { name: string; text: string; kinds: string[]; diags?: DiagWant[] }[] = [
    { name: 'YAML', text: 'kind: A\n---\nkind: B\n', kinds: ['A', 'B'] },
    { name: 'YAML flow mapping after a comment is YAML', text: '# c\n{kind: A}\n', kinds: ['A'] },
    { name: 'JSON object', text: ' \n {"kind": "A"}', kinds: ['A'] },
    { name: 'JSON array', text: '[{"kind": "A"}, {"kind": "B"}]', kinds: ['A', 'B'] },
    { name: 'concatenated JSON without separators', text: '{"kind":"A"}{"kind":"B"}', kinds: ['A', 'B'] },
    { name: 'JSON Lines with a broken line in the middle', text: '{"kind":"A"}\n{"kind": nope}\n{"kind":"C"}\n', kinds: ['A', 'C'],
      diags: [{ code: 'parse-error', line: 2, col: 10, message: /expected a value; skipped to the next line/ }] },
    { name: 'JSON: unterminated string', text: '{\n  "kind": "A\n}', kinds: [], diags: [{ code: 'parse-error', line: 2, col: 13, message: /control character in a string/ }] },
    { name: 'JSON: truncated', text: '{"kind": "A", "items": [', kinds: [], diags: [{ code: 'parse-error', line: 1, col: 25, message: /unexpected end of input; the rest/ }] },
    { name: 'JSON: trailing comma', text: '[\n {"kind": "A"},\n]', kinds: [], diags: [{ code: 'parse-error', line: 3, col: 1, message: /expected a value/ }] },
    { name: 'YAML: tab indentation', text: 'kind: A\nmetadata:\n\tname: x\n', kinds: [], diags: [{ code: 'parse-error', line: 3 }] },
    { name: 'YAML: unknown tag is a warning, the object loads', text: 'kind: A\nx: !custom y\n', kinds: ['A'],
      diags: [{ code: 'parse-error', severity: 'warning', line: 2, message: /unknown tag/ }] },
    { name: 'YAML: null document ignored', text: '~\n---\nkind: A\n', kinds: ['A'] },
    { name: 'whitespace only', text: '  \n\t\n', kinds: [], diags: [{ code: 'parse-error', severity: 'warning', message: /^empty file$/ }] },
    { name: 'NUL byte', text: 'kind: A\n\0', kinds: [], diags: [{ code: 'parse-error', severity: 'error', message: /^binary file/ }] },
  ];

  it.each(cases)('$name', (c) => {
    const r = parseText(c.text, 'in.yaml');
    const kinds = r.inputs.map((i) => (i.value as { kind?: unknown }).kind);
    expect(kinds, `parseText(${JSON.stringify(c.text)}); diagnostics:\n${printed(r.diagnostics)}`).toEqual(c.kinds);
    expectDiagnostics(r.diagnostics, (c.diags ?? []).map((d) => ({ source: 'in.yaml', ...d })), `parseText(${JSON.stringify(c.text)})`);
    if (!c.diags) expect(printed(r.diagnostics)).toBe('(no diagnostics)');
  });

  it('locates YAML paths, falling back to the nearest node that exists', () => {
    const text = 'kind: Role\nmetadata:\n  name: r\nrules:\n  - verbs: [get]\n    resources: [pods]\n';
    const input = parseText(text, 'r.yaml').inputs[0];
    expect(input?.origin).toEqual({ source: 'r.yaml', line: 1, col: 1, doc: 0 });
    const at = (p: (string | number)[]) => input?.locate?.(p);
    expect(at(['metadata', 'name'])).toEqual({ line: 3, col: 9 });
    expect(at(['rules', 0, 'resources', 0])).toEqual({ line: 6, col: 17 });
    expect(at(['rules', 0, 'apiGroups'])).toEqual({ line: 5, col: 5 }); // missing: the rule itself
    expect(at(['rules', 7, 'verbs'])).toEqual({ line: 5, col: 3 }); // missing item: the rules list
  });

  it('never quotes the text in YAML or JSON error messages', () => {
    const secret = 'hunter2-do-not-print';
    const texts = [
      `a: "${secret}\\q"\n`,
      `a: [${secret}\n`,
      `a: !<${secret}> b\n`,
      `{"a": ${secret}}`,
      `{"a": "${secret}\n"}`,
      `kind: A\n*${secret}\n`,
    ];
    for (const t of texts) {
      const { diagnostics } = parseText(t, 'x.yaml');
      expect(diagnostics.length, `parseText(${JSON.stringify(t)}) should report an error`).toBeGreaterThan(0);
      expect(printed(diagnostics), `parseText(${JSON.stringify(t)})`).not.toContain('hunter2');
    }
  });

  it('skips documents nested too deeply, without crashing the process', () => {
    // Near the stack limit yaml's recursive composer can make V8 abort the process (not a catchable
    // error). This flow-then-block sequence did so on Node 20 before the depth check.
    const flow = `${'['.repeat(1000)}${']'.repeat(1000)}\n`;
    const block = `${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}- `).join('\n')}x\n`;
    const fine = `${Array.from({ length: 60 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} x\n`;
    const text = `# starts with a comment, so this is YAML\n${[flow, block, 'kind: After\n', `kind: Deep\nx:\n${fine}`].join('---\n')}`;
    const started = performance.now();
    const r = parseText(text, 'deep.yaml');
    expect(performance.now() - started).toBeLessThan(5000);
    expect(r.inputs.map((i) => (i.value as { kind?: unknown }).kind)).toEqual(['After', 'Deep']);
    expectDiagnostics(r.diagnostics, [
      { code: 'parse-error', line: 2, message: /nested more than 100 levels/ },
      { code: 'parse-error', line: 4, message: /nested more than 100 levels/ },
    ], 'deep.yaml');
    expect(r.diagnostics).toHaveLength(2);
  });

  it('caps the number of parse errors reported per file', () => {
    const text = Array.from({ length: 200 }, () => 'a: "\\q"').join('\n---\n');
    const { diagnostics } = parseText(text, 'many.yaml');
    expect(diagnostics.length).toBe(51);
    expect(diagnostics.at(-1)?.message).toBe('YAML: 150 more errors not shown');
  });
});

// ---------------------------------------------------------------------------------------------
// a big file

/**
 * ~200 MB of JSON: a kind: List of ConfigMaps (skipped as unknown kinds) with two RBAC objects at the
 * end. Measured at about 5 s on the 2-core CI machine (write ~1 s, read+parse ~3 s, build ~1 s).
 * A YAML file of that size is not tested: the yaml library parses ~10 MB/s and keeps a syntax tree
 * many times the size of the text, so 200 MB of YAML would take minutes and several GB.
 */
describe('a ~200 MB file', () => {
  it('loads in one JSON.parse and keeps what is valid', async () => {
    const file = tmpPath('big.json');
    const count = await writeBigList(file, 200 * 1024 * 1024);
    const started = performance.now();
    const { snapshot } = await loadFiles([file]);
    const seconds = (performance.now() - started) / 1000;
    expect(loaded(snapshot)).toEqual({ clusterRoles: ['at-the-end'], namespaces: ['also-at-the-end'] });
    expect(snapshot.meta.skippedKinds).toEqual({ ConfigMap: count });
    expect(seconds, `load took ${seconds.toFixed(1)} s`).toBeLessThan(20);
    await rm(file);
  }, 120_000);
});

async function writeBigList(file: string, bytes: number): Promise<number> {
  const item = (i: number) =>
    JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'bulk' }, data: { text: 'x'.repeat(300) } });
  const perChunk = 1000;
  const chunkBytes = (item(0).length + 2) * perChunk;
  const chunks = Math.ceil(bytes / chunkBytes);
  const { createWriteStream } = await import('node:fs');
  const out = createWriteStream(file);
  const write = (s: string) => new Promise<void>((resolve, reject) => out.write(s, (e) => (e ? reject(e) : resolve())));
  await write('{"apiVersion":"v1","kind":"List","items":[\n');
  for (let c = 0; c < chunks; c++) {
    await write(Array.from({ length: perChunk }, (_, k) => item(c * perChunk + k)).join(',\n') + ',\n');
  }
  const tail = [
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'at-the-end' }, rules: [] },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'also-at-the-end' } },
  ];
  await write(tail.map((t) => JSON.stringify(t)).join(',\n') + ']}\n');
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return chunks * perChunk;
}

// ---------------------------------------------------------------------------------------------
// size limits: an input over the limit stops the load (exit 65), a stream is not read past it

describe('input size limits', () => {
  /** An endless stream of `byte` in 64 KiB chunks, counting what was read from it. */
  function endless(byte: number): { stream: Readable; read: () => number } {
    let read = 0;
    const chunk = Buffer.alloc(64 * 1024, byte);
    const stream = new Readable({
      read() {
        read += chunk.length;
        this.push(chunk);
      },
    });
    return { stream, read: () => read };
  }

  it.each([
    { name: 'a file over the limit', paths: () => [td('multi-doc.yaml'), td('bom.yaml')], opts: { maxFileBytes: 128 }, error: /multi-doc\.yaml is 584 bytes, over the input limit of 128 bytes \(RBAC_ATLAS_MAX_INPUT_BYTES/ },
    { name: 'stdin over the limit', paths: () => ['-'], opts: { maxFileBytes: 100, stdin: Readable.from(['apiVersion: v1\nkind: Namespace\n'.repeat(10)]) }, error: /^<stdin> is larger than the input limit of 100 bytes/ },
  ])('$name: AtlasError bad-input (exit 65) naming the input and the limit', async ({ paths, opts, error }) => {
    const e = await loadFiles(paths(), opts).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AtlasError);
    expect(toExitCode(e)).toBe(65);
    expect((e as Error).message).toMatch(error);
  });

  it('an endless text stream (yes | rbac-atlas -f -) is read up to the limit only', async () => {
    const { stream, read } = endless(0x61);
    const e = await loadFiles(['-'], { maxFileBytes: 1024 * 1024, stdin: stream }).catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/^<stdin> is larger than the input limit of 1048576 bytes/);
    expect(read()).toBeLessThan(2 * 1024 * 1024);
    expect(stream.destroyed).toBe(true);
  });

  it('an endless stream of NULs (-f /dev/zero) stops at once: a binary file', async () => {
    const { stream, read } = endless(0);
    const { snapshot } = await loadFiles(['-'], { stdin: stream });
    expect(read()).toBeLessThanOrEqual(128 * 1024);
    expectDiagnostics(snapshot.diagnostics, [{ code: 'parse-error', source: '<stdin>', message: /binary/ }], 'endless NULs');
  });

  it('the limit comes from RBAC_ATLAS_MAX_INPUT_BYTES', () => {
    expect(maxInputBytes({})).toBe(512 * 1024 * 1024);
    expect(maxInputBytes({ RBAC_ATLAS_MAX_INPUT_BYTES: '1000' })).toBe(1000);
    expect(maxInputBytes({ RBAC_ATLAS_MAX_INPUT_BYTES: 'lots' })).toBe(512 * 1024 * 1024);
  });
});

// ---------------------------------------------------------------------------------------------
// names relative to what was given (the web app: no directory of the server shows)

describe("names: 'relative'", () => {
  it('names files by the base name of what was given, and the directories walked below it', async () => {
    const { snapshot, files } = await loadFiles([td('tree'), td('missing-fields.yaml')], { names: 'relative' });
    expect(files).toEqual(['tree/a.yaml', 'tree/nested/Z-upper.YAML', 'tree/nested/b.yml', 'tree/nested/deeper/c.json', 'missing-fields.yaml']);
    expect(snapshot.meta.source).toBe('files: tree, missing-fields.yaml');
    const sources = snapshot.diagnostics.map((d) => d.origin?.source ?? '');
    expect(sources.length).toBeGreaterThan(0);
    for (const s of [...sources, ...files]) expect(s, s).not.toContain(path.dirname(TESTDATA));
    for (const o of [...snapshot.clusterRoles, ...snapshot.roles]) expect(o.origin?.source ?? '').not.toMatch(/^\//);
  });

  it('an unreadable path: the CLI message names it as given, the browser message by its base name', async () => {
    const missing = path.join(TESTDATA, 'nope', 'gone.yaml');
    const e = (await loadFiles([missing], { names: 'relative' }).catch((x: unknown) => x)) as AtlasError;
    expect(e.message).toBe(`cannot read ${missing}: no such file or directory`);
    expect(e.details?.browserMessage).toBe('cannot read gone.yaml: no such file or directory');
  });
});

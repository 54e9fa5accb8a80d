// Issue 15: each command loads only what it needs. Runs the bundled CLI (code splitting, as
// scripts/build-cli.mjs builds it) with a module loader hook that records every module the process
// loads (cli/testdata/load-trace), maps the chunks back to their sources with esbuild's metafile, and
// checks that `--help` and usage errors load neither the Kubernetes client nor the findings
// catalogue (nor the loaders), and that a file or demo source never loads the Kubernetes client.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './run-cli';

const OUT = path.join('dist', 'startup-test');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'rbac-atlas-startup-'));
let main = '';
/** output file (absolute) -> the sources bundled into it */
const sourcesOf = new Map<string, string[]>();

beforeAll(async () => {
  const { bundleCliProgram } = await import('../scripts/lib/cli-bundle.mjs');
  const meta = await bundleCliProgram(repoRoot, OUT);
  for (const [file, output] of Object.entries(meta.outputs)) sourcesOf.set(path.resolve(repoRoot, file), Object.keys(output.inputs));
  main = path.join(repoRoot, OUT, 'cli', 'main.mjs');
}, 60_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Loaded {
  code: number | null;
  /** the sources evaluated (cli/..., lib/..., bundled node_modules/...), through the chunks that hold them */
  sources: string[];
  /** npm packages loaded from node_modules (not bundled) */
  packages: string[];
}

let runs = 0;
function runTraced(args: string[]): Loaded {
  const trace = path.join(tmp, `trace-${++runs}.txt`);
  const r = spawnSync(process.execPath, ['--import', path.join(repoRoot, 'cli/testdata/load-trace/register.mjs'), main, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { NODE_ENV: 'test', PATH: process.env.PATH ?? '', NO_COLOR: '1', KUBECONFIG: '/nonexistent-kubeconfig', RBAC_ATLAS_LOAD_TRACE: trace },
    timeout: 120_000,
  });
  const urls = readFileSync(trace, 'utf8').split('\n').filter((u) => u.startsWith('file:'));
  const files = urls.map((u) => fileURLToPath(u));
  const sources = new Set<string>();
  const packages = new Set<string>();
  for (const f of files) {
    for (const s of sourcesOf.get(f) ?? []) sources.add(s);
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f);
    if (pkg) packages.add(pkg[1] as string);
  }
  return { code: r.status, sources: [...sources].sort(), packages: [...packages].sort() };
}

const CLUSTER_CLIENT = '@kubernetes/client-node';
const isFindings = (s: string) => s.startsWith('lib/engine/findings/') && s !== 'lib/engine/findings/types.ts';
const isLoader = (s: string) => s.startsWith('lib/load/') && !['lib/load/cluster-kinds.ts', 'lib/load/findings-config-file.ts'].includes(s);
const isCommand = (s: string) => s.startsWith('cli/commands/');
const isParser = (s: string) => /^node_modules\/(zod|yaml)\//.test(s);

describe('--help and usage errors load only the command specs', () => {
  it.each([
    ['--help', ['--help'], 0],
    ['--version', ['--version'], 0],
    ['who-can --help', ['who-can', '--help'], 0],
    ['scan --help', ['scan', '--help'], 0],
    ['snapshot --help', ['snapshot', '--help'], 0],
    ['who-can without a verb (usage error)', ['who-can'], 64],
    ['scan -o with a bad format (usage error)', ['scan', '-o', 'yaml', '--demo'], 64],
    ['unknown command', ['whocan'], 64],
  ])('%s', (_name, args, code) => {
    const r = runTraced(args);
    expect(r.code).toBe(code);
    expect(r.packages).toEqual([]); // commander is bundled (scripts/lib/cli-bundle.mjs)
    expect(r.sources.filter((s) => isFindings(s) || isLoader(s) || isCommand(s) || isParser(s))).toEqual([]);
    expect(r.sources).toContain('cli/specs/who-can.ts'); // the trace saw the program
  });
});

describe('a command loads what it uses', () => {
  it.each([
    // name, args, must load, must not load
    ['who-can on the demo: no cluster client, no findings', ['who-can', 'get', 'secrets', '--demo'], ['lib/engine/who-can.ts'], [CLUSTER_CLIENT, 'lib/engine/findings/catalog.ts', 'lib/load/cluster.ts']],
    ['can-i on a file: no cluster client, no findings', ['can-i', 'get', 'pods', '--as', 'alice', '-f', 'public/demo/demo-cluster.json'], ['lib/engine/can-i.ts'], [CLUSTER_CLIENT, 'lib/engine/findings/catalog.ts', 'lib/load/cluster.ts']],
    ['scan on the demo: findings, no cluster client', ['scan', '--demo', '-o', 'json'], ['lib/engine/findings/catalog.ts'], [CLUSTER_CLIENT, 'lib/load/cluster.ts']],
    ['who-can on a cluster: the cluster client', ['who-can', 'get', 'secrets', '--context', 'none'], ['lib/load/cluster.ts', CLUSTER_CLIENT], ['lib/engine/findings/catalog.ts']],
  ])('%s', (_name, args, present, absent) => {
    const r = runTraced(args as string[]);
    const loaded = [...r.sources, ...r.packages];
    for (const p of present as string[]) expect(loaded).toContain(p);
    for (const a of absent as string[]) expect(loaded).not.toContain(a);
  });
});

describe('scan loads the renderer of the chosen -o only', () => {
  const RENDERERS: Record<string, string> = {
    json: 'lib/format/findings-json.ts',
    csv: 'lib/format/findings-csv.ts',
    sarif: 'lib/format/sarif.ts',
    markdown: 'lib/format/findings-markdown.ts',
    html: 'lib/format/findings-html.ts',
    table: 'lib/format/findings-table.ts',
  };
  it.each(['json', 'table', 'sarif'])('scan -o %s', (format) => {
    const r = runTraced(['scan', '--demo', '--no-config', '-o', format]);
    expect(r.code).toBe(0);
    const loaded = Object.entries(RENDERERS).filter(([, source]) => r.sources.includes(source)).map(([f]) => f);
    expect(loaded).toEqual([format]);
  });
});

describe('the YAML parser and zod load only when the input needs them', () => {
  const yaml = (s: string) => s.startsWith('node_modules/yaml/');
  // the full zod API (735 KB): the wire schemas and the config parser use its small "mini" API
  const zodClassic = (s: string) => s.startsWith('node_modules/zod/v4/classic/');
  const configParser = 'lib/engine/findings/config-parse.ts';
  it.each([
    // name, args, YAML parser loaded, config parser loaded
    ['who-can on the demo (JSON)', ['who-can', 'get', 'secrets', '--demo'], false, false],
    ['can-i on a JSON file', ['can-i', 'get', 'pods', '--as', 'alice', '-f', 'public/demo/demo-cluster.json'], false, false],
    ['scan on the demo without a config file', ['scan', '--demo', '-o', 'json', '--no-config'], false, false],
    ['who-can on a YAML file', ['who-can', 'get', 'pods', '-f', 'cli/testdata/scan/small.yaml'], true, false],
    ['scan with a config file', ['scan', '--demo', '-o', 'json', '--config', 'cli/testdata/scan/rbac-atlas.yaml'], true, true],
  ])('%s', (_name, args, wantYaml, wantConfig) => {
    const r = runTraced(args as string[]);
    expect(r.code === 0 || r.code === 1 || r.code === 3).toBe(true);
    expect(r.sources.some(yaml)).toBe(wantYaml);
    expect(r.sources.includes(configParser)).toBe(wantConfig);
    expect(r.sources.filter(zodClassic)).toEqual([]);
    expect(r.sources).toContain('lib/engine/normalize.ts');
  });
});

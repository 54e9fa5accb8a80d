// Replays the fuzz corpus (fuzz/corpus/inputs.ts): the counterexamples of bugs the fuzz suite
// found, and handcrafted hostile files (alias bombs, 100k-deep nesting, prototype-pollution keys,
// invalid UTF-8, ...). Plain tests: they run whatever FUZZ_RUNS says.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildRequest } from '../cli/options';
import { objectKey } from '../lib/engine/normalize';
import { buildIndex } from '../lib/engine/query-index';
import { parseResourceSpec } from '../lib/engine/request';
import { parseSubjectSpec } from '../lib/engine/subjects';
import { whoCan } from '../lib/engine/who-can';
import { AtlasError, toHttpResponse } from '../lib/errors';
import { loadFiles } from '../lib/load/files';
import { parseSubjectParam } from '../lib/service/subjects';
import { SECRET_MARK } from '../testing/arbitraries';
import { hostileFiles, regressions } from './corpus/inputs';
import { expectNoPollution } from './harness';

describe('fuzz corpus: regressions', () => {
  it.each(regressions.resourceSpecEmptyBeforeDot)('resource spec %j with nothing before "." is an error', (spec) => {
    const r = parseResourceSpec(spec);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('no resource before');
  });

  it.each(regressions.resourceSpecPrototypeKeys)('resource spec %j is not taken for a built-in resource', (spec) => {
    const r = parseResourceSpec(spec);
    expect(r.ok).toBe(true);
    if (r.ok) for (const h of r.hints) expect(h).not.toContain('undefined');
    const { hints } = buildRequest('get', spec, { namespace: 'ns' });
    for (const h of hints) expect(h).not.toContain('undefined');
  });

  it.each(regressions.subjectSpecPrototypeKinds)('subject spec %j is an unknown kind (400), not a subject', async (spec) => {
    const r = parseSubjectSpec(spec);
    expect('error' in r && r.error).toMatch(/unknown subject kind/);
    let e: unknown;
    try {
      parseSubjectParam(spec);
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(AtlasError);
    const res = toHttpResponse(e);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/unknown subject kind/);
  });
});

describe('fuzz corpus: hostile files', () => {
  it.each(hostileFiles.map((f) => [f.name, f] as const))('%s loads with diagnostics, no crash, no pollution, no Secret data', async (_name, file) => {
    const bytes = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
    const started = performance.now();
    const { snapshot } = await loadFiles(['-'], { stdin: Readable.from([bytes]) });
    const index = buildIndex(snapshot);
    whoCan(index, { type: 'resource', verb: 'get', apiGroup: '', resource: 'pods', subresource: '', namespace: '', name: '' }, { allNamespaces: true });
    expect(performance.now() - started).toBeLessThan(10_000);
    const messages = snapshot.diagnostics.map((d) => d.message).join('\n');
    for (const m of file.expectMessages ?? []) expect(messages).toContain(m);
    const keys = [...snapshot.roles, ...snapshot.clusterRoles, ...snapshot.roleBindings, ...snapshot.clusterRoleBindings, ...snapshot.serviceAccounts, ...snapshot.pods, ...snapshot.namespaces].map(objectKey);
    for (const k of file.expectObjects ?? []) expect(keys).toContain(k);
    for (const d of snapshot.diagnostics) if (d.code === 'parse-error') expect(d.origin?.source).toBe('<stdin>');
    expect(JSON.stringify(snapshot)).not.toContain(SECRET_MARK);
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
    expectNoPollution();
  });
});

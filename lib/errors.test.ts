import { describe, expect, it } from 'vitest';
import type { Diagnostic } from './engine/types';
import { AtlasError, formatDiagnostic, toExitCode, toHttpResponse } from './errors';
import { BodyTooLarge } from './server/body';

describe('toExitCode', () => {
  // prettier-ignore
  const cases: { name: string; error: unknown; want: number }[] = [
    { name: 'usage', error: new AtlasError('usage', 'unknown flag --x'), want: 64 },
    { name: 'bad input', error: new AtlasError('bad-input', 'cannot read a.yaml'), want: 65 },
    { name: 'unreachable', error: new AtlasError('unreachable', 'connection refused'), want: 69 },
    { name: 'internal', error: new AtlasError('internal', 'bug'), want: 70 },
    { name: 'plain Error (a bug)', error: new TypeError('x is undefined'), want: 70 },
    { name: 'not an Error at all', error: 'thrown string', want: 70 },
  ];
  it.each(cases)('$name → $want', ({ error, want }) => {
    expect(toExitCode(error), `toExitCode(${String(error)})`).toBe(want);
  });
});

describe('AtlasError', () => {
  it('is recognised across copies of the module (a worker task failure rebuilt by the server bundle)', async () => {
    const copy = (await import(`./errors?copy=${Date.now()}`)) as typeof import('./errors');
    expect(copy.AtlasError).not.toBe(AtlasError);
    const e = new copy.AtlasError('usage', 'too many files', { httpStatus: 413 });
    expect(e instanceof AtlasError).toBe(true);
    expect(toHttpResponse(e).status).toBe(413);
    expect(new Error('x') instanceof AtlasError).toBe(false);
    expect(Object.assign(new Error('x'), { name: 'AtlasError', code: 'usage' }) instanceof AtlasError).toBe(false);
    expect(e instanceof BodyTooLarge).toBe(false); // a subclass keeps the prototype check
  });
  it('carries code, details and cause', () => {
    const cause = new Error('ENOENT');
    const e = new AtlasError('bad-input', 'cannot read a.yaml', { path: 'a.yaml' }, { cause });
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.code, e.message, e.details?.path, e.cause]).toEqual(['AtlasError', 'bad-input', 'cannot read a.yaml', 'a.yaml', cause]);
  });
});

describe('formatDiagnostic', () => {
  const d = (extra: Partial<Diagnostic>): Diagnostic => ({ severity: 'error', code: 'invalid-object', message: 'rules[0].verbs: expected a list', ...extra });
  // prettier-ignore
  const cases: { name: string; diagnostic: Diagnostic; want: string }[] = [
    { name: 'everything', diagnostic: d({ origin: { source: 'rbac.yaml', line: 14, col: 7 }, object: 'ClusterRole/ci-deployer' }),
      want: 'rbac.yaml:14:7: error: rules[0].verbs: expected a list (ClusterRole/ci-deployer)' },
    { name: 'no column', diagnostic: d({ origin: { source: 'rbac.yaml', line: 14 } }), want: 'rbac.yaml:14: error: rules[0].verbs: expected a list' },
    { name: 'file only', diagnostic: d({ origin: { source: 'dump.json' }, severity: 'warning' }), want: 'dump.json: warning: rules[0].verbs: expected a list' },
    { name: 'document index without line', diagnostic: d({ origin: { source: 'dump.json', doc: 3 }, severity: 'warning' }), want: 'dump.json (document 4): warning: rules[0].verbs: expected a list' },
    { name: 'list item without line', diagnostic: d({ origin: { source: 'dump.json', doc: 0, item: 12 }, severity: 'warning' }), want: 'dump.json (items[12]): warning: rules[0].verbs: expected a list' },
    { name: 'no origin', diagnostic: d({ severity: 'info', object: 'Role/ns/r' }), want: 'info: rules[0].verbs: expected a list (Role/ns/r)' },
    { name: 'control characters escaped', diagnostic: d({ message: 'name "\u001b[31mred"\nnext', origin: { source: 'a\tb.yaml' } }),
      want: 'a\\tb.yaml: error: name "\\x1b[31mred"\\nnext' },
  ];
  it.each(cases)('$name', ({ diagnostic, want }) => {
    expect(formatDiagnostic(diagnostic), JSON.stringify(diagnostic)).toBe(want);
  });
});

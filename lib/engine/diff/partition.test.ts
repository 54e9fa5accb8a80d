// Partitions of one rule dimension: which listed values cover which, and how a set of classes is
// written back as RBAC lists (with `except` where a plain list cannot say it). One case per line.
import { describe, expect, it } from 'vitest';
import { Partition, type DimensionKind } from './partition';

type CoverCase = [kind: DimensionKind, values: string[], wide: string[], narrow: string[], covers: boolean];

// Does the wide list cover everything the narrow list covers?
const coverCases: CoverCase[] = [
  ['verbs', ['get', 'list'], ['*'], ['get', 'list'], true],
  ['verbs', ['get', 'list'], ['get', 'list'], ['*'], false], // "*" also covers verbs no rule names
  ['apiGroups', ['', 'apps'], ['*'], [''], true],
  ['apiGroups', ['', 'apps'], ['', 'apps'], ['*'], false], // CRD groups
  ['resources', ['pods', 'pods/exec', '*/exec'], ['*/exec'], ['pods/exec'], true],
  ['resources', ['pods', 'pods/exec', '*/exec'], ['pods/exec'], ['*/exec'], false], // deployments/exec, ...
  ['resources', ['pods', 'pods/exec', '*/exec'], ['*/exec'], ['pods'], false],
  ['resources', ['pods', 'pods/*', 'pods/exec'], ['pods/*'], ['pods/exec'], false], // "pods/*" is literal
  ['resources', ['pods/exec/x', '*/exec'], ['*/exec'], ['pods/exec/x'], false], // subresource "exec/x"
  ['resourceNames', ['a', 'b'], [], ['a', 'b'], true], // no names = every name
  ['resourceNames', ['a', 'b'], ['a', 'b'], [], false], // ... and nameless requests
  ['resourceNames', ['*', 'a'], ['*'], ['a'], false], // "*" is a literal name
  ['nonResourceURLs', ['/api/*', '/api/v1'], ['/api/*'], ['/api/v1'], true],
  ['nonResourceURLs', ['/api/*', '/api'], ['/api/*'], ['/api'], false], // "/api/*" needs the slash
  ['nonResourceURLs', ['/api*', '/api'], ['/api*'], ['/api'], true],
  ['nonResourceURLs', ['/api*', '/apis/*'], ['/api*'], ['/apis/*'], true], // nested prefixes
  ['nonResourceURLs', ['/api*', '/apis/*'], ['/apis/*'], ['/api*'], false],
  ['nonResourceURLs', ['/api**', '/api*'], ['/api**'], ['/api*'], true], // same prefix
  ['nonResourceURLs', ['**', '/x'], ['**'], ['*'], true], // "**" is everything, like "*"
  ['nonResourceURLs', ['/healthz'], ['/healthz'], ['*'], false],
];

describe('Partition.maskOf: coverage with RBAC semantics', () => {
  it.each(coverCases)('%s %j: %j covers %j = %s', (kind, values, wide, narrow, covers) => {
    const p = new Partition(kind, [...values, ...wide, ...narrow]);
    const w = p.maskOf(wide);
    const n = p.maskOf(narrow);
    expect((n & ~w) === 0n).toBe(covers);
  });
});

type WriteCase = [kind: DimensionKind, values: string[], included: string[], excluded: string[], expected: { all?: boolean; values?: string[]; except?: string[] }[]];

// The set "covered by `included`, minus what `excluded` covers", written back.
const writeCases: WriteCase[] = [
  ['verbs', ['get', 'list'], ['get', 'list'], [], [{ values: ['get', 'list'] }]],
  ['verbs', ['get', 'list'], ['*'], [], [{ all: true }]],
  ['verbs', ['get', 'list'], ['*'], ['get'], [{ all: true, except: ['get'] }]],
  ['resources', ['pods', '*/exec', 'pods/exec'], ['*/exec'], ['pods/exec'], [{ values: ['*/exec'], except: ['pods/exec'] }]],
  ['resources', ['pods', '*/exec', 'pods/exec'], ['*'], ['*/exec'], [{ all: true, except: ['*/exec'] }]],
  ['resources', ['pods', '*/exec', 'pods/exec', 'pods/log'], ['pods', 'pods/log'], [], [{ values: ['pods', 'pods/log'] }]],
  ['resourceNames', ['a', 'b'], [], ['a'], [{ all: true, except: ['a'] }]],
  ['resourceNames', ['a', 'b'], ['a', 'b'], ['a'], [{ values: ['b'] }]],
  ['nonResourceURLs', ['/api/*', '/api/v1*', '/api/v1/x'], ['/api/*'], ['/api/v1*'], [{ values: ['/api/*'], except: ['/api/v1*'] }]],
];

describe('Partition.toValueSets: a set of classes as RBAC lists', () => {
  it.each(writeCases)('%s %j: %j minus %j', (kind, values, included, excluded, expected) => {
    const p = new Partition(kind, [...values, ...included, ...excluded]);
    const mask = p.maskOf(included) & ~(excluded.length ? p.maskOf(excluded) : 0n);
    expect(p.toValueSets(mask)).toEqual(expected.map((e) => ({ all: e.all ?? false, values: e.values ?? [], except: e.except ?? [] })));
  });

  it('a carve-out with a hole: what is inside the carved-out pattern comes back as a list of its own', () => {
    const p = new Partition('resources', ['*', '*/exec', 'pods/exec', 'pods']);
    const mask = (p.all & ~p.maskOf(['*/exec'])) | p.maskOf(['pods/exec']);
    expect(p.toValueSets(mask)).toEqual([
      { all: false, values: ['pods/exec'], except: [] },
      { all: true, values: [], except: ['*/exec'] },
    ]);
  });

  it('a value outside the partition is a bug, not a silent miss', () => {
    expect(() => new Partition('verbs', ['get']).maskOf(['list'])).toThrow(/not in the verbs partition/);
  });
});

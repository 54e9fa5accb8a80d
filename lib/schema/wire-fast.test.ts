// The fast paths must return exactly what zod returns for every object they accept, and accept
// nothing zod rejects: checked on every object of the datasets and on random mutations of them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCluster } from '../../testing/cluster/generate';
import { bindingSchema, clusterRoleSchema, namespaceSchema, podSchema, roleSchema, serviceAccountSchema } from './wire';
import { fastBinding, fastClusterRole, fastNamespace, fastPod, fastRole, fastServiceAccount } from './wire-fast';

type Obj = Record<string, unknown>;
const PAIRS: Record<string, [(o: Obj) => unknown, { safeParse: (o: unknown) => { success: boolean; data?: unknown } }]> = {
  Role: [fastRole, roleSchema],
  ClusterRole: [fastClusterRole, clusterRoleSchema],
  RoleBinding: [fastBinding, bindingSchema],
  ClusterRoleBinding: [fastBinding, bindingSchema],
  ServiceAccount: [fastServiceAccount, serviceAccountSchema],
  Pod: [fastPod, podSchema],
  Namespace: [fastNamespace, namespaceSchema],
};

function agree(kind: string, obj: Obj): void {
  const [fast, schema] = PAIRS[kind]!;
  const quick = fast(obj);
  const slow = schema.safeParse(obj);
  if (quick !== undefined) {
    expect(slow.success, `${kind}: fast path accepted what zod rejects: ${JSON.stringify(obj).slice(0, 300)}`).toBe(true);
    expect(quick).toEqual(slow.data);
  }
}

const repo = path.resolve(__dirname, '../..');
const items = (file: string) => (JSON.parse(readFileSync(path.join(repo, file), 'utf8')) as { items: Obj[] }).items;
const samples: Obj[] = [
  ...items('public/demo/demo-cluster.json'),
  ...items('lib/testdata/datasets/realistic-large.json'),
  ...(generateCluster({ namespaces: 5 }) as { items: Obj[] }).items,
].filter((o) => typeof o.kind === 'string' && o.kind in PAIRS);

describe('wire fast paths agree with zod', () => {
  it('on every object of the demo, realistic-large and a generated cluster, and take nearly all of them', () => {
    let taken = 0;
    for (const o of samples) {
      agree(o.kind as string, o);
      if (PAIRS[o.kind as string]![0](o) !== undefined) taken++;
    }
    expect(samples.length).toBeGreaterThan(3000);
    expect(taken / samples.length).toBeGreaterThan(0.95);
  });

  it('on random mutations of those objects (wrong types, nulls, extra and missing fields)', () => {
    const junk = fc.oneof(fc.constant(null), fc.constant(undefined), fc.string(), fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}), fc.array(fc.string()), fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())));
    const paths = fc.array(fc.constantFrom('metadata', 'name', 'namespace', 'uid', 'labels', 'annotations', 'creationTimestamp', 'ownerReferences', 'spec', 'status', 'phase', 'serviceAccountName', 'automountServiceAccountToken', 'secrets', 'subjects', 'rules', 'roleRef', 'aggregationRule', 'nodeName', 'controller', '0', 'kind', '__proto__'), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: samples.length - 1 }), paths, junk, (i, keys, value) => {
        const obj = structuredClone(samples[i]!);
        let at: Obj = obj;
        for (const k of keys.slice(0, -1)) {
          const next = at[k];
          if (typeof next !== 'object' || next === null) return;
          at = next as Obj;
        }
        if (Array.isArray(at)) return; // named properties on arrays are not JSON
        Object.defineProperty(at, keys[keys.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
        agree(samples[i]!.kind as string, obj);
      }),
      { numRuns: 3000, seed: 20261123 },
    );
  });
});

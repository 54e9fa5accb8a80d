// The request mixes of the benchmarks, drawn from a generated cluster.
import { describe, expect, it } from 'vitest';
import { generateCluster } from '../testing/cluster/generate';
import { clusterInfoFromItems, generateRequests } from './requests';

const items = generateCluster({ namespaces: 120 }).items;

describe('generateRequests', () => {
  const info = clusterInfoFromItems(items);
  it('collects namespaces, subjects and resourceNames', () => {
    expect(info.namespaces.length).toBe(136);
    expect(info.users.length).toBeGreaterThan(10);
    expect(info.groups.length).toBeGreaterThan(100);
    expect(info.resourceNames.length).toBeGreaterThan(10);
    expect(info.nodes.length).toBeGreaterThan(2);
  });
  it('is deterministic', () => {
    expect(generateRequests(info, 500, 7)).toEqual(generateRequests(info, 500, 7));
    expect(generateRequests(info, 500, 8)).not.toEqual(generateRequests(info, 500, 7));
  });
  it('mixes can-i and who-can, resource and non-resource, namespaced, -A and cluster-scoped', () => {
    const reqs = generateRequests(info, 4000, 1);
    const share = (pred: (r: (typeof reqs)[number]) => boolean) => reqs.filter(pred).length / reqs.length;
    expect(share((r) => r.type === 'can')).toBeCloseTo(0.8, 1);
    expect(share((r) => r.path !== undefined)).toBeGreaterThan(0.02);
    expect(share((r) => r.allNamespaces === true)).toBeGreaterThan(0.02);
    expect(share((r) => r.namespace === '' && !r.allNamespaces)).toBeGreaterThan(0.05);
    expect(share((r) => (r.name ?? '') !== '')).toBeGreaterThan(0.03);
    expect(share((r) => r.subresource === 'exec')).toBeGreaterThan(0.03);
    expect(share((r) => r.user?.startsWith('system:serviceaccount:') ?? false)).toBeGreaterThan(0.1);
    const namespaces = new Set(info.namespaces);
    for (const r of reqs) {
      if (r.type === 'who-can') expect(r.user).toBeUndefined();
      else expect(r.groups?.length, JSON.stringify(r)).toBeGreaterThan(0);
      if (r.namespace) expect(namespaces.has(r.namespace), JSON.stringify(r)).toBe(true);
      if (r.user?.startsWith('system:serviceaccount:')) expect(r.groups).toContain('system:serviceaccounts');
    }
  });
  it('honours the requested kind', () => {
    expect(generateRequests(info, 300, 1, 'who-can').every((r) => r.type === 'who-can')).toBe(true);
    expect(generateRequests(info, 300, 1, 'can').every((r) => r.type === 'can')).toBe(true);
  });
});

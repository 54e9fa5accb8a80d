// Snapshots as JSON pieces in a shared buffer: the same snapshot back, pieces of bounded size, and a
// decode that lets other work run in between.
import { describe, expect, it } from 'vitest';
import { snapshotOf as snapshotOfObjects } from '../../testing/engine';
import { overlaySnapshot } from '../engine/diff/index';
import { decodePieces, decodeSnapshot, decodeSnapshotDelta, decodeSnapshotSync, encodePieces, encodeSnapshot, encodeSnapshotDelta, wireOf } from './snapshot-wire';

const sa = (i: number) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `sa-${i}`, namespace: `ns-${i % 7}` } });
const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', namespace: 'ns-1' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] };
const snapshotOf = (n: number) => snapshotOfObjects(...Array.from({ length: n }, (_, i) => sa(i)), role);

describe('snapshot wire', () => {
  it.each([
    { name: 'empty lists', n: 0, pieces: 1 + 1 },
    { name: 'one piece per kind', n: 10, pieces: 1 + 2 },
    { name: 'exactly one full piece', n: 500, pieces: 1 + 2 },
    { name: 'one over a piece', n: 501, pieces: 1 + 3 },
    { name: 'many pieces', n: 5_000, pieces: 1 + 10 + 1 },
  ])('$name: the same snapshot back, sync and sliced', async ({ n, pieces }) => {
    const snapshot = snapshotOf(n);
    const wire = encodeSnapshot(snapshot);
    expect(wire.ends.length).toBe(pieces);
    expect(decodeSnapshotSync(wire)).toEqual(snapshot);
    const sliced = await decodeSnapshot(wire);
    expect(sliced).toEqual(snapshot);
    expect(wireOf(sliced)).toBe(wire);
  });

  it('gives the event loop back while decoding a large snapshot', async () => {
    const wire = encodeSnapshot(snapshotOf(50_000), 100);
    let turns = 0;
    const tick = () => {
      turns++;
      if (!done) setImmediate(tick);
    };
    let done = false;
    setImmediate(tick);
    await decodeSnapshot(wire, 0);
    done = true;
    expect(turns).toBeGreaterThan(100);
  });

  it('a plain JSON object (a findings analysis) in pieces: the same object back', async () => {
    const data = { findings: Array.from({ length: 250 }, (_, i) => ({ id: `f${i}`, scope: `ns-${i % 7}` })), hiddenBuiltin: 3, notes: ['a'] };
    const wire = encodePieces(data, 100);
    expect(wire.ends.length).toBe(1 + 3 + 1);
    expect(await decodePieces(wire)).toEqual(data);
  });
});

describe('snapshot delta (a change applied on a base)', () => {
  const change = snapshotOfObjects(sa(3), { ...sa(10_001) }, { ...role, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['list'] }] });
  it.each([
    { name: 'one piece', n: 10 },
    { name: 'many pieces', n: 5_000 },
  ])('$name: the same snapshot back, sharing the base\'s objects', async ({ n }) => {
    const base = snapshotOf(n);
    const changed = overlaySnapshot(base, change);
    const back = await decodeSnapshotDelta(encodeSnapshotDelta(changed, base), base);
    expect(back).toEqual(changed);
    const shared = back.serviceAccounts.filter((o) => base.serviceAccounts.includes(o)).length;
    expect(shared).toBe(changed.serviceAccounts.filter((o) => base.serviceAccounts.includes(o)).length);
    expect(shared).toBe(n - 1); // sa-3 replaced by the change's
    expect(back.roles[0]).not.toBe(base.roles[0]);
  });

  it('against another base: refused, not guessed', async () => {
    const base = snapshotOf(10);
    const wire = encodeSnapshotDelta(overlaySnapshot(base, change), base);
    await expect(decodeSnapshotDelta(wire, snapshotOf(2))).rejects.toThrow(/no serviceAccounts\[\d+\] in its base/);
  });
});

// buildIndexSteps: the index built in steps (the web server indexes a large upload between
// requests) is the index buildIndex builds, and no step indexes more than `every` objects.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from './normalize';
import { buildIndex, buildIndexSteps, type AtlasIndex } from './query-index';
import { whoCan } from './who-can';
import { req } from '../../testing/engine';
import type { Snapshot } from './types';

const root = path.resolve(__dirname, '../..');
const load = (rel: string): Snapshot => {
  const value = JSON.parse(readFileSync(path.join(root, rel), 'utf8')) as unknown;
  return buildSnapshot([{ value, origin: { source: rel } }], { source: rel });
};

/** What two indexes must agree on: every lookup, by key and in canonical order. */
function shape(index: AtlasIndex) {
  return {
    roles: index.roleList.map((r) => `${r.id} ${r.key} ${r.bound.cluster.length}`),
    bindings: index.bindingsByOrder.map((b) => `${b.order} ${b.key} ${b.role?.id ?? -1} ${b.subjects.map((s) => s.rank).join(',')}`),
    subjects: index.subjectsByRank.map((s) => `${s.rank} ${s.key}`),
    users: [...index.bindingsByUser].map(([u, list]) => `${u}: ${list.map((b) => b.key).join(',')}`),
    groups: [...index.bindingsByGroup].map(([g, list]) => `${g}: ${list.map((b) => b.key).join(',')}`),
    ranksFlat: [...index.ranksFlat],
    roleIdByOrder: [...index.roleIdByOrder],
    grantSlots: index.grantCache.slots.length,
    shapes: index.ruleShapes,
    pods: [...index.podsByServiceAccount].map(([k, pods]) => `${k}: ${pods.length}`),
    serviceAccounts: [...index.serviceAccounts.keys()],
    namespaces: index.namespaces,
  };
}

describe('buildIndexSteps', () => {
  const snapshot = load('lib/testdata/datasets/realistic-large.json');
  const objects = snapshot.clusterRoles.length + snapshot.roles.length + snapshot.clusterRoleBindings.length + snapshot.roleBindings.length + snapshot.serviceAccounts.length + snapshot.pods.length;

  it.each([1, 7, 100, 4000, 1_000_000])('every %i objects: the same index as buildIndex', (every) => {
    const steps = buildIndexSteps(snapshot, every);
    let yields = 0;
    let step = steps.next();
    while (!step.done) {
      yields++;
      step = steps.next();
    }
    expect(shape(step.value)).toEqual(shape(buildIndex(snapshot)));
    // at least one yield per `every` objects, plus one between each of the phases
    expect(yields).toBeGreaterThanOrEqual(Math.floor(objects / every));
    expect(yields).toBeLessThanOrEqual(Math.ceil(objects / every) + 8);
    // answers are the same
    expect(whoCan(step.value, req('get', 'secrets'), { allNamespaces: true }).subjects.length).toBe(whoCan(buildIndex(snapshot), req('get', 'secrets'), { allNamespaces: true }).subjects.length);
  });

  it('gives nothing before the end: the index is only the return value', () => {
    const steps = buildIndexSteps(snapshot, 1000);
    const first = steps.next();
    expect(first).toEqual({ done: false, value: undefined });
  });
});

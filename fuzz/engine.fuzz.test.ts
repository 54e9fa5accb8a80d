// Fuzzing the engine on random, mutated but loadable snapshots: normalize → aggregation → index →
// who-can / can-i / what-can / matrix / effective / findings never crash, and three evaluations
// agree: the indexed who-can, the reference who-can (lib/engine/resolve.ts), and can-i per subject.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canI } from '../lib/engine/can-i';
import { effectiveAccess } from '../lib/engine/effective';
import { scanFindings } from '../lib/engine/findings/index';
import { buildAnswerGraph, buildSubjectGraph } from '../lib/engine/graph';
import { accessMatrix } from '../lib/engine/matrix';
import { rbacListers, referenceWhoCan } from '../lib/engine/resolve';
import { buildIndex, type AtlasIndex } from '../lib/engine/query-index';
import { MASTERS, serviceAccountUser, subjectRefKey, withImplicitGroups } from '../lib/engine/subjects';
import type { Principal, SubjectRef } from '../lib/engine/types';
import { whatCan } from '../lib/engine/what-can';
import { whoCan } from '../lib/engine/who-can';
import { aimArb, aimedRequest, clusterObjectsArb, namespaceArb, objectsArb, principalArb, snapshotFrom } from '../testing/arbitraries';
import { expectNoPollution, params, timeout } from './harness';

/** A principal that holds exactly what bindings naming `s` grant (no implicit groups). */
function principalOf(s: SubjectRef, index: AtlasIndex): Principal | undefined {
  if (s.kind === 'User') return { user: s.name, groups: [] };
  if (s.kind === 'ServiceAccount') return { user: serviceAccountUser(s.namespace ?? '', s.name), groups: [] };
  // a user name no binding names, so that only the group counts
  let user = '\u0000oracle';
  while (index.bindingsByUser.has(user)) user += '\u0000';
  return { user, groups: [s.name] };
}

function keys(subjects: readonly SubjectRef[]): string[] {
  return subjects.map(subjectRefKey).sort();
}

describe('engine fuzz', () => {
  it(
    'normalize + index + every query never crash on mutated snapshots',
    () => {
      fc.assert(
        fc.property(fc.oneof(objectsArb, clusterObjectsArb), fc.array(aimArb, { minLength: 1, maxLength: 4 }), principalArb, namespaceArb, (objects, aims, principal, ns) => {
          const snapshot = snapshotFrom(objects);
          const index = buildIndex(snapshot);
          for (const r of aims.map((a) => aimedRequest(snapshot, a))) {
            const answer = whoCan(index, r, { allNamespaces: true });
            effectiveAccess(index, answer);
            buildAnswerGraph({ permissions: [{ id: 'Permission/x', label: 'x' }], subjects: answer.subjects.map((s) => ({ ...s, grants: s.grants.map((g) => ({ ...g, permission: 'Permission/x' })) })) });
            canI(index, withImplicitGroups(principal.user, principal.groups), r);
          }
          const wc = whatCan(index, { principal });
          for (const s of index.subjects.values()) {
            const answer = whatCan(index, { subject: s.ref }, { namespace: ns });
            buildSubjectGraph(s.ref, answer, snapshot.pods);
          }
          expect(Array.isArray(wc.scopes)).toBe(true);
          accessMatrix(index, ns);
          for (const n of index.namespaces.slice(0, 3)) accessMatrix(index, n);
          const findings = scanFindings(index, { includeBuiltin: true });
          JSON.stringify(findings);
          expectNoPollution();
        }),
        params(600),
      );
    },
    timeout(),
  );

  it(
    'oracle: indexed who-can = reference who-can, and who-can lists a subject iff can-i allows it',
    () => {
      fc.assert(
        fc.property(clusterObjectsArb, fc.array(aimArb, { minLength: 1, maxLength: 5 }), (objects, aims) => {
          const snapshot = snapshotFrom(objects);
          const index = buildIndex(snapshot);
          for (const r of aims.map((a) => aimedRequest(snapshot, a))) {
            for (const all of [false, true]) {
              const got = keys(whoCan(index, r, { allNamespaces: all }).subjects);
              expect(got, `all=${all} ${JSON.stringify(r)}`).toEqual(referenceWhoCan(rbacListers(snapshot), r, { allNamespaces: all }).map(subjectRefKey).sort());
            }
            const listed = new Set(keys(whoCan(index, r).subjects));
            for (const s of index.subjects.values()) {
              if (s.ref.kind === 'Group' && s.ref.name === MASTERS) continue; // allowed before RBAC is consulted
              const p = principalOf(s.ref, index);
              if (!p) continue;
              const allowed = canI(index, p, r).allowed;
              expect(allowed, `can-i ${JSON.stringify(p)} ${JSON.stringify(r)} vs who-can`).toBe(listed.has(subjectRefKey(s.ref)));
            }
          }
        }),
        params(800),
      );
    },
    timeout(),
  );

  it(
    'oracle: can-i for arbitrary principals agrees with who-can over the principal\'s identities',
    () => {
      fc.assert(
        fc.property(clusterObjectsArb, aimArb, principalArb, (objects, aim, p) => {
          const snapshot = snapshotFrom(objects);
          const index = buildIndex(snapshot);
          const r = aimedRequest(snapshot, aim);
          const answer = whoCan(index, r);
          const listed = new Set(keys(answer.subjects));
          const principal = withImplicitGroups(p.user, p.groups);
          const identities: SubjectRef[] = [
            ...(p.user.startsWith('system:serviceaccount:') && p.user.split(':').length === 4 && p.user.split(':').every((x) => x !== '')
              ? [{ kind: 'ServiceAccount' as const, namespace: p.user.split(':')[2]!, name: p.user.split(':')[3]! }]
              : [{ kind: 'User' as const, name: p.user }]),
            ...principal.groups.map((g) => ({ kind: 'Group' as const, name: g })),
          ];
          const want = principal.groups.includes(MASTERS) || identities.some((i) => listed.has(subjectRefKey(i)));
          expect(canI(index, principal, r).allowed, `${JSON.stringify(principal)} ${JSON.stringify(r)}`).toBe(want);
        }),
        params(800),
      );
    },
    timeout(),
  );

  it(
    'the snapshot holds only well-typed objects whatever the input',
    () => {
      fc.assert(
        fc.property(fc.oneof(objectsArb, clusterObjectsArb), (objects) => {
          const s = snapshotFrom(objects);
          for (const r of [...s.roles, ...s.clusterRoles]) {
            expect(typeof r.metadata.name).toBe('string');
            for (const rule of r.rules) for (const k of ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const) expect(rule[k].every((x) => typeof x === 'string')).toBe(true);
          }
          for (const b of [...s.roleBindings, ...s.clusterRoleBindings]) {
            expect(['Role', 'ClusterRole']).toContain(b.roleRef.kind);
            for (const sub of b.subjects) expect(typeof sub.kind === 'string' && typeof sub.name === 'string').toBe(true);
          }
          for (const o of [...s.roles, ...s.roleBindings, ...s.serviceAccounts, ...s.pods]) expect(typeof o.metadata.namespace).toBe('string');
          for (const o of [...s.clusterRoles, ...s.roles]) for (const v of Object.values(o.metadata.labels)) expect(typeof v).toBe('string');
          expectNoPollution();
        }),
        params(600),
      );
    },
    timeout(),
  );
});

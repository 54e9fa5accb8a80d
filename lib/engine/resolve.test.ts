// The fast index against the reference resolver (resolve.ts), over random snapshots and requests
// (the fast-check arbitraries of the fuzz suite: valid, mutated and hostile objects). fast-check prints
// the seed and path of a failing case; FUZZ_SEED=<seed> replays it (fuzz/harness.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aimArb, aimedRequest, clusterObjectsArb, principalArb, snapshotFrom } from '../../testing/arbitraries';
import { params, timeout } from '../../fuzz/harness';
import { canI } from './can-i';
import { ruleAllows } from './match';
import { buildIndex, CLUSTER_SCOPE, type AtlasIndex } from './query-index';
import { authorize, grantFrom, principalOf, rbacListers, referenceWhoCan, rulesFor, visitRulesFor, type RbacListers, type RuleSource } from './resolve';
import { reportedSubject, subjectRefKey, withImplicitGroups } from './subjects';
import { clusterRole, crb, rb, req, role, rule, snapshotOf, url } from '../../testing/engine';
import type { Grant, Principal, Request, Snapshot } from './types';
import { effectivePrincipal, whatCan } from './what-can';
import { matchingRules, whoCan } from './who-can';

interface World {
  objects: unknown[];
  snapshot: Snapshot;
  index: AtlasIndex;
  listers: RbacListers;
  requests: Request[];
}

const worldArb = fc.tuple(clusterObjectsArb, fc.array(aimArb, { minLength: 1, maxLength: 5 })).map(([objects, aims]): World => {
  const snapshot = snapshotFrom(objects);
  const world = { objects, snapshot, index: buildIndex(snapshot), listers: rbacListers(snapshot), requests: aims.map((a) => aimedRequest(snapshot, a)) };
  // a failing case prints what reproduces it: the input objects and the requests
  return Object.assign(world, { [fc.toStringMethod]: () => `objects: ${fc.stringify(objects)}\nrequests: ${fc.stringify(world.requests)}` });
});

const grantKey = (g: Grant) => JSON.stringify([g.scope, g.binding.kind, g.binding.namespace ?? '', g.binding.name, g.role.kind, g.role.namespace ?? '', g.role.name, g.ruleIndex]);

/** The reference's grants for a principal, by scope, as what-can reports them (RoleBindings under their namespace). */
function referenceWhatCan(w: World, principal: Principal): { scopes: Map<string, string[]>; dangling: string[] } {
  const scopes = new Map<string, Set<string>>();
  const dangling = new Set<string>();
  for (const ns of ['', ...w.listers.roleBindingNamespaces()]) {
    visitRulesFor(w.listers, principal, ns, (source, _rule, error) => {
      const binding = source?.binding ?? error!.binding;
      if ((binding.kind === 'ClusterRoleBinding') !== (ns === '')) return true; // each RoleBinding in its own namespace's walk
      if (error) dangling.add(`${binding.kind}/${binding.metadata.namespace ?? ''}/${binding.metadata.name}`);
      else {
        const g = grantFrom(source!);
        let set = scopes.get(g.scope);
        if (!set) scopes.set(g.scope, (set = new Set()));
        set.add(grantKey(g));
      }
      return true;
    });
  }
  return { scopes: new Map([...scopes].map(([k, v]) => [k, [...v].sort()])), dangling: [...dangling].sort() };
}

function indexWhatCan(answer: ReturnType<typeof whatCan>): { scopes: Map<string, string[]>; dangling: string[] } {
  return {
    scopes: new Map(answer.scopes.map((s) => [s.scope, s.grants.map(grantKey).sort()])),
    dangling: answer.danglingBindings.map((d) => `${d.binding.kind}/${d.binding.namespace ?? ''}/${d.binding.name}`).sort(),
  };
}

describe('the index agrees with the reference resolver (property tests)', () => {
  it(
    'can-i = authorize, for random principals (with and without implicit groups); its grant is one the reference visits',
    () => {
      fc.assert(
        fc.property(worldArb, principalArb, fc.boolean(), (w, p, implicit) => {
          const principal = implicit ? withImplicitGroups(p.user, p.groups) : p;
          for (const r of w.requests) {
            const got = canI(w.index, principal, r);
            const want = authorize(w.listers, principal, r);
            expect(got.allowed, `${JSON.stringify(principal)} ${JSON.stringify(r)}`).toBe(want.allowed);
            expect(got.reason).toBe(want.reason);
            if (got.grant) {
              expect(ruleAllows(r, got.grant.rule)).toBe(true);
              const visited = new Set<string>();
              visitRulesFor(w.listers, principal, got.grant.scope === CLUSTER_SCOPE ? '' : got.grant.scope, (s) => (s && visited.add(grantKey(grantFrom(s))), true));
              expect(visited.has(grantKey(got.grant))).toBe(true);
            }
          }
        }),
        params(400),
      );
    },
    timeout(),
  );

  it(
    'who-can = referenceWhoCan, subjects and grants, in one namespace, cluster-scoped, non-resource and -A',
    () => {
      fc.assert(
        fc.property(worldArb, (w) => {
          for (const r of w.requests) {
            for (const allNamespaces of [false, true]) {
              const got = whoCan(w.index, r, { allNamespaces }).subjects;
              expect(got, `-A=${allNamespaces} ${JSON.stringify(r)}`).toEqual(referenceWhoCan(w.listers, r, { allNamespaces }));
            }
          }
        }),
        params(500),
      );
    },
    timeout(),
  );

  it(
    'who-can lists a subject iff the reference authorizes the principal it stands for',
    () => {
      fc.assert(
        fc.property(worldArb, (w) => {
          for (const r of w.requests) {
            const listed = new Set(whoCan(w.index, r).subjects.map(subjectRefKey));
            for (const s of w.index.subjects.values()) {
              const principal = principalOf(s.ref, w.listers.nobody);
              const rbac = principal.groups.length === 0 || principal.groups[0] !== 'system:masters';
              if (rbac) expect(authorize(w.listers, principal, r).allowed, `${s.key} ${JSON.stringify(r)}`).toBe(listed.has(s.key));
            }
          }
        }),
        params(300),
      );
    },
    timeout(),
  );

  it(
    'what-can = the reference walk in every scope, for principals, subjects, and effective subjects (with via)',
    () => {
      fc.assert(
        fc.property(worldArb, principalArb, (w, p) => {
          expect(indexWhatCan(whatCan(w.index, { principal: p }))).toEqual(referenceWhatCan(w, p));
          for (const s of w.index.subjects.values()) {
            expect(indexWhatCan(whatCan(w.index, { subject: s.ref })), s.key).toEqual(referenceWhatCan(w, principalOf(s.ref, w.listers.nobody)));
            const effective = whatCan(w.index, { subject: s.ref }, { effective: true });
            const principal = effectivePrincipal(w.index, s.ref);
            expect(indexWhatCan(effective), `effective ${s.key}`).toEqual(referenceWhatCan(w, principal));
            // via: the first subject of the binding that applies, as the reference's source names it
            const via = new Map<string, string>();
            for (const ns of ['', ...w.listers.roleBindingNamespaces()]) {
              visitRulesFor(w.listers, principal, ns, (source: RuleSource | undefined) => {
                if (source) via.set(grantKey(grantFrom(source)), subjectRefKey(reportedSubject(source.subject, source.binding.kind === 'RoleBinding' ? source.binding.metadata.namespace : '')!));
                return true;
              });
            }
            for (const g of effective.scopes.flatMap((x) => x.grants)) expect(subjectRefKey(g.via!), grantKey(g)).toBe(via.get(grantKey(g)));
          }
        }),
        params(200),
      );
    },
    timeout(),
  );

  it(
    'matchingRules = every rule of every role (or of the ClusterRoles and the namespace\'s Roles) that allows the request',
    () => {
      fc.assert(
        fc.property(worldArb, (w) => {
          for (const r of w.requests) {
            for (const all of [true, false]) {
              const want: string[] = [];
              for (const entry of w.index.roleList) {
                if (!all && entry.role.kind === 'Role' && (r.type === 'nonResource' || entry.role.metadata.namespace !== r.namespace)) continue;
                entry.rules.forEach((x, i) => ruleAllows(r, x) && want.push(`${entry.key}#${i}`));
              }
              const got = [...matchingRules(w.index, r, all)].flatMap(([entry, rules]) => rules.map((i) => `${entry.key}#${i}`));
              expect(got.sort(), `all=${all} ${JSON.stringify(r)}`).toEqual(want.sort());
            }
          }
        }),
        params(400),
      );
    },
    timeout(),
  );
});

describe('the reference resolver', () => {
  const index = snapshotOf(
    clusterRole('reader', [rule('get', '', 'pods'), rule('list', '', 'pods')]),
    role('a', 'local', [rule('create', '', 'pods')]),
    crb('c1', 'ClusterRole:reader', 'Group:devs', 'User:alice'),
    rb('a', 'r1', 'Role:local', 'User:alice'),
    rb('a', 'r2', 'Role:missing', 'User:alice'),
    rb('b', 'r3', 'ClusterRole:reader', 'ServiceAccount:ci'),
  );
  const listers = rbacListers(index);
  const alice: Principal = { user: 'alice', groups: ['devs'] };

  it('visits ClusterRoleBindings first, then the RoleBindings of the namespace, naming the first subject that applies; errors are visited and the walk goes on', () => {
    const seen: string[] = [];
    visitRulesFor(listers, alice, 'a', (source, rule, error) => {
      seen.push(error ? `error ${error.binding.metadata.name}: ${error.message}` : `${source!.binding.metadata.name} ${source!.subject.kind}:${source!.subject.name} ${rule!.verbs.join(',')}`);
      return true;
    });
    expect(seen).toEqual(['c1 Group:devs get', 'c1 Group:devs list', 'r1 User:alice create', 'error r2: role "a/missing" not found']);
  });

  it('stops when the visitor returns false', () => {
    let n = 0;
    visitRulesFor(listers, alice, 'a', () => ++n < 2);
    expect(n).toBe(2);
  });

  it('rulesFor collects rules and errors; a cluster-scoped walk reads no RoleBinding', () => {
    expect(rulesFor(listers, alice, 'a').rules.map((r) => r.verbs[0])).toEqual(['get', 'list', 'create']);
    expect(rulesFor(listers, alice, 'a').errors).toHaveLength(1);
    expect(rulesFor(listers, alice, '').rules.map((r) => r.verbs[0])).toEqual(['get', 'list']);
  });

  const cases: [string, Principal, Request, boolean][] = [
    ['group binding', { user: 'bob', groups: ['devs'] }, req('list', 'pods', 'x'), true],
    ['Role only in its namespace', alice, req('create', 'pods', 'b'), false],
    ['Role in its namespace', alice, req('create', 'pods', 'a'), true],
    ['service account defaulted to the RoleBinding namespace', { user: 'system:serviceaccount:b:ci', groups: [] }, req('get', 'pods', 'b'), true],
    ['service account of another namespace', { user: 'system:serviceaccount:a:ci', groups: [] }, req('get', 'pods', 'b'), false],
    ['cluster-scoped request: RoleBindings do not count', { user: 'system:serviceaccount:b:ci', groups: [] }, req('get', 'pods', ''), false],
    ['system:masters before RBAC', { user: 'x', groups: ['system:masters'] }, url('delete', '/anything'), true],
    ['User "*" is not everyone', { user: 'someone', groups: [] }, req('get', 'pods', 'a'), false],
  ];
  it.each(cases)('authorize: %s', (_n, principal, request, want) => {
    expect(authorize(listers, principal, request).allowed).toBe(want);
  });

  it('referenceWhoCan -A lists each grant once, with its scope', () => {
    const got = referenceWhoCan(listers, req('get', 'pods', ''), { allNamespaces: true });
    expect(got.map((s) => `${subjectRefKey(s)}: ${s.grants.map((g) => `${g.scope}/${g.binding.name}#${g.ruleIndex}`).join(' ')}`)).toEqual([
      'User/alice: cluster/c1#0',
      'Group/devs: cluster/c1#0',
      'ServiceAccount/b/ci: b/r3#0',
    ]);
  });
});

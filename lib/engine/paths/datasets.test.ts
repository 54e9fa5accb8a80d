// Paths over the real-world snapshots: every step is allowed by the authorizer (canI, with the
// acting identity's groups), the answer does not depend on the order of the input, and the key
// results are the ones checked by hand in docs/paths.md.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canI } from '../can-i';
import { buildSnapshot } from '../normalize';
import { buildIndex, type AtlasIndex } from '../query-index';
import { AUTHENTICATED, serviceAccountUser, withImplicitGroups } from '../subjects';
import type { Principal, SubjectRef } from '../types';
import { findPaths, type Path, type PathsAnswer } from './index';
import { pathText } from '../../../testing/paths';

const root = path.resolve(__dirname, '../../..');
function load(rel: string, shuffle = false): AtlasIndex {
  const list = JSON.parse(readFileSync(path.join(root, rel), 'utf8')) as { items: unknown[] };
  if (shuffle) list.items.reverse();
  return buildIndex(buildSnapshot([{ value: list, origin: { source: rel } }], { source: rel }));
}

function principalOf(s: SubjectRef): Principal {
  if (s.kind === 'ServiceAccount') return withImplicitGroups(serviceAccountUser(s.namespace!, s.name), []);
  if (s.kind === 'User') return withImplicitGroups(s.name, []);
  return { user: '\u0000group-member', groups: s.name === AUTHENTICATED ? [s.name] : [s.name, AUTHENTICATED] };
}

/** Every step taken by a plain identity (not a role the path bound, not root on a node) is allowed by canI. */
function checkSteps(index: AtlasIndex, p: Path): string[] {
  const problems: string[] = [];
  let actor: SubjectRef | undefined = p.from;
  for (const step of p.steps) {
    if (actor && step.request && step.reason === undefined) {
      const principal = principalOf(actor);
      for (const r of [{ request: step.request, grant: step.grant }, ...(step.also ?? [])]) {
        if (!canI(index, principal, r.request).allowed) problems.push(`${pathText(p)}: ${JSON.stringify(r.request)} denied to ${actor.kind}/${actor.name}`);
      }
    }
    // after bind or escalate the identity acts with a role that does not exist yet; after a node, as root
    actor = step.technique === 'bind' || step.technique === 'escalate' || step.node !== undefined ? undefined : step.as;
  }
  return problems;
}

const line = (p: Path) => `${p.from.kind}/${p.from.namespace ? `${p.from.namespace}/` : ''}${p.from.name} -> ${p.to}: ${pathText(p) || '(holds it)'}`;
const find = (a: PathsAnswer, from: string, to: string) => a.paths.filter((p) => line(p).startsWith(`${from} -> ${to}:`)).map(line)[0];

describe.each([
  ['demo', 'public/demo/demo-cluster.json'],
  ['realistic-large', 'lib/testdata/datasets/realistic-large.json'],
])('%s', (_name, file) => {
  const index = load(file);
  const answer = findPaths(index, { sinks: ['cluster-admin', 'node', 'kube-system-secrets'] });

  it('every step of every path is allowed by the authorizer', () => {
    expect(answer.paths.flatMap((p) => checkSteps(index, p))).toEqual([]);
  });

  it('does not depend on the order of the input', () => {
    expect(findPaths(load(file, true), { sinks: ['cluster-admin', 'node', 'kube-system-secrets'] })).toEqual(answer);
  });

  it('a single start gets the same paths as in the full answer', () => {
    for (const p of answer.paths.filter((_, i) => i % 7 === 0)) {
      const one = findPaths(index, { from: p.from, sinks: [p.to] });
      expect(one.paths.map(line)).toEqual([line(p)]);
    }
  });
});

describe('demo: key results (checked by hand in docs/paths.md)', () => {
  const answer = findPaths(load('public/demo/demo-cluster.json'));
  const holders = answer.paths.filter((p) => p.to === 'cluster-admin' && p.steps.length === 0).map(line);

  it('who holds cluster-admin already', () => {
    expect(holders).toEqual([
      'Group/platform-team -> cluster-admin: (holds it)',
      'Group/system:masters -> cluster-admin: (holds it)',
      'ServiceAccount/argocd/argocd-application-controller -> cluster-admin: (holds it)',
      'ServiceAccount/ci/gitlab-runner -> cluster-admin: (holds it)',
    ]);
  });

  it.each([
    ['User/support-bot@example.com', 'cluster-admin', 'impersonate>ServiceAccount:argocd/argocd-application-controller'],
    ['User/jane@example.com', 'cluster-admin', 'nodes-proxy>ServiceAccount:argocd/argocd-application-controller'],
    ['Group/system:authenticated', 'cluster-admin', 'nodes-proxy>ServiceAccount:argocd/argocd-application-controller'],
    ['User/system:kube-controller-manager', 'cluster-admin', 'token-request>ServiceAccount:argocd/argocd-application-controller'],
    ['User/jane@example.com', 'node', 'privileged-pod>node:demo-control-plane'],
  ])('%s -> %s', (from, to, want) => {
    expect(find(answer, from, to)).toBe(`${from} -> ${to}: ${want}`);
  });

  it('every subject reaches cluster-admin (system:authenticated may get nodes/proxy)', () => {
    const subjects = new Set(answer.paths.map((p) => line(p).split(' -> ')[0]));
    const toAdmin = new Set(answer.paths.filter((p) => p.to === 'cluster-admin').map((p) => line(p).split(' -> ')[0]));
    expect(toAdmin).toEqual(subjects);
    expect(toAdmin.size).toBe(85);
  });
});

describe('realistic-large: key results (checked by hand in docs/paths.md)', () => {
  const answer = findPaths(load('lib/testdata/datasets/realistic-large.json'));
  const count = (to: string, steps?: number) => answer.paths.filter((p) => p.to === to && (steps === undefined || p.steps.length === steps)).length;

  it('how many reach each sink, and in how many steps', () => {
    expect([count('cluster-admin'), count('cluster-admin', 0), count('cluster-admin', 1), count('cluster-admin', 2)]).toEqual([56, 6, 38, 12]);
    expect(count('node')).toBe(56);
  });

  it('the holders of cluster-admin are exactly who-can * *.* cluster-wide', () => {
    expect(answer.paths.filter((p) => p.to === 'cluster-admin' && p.steps.length === 0).map(line)).toEqual([
      'Group/acme:platform-admins -> cluster-admin: (holds it)',
      'Group/system:masters -> cluster-admin: (holds it)',
      'ServiceAccount/argocd/argocd-application-controller -> cluster-admin: (holds it)',
      'ServiceAccount/flux-system/helm-controller -> cluster-admin: (holds it)',
      'ServiceAccount/flux-system/kustomize-controller -> cluster-admin: (holds it)',
      'ServiceAccount/longhorn-system/longhorn-support-bundle -> cluster-admin: (holds it)',
    ]);
  });

  it.each([
    ['Group/acme:sre-oncall', 'cluster-admin', 'exec-pods>ServiceAccount:analytics-prod/secret-sync | mint-token-secret>ServiceAccount:argocd/argocd-application-controller'],
    ['ServiceAccount/kube-system/clusterrole-aggregation-controller', 'cluster-admin', 'escalate>ServiceAccount:kube-system/clusterrole-aggregation-controller'],
    ['ServiceAccount/platform-ci/ci-runner', 'cluster-admin', 'privileged-pod>node:ip-10-0-2-203.eu-west-1.compute.internal | node-pod-tokens>ServiceAccount:flux-system/helm-controller'],
    ['ServiceAccount/gatekeeper-system/gatekeeper-admin', 'cluster-admin', 'nodes-proxy>ServiceAccount:flux-system/helm-controller'],
  ])('%s -> %s', (from, to, want) => {
    expect(find(answer, from, to)).toBe(`${from} -> ${to}: ${want}`);
  });
});

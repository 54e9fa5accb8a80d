import { describe, expect, it } from 'vitest';
import { clusterRole, crb, indexOf, rb, role, rule, sa } from '../../testing/engine';
import type { RiskLevel } from './findings';
import { searchSubjects } from './subjects';

describe('searchSubjects: riskiest first', () => {
  const index = indexOf(
    clusterRole('view', [rule('get', '', 'pods')]),
    role('a', 'r', [rule('get', '', 'pods')]),
    crb('cw', 'ClusterRole:view', 'User:carol'),
    crb('dangling', 'ClusterRole:missing', 'User:dave'),
    rb('a', 'local', 'Role:r', 'User:alice', 'User:bob', 'User:zed'),
    sa('a/app'),
  );
  const risk = new Map<string, RiskLevel>([['User/zed', 'critical'], ['User/bob', 'high']]);
  const ids = (q: string, r?: ReadonlyMap<string, RiskLevel>) => searchSubjects(index, q, undefined, 50, r).items.map((s) => s.id);

  // prettier-ignore
  const cases: { name: string; q: string; risk?: ReadonlyMap<string, RiskLevel>; want: string[] }[] = [
    { name: 'no findings: cluster-wide bindings first, then the list order', q: '', want: ['User/carol', 'User/alice', 'User/bob', 'User/dave', 'User/zed', 'ServiceAccount/a/app'] },
    { name: 'critical, high, cluster-wide, the rest', q: '', risk, want: ['User/zed', 'User/bob', 'User/carol', 'User/alice', 'User/dave', 'ServiceAccount/a/app'] },
    { name: 'an exact name match comes before risk', q: 'alice', risk, want: ['User/alice'] },
    { name: 'near miss: a binding to a missing role is not cluster-wide', q: 'dave', want: ['User/dave'] },
  ];
  it.each(cases)('$name', ({ q, risk: r, want }) => {
    expect(ids(q, r)).toEqual(want);
  });

  it('marks the items with their risk and cluster-wide binding', () => {
    const items = searchSubjects(index, '', undefined, 50, risk).items;
    expect(items.find((s) => s.id === 'User/zed')).toMatchObject({ risk: 'critical', clusterWide: false });
    expect(items.find((s) => s.id === 'User/carol')).toMatchObject({ clusterWide: true });
    expect(items.find((s) => s.id === 'User/dave')).toMatchObject({ clusterWide: false });
  });
});

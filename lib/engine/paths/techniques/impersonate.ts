// impersonate: the Impersonate-User header needs impersonate on users (name = the user), or, for a
// service-account user name, on serviceaccounts in its namespace; Impersonate-Group needs
// impersonate on groups (name = the group) and is only accepted together with Impersonate-User.
// The impersonated identity gets exactly the groups asked for, plus system:authenticated (a
// ServiceAccount without groups asked for gets its own groups). Group system:masters is cluster-admin.
import { allowances, allowed } from '../actor';
import { type Allowance, wide as wideAllowance } from '../allowances';
import { MASTERS, splitServiceAccountUser } from '../../subjects';
import { also, draft, type Technique } from '../graph';
import type { ProbeId } from '../probes';

export const impersonate: Technique = {
  id: 'impersonate',
  probes: ['impersonateUsers', 'impersonateGroups', 'impersonateServiceAccounts'],
  expand(ctx) {
    const { world, actor } = ctx;
    const users = allowances(world, actor, 'impersonateUsers');
    const sas = allowances(world, actor, 'impersonateServiceAccounts');
    for (const user of users.length ? world.users : []) {
      if (splitServiceAccountUser(user)) continue; // checked as serviceaccounts, below
      const a = allowed(world, actor, 'impersonateUsers', '', user);
      if (a) ctx.edge(ctx.subject({ kind: 'User', name: user }), draft('impersonate', 'impersonateUsers', a, '', user));
    }
    for (const a of sas) {
      if (a.names === undefined) {
        const key = wideAllowance(a) ? '*' : a.scope;
        ctx.edge(ctx.hub('known-sas', key), draft('impersonate', 'impersonateServiceAccounts', a, key === '*' ? '' : key, '', { fillName: true }));
        continue;
      }
      const namespaces = wideAllowance(a) ? [...world.knownServiceAccounts.keys()] : [a.scope];
      for (const ns of namespaces) {
        for (const name of a.names) ctx.edge(ctx.subject({ kind: 'ServiceAccount', namespace: ns, name }), draft('impersonate', 'impersonateServiceAccounts', a, ns, name));
      }
    }
    // Groups: only with some user to impersonate at the same time.
    const asUser = firstUser(users, sas);
    if (!asUser || allowances(world, actor, 'impersonateGroups').length === 0) return;
    const groups = world.groups.includes(MASTERS) ? world.groups : [MASTERS, ...world.groups];
    for (const group of groups) {
      const a = allowed(world, actor, 'impersonateGroups', '', group);
      if (!a) continue;
      const user = also(asUser.id, asUser.a, asUser.namespace, asUser.a.names?.[0] ?? '');
      ctx.edge(ctx.subject({ kind: 'Group', name: group }), draft('impersonate', 'impersonateGroups', a, '', group, { also: [user] }));
    }
  },
};

function firstUser(users: readonly Allowance[], sas: readonly Allowance[]): { id: ProbeId; a: Allowance; namespace: string } | undefined {
  if (users[0]) return { id: 'impersonateUsers', a: users[0], namespace: '' };
  const sa = sas[0];
  if (!sa) return undefined;
  return { id: 'impersonateServiceAccounts', a: sa, namespace: wideAllowance(sa) ? '' : sa.scope };
}

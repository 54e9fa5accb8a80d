// The --effective view of who-can: service accounts allowed once the groups every service-account
// token carries are counted (system:serviceaccounts, system:serviceaccounts:<ns>,
// system:authenticated), and the pods that run as them.
import type { AtlasIndex } from './query-index';
import { AUTHENTICATED, serviceAccountGroups, subjectRefKey } from './subjects';
import type { WhoCanAnswer } from './who-can';
import { cmp } from './who-can';
import type { SubjectRef } from './types';

export interface EffectiveServiceAccount {
  namespace: string;
  name: string;
  /** false when only pods reference it (the snapshot has no ServiceAccount object for it) */
  inSnapshot: boolean;
  /** the subjects (the account itself or its groups) whose grants allow the request */
  via: SubjectRef[];
  scopes: string[];
}

export interface EffectivePod {
  namespace: string;
  name: string;
  serviceAccount: string;
  /** whether the token is mounted: pod setting, else service account setting, else true */
  automountServiceAccountToken: boolean;
  nodeName?: string;
  owner?: { kind: string; name: string };
}

export interface EffectiveAnswer {
  serviceAccounts: EffectiveServiceAccount[];
  pods: EffectivePod[];
}

export function serviceAccountIdentities(namespace: string, name: string): SubjectRef[] {
  return [
    { kind: 'ServiceAccount', namespace, name },
    ...serviceAccountGroups(namespace).map((g): SubjectRef => ({ kind: 'Group', name: g })),
    { kind: 'Group', name: AUTHENTICATED },
  ];
}

export function effectiveAccess(index: AtlasIndex, answer: WhoCanAnswer): EffectiveAnswer {
  const scopesByKey = new Map<string, Set<string>>();
  for (const s of answer.subjects) scopesByKey.set(subjectRefKey(s), new Set(s.grants.map((g) => g.scope)));

  const candidates = new Map<string, { namespace: string; name: string; inSnapshot: boolean }>();
  for (const sa of index.serviceAccounts.values()) {
    candidates.set(`${sa.metadata.namespace}/${sa.metadata.name}`, { namespace: sa.metadata.namespace, name: sa.metadata.name, inSnapshot: true });
  }
  for (const pod of index.snapshot.pods) {
    const key = `${pod.metadata.namespace}/${pod.serviceAccountName}`;
    if (!candidates.has(key)) candidates.set(key, { namespace: pod.metadata.namespace, name: pod.serviceAccountName, inSnapshot: false });
  }

  const serviceAccounts: EffectiveServiceAccount[] = [];
  const pods: EffectivePod[] = [];
  for (const [key, c] of candidates) {
    const via: SubjectRef[] = [];
    const scopes = new Set<string>();
    for (const identity of serviceAccountIdentities(c.namespace, c.name)) {
      const found = scopesByKey.get(subjectRefKey(identity));
      if (!found) continue;
      via.push(identity);
      found.forEach((s) => scopes.add(s));
    }
    if (via.length === 0) continue;
    serviceAccounts.push({ ...c, via, scopes: [...scopes].sort(compareScopes) });
    const sa = index.serviceAccounts.get(key);
    for (const pod of index.podsByServiceAccount.get(key) ?? []) {
      const p: EffectivePod = {
        namespace: pod.metadata.namespace,
        name: pod.metadata.name,
        serviceAccount: pod.serviceAccountName,
        automountServiceAccountToken: pod.automountServiceAccountToken ?? sa?.automountServiceAccountToken ?? true,
      };
      if (pod.nodeName) p.nodeName = pod.nodeName;
      if (pod.owner) p.owner = { kind: pod.owner.kind, name: pod.owner.name };
      pods.push(p);
    }
  }
  serviceAccounts.sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
  pods.sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
  return { serviceAccounts, pods };
}

export function compareScopes(a: string, b: string): number {
  return (a === 'cluster' ? 0 : 1) - (b === 'cluster' ? 0 : 1) || cmp(a, b);
}

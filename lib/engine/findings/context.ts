// What every check reads: the index, the options, the built-in classification (cached) and the
// ServiceAccounts with their pods. Built once per run.
import { CLUSTER_SCOPE, type AtlasIndex, type BindingEntry, type RoleEntry } from '../query-index';
import { subjectRefKey } from '../subjects';
import type { PreparedPaths } from '../paths';
import type { Grant, ObjectRef, Pod, ServiceAccount, SubjectRef } from '../types';
import { isBuiltinBinding, isBuiltinRole } from './builtin';
import { findingInfo } from './catalog';
import type { FindingKind, FindingPath, FindingPod, FindingsOptions, Severity } from './types';

export const DEFAULT_PRIVILEGED_NAMESPACES = ['kube-system'];

/** A ServiceAccount that exists, or that pods reference. */
export interface ServiceAccountInfo {
  key: string; // ServiceAccount/ns/name (subjectRefKey)
  namespace: string;
  name: string;
  inSnapshot: boolean;
  /** the ServiceAccount lists legacy token Secrets (.secrets) */
  legacyTokenSecrets: boolean;
  /** some pod runs as it with the token mounted */
  tokenMounted: boolean;
}

export interface FindingContext {
  index: AtlasIndex;
  options: FindingsOptions;
  /** the paths engine prepared for this index, when the caller keeps one (the web app); else the run prepares it */
  paths?: PreparedPaths;
  /** configured + detected; filled in by the run before namespaced severities are set */
  privileged: Set<string>;
  bindingByKey: Map<string, BindingEntry>;
  serviceAccounts: ServiceAccountInfo[];
  serviceAccountsByNamespace: Map<string, ServiceAccountInfo[]>;
  isBuiltinBinding(entry: BindingEntry): boolean;
  isBuiltinRole(entry: RoleEntry): boolean;
  /** a value computed at most once per run (e.g. the cluster-admin holders) */
  once<T>(key: string, compute: () => T): T;
  notes: string[];
}

export function refKey(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

export function buildContext(index: AtlasIndex, options: FindingsOptions, paths?: PreparedPaths): FindingContext {
  const bindingByKey = new Map<string, BindingEntry>();
  for (const entry of index.bindings) bindingByKey.set(entry.key, entry);
  const builtinBindings = new Map<BindingEntry, boolean>();
  const builtinRoles = new Map<RoleEntry, boolean>();
  const computed = new Map<string, unknown>();

  const infos = new Map<string, ServiceAccountInfo>();
  const add = (namespace: string, name: string, sa: ServiceAccount | undefined) => {
    const key = subjectRefKey({ kind: 'ServiceAccount', namespace, name });
    let info = infos.get(key);
    if (!info) {
      info = { key, namespace, name, inSnapshot: sa !== undefined, legacyTokenSecrets: (sa?.secretNames.length ?? 0) > 0, tokenMounted: false };
      infos.set(key, info);
    }
    return info;
  };
  for (const sa of index.serviceAccounts.values()) add(sa.metadata.namespace, sa.metadata.name, sa);
  for (const pod of index.snapshot.pods) {
    const sa = index.serviceAccounts.get(`${pod.metadata.namespace}/${pod.serviceAccountName}`);
    const info = add(pod.metadata.namespace, pod.serviceAccountName, sa);
    if (tokenMounted(pod, sa)) info.tokenMounted = true;
  }
  const serviceAccounts = [...infos.values()];
  const serviceAccountsByNamespace = new Map<string, ServiceAccountInfo[]>();
  for (const info of serviceAccounts) {
    const list = serviceAccountsByNamespace.get(info.namespace);
    if (list) list.push(info);
    else serviceAccountsByNamespace.set(info.namespace, [info]);
  }

  return {
    index,
    options,
    ...(paths ? { paths } : {}),
    privileged: new Set(options.privilegedNamespaces ?? DEFAULT_PRIVILEGED_NAMESPACES),
    bindingByKey,
    serviceAccounts,
    serviceAccountsByNamespace,
    isBuiltinBinding(entry) {
      let v = builtinBindings.get(entry);
      if (v === undefined) builtinBindings.set(entry, (v = isBuiltinBinding(entry.binding)));
      return v;
    },
    isBuiltinRole(entry) {
      let v = builtinRoles.get(entry);
      if (v === undefined) builtinRoles.set(entry, (v = isBuiltinRole(entry.role)));
      return v;
    },
    once<T>(key: string, compute: () => T): T {
      if (!computed.has(key)) computed.set(key, compute());
      return computed.get(key) as T;
    },
    notes: [],
  };
}

export function tokenMounted(pod: Pod, sa: ServiceAccount | undefined): boolean {
  return pod.automountServiceAccountToken ?? sa?.automountServiceAccountToken ?? true;
}

/** Pods running as a ServiceAccount, with their token setting. */
export function podsOf(ctx: FindingContext, namespace: string, name: string): FindingPod[] {
  const pods = ctx.index.podsByServiceAccount.get(`${namespace}/${name}`) ?? [];
  const sa = ctx.index.serviceAccounts.get(`${namespace}/${name}`);
  return pods
    .map((pod): FindingPod => {
      const p: FindingPod = { namespace: pod.metadata.namespace, name: pod.metadata.name, automountServiceAccountToken: tokenMounted(pod, sa) };
      if (pod.owner) p.owner = { kind: pod.owner.kind, name: pod.owner.name };
      if (pod.nodeName) p.nodeName = pod.nodeName;
      return p;
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A grant (from whoCan) as a finding path. */
export function pathOf(ctx: FindingContext, grant: Grant, permissions: string[]): FindingPath {
  const entry = ctx.bindingByKey.get(refKey(grant.binding));
  const path: FindingPath = {
    binding: grant.binding,
    role: grant.role,
    rule: grant.rule,
    ruleIndex: grant.ruleIndex,
    scope: grant.scope,
    permissions,
    builtin: entry ? ctx.isBuiltinBinding(entry) : false,
  };
  if (grant.rule.resourceNames.length > 0) path.resourceNames = grant.rule.resourceNames;
  if (entry) path.bindingOrigin = entry.binding.origin;
  if (entry?.role) path.roleOrigin = entry.role.role.origin;
  return path;
}

export function isPrivilegedScope(ctx: FindingContext, scope: string): boolean {
  return scope === CLUSTER_SCOPE || ctx.privileged.has(scope);
}

/** The configured (or catalogue) severity of a kind for a scope. */
export function baseSeverity(ctx: FindingContext, kind: FindingKind, scope: string): Severity {
  const info = findingInfo(kind);
  const privileged = isPrivilegedScope(ctx, scope);
  const override = ctx.options.severity?.[kind] ?? ctx.options.severity?.[info.id];
  if (typeof override === 'string') return override;
  if (override) {
    const chosen = privileged ? override.cluster : override.namespace;
    if (chosen) return chosen;
  }
  return privileged ? info.severity : (info.namespacedSeverity ?? info.severity);
}

export function subjectText(s: SubjectRef): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount ${s.namespace}/${s.name}` : `${s.kind} ${s.name}`;
}

export function scopeText(scope: string): string {
  return scope === CLUSTER_SCOPE ? 'cluster-wide' : `in namespace ${scope}`;
}

export function bindingsText(paths: readonly FindingPath[]): string {
  const names = [...new Set(paths.filter((p) => p.binding).map((p) => refKey(p.binding!)))];
  if (names.length === 0) return '';
  return names.length === 1 ? names[0]! : `${names[0]} and ${names.length - 1} more binding${names.length === 2 ? '' : 's'}`;
}

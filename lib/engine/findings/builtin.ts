// Built-in policy: the objects Kubernetes itself (and kubeadm) creates. Their findings are real but
// expected on every cluster, so they are hidden unless asked for. The test is deliberately narrow:
// the bootstrap label is not enough on its own (anyone who can write a binding can write a label),
// the name and every subject must look like the upstream bootstrap policy too.
import type { AnyRole, Binding, Subject } from '../types';

export const BOOTSTRAP_LABEL = 'kubernetes.io/bootstrapping';
export const BOOTSTRAP_VALUE = 'rbac-defaults';

/** The user-facing ClusterRoles of the bootstrap policy (not "system:" prefixed). */
const BOOTSTRAP_USER_ROLES = new Set(['cluster-admin', 'admin', 'edit', 'view']);
/** Bootstrap Roles without the "system:" prefix (namespace-roles.yaml upstream). */
const BOOTSTRAP_NAMESPACED_ROLES = new Set(['extension-apiserver-authentication-reader']);
/** Namespaces where the bootstrap policy has Roles and RoleBindings. */
const BOOTSTRAP_NAMESPACES = new Set(['kube-system', 'kube-public']);
/** kubeadm's own objects (not labelled), e.g. kubeadm:kubelet-bootstrap, kubeadm:node-proxier. */
const KUBEADM_PREFIX = 'kubeadm:';
/** The group kubeadm puts in admin.conf and binds to cluster-admin. */
const KUBEADM_ADMINS = 'kubeadm:cluster-admins';

function hasBootstrapLabel(labels: Record<string, string>): boolean {
  return labels[BOOTSTRAP_LABEL] === BOOTSTRAP_VALUE;
}

function systemName(name: string): boolean {
  return name.startsWith('system:');
}

export function isBuiltinRole(role: AnyRole): boolean {
  const { name, labels } = role.metadata;
  if (role.kind === 'Role') {
    if (!BOOTSTRAP_NAMESPACES.has(role.metadata.namespace)) return false;
    return (hasBootstrapLabel(labels) && (systemName(name) || BOOTSTRAP_NAMESPACED_ROLES.has(name))) || name.startsWith(KUBEADM_PREFIX);
  }
  if (name.startsWith(KUBEADM_PREFIX)) return true;
  return hasBootstrapLabel(labels) && (systemName(name) || BOOTSTRAP_USER_ROLES.has(name));
}

/** A subject the bootstrap policy (or kubeadm) binds: system users/groups, kube-system ServiceAccounts. */
export function isSystemSubject(subject: Subject, bindingNamespace: string): boolean {
  if (subject.kind === 'ServiceAccount') return (subject.namespace || bindingNamespace) === 'kube-system';
  if (subject.kind === 'User' || subject.kind === 'Group') return systemName(subject.name) || subject.name === KUBEADM_ADMINS;
  return false;
}

export function isBuiltinBinding(binding: Binding): boolean {
  const { name, labels } = binding.metadata;
  const namespace = binding.kind === 'RoleBinding' ? binding.metadata.namespace : '';
  if (binding.kind === 'RoleBinding' && !BOOTSTRAP_NAMESPACES.has(namespace)) return false;
  const kubeadm = name.startsWith(KUBEADM_PREFIX);
  const bootstrapName = systemName(name) || (binding.kind === 'ClusterRoleBinding' && name === 'cluster-admin');
  if (!kubeadm && !(hasBootstrapLabel(labels) && bootstrapName)) return false;
  const ref = binding.roleRef.name;
  const knownRef = systemName(ref) || BOOTSTRAP_USER_ROLES.has(ref) || (binding.kind === 'RoleBinding' && BOOTSTRAP_NAMESPACED_ROLES.has(ref));
  if (!kubeadm && !knownRef) return false;
  return binding.subjects.length > 0 && binding.subjects.every((s) => isSystemSubject(s, namespace));
}

// One check per finding kind. The compiler checks this table against the catalogue: a kind without a
// check does not compile, and neither does an object kind (dangling binding, unused role, wildcard
// rule) whose check returns findings about subjects. Adding a kind: its catalogue entry
// (catalog.ts), its check file, one line here, and its test.
import type { CheckRegistry } from './check';
import { approveCsr } from './certificates';
import { clusterAdmin, namespaceAdmin } from './cluster-admin';
import { admissionControl, createPersistentVolumes, modifyStatus, patchNamespaces } from './cluster-resources';
import { defaultNamespaceWorkloads, defaultServiceAccountBinding, defaultServiceAccountToken } from './default-service-account';
import { danglingBinding, missingServiceAccount, unusedRole } from './hygiene';
import { pathToClusterAdmin, pathToNode } from './paths';
import { createServiceAccountToken, createWorkloads, execPods, modifyPods, nodesProxy } from './pods';
import { anonymousAccess, authenticatedAccess } from './public-access';
import { bind, escalate, impersonate } from './rbac-escalation';
import { readSecrets, writeSecretsPrivileged } from './secrets';
import { wildcardRule } from './wildcard';

export const CHECKS: CheckRegistry = {
  ClusterAdmin: clusterAdmin,
  NamespaceAdmin: namespaceAdmin,
  PathToClusterAdmin: pathToClusterAdmin,
  PathToNode: pathToNode,
  Impersonate: impersonate,
  Escalate: escalate,
  Bind: bind,
  ApproveCsr: approveCsr,
  NodesProxy: nodesProxy,
  CreateWorkloads: createWorkloads,
  ExecPods: execPods,
  ModifyPods: modifyPods,
  CreateServiceAccountToken: createServiceAccountToken,
  ReadSecrets: readSecrets,
  WriteSecretsPrivileged: writeSecretsPrivileged,
  AdmissionControl: admissionControl,
  CreatePersistentVolumes: createPersistentVolumes,
  PatchNamespaces: patchNamespaces,
  ModifyStatus: modifyStatus,
  AnonymousAccess: anonymousAccess,
  AuthenticatedAccess: authenticatedAccess,
  DefaultServiceAccountBinding: defaultServiceAccountBinding,
  DefaultServiceAccountToken: defaultServiceAccountToken,
  DefaultNamespaceWorkloads: defaultNamespaceWorkloads,
  DanglingBinding: danglingBinding,
  MissingServiceAccount: missingServiceAccount,
  UnusedRole: unusedRole,
  WildcardRule: wildcardRule,
};

// zod schemas for the Kubernetes wire objects RBAC Atlas reads. Only the fields the engine uses are
// declared; everything else (pod specs, Secret data, managedFields) is stripped by zod and never
// reaches the engine. Pure: no I/O.
// Written with zod's tree-shakable "mini" API: the CLI evaluates this module for every data command,
// and the mini build is 35 KB where the classic API pulls in 735 KB (about 70 ms of start-up).
// formatIssue (describe.ts) words the issues itself, so no zod locale is loaded.
import * as z from 'zod/mini';

/**
 * A mapping of strings (labels, annotations), validated in place rather than copied: these maps are
 * the bulk of every object's metadata, and copying them doubled the garbage of a large load.
 * JSON.parse and the YAML parser create "__proto__" as an own property, so nothing is polluted.
 */
function isStringMap(v: unknown): v is Record<string, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  for (const key in v) {
    if (Object.hasOwn(v, key) && typeof (v as Record<string, unknown>)[key] !== 'string') return false;
  }
  return true;
}
const stringMap = z.custom<Record<string, string>>(isStringMap, { message: 'expected a mapping of strings to strings' });

export const objectMetaSchema = z.object({
  name: z.string().check(z.minLength(1, 'metadata.name must not be empty')),
  namespace: z.optional(z.string()),
  uid: z.optional(z.string()),
  labels: z.nullish(stringMap),
  annotations: z.nullish(stringMap),
  creationTimestamp: z.nullish(z.string()),
});

const stringList = z.array(z.string());

export const policyRuleSchema = z.object({
  verbs: stringList.check(z.minLength(1, 'a rule needs at least one verb')),
  apiGroups: z.nullish(stringList),
  resources: z.nullish(stringList),
  resourceNames: z.nullish(stringList),
  nonResourceURLs: z.nullish(stringList),
});

const labelSelectorSchema = z.object({
  matchLabels: z.nullish(stringMap),
  matchExpressions: z.nullish(
    z.array(
      z.object({
        key: z.string(),
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: z.nullish(stringList),
      }),
    ),
  ),
});

export const roleRefSchema = z.object({
  kind: z.enum(['Role', 'ClusterRole']),
  name: z.string().check(z.minLength(1, 'roleRef.name must not be empty')),
  apiGroup: z.nullish(z.string()),
});

export const subjectSchema = z.object({
  kind: z.string(),
  name: z.string(),
  namespace: z.nullish(z.string()),
  apiGroup: z.nullish(z.string()),
});

/** Rules are validated one by one (a bad rule is dropped with a diagnostic, the role is kept). */
export const roleSchema = z.object({
  metadata: objectMetaSchema,
  rules: z.nullish(z.array(z.unknown())),
});

export const clusterRoleSchema = z.extend(roleSchema, {
  aggregationRule: z.nullish(z.object({ clusterRoleSelectors: z.nullish(z.array(labelSelectorSchema)) })),
});

export const bindingSchema = z.object({
  metadata: objectMetaSchema,
  roleRef: z.optional(z.unknown()),
  subjects: z.nullish(z.array(z.unknown())),
});

export const serviceAccountSchema = z.object({
  metadata: objectMetaSchema,
  automountServiceAccountToken: z.nullish(z.boolean()),
  secrets: z.nullish(z.array(z.object({ name: z.nullish(z.string()) }))),
});

export const podSchema = z.object({
  metadata: z.extend(objectMetaSchema, {
    ownerReferences: z.nullish(
      z.array(
        z.object({
          kind: z.string(),
          name: z.string(),
          apiVersion: z.nullish(z.string()),
          controller: z.nullish(z.boolean()),
        }),
      ),
    ),
  }),
  spec: z.nullish(
    z.object({
      serviceAccountName: z.nullish(z.string()),
      serviceAccount: z.nullish(z.string()),
      automountServiceAccountToken: z.nullish(z.boolean()),
      nodeName: z.nullish(z.string()),
    }),
  ),
  status: z.nullish(z.object({ phase: z.nullish(z.string()) })),
});

export const namespaceSchema = z.object({
  metadata: objectMetaSchema,
  status: z.nullish(z.object({ phase: z.nullish(z.string()) })),
});

/** Only the metadata and the type: `data` and `stringData` are not declared, so never read. */
export const secretSchema = z.object({
  metadata: objectMetaSchema,
  type: z.nullish(z.string()),
});

export type WirePolicyRule = z.infer<typeof policyRuleSchema>;
export type WireLabelSelector = z.infer<typeof labelSelectorSchema>;

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
/** apiVersions accepted per kind; the first is current, the others are old but identical in shape */
export const API_VERSIONS: Record<string, readonly string[]> = {
  Role: [`${RBAC_GROUP}/v1`, `${RBAC_GROUP}/v1beta1`, `${RBAC_GROUP}/v1alpha1`],
  ClusterRole: [`${RBAC_GROUP}/v1`, `${RBAC_GROUP}/v1beta1`, `${RBAC_GROUP}/v1alpha1`],
  RoleBinding: [`${RBAC_GROUP}/v1`, `${RBAC_GROUP}/v1beta1`, `${RBAC_GROUP}/v1alpha1`],
  ClusterRoleBinding: [`${RBAC_GROUP}/v1`, `${RBAC_GROUP}/v1beta1`, `${RBAC_GROUP}/v1alpha1`],
  ServiceAccount: ['v1'],
  Pod: ['v1'],
  Namespace: ['v1'],
  Secret: ['v1'],
};

// zod schemas for the Kubernetes wire objects RBAC Atlas reads. Only the fields the engine uses are
// declared; everything else (pod specs, Secret data, managedFields) is stripped by zod and never
// reaches the engine. Pure: no I/O.
import { z } from 'zod';

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
  name: z.string().min(1, 'metadata.name must not be empty'),
  namespace: z.string().optional(),
  uid: z.string().optional(),
  labels: stringMap.nullish(),
  annotations: stringMap.nullish(),
  creationTimestamp: z.string().nullish(),
});

const stringList = z.array(z.string());

export const policyRuleSchema = z.object({
  verbs: stringList.min(1, 'a rule needs at least one verb'),
  apiGroups: stringList.nullish(),
  resources: stringList.nullish(),
  resourceNames: stringList.nullish(),
  nonResourceURLs: stringList.nullish(),
});

const labelSelectorSchema = z.object({
  matchLabels: stringMap.nullish(),
  matchExpressions: z
    .array(
      z.object({
        key: z.string(),
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: stringList.nullish(),
      }),
    )
    .nullish(),
});

export const roleRefSchema = z.object({
  kind: z.enum(['Role', 'ClusterRole']),
  name: z.string().min(1, 'roleRef.name must not be empty'),
  apiGroup: z.string().nullish(),
});

export const subjectSchema = z.object({
  kind: z.string(),
  name: z.string(),
  namespace: z.string().nullish(),
  apiGroup: z.string().nullish(),
});

/** Rules are validated one by one (a bad rule is dropped with a diagnostic, the role is kept). */
export const roleSchema = z.object({
  metadata: objectMetaSchema,
  rules: z.array(z.unknown()).nullish(),
});

export const clusterRoleSchema = roleSchema.extend({
  aggregationRule: z
    .object({ clusterRoleSelectors: z.array(labelSelectorSchema).nullish() })
    .nullish(),
});

export const bindingSchema = z.object({
  metadata: objectMetaSchema,
  roleRef: z.unknown().optional(),
  subjects: z.array(z.unknown()).nullish(),
});

export const serviceAccountSchema = z.object({
  metadata: objectMetaSchema,
  automountServiceAccountToken: z.boolean().nullish(),
  secrets: z.array(z.object({ name: z.string().nullish() })).nullish(),
});

export const podSchema = z.object({
  metadata: objectMetaSchema.extend({
    ownerReferences: z
      .array(
        z.object({
          kind: z.string(),
          name: z.string(),
          apiVersion: z.string().nullish(),
          controller: z.boolean().nullish(),
        }),
      )
      .nullish(),
  }),
  spec: z
    .object({
      serviceAccountName: z.string().nullish(),
      serviceAccount: z.string().nullish(),
      automountServiceAccountToken: z.boolean().nullish(),
      nodeName: z.string().nullish(),
    })
    .nullish(),
  status: z.object({ phase: z.string().nullish() }).nullish(),
});

export const namespaceSchema = z.object({
  metadata: objectMetaSchema,
  status: z.object({ phase: z.string().nullish() }).nullish(),
});

/** Only the metadata and the type: `data` and `stringData` are not declared, so never read. */
export const secretSchema = z.object({
  metadata: objectMetaSchema,
  type: z.string().nullish(),
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

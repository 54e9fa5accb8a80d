// Test fixtures: input files that carry Secrets with known values in every shape a dump can hold
// them (data, stringData, a SecretList without item kinds, the last-applied annotation, a broken
// document around a value), next to RBAC objects so that every answer has something to show.
// Tests feed them through each entry point and search every output for SECRET_NEEDLES.

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

const PLAIN = {
  data: 'atlas-leak-canary-data-7f3a',
  stringData: 'atlas-leak-canary-stringdata-91c2',
  listItem: 'atlas-leak-canary-listitem-5d0e',
  annotation: 'atlas-leak-canary-annotation-c84b',
  broken: 'atlas-leak-canary-broken-2b6f',
  token: 'atlas-leak-canary-token-e17a',
} as const;

/** Every string that must never appear in any output, log or export (plain and base64 forms). */
export const SECRET_NEEDLES: readonly string[] = Object.values(PLAIN).flatMap((v) => [v, b64(v)]);

const lastApplied = JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'annotated', namespace: 'team-a' }, data: { password: b64(PLAIN.annotation) } });

export const SECRET_FIXTURE_FILES: readonly { name: string; text: string }[] = [
  {
    name: 'with-secrets.yaml',
    text: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: secret-reader, namespace: team-a}
rules:
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ci-reads-secrets, namespace: team-a}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secret-reader}
subjects:
  - {kind: ServiceAccount, name: ci, namespace: team-a}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ci, namespace: team-a}
secrets:
  - name: ci-token
---
apiVersion: v1
kind: Secret
metadata:
  name: ci-token
  namespace: team-a
  annotations:
    kubernetes.io/service-account.name: ci
type: kubernetes.io/service-account-token
data:
  token: ${b64(PLAIN.token)}
  ca.crt: ${b64(PLAIN.data)}
---
apiVersion: v1
kind: Secret
metadata:
  name: app-config
  namespace: team-a
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '${lastApplied}'
stringData:
  password: ${PLAIN.stringData}
`,
  },
  {
    name: 'secret-list.json',
    text: JSON.stringify({
      apiVersion: 'v1',
      kind: 'SecretList',
      items: [{ metadata: { name: 'db', namespace: 'team-a' }, type: 'Opaque', data: { url: b64(PLAIN.listItem) } }],
    }),
  },
  {
    name: 'broken-secret.yaml',
    text: `apiVersion: v1
kind: Secret
metadata: {name: half-written, namespace: team-a}
stringData:
  key: "${PLAIN.broken}\\q
  other: [${PLAIN.broken}
`,
  },
];

/** The needles that occur in `text`, for assertion messages. */
export function leakedNeedles(text: string): string[] {
  return SECRET_NEEDLES.filter((n) => text.includes(n));
}

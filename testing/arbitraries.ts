// Shared fast-check arbitraries for the fuzz suite: Kubernetes RBAC objects (valid and mutated),
// their serializations (JSON, JSON Lines, multi-document YAML), hostile texts (deep nesting, alias
// bombs, odd tags, BOMs, CRLF) and raw bytes (invalid UTF-8, UTF-16). Test-only code.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { buildSnapshot, type RawInput } from '../lib/engine/normalize';
import type { Principal, Request, Snapshot } from '../lib/engine/types';

/** Marker put in every Secret payload value; it must never appear in a loaded result. */
export const SECRET_MARK = 'QQSECRETqqPAYLOADqq';
/** Keys that misbehave on plain objects. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'] as const;

const RBAC = 'rbac.authorization.k8s.io/v1';

// ---------------------------------------------------------------------------------------------
// Strings

const oddStrings = [
  '', ' ', '*', '-', '/', '.', ':', 'default', 'kube-system', 'system:masters', 'system:authenticated',
  'system:serviceaccounts', 'system:serviceaccount:a:b', 'system:serviceaccount::', 'a/b', 'a.b', '_cluster',
  '\u0000', '\ufeff', '\r\n', '\u202e', '\u001b[31m', '\ud800', '\udfff', '😀', 'ä', 'null', 'true', '~', '0x10', '1e3',
  '&a', '*a', '!!js/function', '<<', '---', '...', '#', '"', "'", '\\', '{', '[', '%', '@', '`',
  ...PROTO_KEYS,
];

/** Any kind of string, biased towards short, colliding and awkward ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...oddStrings) },
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'é', '\u0000', '😀', '\\', '"'), fc.integer({ min: 1000, max: 70_000 })).map(([c, n]) => c.repeat(n)) },
);

/** Names drawn from a small pool (so that references resolve and duplicates occur) or hostile. */
export const nameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'b', 'admin', 'a', 'b', 'view', 'edit', 'default', 'kube-system') },
  { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS) },
  { weight: 1, arbitrary: hostileString },
);

/** Role names and roleRef names: mostly "a" or "b", so that bindings find their roles. */
const roleNameArb: fc.Arbitrary<string> = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('a', 'b') }, { weight: 1, arbitrary: nameArb });

export const namespaceArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('a', 'b', 'default', 'kube-system') },
  { weight: 1, arbitrary: nameArb },
);

const VERBS = ['get', '*', 'list', 'create', 'watch', 'update', 'patch', 'delete', 'deletecollection', 'escalate', 'bind', 'impersonate'];
const API_GROUPS = ['', '*', 'apps', '', 'batch', 'rbac.authorization.k8s.io'];
const RESOURCES = ['pods', 'secrets', '*', 'pods/exec', 'pods/*', 'configmaps', 'deployments', 'deployments/scale', '*/scale', 'nodes', 'serviceaccounts/token', 'roles', 'clusterroles', 'users', 'groups'];
const URLS = ['/healthz', '/api/*', '/api', '*', '/metrics', '/version'];
const USERS = ['alice', 'bob', 'system:anonymous', 'system:serviceaccount:a:app', 'system:serviceaccount:b:ci'];
const GROUPS = ['devs', 'ops', 'system:masters', 'system:authenticated', 'system:unauthenticated', 'system:serviceaccounts', 'system:serviceaccounts:a'];

// The first few entries of each pool are drawn most often, so that rules, bindings and requests meet.
const pick = (xs: readonly string[]) =>
  fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...xs.slice(0, 4)) }, { weight: 6, arbitrary: fc.constantFrom(...xs) }, { weight: 1, arbitrary: hostileString });
const listOf = (xs: readonly string[], max = 3) => fc.array(pick(xs), { minLength: 1, maxLength: max });

export const verbArb = pick(VERBS);
export const apiGroupArb = pick(API_GROUPS);
export const userArb = pick(USERS);
export const groupArb = pick(GROUPS);

// ---------------------------------------------------------------------------------------------
// Valid Kubernetes objects

const labelsArb = fc.dictionary(fc.oneof(fc.constantFrom('tier', 'agg', 'rbac.example.com/aggregate-to-view', ...PROTO_KEYS), hostileString), fc.constantFrom('true', 'x', ''), { maxKeys: 3 });

const ruleArb = fc.oneof(
  { weight: 5, arbitrary: fc.record({ verbs: listOf(VERBS), apiGroups: listOf(API_GROUPS, 2), resources: listOf(RESOURCES) }) },
  { weight: 1, arbitrary: fc.record({ verbs: listOf(VERBS), apiGroups: listOf(API_GROUPS, 2), resources: listOf(RESOURCES), resourceNames: fc.array(pick(['x', 'y', '']), { maxLength: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ verbs: listOf(VERBS), nonResourceURLs: listOf(URLS, 2) }) },
);

function meta(namespaced: boolean, name = nameArb) {
  return namespaced
    ? fc.record({ name, namespace: namespaceArb, labels: labelsArb }, { requiredKeys: ['name', 'namespace'] })
    : fc.record({ name, labels: labelsArb }, { requiredKeys: ['name'] });
}

const roleArb = fc.record({ apiVersion: fc.constant(RBAC), kind: fc.constant('Role'), metadata: meta(true, roleNameArb), rules: fc.array(ruleArb, { minLength: 1, maxLength: 3 }) });

const selectorArb = fc.record(
  {
    matchLabels: labelsArb,
    matchExpressions: fc.array(
      fc.record({ key: fc.constantFrom('tier', 'agg', ...PROTO_KEYS), operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'), values: fc.array(fc.constantFrom('true', 'x'), { maxLength: 2 }) }),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: [] },
);

const clusterRoleArb = fc.record(
  {
    apiVersion: fc.constant(RBAC),
    kind: fc.constant('ClusterRole'),
    metadata: meta(false, roleNameArb),
    rules: fc.array(ruleArb, { minLength: 1, maxLength: 3 }),
    aggregationRule: fc.record({ clusterRoleSelectors: fc.array(selectorArb, { maxLength: 2 }) }),
  },
  { requiredKeys: ['apiVersion', 'kind', 'metadata', 'rules'] },
);

const subjectArb = fc.oneof(
  fc.record({ kind: fc.constant('User'), name: userArb, apiGroup: fc.constant('rbac.authorization.k8s.io') }),
  fc.record({ kind: fc.constant('Group'), name: groupArb, apiGroup: fc.constant('rbac.authorization.k8s.io') }),
  fc.record({ kind: fc.constant('ServiceAccount'), name: pick(['app', 'ci', 'default']), namespace: namespaceArb }, { requiredKeys: ['kind', 'name'] }),
  fc.record({ kind: pick(['Robot', 'user']), name: nameArb }),
);

const roleRefArb = fc.record({ apiGroup: fc.constant('rbac.authorization.k8s.io'), kind: fc.constantFrom('Role', 'ClusterRole'), name: roleNameArb });

const roleBindingArb = fc.record({ apiVersion: fc.constant(RBAC), kind: fc.constant('RoleBinding'), metadata: meta(true), roleRef: roleRefArb, subjects: fc.array(subjectArb, { maxLength: 3 }) });
const clusterRoleBindingArb = fc.record({
  apiVersion: fc.constant(RBAC),
  kind: fc.constant('ClusterRoleBinding'),
  metadata: meta(false),
  roleRef: roleRefArb.map((r) => ({ ...r, kind: 'ClusterRole' })),
  subjects: fc.array(subjectArb, { maxLength: 3 }),
});

const serviceAccountArb = fc.record(
  { apiVersion: fc.constant('v1'), kind: fc.constant('ServiceAccount'), metadata: meta(true), automountServiceAccountToken: fc.boolean(), secrets: fc.array(fc.record({ name: nameArb }), { maxLength: 2 }) },
  { requiredKeys: ['apiVersion', 'kind', 'metadata'] },
);

const podArb = fc.record({
  apiVersion: fc.constant('v1'),
  kind: fc.constant('Pod'),
  metadata: meta(true),
  spec: fc.record({ serviceAccountName: pick(['app', 'ci', 'default']), automountServiceAccountToken: fc.boolean(), nodeName: nameArb, containers: fc.constant([{ name: 'c', image: 'busybox' }]) }, { requiredKeys: [] }),
  status: fc.record({ phase: fc.constantFrom('Running', 'Pending') }),
});

const namespaceObjArb = fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('Namespace'), metadata: meta(false) });

const secretValue = hostileString.map((s) => `${SECRET_MARK}${s.length > 200 ? s.slice(0, 200) : s}`);
const secretPayload = fc.dictionary(fc.oneof(fc.constantFrom('token', 'ca.crt', 'password'), fc.constantFrom(...PROTO_KEYS)), secretValue, { minKeys: 1, maxKeys: 3 });

/** A Secret with `data` and/or `stringData` full of SECRET_MARK values. */
export const secretArb = fc.record(
  { apiVersion: fc.constant('v1'), kind: fc.constantFrom('Secret', 'secret', 'SECRET'), metadata: meta(true), type: fc.constant('Opaque'), data: secretPayload, stringData: secretPayload },
  { requiredKeys: ['apiVersion', 'kind', 'metadata'] },
);

export const otherKindArb = fc.record({ apiVersion: pick(['v1', 'apps/v1']), kind: pick(['ConfigMap', 'Deployment', 'Node']), metadata: meta(true) });

/** One valid object of any kind this tool reads (or skips). */
export const k8sObjectArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { weight: 3, arbitrary: roleArb },
  { weight: 3, arbitrary: clusterRoleArb },
  { weight: 4, arbitrary: roleBindingArb },
  { weight: 3, arbitrary: clusterRoleBindingArb },
  { weight: 1, arbitrary: serviceAccountArb },
  { weight: 1, arbitrary: podArb },
  { weight: 1, arbitrary: namespaceObjArb },
  { weight: 1, arbitrary: secretArb },
  { weight: 1, arbitrary: otherKindArb },
);

/** `kind: List`, a typed list whose items carry no kind (RoleList from the API), or a SecretList. */
export const listArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('List'), items: fc.array(k8sObjectArb, { maxLength: 5 }) }),
  fc.record({ apiVersion: fc.constant(RBAC), kind: fc.constant('RoleList'), items: fc.array(roleArb.map(({ kind: _k, apiVersion: _a, ...rest }) => rest), { maxLength: 4 }) }),
  fc.record({ apiVersion: fc.constant('v1'), kind: fc.constant('SecretList'), items: fc.array(secretArb.map(({ kind: _k, ...rest }) => rest), { maxLength: 3 }) }),
);

// ---------------------------------------------------------------------------------------------
// Mutation: wrong types in any field, missing fields, extra keys, prototype-pollution keys

/** A value of a random type, including objects that try to pollute prototypes. */
export const wrongValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER, '', [], {}, [[]], [null]),
  hostileString,
  fc.array(hostileString, { maxLength: 3 }),
  fc.constant(pollutingObject()),
  fc.dictionary(hostileString, fc.oneof(hostileString, fc.integer(), fc.constant(null)), { maxKeys: 3 }),
);

/** `{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}` as own keys. */
export function pollutingObject(): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  Object.defineProperty(o, '__proto__', { value: { polluted: 'yes' }, enumerable: true, writable: true, configurable: true });
  o['constructor'] = { prototype: { polluted: 'yes' } };
  o['prototype'] = { polluted: 'yes' };
  return o;
}

type Op =
  | { op: 'set'; at: number; value: unknown }
  | { op: 'delete'; at: number; key: number }
  | { op: 'add'; at: number; key: string; value: unknown }
  | { op: 'wrap'; at: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: wrongValueArb }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), key: fc.nat() }),
  fc.record({ op: fc.constant('add' as const), at: fc.nat(), key: fc.oneof(fc.constantFrom(...PROTO_KEYS, 'data', 'stringData', 'kind', 'items', 'metadata'), hostileString), value: wrongValueArb }),
  fc.record({ op: fc.constant('wrap' as const), at: fc.nat() }),
);

function containers(v: unknown, out: (Record<string, unknown> | unknown[])[] = []): (Record<string, unknown> | unknown[])[] {
  if (typeof v !== 'object' || v === null) return out;
  out.push(v as Record<string, unknown> | unknown[]);
  for (const child of Object.values(v)) containers(child, out);
  return out;
}

function setOwn(o: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Applies the ops to a deep copy of `value` (containers are picked by index, modulo their count). */
export function applyMutations(value: unknown, ops: readonly Op[]): unknown {
  const root = { v: structuredClone(value) };
  for (const op of ops) {
    const all = containers(root);
    const target = all[op.at % all.length]!;
    const keys = Object.keys(target);
    switch (op.op) {
      case 'set':
        if (keys.length > 0) setOwn(target, keys[op.at % keys.length]!, structuredClone(op.value));
        break;
      case 'delete':
        if (keys.length > 0 && target !== root) {
          if (Array.isArray(target)) target.splice(op.key % keys.length, 1);
          else delete target[keys[op.key % keys.length]!];
        }
        break;
      case 'add':
        if (Array.isArray(target)) target.push(structuredClone(op.value));
        else setOwn(target, op.key, structuredClone(op.value));
        break;
      case 'wrap':
        if (keys.length > 0) {
          const k = keys[op.at % keys.length]!;
          setOwn(target, k, [(target as Record<string, unknown>)[k]]);
        }
        break;
    }
  }
  return root.v;
}

/** A valid object, or one with 1-4 mutations. */
export const mutatedObjectArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.oneof({ weight: 5, arbitrary: k8sObjectArb }, { weight: 1, arbitrary: listArb }) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.oneof({ weight: 5, arbitrary: k8sObjectArb }, { weight: 1, arbitrary: listArb }), fc.array(opArb, { minLength: 1, maxLength: 4 }))
      .map(([v, ops]) => applyMutations(v, ops)),
  },
  { weight: 1, arbitrary: wrongValueArb },
);

/** Several objects: the documents of one file or the contents of one snapshot. */
export const objectsArb = fc.array(mutatedObjectArb, { maxLength: 12 });

/** A loadable cluster: mostly valid objects, enough of them for queries to find grants. */
export const clusterObjectsArb = fc.array(
  fc.oneof({ weight: 8, arbitrary: k8sObjectArb }, { weight: 1, arbitrary: listArb }, { weight: 2, arbitrary: mutatedObjectArb }),
  { minLength: 3, maxLength: 25 },
);

export function snapshotFrom(objects: readonly unknown[]): Snapshot {
  const inputs: RawInput[] = objects.map((value, doc) => ({ value, origin: { source: 'fuzz', doc } }));
  return buildSnapshot(inputs, { source: 'fuzz' });
}

// ---------------------------------------------------------------------------------------------
// Requests and principals

const resourceArb = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('pods', 'secrets', 'pods', 'secrets', 'deployments', 'nodes', 'configmaps', 'roles', 'serviceaccounts', '*') },
  { weight: 1, arbitrary: hostileString },
);

export const requestArb: fc.Arbitrary<Request> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant('resource' as const),
      verb: verbArb,
      apiGroup: apiGroupArb,
      resource: resourceArb,
      subresource: fc.constantFrom('', '', '', 'exec', 'scale', 'token', '*'),
      namespace: fc.oneof(fc.constant(''), namespaceArb),
      name: fc.constantFrom('', '', 'x', 'y'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('nonResource' as const), verb: verbArb, path: fc.oneof(fc.constantFrom('/healthz', '/api', '/api/v1', '/metrics', '*'), hostileString) }) },
);

export const principalArb: fc.Arbitrary<Principal> = fc.record({ user: userArb, groups: fc.array(groupArb, { maxLength: 3 }) });

// ---------------------------------------------------------------------------------------------
// Serialization and hostile texts

function yamlOf(v: unknown): string {
  try {
    return stringify(v, { lineWidth: 0 });
  } catch {
    return JSON.stringify(v) ?? 'null'; // a YAML flow document
  }
}

/** The objects as one file: JSON, a JSON array, JSON Lines, or multi-document YAML (LF or CRLF). */
export const serializedArb: fc.Arbitrary<string> = fc
  .tuple(objectsArb, fc.constantFrom('json', 'json-array', 'json-lines', 'yaml', 'yaml-crlf', 'yaml-bom'))
  .map(([objects, format]) => {
    switch (format) {
      case 'json':
        return JSON.stringify(objects[0] ?? {}, null, 2);
      case 'json-array':
        return JSON.stringify(objects);
      case 'json-lines':
        return objects.map((o) => JSON.stringify(o) ?? 'null').join('\n');
      case 'yaml':
        return objects.map(yamlOf).join('---\n');
      case 'yaml-crlf':
        return objects.map(yamlOf).join('---\n').replace(/\n/g, '\r\n');
      default:
        return `\ufeff${objects.map(yamlOf).join('\n---\n')}`;
    }
  });

/** Deep nesting of the given depth in one of several syntaxes. */
export function deepText(kind: 'json-array' | 'json-object' | 'yaml-flow' | 'yaml-block' | 'yaml-seq', depth: number): string {
  switch (kind) {
    case 'json-array':
      return `${'['.repeat(depth)}${']'.repeat(depth)}`;
    case 'json-object':
      return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    case 'yaml-flow':
      return `kind: Role\nmetadata: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    case 'yaml-block': {
      // indentation grows with depth, so the text grows with its square: capped at 1000 levels
      let s = 'kind: Role\nmetadata:\n';
      for (let i = 1; i <= Math.min(depth, 1000); i++) s += `${' '.repeat(i)}k:\n`;
      return s;
    }
    case 'yaml-seq':
      return `${'- '.repeat(depth)}x\n`;
  }
}

/** Billion laughs: `levels` anchors each referring `fanout` times to the previous one. */
export function aliasBomb(levels: number, fanout: number): string {
  let s = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\na0: &a0 ["lol"]\n';
  for (let i = 1; i <= levels; i++) s += `a${i}: &a${i} [${Array.from({ length: fanout }, () => `*a${i - 1}`).join(', ')}]\n`;
  return s;
}

/** A huge anchored scalar referred to many times. */
export function hugeAnchor(size: number, refs: number): string {
  return `kind: ClusterRole\napiVersion: ${RBAC}\nmetadata: {name: big}\nx: &big "${'x'.repeat(size)}"\nrules:\n${Array.from({ length: refs }, () => '- verbs: [*big]\n  resources: [*big]\n').join('')}`;
}

const hostileTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom('json-array', 'json-object', 'yaml-flow', 'yaml-block', 'yaml-seq') as fc.Arbitrary<Parameters<typeof deepText>[0]>, fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 200, max: 12_000 }))).map(([k, d]) => deepText(k, d)),
  fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 })).map(([l, f]) => aliasBomb(l, f)),
  fc.tuple(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 150 })).map(([s, r]) => hugeAnchor(s, r)),
  fc.constantFrom(
    'kind: Role\nkind: ClusterRole\nmetadata: {name: a, name: b}\n',
    `apiVersion: ${RBAC}\nkind: Role\nmetadata: !!js/function "function () { return 1 }"\n`,
    'a: !!js/undefined ""\nb: !!js/regexp /x/\nc: !!binary aGVsbG8=\nd: !!set {a, b}\ne: !!omap [a: 1]\nf: !<tag:example.com,2000:x> 1\n',
    `%YAML 1.1\n%TAG ! tag:example.com,2000:\n---\nkind: !Role Role\n`,
    'base: &b {kind: Role, apiVersion: rbac.authorization.k8s.io/v1}\n---\n<<: *b\nmetadata: {name: x, namespace: y}\n',
    'a: &a [*a]\n',
    'a: *undefined_anchor\n',
    '? [complex, key]\n: value\n? {a: 1}\n: v\n',
    '{"__proto__": {"polluted": "yes"}, "kind": "Role"}',
    '[{"constructor": {"prototype": {"polluted": "yes"}}}]',
    '__proto__:\n  polluted: yes\nkind: Role\nmetadata:\n  __proto__: {polluted: yes}\n  name: x\n',
    '<<: {__proto__: {polluted: yes}}\nkind: ClusterRole\n',
    'kind: Secret\napiVersion: v1\nmetadata: {name: s}\ndata: &d {token: QQSECRETqqPAYLOADqqalias}\n---\nkind: ConfigMap\nx: *d\n',
    '\t- tab\n\tkind: Role',
    '"unterminated',
    '{"a": 1} {"b": 2}\n[1,2\n{"kind": "Role"}',
    '{"a":"\\ud800"}',
    `${'- a\n'.repeat(5_000)}`,
    `${'---\n'.repeat(2_000)}`,
    `${'key: value\n'.repeat(2)}${'a'.repeat(2000)}: long key\n`,
  ),
  fc.tuple(serializedArb, fc.array(fc.tuple(fc.nat(), fc.constantFrom('\u0000', '\r', '\n', '\t', ':', '-', '*', '&', '!', '{', '[', '"', '\ufeff', '\ud800', '---\n', '  ')), { minLength: 1, maxLength: 6 })).map(([text, edits]) => {
    let t = text;
    for (const [pos, s] of edits) {
      const p = t.length === 0 ? 0 : pos % (t.length + 1);
      t = t.slice(0, p) + s + t.slice(p);
    }
    return t;
  }),
  fc.tuple(serializedArb, fc.nat()).map(([text, n]) => text.slice(0, text.length === 0 ? 0 : n % text.length)),
);

/** A file's text: mostly serialized objects, some hostile constructions. */
export const fileTextArb: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: serializedArb }, { weight: 2, arbitrary: hostileTextArb }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) });

/** A file's bytes: UTF-8 text, corrupted bytes (invalid UTF-8), UTF-16 with BOM, random bytes. */
export const fileBytesArb: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 3, arbitrary: fileTextArb.map((t) => Buffer.from(t, 'utf8')) },
  {
    weight: 2,
    arbitrary: fc.tuple(serializedArb, fc.array(fc.tuple(fc.nat(), fc.constantFrom(0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xf0, 0xf8, 0xfe, 0xff, 0x00)), { minLength: 1, maxLength: 8 })).map(([t, flips]) => {
      const b = Buffer.from(t, 'utf8');
      for (const [pos, byte] of flips) if (b.length > 0) b[pos % b.length] = byte;
      return b;
    }),
  },
  { weight: 1, arbitrary: serializedArb.map((t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])) },
  { weight: 1, arbitrary: serializedArb.map((t) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16(), Buffer.from([0x41])])) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)) },
);

/** Seeds for requests aimed at a snapshot's own rules (see aimedRequest). */
export const aimArb = fc.record({ rule: fc.nat(), part: fc.nat(), base: requestArb, aimed: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) });

/**
 * A request built from one of the snapshot's rules (its verb, group and resource, with the base
 * request's namespace and name), so that queries on random snapshots often find grants. Unaimed
 * seeds give the base request.
 */
export function aimedRequest(snapshot: Snapshot, seed: { rule: number; part: number; base: Request; aimed: boolean }): Request {
  const bound = new Set([...snapshot.roleBindings, ...snapshot.clusterRoleBindings].filter((b) => b.subjects.length > 0).map((b) => (b.roleRef.kind === 'ClusterRole' ? `/${b.roleRef.name}` : `${b.metadata.namespace}/${b.roleRef.name}`)));
  const roles = [...snapshot.roles, ...snapshot.clusterRoles];
  const boundRoles = roles.filter((r) => bound.has(`${r.kind === 'Role' ? r.metadata.namespace : ''}/${r.metadata.name}`));
  const rules = (boundRoles.length > 0 ? boundRoles : roles).flatMap((r) => r.rules);
  if (!seed.aimed || rules.length === 0) return seed.base;
  const rule = rules[seed.rule % rules.length]!;
  const at = <T>(xs: readonly T[], fallback: T): T => (xs.length === 0 ? fallback : xs[seed.part % xs.length]!);
  const concrete = (s: string, fallback: string) => (s === '*' ? fallback : s);
  const verb = concrete(at(rule.verbs, 'get'), 'get');
  if (rule.nonResourceURLs.length > 0) return { type: 'nonResource', verb, path: at(rule.nonResourceURLs, '/').replace(/\*$/, 'x') };
  const [resource = 'pods', subresource = ''] = at(rule.resources, 'pods').split('/');
  const base = seed.base.type === 'resource' ? seed.base : { namespace: '', name: '' };
  return {
    type: 'resource',
    verb,
    apiGroup: concrete(at(rule.apiGroups, ''), ''),
    resource: concrete(resource, 'pods'),
    subresource: concrete(subresource, 'exec'),
    namespace: base.namespace,
    name: rule.resourceNames.length > 0 ? at(rule.resourceNames, '') : base.name,
  };
}

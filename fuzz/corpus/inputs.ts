// The fuzz corpus: the minimal counterexamples fast-check found (each a bug that was fixed) and
// handcrafted hostile inputs. Replayed by fuzz/corpus.test.ts on every run.
import { aliasBomb, deepText, hugeAnchor } from '../../testing/arbitraries';

/** Counterexamples found by the fuzz suite, with the fix they check. */
export const regressions = {
  /** parsers.fuzz: parseResourceSpec('.') was ok with an empty resource (lib/engine/request.ts) */
  resourceSpecEmptyBeforeDot: ['.', '.apps', './scale', '.apps/scale'],
  /**
   * parsers.fuzz: parseResourceSpec('__proto__') read Object.prototype as a built-in resource and
   * hinted `"__proto__" is in API group "undefined"` (lib/engine/resources.ts builtinResource)
   */
  resourceSpecPrototypeKeys: ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__.apps', 'constructor/scale'],
  /**
   * parsers.fuzz: parseSubjectSpec('__proto__:pods') returned a subject whose kind was
   * Object.prototype (lib/engine/subjects.ts); /api/subject?subject=constructor:x reached what-can with it
   */
  subjectSpecPrototypeKinds: ['__proto__:pods', 'constructor:x', 'toString:a/b', 'hasOwnProperty:x', 'valueOf:x', '__defineGetter__:x'],
} as const;

export interface HostileFile {
  name: string;
  /** text, or bytes for encodings */
  content: string | Buffer;
  /** substrings expected among the diagnostics' messages */
  expectMessages?: string[];
  /** objects expected in the snapshot, as "Kind/name" or "Kind/ns/name" */
  expectObjects?: string[];
}

const RBAC = 'rbac.authorization.k8s.io/v1';

export const hostileFiles: HostileFile[] = [
  {
    name: 'billion-laughs.yaml',
    content: aliasBomb(9, 9),
    expectMessages: ['too many alias expansions'],
  },
  {
    name: 'billion-laughs-in-role.yaml',
    content: `apiVersion: ${RBAC}\nkind: ClusterRole\nmetadata: {name: bomb}\nx0: &x0 [get]\n${Array.from({ length: 9 }, (_, i) => `x${i + 1}: &x${i + 1} [${Array(9).fill(`*x${i}`).join(', ')}]`).join('\n')}\nrules:\n- verbs: *x9\n  resources: ['*']\n`,
    expectMessages: ['too many alias expansions'],
  },
  { name: 'huge-anchor.yaml', content: hugeAnchor(1_000_000, 20), expectObjects: ['ClusterRole/big'] },
  // yaml's maxAliasCount (100) counts every alias use: 100 uses of one anchor read as a bomb
  { name: 'many-aliases.yaml', content: hugeAnchor(10, 50), expectMessages: ['too many alias expansions'] },
  { name: 'deep-json-array.json', content: deepText('json-array', 100_000), expectMessages: ['not a Kubernetes object'] },
  { name: 'deep-json-object.json', content: deepText('json-object', 100_000), expectMessages: ['not a Kubernetes object (no kind, apiVersion or metadata)'] },
  {
    name: 'deep-inside-role.json',
    content: `{"apiVersion": "${RBAC}", "kind": "Role", "metadata": {"name": "r", "namespace": "a", "annotations": ${deepText('json-object', 50_000)}}, "x": ${deepText('json-array', 100_000)}, "rules": [{"verbs": ${deepText('json-array', 50_000)}}]}`,
    expectMessages: ['Role "a/r"'],
  },
  { name: 'deep-broken-json.json', content: `${'['.repeat(100_000)}{"a": }`, expectMessages: ['JSON:'] },
  { name: 'deep-yaml-flow.yaml', content: deepText('yaml-flow', 100_000), expectMessages: ['nested more than'] },
  { name: 'deep-yaml-seq.yaml', content: deepText('yaml-seq', 100_000), expectMessages: ['nested more than'] },
  { name: 'deep-yaml-block.yaml', content: deepText('yaml-block', 1_000), expectMessages: ['nested more than'] },
  {
    name: 'proto-payload.json',
    content: `[{"__proto__": {"polluted": "yes"}, "apiVersion": "${RBAC}", "kind": "ClusterRole", "metadata": {"name": "p", "labels": {"__proto__": "x", "constructor": "y"}}, "rules": [{"verbs": ["get"], "resources": ["pods"], "__proto__": {"polluted": 1}}]},
      {"constructor": {"prototype": {"polluted": "yes"}}, "apiVersion": "${RBAC}", "kind": "ClusterRoleBinding", "metadata": {"name": "pb"}, "roleRef": {"kind": "ClusterRole", "name": "p", "__proto__": {"polluted": 1}}, "subjects": [{"kind": "User", "name": "__proto__"}, {"kind": "Group", "name": "constructor"}]}]`,
    expectObjects: ['ClusterRole/p', 'ClusterRoleBinding/pb'],
  },
  {
    name: 'proto-payload.yaml',
    content: `__proto__: {polluted: yes}\napiVersion: ${RBAC}\nkind: ClusterRole\nmetadata:\n  name: __proto__\n  labels: {__proto__: x, constructor: y}\naggregationRule:\n  clusterRoleSelectors:\n  - matchLabels: {__proto__: x}\n  - matchExpressions: [{key: constructor, operator: Exists}]\nrules: []\n---\n<<: {__proto__: {polluted: yes}}\napiVersion: ${RBAC}\nkind: ClusterRole\nmetadata: {name: constructor, labels: {constructor: y}}\nrules: [{verbs: [get], resources: [pods]}]\n`,
    expectObjects: ['ClusterRole/__proto__', 'ClusterRole/constructor'],
  },
  {
    name: 'invalid-utf8.yaml',
    content: Buffer.concat([Buffer.from(`apiVersion: ${RBAC}\nkind: Role\nmetadata: {name: r, namespace: a}\nrules: [{verbs: [get], resources: ["p`), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from('"]}]\n')]),
    expectMessages: ['not valid UTF-8'],
    expectObjects: ['Role/a/r'],
  },
  { name: 'random-binary.json', content: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), expectMessages: ['binary file'] },
  { name: 'utf16.yaml', content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`apiVersion: v1\r\nkind: Namespace\r\nmetadata: {name: u16}\r\n`, 'utf16le')]), expectObjects: ['Namespace/u16'] },
  { name: 'bom-crlf.yaml', content: `\ufeffapiVersion: v1\r\nkind: ServiceAccount\r\nmetadata:\r\n  name: s\r\n  namespace: a\r\n`, expectObjects: ['ServiceAccount/a/s'] },
  { name: 'js-function-tag.yaml', content: `apiVersion: ${RBAC}\nkind: Role\nmetadata: !!js/function "function () { globalThis.pwned = 1 }"\n`, expectMessages: ['unknown tag'] },
  { name: 'duplicate-keys.yaml', content: `apiVersion: v1\nkind: Namespace\nkind: Namespace\nmetadata: {name: d}\n`, expectMessages: ['duplicate key'] },
  {
    name: 'secret-through-alias.yaml',
    content: `apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: a}\ndata: &d {token: QQSECRETqqPAYLOADqqx}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: t, namespace: a}\nstringData: *d\n`,
    expectMessages: ['dropped unread'],
  },
];

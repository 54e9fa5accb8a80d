// Secret content never reaches another object through YAML anchors, aliases or merge keys: a
// document where an alias refers to a Secret (or to what contains one) or into its data or
// stringData is skipped whole, with an error; aliases that do not copy Secret content still load.
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../engine/normalize';
import { formatDiagnostic } from '../errors';
import { parseText } from './parse-text';

const S = 'c2VjcmV0LXZhbHVl'; // the Secret value that must not survive
const P = 'plain-text-password'; // a stringData value
const secret = (anchor = '', dataAnchor = '', extra = '') =>
  `  - ${anchor}{apiVersion: v1, kind: Secret, metadata: {name: s, namespace: ns}, data: ${dataAnchor}{pw: &pw ${S}}, stringData: {other: ${P}}${extra}}`;
const list = (...items: string[]) => `apiVersion: v1\nkind: List\nitems:\n${items.join('\n')}\n`;
const role = (metadata: string, rest = '') => `  - {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: ${metadata}, rules: []${rest}}`;

function load(text: string) {
  const parsed = parseText(text, 'x.yaml');
  const snapshot = buildSnapshot(parsed.inputs, { source: 'test', diagnostics: parsed.diagnostics });
  const everything = JSON.stringify({ inputs: parsed.inputs.map((i) => i.value), snapshot }) + snapshot.diagnostics.map(formatDiagnostic).join('\n');
  return { snapshot, everything, skipped: snapshot.diagnostics.some((d) => /alias or merge key .* refers to a Secret/.test(d.message)) };
}

describe('Secret content through YAML aliases', () => {
  // prettier-ignore
  it.each([
    { name: 'the whole Secret aliased into annotations', text: list(secret('&s '), role('{name: r, annotations: *s}')) },
    { name: 'the whole Secret merged into a role', text: list(secret('&s '), '  - {<<: *s, apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: r}, rules: []}') },
    { name: 'data aliased into annotations', text: list(secret('', '&d '), role('{name: r, annotations: *d}')) },
    { name: 'data merged into labels', text: list(secret('', '&d '), role('{name: r, labels: {<<: *d}}')) },
    { name: 'one value of data aliased', text: list(secret(), role(`{name: r, annotations: {x: *pw}}`)) },
    { name: 'one value aliased as a rule verb', text: list(secret(), role('{name: r}', ', extra: [*pw]').replace('rules: []', 'rules: [{verbs: [*pw], apiGroups: [""], resources: [pods]}]')) },
    { name: 'a nested List holding the Secret aliased', text: list(`  - &w {apiVersion: v1, kind: List, items: [{kind: Secret, metadata: {name: s}, data: {pw: ${S}}}]}`, role('{name: r, annotations: {x: *w}}')) },
    { name: 'a top-level sequence document', text: `- &s {apiVersion: v1, kind: Secret, metadata: {name: s}, data: {pw: ${S}}}\n- {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: r, annotations: *s}, rules: []}\n` },
    { name: 'a Secret that is itself an alias (a Secret-shaped value elsewhere)', text: `apiVersion: v1\nkind: List\nspare: &s {kind: Secret, metadata: {name: s}, data: {pw: ${S}}}\nitems:\n  - *s\n${role('{name: r}')}\n` },
  ])('$name: the document is skipped and the value is nowhere', ({ text }) => {
    const { everything, skipped, snapshot } = load(text);
    expect(skipped, everything).toBe(true);
    expect(everything).not.toContain(S);
    expect(everything).not.toContain(P);
    expect(snapshot.clusterRoles).toEqual([]);
  });

  // prettier-ignore
  it.each([
    { name: 'labels shared by a Secret and a role (alias into the Secret)', text: list('  - {apiVersion: v1, kind: ConfigMap, metadata: {name: c, labels: &l {app: x}}}', `  - {apiVersion: v1, kind: Secret, metadata: {name: s, labels: *l}, data: {pw: ${S}}}`, role('{name: r, labels: *l}')) },
    { name: 'the Secret metadata aliased (no payload in it)', text: list(`  - {apiVersion: v1, kind: Secret, metadata: &m {name: s}, data: {pw: ${S}}}`, role('{name: r}', ', x: *m')) },
    { name: 'Secret data taken from elsewhere (copied into the Secret, then dropped)', text: list('  - {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: &d {k: v}}', '  - {apiVersion: v1, kind: Secret, metadata: {name: s}, data: *d}', role('{name: r}')) },
    { name: 'the kind of a Secret through an alias', text: `apiVersion: v1\nkind: List\nk: &k Secret\nitems:\n  - {apiVersion: v1, kind: *k, metadata: {name: s}, data: {pw: ${S}}}\n${role('{name: r}')}\n` },
    { name: 'aliases in another document of the file', text: `${list(secret())}---\nkind: ClusterRole\napiVersion: rbac.authorization.k8s.io/v1\nmetadata: {name: r, labels: &l {a: b}, annotations: *l}\nrules: []\n` },
  ])('$name: loads, without the Secret value', ({ text }) => {
    const { everything, skipped, snapshot } = load(text);
    expect(skipped, everything).toBe(false);
    expect(everything).not.toContain(S);
    expect(snapshot.clusterRoles.map((r) => r.metadata.name)).toEqual(['r']);
  });

  it('names the file and line of the alias, never its text', () => {
    const { snapshot } = load(list(secret('&s '), role('{name: r, annotations: *s}')));
    const d = snapshot.diagnostics.find((x) => /alias or merge key/.test(x.message));
    expect(d).toMatchObject({ severity: 'error', origin: { source: 'x.yaml', line: 5 } });
    expect(formatDiagnostic(d!)).not.toMatch(/\*s|&s/);
  });
});

// The fast paths in normalize.ts must accept only what the zod schemas accept, with the same result.
import { describe, expect, it } from 'vitest';
import { policyRuleSchema, subjectSchema } from '../schema/wire';
import { fastPolicyRule, fastSubject } from './normalize';

const rules: [string, unknown][] = [
  ['full rule', { verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['a'], nonResourceURLs: [] }],
  ['minimal', { verbs: ['get'] }],
  ['nulls', { verbs: ['*'], apiGroups: null, resources: null }],
  ['verbs a string', { verbs: 'get', resources: ['pods'] }],
  ['no verbs', { resources: ['pods'] }],
  ['empty verbs', { verbs: [], resources: ['pods'] }],
  ['number in list', { verbs: ['get'], resources: [1] }],
  ['groups a mapping', { verbs: ['get'], apiGroups: { a: 1 } }],
  ['not a mapping', ['get']],
  ['null', null],
  ['extra fields', { verbs: ['get'], resources: ['pods'], comment: 'x' }],
];

const subjects: [string, unknown][] = [
  ['user', { kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }],
  ['sa', { kind: 'ServiceAccount', name: 'x', namespace: 'ns' }],
  ['null namespace', { kind: 'ServiceAccount', name: 'x', namespace: null }],
  ['name a number', { kind: 'User', name: 1 }],
  ['no kind', { name: 'x' }],
  ['namespace a list', { kind: 'ServiceAccount', name: 'x', namespace: ['a'] }],
  ['not a mapping', 'User:alice'],
];

const norm = (r: { verbs: string[]; apiGroups?: string[] | null; resources?: string[] | null; resourceNames?: string[] | null; nonResourceURLs?: string[] | null }) => ({
  verbs: r.verbs, apiGroups: r.apiGroups ?? [], resources: r.resources ?? [], resourceNames: r.resourceNames ?? [], nonResourceURLs: r.nonResourceURLs ?? [],
});

describe('fast paths agree with zod', () => {
  it.each(rules)('rule: %s', (_n, raw) => {
    const fast = fastPolicyRule(raw);
    const zod = policyRuleSchema.safeParse(raw);
    if (fast) expect(zod.success && norm(zod.data), JSON.stringify(raw)).toEqual(fast);
    else expect(zod.success, `fast path refused but zod accepts ${JSON.stringify(raw)}`).toBe(false);
  });
  it.each(subjects)('subject: %s', (_n, raw) => {
    const fast = fastSubject(raw);
    const zod = subjectSchema.safeParse(raw);
    expect(Boolean(fast), JSON.stringify(raw)).toBe(zod.success);
    if (fast && zod.success) expect({ kind: fast.data.kind, name: fast.data.name }).toEqual({ kind: zod.data.kind, name: zod.data.name });
  });
});

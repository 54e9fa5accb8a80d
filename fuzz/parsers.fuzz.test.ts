// Fuzzing the small parsers behind flags and query input: resource specs, subject specs, node ids,
// durations, CLI requests, `rbac-atlas query` lines. Each returns a value or a clear error (an
// {ok: false}/{error} result or an AtlasError 'usage'); nothing else is ever thrown.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../cli/duration';
import { answerQueryLine, parseQueryLine } from '../cli/commands/query-line';
import { buildRequest } from '../cli/options';
import { parseNodeId, nodeId } from '../lib/engine/graph';
import { buildIndex } from '../lib/engine/query-index';
import { formatResource, parseResourceSpec, requestHints, resourceRequest } from '../lib/engine/request';
import { parseSubjectSpec, subjectRefKey } from '../lib/engine/subjects';
import { AtlasError } from '../lib/errors';
import { clusterObjectsArb, hostileString, PROTO_KEYS, snapshotFrom } from '../testing/arbitraries';
import { expectNoPollution, params, thrown, timeout } from './harness';

/** Strings for flag values: hostile ones, and ones built from the syntax's own pieces. */
const specString = fc.oneof(
  hostileString,
  fc.array(fc.oneof(fc.constantFrom('pods', 'deployments', 'apps', 'exec', '.', '/', '*', ' ', ':', 'sa', 'User', 'Group', 'ServiceAccount', 'serviceaccount', ...PROTO_KEYS), hostileString), { maxLength: 6 }).map((parts) => parts.join('')),
);

function expectUsageError(e: unknown): void {
  expect(e, `unexpected ${String(e)}`).toBeInstanceOf(AtlasError);
  expect((e as AtlasError).code).toBe('usage');
  expect((e as AtlasError).message.length).toBeGreaterThan(0);
}

describe('parser fuzz', () => {
  it(
    'parseResourceSpec: a value or an error, and the value round-trips through formatResource',
    () => {
      fc.assert(
        fc.property(specString, fc.option(specString, { nil: undefined }), (spec, group) => {
          const r = parseResourceSpec(spec, group);
          if (!r.ok) {
            expect(r.error.length).toBeGreaterThan(0);
            return;
          }
          for (const h of r.hints) expect(h).not.toContain('undefined');
          expect(typeof r.value.resource).toBe('string');
          expect(r.value.resource.length).toBeGreaterThan(0);
          if (group === undefined) {
            const again = parseResourceSpec(formatResource(r.value));
            if (again.ok && !r.value.apiGroup.includes('/')) expect(again.value).toEqual(r.value);
          }
          const req = resourceRequest('get', r.value, 'ns', '');
          for (const h of requestHints(req)) expect(h).not.toContain('undefined');
          expectNoPollution();
        }),
        params(1_000),
      );
    },
    timeout(),
  );

  it(
    'parseSubjectSpec: a User, Group or ServiceAccount (with namespace) or an error',
    () => {
      fc.assert(
        fc.property(specString, (spec) => {
          const r = parseSubjectSpec(spec);
          if ('error' in r) {
            expect(typeof r.error).toBe('string');
            return;
          }
          expect(['User', 'Group', 'ServiceAccount']).toContain(r.kind);
          expect(typeof r.name === 'string' && r.name.length > 0).toBe(true);
          if (r.kind === 'ServiceAccount') expect(typeof r.namespace === 'string' && r.namespace.length > 0).toBe(true);
          expect(typeof subjectRefKey(r)).toBe('string');
        }),
        params(1_000),
      );
    },
    timeout(),
  );

  it(
    'parseNodeId: undefined or a kind and name that nodeId turns back into the id',
    () => {
      fc.assert(
        fc.property(specString, (id) => {
          const p = parseNodeId(id);
          if (p === undefined) return;
          expect(p.kind.length).toBeGreaterThan(0);
          expect(nodeId(p as Parameters<typeof nodeId>[0])).toBe(id);
        }),
        params(800),
      );
    },
    timeout(),
  );

  it(
    'parseDuration: milliseconds >= 0 or a usage error naming the flag',
    () => {
      const durationString = fc.oneof(
        specString,
        fc.array(fc.tuple(fc.oneof(fc.nat({ max: 100_000 }).map(String), fc.constantFrom('1.5', '0', '1e3', '-1', '.5', '99999999999999999999')), fc.constantFrom('h', 'm', 's', 'ms', '', 'd', ' ')), { maxLength: 4 }).map((xs) => xs.map(([n, u]) => n + u).join('')),
      );
      fc.assert(
        fc.property(durationString, (text) => {
          const e = thrown(() => {
            const ms = parseDuration(text, '--request-timeout');
            expect(Number.isFinite(ms) || ms === Infinity).toBe(true);
            expect(ms).toBeGreaterThanOrEqual(0);
          });
          if (e === undefined) return;
          expectUsageError(e);
          expect((e as AtlasError).message).toContain('--request-timeout');
        }),
        params(1_000),
      );
    },
    timeout(),
  );

  it(
    'buildRequest (CLI verb, resource and flags): a request or a usage error',
    () => {
      const opt = fc.option(specString, { nil: undefined });
      fc.assert(
        fc.property(specString, fc.option(specString, { nil: undefined }), fc.record({ apiGroup: opt, nonResourceUrl: opt, resourceName: opt, namespace: opt }), (verb, resource, o) => {
          const flags = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
          const e = thrown(() => {
            const { request, hints } = buildRequest(verb, resource, flags);
            expect(request.verb).toBe(verb);
            for (const h of hints) expect(typeof h).toBe('string');
          });
          if (e !== undefined) expectUsageError(e);
        }),
        params(1_000),
      );
    },
    timeout(),
  );

  it(
    'rbac-atlas query lines: every line gets one JSON answer line with its id, an answer or an error',
    () => {
      const index = buildIndex(snapshotFrom(fc.sample(clusterObjectsArb, { numRuns: 1, seed: 7 })[0]!));
      const fieldValue = fc.oneof(specString, fc.constantFrom<unknown>(null, 1, true, [], {}, ['g'], [1]), fc.array(specString, { maxLength: 2 }));
      const lineObject = fc.dictionary(
        fc.oneof(fc.constantFrom('id', 'type', 'user', 'groups', 'verb', 'apiGroup', 'resource', 'subresource', 'namespace', 'name', 'path', 'allNamespaces', ...PROTO_KEYS), hostileString),
        fc.oneof({ weight: 1, arbitrary: fieldValue }, { weight: 1, arbitrary: fc.constantFrom('can', 'who-can', 'get', 'pods', '') }),
        { maxKeys: 8 },
      );
      const line = fc.oneof(
        lineObject.map((o) => JSON.stringify(o)),
        fc.record({ id: fc.oneof(fc.nat(), specString), type: fc.constantFrom('can', 'who-can'), user: specString, groups: fc.array(specString, { maxLength: 2 }), verb: specString, resource: specString, namespace: specString }).map((o) => JSON.stringify(o)),
        specString,
        fc.constantFrom('{"__proto__": {"polluted": "yes"}, "type": "can"}', '{"type":"can","constructor":{"prototype":{"polluted":1}}}', `${'['.repeat(20_000)}${']'.repeat(20_000)}`, '{"id":1,"type":"who-can","verb":"get","path":"/x","namespace":""}'),
      );
      fc.assert(
        fc.property(line, (text) => {
          const parsed = parseQueryLine(text);
          const out = JSON.parse(answerQueryLine(index, text)) as Record<string, unknown>;
          expect('id' in out).toBe(true);
          if ('error' in parsed) {
            expect(typeof out.error === 'string' && out.error.length > 0).toBe(true);
          } else {
            expect('allowed' in out || 'subjects' in out).toBe(true);
          }
          expectNoPollution();
        }),
        params(1_200),
      );
    },
    timeout(),
  );
});

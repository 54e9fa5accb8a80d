// One case per line, as upstream's TestNonResourceURLCovers: [name, rule, request, want].
import { describe, expect, it } from 'vitest';
import { ruleAllows } from './match';
import type { PolicyRule, Request } from './types';
import { req, url } from '../../testing/engine';

const R = (verbs: string, groups: string[], resources: string[], names: string[] = []): PolicyRule => ({
  verbs: verbs.split(','), apiGroups: groups, resources, resourceNames: names, nonResourceURLs: [],
});
const U = (verbs: string, urls: string[]): PolicyRule => ({
  verbs: verbs.split(','), apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: urls,
});

const cases: [string, PolicyRule, Request, boolean][] = [
  // verbs
  ['exact verb', R('get', [''], ['pods']), req('get', 'pods', 'ns'), true],
  ['other verb', R('get', [''], ['pods']), req('list', 'pods', 'ns'), false],
  ['verb star', R('*', [''], ['pods']), req('deletecollection', 'pods', 'ns'), true],
  ['verbs are case-sensitive', R('GET', [''], ['pods']), req('get', 'pods', 'ns'), false],
  ['no verbs never match', R('', [''], ['pods']), req('get', 'pods', 'ns'), false],
  // api groups
  ['core group', R('get', [''], ['pods']), req('get', 'pods'), true],
  ['core rule vs apps request', R('get', [''], ['deployments']), req('get', 'apps:deployments'), false],
  ['apps rule vs core request', R('get', ['apps'], ['deployments']), req('get', 'deployments'), false],
  ['group star', R('get', ['*'], ['deployments']), req('get', 'apps:deployments'), true],
  ['missing apiGroups match nothing', R('get', [], ['pods']), req('get', 'pods'), false],
  ['CRD named secrets in another group', R('get', ['example.com'], ['secrets']), req('get', 'secrets', 'ns'), false],
  // resources and subresources
  ['resource star covers subresource', R('create', [''], ['*']), req('create', 'pods/exec', 'ns'), true],
  ['parent does not cover subresource', R('create', [''], ['pods']), req('create', 'pods/exec', 'ns'), false],
  ['subresource does not cover parent', R('get', [''], ['pods/exec']), req('get', 'pods', 'ns'), false],
  ['exact subresource', R('create', [''], ['pods/exec']), req('create', 'pods/exec', 'ns'), true],
  ['star slash subresource', R('update', ['*'], ['*/scale']), req('update', 'apps:deployments/scale', 'ns'), true],
  ['star slash subresource vs parent', R('update', ['*'], ['*/scale']), req('update', 'apps:deployments', 'ns'), false],
  ['star slash other subresource', R('update', ['*'], ['*/scale']), req('update', 'apps:deployments/status', 'ns'), false],
  ['pods/* is not a wildcard', R('create', [''], ['pods/*']), req('create', 'pods/exec', 'ns'), false],
  ['pods/* does not cover pods', R('get', [''], ['pods/*']), req('get', 'pods', 'ns'), false],
  ['*/ex is not */exec', R('create', [''], ['*/ex']), req('create', 'pods/exec', 'ns'), false],
  ['resources are case-sensitive', R('get', [''], ['Pods']), req('get', 'pods', 'ns'), false],
  // resourceNames
  ['no resourceNames = every name', R('get', [''], ['secrets']), req('get', 'secrets', 'ns', 'db'), true],
  ['named get', R('get', [''], ['secrets'], ['db']), req('get', 'secrets', 'ns', 'db'), true],
  ['other name', R('get', [''], ['secrets'], ['db']), req('get', 'secrets', 'ns', 'api'), false],
  ['resourceNames never cover list', R('list', [''], ['secrets'], ['db']), req('list', 'secrets', 'ns'), false],
  ['resourceNames never cover create', R('create', [''], ['configmaps'], ['x']), req('create', 'configmaps', 'ns'), false],
  ['empty-string resourceName covers unnamed (upstream quirk)', R('list', [''], ['secrets'], ['']), req('list', 'secrets', 'ns'), true],
  // non-resource URLs
  ['exact url', U('get', ['/healthz']), url('get', '/healthz'), true],
  ['url trailing slash differs', U('get', ['/healthz']), url('get', '/healthz/'), false],
  ['url star', U('get', ['*']), url('get', '/anything'), true],
  ['prefix star', U('get', ['/api/*']), url('get', '/api/v1'), true],
  ['/api/* does not cover /api', U('get', ['/api/*']), url('get', '/api'), false],
  ['/apis/* does not cover /apis', U('get', ['/apis/*']), url('get', '/apis'), false],
  ['/api* covers /apis', U('get', ['/api*']), url('get', '/apis'), true],
  ['several trailing stars', U('get', ['/metrics**']), url('get', '/metrics'), true],
  ['urls are case-sensitive', U('get', ['/healthz']), url('get', '/HEALTHZ'), false],
  ['url verb mismatch', U('get', ['/healthz']), url('post', '/healthz'), false],
  // resource vs non-resource
  ['url rule never covers a resource request', U('*', ['*']), req('get', 'pods', 'ns'), false],
  ['resource rule never covers a url', R('*', ['*'], ['*']), url('get', '/healthz'), false],
];

describe('ruleAllows (upstream RuleAllows)', () => {
  it.each(cases)('%s', (_name, rule, request, want) => {
    const got = ruleAllows(request, rule);
    expect(got, `rule=${JSON.stringify(rule)} request=${JSON.stringify(request)} want=${want} got=${got}`).toBe(want);
  });
});

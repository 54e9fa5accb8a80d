import { describe, expect, it } from 'vitest';
import { AUTH_COOKIE, sessionValue, type AuthConfig } from './auth';
import { bodyLimitFor, JSON_BODY_MAX_BYTES, uploadLimits } from './limits';
import { decideRequest, declaredBody, targetPath, type GateDecision, type GateRequest } from './policy';

const TOKEN = 'k3Zs9-QnA1b2C3d4E5f6G7h8';
const open: AuthConfig = { required: false };
const token: AuthConfig = { required: true, token: TOKEN };
const limits = uploadLimits({ RBAC_ATLAS_MAX_UPLOAD_BYTES: '1000', RBAC_ATLAS_MAX_UPLOAD_FILES: '3' });
const HOST = '127.0.0.1:3000';

function req(method: string, target: string, headers: GateRequest['headers'] = {}): GateRequest {
  return { method, target, headers: { host: HOST, ...headers } };
}

function decide(r: GateRequest, auth = open, uploadsInFlight = 0): GateDecision {
  return decideRequest(r, { auth, limits }, { uploadsInFlight });
}

const summary = (d: GateDecision) => (d.kind === 'refuse' ? d.status : d.kind === 'login' ? 303 : `pass ${d.bodyLimit}`);

describe('targetPath', () => {
  it.each([
    { target: '/', want: { pathname: '/' } },
    { target: '/namespaces/team-a?x=%ZZ', want: { pathname: '/namespaces/team-a' } },
    { target: '/a%20b/%2F', want: { pathname: '/a%20b/%2F' } },
    { target: '//evil.example/x', want: { pathname: '//evil.example/x' } },
    { target: '*', want: { error: 'the request target is not a path' } },
    { target: 'http://evil.example/', want: { error: 'the request target is not a path' } },
    { target: '/namespaces/%E0%A4%A', want: { error: 'malformed percent-encoding in the path' } },
    { target: '/%', want: { error: 'malformed percent-encoding in the path' } },
    { target: '/a%00b', want: { error: 'control character in the path' } },
    { target: '/a%0d%0aSet-Cookie:x', want: { error: 'control character in the path' } },
  ])('$target', ({ target, want }) => {
    expect(targetPath(target)).toEqual(want);
  });
});

describe('declaredBody', () => {
  it.each([
    { headers: {}, want: { none: true } },
    { headers: { 'content-length': '0' }, want: { none: true } },
    { headers: { 'content-length': '12' }, want: { bytes: 12 } },
    { headers: { 'transfer-encoding': 'chunked' }, want: { chunked: true } },
    { headers: { 'content-length': '-1' }, want: { error: 'invalid Content-Length' } },
    { headers: { 'content-length': '1e9' }, want: { error: 'invalid Content-Length' } },
  ])('$headers', ({ headers, want }) => {
    expect(declaredBody(headers)).toEqual(want);
  });
});

describe('bodyLimitFor', () => {
  it.each([
    ['GET', '/api/who-can', 0],
    ['HEAD', '/', 0],
    ['POST', '/api/upload', limits.maxBodyBytes],
    ['POST', '/api/source', JSON_BODY_MAX_BYTES],
    ['POST', '/api/upload/', JSON_BODY_MAX_BYTES],
    ['POST', '/', undefined],
    ['POST', '/apiary', undefined],
    ['PUT', '/api/source', undefined],
  ])('%s %s -> %s', (method, path, want) => {
    expect(bodyLimitFor(method, path, limits)).toBe(want);
  });
});

describe('decideRequest', () => {
  const bearer = { authorization: `Bearer ${TOKEN}` };
  const sameOrigin = { origin: `http://${HOST}`, 'sec-fetch-site': 'same-origin' };
  it.each<{ name: string; r: GateRequest; auth?: AuthConfig; inFlight?: number; want: number | string }>([
    { name: 'a page', r: req('GET', '/namespaces'), want: 'pass 0' },
    { name: 'HEAD', r: req('HEAD', '/'), want: 'pass 0' },
    { name: 'TRACE', r: req('TRACE', '/'), want: 405 },
    { name: 'OPTIONS *', r: req('OPTIONS', '*'), want: 405 },
    { name: 'OPTIONS on an API route (no CORS here)', r: req('OPTIONS', '/api/who-can'), want: 405 },
    { name: 'PUT', r: req('PUT', '/api/source'), want: 405 },
    { name: 'DELETE', r: req('DELETE', '/api/source'), want: 405 },
    { name: 'POST to a page (a server action)', r: req('POST', '/', { 'next-action': 'x' }), want: 405 },
    { name: 'GET with an absolute target', r: req('GET', 'http://127.0.0.1:3000/'), want: 400 },
    { name: 'malformed %-escape in a path segment', r: req('GET', '/namespaces/%E0%A4%A'), want: 400 },
    { name: 'malformed %-escape in the query is left to the route', r: req('GET', '/api/who-can?ns=%E0%A4%A'), want: 'pass 0' },
    { name: 'GET with a body', r: req('GET', '/api/who-can', { 'content-length': '5' }), want: 400 },
    { name: 'GET with a chunked body', r: req('GET', '/', { 'transfer-encoding': 'chunked' }), want: 400 },
    { name: 'rebinding Host', r: req('GET', '/', { host: 'attacker.example:3000' }), want: 403 },
    { name: 'cross-site upload', r: req('POST', '/api/upload', { 'content-length': '10', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }), want: 403 },
    { name: 'upload under the cap', r: req('POST', '/api/upload', { 'content-length': '10', ...sameOrigin }), want: `pass ${limits.maxBodyBytes}` },
    { name: 'upload declaring more than the cap', r: req('POST', '/api/upload', { 'content-length': String(limits.maxBodyBytes + 1) }), want: 413 },
    { name: 'chunked upload: capped while reading', r: req('POST', '/api/upload', { 'transfer-encoding': 'chunked' }), want: `pass ${limits.maxBodyBytes}` },
    { name: 'JSON POST declaring 50 MB', r: req('POST', '/api/source', { 'content-length': '50000000' }), want: 413 },
    { name: 'JSON POST at the cap', r: req('POST', '/api/source', { 'content-length': String(JSON_BODY_MAX_BYTES) }), want: `pass ${JSON_BODY_MAX_BYTES}` },
    { name: 'bad Content-Length', r: req('POST', '/api/source', { 'content-length': 'abc' }), want: 400 },
    { name: 'third upload while two run', r: req('POST', '/api/upload', { 'content-length': '10' }), inFlight: 2, want: 429 },
    { name: 'a JSON POST while two uploads run', r: req('POST', '/api/source', { 'content-length': '10' }), inFlight: 2, want: `pass ${JSON_BODY_MAX_BYTES}` },
    { name: 'token mode: no token', r: req('GET', '/api/health'), auth: token, want: 401 },
    { name: 'token mode: no token, 50 MB upload declared', r: req('POST', '/api/upload', { 'content-length': '50000000' }), auth: token, want: 401 },
    { name: 'token mode: no token, chunked upload', r: req('POST', '/api/upload', { 'transfer-encoding': 'chunked' }), auth: token, want: 401 },
    { name: 'token mode: bearer', r: req('POST', '/api/upload', { 'content-length': '10', ...bearer }), auth: token, want: `pass ${limits.maxBodyBytes}` },
    { name: 'token mode: cookie', r: req('GET', '/', { cookie: `${AUTH_COOKIE}=${sessionValue(TOKEN)}` }), auth: token, want: 'pass 0' },
    { name: 'token mode: ?token= on a page logs in', r: req('GET', `/?token=${TOKEN}`), auth: token, want: 303 },
    { name: 'token mode: TRACE without a token is 405, not a stack trace', r: req('TRACE', '/'), auth: token, want: 405 },
    { name: 'token mode: any Host', r: req('GET', '/', { host: 'atlas.lan', ...bearer }), auth: token, want: 'pass 0' },
    { name: 'token required, none configured', r: req('GET', '/'), auth: { required: true }, want: 503 },
  ])('$name -> $want', ({ r, auth, inFlight, want }) => {
    expect(summary(decide(r, auth, inFlight))).toBe(want);
  });

  it('says which methods are allowed', () => {
    expect(decide(req('TRACE', '/'))).toMatchObject({ status: 405, headers: { allow: 'GET, HEAD, POST' } });
    expect(decide(req('POST', '/findings'))).toMatchObject({ status: 405, headers: { allow: 'GET, HEAD' } });
  });

  it('a refused upload names the limit and the variable', () => {
    expect(decide(req('POST', '/api/upload', { 'content-length': '99999999' }))).toMatchObject({
      status: 413,
      message: expect.stringMatching(/^upload too large: the request body is over \d+ bytes .*RBAC_ATLAS_MAX_UPLOAD_BYTES/),
    });
    expect(decide(req('POST', '/api/upload', { 'content-length': '1' }), open, 2)).toMatchObject({ status: 429, headers: { 'retry-after': '2' } });
  });

  it('never echoes a long method name', () => {
    const d = decide(req('X'.repeat(500), '/'));
    expect(d.kind === 'refuse' && d.message.length).toBeLessThan(60);
  });
});

import { describe, expect, it } from 'vitest';
import { AUTH_COOKIE, authConfig, checkAuth, checkOrigin, safeEqual, sessionCookie, sessionValue, type AuthConfig, type AuthDecision } from './auth';

const TOKEN = 'k3Zs9-QnA1b2C3d4E5f6G7h8';
const on: AuthConfig = { required: true, token: TOKEN };
const cookie = `${AUTH_COOKIE}=${sessionValue(TOKEN)}`;

function check(path: string, init: { method?: string; authorization?: string; cookie?: string } = {}, config = on): AuthDecision {
  return checkAuth(
    { method: init.method ?? 'GET', url: new URL(path, 'http://127.0.0.1:3000'), authorization: init.authorization ?? null, cookie: init.cookie ?? null },
    config,
  );
}

describe('authConfig', () => {
  it.each([
    { env: {}, want: { required: false } },
    { env: { RBAC_ATLAS_TOKEN: '' }, want: { required: false } },
    { env: { RBAC_ATLAS_TOKEN: '   ' }, want: { required: false } },
    { env: { RBAC_ATLAS_TOKEN: TOKEN }, want: { required: true, token: TOKEN } },
    { env: { RBAC_ATLAS_TOKEN: ` ${TOKEN}\n` }, want: { required: true, token: TOKEN } },
    { env: { RBAC_ATLAS_REQUIRE_TOKEN: '1' }, want: { required: true } },
    { env: { RBAC_ATLAS_REQUIRE_TOKEN: 'true', RBAC_ATLAS_TOKEN: TOKEN }, want: { required: true, token: TOKEN } },
    { env: { RBAC_ATLAS_REQUIRE_TOKEN: '0' }, want: { required: false } },
  ])('$env', ({ env, want }) => {
    expect(authConfig(env)).toEqual(want);
  });
});

describe('safeEqual', () => {
  it.each([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['abc', 'abcd', false],
    ['', '', true],
    ['', 'a', false],
  ])('%j vs %j', (a, b, want) => {
    expect(safeEqual(a, b)).toBe(want);
  });
});

describe('checkAuth', () => {
  it.each<{ name: string; path: string; init?: Parameters<typeof check>[1]; want: AuthDecision['kind'] }>([
    { name: 'no credentials: page', path: '/', want: 'deny' },
    { name: 'no credentials: API', path: '/api/health', want: 'deny' },
    { name: 'no credentials: static file', path: '/_next/static/chunks/a.js', want: 'deny' },
    { name: 'bearer token', path: '/api/who-can', init: { authorization: `Bearer ${TOKEN}` }, want: 'allow' },
    { name: 'bearer, any case and trailing space', path: '/api/who-can', init: { authorization: `bearer  ${TOKEN} ` }, want: 'allow' },
    { name: 'wrong bearer', path: '/api/who-can', init: { authorization: `Bearer ${TOKEN}x` }, want: 'deny' },
    { name: 'token prefix as bearer', path: '/api/who-can', init: { authorization: `Bearer ${TOKEN.slice(0, 10)}` }, want: 'deny' },
    { name: 'basic auth is not accepted', path: '/', init: { authorization: `Basic ${TOKEN}` }, want: 'deny' },
    { name: 'session cookie', path: '/namespaces', init: { cookie: `a=1; ${cookie}; b=2` }, want: 'allow' },
    { name: 'cookie holding the raw token is not accepted', path: '/', init: { cookie: `${AUTH_COOKIE}=${TOKEN}` }, want: 'deny' },
    { name: 'wrong cookie', path: '/', init: { cookie: `${AUTH_COOKIE}=nope` }, want: 'deny' },
    { name: 'wrong bearer but good cookie', path: '/api/graph', init: { authorization: 'Bearer nope', cookie }, want: 'allow' },
    { name: 'token in a page URL', path: `/subjects?token=${TOKEN}`, want: 'login' },
    { name: 'wrong token in a page URL', path: '/subjects?token=nope', want: 'deny' },
    { name: 'wrong token in the URL even with a cookie', path: '/?token=nope', init: { cookie }, want: 'deny' },
    { name: 'token in an API URL is not accepted', path: `/api/health?token=${TOKEN}`, want: 'deny' },
    { name: 'token in the URL of a POST is not accepted', path: `/?token=${TOKEN}`, init: { method: 'POST' }, want: 'deny' },
  ])('$name', ({ path, init, want }) => {
    expect(check(path, init).kind).toBe(want);
  });

  it('login strips the token and keeps the rest of the URL', () => {
    expect(check(`/namespaces/prod?a=1&token=${TOKEN}&b=x%20y`)).toEqual({ kind: 'login', location: '/namespaces/prod?a=1&b=x+y', token: TOKEN });
    expect(check(`/?token=${encodeURIComponent(TOKEN)}`)).toMatchObject({ location: '/' });
  });

  it('lets everything through when no token is required', () => {
    expect(check('/api/health', {}, { required: false }).kind).toBe('allow');
  });

  it('fails closed when a token is required but missing', () => {
    expect(check('/', { authorization: 'Bearer ' }, { required: true }).kind).toBe('misconfigured');
  });
});

describe('sessionCookie', () => {
  it('is HttpOnly, SameSite=Strict, host-wide, and does not contain the token', () => {
    const c = sessionCookie(TOKEN, false);
    expect(c).toMatch(new RegExp(`^${AUTH_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict$`));
    expect(c).not.toContain(TOKEN);
    expect(sessionCookie(TOKEN, true)).toMatch(/; Secure$/);
  });
});

describe('checkOrigin', () => {
  const off: AuthConfig = { required: false };
  const req = (method: string, host: string | null, origin: string | null = null, fetchSite: string | null = null) => ({ method, host, origin, fetchSite });
  it.each([
    { name: 'loopback host, no token', r: req('GET', '127.0.0.1:3000'), config: off, ok: true },
    { name: 'localhost, no token', r: req('GET', 'localhost:3000'), config: off, ok: true },
    { name: '[::1], no token', r: req('GET', '[::1]:3000'), config: off, ok: true },
    { name: 'rebinding name, no token', r: req('GET', 'attacker.example:3000'), config: off, ok: false },
    { name: 'localhost suffix, no token', r: req('GET', 'localhost.attacker.example'), config: off, ok: false },
    { name: 'no Host, no token', r: req('GET', null), config: off, ok: false },
    { name: 'any host with a token', r: req('GET', 'atlas.lan:3000'), config: on, ok: true },
    { name: 'same-origin POST', r: req('POST', '127.0.0.1:3000', 'http://127.0.0.1:3000', 'same-origin'), config: off, ok: true },
    { name: 'POST without Origin (curl)', r: req('POST', '127.0.0.1:3000'), config: off, ok: true },
    { name: 'cross-site form POST', r: req('POST', '127.0.0.1:3000', 'https://evil.example', 'cross-site'), config: off, ok: false },
    { name: 'same-site POST from another port', r: req('POST', '127.0.0.1:3000', 'http://127.0.0.1:8080', 'same-site'), config: off, ok: false },
    { name: 'Origin mismatch without Sec-Fetch-Site', r: req('POST', 'atlas.lan:3000', 'http://evil.example'), config: on, ok: false },
    { name: 'Origin null', r: req('POST', '127.0.0.1:3000', 'null'), config: off, ok: false },
    { name: 'cross-site GET is fine (no state change)', r: req('GET', '127.0.0.1:3000', null, 'cross-site'), config: off, ok: true },
  ])('$name', ({ r, config, ok }) => {
    expect(checkOrigin(r, config) === null).toBe(ok);
  });
});

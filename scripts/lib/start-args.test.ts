import { describe, expect, it } from 'vitest';
import { accessNotice, bindWarning, browserUrl, isLoopbackHost, parseStartArgs, resolveAccessToken } from './start-args.mjs';
import { serverUrl } from './next-server.mjs';

describe('parseStartArgs', () => {
  it.each([
    { name: 'defaults to loopback:3000', argv: [], env: {}, want: { port: 3000, host: '127.0.0.1', requireToken: false } },
    { name: 'PORT and HOST from env', argv: [], env: { PORT: '4000', HOST: '::1' }, want: { port: 4000, host: '::1', requireToken: false } },
    { name: 'flags beat env', argv: ['--port', '5000', '--host', '0.0.0.0'], env: { PORT: '4000' }, want: { port: 5000, host: '0.0.0.0', requireToken: false } },
    { name: 'flag=value form', argv: ['--port=5001', '--hostname=localhost'], env: {}, want: { port: 5001, host: 'localhost', requireToken: false } },
    { name: 'short flags', argv: ['-p', '5002', '-H', '127.0.0.2'], env: {}, want: { port: 5002, host: '127.0.0.2', requireToken: false } },
    { name: 'help', argv: ['--help'], env: {}, want: { help: true } },
    { name: 'unknown flag', argv: ['--bogus'], env: {}, want: { error: 'unknown argument --bogus' } },
    { name: 'missing value', argv: ['--port'], env: {}, want: { error: '--port needs a value' } },
    { name: 'port not a number', argv: ['--port', 'abc'], env: {}, want: { error: 'invalid port "abc"' } },
    { name: 'port 0 is refused', argv: ['--port', '0'], env: {}, want: { error: 'invalid port "0"' } },
    { name: 'port too large', argv: ['--port', '70000'], env: {}, want: { error: 'invalid port "70000"' } },
    { name: 'empty host', argv: ['--host='], env: {}, want: { error: 'empty host' } },
    { name: '--token and --require-token', argv: ['--token', 'abc', '--require-token'], env: {}, want: { port: 3000, host: '127.0.0.1', token: 'abc', requireToken: true } },
    { name: '--token=value', argv: ['--token=a=b'], env: {}, want: { port: 3000, host: '127.0.0.1', token: 'a=b', requireToken: false } },
    { name: '--token without a value', argv: ['--token'], env: {}, want: { error: '--token needs a value' } },
    { name: '--dev', argv: ['--dev', '--port', '3001'], env: {}, want: { port: 3001, host: '127.0.0.1', requireToken: false, dev: true } },
    { name: '--require-token takes no value', argv: ['--require-token=yes'], env: {}, want: { error: '--require-token takes no value' } },
  ])('$name', ({ argv, env, want }) => {
    expect(parseStartArgs(argv, env), `argv=${JSON.stringify(argv)} env=${JSON.stringify(env)}`).toEqual(want);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.20', false],
    ['10.0.0.1', false],
    ['fe80::1', false],
    ['my-laptop.lan', false],
    ['localhost.example.com', false],
    ['127.example.com', false],
  ])('%s -> %s', (host, want) => {
    expect(isLoopbackHost(host)).toBe(want);
  });
});

describe('resolveAccessToken', () => {
  const generate = () => 'G'.repeat(43);
  const good = 'a-given-token-0123456789';
  it.each([
    { name: 'loopback: no token', opts: { host: '127.0.0.1' }, env: {}, want: { required: false } },
    { name: 'localhost: no token', opts: { host: 'localhost' }, env: {}, want: { required: false } },
    { name: '0.0.0.0: generated', opts: { host: '0.0.0.0' }, env: {}, want: { required: true, token: generate(), generated: true } },
    { name: '::: generated', opts: { host: '::' }, env: {}, want: { required: true, token: generate(), generated: true } },
    { name: 'LAN IP: generated', opts: { host: '192.168.1.20' }, env: {}, want: { required: true, token: generate(), generated: true } },
    { name: 'host name: generated', opts: { host: 'atlas.internal' }, env: {}, want: { required: true, token: generate(), generated: true } },
    { name: 'non-loopback, --token', opts: { host: '0.0.0.0', token: good }, env: {}, want: { required: true, token: good, generated: false } },
    { name: 'non-loopback, env token', opts: { host: '0.0.0.0' }, env: { RBAC_ATLAS_TOKEN: good }, want: { required: true, token: good, generated: false } },
    { name: '--token beats env', opts: { host: '0.0.0.0', token: good }, env: { RBAC_ATLAS_TOKEN: 'other-token-0123456789' }, want: { required: true, token: good, generated: false } },
    { name: 'empty env token: generated', opts: { host: '0.0.0.0' }, env: { RBAC_ATLAS_TOKEN: '  ' }, want: { required: true, token: generate(), generated: true } },
    { name: 'loopback, --require-token', opts: { host: '127.0.0.1', requireToken: true }, env: {}, want: { required: true, token: generate(), generated: true } },
    { name: 'loopback, RBAC_ATLAS_REQUIRE_TOKEN=1', opts: { host: '127.0.0.1' }, env: { RBAC_ATLAS_REQUIRE_TOKEN: '1' }, want: { required: true, token: generate(), generated: true } },
    { name: 'loopback, RBAC_ATLAS_REQUIRE_TOKEN=0', opts: { host: '127.0.0.1' }, env: { RBAC_ATLAS_REQUIRE_TOKEN: '0' }, want: { required: false } },
    { name: 'loopback, a given token turns it on', opts: { host: '127.0.0.1' }, env: { RBAC_ATLAS_TOKEN: good }, want: { required: true, token: good, generated: false } },
    { name: 'too short', opts: { host: '0.0.0.0', token: 'short' }, env: {}, want: { error: expect.stringContaining('16 to 512') } },
    { name: 'with a space', opts: { host: '0.0.0.0', token: 'has a space in it 0123' }, env: {}, want: { error: expect.stringContaining('without spaces') } },
  ])('$name', ({ opts, env, want }) => {
    expect(resolveAccessToken(opts, env, generate)).toEqual(want);
  });

  it('generates 32 random bytes as base64url', () => {
    const a = resolveAccessToken({ host: '0.0.0.0' });
    const b = resolveAccessToken({ host: '0.0.0.0' });
    expect(a).toMatchObject({ required: true, generated: true, token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(a).not.toEqual(b);
  });
});

describe('start notices', () => {
  it('warns for non-loopback binds only', () => {
    expect(bindWarning('127.0.0.1')).toEqual([]);
    expect(bindWarning('0.0.0.0').join('\n')).toMatch(/warning: binding 0\.0\.0\.0 exposes/);
  });
  it('prints a ready-to-open URL with a generated token, not a given one', () => {
    const url = browserUrl('0.0.0.0', 3000, serverUrl);
    expect(url).toBe('http://127.0.0.1:3000');
    expect(browserUrl('::', 3000, serverUrl)).toBe('http://[::1]:3000');
    expect(accessNotice(url, { required: true, token: 'T0k-en_', generated: true })).toContain('Open: http://127.0.0.1:3000/?token=T0k-en_');
    expect(accessNotice(url, { required: true, token: 'secret-given-token', generated: false }).join('\n')).not.toContain('secret-given-token');
    expect(accessNotice(url, { required: false })).toEqual([]);
  });
});

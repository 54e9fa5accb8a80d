import { describe, expect, it } from 'vitest';
import { parseStartArgs } from './start-args.mjs';

describe('parseStartArgs', () => {
  it.each([
    { name: 'defaults to loopback:3000', argv: [], env: {}, want: { port: 3000, host: '127.0.0.1' } },
    { name: 'PORT and HOST from env', argv: [], env: { PORT: '4000', HOST: '::1' }, want: { port: 4000, host: '::1' } },
    { name: 'flags beat env', argv: ['--port', '5000', '--host', '0.0.0.0'], env: { PORT: '4000' }, want: { port: 5000, host: '0.0.0.0' } },
    { name: 'flag=value form', argv: ['--port=5001', '--hostname=localhost'], env: {}, want: { port: 5001, host: 'localhost' } },
    { name: 'short flags', argv: ['-p', '5002', '-H', '127.0.0.2'], env: {}, want: { port: 5002, host: '127.0.0.2' } },
    { name: 'help', argv: ['--help'], env: {}, want: { help: true } },
    { name: 'unknown flag', argv: ['--bogus'], env: {}, want: { error: 'unknown argument --bogus' } },
    { name: 'missing value', argv: ['--port'], env: {}, want: { error: '--port needs a value' } },
    { name: 'port not a number', argv: ['--port', 'abc'], env: {}, want: { error: 'invalid port "abc"' } },
    { name: 'port 0 is refused', argv: ['--port', '0'], env: {}, want: { error: 'invalid port "0"' } },
    { name: 'port too large', argv: ['--port', '70000'], env: {}, want: { error: 'invalid port "70000"' } },
    { name: 'empty host', argv: ['--host='], env: {}, want: { error: 'empty host' } },
  ])('$name', ({ argv, env, want }) => {
    expect(parseStartArgs(argv, env), `argv=${JSON.stringify(argv)} env=${JSON.stringify(env)}`).toEqual(want);
  });
});

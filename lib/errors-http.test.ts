import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AtlasError, toHttpResponse } from './errors';

describe('toHttpResponse', () => {
  const zodError = (() => {
    const r = z.object({ ns: z.string().regex(/^[a-z]+$/, 'not a namespace name') }).safeParse({ ns: 'BAD' });
    return r.success ? undefined : r.error;
  })();
  // prettier-ignore
  const cases: { name: string; error: unknown; status: number; body: Record<string, unknown> }[] = [
    { name: 'zod issues', error: zodError, status: 400, body: { error: 'ns: not a namespace name', code: 'usage', issues: [{ path: 'ns', message: 'not a namespace name' }] } },
    { name: 'usage', error: new AtlasError('usage', 'give a verb'), status: 400, body: { error: 'give a verb', code: 'usage' } },
    { name: 'usage with httpStatus', error: new AtlasError('usage', 'unknown namespace', { httpStatus: 404 }), status: 404, body: { error: 'unknown namespace', code: 'usage' } },
    { name: 'bad input', error: new AtlasError('bad-input', 'nothing usable', { diagnostics: [{ severity: 'error', code: 'parse-error', message: 'bad', origin: { source: 'a.yaml', line: 2 } }] }), status: 422,
      body: { error: 'nothing usable', code: 'bad-input', diagnostics: [{ severity: 'error', code: 'parse-error', message: 'bad', origin: { source: 'a.yaml', line: 2 }, text: 'a.yaml:2: error: bad' }] } },
    { name: 'unreachable', error: new AtlasError('unreachable', 'connection refused'), status: 503, body: { error: 'connection refused', code: 'unreachable' } },
    { name: 'a bug', error: new TypeError('x is undefined'), status: 500, body: { error: 'internal error: see the server log', code: 'internal' } },
  ];
  it.each(cases)('$name → $status', async ({ error, status, body }) => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = toHttpResponse(error);
    spy.mockRestore();
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual(body);
  });
  it('never puts a stack trace in the body', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const text = await toHttpResponse(new Error('boom')).text();
    spy.mockRestore();
    expect(text).not.toMatch(/at |boom/);
  });
});

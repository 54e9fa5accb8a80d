import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, SECURITY_HEADERS, setSecurityHeaders } from './security-headers';

function directives(csp: string): Map<string, string> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name ?? '', values.join(' ')]));
}

describe('contentSecurityPolicy', () => {
  const nonce = newNonce();
  const csp = directives(contentSecurityPolicy(nonce));

  it.each([
    ['default-src', "'self'"],
    ['script-src', `'self' 'nonce-${nonce}'`],
    ['style-src', `'self' 'nonce-${nonce}'`],
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self' data: blob:"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ])('%s %s', (name, value) => {
    expect(csp.get(name)).toBe(value);
  });

  it('has no unsafe-eval or unsafe-inline for scripts in production, eval only in dev', () => {
    expect(csp.get('script-src')).not.toMatch(/unsafe/);
    const dev = directives(contentSecurityPolicy(nonce, { dev: true }));
    expect(dev.get('script-src')).toContain("'unsafe-eval'");
    expect(dev.get('style-src')).toBe("'self' 'unsafe-inline'");
  });

  it('uses a fresh, unguessable nonce', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe('setSecurityHeaders', () => {
  it('sets the CSP and the fixed headers', () => {
    const h = new Headers({ 'content-type': 'application/json' });
    setSecurityHeaders(h, "default-src 'self'");
    expect(h.get('content-security-policy')).toBe("default-src 'self'");
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('referrer-policy')).toBe('no-referrer');
    expect(h.get('x-frame-options')).toBe('DENY');
    expect(h.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(h.get('permissions-policy')).toBe(SECURITY_HEADERS['permissions-policy']);
    expect(h.get('content-type')).toBe('application/json');
  });
});

// Security headers of every response (set by the gate in front of Next: lib/server/respond.ts). The Content-Security-Policy carries a fresh
// nonce per request: Next.js reads it from the request's CSP header while rendering and puts it on
// its own <script> tags (framework chunks, the inline RSC payload), so that only those run.
import { randomBytes } from 'node:crypto';

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The policy. Each relaxation and why:
 * - script-src 'self' 'nonce-…': Next's framework/page chunks come from /_next/static ('self', also
 *   the chunks its runtime loads later) and its inline bootstrap/RSC scripts carry the nonce. No
 *   'unsafe-inline'; no 'unsafe-eval' in production ('unsafe-eval' only under `next dev`, where
 *   React rebuilds server error stacks with eval; `next dev` also gets inline <style> elements).
 * - style-src 'self' 'nonce-…': the Tailwind stylesheet is a file; any <style> element Next emits
 *   gets the nonce.
 * - style-src-attr 'unsafe-inline': React renders `style={{…}}` props as HTML style *attributes*
 *   (server-rendered markup: bar widths, graph sizes, colours); nonces cannot apply to attributes.
 *   Style attributes cannot run script. Cytoscape styles its canvases through CSSOM, which CSP does
 *   not restrict.
 * - img-src data: blob: — the graph's PNG/SVG export (cy.png() gives a data:/blob: URL) and the SVG
 *   icon data URIs.
 * No `upgrade-insecure-requests`: the server speaks plain HTTP (also on a LAN address).
 */
export function contentSecurityPolicy(nonce: string, { dev = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-eval'" : ''}`,
    // `next dev` injects CSS as <style> elements without a nonce (hot reload): inline styles in dev only
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers for every response besides the CSP. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), display-capture=()',
};

export function setSecurityHeaders(headers: { set(name: string, value: string): void }, csp: string): void {
  headers.set('content-security-policy', csp);
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) headers.set(k, v);
}

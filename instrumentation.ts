// Runs once when a Next server starts. RBAC Atlas serves only behind its gate (lib/server/main.ts:
// access token, Host/Origin checks, body limits, security headers); see lib/server/require-gate.ts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { requireGate } = await import('./lib/server/require-gate');
  requireGate();
}

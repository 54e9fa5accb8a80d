// `next start` or `next dev` run directly would serve without the gate (lib/server/gate.ts): no
// access token, no Host/Origin checks, no body limits, no security headers. instrumentation.ts
// calls this when a Next server starts: without the mark that lib/server/main.ts sets, it stops
// the process with a pointer to the right command. Not during `next build`.
import { GATE_MARK } from './gate-mark';

export function requireGate(): void {
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  if ((globalThis as Record<symbol, unknown>)[GATE_MARK] === true) return;
  console.error(
    'rbac-atlas: start the web server with `npm start`, `npm run dev` or `rbac-atlas serve`, not `next start`/`next dev`: ' +
      'the access-token, origin and body checks and the security headers run in front of Next (lib/server/gate.ts)',
  );
  process.exit(78);
}

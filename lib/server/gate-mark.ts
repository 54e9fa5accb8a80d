/** Set on globalThis by lib/server/main.ts before Next starts; lib/server/require-gate.ts checks it. */
export const GATE_MARK = Symbol.for('rbac-atlas.gate');

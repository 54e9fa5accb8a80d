// Baselines: a previous `scan -o json` output. A scan with --baseline reports only the findings whose
// id is not in it (new since the baseline), which is what a pull-request check wants.
import type { Finding } from './types';

export type BaselineResult = { ok: true; ids: Set<string> } | { ok: false; error: string };

/** Reads the ids of a `scan -o json` document ({"findings": [{"id": ...}]}, or a bare array of findings). */
export function parseBaseline(text: string): BaselineResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON: expected the output of `rbac-atlas scan -o json`' };
  }
  const list = Array.isArray(value) ? value : (value as { findings?: unknown } | null)?.findings;
  if (!Array.isArray(list)) return { ok: false, error: 'no "findings" list: expected the output of `rbac-atlas scan -o json`' };
  const ids = new Set<string>();
  for (const [i, item] of list.entries()) {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return { ok: false, error: `findings[${i}] has no string "id"` };
    ids.add(id);
  }
  return { ok: true, ids };
}

export function applyBaseline(findings: readonly Finding[], ids: ReadonlySet<string>): { kept: Finding[]; inBaseline: number } {
  const kept = findings.filter((f) => !ids.has(f.id));
  return { kept, inBaseline: findings.length - kept.length };
}

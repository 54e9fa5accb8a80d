// Findings added and resolved by a change: the scan of each side, compared by finding id (the id is
// stable: kind + subject or object + scope; baselines rely on it too).
import type { FindingsConfig } from '../findings/config';
import { runScan } from '../findings/scan';
import type { Finding } from '../findings/types';
import type { AtlasIndex } from '../query-index';
import type { FindingsDiff } from './types';

export interface DiffScanOptions {
  /** `.rbac-atlas.yaml`: severity overrides, privileged namespaces, suppressions (as `scan` applies them) */
  config?: FindingsConfig;
  /** YYYY-MM-DD, for suppression expiry */
  today: string;
  /** also findings that come only from Kubernetes' bootstrap policy (as `scan --include-builtin`) */
  includeBuiltin?: boolean;
}

/** The findings `scan` reports for one side: the scan pipeline itself, with the same config and day. */
export function scanForDiff(index: AtlasIndex, options: DiffScanOptions): Finding[] {
  return runScan(index, {
    ...(options.config ? { config: options.config } : {}),
    includeBuiltin: options.includeBuiltin === true,
    today: options.today,
    tool: { name: 'rbac-atlas', version: 'diff' },
    source: '',
  }).findings;
}

/** Findings of AFTER that BEFORE lacks (added) and the reverse (resolved), by id, each in scan order. */
export function diffFindings(before: readonly Finding[], after: readonly Finding[]): FindingsDiff {
  const beforeIds = new Set(before.map((f) => f.id));
  const afterIds = new Set(after.map((f) => f.id));
  return {
    added: after.filter((f) => !beforeIds.has(f.id)),
    resolved: before.filter((f) => !afterIds.has(f.id)),
  };
}

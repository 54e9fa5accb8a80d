// Change review: what a change does to who may do what (`rbac-atlas diff`, later the web's "try a
// change"). Pure: two indexed snapshots in, the permission change of every subject and the findings
// added and resolved out.
import type { AtlasIndex } from '../query-index';
import { diffAccess } from './access';
import { diffFindings, scanForDiff, type DiffScanOptions } from './findings';
import type { DiffResult } from './types';

export function diffSnapshots(before: AtlasIndex, after: AtlasIndex, options: DiffScanOptions): DiffResult {
  const access = diffAccess(before, after);
  const findings = diffFindings(scanForDiff(before, options), scanForDiff(after, options));
  return { ...access, findings };
}

export { diffAccess, compareDiffRules } from './access';
export { diffFindings, scanForDiff, type DiffScanOptions } from './findings';
export { overlaySnapshot } from './overlay';
export * from './types';

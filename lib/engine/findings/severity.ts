// Severity arithmetic and the scan exit code (a pure function of the findings and --fail-on).
import { SEVERITIES, type Finding, type Severity } from './types';

/** The position of `s` in SEVERITIES (-1 for anything else); a switch, not indexOf: scans rank severities in their inner loops. */
export function severityRank(s: Severity): number {
  switch (s) {
    case 'low':
      return 0;
    case 'medium':
      return 1;
    case 'high':
      return 2;
    case 'critical':
      return 3;
    default:
      return -1;
  }
}

export function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

/** One step up or down, clamped to low..critical. */
export function shiftSeverity(s: Severity, steps: number): Severity {
  const i = Math.min(SEVERITIES.length - 1, Math.max(0, severityRank(s) + steps));
  return SEVERITIES[i]!;
}

export function atLeast(s: Severity, threshold: Severity): boolean {
  return severityRank(s) >= severityRank(threshold);
}

/** Sort key: critical first. */
export function compareSeverityDesc(a: Severity, b: Severity): number {
  return severityRank(b) - severityRank(a);
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 2;

/**
 * Exit code of `rbac-atlas scan`: 2 when some reported finding is at or above `failOn`, else 0.
 * Without `failOn` the scan never fails on findings.
 */
export function scanExitCode(findings: readonly Pick<Finding, 'severity'>[], failOn: Severity | undefined): number {
  if (failOn === undefined) return EXIT_OK;
  return findings.some((f) => atLeast(f.severity, failOn)) ? EXIT_FINDINGS : EXIT_OK;
}

export function countBySeverity(findings: readonly Pick<Finding, 'severity'>[]): Record<Severity, number> {
  const out: Record<Severity, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

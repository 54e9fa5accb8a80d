// The web app's side of the scan pipeline: the same `.rbac-atlas.yaml` as `rbac-atlas scan` and the
// same function from snapshot + config to report (lib/engine/findings/scan.ts). Pages, the findings
// API and its downloads all start here, so the browser shows what CI reports.
//
// Which config: RBAC_ATLAS_CONFIG, set by `rbac-atlas serve` (--config FILE, --no-config, or
// `.rbac-atlas.yaml` in the directory serve was started in; empty means none), else
// `.rbac-atlas.yaml` in the server's working directory (npm start). The file is read on every
// scan, so an edit applies on the next page load; the expensive analysis is cached per snapshot and
// per severity/namespace settings (store.ts).
import 'server-only';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { findingKindOf } from '../engine/findings/catalog';
import type { FindingsConfig } from '../engine/findings/config';
import type { ScanReport } from '../engine/findings/report';
import { isoDay, scanReport } from '../engine/findings/scan';
import type { Finding, FindingKind, FindingsResult } from '../engine/findings/types';
import { AtlasError, isAtlasError } from '../errors';
import { findingsConfigPath, readFindingsConfig } from '../load/findings-config';
import { version } from '../../package.json';
import { findingsOf, type WebSource } from './store';

export const CONFIG_ENV = 'RBAC_ATLAS_CONFIG';

export interface WebScanConfig {
  /** the file read, if any */
  file?: string;
  config?: FindingsConfig;
  /** identifies the file's content (cache keys) */
  fingerprint: string;
}

/** The config file the web app uses (absolute), or undefined for none. */
export function webConfigPath(env: Readonly<Record<string, string | undefined>> = process.env, cwd = process.cwd()): string | undefined {
  const raw = env[CONFIG_ENV];
  if (raw === undefined) {
    const found = findingsConfigPath(undefined, cwd);
    return found === undefined ? undefined : path.resolve(cwd, found);
  }
  return raw.trim() === '' ? undefined : path.resolve(cwd, raw);
}

/** A config file that cannot be read or parsed: the server's configuration is wrong, not the request. */
function configError(e: unknown): never {
  if (isAtlasError(e)) throw new AtlasError('usage', `the scan configuration cannot be used: ${e.message}`, { httpStatus: 500, config: true });
  throw e;
}

export function webScanConfig(env: Readonly<Record<string, string | undefined>> = process.env, cwd = process.cwd()): WebScanConfig {
  const file = webConfigPath(env, cwd);
  if (file === undefined) return { fingerprint: 'none' };
  let config: FindingsConfig;
  try {
    config = readFindingsConfig(file);
  } catch (e) {
    configError(e);
  }
  return { file, config, fingerprint: createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16) };
}

export interface ScanChoice {
  /** --include-builtin */
  includeBuiltin?: boolean;
  /** --kind */
  kind?: string;
}

export interface SourceScan {
  report: ScanReport;
  /** every finding, built-in and suppressed ones included (a finding's page can be opened from anywhere) */
  analysis: FindingsResult;
  config: WebScanConfig;
  today: string;
}

/** `rbac-atlas scan [--include-builtin] [--kind K]` of a web source, with the web app's config. */
export function scanSource(source: WebSource, choice: ScanChoice = {}, now = new Date()): SourceScan {
  const config = webScanConfig();
  const analysis = findingsOf(source, config.config);
  const kind: FindingKind | undefined = choice.kind ? findingKindOf(choice.kind) : undefined;
  const today = isoDay(now);
  const report = scanReport(analysis, {
    ...(config.config ? { config: config.config } : {}),
    includeBuiltin: choice.includeBuiltin === true,
    ...(kind ? { kinds: [kind] } : {}),
    today,
    tool: { name: 'rbac-atlas', version },
    source: source.summary.name,
  });
  return { report, analysis, config, today };
}

const reported = new WeakMap<FindingsResult, { key: string; findings: Finding[] }>();

/**
 * The reported findings (no built-in ones, suppressions applied) for the risk marks of pages other than
 * Findings; none when the config file is broken (the Findings page says why).
 */
export function reportedFindings(source: WebSource): Finding[] {
  try {
    // kept per analysis, config and day: pages and the subjects list ask on every request, and the
    // report applies the suppressions to every finding (hundreds of ms on large clusters)
    const config = webScanConfig();
    const analysis = findingsOf(source, config.config);
    const key = `${config.fingerprint} ${isoDay(new Date())}`;
    const kept = reported.get(analysis);
    if (kept?.key === key) return kept.findings;
    const findings = scanSource(source).report.findings;
    reported.set(analysis, { key, findings });
    return findings;
  } catch (e) {
    if (isAtlasError(e) && e.details?.config === true) return [];
    throw e;
  }
}

/** One finding by id, built-in and suppressed ones included (the explorer's ?finding=ID). */
export function findingById(source: WebSource, id: string): Finding | undefined {
  return scanSource(source).analysis.findings.find((f) => f.id === id);
}

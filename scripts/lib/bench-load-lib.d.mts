// Types for bench-load-lib.mjs, for its unit test.
export interface ClusterNames {
  namespaces: string[];
  serviceAccounts: string[];
  users: string[];
  groups: string[];
  names: string[];
}
export interface MixEntry {
  cls: string;
  path: string;
}
export interface PhaseSummary {
  requests: number;
  rps: number;
  durationS: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}
export declare const VERBS: string[];
export declare const RESOURCES: string[];
export declare const PRESETS: string[];
export declare const QUERY_CLASSES: Record<string, (rand: () => number, names: ClusterNames) => string>;
export declare const MIXED: Record<string, number>;
export declare const CHEAP: Record<string, number>;
export declare const EXPENSIVE: Record<string, number>;
export declare function clusterNames(list: { items?: unknown[] }): ClusterNames;
export declare function buildMix(names: ClusterNames, weights: Record<string, number>, count: number, seed: number): MixEntry[];
export declare function distinct(mix: MixEntry[]): number;
export declare function summarize(result: unknown): PhaseSummary;
export declare function round(x: number, digits?: number): number;
export declare function growthPercent(after1: number, after2: number): number;
export declare function readRss(pid: number): { rssMiB: number; hwmMiB: number };
export declare function nextServerPid(pid: number): number;
export declare function formatTable(rows: { name: string; s: PhaseSummary }[]): string;
export declare function verdicts(r: { run1: PhaseSummary; run2: PhaseSummary; growth: number; cheapAlone?: PhaseSummary; cheapUnderLoad?: PhaseSummary }): { goal: string; ok: boolean }[];
export declare function freePortOnLoopback(): Promise<number>;

// Builders for path tests (objects for snapshotOf) and a compact rendering of a path, so that each
// case is one line: `create-pods>ServiceAccount:app/admin | privileged-pod>node:n1`.
import { indexOf, sa as saObject } from './engine';
import { parseSubjectSpec } from '../lib/engine/subjects';
import type { SubjectRef } from '../lib/engine/types';
import { findPaths } from '../lib/engine/paths/index';
import type { Path, PathsAnswer, PathStep, Sink } from '../lib/engine/paths/types';

export function namespace(name: string, enforce?: string) {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: enforce === undefined ? {} : { 'pod-security.kubernetes.io/enforce': enforce } } };
}

export function serviceAccount(spec: string, automount?: boolean) {
  const o = saObject(spec) as Record<string, unknown>;
  if (automount !== undefined) o.automountServiceAccountToken = automount;
  return o;
}

export function podRunning(spec: string, serviceAccountName: string, opts: { node?: string; automount?: boolean; phase?: string } = {}) {
  const [ns, name] = spec.split('/') as [string, string];
  const podSpec: Record<string, unknown> = { serviceAccountName };
  if (opts.node !== undefined) podSpec.nodeName = opts.node;
  if (opts.automount !== undefined) podSpec.automountServiceAccountToken = opts.automount;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns }, spec: podSpec, status: { phase: opts.phase ?? 'Running' } };
}

export function tokenSecret(spec: string, serviceAccountName: string, opts: { type?: string; invalidSince?: string } = {}) {
  const [ns, name] = spec.split('/') as [string, string];
  const labels = opts.invalidSince ? { 'kubernetes.io/legacy-token-invalid-since': opts.invalidSince } : {};
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: ns, labels, annotations: { 'kubernetes.io/service-account.name': serviceAccountName } },
    type: opts.type ?? 'kubernetes.io/service-account-token',
    data: { token: 'bm90LWEtcmVhbC10b2tlbg==' },
  };
}

export function subjectOf(spec: string): SubjectRef {
  const parsed = parseSubjectSpec(spec);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}

export function answerFor(objects: unknown[], from: string | undefined, sinks?: Sink[]): PathsAnswer {
  return findPaths(indexOf(...objects), { ...(from ? { from: subjectOf(from) } : {}), ...(sinks ? { sinks } : {}) });
}

export function stepText(s: PathStep): string {
  const target = s.as ? `${s.as.kind}:${s.as.namespace ? `${s.as.namespace}/` : ''}${s.as.name}` : `node:${s.node}`;
  return `${s.technique}>${target}`;
}

export function pathText(p: Path | undefined): string | null {
  return p === undefined ? null : p.steps.map(stepText).join(' | ');
}

/** The path from `from` to `sink` as text ("" = already holds it, null = no path). */
export function shortest(objects: unknown[], from: string, sink: Sink = 'cluster-admin'): string | null {
  return pathText(answerFor(objects, from, [sink]).paths[0]);
}

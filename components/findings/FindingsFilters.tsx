'use client';

// The filters of the Findings view: severity, kind, namespace, free text, and the built-in switch.
// Each change replaces the URL (the view's state); the server renders the table again.
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { CLUSTER_NS } from '@/lib/url-params';
import type { Params } from '../query/url';
import { findingsHref } from './url';

export interface FindingsFiltersProps {
  kinds: { id: string; title: string; count: number }[];
  scopes: string[];
  hiddenBuiltin: number;
  matched: number;
  total: number;
}

const SEVERITY_CHOICES = [
  ['', 'All severities'],
  ['critical', 'Critical'],
  ['critical,high', 'High and critical'],
  ['high', 'High'],
  ['medium', 'Medium'],
  ['low', 'Low'],
] as const;

const field = 'h-8 rounded border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-900';
const labelCls = 'flex flex-col gap-0.5 text-[11px] font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400';

export function FindingsFilters({ kinds, scopes, hiddenBuiltin, matched, total }: FindingsFiltersProps) {
  const router = useRouter();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const current = Object.fromEntries(params.entries());
  const builtin = params.get('builtin') === '1';
  const [text, setText] = useState(current.q ?? '');
  const filtered = Boolean(current.sev || current.kind || current.ns || current.q);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const apply = (changes: Params) => {
    const href = findingsHref(Object.fromEntries(params.entries()), { ...changes, all: null });
    startTransition(() => router.replace(href, { scroll: false }));
  };
  const applyText = (q: string) => {
    setText(q);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => apply({ q: q.trim() || null }), 300);
  };
  const clear = () => {
    if (timer.current) clearTimeout(timer.current);
    setText('');
    apply({ sev: null, kind: null, ns: null, q: null });
  };

  return (
    <form role="search" aria-label="Filter findings" className="flex flex-wrap items-end gap-2" onSubmit={(e) => e.preventDefault()}>
      <label className={labelCls}>
        Severity
        <select aria-label="Severity" key={current.sev ?? ''} className={`${field} w-40`} defaultValue={current.sev ?? ''} onChange={(e) => apply({ sev: e.target.value || null })}>
          {SEVERITY_CHOICES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </label>
      <label className={labelCls}>
        Kind
        <select aria-label="Kind" key={current.kind ?? ''} className={`${field} w-60`} defaultValue={current.kind ?? ''} onChange={(e) => apply({ kind: e.target.value || null })}>
          <option value="">All kinds</option>
          {kinds.map((k) => <option key={k.id} value={k.id}>{k.title} ({k.count})</option>)}
        </select>
      </label>
      <label className={labelCls}>
        Namespace
        <select aria-label="Namespace" key={current.ns ?? ''} className={`${field} w-44`} defaultValue={current.ns ?? ''} onChange={(e) => apply({ ns: e.target.value || null })}>
          <option value="">All namespaces</option>
          {scopes.map((s) => <option key={s} value={s === 'cluster' ? CLUSTER_NS : s}>{s === 'cluster' ? 'Cluster-wide' : s}</option>)}
        </select>
      </label>
      <label className={labelCls}>
        Text
        <input
          type="search"
          aria-label="Text"
          value={text}
          placeholder="subject, binding, message"
          className={`${field} w-56`}
          onChange={(e) => applyText(e.target.value)}
        />
      </label>
      <label className="flex h-8 items-center gap-1.5 text-sm" title="Findings that come only from Kubernetes' own bootstrap policy (system:* roles and bindings), hidden by default as in `rbac-atlas scan`">
        <input type="checkbox" key={String(builtin)} defaultChecked={builtin} onChange={(e) => apply({ builtin: e.target.checked ? '1' : null })} />
        Include built-in
        {!builtin && hiddenBuiltin > 0 ? <span className="text-xs text-slate-500">({hiddenBuiltin} hidden)</span> : null}
      </label>
      {filtered ? (
        <button type="button" onClick={clear} className="h-8 rounded px-2 text-sm text-sky-700 hover:underline dark:text-sky-300">
          Clear filters
        </button>
      ) : null}
      <span className="h-8 flex-1" />
      <p role="status" className="flex h-8 items-center text-sm text-slate-600 dark:text-slate-300" data-testid="findings-matched">
        {pending ? 'Updating…' : matched === total ? `${total} ${total === 1 ? 'finding' : 'findings'}` : `${matched} of ${total} findings`}
      </p>
    </form>
  );
}

'use client';

// The access matrix of a namespace (subjects x common resources, the verbs allowed in each cell), as
// `access-matrix -o json` prints it. The namespace's own subjects come first, then those of
// cluster-wide bindings; within each, the riskiest first. Risky cells are coloured and say why;
// the column headers and subject names stay in view while scrolling. Each verb opens the graph of
// who can do it there, focused on that subject's paths.
import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { MatrixJson } from '@/lib/format/json';
import { cellRisk, MATRIX_RISK_INFO, riskWeight, verbsText, type MatrixRisk } from '@/lib/service/matrix-risk';
import type { MatrixSubjectInfo } from '@/lib/service/namespaces';
import { KindBadge } from '../ui/KindBadge';
import { RiskChips } from './RiskChips';

const MAX_ROWS = 300;

interface Row {
  id: string;
  info: MatrixSubjectInfo;
  label: string;
  cells: Record<string, string[]>;
}

const CELL_CLASS: Record<'high' | 'medium', string> = {
  high: 'bg-rose-50 text-rose-900 shadow-[inset_3px_0_0_0] shadow-rose-600 dark:bg-rose-950/60 dark:text-rose-100',
  medium: 'bg-amber-50 text-amber-950 shadow-[inset_3px_0_0_0] shadow-amber-500 dark:bg-amber-950/50 dark:text-amber-100',
};

function subjectLabel(s: MatrixSubjectInfo['subject']): string {
  return s.namespace ? `${s.namespace}/${s.name}` : s.name;
}

export function AccessMatrix({ matrix, subjects }: { matrix: MatrixJson; subjects: Record<string, MatrixSubjectInfo> }) {
  const [filter, setFilter] = useState('');
  const [localOnly, setLocalOnly] = useState(false);
  const ns = matrix.namespace;

  const all = useMemo(() => {
    const cellsById = new Map(matrix.rows.map((r) => [r.id, r.cells]));
    // the matrix's order (kind, namespace, name) breaks ties
    const order = new Map(Object.keys(subjects).map((id, i) => [id, i]));
    return Object.entries(subjects)
      .map(([id, info]): Row => ({ id, info, label: subjectLabel(info.subject), cells: cellsById.get(id) ?? {} }))
      .sort((a, b) => Number(b.info.local) - Number(a.info.local) || riskWeight(b.info.risks) - riskWeight(a.info.risks) || order.get(a.id)! - order.get(b.id)!);
  }, [matrix, subjects]);

  const rows = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return all.filter((r) => (!localOnly || r.info.local) && (!f || r.label.toLowerCase().includes(f) || r.info.risks.some((k) => MATRIX_RISK_INFO[k].label.includes(f))));
  }, [all, filter, localOnly]);
  const shown = rows.slice(0, MAX_ROWS);
  const local = shown.filter((r) => r.info.local);
  const other = shown.filter((r) => !r.info.local);
  const used = matrix.resources.filter((r) => all.some((row) => row.cells[r]));
  const localCount = all.filter((r) => r.info.local).length;

  if (all.length === 0) return <p className="text-sm text-slate-500">No subject holds any of the common permissions in this namespace.</p>;
  const groupRow = (text: string, n: number) => (
    <tr className="bg-slate-100 dark:bg-slate-800">
      <th scope="rowgroup" colSpan={used.length + 2} className="sticky left-0 px-2 py-1 text-left text-xs font-semibold text-slate-700 dark:text-slate-200">
        {text} ({n})
      </th>
    </tr>
  );
  return (
    <div className="flex flex-col gap-2">
      <MatrixLegend />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <input
          type="search"
          aria-label="Filter matrix subjects"
          placeholder="Filter subjects or powers (e.g. secrets)"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="h-8 w-72 rounded border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-900"
        />
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={localOnly} onChange={(e) => setLocalOnly(e.target.checked)} />
          Only subjects bound in {ns} ({localCount})
        </label>
        <span className="text-slate-500" data-testid="matrix-count">{rows.length} of {all.length} subjects</span>
      </div>
      <div className="max-h-[calc(100vh-9rem)] overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="border-separate border-spacing-0 text-left text-xs" aria-label={`Access matrix of ${ns}`}>
          <thead className="sticky top-0 z-20 bg-slate-50 text-slate-600 dark:bg-slate-900 dark:text-slate-300">
            <tr>
              <th scope="col" className="sticky left-0 z-30 min-w-[15rem] border-b border-slate-200 bg-slate-50 px-2 py-1.5 font-semibold dark:border-slate-700 dark:bg-slate-900">Subject</th>
              <th scope="col" className="min-w-[19rem] border-b border-slate-200 px-2 py-1.5 font-semibold dark:border-slate-700">Risky powers here</th>
              {used.map((r) => (
                <th key={r} scope="col" className="min-w-[7.5rem] border-b border-l border-slate-200 px-2 py-1.5 font-mono font-semibold dark:border-slate-700">{r}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {local.length ? groupRow(`Bound in ${ns}: its service accounts and the subjects of its RoleBindings`, local.length) : null}
            {local.map((row) => <MatrixRow key={row.id} row={row} used={used} ns={ns} verbs={matrix.verbs} />)}
            {other.length ? groupRow('From ClusterRoleBindings only (their grants hold in every namespace)', other.length) : null}
            {other.map((row) => <MatrixRow key={row.id} row={row} used={used} ns={ns} verbs={matrix.verbs} />)}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-500">
        Each verb opens the graph of its grant path. Only bindings that name a subject directly count (a service account&apos;s groups are in the Subjects view).{' '}
        {matrix.omitted} subjects with bindings here hold none of these permissions.
        {rows.length > MAX_ROWS ? ` First ${MAX_ROWS} of ${rows.length} subjects shown: filter, or export the CSV for all.` : ''}
      </p>
    </div>
  );
}

function MatrixRow({ row, used, ns, verbs }: { row: Row; used: string[]; ns: string; verbs: string[] }) {
  return (
    <tr data-subject-id={row.id} data-local={row.info.local ? 'true' : 'false'} className="align-top">
      <th scope="row" className="sticky left-0 z-10 max-w-[18rem] border-b border-slate-100 bg-white px-2 py-1 font-normal dark:border-slate-800 dark:bg-slate-950">
        <span className="flex min-w-0 items-center gap-1.5">
          <KindBadge kind={row.info.subject.kind} short />
          <span className="truncate font-medium" title={row.label}>{row.label}</span>
        </span>
        {row.info.local && row.info.clusterWide ? <span className="text-[11px] text-slate-500">also bound cluster-wide</span> : null}
      </th>
      <td className="border-b border-slate-100 px-2 py-1 dark:border-slate-800"><RiskChips risks={row.info.risks} /></td>
      {used.map((r) => <MatrixCell key={r} subject={row} resource={r} verbs={row.cells[r] ?? []} ns={ns} all={verbs} />)}
    </tr>
  );
}

function MatrixCell({ subject, resource, verbs, ns, all }: { subject: Row; resource: string; verbs: string[]; ns: string; all: string[] }) {
  const risk: MatrixRisk | undefined = verbs.length ? cellRisk(resource, verbs) : undefined;
  const info = risk ? MATRIX_RISK_INFO[risk] : undefined;
  const cls = info ? CELL_CLASS[info.level] : '';
  if (verbs.length === 0) return <td className="border-b border-l border-slate-100 px-2 py-1 dark:border-slate-800" data-resource={resource} />;
  const link = (verb: string, text: string, label: string) => {
    const q = new URLSearchParams({ verb, resource, ns, focus: subject.id, sel: subject.id });
    return (
      <Link key={verb} href={`/?${q}`} prefetch={false} title={`${label}: show the path`} aria-label={`${label}: show the path`} className="rounded px-0.5 underline-offset-2 hover:bg-sky-100 hover:underline dark:hover:bg-sky-900">
        {text}
      </Link>
    );
  };
  const text = verbsText(verbs, all);
  return (
    <td className={`border-b border-l border-slate-100 px-1.5 py-1 dark:border-slate-800 ${cls}`} data-resource={resource} data-risk={risk}>
      {info ? <span className="sr-only">Risky, {info.label}: </span> : null}
      <span className="flex flex-wrap gap-x-1" title={info ? `${info.label}: ${subject.label} ${info.why}` : undefined}>
        {text === 'all verbs'
          ? link(verbs[0]!, 'all verbs', `${subject.label} can do every verb on ${resource}`)
          : verbs.map((v) => link(v, v, `${subject.label} can ${v} ${resource}`))}
      </span>
    </td>
  );
}

function MatrixLegend() {
  return (
    <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-300" aria-label="Matrix legend">
      <span className="flex items-center gap-1.5"><span aria-hidden="true" className="inline-block h-3.5 w-5 rounded-sm border-l-[3px] border-rose-600 bg-rose-100 dark:bg-rose-950" />High risk: reads secrets, exec/attach/port-forward, mints tokens, changes RBAC</span>
      <span className="flex items-center gap-1.5"><span aria-hidden="true" className="inline-block h-3.5 w-5 rounded-sm border-l-[3px] border-amber-500 bg-amber-100 dark:bg-amber-950" />Runs workloads (as any service account of the namespace)</span>
      <span>&ldquo;all verbs&rdquo;: get list watch create update patch delete deletecollection</span>
    </p>
  );
}

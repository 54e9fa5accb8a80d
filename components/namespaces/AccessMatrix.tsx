'use client';

// The access matrix of a namespace (subjects x common resources, the verbs allowed in each cell),
// drawn from the compact MatrixGrid the page sends (a cell is a bit mask of verbs). The namespace's
// own subjects come first, then those of cluster-wide bindings; within each, the riskiest first.
// Risky cells are coloured and say why; the column headers and subject names stay in view while
// scrolling. Each verb opens the graph of who can do it there, focused on that subject's paths.
//
// What the server draws is kept small (the page must stay well under 300 KB on namespaces with
// hundreds of subjects): its HTML holds the first FIRST_ROWS rows with the verbs as plain words; once
// the page runs in the browser, every row is drawn and each verb becomes a link (built here, not sent).
import { useRouter } from 'next/navigation';
import { useDeferredValue, useMemo, useState, type MouseEvent } from 'react';
import { cellRisk, MATRIX_RISK_INFO, verbsText, type MatrixRisk } from '@/lib/service/matrix-risk';
import type { MatrixGrid, MatrixGridRow } from '@/lib/service/namespaces';
import { FilterBox } from '../answer/ExportLinks';
import { KindBadge } from '../ui/KindBadge';
import { RiskChips } from './RiskChips';

/** Rows drawn at most (filter, or export the CSV, for the rest). */
const MAX_ROWS = 300;
/** Rows in the server's HTML: about a screenful. */
export const FIRST_ROWS = 20;

// cells are styled from the table body (one class list, not one per cell): the HTML stays small
const BODY_CLASS = [
  '[&_td]:border-b [&_td]:border-slate-100 [&_td]:px-1.5 [&_td]:py-1 dark:[&_td]:border-slate-800',
  '[&_td+td]:border-l',
  '[&_td[data-level=high]]:bg-rose-50 [&_td[data-level=high]]:text-rose-900 [&_td[data-level=high]]:shadow-[inset_3px_0_0_0] [&_td[data-level=high]]:shadow-rose-600',
  'dark:[&_td[data-level=high]]:bg-rose-950/60 dark:[&_td[data-level=high]]:text-rose-100',
  '[&_td[data-level=medium]]:bg-amber-50 [&_td[data-level=medium]]:text-amber-950 [&_td[data-level=medium]]:shadow-[inset_3px_0_0_0] [&_td[data-level=medium]]:shadow-amber-500',
  'dark:[&_td[data-level=medium]]:bg-amber-950/50 dark:[&_td[data-level=medium]]:text-amber-100',
  '[&_a]:rounded [&_a]:px-0.5 [&_a]:underline-offset-2 [&_a:hover]:bg-sky-100 [&_a:hover]:underline dark:[&_a:hover]:bg-sky-900',
].join(' ');

interface Row {
  id: string;
  kind: string;
  /** `name`, or `namespace/name` for a service account */
  label: string;
  grid: MatrixGridRow;
}

/** A NodeId's kind and label ("Kind/name" or "ServiceAccount/namespace/name"). */
function splitId(id: string): { kind: string; label: string } {
  const slash = id.indexOf('/');
  return { kind: id.slice(0, slash), label: id.slice(slash + 1) };
}

/** The verbs of a bit mask, in the matrix's order. */
function maskVerbs(mask: number, verbs: readonly string[]): string[] {
  return verbs.filter((_, i) => mask & (1 << i));
}

/** The who-can question of a verb of a cell, focused on the subject (the explorer's URL). */
function cellHref(ns: string, subject: string, verb: string, resource: string): string {
  return `/?${new URLSearchParams({ verb, resource, ns, focus: subject, sel: subject })}`;
}

export function AccessMatrix({ matrix }: { matrix: MatrixGrid }) {
  const router = useRouter();
  const [filter, setFilter] = useState('');
  const [localOnly, setLocalOnly] = useState(false);
  // false in the server's HTML and the first render in the browser, then true (drawn in the background)
  const live = useDeferredValue(true, false);
  const ns = matrix.namespace;
  const all = useMemo(() => matrix.rows.map((grid): Row => ({ id: grid.id, ...splitId(grid.id), grid })), [matrix]);
  const rows = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return all.filter((r) => (!localOnly || r.grid.local) && (!f || r.label.toLowerCase().includes(f) || r.grid.risks.some((k) => MATRIX_RISK_INFO[k].label.includes(f))));
  }, [all, filter, localOnly]);
  const shown = rows.slice(0, live ? MAX_ROWS : FIRST_ROWS);
  const local = shown.filter((r) => r.grid.local);
  const other = shown.filter((r) => !r.grid.local);
  const localCount = useMemo(() => all.filter((r) => r.grid.local).length, [all]);

  // one handler for every verb link: a plain click navigates in the app (new tab and the like stay the browser's)
  const onClick = (e: MouseEvent<HTMLTableSectionElement>) => {
    const a = (e.target as Element).closest('a');
    if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    router.push(a.getAttribute('href')!);
  };

  if (all.length === 0) return <p className="text-sm text-slate-500">No subject holds any of the common permissions in this namespace.</p>;
  const groupRow = (text: string, n: number) => (
    <tr className="bg-slate-100 dark:bg-slate-800">
      <th scope="rowgroup" colSpan={matrix.resources.length + 2} className="sticky left-0 px-2 py-1 text-left text-xs font-semibold text-slate-700 dark:text-slate-200">
        {text} ({n})
      </th>
    </tr>
  );
  const drawRow = (row: Row) => <MatrixRow key={row.id} row={row} matrix={matrix} live={live} />;
  return (
    <div className="flex flex-col gap-2">
      <MatrixLegend />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <div className="w-72">
          <FilterBox label="Filter matrix subjects" value={filter} onChange={setFilter} shown={rows.length} total={all.length} />
        </div>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={localOnly} onChange={(e) => setLocalOnly(e.target.checked)} />
          Only subjects bound in {ns} ({localCount})
        </label>
        {filter ? null : <span className="text-slate-500" data-testid="matrix-count">{rows.length} of {all.length} subjects</span>}
      </div>
      <div className="max-h-[calc(100vh-9rem)] overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="border-separate border-spacing-0 text-left text-xs" aria-label={`Access matrix of ${ns}`}>
          <thead className="sticky top-0 z-20 bg-slate-50 text-slate-600 dark:bg-slate-900 dark:text-slate-300">
            <tr>
              <th scope="col" className="sticky left-0 z-30 min-w-[15rem] border-b border-slate-200 bg-slate-50 px-2 py-1.5 font-semibold dark:border-slate-700 dark:bg-slate-900">Subject</th>
              <th scope="col" className="min-w-[19rem] border-b border-slate-200 px-2 py-1.5 font-semibold dark:border-slate-700">Risky powers here</th>
              {matrix.resources.map((r) => (
                <th key={r} scope="col" className="min-w-[7.5rem] border-b border-l border-slate-200 px-2 py-1.5 font-mono font-semibold dark:border-slate-700">{r}</th>
              ))}
            </tr>
          </thead>
          <tbody className={BODY_CLASS} onClick={onClick}>
            {local.length ? groupRow(`Bound in ${ns}: its service accounts and the subjects of its RoleBindings`, local.length) : null}
            {local.map(drawRow)}
            {other.length ? groupRow('From ClusterRoleBindings only (their grants hold in every namespace)', other.length) : null}
            {other.map(drawRow)}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-500">
        Each verb opens the graph of its grant path. Only bindings that name a subject directly count (a service account&apos;s groups are in the Subjects view).{' '}
        {matrix.omitted} subjects with bindings here hold none of these permissions.
        {rows.length > shown.length ? ` First ${shown.length} of ${rows.length} subjects shown${live ? ': filter, or export the CSV for all' : ''}.` : ''}
      </p>
    </div>
  );
}

function MatrixRow({ row, matrix, live }: { row: Row; matrix: MatrixGrid; live: boolean }) {
  return (
    <tr data-subject-id={row.id} data-local={row.grid.local ? 'true' : 'false'} className="align-top">
      <th scope="row" className="sticky left-0 z-10 max-w-[18rem] border-b border-slate-100 bg-white px-2 py-1 font-normal dark:border-slate-800 dark:bg-slate-950">
        <span className="flex min-w-0 items-center gap-1.5">
          <KindBadge kind={row.kind} short />
          <span className="truncate font-medium" title={row.label}>{row.label}</span>
        </span>
        {row.grid.local && row.grid.clusterWide ? <span className="text-[11px] text-slate-500">also bound cluster-wide</span> : null}
      </th>
      <td><RiskChips risks={row.grid.risks} /></td>
      {matrix.resources.map((r, i) => <MatrixCell key={r} row={row} resource={r} mask={row.grid.cells[i] ?? 0} matrix={matrix} live={live} />)}
    </tr>
  );
}

function MatrixCell({ row, resource, mask, matrix, live }: { row: Row; resource: string; mask: number; matrix: MatrixGrid; live: boolean }) {
  if (mask === 0) return <td data-resource={resource} />;
  const verbs = maskVerbs(mask, matrix.verbs);
  const risk: MatrixRisk | undefined = cellRisk(resource, verbs);
  const info = risk ? MATRIX_RISK_INFO[risk] : undefined;
  const text = verbsText(verbs, matrix.verbs);
  // the server's HTML: the words alone
  if (!live) return <td data-resource={resource} data-risk={risk} data-level={info?.level}>{text}</td>;
  const verb = (v: string, word: string, label: string) => (
    <a key={v} href={cellHref(matrix.namespace, row.id, v, resource)} title={`${label}: show the path`} aria-label={`${label}: show the path`}>
      {word}
    </a>
  );
  return (
    <td data-resource={resource} data-risk={risk} data-level={info?.level}>
      {info ? <span className="sr-only">Risky, {info.label}: </span> : null}
      <span className="flex flex-wrap gap-x-1" title={info ? `${info.label}: ${row.label} ${info.why}` : undefined}>
        {text === 'all verbs' ? verb(verbs[0]!, 'all verbs', `${row.label} can do every verb on ${resource}`) : verbs.map((v) => verb(v, v, `${row.label} can ${v} ${resource}`))}
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

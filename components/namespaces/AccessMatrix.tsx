// The access matrix of a namespace (subjects x common resources, verbs per cell), as
// `access-matrix -o json` prints it. Each verb links to the graph of who can do it there, focused on
// that subject's paths.
import Link from 'next/link';
import { nodeId } from '@/lib/engine/graph';
import type { MatrixJson } from '@/lib/format/json';
import { KindBadge } from '../ui/KindBadge';

const ABBREV: Record<string, string> = { get: 'g', list: 'l', watch: 'w', create: 'c', update: 'u', patch: 'p', delete: 'd', deletecollection: 'D' };
const MAX_ROWS = 300;

export function AccessMatrix({ matrix }: { matrix: MatrixJson }) {
  const used = matrix.resources.filter((r) => matrix.rows.some((row) => row.cells[r]));
  const rows = matrix.rows.slice(0, MAX_ROWS);
  if (rows.length === 0) return <p className="text-sm text-slate-500">No subject holds any of the common permissions in this namespace.</p>;
  return (
    <div>
      <div className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="text-left text-xs" aria-label={`Access matrix of ${matrix.namespace}`}>
          <thead className="sticky top-0 z-10 bg-slate-50 text-slate-500 dark:bg-slate-900 dark:text-slate-400">
            <tr>
              <th className="sticky left-0 bg-slate-50 px-2 py-1 font-medium dark:bg-slate-900">Subject</th>
              {used.map((r) => (
                <th key={r} className="whitespace-nowrap px-2 py-1 font-mono font-medium">{r}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const id = nodeId(row.subject);
              const label = row.subject.namespace ? `${row.subject.namespace}/${row.subject.name}` : row.subject.name;
              return (
                <tr key={id} className="border-t border-slate-100 dark:border-slate-800" data-subject-id={id}>
                  <th scope="row" className="sticky left-0 max-w-[16rem] bg-white px-2 py-1 font-normal dark:bg-slate-950">
                    <span className="flex min-w-0 items-center gap-1.5"><KindBadge kind={row.subject.kind} short /><span className="truncate" title={label}>{label}</span></span>
                  </th>
                  {used.map((r) => (
                    <td key={r} className="px-2 py-1 font-mono" data-resource={r}>
                      {(row.cells[r] ?? []).map((verb) => {
                        const q = new URLSearchParams({ verb, resource: r, ns: matrix.namespace, focus: id, sel: id });
                        return (
                          <Link key={verb} href={`/?${q}`} prefetch={false} title={`${verb} ${r}: show the path`} aria-label={`${label} can ${verb} ${r}: show the path`} className="mr-0.5 rounded px-0.5 text-sky-700 hover:bg-sky-100 dark:text-sky-300 dark:hover:bg-sky-900">
                            {ABBREV[verb] ?? verb}
                          </Link>
                        );
                      })}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="mt-1 text-xs text-slate-500">
        g=get l=list w=watch c=create u=update p=patch d=delete D=deletecollection · each letter opens the graph path ·{' '}
        {matrix.omitted} subjects with bindings here hold none of these
        {matrix.rows.length > MAX_ROWS ? ` · first ${MAX_ROWS} of ${matrix.rows.length} subjects shown (export for all)` : ''}
      </p>
    </div>
  );
}

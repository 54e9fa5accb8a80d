// The details of one object: related links, its rules (matching ones highlighted) and its YAML.
// No hooks: rendered by the details panel (client) and the object page (server) alike.
import Link from 'next/link';
import type { ObjectDetail, RuleRow } from '@/lib/service/objects';
import { describeId, hrefFor } from '../links';
import { KindBadge } from '../ui/KindBadge';

export interface ObjectDetailsProps {
  detail: ObjectDetail;
  /** rule indexes that match the current question */
  matchedRules?: readonly number[];
  /** when set, related nodes present in the graph are buttons that select them */
  onSelect?: (id: string) => void;
  inGraph?: ReadonlySet<string>;
  /** link to the object's own page (off on that page) */
  showPageLink?: boolean;
}

export function RelatedLink({ id, onSelect, inGraph }: { id: string; onSelect?: (id: string) => void; inGraph?: ReadonlySet<string> }) {
  const d = describeId(id);
  const content = (
    <>
      <KindBadge kind={d.kind} short />
      <span className="truncate">{d.text}</span>
    </>
  );
  const cls = 'inline-flex min-w-0 max-w-full items-center gap-1.5 text-left text-sm text-sky-700 hover:underline dark:text-sky-300';
  if (onSelect && inGraph?.has(id)) {
    return (
      <button type="button" className={cls} onClick={() => onSelect(id)} title={`Select ${id} in the graph`}>
        {content}
      </button>
    );
  }
  return (
    <Link className={cls} href={hrefFor(id)} prefetch={false}>
      {content}
    </Link>
  );
}

export function ObjectDetails({ detail, matchedRules = [], onSelect, inGraph, showPageLink = true }: ObjectDetailsProps) {
  const matched = new Set(matchedRules);
  return (
    <div className="flex flex-col gap-4">
      {detail.related.length > 0 ? (
        <section aria-label="Related">
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Related</h3>
          <ul className="flex flex-col gap-0.5">
            {detail.related.map((r) => (
              <li key={`${r.relation}:${r.id}`} className="flex min-w-0 items-center gap-2">
                <span className="w-20 shrink-0 text-xs text-slate-500 dark:text-slate-400">{r.relation}</span>
                <RelatedLink id={r.id} {...(onSelect ? { onSelect } : {})} {...(inGraph ? { inGraph } : {})} />
              </li>
            ))}
          </ul>
          {detail.relatedTotal > detail.related.length ? (
            <p className="mt-1 text-xs text-slate-500">and {detail.relatedTotal - detail.related.length} more</p>
          ) : null}
        </section>
      ) : null}
      {detail.rules ? (
        <section aria-label="Rules">
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
            Rules {detail.aggregatedFrom ? <span className="font-normal normal-case">(aggregated from {detail.aggregatedFrom.length} roles)</span> : null}
          </h3>
          {matched.size > 0 ? (
            <>
              <p className="mb-1 text-xs text-amber-800 dark:text-amber-300">The rules that answer the question:</p>
              <RulesTable label={`Matching rules of ${detail.kind} ${detail.name}`} rules={detail.rules.filter((r) => matched.has(r.index))} matched={matched} />
              <details className="mt-2">
                <summary className="cursor-pointer text-xs text-slate-600 dark:text-slate-300">All {detail.rules.length} rules</summary>
                <RulesTable label={`Rules of ${detail.kind} ${detail.name}`} rules={detail.rules} matched={matched} />
              </details>
            </>
          ) : (
            <RulesTable label={`Rules of ${detail.kind} ${detail.name}`} rules={detail.rules} matched={matched} />
          )}
        </section>
      ) : null}
      {detail.yaml ? (
        <details open className="group">
          <summary className="cursor-pointer text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">YAML</summary>
          {detail.origin ? <p className="mt-1 truncate text-xs text-slate-500" title={detail.origin}>from {detail.origin}</p> : null}
          <pre aria-label="Object YAML" className="mt-1 max-h-96 overflow-auto rounded bg-slate-50 p-2 font-mono text-[11px] leading-4 text-slate-800 dark:bg-slate-900 dark:text-slate-200">
            {detail.yaml}
          </pre>
        </details>
      ) : (
        <p className="text-sm text-slate-500 dark:text-slate-400">
          {detail.kind === 'User' || detail.kind === 'Group'
            ? `${detail.kind}s are not Kubernetes objects: they exist only as subjects of bindings.`
            : 'This object is referenced but not in the data source.'}
        </p>
      )}
      {showPageLink ? (
      <p className="text-xs text-slate-500">
        <KindBadge kind={detail.kind} /> <Link className="text-sky-700 hover:underline dark:text-sky-300" href={hrefFor(detail.id)} prefetch={false}>Open its own page</Link>
      </p>
      ) : null}
    </div>
  );
}

function RulesTable({ label, rules, matched }: { label: string; rules: RuleRow[]; matched: ReadonlySet<number> }) {
  const names = rules.some((r) => r.resourceNames);
  return (
    <div className="max-h-72 overflow-auto rounded border border-slate-200 dark:border-slate-700">
      <table className="w-full text-left text-xs" aria-label={label}>
        <thead className="sticky top-0 bg-slate-50 text-slate-500 dark:bg-slate-800 dark:text-slate-400">
          <tr>
            <th className="px-2 py-1 font-medium">#</th>
            <th className="px-2 py-1 font-medium">Verbs</th>
            <th className="px-2 py-1 font-medium">Resources / URLs</th>
            {names ? <th className="px-2 py-1 font-medium">Names</th> : null}
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => {
            const isMatch = matched.has(r.index);
            return (
              <tr
                key={r.index}
                data-matched={isMatch ? 'true' : undefined}
                className={`border-t border-slate-100 align-top dark:border-slate-800 ${isMatch ? 'bg-amber-100 font-medium dark:bg-amber-900/40' : ''}`}
              >
                <td className="px-2 py-1 text-slate-500">
                  {r.index}
                  {isMatch ? <span className="sr-only"> (matches the question)</span> : null}
                </td>
                <td className="px-2 py-1 font-mono">{r.verbs}</td>
                <td className="px-2 py-1 font-mono [overflow-wrap:anywhere]">{r.resources}</td>
                {names ? <td className="px-2 py-1 font-mono [overflow-wrap:anywhere]">{r.resourceNames}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

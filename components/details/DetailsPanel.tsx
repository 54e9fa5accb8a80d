'use client';

// The details of the selected graph node: every path through it (as an accessible list), then the
// object itself (YAML, rules with the matching ones highlighted, related links). Group nodes offer
// to expand.
import { useMemo } from 'react';
import { MORE_GROUP } from '@/lib/engine/graph-collapse';
import type { Graph, GraphNode } from '@/lib/engine/graph';
import { pathsThrough } from '@/lib/engine/graph-paths';
import type { ObjectDetail } from '@/lib/service/objects';
import { describeId } from '../links';
import { KindBadge } from '../ui/KindBadge';
import { ErrorMessage, Spinner } from '../ui/States';
import { useJson } from '../ui/useJson';
import { ObjectDetails, RelatedLink } from './ObjectDetails';

export interface DetailsPanelProps {
  graph: Graph;
  node: GraphNode;
  onSelect: (id: string | null) => void;
  onExpand?: (key: string) => void;
  /** namespaces hidden in the "more" group */
  moreNamespaces?: readonly string[];
}

const small = 'rounded border border-slate-300 px-2 py-0.5 text-xs font-medium hover:bg-slate-50 dark:border-slate-600 dark:hover:bg-slate-800';

export function DetailsPanel({ graph, node, onSelect, onExpand, moreNamespaces = [] }: DetailsPanelProps) {
  const d = describeId(node.id);
  const inGraph = useMemo(() => new Set(graph.nodes.map((n) => n.id)), [graph]);
  const paths = useMemo(() => pathsThrough(graph, node.id, 40), [graph, node.id]);
  const isObject = node.kind !== 'Collapsed' && node.kind !== 'Permission';
  const object = useJson<ObjectDetail>(isObject ? `/api/object?id=${encodeURIComponent(node.id)}` : null);

  return (
    <aside
      aria-label="Details"
      className="absolute inset-y-0 right-0 z-10 flex w-[min(400px,90%)] flex-col border-l border-slate-200 bg-white/95 shadow-xl backdrop-blur dark:border-slate-700 dark:bg-slate-950/95"
    >
      <header className="flex items-start gap-2 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <div className="min-w-0 flex-1">
          <KindBadge kind={node.kind === 'Collapsed' ? 'Collapsed' : node.kind} />
          <h2 className="break-words text-base font-semibold" data-testid="details-title">
            {node.kind === 'Collapsed' ? node.label : d.text}
          </h2>
        </div>
        <button type="button" aria-label="Close details" onClick={() => onSelect(null)} className="rounded px-2 text-lg leading-none text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800">
          ×
        </button>
      </header>
      <div className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto px-4 py-3">
        {node.group ? (
          <section aria-label="Group">
            <p className="text-sm text-slate-600 dark:text-slate-300">
              Stands for {node.group.members} nodes:{' '}
              {Object.entries(node.group.kinds).map(([k, n]) => `${n} ${k}`).join(', ')}.
            </p>
            {node.group.expandable && onExpand ? (
              <button type="button" className={`${small} mt-2`} onClick={() => onExpand(node.group!.key)}>
                Expand group
              </button>
            ) : null}
            {node.group.key === MORE_GROUP && onExpand ? (
              <ul aria-label="Namespaces in this group" className="mt-2 flex max-h-64 flex-col gap-1 overflow-y-auto">
                {moreNamespaces.slice(0, 300).map((ns) => (
                  <li key={ns} className="flex items-center justify-between gap-2 text-sm">
                    <span className="truncate">{ns}</span>
                    <button type="button" className={small} onClick={() => onExpand(`ns:${ns}`)}>Expand</button>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        ) : null}
        <section aria-label="Paths">
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
            Paths through this node ({paths.totalCapped ? `${paths.total}+` : paths.total})
          </h3>
          <ol aria-label={`Paths through ${node.id}`} className="flex flex-col gap-1.5">
            {paths.paths.map((path) => (
              <li key={path.join('>')} data-path={path.join(' > ')} className="rounded border border-slate-200 px-2 py-1 dark:border-slate-800">
                <ol className="flex flex-wrap items-center gap-x-1 gap-y-0.5" aria-label="Path">
                  {path.map((id, i) => (
                    <li key={id} className="flex min-w-0 items-center gap-1">
                      {i > 0 ? <span aria-hidden="true" className="text-slate-400">→</span> : null}
                      {id === node.id ? (
                        <span className="truncate text-sm font-semibold">{describeId(id).text}</span>
                      ) : (
                        <RelatedLink id={id} onSelect={onSelect} inGraph={inGraph} />
                      )}
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
          {paths.total > paths.paths.length ? <p className="mt-1 text-xs text-slate-500">{paths.paths.length} of {paths.totalCapped ? `${paths.total}+` : paths.total} shown</p> : null}
        </section>
        {isObject ? (
          object.status === 'ok' ? (
            <ObjectDetails detail={object.data} matchedRules={node.matchedRules ?? []} onSelect={onSelect} inGraph={inGraph} />
          ) : object.status === 'error' ? (
            <ErrorMessage title="Could not load the object">{object.error}</ErrorMessage>
          ) : (
            <Spinner label="Loading object" />
          )
        ) : null}
      </div>
    </aside>
  );
}

'use client';

// The details of the selected graph node, beside the graph: every path through it (as an accessible
// list; a summary's 'holds' edges name their bindings), then the object itself (YAML, rules with the
// matching ones highlighted, related links). Group nodes name their riskiest members and open.
import { useMemo } from 'react';
import { MORE_GROUP } from '@/lib/engine/graph-collapse';
import { RELATION_LABELS, type Graph, type GraphEdge, type GraphNode } from '@/lib/engine/graph';
import { pathsThrough } from '@/lib/engine/graph-paths';
import type { ObjectDetail } from '@/lib/service/objects';
import { describeId } from '../links';
import { nodeText } from '../graph/GraphPanel';
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
  const nodes = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const edges = useMemo(() => new Map(graph.edges.map((e) => [e.id, e])), [graph]);
  const paths = useMemo(() => pathsThrough(graph, node.id, 40), [graph, node.id]);
  const isObject = node.kind !== 'Collapsed' && node.kind !== 'Permission';
  const object = useJson<ObjectDetail>(isObject ? `/api/object?id=${encodeURIComponent(node.id)}` : null);

  return (
    <aside
      aria-label="Details"
      className="flex w-[min(340px,45%)] shrink-0 flex-col border-l border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-950"
    >
      <header className="flex items-start gap-2 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <div className="min-w-0 flex-1">
          <KindBadge kind={node.kind === 'Collapsed' ? 'Collapsed' : node.kind} />
          <h2 className="break-words text-base font-semibold" data-testid="details-title">
            {node.kind === 'Collapsed' || node.kind === 'Permission' ? node.label : d.text}
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
            {node.group.sample?.length ? (
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-300" data-testid="group-sample">
                First of them: {node.group.sample.join(', ')}{node.group.members > node.group.sample.length ? ', …' : ''}
              </p>
            ) : null}
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
                  {path.map((id, i) => {
                    const n = nodes.get(id);
                    const edge = i > 0 ? edges.get(`${path[i - 1]}->${id}`) : undefined;
                    return (
                      <li key={id} className="flex min-w-0 flex-wrap items-center gap-1">
                        {i > 0 ? <EdgeStep edge={edge} onSelect={onSelect} inGraph={inGraph} /> : null}
                        {id === node.id ? (
                          <span className="truncate text-sm font-semibold">{n && (n.kind === 'Collapsed' || n.kind === 'Permission') ? n.label : describeId(id).text}</span>
                        ) : n && (n.kind === 'Collapsed' || n.kind === 'Permission') ? (
                          <button type="button" className="truncate text-left text-sm text-sky-700 hover:underline dark:text-sky-300" onClick={() => onSelect(id)}>
                            {nodeText(n)}
                          </button>
                        ) : (
                          <RelatedLink id={id} onSelect={onSelect} inGraph={inGraph} />
                        )}
                      </li>
                    );
                  })}
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

/** The arrow between two nodes of a path; a summary's 'holds' edge names the bindings it stands for. */
function EdgeStep({ edge, onSelect, inGraph }: { edge: GraphEdge | undefined; onSelect: (id: string | null) => void; inGraph: ReadonlySet<string> }) {
  if (!edge?.via?.length) return <span aria-hidden="true" className="text-slate-400">→</span>;
  const more = (edge.count ?? edge.via.length) - edge.via.length;
  return (
    <span className="flex min-w-0 flex-wrap items-center gap-1 text-xs text-slate-500 dark:text-slate-400" title={RELATION_LABELS[edge.relation]}>
      <span aria-hidden="true" className="text-slate-400">→</span>
      <span>via</span>
      {edge.via.map((b) => (
        <RelatedLink key={b} id={b} onSelect={onSelect} inGraph={inGraph} />
      ))}
      {more > 0 ? <span>and {more} more</span> : null}
      <span aria-hidden="true" className="text-slate-400">→</span>
    </span>
  );
}

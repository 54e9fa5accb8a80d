'use client';

// The landing view below the query bar: answer list, graph and details. View-only state (selection,
// layout, namespace boxes) lives in the URL and is changed with history.replaceState (no server
// round trip); changes to the answer itself (expanded groups, effective view, focus) navigate, and
// the server component renders the new answer.
import { useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useTransition } from 'react';
import type { QueryView } from '@/lib/service/answer-view';
import { AnswerPanel } from './answer/AnswerPanel';
import { DetailsPanel } from './details/DetailsPanel';
import { GraphPanel } from './graph/GraphPanel';
import { isLayoutName, type LayoutName } from './graph/cy/layouts';
import { describeId } from './links';
import { mergeParams, withParams, type Params } from './query/url';

const ANSWER_PARAMS = ['preset', 'verb', 'resource', 'group', 'url', 'name', 'ns', 'effective'];

export function Explorer({ view }: { view: QueryView }) {
  const router = useRouter();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const graph = view.graph.graph;
  // big (collapsed) answers read better as a force-directed overview, paths as layers
  const autoLayout: LayoutName = view.graph.collapsed || graph.nodes.length > 120 ? 'fcose' : 'dagre';
  const layout: LayoutName = isLayoutName(params.get('layout')) ? (params.get('layout') as LayoutName) : autoLayout;
  const compound = params.get('boxes') !== '0';
  const nodeById = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const selectedParam = params.get('sel');
  const selected = selectedParam && nodeById.has(selectedParam) ? selectedParam : null;
  const selectedNode = selected ? nodeById.get(selected) : undefined;

  const replaceView = (changes: Params) => {
    window.history.replaceState(null, '', withParams('/', mergeParams(params, changes)));
  };
  const navigate = (changes: Params) => {
    startTransition(() => router.replace(withParams('/', mergeParams(params, changes)), { scroll: false }));
  };
  const select = (id: string | null) => {
    if (id && !nodeById.has(id)) {
      // hidden inside a collapsed group: show only the paths through it
      navigate({ focus: id, sel: id });
      return;
    }
    replaceView({ sel: id });
  };
  const expand = (key: string) => navigate({ expand: [...view.graph.expanded, key].join(','), sel: null });

  const exportQuery = useMemo(() => {
    const q = new URLSearchParams();
    for (const k of ANSWER_PARAMS) {
      const v = params.get(k);
      if (v) q.set(k, v);
    }
    return q.toString() || 'preset=read-secrets';
  }, [params]);

  const moreGroup = view.graph.groups.find((g) => g.namespaces);
  const g = view.graph;
  const notice =
    g.focus || g.collapsed || pending ? (
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-sky-50 px-3 py-1 text-xs text-sky-900 dark:border-slate-800 dark:bg-sky-950/40 dark:text-sky-100" role="status">
        {pending ? <span>Updating…</span> : null}
        {g.focus ? (
          <>
            <span>Showing only the paths through {describeId(g.focus).text}.</span>
            <button type="button" className="font-semibold underline" onClick={() => navigate({ focus: null })}>Show the whole answer</button>
          </>
        ) : null}
        {g.collapsed ? (
          <>
            <span data-testid="collapse-notice">
              Large answer: {g.totalNodes} nodes, {g.hidden} of them drawn as {g.groups.length} groups. Click a group to expand it.
            </span>
            {g.expanded.length > 0 ? (
              <button type="button" className="font-semibold underline" onClick={() => navigate({ expand: null })}>Collapse all</button>
            ) : null}
          </>
        ) : null}
      </div>
    ) : null;

  return (
    <div className="flex min-h-0 flex-1">
      <AnswerPanel view={view} selected={selected} onSelect={select} exportQuery={exportQuery} />
      <GraphPanel
        graph={graph}
        layout={layout}
        onLayoutChange={(l) => replaceView({ layout: l === autoLayout ? null : l })}
        compound={compound}
        onCompoundChange={(c) => replaceView({ boxes: c ? null : '0' })}
        selected={selected}
        onSelect={select}
        exportName={`rbac-atlas-${view.finding ? 'finding' : (view.presetId ?? 'answer')}`}
        label={`Graph of the answer to: ${view.title}`}
        notice={notice}
        risk={view.graph.risk}
        {...(view.change ? { gained: [...view.change.gained, ...view.change.newBindings] } : {})}
        toolbar={
          view.finding ? undefined : (
            <label className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-300" title="Add service accounts allowed through their implicit groups, and the pods running as them">
              <input type="checkbox" checked={view.effective !== undefined} onChange={(e) => navigate({ effective: e.target.checked ? '1' : null, expand: null, sel: null })} />
              Effective (service accounts &amp; pods)
            </label>
          )
        }
        overlay={
          selectedNode ? (
            <DetailsPanel
              graph={graph}
              node={selectedNode}
              onSelect={select}
              onExpand={expand}
              {...(moreGroup?.namespaces ? { moreNamespaces: moreGroup.namespaces } : {})}
            />
          ) : null
        }
      />
    </div>
  );
}

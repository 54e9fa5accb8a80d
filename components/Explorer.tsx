'use client';

// The landing view below the query bar: answer list, graph and details. View-only state (selection,
// layout, namespace boxes) lives in the URL and is changed with history.replaceState (no server
// round trip); changes to the answer itself (opened groups, effective view, focus) navigate, and
// the server component renders the new answer. A click on a group opens its next page of members.
import { useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useOptimistic, useTransition } from 'react';
import { formatExpanded, type QueryView } from '@/lib/service/answer-view';
import { AnswerPanel } from './answer/AnswerPanel';
import { DetailsPanel } from './details/DetailsPanel';
import { GraphPanel, nodeText } from './graph/GraphPanel';
import { isLayoutName, type LayoutName } from './graph/cy/layouts';
import { mergeParams, withParams, type Params } from './query/url';

const ANSWER_PARAMS = ['preset', 'verb', 'resource', 'group', 'url', 'name', 'ns', 'effective'];

export function Explorer({ view }: { view: QueryView }) {
  const router = useRouter();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const [effective, setEffective] = useOptimistic(view.effective !== undefined);
  const g = view.graph;
  const graph = g.graph;
  const autoLayout: LayoutName = 'dagre';
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
  const expand = (key: string) => navigate({ expand: formatExpanded([...g.expanded, key]), sel: null });
  const select = (id: string | null) => {
    const node = id ? nodeById.get(id) : undefined;
    if (id && !node) {
      // hidden inside a group: show only the paths through it
      navigate({ focus: id, sel: id });
      return;
    }
    // a click on a group names more of its members
    if (node?.group?.expandable) {
      expand(node.group.key);
      return;
    }
    replaceView({ sel: id });
  };
  const toggleEffective = (on: boolean) => {
    startTransition(() => {
      setEffective(on);
      router.replace(withParams('/', mergeParams(params, { effective: on ? '1' : null, expand: null, sel: null, focus: null })), { scroll: false });
    });
  };

  const exportQuery = useMemo(() => {
    const q = new URLSearchParams();
    for (const k of ANSWER_PARAMS) {
      const v = params.get(k);
      if (v) q.set(k, v);
    }
    return q.toString() || 'preset=read-secrets';
  }, [params]);

  const moreGroup = g.groups.find((x) => x.namespaces);
  const focusNode = g.focus ? nodeById.get(g.focus) : undefined;
  const notice =
    g.focus || g.summarized || pending ? (
      <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5 border-b border-slate-200 bg-sky-50 px-3 py-1 text-xs text-sky-900 dark:border-slate-800 dark:bg-sky-950/40 dark:text-sky-100" role="status">
        {pending ? <span>Updating…</span> : null}
        {g.focus ? (
          <>
            <span>Showing only the paths through {focusNode ? nodeText(focusNode) : 'the selection'}.</span>
            <button type="button" className="font-semibold underline" onClick={() => navigate({ focus: null, sel: null })}>Show the whole answer</button>
          </>
        ) : null}
        {g.summarized ? (
          <>
            <span data-testid="collapse-notice">
              {view.finding
                ? `Large graph: ${g.groups.length} groups. Click a group to open it.`
                : `Summary: the ${g.namedSubjects} riskiest of ${g.totalSubjects} subjects by name, the others grouped by role. Click a group to name more.`}
            </span>
            {g.expanded.length > 0 ? (
              <button type="button" className="font-semibold underline" onClick={() => navigate({ expand: null, sel: null })}>Back to the summary</button>
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
              <input type="checkbox" checked={effective} onChange={(e) => toggleEffective(e.target.checked)} />
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

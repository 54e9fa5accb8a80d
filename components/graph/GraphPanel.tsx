'use client';

// The graph with its toolbar (layout, namespace boxes, fit/zoom, image export), the legend, the
// details panel beside it (never over it), and an accessible list of the nodes and edges (a canvas
// cannot be read by assistive technology or tests).
import type { Core } from 'cytoscape';
import type { RiskLevel } from '@/lib/service/findings';
import { useMemo, useRef, type ReactNode } from 'react';
import { RELATION_LABELS, type Graph, type GraphNode } from '@/lib/engine/graph';
import { GraphCanvas } from './GraphCanvas';
import { Legend } from './Legend';
import { estimateWidth, nodeLines, toElements } from './cy/elements';
import { fitReadable, LAYOUTS, type LayoutName } from './cy/layouts';
import { FONT_FAMILY, FONT_SIZE } from './cy/tokens';
import { downloadPng, downloadSvg } from './exportImage';

export const LARGE_GRAPH = 150;

export interface GraphPanelProps {
  graph: Graph;
  layout: LayoutName;
  onLayoutChange: (layout: LayoutName) => void;
  compound: boolean;
  onCompoundChange: (compound: boolean) => void;
  selected: string | null;
  onSelect: (id: string | null) => void;
  exportName: string;
  label: string;
  /** extra toolbar controls (e.g. the effective toggle) */
  toolbar?: ReactNode;
  /** a line above the graph (e.g. "collapsed into groups") */
  notice?: ReactNode;
  /** drawn beside the graph, on its right (the details panel) */
  overlay?: ReactNode;
  /** subjects with a high or critical finding: marked in the drawing and the node list */
  risk?: Readonly<Record<string, RiskLevel>>;
  /** "try a change": nodes gained with the change (subjects, bindings), marked in the drawing and the node list */
  gained?: readonly string[];
}

let measurer: ((text: string, bold: boolean) => number) | undefined;

/** Label widths as the canvas draws them (estimated where there is no canvas). */
function measureText(text: string, bold: boolean): number {
  if (!measurer) {
    const ctx = typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
    if (!ctx) return estimateWidth(text, bold);
    measurer = (t, b) => {
      ctx.font = `${b ? 'bold ' : ''}${FONT_SIZE}px ${FONT_FAMILY}`;
      return ctx.measureText(t).width;
    };
  }
  return measurer(text, bold);
}

const button =
  'rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700';

export function GraphPanel(props: GraphPanelProps) {
  const { graph, layout, compound, selected, onSelect } = props;
  const cyRef = useRef<Core | null>(null);
  const { risk, gained } = props;
  const elements = useMemo(() => toElements(graph, { compound: layout === 'fcose' && compound, risk, gained, measure: measureText }), [graph, layout, compound, risk, gained]);
  const large = graph.nodes.length > LARGE_GRAPH;
  const zoom = (factor: number) => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  };

  return (
    <section aria-label="Graph" className="flex min-h-0 min-w-0 flex-1 flex-col">
      <div role="toolbar" aria-label="Graph tools" className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-1.5 dark:border-slate-800">
        <div role="radiogroup" aria-label="Layout" className="flex overflow-hidden rounded border border-slate-300 dark:border-slate-600">
          {LAYOUTS.map((l) => (
            <button
              key={l.name}
              type="button"
              role="radio"
              aria-checked={layout === l.name}
              onClick={() => props.onLayoutChange(l.name)}
              className={`px-2 py-1 text-xs font-medium ${layout === l.name ? 'bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900' : 'bg-white text-slate-700 hover:bg-slate-50 dark:bg-slate-800 dark:text-slate-200'}`}
            >
              {l.label}
            </button>
          ))}
        </div>
        <label className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-300" title="Namespace boxes (force layout)">
          <input type="checkbox" checked={compound} disabled={layout !== 'fcose'} onChange={(e) => props.onCompoundChange(e.target.checked)} />
          Namespace boxes
        </label>
        {props.toolbar}
        <span className="flex-1" />
        <button type="button" className={button} onClick={() => cyRef.current && fitReadable(cyRef.current)}>Fit</button>
        <button type="button" className={button} aria-label="Zoom in" onClick={() => zoom(1.25)}>+</button>
        <button type="button" className={button} aria-label="Zoom out" onClick={() => zoom(0.8)}>−</button>
        <button type="button" className={button} onClick={() => cyRef.current && downloadPng(cyRef.current, props.exportName)}>PNG</button>
        <button type="button" className={button} onClick={() => void (cyRef.current && downloadSvg(cyRef.current, props.exportName))}>SVG</button>
      </div>
      {props.notice}
      <div className="flex min-h-0 flex-1">
        <div className="relative min-h-0 min-w-0 flex-1 overflow-hidden">
          {graph.nodes.length === 0 ? (
            <p className="absolute inset-0 flex items-center justify-center p-6 text-center text-sm text-slate-500 dark:text-slate-400">
              Nothing to draw: no subject is allowed this request.
            </p>
          ) : null}
          <GraphCanvas
            key={large ? 'large' : 'normal'}
            elements={elements}
            layout={layout}
            selected={selected}
            onSelect={onSelect}
            large={large}
            cyRef={cyRef}
            label={props.label}
          />
          <NodeList graph={graph} selected={selected} onSelect={onSelect} risk={risk} gained={gained} />
        </div>
        {props.overlay}
      </div>
      <Legend risk={risk !== undefined && Object.keys(risk).length > 0} gained={gained !== undefined && gained.length > 0} />
    </section>
  );
}

/** How a node reads in words: "ClusterRole cluster-admin (via 3 ClusterRoleBindings)", "Group of 41 service accounts". */
export function nodeText(n: GraphNode): string {
  const lines = nodeLines(n, false);
  if (n.kind === 'Collapsed') return `Group of ${lines.join(' (')}${lines.length > 1 ? ')' : ''}`;
  return `${n.kind} ${lines[0]}${lines[1] ? ` (${lines[1]})` : ''}`;
}

/** Screen-reader (and test) view of the graph: every node as a button that selects (a group: opens) it, and every edge. */
function NodeList({ graph, selected, onSelect, risk = {}, gained = [] }: { graph: Graph; selected: string | null; onSelect: (id: string) => void; risk?: Readonly<Record<string, RiskLevel>>; gained?: readonly string[] | undefined }) {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const name = (id: string) => {
    const n = byId.get(id);
    return n ? nodeText(n) : id;
  };
  return (
    <>
      <ul aria-label="Graph nodes" className="sr-only" data-testid="graph-nodes" data-count={graph.nodes.length}>
        {graph.nodes.map((n) => (
          <li key={n.id} data-node-id={n.id} data-kind={n.kind} data-risk={risk[n.id]} data-change={gained.includes(n.id) ? 'gained' : undefined} data-label={nodeLines(n, false).join('\n')}>
            <button type="button" aria-pressed={selected === n.id} onClick={() => onSelect(n.id)}>
              {nodeText(n)}
              {risk[n.id] ? ` (has a ${risk[n.id]} finding)` : ''}
              {n.clusterWide ? ' (cluster-wide)' : ''}
              {gained.includes(n.id) ? ' (gained with the change)' : ''}
            </button>
          </li>
        ))}
      </ul>
      <ul aria-label="Graph edges" className="sr-only" data-testid="graph-edges" data-count={graph.edges.length}>
        {graph.edges.map((e) => (
          <li key={e.id} data-source={e.source} data-target={e.target} data-relation={e.relation} data-cluster-wide={e.clusterWide ? 'true' : undefined}>
            {`${name(e.source)} ${RELATION_LABELS[e.relation]} ${name(e.target)}${e.count && e.count > 1 ? ` (${e.count})` : ''}`}
          </li>
        ))}
      </ul>
    </>
  );
}

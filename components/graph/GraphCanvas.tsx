'use client';

// Owns the Cytoscape lifecycle and nothing else: creates `cy` once on mount, destroys it on unmount,
// patches elements by id when they change, re-runs the layout only when the element set or the
// layout changes (then fits the graph at a readable zoom), follows the container's size, toggles
// highlight classes, keeps the selected paths in view, and reports taps through onSelect.
import type { Core, EventObject, Layouts, NodeSingular } from 'cytoscape';
import type { ElementDefinition } from 'cytoscape';
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { fitReadable, layoutOptions, MAX_FIT_ZOOM, type LayoutName } from './cy/layouts';
import { patchElements } from './cy/patch';
import { registerExtensions } from './cy/register';
import { buildStylesheet } from './cy/stylesheet';
import { MIN_READABLE_ZOOM, type ThemeName } from './cy/tokens';
import { atlasTimings } from './timings';

export interface GraphCanvasProps {
  elements: ElementDefinition[];
  layout: LayoutName;
  selected: string | null;
  onSelect: (id: string | null) => void;
  /** renderer tuned for big graphs (texture on viewport, hidden edges while panning); fixed at mount */
  large?: boolean;
  /** receives the instance (for fit/zoom/export); React never keeps it in state */
  cyRef?: RefObject<Core | null>;
  label: string;
}

// Cytoscape's renderer injects an inline <style> (".__________cytoscape_container { position:
// relative }") into <head> unless an element with this id exists. The server's CSP allows inline
// <style> elements only with the request's nonce, so the rule lives in app/globals.css instead and
// a placeholder with the id keeps Cytoscape from injecting (and the browser from reporting a
// violation).
const CY_STYLESHEET_ID = '__________cytoscape_stylesheet';

function preventCytoscapeStyleInjection(): void {
  if (document.getElementById(CY_STYLESHEET_ID)) return;
  const placeholder = document.createElement('meta');
  placeholder.id = CY_STYLESHEET_ID;
  placeholder.name = 'cytoscape-container-style';
  placeholder.content = 'in app/globals.css';
  document.head.append(placeholder);
}

function themeNow(): ThemeName {
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function highlight(cy: Core, id: string | null): void {
  cy.batch(() => {
    cy.elements().removeClass('highlighted dimmed');
    if (!id) return;
    const node = cy.getElementById(id);
    if (node.empty() || !node.isNode()) return;
    const paths = node.union(node.predecessors()).union(node.successors());
    cy.elements().difference(paths).not('.ns-box').addClass('dimmed');
    paths.addClass('highlighted');
  });
}

/**
 * Brings the paths through a node into view when part of them is outside the canvas: the whole
 * paths when they fit at a readable zoom, else centred on the node.
 */
function reveal(cy: Core, id: string): void {
  const node = cy.getElementById(id);
  if (node.empty()) return;
  const bb = node.union(node.predecessors()).union(node.successors()).renderedBoundingBox({});
  const pad = 24;
  const w = cy.width();
  const h = cy.height();
  if (bb.x1 >= 0 && bb.y1 >= 0 && bb.x2 <= w && bb.y2 <= h) return;
  const zoom = cy.zoom();
  const fit = Math.min((w - 2 * pad) / Math.max(bb.w / zoom, 1), (h - 2 * pad) / Math.max(bb.h / zoom, 1), zoom, MAX_FIT_ZOOM);
  if (fit >= MIN_READABLE_ZOOM) {
    const model = node.union(node.predecessors()).union(node.successors()).boundingBox({});
    cy.viewport({ zoom: fit, pan: { x: w / 2 - ((model.x1 + model.x2) / 2) * fit, y: h / 2 - ((model.y1 + model.y2) / 2) * fit } });
  } else {
    // too wide at a readable zoom: start from the node (a subject reads on to the right)
    const z = Math.max(zoom, MIN_READABLE_ZOOM);
    const p = node.position();
    const model = node.union(node.predecessors()).union(node.successors()).boundingBox({});
    const leftmost = node.boundingBox({}).x1 <= model.x1 + 1;
    const x = leftmost ? pad - node.boundingBox({}).x1 * z : w / 2 - p.x * z;
    cy.viewport({ zoom: z, pan: { x, y: h / 2 - p.y * z } });
  }
}

/** Pairs of node boxes (labels included) that overlap after a layout: 0 when no label covers another. */
function overlaps(cy: Core): number {
  const boxes = cy.nodes().not('.ns-box').map((n) => n.boundingBox({ includeLabels: true, includeOverlays: false }));
  if (boxes.length > 400) return -1;
  let count = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) count++;
    }
  }
  return count;
}

function markSelected(cy: Core, id: string | null): void {
  cy.batch(() => {
    cy.nodes('.selected').removeClass('selected');
    if (id) cy.getElementById(id).addClass('selected');
  });
}

export function GraphCanvas({ elements, layout, selected, onSelect, large = false, cyRef, label }: GraphCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const cyInstance = useRef<Core | null>(null);
  const running = useRef<Layouts | null>(null);
  const lastLayout = useRef<LayoutName | null>(null);
  const onSelectRef = useRef(onSelect);
  const selectedRef = useRef(selected);
  const tapped = useRef(false);

  useLayoutEffect(() => {
    onSelectRef.current = onSelect;
    selectedRef.current = selected;
  });

  // Create once, destroy on unmount.
  useEffect(() => {
    const cytoscape = registerExtensions();
    preventCytoscapeStyleInjection();
    const cy = cytoscape({
      container: container.current,
      elements: [],
      style: buildStylesheet(themeNow(), { large }),
      minZoom: 0.05,
      maxZoom: 3,
      boxSelectionEnabled: false,
      autounselectify: true,
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      motionBlur: false,
      pixelRatio: large ? 1 : 'auto',
    });
    cyInstance.current = cy;
    if (cyRef) cyRef.current = cy;
    cy.on('tap', 'node', (e: EventObject) => {
      const node = e.target as NodeSingular;
      if (node.hasClass('ns-box')) return;
      tapped.current = true;
      onSelectRef.current(node.id());
    });
    cy.on('tap', (e: EventObject) => {
      if (e.target !== cy) return;
      tapped.current = true;
      onSelectRef.current(null);
    });
    cy.on('mouseover', 'node', (e: EventObject) => {
      const node = e.target as NodeSingular;
      if (!node.hasClass('ns-box')) highlight(cy, node.id());
    });
    cy.on('mouseout', 'node', () => highlight(cy, selectedRef.current));
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onTheme = () => cy.style(buildStylesheet(themeNow(), { large }));
    media.addEventListener('change', onTheme);
    // the canvas narrows when the details panel opens beside it: keep the selection in view
    let size = { w: container.current?.clientWidth ?? 0, h: container.current?.clientHeight ?? 0 };
    const resized = new ResizeObserver(() => {
      const el = container.current;
      if (!el || (el.clientWidth === size.w && el.clientHeight === size.h)) return;
      size = { w: el.clientWidth, h: el.clientHeight };
      cy.resize();
      if (running.current) return;
      if (selectedRef.current) reveal(cy, selectedRef.current);
      else fitReadable(cy);
    });
    if (container.current) resized.observe(container.current);
    return () => {
      resized.disconnect();
      media.removeEventListener('change', onTheme);
      running.current?.stop();
      running.current = null;
      lastLayout.current = null;
      if (cyRef) cyRef.current = null;
      cyInstance.current = null;
      cy.destroy();
    };
  }, [large, cyRef]);

  // Patch elements; lay out again when the element set or the layout changed.
  useEffect(() => {
    const cy = cyInstance.current;
    const el = container.current;
    if (!cy || !el) return;
    const change = patchElements(cy, elements);
    const structural = change.added + change.removed + change.moved > 0;
    if (structural || lastLayout.current !== layout) {
      lastLayout.current = layout;
      running.current?.stop();
      const started = performance.now();
      el.dataset.layoutDone = 'false';
      const run = cy.layout(layoutOptions(layout, cy.nodes().length));
      running.current = run;
      run.one('layoutstop', () => {
        if (running.current !== run) return;
        running.current = null;
        const timings = atlasTimings();
        const now = performance.now();
        timings.lastLayoutMs = now - started;
        if (timings.submittedAt !== undefined) {
          timings.lastQueryMs = now - timings.submittedAt;
          timings.submittedAt = undefined;
        }
        timings.layouts += 1;
        fitReadable(cy);
        if (selectedRef.current) reveal(cy, selectedRef.current);
        // read by the e2e specs: the default zoom (labels are 12 px), overlapping node boxes, the end of the layout
        el.dataset.zoom = cy.zoom().toFixed(3);
        el.dataset.overlaps = String(overlaps(cy));
        el.dataset.layoutMs = String(Math.round(timings.lastLayoutMs));
        el.dataset.layoutSeq = String(timings.layouts);
        el.dataset.layoutDone = 'true';
      });
      run.run();
    }
    highlight(cy, selectedRef.current);
    markSelected(cy, selectedRef.current);
  }, [elements, layout]);

  useEffect(() => {
    const cy = cyInstance.current;
    if (!cy) return;
    highlight(cy, selected);
    markSelected(cy, selected);
    if (selected && !tapped.current && running.current === null) reveal(cy, selected);
    tapped.current = false;
  }, [selected]);

  // Cytoscape makes its container position: relative, so the sizing box is a separate element.
  return (
    <div className="absolute inset-0">
      <div ref={container} role="img" aria-label={label} data-testid="graph-canvas" data-layout-done="false" className="h-full w-full" />
    </div>
  );
}

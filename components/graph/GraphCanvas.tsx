'use client';

// Owns the Cytoscape lifecycle and nothing else: creates `cy` once on mount, destroys it on unmount,
// patches elements by id when they change, re-runs the layout only when the element set or the
// layout changes, toggles highlight classes, and reports taps through onSelect.
import type { Core, EventObject, Layouts, NodeSingular } from 'cytoscape';
import type { ElementDefinition } from 'cytoscape';
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { layoutOptions, type LayoutName } from './cy/layouts';
import { patchElements } from './cy/patch';
import { registerExtensions } from './cy/register';
import { buildStylesheet } from './cy/stylesheet';
import type { ThemeName } from './cy/tokens';
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
  /** px covered on the right (details panel) when bringing a selection into view */
  rightInset?: number;
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
 * Brings the paths through a node into view (for selections made outside the canvas), leaving
 * `rightInset` px free on the right for the details panel.
 */
function reveal(cy: Core, id: string, rightInset: number): void {
  const node = cy.getElementById(id);
  if (node.empty()) return;
  const bb = node.union(node.predecessors()).union(node.successors()).boundingBox({});
  const pad = 40;
  const w = Math.max(cy.width() - rightInset - 2 * pad, 100);
  const h = Math.max(cy.height() - 2 * pad, 100);
  const zoom = Math.min(w / Math.max(bb.w, 1), h / Math.max(bb.h, 1), 1.2);
  cy.viewport({ zoom, pan: { x: pad + (w - bb.w * zoom) / 2 - bb.x1 * zoom, y: pad + (h - bb.h * zoom) / 2 - bb.y1 * zoom } });
}

function markSelected(cy: Core, id: string | null): void {
  cy.batch(() => {
    cy.nodes('.selected').removeClass('selected');
    if (id) cy.getElementById(id).addClass('selected');
  });
}

export function GraphCanvas({ elements, layout, selected, onSelect, large = false, cyRef, label, rightInset = 0 }: GraphCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const cyInstance = useRef<Core | null>(null);
  const running = useRef<Layouts | null>(null);
  const lastLayout = useRef<LayoutName | null>(null);
  const onSelectRef = useRef(onSelect);
  const selectedRef = useRef(selected);
  const tapped = useRef(false);
  const insetRef = useRef(rightInset);

  useLayoutEffect(() => {
    onSelectRef.current = onSelect;
    selectedRef.current = selected;
    insetRef.current = rightInset;
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
    return () => {
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
        el.dataset.layoutDone = 'true';
        el.dataset.layoutSeq = String(timings.layouts);
        el.dataset.layoutMs = String(Math.round(timings.lastLayoutMs));
        if (selectedRef.current) reveal(cy, selectedRef.current, insetRef.current);
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
    if (selected && !tapped.current && running.current === null) reveal(cy, selected, insetRef.current);
    tapped.current = false;
  }, [selected]);

  // Cytoscape makes its container position: relative, so the sizing box is a separate element.
  return (
    <div className="absolute inset-0">
      <div ref={container} role="img" aria-label={label} data-testid="graph-canvas" data-layout-done="false" className="h-full w-full" />
    </div>
  );
}

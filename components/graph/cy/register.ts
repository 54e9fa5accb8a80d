// Registers the Cytoscape extensions once: the layouts at start, SVG export on first use (the
// cytoscape-svg bundle touches `window` when loaded, so it is imported in the browser only).
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';

let layouts = false;
let svg: Promise<void> | undefined;

export function registerExtensions(): typeof cytoscape {
  if (!layouts) {
    cytoscape.use(dagre);
    cytoscape.use(fcose);
    layouts = true;
  }
  return cytoscape;
}

export function registerSvg(): Promise<void> {
  svg ??= import('cytoscape-svg').then((m) => {
    cytoscape.use(m.default);
  });
  return svg;
}

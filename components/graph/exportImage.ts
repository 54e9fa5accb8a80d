// Graph image downloads: PNG through cy.png(), SVG through the cytoscape-svg extension.
import type { Core } from 'cytoscape';
import { registerSvg } from './cy/register';

function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // the browser reads the blob after the click returns: a slow (loaded) machine can take seconds
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function background(): string {
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? '#020617' : '#ffffff';
}

export function downloadPng(cy: Core, name: string): void {
  const blob = cy.png({ output: 'blob', full: true, scale: 2, bg: background(), maxWidth: 8000, maxHeight: 8000 });
  download(blob, `${name}.png`);
}

export async function downloadSvg(cy: Core, name: string): Promise<void> {
  await registerSvg();
  const svg = (cy as Core & { svg(options: { full: boolean; scale: number; bg: string }): string }).svg({ full: true, scale: 1, bg: background() });
  download(new Blob([svg], { type: 'image/svg+xml' }), `${name}.svg`);
}

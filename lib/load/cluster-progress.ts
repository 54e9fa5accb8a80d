// Loading progress for a terminal: one status line, rewritten in place ("\r"): the objects read
// so far and the kinds still loading. For stderr when it is a TTY; the caller decides that.
import type { ClusterProgress } from './cluster';
import { CLUSTER_KINDS, type ClusterKind } from './cluster-kinds';

export interface ProgressLine {
  onProgress: (p: ClusterProgress) => void;
  /** erases the line */
  done: () => void;
}

const MIN_INTERVAL_MS = 100;

export function progressLine(write: (s: string) => void, label: string, width = 100): ProgressLine {
  const state = new Map<ClusterKind, ClusterProgress>();
  let last = 0;
  let shown = 0;
  const render = () => {
    // the total, then only the kinds still loading (or refused), so that the line stays short
    let total = 0;
    const parts: string[] = [];
    for (const { kind, resource } of CLUSTER_KINDS) {
      const p = state.get(kind);
      if (!p) continue;
      total += p.objects;
      if (p.state === 'loading') parts.push(`${resource} ${p.objects}`);
      else if (p.state === 'forbidden') parts.push(`${resource} forbidden`);
    }
    const text = `${label}: ${total} objects${parts.length ? ` (${parts.join(', ')})` : ''}`.slice(0, Math.max(20, width - 1));
    write(`\r${text}${' '.repeat(Math.max(0, shown - text.length))}`);
    shown = text.length;
  };
  return {
    onProgress(p) {
      state.set(p.kind, p);
      const now = Date.now();
      if (p.state !== 'loading' || now - last >= MIN_INTERVAL_MS) {
        last = now;
        render();
      }
    },
    done() {
      if (shown > 0) write(`\r${' '.repeat(shown)}\r`);
      shown = 0;
    },
  };
}

// The legend: one swatch per node kind (shape and colour from tokens.ts) and the edge relations.
import { RELATION_LABELS } from '@/lib/engine/graph';
import { KIND_TOKENS, LEGEND_ORDER, THEME, type VisualKind } from './cy/tokens';

const SHAPES: Record<string, string> = {
  ellipse: 'M8 1a7 7 0 1 0 0.01 0Z',
  'round-hexagon': 'M4.5 2h7l3.5 6-3.5 6h-7L1 8Z',
  'round-diamond': 'M8 1l7 7-7 7-7-7Z',
  barrel: 'M3 3h10q2 5 0 10H3q-2-5 0-10Z',
  rhomboid: 'M4 3h11l-3 10H1Z',
  'cut-rectangle': 'M4 3h8l3 3v4l-3 3H4l-3-3V6Z',
  'round-tag': 'M1 3h10l4 5-4 5H1Z',
  'round-octagon': 'M5 1h6l4 4v6l-4 4H5l-4-4V5Z',
  star: 'M8 1l2 5h5l-4 3 2 6-5-4-5 4 2-6-4-3h5Z',
  'round-rectangle': 'M3 3h10a2 2 0 0 1 2 2v6a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2Z',
};

export function KindSwatch({ kind, className = '' }: { kind: VisualKind; className?: string }) {
  const token = KIND_TOKENS[kind];
  const dashed = kind === 'Collapsed';
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" className={`shrink-0 ${className}`}>
      <path
        d={SHAPES[token.shape] ?? SHAPES.ellipse}
        className="kind-swatch"
        style={{ ['--light' as string]: token.light, ['--dark' as string]: token.dark }}
        fillOpacity={dashed ? 0.2 : 1}
        strokeDasharray={dashed ? '2 1.5' : undefined}
        strokeWidth={dashed ? 1.2 : 0}
      />
    </svg>
  );
}

/** The ring drawn around subjects with a high or critical finding. */
function RiskSwatch({ level }: { level: 'riskCritical' | 'riskHigh' }) {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" className="shrink-0">
      <circle cx="8" cy="8" r="6" fill="none" strokeWidth={level === 'riskCritical' ? 2.5 : 1.8} className="kind-swatch-ring" style={{ ['--light' as string]: THEME.light[level], ['--dark' as string]: THEME.dark[level] }} />
    </svg>
  );
}

/** One line under the graph (wraps when narrow): never covers the drawing. */
export function Legend({ risk = false, gained = false }: { risk?: boolean; gained?: boolean }) {
  return (
    <div
      aria-label="Legend"
      role="group"
      className="flex flex-wrap items-center gap-x-3 gap-y-0.5 border-t border-slate-200 px-3 py-1 text-[11px] leading-4 text-slate-600 dark:border-slate-800 dark:text-slate-300"
    >
      <ul className="contents">
        {LEGEND_ORDER.map((kind) => (
          <li key={kind} className="flex items-center gap-1" data-legend-kind={kind}>
            <KindSwatch kind={kind} />
            <span>{kind === 'Collapsed' ? 'Group of nodes' : kind}</span>
          </li>
        ))}
        {risk ? (
          <li className="flex items-center gap-1" data-legend-kind="risk">
            <RiskSwatch level="riskCritical" />
            <RiskSwatch level="riskHigh" />
            <span>critical / high finding</span>
          </li>
        ) : null}
        {gained ? (
          <li className="flex items-center gap-1" data-legend-kind="gained">
            <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
              <circle cx="8" cy="8" r="6.5" className="kind-swatch" style={{ ['--light' as string]: THEME.light.gained, ['--dark' as string]: THEME.dark.gained, fillOpacity: 0.4 }} />
            </svg>
            <span>gained with the change</span>
          </li>
        ) : null}
      </ul>
      <span className="text-slate-500 dark:text-slate-400">Edges: {Object.values(RELATION_LABELS).join(' · ')}</span>
    </div>
  );
}

// The legend: one swatch per node kind (glyph and colour from tokens.ts), the risk rings, the
// cluster-wide grant line, and how to read the graph.
import { KIND_TOKENS, LEGEND_ORDER, THEME, type VisualKind } from './cy/tokens';

export function KindSwatch({ kind, className = '' }: { kind: VisualKind; className?: string }) {
  const token = KIND_TOKENS[kind];
  const dashed = kind === 'Collapsed';
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" className={`shrink-0 ${className}`}>
      <path
        d={token.glyph}
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

function ClusterWideSwatch() {
  return (
    <svg viewBox="0 0 20 8" width="20" height="8" aria-hidden="true" className="shrink-0">
      <line x1="1" y1="4" x2="19" y2="4" strokeWidth="2" className="kind-swatch-ring" style={{ ['--light' as string]: THEME.light.clusterWide, ['--dark' as string]: THEME.dark.clusterWide }} />
    </svg>
  );
}

/** Lines under the graph (wrapping when narrow): never covers the drawing. */
export function Legend({ risk = false, gained = false }: { risk?: boolean; gained?: boolean }) {
  return (
    <div
      aria-label="Legend"
      role="group"
      className="flex flex-wrap items-center gap-x-3 gap-y-0.5 border-t border-slate-200 px-3 py-1 text-[11px] leading-4 text-slate-600 dark:border-slate-800 dark:text-slate-300"
    >
      <span className="font-medium text-slate-700 dark:text-slate-200">Read left to right: who → binding → role → permission.</span>
      <ul className="contents">
        {LEGEND_ORDER.map((kind) => (
          <li key={kind} className="flex items-center gap-1" data-legend-kind={kind}>
            <KindSwatch kind={kind} />
            <span>{kind === 'Collapsed' ? 'Group (click to name more)' : kind}</span>
          </li>
        ))}
        <li className="flex items-center gap-1" data-legend-kind="cluster-wide">
          <ClusterWideSwatch />
          <span>cluster-wide grant</span>
        </li>
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
    </div>
  );
}

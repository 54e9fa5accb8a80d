import { isNodeKind } from '@/lib/engine/graph';
import { KindSwatch } from '../graph/Legend';

/** Kind name with its legend swatch. */
export function KindBadge({ kind, short = false }: { kind: string; short?: boolean }) {
  const abbrev: Record<string, string> = { ServiceAccount: 'SA', ClusterRoleBinding: 'CRB', RoleBinding: 'RB', ClusterRole: 'CR' };
  return (
    <span className="inline-flex shrink-0 items-center gap-1 text-[11px] font-medium text-slate-500 dark:text-slate-400">
      {isNodeKind(kind) || kind === 'Collapsed' ? <KindSwatch kind={kind} /> : null}
      <span>{short ? (abbrev[kind] ?? kind) : kind}</span>
    </span>
  );
}

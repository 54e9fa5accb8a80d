// Findings a change adds and resolves (the Findings page and the changes page): each with its
// severity, what it is about, and a link to its grant paths in the explorer.
import Link from 'next/link';
import type { ChangeFindingItem } from '@/lib/service/change-view';
import { SeverityBadge } from '../ui/SeverityBadge';

function FindingList({ label, items, tone }: { label: string; items: ChangeFindingItem[]; tone: 'added' | 'resolved' }) {
  return (
    <div>
      <h3 className={`text-sm font-semibold ${tone === 'added' ? 'text-rose-800 dark:text-rose-300' : 'text-emerald-800 dark:text-emerald-300'}`}>
        {tone === 'added' ? '+' : '−'} {label} ({items.length})
      </h3>
      {items.length === 0 ? (
        <p className="text-xs text-slate-500">None.</p>
      ) : (
        <ul aria-label={label} className="mt-1 flex flex-col gap-1 text-sm">
          {items.map((f) => (
            <li key={f.id} data-finding-id={f.id} data-change={tone} className="flex flex-wrap items-center gap-2">
              <SeverityBadge severity={f.severity} />
              <span className="font-medium">{f.title}</span>
              <span className="text-slate-600 dark:text-slate-300">{f.about}</span>
              <span className="text-xs text-slate-500">{f.scope}</span>
              {tone === 'added' ? (
                <Link href={`/?finding=${encodeURIComponent(f.id)}`} className="text-xs text-sky-700 underline dark:text-sky-300">grant paths</Link>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ChangeFindings({ added, resolved }: { added: ChangeFindingItem[]; resolved: ChangeFindingItem[] }) {
  return (
    <div className="grid grid-cols-2 gap-6 max-[1100px]:grid-cols-1">
      <FindingList label="Findings added by the change" items={added} tone="added" />
      <FindingList label="Findings resolved by the change" items={resolved} tone="resolved" />
    </div>
  );
}

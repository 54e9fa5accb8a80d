// The frame of every page: navigation, global search and the data source, always visible.
import Image from 'next/image';
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { SourceSummary } from '@/lib/service/source-view';
import { SearchBox } from '../search/SearchBox';
import { SourceBadge } from '../source/SourceBadge';
import { PartialBanner } from './PartialBanner';

export type Section = 'explore' | 'findings' | 'namespaces' | 'subjects' | 'paths' | 'source' | 'object';

const NAV: { id: Section; href: string; label: string }[] = [
  { id: 'explore', href: '/', label: 'Explore' },
  { id: 'findings', href: '/findings', label: 'Findings' },
  { id: 'namespaces', href: '/namespaces', label: 'Namespaces' },
  { id: 'subjects', href: '/subjects', label: 'Subjects' },
  { id: 'paths', href: '/paths', label: 'Paths' },
  { id: 'source', href: '/source', label: 'Data source' },
];

export function AppShell({ source, active, children }: { source: SourceSummary; active: Section; children: ReactNode }) {
  return (
    <div className="flex h-screen min-w-[1000px] flex-col">
      <header className="flex h-12 shrink-0 items-center gap-4 border-b max-[1150px]:gap-2 border-slate-200 px-4 dark:border-slate-800">
        <Link href="/" className="flex shrink-0 items-center gap-2 whitespace-nowrap font-semibold tracking-tight">
          <Image src="/icon.svg" alt="" width={22} height={22} priority />
          <span>RBAC Atlas</span>
        </Link>
        <nav aria-label="Main" className="flex shrink-0 items-center gap-1 whitespace-nowrap text-sm">
          {NAV.map((n) => (
            <Link
              key={n.id}
              href={n.href}
              aria-current={active === n.id ? 'page' : undefined}
              className={`rounded px-2 py-1 ${active === n.id ? 'bg-slate-100 font-medium text-slate-900 dark:bg-slate-800 dark:text-white' : 'text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white'}`}
            >
              {n.label}
            </Link>
          ))}
        </nav>
        <div className="flex-1" />
        <SearchBox />
        <SourceBadge source={source} />
      </header>
      <PartialBanner source={source} />
      <div className="flex min-h-0 flex-1 flex-col">{children}</div>
    </div>
  );
}

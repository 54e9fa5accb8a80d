// The frame of every page: navigation, global search and the data source, always visible. It is
// rendered once by the root layout (app/layout.tsx), so it stays on screen while a page loads; the
// data source badge and the partial-data banner stream in as soon as the source is known.
import Image from 'next/image';
import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import type { SourceSummary } from '@/lib/service/source-view';
import { SearchBox } from '../search/SearchBox';
import { ChangeBanner } from '../source/ChangeBanner';
import { SourceBadge, SourceBadgePlaceholder } from '../source/SourceBadge';
import { MainNav } from './MainNav';
import { PartialBanner } from './PartialBanner';

export type Section = 'explore' | 'findings' | 'namespaces' | 'subjects' | 'paths' | 'source' | 'object';

/** The header and banner around every page; `source` resolves to the browser's data source (or fails). */
export function AppFrame({ source, children }: { source: Promise<SourceSummary | undefined>; children: ReactNode }) {
  return (
    <div className="flex h-screen min-w-[1000px] flex-col">
      <header className="flex h-12 shrink-0 items-center gap-4 border-b max-[1150px]:gap-2 border-slate-200 px-4 dark:border-slate-800">
        <Link href="/" className="flex shrink-0 items-center gap-2 whitespace-nowrap font-semibold tracking-tight">
          <Image src="/icon.svg" alt="" width={22} height={22} priority />
          <span>RBAC Atlas</span>
        </Link>
        <MainNav />
        <div className="flex-1" />
        <SearchBox />
        <Suspense fallback={<SourceBadgePlaceholder />}>
          <CurrentSourceBadge source={source} />
        </Suspense>
      </header>
      <Suspense fallback={null}>
        <CurrentPartialBanner source={source} />
      </Suspense>
      <div className="flex min-h-0 flex-1 flex-col">{children}</div>
    </div>
  );
}

async function CurrentSourceBadge({ source }: { source: Promise<SourceSummary | undefined> }) {
  const s = await source;
  return s ? <SourceBadge source={s} /> : <SourceBadgePlaceholder failed />;
}

async function CurrentPartialBanner({ source }: { source: Promise<SourceSummary | undefined> }) {
  const s = await source;
  return s ? (
    <>
      <PartialBanner source={s} />
      <ChangeBanner source={s} />
    </>
  ) : null;
}

/**
 * What a page puts around its content. The header is the root layout's (AppFrame); `source` and
 * `active` are what pages passed when each page drew its own header, and are no longer needed.
 */
export function AppShell({ children }: { source?: SourceSummary; active?: Section; children: ReactNode }) {
  return <>{children}</>;
}

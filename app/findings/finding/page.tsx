import Link from 'next/link';
import { FindingDetailView } from '@/components/findings/FindingDetail';
import { AppShell } from '@/components/layout/AppShell';
import { ErrorMessage } from '@/components/ui/States';
import { findingDetail } from '@/lib/service/finding-detail';
import { firstValues } from '@/lib/service/query';
import { findingById, webScanConfig } from '@/lib/service/scan';
import { prepareFindings } from '@/lib/service/store';
import { pageSource } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

/** One finding: what it is, why it matters, what to do, and the exact grants to change (?id=FINDING_ID). */
export default async function FindingPage({ searchParams }: PageProps<'/findings/finding'>) {
  const id = firstValues(await searchParams).id ?? '';
  const source = await pageSource();
  // the first scan of a snapshot runs in the answer worker, not on this thread
  if (id) await prepareFindings(source, webScanConfig().config);
  const finding = id ? findingById(source, id) : undefined;
  return (
    <AppShell>
      <main className="min-h-0 flex-1 overflow-y-auto px-6 py-4" data-testid="finding-detail">
        <nav aria-label="Breadcrumb" className="text-sm text-slate-500"><Link href="/findings" className="hover:underline">Findings</Link> /</nav>
        {finding ? (
          <FindingDetailView detail={findingDetail(source.index, finding)} />
        ) : (
          <div className="mt-3">
            <ErrorMessage title="Unknown finding">
              {id ? 'This finding is not in the data source (it may have been loaded again since, or fixed): see the Findings view.' : 'No finding was named (?id=).'}
            </ErrorMessage>
          </div>
        )}
      </main>
    </AppShell>
  );
}

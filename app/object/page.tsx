import { ObjectDetails } from '@/components/details/ObjectDetails';
import { AppShell } from '@/components/layout/AppShell';
import { KindBadge } from '@/components/ui/KindBadge';
import { ErrorMessage } from '@/components/ui/States';
import { userErrorMessage } from '@/lib/service/messages';
import { objectDetail, type ObjectDetail } from '@/lib/service/objects';
import { firstValues } from '@/lib/service/query';
import { pageSource } from '@/lib/service/web';

export const dynamic = 'force-dynamic';

/** One object (a search hit or a related link): YAML, rules and related objects. */
export default async function ObjectPage({ searchParams }: PageProps<'/object'>) {
  const id = firstValues(await searchParams).id ?? '';
  const source = await pageSource();
  let detail: ObjectDetail | undefined;
  let error: string | undefined;
  try {
    detail = objectDetail(source.index, id);
  } catch (e) {
    error = userErrorMessage(e);
    if (error === undefined) throw e;
  }
  return (
    <AppShell source={source.summary} active="object">
      <main className="mx-auto w-full max-w-4xl min-h-0 flex-1 overflow-y-auto px-6 py-4">
        {detail ? (
          <>
            <KindBadge kind={detail.kind} />
            <h1 className="mb-4 text-xl font-semibold" data-testid="object-title">{detail.namespace ? `${detail.namespace}/${detail.name}` : detail.name}</h1>
            <ObjectDetails detail={detail} showPageLink={false} />
          </>
        ) : (
          <ErrorMessage title="Not found">{error}</ErrorMessage>
        )}
      </main>
    </AppShell>
  );
}

// "reaches cluster-admin in 2 steps": a badge for other pages (the subject page's header), linking to
// the subject's paths. Server component: reads the page's data source itself, so a page adds it with
// one line. Nothing is shown for a subject without a path, nor for one that holds cluster-admin
// already (its cluster-admin finding says so).
import Link from 'next/link';
import { parseSubjectParam, subjectParam } from '@/lib/service/subjects';
import { pathBadge } from '@/lib/service/paths';
import { pageSource } from '@/lib/service/web';

function stepsText(n: number): string {
  return `${n} step${n === 1 ? '' : 's'}`;
}

export async function PathBadge({ subject }: { subject: string }) {
  let ref;
  try {
    ref = parseSubjectParam(subject);
  } catch {
    return null;
  }
  const steps = pathBadge((await pageSource()).index, ref);
  const admin = steps['cluster-admin'];
  const node = steps.node;
  let text: string | undefined;
  if (admin !== undefined && admin > 0) text = `reaches cluster-admin in ${stepsText(admin)}`;
  else if (admin === undefined && node !== undefined && node > 0) text = `reaches root on a node in ${stepsText(node)}`;
  if (!text) return null;
  return (
    <Link
      href={`/paths?from=${encodeURIComponent(subjectParam(ref))}`}
      className="rounded bg-rose-100 px-1.5 py-0.5 text-xs font-semibold text-rose-900 hover:underline dark:bg-rose-950 dark:text-rose-200"
      data-testid="path-badge"
      title="Privilege-escalation path: see it step by step"
    >
      {text}
    </Link>
  );
}

// A path drawn as a chain, left to right and wrapping: identity → technique → identity … → sink.
// Plain HTML (no canvas): every label is text at the page's size, readable at 100 % and by screen
// readers. No hooks: rendered on the server.
import Link from 'next/link';
import type { PathView } from '@/lib/service/paths';
import { KindBadge } from '../ui/KindBadge';

const BOX = 'inline-flex max-w-[22rem] items-center gap-1.5 rounded-md border px-2.5 py-1.5 text-sm';

function Identity({ label, param }: { label: string; param?: string }) {
  const space = label.indexOf(' ');
  const kind = space > 0 ? label.slice(0, space) : '';
  const name = space > 0 ? label.slice(space + 1) : label;
  const body = (
    <>
      {kind ? <KindBadge kind={kind} short /> : null}
      <span className="break-all font-medium">{name}</span>
    </>
  );
  return param ? (
    <Link href={`/paths?from=${encodeURIComponent(param)}`} className={`${BOX} border-slate-300 bg-white hover:border-sky-500 dark:border-slate-600 dark:bg-slate-900`} title={`Paths from ${label}`}>
      {body}
    </Link>
  ) : (
    <span className={`${BOX} border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900`}>{body}</span>
  );
}

function Arrow({ n, technique }: { n: number; technique: string }) {
  return (
    <span className="inline-flex flex-col items-center px-1 text-xs text-slate-600 dark:text-slate-300" aria-label={`step ${n}: ${technique}`}>
      <span className="font-mono font-semibold">{n}. {technique}</span>
      <span aria-hidden="true" className="text-base leading-none text-slate-400">⟶</span>
    </span>
  );
}

export function PathChain({ path }: { path: PathView }) {
  return (
    <figure aria-label={`Path from ${path.fromLabel} to ${path.toLabel}`} className="flex flex-wrap items-center gap-x-1 gap-y-2" data-testid="path-chain">
      <Identity label={path.fromLabel} />
      {path.steps.map((s, i) => {
        const last = i === path.steps.length - 1;
        return (
          <span key={i} className="contents">
            <Arrow n={i + 1} technique={s.technique} />
            {s.node !== undefined ? (
              <span className={`${BOX} border-orange-400 bg-orange-50 font-medium text-orange-900 dark:border-orange-600 dark:bg-orange-950/40 dark:text-orange-100`}>{s.node === '*' ? 'root on a node' : `root on node ${s.node}`}</span>
            ) : s.reachesParam && !last ? (
              <Identity label={s.reaches} param={s.reachesParam} />
            ) : (
              <span className={`${BOX} border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900`}><span className="break-words">{s.reaches}</span></span>
            )}
          </span>
        );
      })}
      {path.to !== 'node' ? (
        <>
          <span aria-hidden="true" className="px-1 text-slate-400">=</span>
          <span className={`${BOX} border-rose-500 bg-rose-50 font-semibold text-rose-900 dark:border-rose-600 dark:bg-rose-950/40 dark:text-rose-100`}>{path.toLabel}</span>
        </>
      ) : null}
    </figure>
  );
}
